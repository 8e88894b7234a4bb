#pragma once
// The KAPLA solver (KAPLA spec §3–§4): fast segment pruning with estimated costs, a DP over the kept
// segments, and the bottom-up cost-descending intra-layer pass; the result is re-evaluated by the
// reference evaluator, so its numbers compare directly with the exhaustive search's.

#include "solve/solver.h"

namespace kapla {

class KaplaMemo;

/// Solves the project with KAPLA; deterministic for a seed whatever the thread count. A stop request
/// returns, within `settings.windDown`, the best partial schedule of the DP with each remaining layer
/// as its own segment solved by the intra-layer pass (Cancelled), or says that none could be completed.
/// With a memo (solve/kapla/kapla_memo.h) it reuses the per-layer work of earlier solves under the
/// same inputs and adds its own: the result is the same as without.
SolveResult solveKapla(const Project& project, const SolveSettings& settings, std::stop_token stop,
                       const ProgressCallback& progress, KaplaMemo* memo = nullptr);

/// kapla::solve (solve/solver.h) with a memo for the KAPLA solver; the other solvers take none.
SolveResult solve(const Project& project, const SolveSettings& settings, std::stop_token stop,
                  const ProgressCallback& progress, KaplaMemo* kaplaMemo);

} // namespace kapla
