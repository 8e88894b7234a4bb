#pragma once
// How a solve ended, with the keywords files and the command line use for it.

#include <optional>
#include <string_view>

namespace kapla {

/// How a solve ended.
enum class Termination {
    Converged,  ///< the search finished its space (exhaustive) or its method (KAPLA)
    Budget,     ///< a time or evaluation budget ended it; the best found is returned (if any: the
                ///< exhaustive search has none when its budget ends before its last layer)
    Cancelled,  ///< the stop token was triggered; the best found so far is returned (if any)
    NoSchedule, ///< no valid schedule exists (diagnostics say why)
    Failed,     ///< invalid input or an internal error (diagnostics say why)
};

/// Keyword of a termination ("converged", "budget", "cancelled", "no-schedule", "failed").
std::string_view terminationKeyword(Termination t);
/// The termination of a keyword, or none for an unknown word.
std::optional<Termination> terminationFromKeyword(std::string_view keyword);

} // namespace kapla
