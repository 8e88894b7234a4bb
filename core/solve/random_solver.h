#pragma once
// The random-search baseline (solver spec §6.3): the exhaustive network search with every enumeration
// stage thinned by seeded Bernoulli sampling.

#include "solve/sampling_policy.h"
#include "solve/solver.h"

namespace kapla {

/// Random search over constraint combinations, partitions and loop blockings with `probabilities`;
/// deterministic for settings.seed whatever the thread count (without a time budget). When the time or
/// evaluation budget ends it completes the schedule keeping one element per stage and returns Budget;
/// on a stop request it does the same within 100 ms and returns Cancelled (without a schedule if the
/// wind-down could not finish in time). `evaluations` counts (blocking, orders) points evaluated.
SolveResult solveRandom(const Project& project, const SolveSettings& settings, std::stop_token stop,
                        const ProgressCallback& progress, const SamplingProbabilities& probabilities = {});

} // namespace kapla
