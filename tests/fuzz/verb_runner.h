#pragma once
// Runs one `kapla` verb in a forked child of the fuzzer, in-process (no exec), with a bound on its
// time and memory, and says how it ended.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kapla::fuzz {

/// How a verb run ended, worst last.
enum class Outcome {
    Ok,                  ///< exit 0
    Diagnostic,          ///< exit 1, every error naming file:line:column (or the file, for a file-level one)
    UnlocatedDiagnostic, ///< exit 1 with an error that names no file
    NoSchedule,          ///< exit 2
    Cancelled,           ///< exit 3 (a budget ended without a schedule)
    ValidateMissed,      ///< validate accepted the file, and this verb refused it as invalid input
    AcceptedInvalid,     ///< exit 0 on a file validate refused
    InternalError,       ///< exit 4, or any other status
    Signal,              ///< killed by a signal (a crash, or the memory bound)
    Hang,                ///< still running at the time bound
};

inline constexpr int kNumOutcomes = 10;

/// The keyword of an outcome, for reports.
std::string_view outcomeName(Outcome outcome);

/// True for the outcomes that are bugs whatever the input: a crash, a hang or an internal error.
bool isFailure(Outcome outcome);

/// Bounds of one verb run.
struct RunLimits {
    int seconds = 30;                               ///< wall-clock time, then SIGKILL
    std::size_t memoryBytes = std::size_t{2} << 30; ///< address space (RLIMIT_AS); 0 for none
};

/// The end of one verb run.
struct VerbRun {
    Outcome outcome = Outcome::Ok;
    int exitCode = -1;      ///< when it exited
    int signal = 0;         ///< when a signal ended it
    std::string stderrText; ///< the first 64 KiB of what it printed on stderr
};

/// Runs `kapla VERB ARGS...` (args[0] is the verb) in a child; its stdout is discarded.
VerbRun runVerb(const std::vector<std::string>& args, const RunLimits& limits);

/// The outcome an exit code and stderr text stand for (for exit 1: whether every error is located).
Outcome classifyExit(int exitCode, const std::string& stderrText);

} // namespace kapla::fuzz
