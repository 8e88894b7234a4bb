#pragma once
// KAPLA's spatial replication (fill_stack, KAPLA spec §4.3) applied to the choices nn_dataflow's
// model offers: the PE-array replication (one of the mapping's descriptors) and the node partition
// (its factors per parallelism, after the whole-layer REGF fill as in KAPLA's bottom-up pass).

#include "cost/map_strategy.h"
#include "solve/kapla/layer_problem.h"

#include <array>
#include <vector>

namespace kapla::ksolve {

/// fill_stack at the PE array: for each REGF-level innermost loop (IFM, OFM, BAT), the index of the
/// descriptor in `nlds` whose replication is closest to the one fill_stack assigns.
PerLoop<int> replicationChoices(const PartitionedLayer& pl, const std::vector<NestedLoopDesc>& nlds, PhyDim2 array,
                                MappingKind kind);

/// fill_stack at the node level, after the whole-layer REGF fill: the partition factors KAPLA's
/// bottom-up pass picks for each pair of innermost loops, distinct, in order of first appearance.
std::vector<std::array<PhyDim2, kNumParallels>> nodeFillTargets(const LayerProblem& p);

} // namespace kapla::ksolve
