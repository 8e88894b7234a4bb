#pragma once
// Shared pieces of the `kapla` verbs: diagnostics printing, number parsing, JSON output.

#include "exit_code.h"

#include "cost/evaluation.h"
#include "model/resolved_project.h"
#include "schedule/schedule.h"
#include "util/diagnostic.h"

#include <nlohmann/json.hpp>

#include <charconv>
#include <optional>
#include <stop_token>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

namespace kapla::cli {

/// Prints each diagnostic on its own line to stderr.
void printDiagnostics(const Diagnostics& diags);

/// Loads a project file (its saved runs aside) and resolves its architecture; prints the
/// diagnostics and returns none when either fails.
std::optional<ResolvedProject> loadResolvedProject(const std::string& path);
/// The whole string as a number of type T (no sign for unsigned types), or nothing.
template <typename T = int>
std::optional<T> parseNumber(const std::string& s)
{
    T v{};
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc() || ptr != s.data() + s.size())
        return std::nullopt;
    return v;
}

/// The evaluation of a schedule file on a project, or none after saying why on stderr and setting
/// `exit`: the schedule does not fit the project (NoSchedule), or its totals overflow the cost model
/// (InvalidInput: inputs of extreme magnitude).
std::optional<Evaluation> evaluateScheduleFile(const ResolvedProject& project, const Schedule& schedule,
                                               const std::string& schedulePath, const std::string& projectPath,
                                               ExitCode& exit);

/// True when every output (a file name, or "-" for stdout) spares the inputs of the command; else
/// false, with the output that would overwrite an input (by file identity) named on stderr.
bool outputsSpareInputs(const std::vector<std::string>& outputs, const std::vector<std::string>& inputs);

/// Writes text to a file (atomically), or to stdout for "-"; false (with a message on stderr) on failure.
bool writeOutputText(const std::string& text, const std::string& out);
/// writeOutputText of the JSON, indented.
bool writeJson(const nlohmann::json& json, const std::string& out);

/// Prints the per-layer table and the totals of an evaluation to stdout.
void printEvaluationSummary(const Evaluation& e, const std::string& energyUnit);

/// While it lives, Ctrl-C (SIGINT) requests a stop instead of ending the program, so that a verb can
/// keep what it has; the previous handler comes back when it ends.
class StopOnInterrupt
{
public:
    StopOnInterrupt();
    ~StopOnInterrupt();
    StopOnInterrupt(const StopOnInterrupt&) = delete;
    StopOnInterrupt& operator=(const StopOnInterrupt&) = delete;

    std::stop_token token() const { return m_stop.get_token(); }
    bool interrupted() const { return m_stop.stop_requested(); }

private:
    std::stop_source m_stop;
    void (*m_previous)(int) = nullptr;
    std::jthread m_watcher;
};

/// Arguments after the verb.
using Args = std::vector<std::string>;

/// True if the arguments ask for help: one of them is -h or --help (the verb's usage goes to stdout).
bool wantsHelp(const Args& args);

/// The usage text of each verb: printed to stdout for --help, and after a usage error to stderr.
extern const char* const kValidateUsage;
extern const char* const kShowUsage;
extern const char* const kEvaluateUsage;
extern const char* const kSolveUsage;
extern const char* const kExportUsage;
extern const char* const kImportUsage;
extern const char* const kCompareUsage;
extern const char* const kSweepUsage;

ExitCode runValidate(const Args& args);
ExitCode runShow(const Args& args);
ExitCode runEvaluate(const Args& args);
ExitCode runSolve(const Args& args);
/// Writes a figure or the schedule file of a result; both need a GUI build (KAPLA_BUILD_GUI).
ExitCode runExport(const Args& args);
/// Imports an ONNX model as a network file, with the import report.
ExitCode runImport(const Args& args);
/// Compares two runs (saved runs, run files or evaluated schedules): inputs, totals, layers, directives.
ExitCode runCompare(const Args& args);
/// Solves every point of a sweep file (or a shard of them), merges shards, or writes a Slurm or GNU
/// parallel job for them.
ExitCode runSweep(const Args& args);

} // namespace kapla::cli
