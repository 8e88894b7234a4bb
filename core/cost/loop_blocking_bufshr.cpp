#include "cost/loop_blocking_bufshr.h"

#include "util/math_util.h"

#include <algorithm>
#include <array>
#include <limits>

namespace kapla {

namespace {

bool inDims(unsigned dims, int l) { return (dims & (1u << l)) != 0; }

int innermostNonTrivial(unsigned dims, const PerLoop<int>& t, const PerLoop<int>& ord)
{
    int best = -1;
    for (int l = 0; l < kNumLoops; ++l) {
        const auto li = static_cast<std::size_t>(l);
        if (inDims(dims, l) && t[li] > 1 && (best < 0 || ord[li] < ord[static_cast<std::size_t>(best)]))
            best = l;
    }
    return best;
}

/// A short list of loops (at most three), in a meaningful order.
struct LoopList {
    std::array<int, kNumLoops> v{};
    int n = 0;
    void push(int l) { v[static_cast<std::size_t>(n++)] = l; }
    bool contains(int l) const { return std::find(v.begin(), v.begin() + n, l) != v.begin() + n; }
};

/// Divisors of a blocking factor, ascending, without allocating.
struct Divisors {
    std::array<int, 1600> v; // filled up to n; left uninitialised on purpose (hot path)
    int n = 0;
    explicit Divisors(int value)
    {
        for (int f = 1; f <= value; ++f)
            if (value % f == 0)
                v[static_cast<std::size_t>(n++)] = f;
    }
};

/// One loop of the sharing-level nest with its factor, outer to inner.
struct NestEntry {
    int loop = 0;
    std::int64_t factor = 1;
};

struct Nest {
    std::array<NestEntry, 2 * kNumLoops> e{};
    int n = 0;
};

/// Fixed loops (inside the outermost innermost-dimension loop) and the freely arrangeable rest.
struct LoopSplit {
    LoopList fixed; ///< outer to inner
    LoopList flex;  ///< enum order
};

LoopSplit splitLoops(const BufShrSweepInput& in)
{
    const PerLoop<int>& t = in.tvals[1];
    const PerLoop<int>& ord = in.ord1;
    int outerMost = -1;
    for (std::size_t d = 0; d < kNumDataCategories; ++d) {
        const int i = innermostNonTrivial(in.dataLoops[d], t, ord);
        if (i >= 0 && (outerMost < 0 || ord[static_cast<std::size_t>(i)] > ord[static_cast<std::size_t>(outerMost)]))
            outerMost = i;
    }
    const int limit = outerMost < 0 ? -1 : ord[static_cast<std::size_t>(outerMost)];
    LoopSplit s;
    for (int pos = kNumLoops - 1; pos >= 0; --pos)
        for (int l = 0; l < kNumLoops; ++l)
            if (ord[static_cast<std::size_t>(l)] == pos && t[static_cast<std::size_t>(l)] > 1 && pos < limit)
                s.fixed.push(l);
    for (int l = 0; l < kNumLoops; ++l)
        if (t[static_cast<std::size_t>(l)] > 1 && !s.fixed.contains(l))
            s.flex.push(l);
    return s;
}

double sharedSize(const BufShrSweepInput& in, std::size_t d, int subgroup)
{
    return idivcReal(in.gbufUnsharedSize[d], subgroup);
}

// Shrink subgroups greedily in the given category order while the freed-up capacity allows it.
PerCategory<int> minSubgroups(const BufShrSweepInput& in, const PerCategory<int>& subgroup,
                              const std::array<int, 3>& order)
{
    PerCategory<int> out = subgroup;
    double free = in.sizeGbuf;
    for (std::size_t d = 0; d < kNumDataCategories; ++d)
        free -= sharedSize(in, d, subgroup[d]);
    for (int dc : order) {
        const auto d = static_cast<std::size_t>(dc);
        const int sgs = out[d];
        if (sgs == 1)
            continue;
        const double cur = sharedSize(in, d, sgs);
        const double tot = cur * sgs;
        int chosen = sgs;
        for (int s = sgs; s >= 1; --s) {
            if (in.group[d] % s != 0)
                continue;
            if (idivcReal(tot, s) <= free + cur)
                chosen = s;
            else
                break;
        }
        out[d] = chosen;
        free -= idivcReal(tot, chosen) - cur;
    }
    return out;
}

/// Subgroup candidates: the current one, then the greedy shrinks over category orders (first kept).
struct SubgroupCandidates {
    std::array<PerCategory<int>, 7> v{};
    int n = 0;
};

SubgroupCandidates subgroupCandidates(const BufShrSweepInput& in, const PerCategory<int>& subgroup)
{
    SubgroupCandidates c;
    c.v[0] = subgroup;
    c.n = 1;
    std::array<int, 3> order{0, 1, 2};
    do {
        const PerCategory<int> sg = minSubgroups(in, subgroup, order);
        if (std::find(c.v.begin(), c.v.begin() + c.n, sg) == c.v.begin() + c.n)
            c.v[static_cast<std::size_t>(c.n++)] = sg;
    } while (std::next_permutation(order.begin(), order.end()));
    return c;
}

/// Traffic of one candidate per category, before scaling by T(GBUF, d).
struct CandidateTraffic {
    PerCategory<double> rot{0, 0, 0};
    PerCategory<double> wide{0, 0, 0};
    PerCategory<std::int64_t> rounds{0, 0, 0};
    PerCategory<double> units{1, 1, 1};
    PerCategory<double> width{1, 1, 1};
};

CandidateTraffic trafficOf(const BufShrSweepInput& in, const PerCategory<int>& sg, const Nest& nest)
{
    CandidateTraffic tr;
    for (int dc = 0; dc < kNumDataCategories; ++dc) {
        const auto d = static_cast<std::size_t>(dc);
        const auto cat = static_cast<DataCategory>(dc);
        const unsigned dims = in.dataLoops[d];
        const bool rw = dc == in.rwData;
        int k = -1;
        for (int j = 0; j < nest.n && k < 0; ++j)
            if (inDims(dims, nest.e[static_cast<std::size_t>(j)].loop))
                k = j;
        std::int64_t rounds = 0;
        std::int64_t units = 1;
        if (k >= 0) {
            if (sg[d] != 1) {
                rounds = 1;
                for (int l = 0; l < kNumLoops; ++l)
                    if (!inDims(dims, l))
                        rounds *= in.tvals[0][static_cast<std::size_t>(l)];
                for (int j = 0; j < k; ++j)
                    rounds *= nest.e[static_cast<std::size_t>(j)].factor;
                const std::int64_t mf = in.fetch[0][d];
                if (rounds == (rw ? (mf + 1) / 2 : mf))
                    rounds = 0; // a single rotation per GBUF fill streams instead of storing
            }
            for (int j = k; j < nest.n && inDims(dims, nest.e[static_cast<std::size_t>(j)].loop); ++j)
                units *= nest.e[static_cast<std::size_t>(j)].factor;
        }
        const double width = static_cast<double>(sg[d]) / static_cast<double>(units);
        const double wideOnce = in.bufshr->nhopsWideFetchOnce(cat, sg[d], width);
        const double bf = static_cast<double>(in.fetch[1][d]);
        const std::int64_t combinedRounds = rw ? (bf > 2 * rounds - 1 ? 2 * rounds : 2 * rounds - 1) : rounds;
        const double combined = static_cast<double>(combinedRounds) * static_cast<double>(units - 1)
                              / static_cast<double>(units);
        tr.wide[d] = wideOnce * (bf - combined);
        tr.rot[d] = in.bufshr->nhopsRotateAll(cat, sg[d], static_cast<int>(units)) * static_cast<double>(rounds);
        tr.rounds[d] = rounds;
        tr.units[d] = static_cast<double>(units);
        tr.width[d] = width;
    }
    return tr;
}

double objectiveOf(const BufShrSweepInput& in, const CandidateTraffic& tr)
{
    double rot = 0;
    double wide = 0;
    for (std::size_t d = 0; d < kNumDataCategories; ++d) {
        const double groups = in.numNodes / in.group[d];
        rot += in.totalGbufAccess[d] * tr.rot[d] * groups;
        wide += in.totalGbufAccess[d] * tr.wide[d] * groups;
    }
    return rot + wide;
}

/// One point of the sweep: sharing-level factors and the loop orders above and below it.
struct SweepPoint {
    PerLoop<int> tBs{1, 1, 1};
    LoopList loopsBs;  ///< outer to inner
    LoopList loopsBot; ///< outer to inner
};

Nest nestOf(const BufShrSweepInput& in, const LoopSplit& split, const SweepPoint& p)
{
    const PerLoop<int>& t = in.tvals[1];
    Nest nest;
    for (int j = 0; j < p.loopsBs.n; ++j) {
        const int l = p.loopsBs.v[static_cast<std::size_t>(j)];
        if (p.tBs[static_cast<std::size_t>(l)] > 1)
            nest.e[static_cast<std::size_t>(nest.n++)] = {l, p.tBs[static_cast<std::size_t>(l)]};
    }
    for (int j = 0; j < p.loopsBot.n; ++j) {
        const auto l = static_cast<std::size_t>(p.loopsBot.v[static_cast<std::size_t>(j)]);
        if (t[l] > p.tBs[l])
            nest.e[static_cast<std::size_t>(nest.n++)] = {static_cast<int>(l), idivc(t[l], p.tBs[l])};
    }
    for (int j = 0; j < split.fixed.n; ++j) {
        const int l = split.fixed.v[static_cast<std::size_t>(j)];
        nest.e[static_cast<std::size_t>(nest.n++)] = {l, t[static_cast<std::size_t>(l)]};
    }
    return nest;
}

/// Order positions: the listed loops innermost-first from the end of `outerToInner`, then the rest.
PerLoop<int> positionsOf(const LoopList& outerToInner)
{
    PerLoop<int> ord{-1, -1, -1};
    int pos = 0;
    for (int j = outerToInner.n - 1; j >= 0; --j)
        ord[static_cast<std::size_t>(outerToInner.v[static_cast<std::size_t>(j)])] = pos++;
    for (auto& o : ord)
        if (o < 0)
            o = pos++;
    return ord;
}

void commit(const LoopSplit& split, const SweepPoint& p, const PerCategory<int>& sg, const CandidateTraffic& tr,
            BufShrChoice& out)
{
    out.swept = true;
    out.subgroup = sg;
    LoopList bottom = p.loopsBot;
    for (int j = 0; j < split.fixed.n; ++j)
        bottom.v[static_cast<std::size_t>(bottom.n++)] = split.fixed.v[static_cast<std::size_t>(j)];
    out.ord1 = positionsOf(bottom);
    out.bsT = p.tBs;
    LoopList bsNonTrivial;
    for (int j = 0; j < p.loopsBs.n; ++j)
        if (p.tBs[static_cast<std::size_t>(p.loopsBs.v[static_cast<std::size_t>(j)])] > 1)
            bsNonTrivial.push(p.loopsBs.v[static_cast<std::size_t>(j)]);
    out.bsOrd = positionsOf(bsNonTrivial);
    out.rotFetch = tr.rot;
    out.wideFetch = tr.wide;
    out.rotRoundCnt = tr.rounds;
    out.rotUnitCnt = tr.units;
    out.wideFetchWidth = tr.width;
}

/// Calls `visit` for every sweep point of one t_bs in the reference's order.
template <typename Visit>
void forEachArrangement(const LoopSplit& split, const PerLoop<int>& tBs, Visit&& visit)
{
    SweepPoint p;
    p.tBs = tBs;
    LoopList triv;
    LoopList nonTriv;
    for (int j = 0; j < split.flex.n; ++j) {
        const int l = split.flex.v[static_cast<std::size_t>(j)];
        (tBs[static_cast<std::size_t>(l)] == 1 ? triv : nonTriv).push(l);
    }
    LoopList ntPerm = nonTriv;
    do {
        p.loopsBs = triv;
        for (int j = 0; j < ntPerm.n; ++j)
            p.loopsBs.push(ntPerm.v[static_cast<std::size_t>(j)]);
        p.loopsBot = split.flex;
        do {
            visit(p);
        } while (std::next_permutation(p.loopsBot.v.begin(), p.loopsBot.v.begin() + p.loopsBot.n));
    } while (std::next_permutation(ntPerm.v.begin(), ntPerm.v.begin() + ntPerm.n));
}

} // namespace

BufShrChoice chooseBufferSharing(const BufShrSweepInput& in)
{
    BufShrChoice out;
    out.ord1 = in.ord1;
    PerCategory<int> subgroup = in.subgroup;
    bool anyShared = false;
    for (std::size_t d = 0; d < kNumDataCategories; ++d) {
        if (!(sharedSize(in, d, subgroup[d]) > 0))
            subgroup[d] = 1;
        anyShared = anyShared || subgroup[d] != 1;
    }
    out.subgroup = subgroup;
    if (!anyShared || !in.bufshr)
        return out;

    const LoopSplit split = splitLoops(in);
    const SubgroupCandidates cands = subgroupCandidates(in, subgroup);
    const PerLoop<int>& t = in.tvals[1];
    const Divisors divI(split.flex.contains(0) ? t[0] : 1);
    const Divisors divO(split.flex.contains(1) ? t[1] : 1);
    const Divisors divB(split.flex.contains(2) ? t[2] : 1);
    double best = std::numeric_limits<double>::infinity();
    bool found = false;
    for (int c = 0; c < cands.n; ++c) {
        const PerCategory<int>& sg = cands.v[static_cast<std::size_t>(c)];
        for (int a = 0; a < divI.n; ++a)
            for (int b = 0; b < divO.n; ++b)
                for (int e = 0; e < divB.n; ++e) {
                    const PerLoop<int> tBs{divI.v[static_cast<std::size_t>(a)], divO.v[static_cast<std::size_t>(b)],
                                           divB.v[static_cast<std::size_t>(e)]};
                    forEachArrangement(split, tBs, [&](const SweepPoint& p) {
                        const CandidateTraffic tr = trafficOf(in, sg, nestOf(in, split, p));
                        const double obj = objectiveOf(in, tr);
                        if (!found || obj < best) {
                            found = true;
                            best = obj;
                            commit(split, p, sg, tr, out);
                        }
                    });
                }
    }
    return out;
}

} // namespace kapla
