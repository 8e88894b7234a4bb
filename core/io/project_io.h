#pragma once
// Reading and writing networks, architectures, options and projects as YAML files.

#include "model/architecture.h"
#include "model/network.h"
#include "model/options.h"
#include "model/project.h"
#include "run/run.h"
#include "util/diagnostic.h"

#include <string>
#include <variant>
#include <vector>

namespace kapla::io {

/// The kinds of KAPLA Studio files, told apart by their top-level key.
/// Evaluation: the JSON `kapla solve/evaluate --json` writes (io/evaluation_io.h).
enum class FileKind { Project, Network, Architecture, Options, Schedule, Run, Sweep, Evaluation, Unknown };

/// Loads a network file (top-level `network:`).
Result<Network> loadNetworkFile(const std::string& path);
/// Loads an architecture file (top-level `architecture:`).
Result<ArchitectureSpec> loadArchitectureFile(const std::string& path);
/// Loads an options file (top-level `options:`).
Result<Options> loadOptionsFile(const std::string& path);
/// Loads a project file and the files it includes (paths relative to the project file). Problems
/// that do not stop it from loading go to `warnings` if given; the runs older versions kept inside
/// the project file go to `legacyRuns` if given (io::loadProjectWithRuns also reads the runs folder).
Result<Project> loadProjectFile(const std::string& path, Diagnostics* warnings = nullptr,
                                std::vector<RunPtr>* legacyRuns = nullptr);
/// A network file, or else a project file (with its includes): the file is read once, so that a pipe
/// (`<(cat net.yaml)`, /dev/stdin) works too.
Result<std::variant<Network, Project>> loadNetworkOrProjectFile(const std::string& path);
/// The files reading the project file `projectPath` reads: itself and the network, architecture and
/// options files it includes (resolved against its folder).
std::vector<std::string> projectInputFiles(const std::string& projectPath, const Project& project);
/// Loads a run file (top-level `run:`): the project as solved, the schedule and how the search ended;
/// the schedule is evaluated again on the run's project.
Result<RunPtr> loadRunFile(const std::string& path, Diagnostics* warnings = nullptr);

/// Parses YAML text as a file of the given kind; `fileName` appears in diagnostics.
Result<Network> parseNetwork(const std::string& text, const std::string& fileName);
Result<ArchitectureSpec> parseArchitecture(const std::string& text, const std::string& fileName);
Result<Options> parseOptions(const std::string& text, const std::string& fileName);
/// Parses project text; includes are resolved relative to `baseDir`.
Result<Project> parseProject(const std::string& text, const std::string& fileName, const std::string& baseDir,
                             Diagnostics* warnings = nullptr);

/// The kind of a file by its top-level key (Unknown if unreadable or none matches).
FileKind detectFileKind(const std::string& path);

/// Loads any KAPLA Studio file and checks it fully (shapes, architecture, options).
Diagnostics validateFile(const std::string& path);

/// YAML text of each file kind (with `version: 1`); loading it gives back an equal value.
std::string networkToYaml(const Network& network);
std::string architectureToYaml(const ArchitectureSpec& arch);
std::string optionsToYaml(const Options& options);
/// A project; parts with a path are written as that path unless `inlineAll`.
std::string projectToYaml(const Project& project, bool inlineAll = false);
/// A run file: the run's project written whole (inline), its schedule and how it ended.
std::string runToYaml(const Run& run);

} // namespace kapla::io
