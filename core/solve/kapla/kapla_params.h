#pragma once
// Tunables of the KAPLA solver: the original's hard-coded constants, exposed (KAPLA spec §9).

#include <chrono>

namespace kapla::ksolve {

/// Constants of the fast segment pruning, the intra-layer pass and its fallback.
struct KaplaParams {
    /// k of the k-best segment-chain DP (explore_n_seg_sets; the original's 4 keeps too few: ZFNet ends
    /// 14 % above the optimum). 0 keeps every segment and leaves the choice to `segmentMargin`.
    int exploreSegmentSets = 0;
    double partitionSampleRatio = 0.3; ///< share of node partitions sampled per layer estimate (part_esti_ratio)
    int partitionSampleMax = 16;       ///< at most this many sampled partitions (part_esti_abs_max_num)
    int refinedPartitions = 3;    ///< sampled partitions (best by the coarse estimate) refined by the greedy blocking
    int screenedShapes = 48;      ///< partition shapes kept by the screening (lite blockings, no hops)
    int rankedShapes = 6;         ///< partition shapes (factors per parallelism) kept by the first ranking
    int exactPartitions = 6;      ///< partitions (shape and order) evaluated exactly
    int exactBlockings = 6;       ///< greedy blockings per partition evaluated exactly
    bool everyReplication = true; ///< try every replication choice of the mapping, not only fill_stack's
                                  ///< (its pick alone loses 1–2 % on FC layers, e.g. mlp_s fc1)
    bool everyPartition = false;  ///< evaluate every partition and blocking exactly (slow; for quality studies)
    /// Per ending layer, the segments whose estimated total (real cost so far plus the segment's
    /// estimate) is within this fraction of the best are solved, best first.
    double segmentMargin = 0.05;
    int solvedCombinations = 1;   ///< combinations per segment that must give a schedule, tried best estimate first
    bool dominancePruning = true; ///< then KAPLA's rule: generation order, skipping dominated combinations
    int dominanceAttempts = 1;    ///< at most this many combinations solved by KAPLA's rule per segment
    /// Input layouts tried (by the first layer alone) before the DP: 1 is KAPLA's (the first one),
    /// 0 every partition of the input over its source region (helps mlp_s by 0.4 %, costs others up to 0.5 %).
    int inputLayouts = 1;
    /// After a stop request: the time to complete the DP's best partial schedule (SolveSettings::windDown).
    std::chrono::milliseconds windDown{500};
};

} // namespace kapla::ksolve
