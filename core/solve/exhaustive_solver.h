#pragma once
// The exhaustive search of nn_dataflow (model spec §4.1–§4.9, §5): the reference optimum.

#include "solve/solver.h"

namespace kapla {

/// Layer-wise greedy beam search over segments with exhaustive intra-layer search; multi-threaded,
/// deterministic whatever the thread count, cancellable within 100 ms.
SolveResult solveExhaustive(const Project& project, const SolveSettings& settings, std::stop_token stop,
                            const ProgressCallback& progress);

} // namespace kapla
