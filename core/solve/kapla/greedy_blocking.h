#pragma once
// KAPLA's per-order-pair construction of a loop blocking on one nested-loop descriptor (KAPLA spec
// §4.2): constraint check, REGF block growth (fill_regf_tensor) with the REGF-level order, GBUF
// block growth (fill_gbuf_tensor) with the GBUF-level order, and the DRAM level takes the rest.
//
// KAPLA's dims inside one nn_dataflow loop (e.g. batch and fmap-row folds in BAT) are merged here,
// as its own conversion (§4.6) merges them, so the blocking is exactly one the reference evaluator
// takes: top = DRAM-level factors, middle = GBUF block, bottom = REGF block.

#include "cost/loop_blocking.h"
#include "cost/loop_blocking_search.h"
#include "solve/kapla/cost_descending.h"

#include <array>
#include <optional>
#include <tuple>
#include <vector>

namespace kapla::ksolve {

/// The six loop orders (position per loop, 0 = innermost) in lexicographic order.
const std::array<PerLoop<int>, 6>& loopOrders();

/// The constrained top factors a blocking must take, after KAPLA's on-chip source/destination rule.
struct TopFactors {
    PerLoop<int> top{0, 0, 0}; ///< required DRAM-level factor per loop (0 = free)
    bool feasible = true;      ///< false if a constrained factor cannot divide its loop
};

/// §4.2.1: the constraint's top factors (IFM, OFM, BAT), rejected if a loop count is smaller or not a
/// multiple; `forceOnChip` additionally pins to 1 the free loops irrelevant to on-chip data (an on-chip
/// source or destination can be read or written only once).
TopFactors checkConstraint(const LoopBlockingPrecomp& pc, const TopBlockingConstraint& c, bool forceOnChip);

/// The evaluator's buffer-capacity test (§4.6 step 6) on a precomputed descriptor, without building
/// a scheme state: the fills call it thousands of times per partition.
class CapacityCheck
{
public:
    explicit CapacityCheck(const LoopBlockingPrecomp& pc);
    /// True if blocks of `gbuf`·`regf` (GBUF) and `regf` (REGF) fit, exactly as fitsBuffersBeforeFetch.
    bool fits(const PerLoop<int>& gbuf, const PerLoop<int>& regf) const;

private:
    PerCategory<unsigned> m_loops{0, 0, 0};
    PerCategory<double> m_usizeGbuf{0, 0, 0};
    PerCategory<double> m_usizeRegf{0, 0, 0};
    PerCategory<double> m_stored{1, 1, 1};
    PerCategory<int> m_subgroup{1, 1, 1};
    double m_sizeGbuf = 0;
    double m_sizeRegf = 0;
};

/// Builds one blocking per loop-order pair from the fills, caching the fills by innermost loop.
/// With `steppedDownLoop`, the REGF fill's factor of that loop is taken one divisor smaller: the
/// fill grows the REGF block as far as it fits, which can leave the GBUF one unit short of holding a
/// whole loop (a systolic 1x1 convolution keeps 8 batch units in REGF where 7 let the GBUF hold all
/// input channels, and pays 15 % more), so the step-down gives the GBUF fill that room.
class GreedyBlocking
{
public:
    GreedyBlocking(const LoopBlockingPrecomp& pc, const TopFactors& top, std::optional<int> steppedDownLoop = {});

    /// The REGF block after fill_regf_tensor with this REGF-level innermost loop (nullopt: no fit).
    std::optional<PerLoop<int>> regfBlock(int innerRegf);
    /// The GBUF block after fill_gbuf_tensor (given the REGF block of `innerRegf`).
    std::optional<PerLoop<int>> gbufBlock(int innerRegf, int innerGbuf);
    /// The blocking for a pair of orders: tvals {DRAM, GBUF, REGF} and orders {GBUF-level, REGF-level};
    /// nullopt if a fill fails or a constrained loop is not covered exactly.
    std::optional<BlockingSpec> build(const PerLoop<int>& orderGbuf, const PerLoop<int>& orderRegf);

private:
    PerLoop<int> remainAfterTop() const;
    /// The block with the factor of `loop` replaced by the next smaller divisor of its count.
    std::optional<PerLoop<int>> steppedDown(PerLoop<int> block, int loop) const;
    bool fits(const PerLoop<int>& regf, const PerLoop<int>& gbuf) const;

    const LoopBlockingPrecomp& m_pc;
    CapacityCheck m_capacity;
    TopFactors m_top;
    std::optional<int> m_steppedDown;
    DimSpace m_space;
    PerCategory<double> m_sizes{0, 0, 0};
    std::array<std::optional<std::optional<PerLoop<int>>>, 3> m_regf;
    /// GBUF fills by (REGF block, GBUF-level innermost loop): different REGF orders often give one block.
    std::vector<std::tuple<PerLoop<int>, int, std::optional<PerLoop<int>>>> m_gbuf;
};

/// Every distinct blocking of the order pairs whose REGF-level innermost loop is in `regfInners`
/// (bitmask over loops), GBUF order outer, in lexicographic order, from the plain fills and then
/// with each loop's REGF factor stepped down; `forceOnChip` pins the loops that would re-fetch
/// on-chip data (the retry when the plain fills re-fetch it); `stepDown` false leaves out the
/// step-down variants. At most kGreedyVariants blockings per order pair.
inline constexpr std::size_t kGreedyVariants = 4;
std::vector<BlockingSpec> greedyBlockings(const LoopBlockingPrecomp& pc, const TopBlockingConstraint& c,
                                          unsigned regfInners, bool forceOnChip = false, bool stepDown = true);

/// The same blockings appended to `out`: a caller that clears and reuses one list saves the
/// allocation per call (a layer solve makes thousands of calls).
void appendGreedyBlockings(const LoopBlockingPrecomp& pc, const TopBlockingConstraint& c, unsigned regfInners,
                           bool forceOnChip, bool stepDown, std::vector<BlockingSpec>& out);

} // namespace kapla::ksolve
