#include "solve/kapla/greedy_blocking.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <type_traits>

namespace kapla::ksolve {

namespace {

DimCounts toDims(const PerLoop<int>& v) { return {v[0], v[1], v[2], 1}; }
PerLoop<int> toLoops(const DimCounts& v) { return {v[0], v[1], v[2]}; }

// Any order with `inner` innermost (the fills look at nothing else).
PerLoop<int> orderWithInner(int inner)
{
    PerLoop<int> o{1, 2, 2};
    int next = 1;
    for (int l = 0; l < kNumLoops; ++l)
        o[static_cast<std::size_t>(l)] = l == inner ? 0 : next++;
    return o;
}

bool inLoops(unsigned mask, int l) { return (mask & (1u << l)) != 0; }

std::uint64_t fingerprint(const BlockingSpec& spec)
{
    std::uint64_t h = 1469598103934665603ull; // FNV-1a over the factors and orders
    const auto mix = [&h](int v) {
        h ^= static_cast<std::uint64_t>(static_cast<std::uint32_t>(v));
        h *= 1099511628211ull;
    };
    for (const auto& level : spec.tvals)
        for (const int v : level)
            mix(v);
    for (const auto& order : spec.orders)
        for (const int v : order)
            mix(v);
    return h;
}

} // namespace

const std::array<PerLoop<int>, 6>& loopOrders()
{
    static const std::array<PerLoop<int>, 6> orders{{{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}}};
    return orders;
}

TopFactors checkConstraint(const LoopBlockingPrecomp& pc, const TopBlockingConstraint& c, bool forceOnChip)
{
    TopFactors t;
    t.top = {c.topifm, c.topofm, c.topbat};
    for (std::size_t l = 0; l < kNumLoops; ++l) {
        const int f = t.top[l];
        if (f > 0 && (pc.loopcnt[l] < f || pc.loopcnt[l] % f != 0))
            t.feasible = false;
    }
    if (!forceOnChip)
        return t;
    // Data kept in another node region cannot be fetched twice: no loop it does not depend on may
    // iterate at the DRAM level.
    const auto pin = [&](int d) {
        for (int l = 0; l < kNumLoops; ++l)
            if (!inLoops(pc.dataLoops[static_cast<std::size_t>(d)], l) && t.top[static_cast<std::size_t>(l)] == 0)
                t.top[static_cast<std::size_t>(l)] = 1;
    };
    if (!pc.srcIsDram)
        pin(static_cast<int>(DataCategory::Ifm));
    if (!pc.dstIsDram)
        pin(pc.rwData);
    return t;
}

CapacityCheck::CapacityCheck(const LoopBlockingPrecomp& pc)
    : m_loops(pc.dataLoops)
    , m_usizeGbuf(pc.usizeGbuf)
    , m_usizeRegf(pc.usizeRegf)
    , m_subgroup(pc.bufshrGroup)
    , m_sizeGbuf(pc.sizeGbuf)
    , m_sizeRegf(pc.sizeRegf)
{
    for (std::size_t d = 0; d < kNumDataCategories; ++d)
        m_stored[d] = pc.bypassAllowed[d] ? 0 : 1; // bypass allowed: not stored before the fetch rules
}

bool CapacityCheck::fits(const PerLoop<int>& gbuf, const PerLoop<int>& regf) const
{
    // The fills ask this tens of thousands of times per partition: products over the loops each
    // category depends on, without branches, and the REGF test first (it fails more often).
    const auto product = [](unsigned loops, const std::array<std::int64_t, kNumLoops>& v) {
        return ((loops & 1u) ? v[0] : 1) * ((loops & 2u) ? v[1] : 1) * ((loops & 4u) ? v[2] : 1);
    };
    const std::array<std::int64_t, kNumLoops> r{regf[0], regf[1], regf[2]};
    double regfWords = 0;
    for (std::size_t d = 0; d < kNumDataCategories; ++d)
        regfWords += static_cast<double>(product(m_loops[d], r)) * m_usizeRegf[d];
    if (regfWords > m_sizeRegf)
        return false;
    const std::array<std::int64_t, kNumLoops> g{r[0] * gbuf[0], r[1] * gbuf[1], r[2] * gbuf[2]};
    double gbufWords = 0;
    for (std::size_t d = 0; d < kNumDataCategories; ++d) {
        const double raw = static_cast<double>(product(m_loops[d], g)) * m_usizeGbuf[d] * m_stored[d];
        // The floor of a non-negative word count by truncation where that is exact: std::floor is a
        // library call on the baseline x86-64 target, three per test.
        const double words = (raw + m_subgroup[d] - 1) / m_subgroup[d];
        gbufWords += words < 0x1p52 ? static_cast<double>(static_cast<std::int64_t>(words)) : std::floor(words);
    }
    return !(gbufWords > m_sizeGbuf);
}

GreedyBlocking::GreedyBlocking(const LoopBlockingPrecomp& pc, const TopFactors& top, std::optional<int> steppedDownLoop)
    : m_pc(pc)
    , m_capacity(pc)
    , m_top(top)
    , m_steppedDown(steppedDownLoop)
    , m_space(loopDimSpace(pc.dataLoops, pc.rwData))
{
    for (std::size_t d = 0; d < kNumDataCategories; ++d)
        m_sizes[d] = pc.totalAccess[static_cast<std::size_t>(MemLevel::Dram)][d];
}

PerLoop<int> GreedyBlocking::remainAfterTop() const
{
    PerLoop<int> r = m_pc.loopcnt;
    for (std::size_t l = 0; l < kNumLoops; ++l)
        if (m_top.top[l] > 0)
            r[l] /= m_top.top[l];
    return r;
}

std::optional<PerLoop<int>> GreedyBlocking::steppedDown(PerLoop<int> block, int loop) const
{
    const auto l = static_cast<std::size_t>(loop);
    if (block[l] <= 1)
        return std::nullopt; // nothing to step down: the plain fill already gives this block
    const int count = remainAfterTop()[l];
    int smaller = 1;
    for (int d = 2; d < block[l]; ++d)
        if (count % d == 0)
            smaller = d;
    block[l] = smaller;
    return block;
}

bool GreedyBlocking::fits(const PerLoop<int>& regf, const PerLoop<int>& gbuf) const
{
    return m_capacity.fits(gbuf, regf);
}

std::optional<PerLoop<int>> GreedyBlocking::regfBlock(int innerRegf)
{
    auto& cached = m_regf[static_cast<std::size_t>(innerRegf)];
    if (!cached) {
        DimCounts remain = toDims(remainAfterTop());
        DimCounts factors = kUnitDims;
        const PerLoop<int> one{1, 1, 1};
        const bool ok = fillTensor(m_space, m_sizes, remain, factors, orderWithInner(innerRegf),
                                   [&](const DimCounts& f) { return fits(toLoops(f), one); });
        std::optional<PerLoop<int>> block;
        if (ok)
            block = m_steppedDown ? steppedDown(toLoops(factors), *m_steppedDown) : toLoops(factors);
        cached.emplace(block);
    }
    return *cached;
}

std::optional<PerLoop<int>> GreedyBlocking::gbufBlock(int innerRegf, int innerGbuf)
{
    const auto regf = regfBlock(innerRegf);
    if (!regf)
        return std::nullopt;
    for (const auto& [block, inner, result] : m_gbuf)
        if (block == *regf && inner == innerGbuf)
            return result;
    PerLoop<int> r = remainAfterTop();
    for (std::size_t l = 0; l < kNumLoops; ++l)
        r[l] /= (*regf)[l];
    DimCounts remain = toDims(r);
    DimCounts factors = kUnitDims;
    std::optional<PerLoop<int>> result;
    if (fillTensor(m_space, m_sizes, remain, factors, orderWithInner(innerGbuf),
                   [&](const DimCounts& f) { return fits(*regf, toLoops(f)); }))
        result = toLoops(factors);
    m_gbuf.emplace_back(*regf, innerGbuf, result);
    return result;
}

std::optional<BlockingSpec> GreedyBlocking::build(const PerLoop<int>& orderGbuf, const PerLoop<int>& orderRegf)
{
    const int innerRegf = DimSpace::innermostLoop(orderRegf);
    const auto regf = regfBlock(innerRegf);
    const auto gbuf = gbufBlock(innerRegf, DimSpace::innermostLoop(orderGbuf));
    if (!regf || !gbuf)
        return std::nullopt;
    BlockingSpec spec;
    const PerLoop<int> remain = remainAfterTop();
    for (std::size_t l = 0; l < kNumLoops; ++l) {
        const int left = remain[l] / (*regf)[l] / (*gbuf)[l];
        if (m_top.top[l] > 0 && left != 1)
            return std::nullopt; // a constrained loop must be covered below the DRAM level
        spec.tvals[0][l] = m_top.top[l] > 0 ? m_top.top[l] : left;
        spec.tvals[1][l] = (*gbuf)[l];
        spec.tvals[2][l] = (*regf)[l];
    }
    spec.orders = {orderGbuf, orderRegf};
    return spec;
}

std::vector<BlockingSpec> greedyBlockings(const LoopBlockingPrecomp& pc, const TopBlockingConstraint& c,
                                          unsigned regfInners, bool forceOnChip, bool stepDown)
{
    std::vector<BlockingSpec> out;
    appendGreedyBlockings(pc, c, regfInners, forceOnChip, stepDown, out);
    return out;
}

void appendGreedyBlockings(const LoopBlockingPrecomp& pc, const TopBlockingConstraint& c, unsigned regfInners,
                           bool forceOnChip, bool stepDown, std::vector<BlockingSpec>& out)
{
    const TopFactors top = checkConstraint(pc, c, forceOnChip);
    if (!top.feasible)
        return;
    static_assert(kGreedyVariants == 1 + kNumLoops, "the plain fills and one step-down per loop");
    const std::size_t first = out.size();
    // Up to 144 candidates: compare fingerprints before whole specs (the scan was a tenth of the fills).
    constexpr std::size_t kOrders = std::tuple_size_v<std::remove_cvref_t<decltype(loopOrders())>>;
    constexpr std::size_t kMaxCandidates = kGreedyVariants * kOrders * kOrders; // variants x GBUF x REGF orders
    std::array<std::uint64_t, kMaxCandidates> seen{};
    std::size_t nseen = 0;
    const auto isNew = [&](const BlockingSpec& spec) {
        const std::uint64_t f = fingerprint(spec);
        for (std::size_t i = 0; i < nseen; ++i)
            if (seen[i] == f && out[first + i] == spec)
                return false;
        seen[nseen++] = f;
        return true;
    };
    for (const std::optional<int> steppedDownLoop :
         {std::optional<int>{}, std::optional<int>{0}, std::optional<int>{1}, std::optional<int>{2}}) {
        if (steppedDownLoop && !stepDown)
            break;
        GreedyBlocking gb(pc, top, steppedDownLoop);
        for (const auto& og : loopOrders())
            for (const auto& orr : loopOrders()) {
                if (!inLoops(regfInners, DimSpace::innermostLoop(orr)))
                    continue;
                const auto spec = gb.build(og, orr);
                if (!spec || !c.isValidTopBl(spec->tvals[0], spec->orders[0]))
                    continue;
                if (isNew(*spec))
                    out.push_back(*spec);
            }
    }
}

} // namespace kapla::ksolve
