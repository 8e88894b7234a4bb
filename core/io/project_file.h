#pragma once
// A project file as the program keeps it: the project and the runs saved beside it.
//
// Runs live in a folder next to the project file, "<stem>.runs/", one self-contained run file each
// (run-001.yaml, oldest first): the project file stays what the user wrote, a run can be shown,
// compared and exported whatever the project has become, and no file grows with the history.

#include "model/project.h"
#include "run/run.h"
#include "util/diagnostic.h"

#include <string>
#include <vector>

namespace kapla::io {

/// A project and its saved runs, oldest first (`kapla export --run N` counts from 1).
struct ProjectFile {
    Project project;
    std::vector<RunPtr> runs;
    /// How many of `runs` (the first ones) the project file itself holds, as older versions kept
    /// them; saving moves them into the runs folder.
    std::size_t inlineRuns = 0;
};

/// The folder the runs of the project file at `projectPath` are kept in: "<dir>/<stem>.runs".
std::string runsFolderFor(const std::string& projectPath);
/// The file name of the `index`-th run (0-based) in a runs folder: "run-001.yaml".
std::string runFileName(std::size_t index);

/// The run files in the runs folder of the project file at `projectPath`, oldest first.
std::vector<std::string> runFilesOf(const std::string& projectPath);

/// Loads a project file with its runs: those older versions kept inside it, then those of its runs
/// folder. A run file that cannot be read is skipped with its problems as warnings, so a damaged run
/// never keeps the project from opening.
Result<ProjectFile> loadProjectWithRuns(const std::string& path, Diagnostics* warnings = nullptr);

/// Writes the runs of the project file at `projectPath` into its runs folder. Files whose text is
/// unchanged are not rewritten, files of runs no longer listed are deleted, and the folder is removed
/// when no run is left. Errors name the path.
Diagnostics saveRuns(const std::string& projectPath, const std::vector<RunPtr>& runs);

} // namespace kapla::io
