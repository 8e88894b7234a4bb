#pragma once
// The ML-based baseline (solver spec §6.4): the network beam search with an AutoTVM-style tuner
// (ml/ml_layer_search.h) as the per-layer search.

#include "solve/solver.h"

namespace kapla {

/// ML-based search: constraint combinations thinned as in the random search, each layer under each
/// condition tuned with the learned cost model (XGBoost, or the in-tree ridge model without it; the
/// message names it). Budget, stop and determinism as solveRandom; `evaluations` counts (blocking,
/// orders) points evaluated.
SolveResult solveMl(const Project& project, const SolveSettings& settings, std::stop_token stop,
                    const ProgressCallback& progress);

} // namespace kapla
