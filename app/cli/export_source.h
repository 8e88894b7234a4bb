#pragma once
// What `kapla export` writes: the result named by --schedule, --solve or --run. The one place that
// turns the request into a result, so a new result type changes only export_source.cpp.

#include "cli/export_request.h"
#include "exit_code.h"

#include "run/run.h"

#include <string>

namespace kapla::cli {

/// The result to write, or none with the exit code (its reasons are already on stderr).
struct ExportSource {
    RunPtr result;
    ExitCode exit = ExitCode::Ok;
};

/// Loads the project and makes its result from the request's --schedule, --solve or --run; `today`
/// (ISO 8601) dates a result unless the request gives --date or a saved run has its own day.
ExportSource loadExportSource(const ExportRequest& request, const std::string& today);

} // namespace kapla::cli
