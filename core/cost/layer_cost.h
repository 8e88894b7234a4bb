#pragma once
// Per-layer energy from loop-blocking statistics and NoC hops (model spec §3.3).

#include "cost/evaluation.h"
#include "cost/loop_blocking.h"
#include "model/architecture.h"

namespace kapla {

/// Fills the statistics and energy of `out` from a valid blocking's stats and the unit hops of §4.3.
void fillLayerCost(LayerEvaluation& out, const LoopBlockingStats& stats, const PerCategory<double>& unitNhops,
                   const EnergyCosts& energy);

} // namespace kapla
