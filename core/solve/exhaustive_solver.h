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
/// schedule through the layers done so far (the complete one at the end). A stop request returns
/// Cancelled without a schedule: the beam search completes one only at the last layer.
SolveResult solveExhaustive(const Project& project, const SolveSettings& settings, std::stop_token stop,
                            const ProgressCallback& progress);

} // namespace kapla
