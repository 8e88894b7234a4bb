#pragma once
// Loop-blocking search of one nested-loop descriptor: exhaustive enumeration with skip_conv, or the
// analytical GBUF-reside solver (model spec §4.8).

#include "cost/loop_blocking.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace kapla {

/// Restrictions on the top (DRAM-level) blocking imposed by the inter-layer schedule (§4.8, §5.5).
struct TopBlockingConstraint {
    int topbat = 0;          ///< required top-level batch factor (0 = free)
    int topifm = 0;          ///< required top-level input-channel factor (0 = free)
    int topofm = 0;          ///< required top-level output-channel factor (0 = free)
    bool checkOrder = false; ///< pipeline constraint: the grouped loops must also be outermost

    /// The reference's is_valid_top_bl (with the pipeline loop-order rule when checkOrder is set).
    bool isValidTopBl(const PerLoop<int>& t0, const PerLoop<int>& ord0) const;
};

/// A blocking with its statistics and its position in the enumeration (the stable tie-break).
struct LoopBlockingCandidate {
    BlockingSpec blocking;
    LoopBlockingStats stats;
    std::int64_t seq = 0; ///< enumeration index; earlier wins ties
};

/// The (ti, to) pairs a search covers: those whose pair index is `index` modulo `count`.
struct LoopBlockingSlice {
    int index = 0;
    int count = 1;
};

/// True if `a` ranks before `b` under the loop-blocking key of `goal` (§3.5; enumeration order on ties).
bool loopBlockingRanksBefore(const LoopBlockingCandidate& a, const LoopBlockingCandidate& b, Goal goal);

/// skip_conv: true if the blocking is equivalent to, or dominated by, a canonical one (§4.8).
bool skipConvBlocking(const BlockingSpec& blocking);

/// The analytical solver's blocking with `reside` resident in GBUF, if its constraints can be met.
std::optional<BlockingSpec> solveGbufReside(const NestedLoopDesc& nld, const Resource& resource, DataCategory reside);

/// Exhaustive path: the stable top-`ntops` valid schemes of a slice; solver path (when the options ask
/// for it and the data loops are a convolution's): every valid solved scheme, unranked, in reside order.
std::vector<LoopBlockingCandidate> searchLoopBlocking(const NestedLoopDesc& nld, const LoopBlockingContext& ctx,
                                                      const TopBlockingConstraint& constraint,
                                                      LoopBlockingSlice slice = {});

/// Merges slice results into the stable global top-`ntops` (identical to a single-slice search).
std::vector<LoopBlockingCandidate> mergeLoopBlockingTops(const std::vector<std::vector<LoopBlockingCandidate>>& parts,
                                                         int ntops, Goal goal);

} // namespace kapla
