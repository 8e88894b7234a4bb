#pragma once
// The figure of `kapla compare --figure`. Drawing it needs Qt, so it lives in compare_figure.cpp (a
// GUI build) or export_unavailable.cpp (none).

#include "exit_code.h"

#include "report/run_compare.h"

#include <string>

namespace kapla::cli {

/// Writes the comparison chart to `path` (PNG, PDF or SVG by its extension); `description` is the
/// line under the title, `day` (ISO 8601) dates the file. Reasons go to stderr.
ExitCode writeComparisonFigure(const RunComparison& comparison, const std::string& description, const std::string& day,
                               const std::string& path);

} // namespace kapla::cli
