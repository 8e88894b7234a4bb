#pragma once
// The exit codes of the command-line contract (README, "Command line"): kapla, its verbs and
// kapla-studio all return these, so a script can tell a bad input from a schedule that cannot exist.

namespace kapla {

/// How a program ended, as its process exit status.
enum class ExitCode : int { Ok = 0, InvalidInput = 1, NoSchedule = 2, Cancelled = 3, InternalError = 4 };

/// The value to return from main().
constexpr int exitStatus(ExitCode code) noexcept { return static_cast<int>(code); }

} // namespace kapla
