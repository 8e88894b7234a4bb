#pragma once
// Shared pieces of the `kapla` verbs: exit codes, diagnostics printing, JSON output.

#include "cost/evaluation.h"
#include "model/resolved_project.h"
#include "util/diagnostic.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace kapla::cli {

/// The CLI contract's exit codes.
enum ExitCode : int { Ok = 0, InvalidInput = 1, NoSchedule = 2, Cancelled = 3, InternalError = 4 };

/// Prints each diagnostic on its own line to stderr.
void printDiagnostics(const Diagnostics& diags);

/// Loads a project file (its saved runs aside) and resolves its architecture; prints the
/// diagnostics and returns none when either fails.
std::optional<ResolvedProject> loadResolvedProject(const std::string& path);

/// Writes JSON to a file, or to stdout for "-"; false (with a message on stderr) on failure.
bool writeJson(const nlohmann::json& json, const std::string& out);

/// Prints the per-layer table and the totals of an evaluation to stdout.
void printEvaluationSummary(const Evaluation& e, const std::string& energyUnit);

/// Arguments after the verb.
using Args = std::vector<std::string>;

/// True if the arguments ask for help: one of them is -h or --help (the verb's usage goes to stdout).
bool wantsHelp(const Args& args);

/// The usage text of each verb: printed to stdout for --help, and after a usage error to stderr.
extern const char* const kValidateUsage;
extern const char* const kShowUsage;
extern const char* const kEvaluateUsage;
extern const char* const kSolveUsage;

int runValidate(const Args& args);
int runShow(const Args& args);
int runEvaluate(const Args& args);
int runSolve(const Args& args);

} // namespace kapla::cli
