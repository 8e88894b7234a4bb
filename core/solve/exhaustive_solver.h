#pragma once
// The exhaustive search of nn_dataflow (model spec §4.1–§4.9, §5): the reference optimum.

#include "solve/solver.h"

namespace kapla {

/// Layer-wise greedy beam search over segments with exhaustive intra-layer search; multi-threaded,
/// deterministic whatever the thread count, cancellable within 100 ms.
///
/// The result is re-evaluated with evaluateSchedule (SolveResult::evaluation) and also carries the
/// search's own totals (searchCost/searchTime; a warning diagnostic if they differ). `evaluations`
/// counts the loop blockings of the searched spaces (each ranked space once, most candidates pruned
/// by the capacity and skip rules). Progress reports carry, as bestCost, the cost of the best partial
/// schedule through the layers done so far (the complete one at the end).
///
/// The time and evaluation budgets of `settings` (loop blockings enumerated, checked at every layer
/// step, so the same for any thread count) stop the search as a stop request does. A stopped search
/// (Cancelled, or Budget) returns the best schedule of the segments searched in the last layer if it
/// stopped there; otherwise, within `settings.windDown`, its deepest partial schedule with each
/// remaining layer as its own segment searched at minimum sampling (not the optimum). If even that
/// cannot finish in time, there is no schedule and the message says where the search stopped.
SolveResult solveExhaustive(const Project& project, const SolveSettings& settings, std::stop_token stop,
                            const ProgressCallback& progress);

} // namespace kapla
