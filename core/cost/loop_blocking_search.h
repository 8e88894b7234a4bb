#pragma once
// Loop-blocking search of one nested-loop descriptor: exhaustive enumeration with skip_conv, or the
// analytical GBUF-reside solver (model spec §4.8).

#include "cost/loop_blocking.h"

#include <atomic>
#include <cstdint>
#include <functional>
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

/// Thins an exhaustive loop-blocking search (the random baseline, solver spec §6.3). A blocking is a
/// factor split (ti, to, tb) with all its orders; each one that passes the top-factor and capacity
/// checks is kept with `probability`, decided by a hash of (stream, its enumeration index), so the
/// choice does not depend on slicing or threads.
struct LoopBlockingSampler {
    std::uint64_t stream = 0;                         ///< per-search random stream
    double probability = 1;                           ///< Bernoulli probability per blocking
    std::function<bool()> exhausted;                  ///< once true, no further blocking is kept (may be empty)
    std::atomic<std::int64_t>* evaluations = nullptr; ///< incremented per evaluated (blocking, orders) point

    /// True if the blocking with enumeration index `index` is sampled.
    bool keeps(std::int64_t index) const;
};

/// The factor splits of a descriptor: ti × to × tb three-way factorisations, in enumeration order
/// (the first factor slowest), optionally restricted to a constraint's top factors.
struct LoopBlockingFactorSpace {
    std::vector<PerLoop<int>> ti, to, tb; ///< (top, GBUF, REGF) factors of each loop

    /// Number of factor splits.
    std::int64_t size() const { return static_cast<std::int64_t>(ti.size() * to.size() * tb.size()); }
    /// The factors of split `index` (0 <= index < size()) as tvals[level][loop].
    std::array<PerLoop<int>, 3> tvalsAt(std::int64_t index) const;
};

/// The factor splits of `nld`; with a constraint, only those whose top factors it allows.
LoopBlockingFactorSpace loopBlockingFactorSpace(const NestedLoopDesc& nld, const TopBlockingConstraint* constraint);

/// Enumeration indices (in the unrestricted factor space) of the splits that pass the constraint's top
/// factors and the order-independent capacity check: the population a sampled search draws from.
std::vector<std::int64_t> eligibleLoopBlockings(const NestedLoopDesc& nld, const LoopBlockingContext& ctx,
                                                const TopBlockingConstraint& constraint);

/// The stable top-`ntops` valid orders of one factor split (skip rules and constraint applied); empty
/// if none is valid. Adds the evaluated points to `evaluations` when given.
std::vector<LoopBlockingCandidate> searchLoopBlockingOrders(const NestedLoopDesc& nld, const LoopBlockingContext& ctx,
                                                            const TopBlockingConstraint& constraint,
                                                            const std::array<PerLoop<int>, 3>& tvals,
                                                            std::atomic<std::int64_t>* evaluations = nullptr);

/// True if `a` ranks before `b` under the loop-blocking key of `goal` (§3.5; enumeration order on ties).
bool loopBlockingRanksBefore(const LoopBlockingCandidate& a, const LoopBlockingCandidate& b, Goal goal);

/// skip_conv: true if the blocking is equivalent to, or dominated by, a canonical one (§4.8).
bool skipConvBlocking(const BlockingSpec& blocking);

/// The analytical solver's blocking with `reside` resident in GBUF, if its constraints can be met.
std::optional<BlockingSpec> solveGbufReside(const NestedLoopDesc& nld, const Resource& resource, DataCategory reside);

/// Exhaustive path: the stable top-`ntops` valid schemes of a slice (only the sampled blockings when a
/// sampler is given); solver path (when the options ask for it and the data loops are a convolution's):
/// every valid solved scheme, unranked, in reside order.
std::vector<LoopBlockingCandidate> searchLoopBlocking(const NestedLoopDesc& nld, const LoopBlockingContext& ctx,
                                                      const TopBlockingConstraint& constraint,
                                                      LoopBlockingSlice slice = {},
                                                      const LoopBlockingSampler* sampler = nullptr);

/// Merges slice results into the stable global top-`ntops` (identical to a single-slice search).
std::vector<LoopBlockingCandidate> mergeLoopBlockingTops(const std::vector<std::vector<LoopBlockingCandidate>>& parts,
                                                         int ntops, Goal goal);

} // namespace kapla
