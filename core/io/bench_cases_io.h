#pragma once
// Reading the cases file of kapla-bench: a list of projects in short form over shared defaults.

#include "model/project.h"
#include "util/diagnostic.h"

#include <string>
#include <vector>

namespace kapla::io {

/// Loads a kapla-bench cases file (top-level `version`, `defaults`, `cases`) and the files its cases
/// include. Each case (network, batch, architecture, options, name; a key it leaves out comes from
/// `defaults:`) becomes one project: options may be a preset keyword, a path or a mapping; the name
/// defaults to "<network file stem>-b<batch>-<options label>"; part paths are resolved against the
/// cases file's directory (empty for a part given inline); the project has no runs.
Result<std::vector<Project>> loadBenchCasesFile(const std::string& path);

/// Parses cases text as loadBenchCasesFile does; `fileName` appears in diagnostics, relative paths
/// start from `baseDir`.
Result<std::vector<Project>> parseBenchCases(const std::string& text, const std::string& fileName,
                                             const std::string& baseDir);

} // namespace kapla::io
