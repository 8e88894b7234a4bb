#pragma once
// Reading sweep files (top-level `sweep:`): the base project, the parameters and their values, how
// they combine and the constraints between them.

#include "sweep/sweep.h"
#include "util/diagnostic.h"

#include <string>

namespace kapla::io {

/// Loads a sweep file, the base project and the network files it names (paths relative to the sweep
/// file). An unknown parameter, an empty range or constraints that leave no point are errors naming
/// file:line:column.
Result<SweepSpec> loadSweepFile(const std::string& path);
/// Parses sweep text; `fileName` appears in diagnostics and paths are resolved against `baseDir`.
Result<SweepSpec> parseSweep(const std::string& text, const std::string& fileName, const std::string& baseDir);
/// Parses sweep text over a project already in memory (the window's open project, edits and all):
/// `sweep.base` is not read; `basePath` names that project's file (empty for an untitled one).
Result<SweepSpec> parseSweepOver(const std::string& text, const std::string& fileName, const std::string& baseDir,
                                 const Project& base, const std::string& basePath);

} // namespace kapla::io
