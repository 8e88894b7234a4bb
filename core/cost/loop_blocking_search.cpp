#include "cost/loop_blocking_search.h"

#include "util/math_util.h"
#include "util/stable_random.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace kapla {

namespace {

constexpr auto kIfm = static_cast<std::size_t>(LoopDim::Ifm);
constexpr auto kOfm = static_cast<std::size_t>(LoopDim::Ofm);
constexpr auto kBat = static_cast<std::size_t>(LoopDim::Bat);

/// permutations((0,1,2)) in lexicographic order; each is a per-loop order position tuple.
constexpr std::array<PerLoop<int>, 6> kPermutations{{{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}}};

// factorize(value, 3) in its order (first factor slowest) without nested vectors or a scan of every
// integer up to the value: every search slice calls this.
std::vector<PerLoop<int>> threeWayFactors(int value)
{
    std::vector<int> small, large;
    for (int f = 1; static_cast<std::int64_t>(f) * f <= value; ++f)
        if (value % f == 0) {
            small.push_back(f);
            if (f != value / f)
                large.push_back(value / f);
        }
    std::vector<int> divs(small);
    divs.insert(divs.end(), large.rbegin(), large.rend());
    std::vector<PerLoop<int>> out;
    out.reserve(divs.size() * divs.size());
    for (const int a : divs) {
        const int rest = value / a;
        for (const int b : divs) {
            if (b > rest)
                break;
            if (rest % b == 0)
                out.push_back({a, b, rest / b});
        }
    }
    return out;
}

// True if the level's orders follow skip_conv's canonical ranking: the innermost non-trivial loop at
// position 0, then the other non-trivial loops in enum order, then the trivial ones in enum order.
bool isCanonicalOrder(const PerLoop<int>& t, const PerLoop<int>& ord, int inner)
{
    int pos = 0;
    if (inner >= 0 && ord[static_cast<std::size_t>(inner)] != pos++)
        return false;
    for (const bool nonTrivial : {true, false})
        for (int l = 0; l < kNumLoops; ++l) {
            const auto li = static_cast<std::size_t>(l);
            if (l != inner && (t[li] > 1) == nonTrivial && ord[li] != pos++)
                return false;
        }
    return true;
}

/// skip_conv's verdict on the top level alone, and that level's innermost non-trivial loop.
struct TopLevelSkip {
    bool skip = false;
    int inner = -1;
};

TopLevelSkip skipConvTop(const PerLoop<int>& t0, const PerLoop<int>& ord0)
{
    const int inner = innermostDimLoop(0b111u, t0, ord0);
    return {!isCanonicalOrder(t0, ord0, inner), inner};
}

// The rest of skip_conv once the top level passed: a loop innermost at an outer level must stay the
// innermost non-trivial loop below it, and the middle level must be canonical too.
bool skipConvBelowTop(const BlockingSpec& b, int inner0)
{
    int prevInner = inner0;
    const int inner1 = innermostDimLoop(0b111u, b.tvals[1], b.orders[1]);
    if (prevInner != inner1 && prevInner >= 0 && b.tvals[1][static_cast<std::size_t>(prevInner)] > 1)
        return true;
    if (inner1 >= 0)
        prevInner = inner1;
    if (!isCanonicalOrder(b.tvals[1], b.orders[1], inner1))
        return true;
    return prevInner >= 0 && b.tvals[2][static_cast<std::size_t>(prevInner)] > 1;
}

double keyProduct(const LoopBlockingStats& s) { return s.accessCost * static_cast<double>(s.time); }

// §3.5 keys, then enumeration order (the reference's stable sort).
bool ranksBefore(const LoopBlockingStats& x, std::int64_t xSeq, const LoopBlockingStats& y, std::int64_t ySeq,
                 Goal goal)
{
    switch (goal) {
    case Goal::Energy:
        if (x.accessCost != y.accessCost)
            return x.accessCost < y.accessCost;
        if (x.time != y.time)
            return x.time < y.time;
        break;
    case Goal::Delay:
        if (x.time != y.time)
            return x.time < y.time;
        if (x.accessCost != y.accessCost)
            return x.accessCost < y.accessCost;
        break;
    case Goal::EnergyDelay:
        if (keyProduct(x) != keyProduct(y))
            return keyProduct(x) < keyProduct(y);
        break;
    }
    return xSeq < ySeq;
}

void offerTop(std::vector<LoopBlockingCandidate>& tops, const BlockingSpec& b, const LoopBlockingStats& stats,
              std::int64_t seq, int ntops, Goal goal)
{
    if (ntops <= 0)
        return;
    if (static_cast<int>(tops.size()) == ntops && !ranksBefore(stats, seq, tops.back().stats, tops.back().seq, goal))
        return;
    auto pos = std::find_if(tops.begin(), tops.end(), [&](const LoopBlockingCandidate& c) {
        return ranksBefore(stats, seq, c.stats, c.seq, goal);
    });
    tops.insert(pos, LoopBlockingCandidate{b, stats, seq});
    if (static_cast<int>(tops.size()) > ntops)
        tops.pop_back();
}

/// Loop roles of the analytical solver for one resident category.
struct ResideRoles {
    int x, y, z;          ///< loops: the resident category's two dims, then the other loop
    int xy, yz, xz;       ///< categories indexed by the loop pairs
    double wxy, wyz, wxz; ///< access weights (the read-modify-write category counts twice)
};

ResideRoles resideRoles(DataCategory reside)
{
    constexpr int fil = 0, ifm = 1, ofm = 2;
    switch (reside) {
    case DataCategory::Fil: return {0, 1, 2, fil, ofm, ifm, 1, 2, 1};
    case DataCategory::Ifm: return {0, 2, 1, ifm, ofm, fil, 1, 2, 1};
    case DataCategory::Ofm: break;
    }
    return {1, 2, 0, ofm, ifm, fil, 2, 1, 1};
}

/// Largest divisor of `n` not above `limit`, or -1 (the reference's -inf) if there is none.
int largestDivisorAtMost(int n, double limit)
{
    if (limit < 0)
        return -1;
    int best = -1;
    for (int f = 1; f <= n && f <= limit; ++f)
        if (n % f == 0)
            best = f;
    return best;
}

/// The solver's view of a descriptor for one resident category.
struct SolverProblem {
    ResideRoles roles{};
    int nx = 1, ny = 1, nz = 1;
    double sgXy = 0, sgYz = 0, sgXz = 0; ///< GBUF unit sizes
    double srXy = 0, srYz = 0, srXz = 0; ///< REGF unit sizes
    double sizeGbuf = 0, sizeRegf = 0;
};

SolverProblem solverProblem(const NestedLoopDesc& nld, const Resource& resource, DataCategory reside)
{
    SolverProblem p;
    p.roles = resideRoles(reside);
    const ResideRoles& r = p.roles;
    const auto at = [](const auto& arr, int i) { return arr[static_cast<std::size_t>(i)]; };
    p.nx = at(nld.loopcnt, r.x);
    p.ny = at(nld.loopcnt, r.y);
    p.nz = at(nld.loopcnt, r.z);
    p.sgXy = at(nld.usizeGbuf, r.xy);
    p.sgYz = at(nld.usizeGbuf, r.yz);
    p.sgXz = at(nld.usizeGbuf, r.xz);
    p.srXy = at(nld.usizeRegf, r.xy);
    p.srYz = at(nld.usizeRegf, r.yz);
    p.srXz = at(nld.usizeRegf, r.xz);
    p.sizeGbuf = resource.sizeGbuf;
    p.sizeRegf = resource.sizeRegf;
    return p;
}

// Optimization I: the top-level x/y factors minimising DRAM traffic with the resident block in GBUF.
std::optional<std::pair<int, int>> solveTopFactors(const SolverProblem& p)
{
    std::optional<std::pair<int, int>> best;
    double minCost = std::numeric_limits<double>::infinity();
    for (int tx0 : divisors(p.nx)) {
        for (int ty0 : divisors(p.ny)) {
            const double bx = p.nx / tx0, by = p.ny / ty0;
            const bool fitsGbuf = bx * by * p.sgXy <= p.sizeGbuf;
            const bool fitsRegf = std::min(bx * (p.srXy + p.srXz) + p.srYz, by * (p.srXy + p.srYz) + p.srXz)
                               <= p.sizeRegf;
            if (!fitsGbuf || !fitsRegf)
                continue;
            const double cost = static_cast<double>(p.nx) * p.ny * p.sgXy * p.roles.wxy
                              + static_cast<double>(p.ny) * p.nz * p.sgYz * p.roles.wyz * tx0
                              + static_cast<double>(p.nx) * p.nz * p.sgXz * p.roles.wxz * ty0;
            if (cost < minCost) {
                minCost = cost;
                best = {tx0, ty0};
            }
        }
    }
    return best;
}

// Optimization II: the REGF-level factors (tx2, ty2, tz2) with the largest z block that fits.
std::optional<std::array<int, 3>> solveRegfFactors(const SolverProblem& p, int tx0, int ty0)
{
    const auto tz2Of = [&](int tx2, int ty2) {
        const double raw = (p.sizeRegf - tx2 * ty2 * p.srXy) / (ty2 * p.srYz + tx2 * p.srXz);
        return largestDivisorAtMost(p.nz, raw);
    };
    int tx2 = p.nx / tx0, ty2 = p.ny / ty0;
    int tz2 = tz2Of(tx2, ty2);
    if (tz2 < 0) {
        const int keepY = tz2Of(1, ty2);
        const int keepX = tz2Of(tx2, 1);
        if (keepY >= keepX) {
            tx2 = 1;
            tz2 = keepY;
        } else {
            ty2 = 1;
            tz2 = keepX;
        }
    }
    if (tz2 < 0)
        return std::nullopt;
    return std::array<int, 3>{tx2, ty2, tz2};
}

} // namespace

bool TopBlockingConstraint::isValidTopBl(const PerLoop<int>& t0, const PerLoop<int>& ord0) const
{
    if ((topbat != 0 && t0[kBat] != topbat) || (topifm != 0 && t0[kIfm] != topifm)
        || (topofm != 0 && t0[kOfm] != topofm))
        return false;
    if (!checkOrder)
        return true;
    PerLoop<int> loops{};
    const int n = orderedLoops(t0, ord0, loops);
    int next = 0;
    if (topbat > 1) {
        if (n == 0 || loops[0] != static_cast<int>(kBat))
            return false;
        next = 1;
    }
    // The reference does not consume the IFM entry: both channel groups set at once never validate.
    if (topifm > 1 && (next >= n || loops[static_cast<std::size_t>(next)] != static_cast<int>(kIfm)))
        return false;
    if (topofm > 1 && (next >= n || loops[static_cast<std::size_t>(next)] != static_cast<int>(kOfm)))
        return false;
    return true;
}

bool loopBlockingRanksBefore(const LoopBlockingCandidate& a, const LoopBlockingCandidate& b, Goal goal)
{
    return ranksBefore(a.stats, a.seq, b.stats, b.seq, goal);
}

bool skipConvBlocking(const BlockingSpec& b)
{
    const TopLevelSkip top = skipConvTop(b.tvals[0], b.orders[0]);
    return top.skip || skipConvBelowTop(b, top.inner);
}

std::optional<BlockingSpec> solveGbufReside(const NestedLoopDesc& nld, const Resource& resource, DataCategory reside)
{
    const SolverProblem p = solverProblem(nld, resource, reside);
    const auto top = solveTopFactors(p);
    if (!top)
        return std::nullopt;
    auto [tx0, ty0] = *top;
    const auto inner = solveRegfFactors(p, tx0, ty0);
    if (!inner)
        return std::nullopt;
    const auto [tx2, ty2, tz2] = *inner;
    const int tz0 = p.nz / tz2;
    int tx1 = p.nx / tx0 / tx2;
    int ty1 = p.ny / ty0 / ty2;

    const ResideRoles& r = p.roles;
    const auto at = [](PerLoop<int>& v, int loop) -> int& { return v[static_cast<std::size_t>(loop)]; };
    PerLoop<int> ord0{};
    PerLoop<int> ord1{};
    at(ord0, r.x) = 2;
    at(ord0, r.y) = 1;
    at(ord0, r.z) = 0;
    at(ord1, r.z) = 2;
    at(ord1, r.x) = tx1 > 1 ? 0 : 1;
    at(ord1, r.y) = tx1 > 1 ? 1 : 0;
    if (tz0 == 1) { // a single z block: the middle level merges into the top one
        tx0 *= tx1;
        tx1 = 1;
        ty0 *= ty1;
        ty1 = 1;
        ord0 = ord1;
    }
    BlockingSpec spec;
    const auto set = [&](int loop, int t0, int t1, int t2) {
        at(spec.tvals[0], loop) = t0;
        at(spec.tvals[1], loop) = t1;
        at(spec.tvals[2], loop) = t2;
    };
    set(r.x, tx0, tx1, tx2);
    set(r.y, ty0, ty1, ty2);
    set(r.z, tz0, 1, tz2);
    spec.orders = {ord0, ord1};
    return spec;
}

namespace {

std::vector<LoopBlockingCandidate> solverSearch(const NestedLoopDesc& nld, const LoopBlockingContext& ctx,
                                                const LoopBlockingPrecomp& pc, const TopBlockingConstraint& constraint)
{
    std::vector<LoopBlockingCandidate> out;
    for (int reside = 0; reside < kNumDataCategories; ++reside) {
        bool othersBypass = true;
        for (int d = 0; d < kNumDataCategories; ++d)
            if (d != reside && !pc.bypassAllowed[static_cast<std::size_t>(d)])
                othersBypass = false;
        if (!othersBypass)
            continue;
        const auto spec = solveGbufReside(nld, *ctx.resource, static_cast<DataCategory>(reside));
        if (!spec || !constraint.isValidTopBl(spec->tvals[0], spec->orders[0]))
            continue;
        LoopBlockingResult r = evaluateLoopBlocking(pc, *spec);
        if (r.valid)
            out.push_back({*spec, r.stats, reside});
    }
    return out;
}

bool topFactorAllowed(int required, int factor) { return required == 0 || factor == required; }

} // namespace

namespace {

/// Offers every valid order pair of the factor split in `b.tvals` to `tops`; returns the points evaluated.
/// `seq` is the enumeration index just before the split's first order pair.
std::int64_t offerOrders(const LoopBlockingPrecomp& pc, const LoopBlockingPrecomp& rankPc, BlockingSpec& b,
                         const TopBlockingConstraint& constraint, std::int64_t seq,
                         std::vector<LoopBlockingCandidate>& tops, const Options& opts)
{
    std::int64_t evaluated = 0;
    for (const auto& ord0 : kPermutations) {
        // Both the top level's skip_conv verdict and the constraint depend on ord0 only.
        const TopLevelSkip top = pc.convDataLoops ? skipConvTop(b.tvals[0], ord0) : TopLevelSkip{};
        if (top.skip || !constraint.isValidTopBl(b.tvals[0], ord0)) {
            seq += static_cast<std::int64_t>(kPermutations.size());
            continue;
        }
        for (const auto& ord1 : kPermutations) {
            ++seq;
            b.orders = {ord0, ord1};
            if (pc.convDataLoops && skipConvBelowTop(b, top.inner))
                continue;
            ++evaluated;
            LoopBlockingResult r = evaluateLoopBlocking(rankPc, b);
            if (r.valid)
                offerTop(tops, b, r.stats, seq, opts.ntops, opts.goal);
        }
    }
    return evaluated;
}

// The buffer-sharing sweep only sets the NoC statistics, the subgroups and the GBUF-level order; the
// key (access cost, time) and the validity do not depend on it. Rank without it, sweep the kept ones.
LoopBlockingPrecomp withoutSharing(const LoopBlockingPrecomp& pc)
{
    LoopBlockingPrecomp rankPc = pc;
    rankPc.bufshr = nullptr;
    return rankPc;
}

void sweepSharing(const LoopBlockingPrecomp& pc, std::vector<LoopBlockingCandidate>& tops)
{
    if (pc.bufshr && pc.gbufSharing)
        for (LoopBlockingCandidate& c : tops)
            c.stats = evaluateLoopBlocking(pc, c.blocking).stats;
}

const Options& optionsOf(const LoopBlockingContext& ctx)
{
    static const Options defaults;
    return ctx.options ? *ctx.options : defaults;
}

} // namespace

bool LoopBlockingSampler::keeps(std::int64_t index) const
{
    if (exhausted && exhausted())
        return false;
    return uniformAt(stream, static_cast<std::uint64_t>(index)) < probability;
}

std::array<PerLoop<int>, 3> LoopBlockingFactorSpace::tvalsAt(std::int64_t index) const
{
    const auto nb = static_cast<std::int64_t>(tb.size()), no = static_cast<std::int64_t>(to.size());
    const auto& b = tb[static_cast<std::size_t>(index % nb)];
    const auto& o = to[static_cast<std::size_t>(index / nb % no)];
    const auto& i = ti[static_cast<std::size_t>(index / nb / no)];
    std::array<PerLoop<int>, 3> tvals{};
    for (std::size_t lvl = 0; lvl < 3; ++lvl)
        tvals[lvl] = {i[lvl], o[lvl], b[lvl]};
    return tvals;
}

LoopBlockingFactorSpace loopBlockingFactorSpace(const NestedLoopDesc& nld, const TopBlockingConstraint* constraint)
{
    LoopBlockingFactorSpace space{threeWayFactors(nld.loopcnt[kIfm]), threeWayFactors(nld.loopcnt[kOfm]),
                                  threeWayFactors(nld.loopcnt[kBat])};
    if (constraint) {
        const auto restrict = [](std::vector<PerLoop<int>>& list, int required) {
            std::erase_if(list, [required](const PerLoop<int>& f) { return !topFactorAllowed(required, f[0]); });
        };
        restrict(space.ti, constraint->topifm);
        restrict(space.to, constraint->topofm);
        restrict(space.tb, constraint->topbat);
    }
    return space;
}

std::vector<std::int64_t> eligibleLoopBlockings(const NestedLoopDesc& nld, const LoopBlockingContext& ctx,
                                                const TopBlockingConstraint& constraint)
{
    const LoopBlockingPrecomp pc = precomputeLoopBlocking(nld, ctx);
    const LoopBlockingFactorSpace space = loopBlockingFactorSpace(nld, nullptr);
    std::vector<std::int64_t> out;
    for (std::int64_t g = 0; g < space.size(); ++g) {
        const auto tvals = space.tvalsAt(g);
        if (topFactorAllowed(constraint.topifm, tvals[0][kIfm]) && topFactorAllowed(constraint.topofm, tvals[0][kOfm])
            && topFactorAllowed(constraint.topbat, tvals[0][kBat]) && fitsBuffersBeforeFetch(pc, tvals))
            out.push_back(g);
    }
    return out;
}

std::vector<LoopBlockingCandidate> searchLoopBlockingOrders(const NestedLoopDesc& nld, const LoopBlockingContext& ctx,
                                                            const TopBlockingConstraint& constraint,
                                                            const std::array<PerLoop<int>, 3>& tvals,
                                                            std::atomic<std::int64_t>* evaluations)
{
    const LoopBlockingPrecomp pc = precomputeLoopBlocking(nld, ctx);
    std::vector<LoopBlockingCandidate> tops;
    if (!fitsBuffersBeforeFetch(pc, tvals))
        return tops;
    BlockingSpec b;
    b.tvals = tvals;
    const std::int64_t evaluated = offerOrders(pc, withoutSharing(pc), b, constraint, -1, tops, optionsOf(ctx));
    if (evaluations)
        *evaluations += evaluated;
    sweepSharing(pc, tops);
    return tops;
}

std::vector<LoopBlockingCandidate> searchLoopBlocking(const NestedLoopDesc& nld, const LoopBlockingContext& ctx,
                                                      const TopBlockingConstraint& constraint, LoopBlockingSlice slice,
                                                      const LoopBlockingSampler* sampler)
{
    const LoopBlockingPrecomp pc = precomputeLoopBlocking(nld, ctx);
    const Options& opts = optionsOf(ctx);
    if (opts.solveLoopblocking && pc.convDataLoops && ctx.resource)
        return solverSearch(nld, ctx, pc, constraint);

    const LoopBlockingPrecomp rankPc = withoutSharing(pc);
    const auto genTi = threeWayFactors(nld.loopcnt[kIfm]);
    const auto genTo = threeWayFactors(nld.loopcnt[kOfm]);
    const auto genTb = threeWayFactors(nld.loopcnt[kBat]);
    std::vector<LoopBlockingCandidate> tops;
    tops.reserve(static_cast<std::size_t>(std::max(opts.ntops, 0)) + 1);
    const std::int64_t perPair = static_cast<std::int64_t>(genTb.size()) * 36;
    std::int64_t pairIndex = -1;
    std::int64_t evaluated = 0;
    for (const auto& ti : genTi) {
        for (const auto& to : genTo) {
            ++pairIndex;
            if (slice.count > 1 && pairIndex % slice.count != slice.index)
                continue;
            if (!topFactorAllowed(constraint.topifm, ti[0]) || !topFactorAllowed(constraint.topofm, to[0]))
                continue;
            std::int64_t seq = pairIndex * perPair - 1;
            for (std::size_t k = 0; k < genTb.size(); ++k, seq += 36) {
                const auto& tb = genTb[k];
                BlockingSpec b;
                for (std::size_t lvl = 0; lvl < 3; ++lvl)
                    b.tvals[lvl] = {ti[lvl], to[lvl], tb[lvl]};
                if (!topFactorAllowed(constraint.topbat, tb[0]) || !fitsBuffersBeforeFetch(pc, b.tvals))
                    continue;
                if (sampler
                    && !sampler->keeps(pairIndex * static_cast<std::int64_t>(genTb.size())
                                       + static_cast<std::int64_t>(k)))
                    continue;
                evaluated += offerOrders(pc, rankPc, b, constraint, seq, tops, opts);
            }
        }
    }
    if (sampler && sampler->evaluations)
        *sampler->evaluations += evaluated;
    sweepSharing(pc, tops);
    return tops;
}

std::vector<LoopBlockingCandidate> mergeLoopBlockingTops(const std::vector<std::vector<LoopBlockingCandidate>>& parts,
                                                         int ntops, Goal goal)
{
    std::vector<LoopBlockingCandidate> tops;
    for (const auto& part : parts)
        for (const auto& c : part)
            offerTop(tops, c.blocking, c.stats, c.seq, ntops, goal);
    return tops;
}

} // namespace kapla
