#pragma once
// KAPLA's decoupled upper level (KAPLA spec §3.4): every candidate segment gets a cheap estimated
// cost from sampled node partitions, a k-best DP over segment chains keeps the segments of the best
// few chains, and every single-layer segment stays as a fallback. Fixes of §9: the partition sample
// is seeded (deterministic per seed, whatever the thread count) and the estimate is the minimum over
// all constraint combinations instead of the first feasible one.

#include "cost/pipeline_segment.h"
#include "cost/segment_constraint.h"
#include "model/project.h"
#include "solve/kapla/kapla_params.h"
#include "solve/segment_plan.h"

#include <cstdint>
#include <limits>
#include <map>
#include <stop_token>
#include <vector>

namespace kapla::ksolve {

class BlockingCache;

/// A candidate segment with what its estimate and its solve need.
using kapla::SegmentPlan;

/// The valid segments of the project with their constraint combinations, ordered by the position of
/// their last layer (generation order among equals); duplicates and segments without a valid
/// combination are left out. Single-layer segments are unconstrained. Empty on a stop request.
std::vector<SegmentPlan> planSegments(const Project& project, const Resource& top, const std::vector<LayerId>& order,
                                      const std::stop_token& stop = {});

/// Each layer alone on the whole chip, in scheduling order (a layer without a valid single-layer
/// segment has no plan): what a search stopped while planning completes its schedule from.
std::vector<SegmentPlan> singleLayerPlans(const Project& project, const Resource& top,
                                          const std::vector<LayerId>& order, const std::stop_token& stop);

/// True if the first layer of a combination constrains the batch and some layer's constrained blocks
/// cannot fit its region's GBUFs (§3.4 step 4; lazy topofm rules count as free).
bool combinationOverflows(const SegmentPlan& plan, const SegmentConstraintCombo& combo, const Network& network,
                          int batch, const Resource& top);

/// Inputs of a segment estimate besides the segment.
struct SegmentEstimateContext {
    const Project* project = nullptr;
    const EnergyCosts* energy = nullptr;
    const KaplaParams* params = nullptr;
    const Resource* top = nullptr; ///< the whole-chip resource (GBUF size and PE array)
    std::uint64_t seed = 1;
    std::stop_token stop;           ///< an estimate stops early (returning +inf) when requested
    BlockingCache* cache = nullptr; ///< scored greedy blockings shared with the final solves
};

/// The indices of the partitions sampled for one layer of one segment: min(⌈ratio·n⌉, max) of `n`,
/// uniformly without replacement from a generator seeded by (seed, segment, layer), ascending.
std::vector<std::size_t> samplePartitions(std::size_t n, const KaplaParams& params, std::uint64_t seed,
                                          std::size_t segment, std::size_t layer);

/// A segment's estimate: per combination and the best.
struct SegmentEstimate {
    double best = std::numeric_limits<double>::infinity();
    std::vector<double> combos; ///< per combination (+inf when it overflows or a layer has no estimate)

    /// Indices of the `count` best finite combinations, best first (generation order on ties).
    std::vector<std::size_t> bestCombos(int count) const;
};

/// §3.4 step 3: per combination that passes the occupancy check, Σ over layers of the best sampled
/// partition's estimate plus the idle energy of the longest spatial group; the best is the minimum
/// over all combinations (the original stopped at the first feasible one).
SegmentEstimate estimateSegmentCost(const SegmentPlan& plan, std::size_t segmentIndex,
                                    const SegmentEstimateContext& ctx);

/// §3.4 steps 6–7: the segments on the `k` cheapest chains that cover the scheduling order (`positions`
/// layers), plus every single-layer segment; everything when k exceeds the number of segments.
std::vector<bool> selectSegments(const std::vector<SegmentPlan>& plans, const std::vector<double>& costs,
                                 std::size_t positions, int k);

} // namespace kapla::ksolve
