#pragma once
// The partition choice of the intra-layer solver: every node partition of nn_dataflow's enumeration
// is screened with KAPLA's greedy blockings, the best few are ranked with estimated NoC hops, and the
// best orders of those go to the exact evaluation (KAPLA spec §4.2, §4.3 for the node level).

#include "solve/kapla/layer_problem.h"

#include <cstddef>
#include <memory>
#include <stop_token>
#include <utility>
#include <vector>

namespace kapla::ksolve {

/// The partitions chosen for exact evaluation and the scored blockings of their shapes.
struct RankedPartitions {
    std::vector<std::shared_ptr<const std::vector<ScoredBlocking>>> shapeBlockings; ///< per partition shape
    std::vector<std::pair<std::size_t, std::size_t>> candidates; ///< (partition index, shape index), best first
};

/// Screens every partition shape by its best lite blocking (fill_stack's replication, no hops), ranks
/// the best screened ones and KAPLA's node fill_stack shape by every replication plus estimated hops
/// (one order each), then ranks the orders of the best shapes the same way.
RankedPartitions rankPartitions(const LayerProblem& p, const std::vector<PartitionScheme>& all, SolveCounters& counters,
                                const std::stop_token& stop);

} // namespace kapla::ksolve
