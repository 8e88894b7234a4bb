#pragma once
// The checks and settings every solver starts with, and the result helpers they share.

#include "model/resolved_project.h"
#include "solve/network_search.h"
#include "solve/search_budget.h"
#include "solve/solver.h"

#include <cstdint>
#include <optional>
#include <string>

namespace kapla {

/// A project checked for solving: its resolved architecture and thread count, or why it cannot be solved.
struct SolveSetup {
    std::optional<ResolvedProject> problem; ///< set when the project can be solved
    int threads = 1;                        ///< worker threads to use
    SolveResult failure;                    ///< a Failed result saying why, when `problem` is empty
};

/// Checks the architecture, options, network and batch, and resolves the thread count (the settings',
/// then the project's option, then all cores; at most threadCap()).
SolveSetup prepareSolve(const Project& project, const SolveSettings& settings);

/// The hardware threads of this machine (at least 1).
int hardwareThreads();
/// The most worker threads a solve starts: a larger request is capped to this.
int threadCap();
/// The thread count the settings, then the project's option ask for; 0 for "all cores".
int requestedThreads(const SolveSettings& settings, const Options& options);

/// A Failed result with a message and diagnostics.
SolveResult failedResult(std::string message, Diagnostics diagnostics);

/// A NoSchedule result: `message`, then the first diagnostic's reason if there is one.
SolveResult noScheduleResult(std::string message, Diagnostics diagnostics, std::int64_t evaluations);
/// Re-evaluates the schedule a search found with the reference evaluator and stores it in `result` with
/// its evaluation and the search's own totals; if the evaluator rejects it (an internal error), `result`
/// becomes a Failed result naming `finder` (e.g. "KAPLA") that still carries the schedule, and false is returned.
bool attachEvaluation(SolveResult& result, const ResolvedProject& problem, Schedule schedule, double searchCost,
                      std::int64_t searchTime, const std::string& finder);

/// "energy E, time T cycles" for messages.
std::string totalsText(double cost, std::int64_t time);

/// The result of a sampling network search (random, ML): Cancelled, Budget or Converged, with the schedule
/// it completed re-evaluated by the reference evaluator; `method` names the search in the message.
SolveResult sampledSearchResult(const ResolvedProject& problem, NetworkSearchOutcome outcome,
                                const SearchBudget& budget, const std::string& method);

} // namespace kapla
