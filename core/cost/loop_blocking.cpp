#include "cost/loop_blocking.h"

#include "cost/loop_blocking_bufshr.h"
#include "util/math_util.h"

#include <algorithm>
#include <cmath>

namespace kapla {

namespace {

constexpr int kGbufLevel = 0;
constexpr int kRegfLevel = 1;
constexpr unsigned kConvDataLoops[3] = {0b011u, 0b101u, 0b110u};

bool inDims(unsigned dims, int l) { return (dims & (1u << l)) != 0; }

/// The reference's idivc on a float size and an integer subgroup (inline: this is the hot path).
double ceilDiv(double x, int y) { return std::floor((x + y - 1) / y); }

/// Fetch counts of one blocking level per category (§4.6 step 7).
using FetchLevel = PerCategory<std::int64_t>;

/// Mutable state of a scheme under construction (the reference's instance attributes).
struct SchemeState {
    std::array<PerCategory<std::int64_t>, 2> unitCnt{};
    PerCategory<bool> stored{true, true, true};
    std::array<FetchLevel, 2> fetch{};
    PerCategory<int> subgroup{1, 1, 1};
    BufShrChoice bufshr;
};

double gbufDataSize(const LoopBlockingPrecomp& pc, const SchemeState& s, int d)
{
    const auto di = static_cast<std::size_t>(d);
    const double raw = static_cast<double>(s.unitCnt[0][di]) * pc.usizeGbuf[di] * (s.stored[di] ? 1 : 0);
    return ceilDiv(raw, s.subgroup[di]);
}

double regfDataSize(const LoopBlockingPrecomp& pc, const SchemeState& s, int d)
{
    const auto di = static_cast<std::size_t>(d);
    return static_cast<double>(s.unitCnt[1][di]) * pc.usizeRegf[di];
}

bool fitsCapacity(const LoopBlockingPrecomp& pc, const SchemeState& s)
{
    double regf = 0;
    double gbuf = 0;
    for (int d = 0; d < kNumDataCategories; ++d) {
        regf += regfDataSize(pc, s, d);
        gbuf += gbufDataSize(pc, s, d);
    }
    return !(regf > pc.sizeRegf || gbuf > pc.sizeGbuf);
}

// unit_cnt[bl][d] = Π over dims(d) of the factors of the levels inside bl.
void setUnitCounts(const LoopBlockingPrecomp& pc, const std::array<PerLoop<int>, 3>& t, SchemeState& s)
{
    for (std::size_t d = 0; d < kNumDataCategories; ++d) {
        std::int64_t gbuf = 1;
        std::int64_t regf = 1;
        for (int l = 0; l < kNumLoops; ++l) {
            if (!inDims(pc.dataLoops[d], l))
                continue;
            const auto li = static_cast<std::size_t>(l);
            gbuf *= static_cast<std::int64_t>(t[1][li]) * t[2][li];
            regf *= t[2][li];
        }
        s.unitCnt[0][d] = gbuf;
        s.unitCnt[1][d] = regf;
    }
}

// Reuse loops outside the innermost non-trivial dimension loop refetch the buffered block (step 7).
std::int64_t fetchOf(const LoopBlockingPrecomp& pc, const BlockingSpec& b, int bl, int d, std::int64_t outerFetch)
{
    const auto di = static_cast<std::size_t>(d);
    const PerLoop<int>& t = b.tvals[static_cast<std::size_t>(bl)];
    const PerLoop<int>& ord = b.orders[static_cast<std::size_t>(bl)];
    const unsigned dims = pc.dataLoops[di];
    const int inner = innermostDimLoop(dims, t, ord);
    // KAPLA: a row-stationary sliding window in REGF is refetched on every unrelated iteration.
    const bool slidingWindow = bl == kRegfLevel && pc.kaplaRefetch && !pc.regfReusable[di];
    if (inner < 0 && !slidingWindow)
        return bl == kGbufLevel ? 1 : outerFetch;
    std::int64_t f = 1;
    for (int l = 0; l < kNumLoops; ++l) {
        if (inDims(dims, l))
            continue;
        const auto li = static_cast<std::size_t>(l);
        const std::int64_t outer = bl == kRegfLevel ? b.tvals[0][li] : 1;
        if (slidingWindow)
            f *= outer * t[li];
        else
            f *= outer * (ord[li] > ord[static_cast<std::size_t>(inner)] ? t[li] : 1);
    }
    return d == pc.rwData ? 2 * f - 1 : f;
}

void setFetch(const LoopBlockingPrecomp& pc, const BlockingSpec& b, SchemeState& s)
{
    for (int d = 0; d < kNumDataCategories; ++d) {
        const auto di = static_cast<std::size_t>(d);
        s.fetch[0][di] = fetchOf(pc, b, kGbufLevel, d, 1);
        s.fetch[1][di] = fetchOf(pc, b, kRegfLevel, d, s.fetch[0][di]);
    }
}

// Step 9: data coming from or going to another on-chip region must move exactly once.
bool applyRegionRules(const LoopBlockingPrecomp& pc, SchemeState& s)
{
    constexpr auto ifm = static_cast<std::size_t>(DataCategory::Ifm);
    const auto rw = static_cast<std::size_t>(pc.rwData);
    if (!pc.srcIsDram) {
        if (s.fetch[0][ifm] > 1)
            return false;
        if (pc.srcIsProc)
            s.stored[ifm] = true;
    }
    if (!pc.dstIsDram) {
        if (s.fetch[0][rw] > 1)
            return false;
        if (pc.dstIsProc)
            s.stored[rw] = true;
    }
    return true;
}

BufShrSweepInput sweepInput(const LoopBlockingPrecomp& pc, const BlockingSpec& b, const SchemeState& s)
{
    BufShrSweepInput in;
    in.bufshr = pc.bufshr;
    in.group = pc.bufshrGroup;
    in.subgroup = s.subgroup;
    for (std::size_t d = 0; d < kNumDataCategories; ++d) {
        in.gbufUnsharedSize[d] = static_cast<double>(s.unitCnt[0][d]) * pc.usizeGbuf[d] * (s.stored[d] ? 1 : 0);
        in.totalGbufAccess[d] = pc.totalAccess[static_cast<std::size_t>(MemLevel::Gbuf)][d];
    }
    in.sizeGbuf = pc.sizeGbuf;
    in.tvals = {b.tvals[0], b.tvals[1]};
    in.ord1 = b.orders[1];
    in.fetch = s.fetch;
    in.dataLoops = pc.dataLoops;
    in.rwData = pc.rwData;
    in.numNodes = pc.numNodes;
    return in;
}

void fillAccesses(const LoopBlockingPrecomp& pc, std::int64_t lcnt, const SchemeState& s, LoopBlockingStats& st)
{
    constexpr double regfRw[3] = {1, 1, 2};
    const double n = pc.numNodes;
    const auto& T = pc.totalAccess;
    constexpr auto dram = static_cast<std::size_t>(MemLevel::Dram);
    constexpr auto gbuf = static_cast<std::size_t>(MemLevel::Gbuf);
    constexpr auto itcn = static_cast<std::size_t>(MemLevel::Itcn);
    constexpr auto regf = static_cast<std::size_t>(MemLevel::Regf);
    for (std::size_t d = 0; d < kNumDataCategories; ++d) {
        const double f0 = static_cast<double>(s.fetch[0][d]);
        const double f1 = static_cast<double>(s.fetch[1][d]);
        const double stored = s.stored[d] ? 1 : 0;
        st.access[regf][d] = pc.unitRegfAccess[d] * static_cast<double>(lcnt) * regfRw[d] * n;
        st.access[itcn][d] = T[itcn][d] * f1 * n;
        st.access[gbuf][d] = T[gbuf][d] * f1 * stored * n;
        st.access[dram][d] = (s.stored[d] ? T[dram][d] : T[gbuf][d]) * f0 * n / pc.accfwdReduction[d];
        st.fetch[0][d] = f0;
        st.fetch[1][d] = f1;
    }
    constexpr auto ifm = static_cast<std::size_t>(DataCategory::Ifm);
    constexpr auto ofm = static_cast<std::size_t>(DataCategory::Ofm);
    if (!pc.srcIsDram) {
        st.remoteGbufAccess[ifm] += st.access[dram][ifm];
        st.access[dram][ifm] = 0;
    }
    if (!pc.dstIsDram) {
        st.remoteGbufAccess[ofm] += st.access[dram][ofm];
        st.access[dram][ofm] = 0;
    }
}

void fillTimesAndCost(const LoopBlockingPrecomp& pc, std::int64_t lcnt, LoopBlockingStats& st)
{
    const auto sum3 = [](const PerCategory<double>& a) { return a[0] + a[1] + a[2]; };
    constexpr auto dram = static_cast<std::size_t>(MemLevel::Dram);
    constexpr auto gbuf = static_cast<std::size_t>(MemLevel::Gbuf);
    st.ops = pc.unitOps * static_cast<double>(lcnt) * pc.numNodes;
    st.procTime = pc.unitTime * lcnt;
    st.dramTime = std::isinf(pc.dramBandwidth) ? 0 : ceilCycles(sum3(st.access[dram]) / pc.dramBandwidth);
    const double maxGbuf = std::max({st.access[gbuf][0], st.access[gbuf][1], st.access[gbuf][2]});
    st.busTime = std::isinf(pc.arrayBusWidth)
                   ? 0
                   : ceilCycles(idivcReal(std::ceil(maxGbuf / pc.numNodes), pc.arrayBusWidth));
    st.time = std::max({st.procTime, st.busTime, st.dramTime});
    double cost = 0;
    for (std::size_t m = 0; m < kNumMemLevels; ++m)
        cost += pc.accessEnergy[m] * sum3(st.access[m]);
    cost += pc.accessEnergy[gbuf] * sum3(st.remoteGbufAccess);
    st.accessCost = cost;
}

void fillBufShrStats(const LoopBlockingPrecomp& pc, const SchemeState& s, LoopBlockingStats& st)
{
    const BufShrChoice& c = s.bufshr;
    constexpr auto gbuf = static_cast<std::size_t>(MemLevel::Gbuf);
    for (std::size_t d = 0; d < kNumDataCategories; ++d) {
        const double perNodeGroups = pc.numNodes / pc.bufshrGroup[d];
        st.rotAccess[d] = pc.totalAccess[gbuf][d] * c.rotFetch[d] * perNodeGroups;
        st.wideAccess[d] = pc.totalAccess[gbuf][d] * c.wideFetch[d] * perNodeGroups;
        st.nocAccess[d] = st.rotAccess[d] + st.wideAccess[d];
    }
    st.bufshrRotFetch = c.rotFetch;
    st.bufshrWideFetch = c.wideFetch;
    st.bufshrRotRoundCnt = c.rotRoundCnt;
    st.bufshrRotUnitCnt = c.rotUnitCnt;
    st.bufshrWideFetchWidth = c.wideFetchWidth;
    st.bufshrBsT = c.bsT;
    st.bufshrBsOrd = c.bsOrd;
}

bool coversLoops(const LoopBlockingPrecomp& pc, const std::array<PerLoop<int>, 3>& t)
{
    for (std::size_t l = 0; l < kNumLoops; ++l)
        if (static_cast<std::int64_t>(t[0][l]) * t[1][l] * t[2][l] < pc.loopcnt[l])
            return false;
    return true;
}

// Steps 1–10: everything up to the validity decision; false if the scheme is invalid.
bool constructScheme(const LoopBlockingPrecomp& pc, const BlockingSpec& b, SchemeState& s)
{
    if (!coversLoops(pc, b.tvals))
        return false;
    s.subgroup = pc.bufshrGroup;
    setUnitCounts(pc, b.tvals, s);
    for (std::size_t d = 0; d < kNumDataCategories; ++d)
        s.stored[d] = !pc.bypassAllowed[d];
    if (!fitsCapacity(pc, s))
        return false;
    setFetch(pc, b, s);
    // Weight-gradient layers accumulate filters in place; the reference asserts they go to DRAM.
    if (pc.rwData == static_cast<int>(DataCategory::Fil) && !pc.dstIsDram)
        return false;
    const PerCategory<bool> checkedStored = s.stored;
    if (!applyRegionRules(pc, s))
        return false;
    for (std::size_t d = 0; d < kNumDataCategories; ++d)
        if (!s.stored[d] && s.fetch[0][d] < s.fetch[1][d])
            s.stored[d] = true;
    // Storing only adds GBUF data; the capacity can only have changed if something is newly stored.
    const bool storedMore = s.stored != checkedStored;
    return !storedMore || fitsCapacity(pc, s);
}

} // namespace

int innermostDimLoop(unsigned dims, const PerLoop<int>& t, const PerLoop<int>& ord)
{
    int best = -1;
    for (int l = 0; l < kNumLoops; ++l) {
        const auto li = static_cast<std::size_t>(l);
        if (inDims(dims, l) && t[li] > 1 && (best < 0 || ord[li] < ord[static_cast<std::size_t>(best)]))
            best = l;
    }
    return best;
}

int orderedLoops(const PerLoop<int>& t, const PerLoop<int>& ord, PerLoop<int>& out)
{
    int n = 0;
    for (int pos = kNumLoops - 1; pos >= 0; --pos)
        for (int l = 0; l < kNumLoops; ++l)
            if (ord[static_cast<std::size_t>(l)] == pos && t[static_cast<std::size_t>(l)] > 1)
                out[static_cast<std::size_t>(n++)] = l;
    return n;
}

LoopBlockingPrecomp precomputeLoopBlocking(const NestedLoopDesc& nld, const LoopBlockingContext& ctx)
{
    LoopBlockingPrecomp pc;
    pc.loopcnt = nld.loopcnt;
    pc.dataLoops = nld.dataLoops;
    pc.convDataLoops = std::equal(nld.dataLoops.begin(), nld.dataLoops.end(), kConvDataLoops);
    pc.usizeGbuf = nld.usizeGbuf;
    pc.usizeRegf = nld.usizeRegf;
    for (std::size_t m = 0; m < kNumMemLevels; ++m) {
        for (std::size_t d = 0; d < kNumDataCategories; ++d) {
            // The reference multiplies the unit access by the integer product of the loop counts.
            std::int64_t cnt = 1;
            for (int l = 0; l < kNumLoops; ++l)
                if (inDims(nld.dataLoops[d], l))
                    cnt *= nld.loopcnt[static_cast<std::size_t>(l)];
            pc.totalAccess[m][d] = nld.unitAccess[m][d] * static_cast<double>(cnt);
        }
    }
    pc.unitRegfAccess = nld.unitAccess[static_cast<std::size_t>(MemLevel::Regf)];
    pc.unitOps = nld.unitOps;
    pc.unitTime = nld.unitTime;
    pc.regfReusable = nld.regfReusable;
    pc.rwData = static_cast<int>(nld.rwData);
    pc.accessEnergy = ctx.accessEnergy;
    pc.bufshr = ctx.bufshr;
    if (ctx.options) {
        pc.kaplaRefetch = ctx.options->refetchRule == RefetchRule::Kapla;
        pc.bypassAllowed = ctx.options->gbufBypass;
        pc.gbufSharing = ctx.options->gbufSharing;
    }
    if (const Resource* r = ctx.resource) {
        pc.sizeGbuf = r->sizeGbuf;
        pc.sizeRegf = r->sizeRegf;
        pc.arrayBusWidth = r->arrayBusWidth;
        pc.dramBandwidth = r->dramBandwidth;
        pc.srcIsDram = r->srcDataRegion.type == NodeRegion::Type::Dram;
        pc.dstIsDram = r->dstDataRegion.type == NodeRegion::Type::Dram;
        pc.srcIsProc = r->srcDataRegion == r->procRegion;
        pc.dstIsProc = r->dstDataRegion == r->procRegion;
        pc.noTimeMux = r->noTimeMux;
        pc.numNodes = static_cast<int>(r->procRegion.dim.size());
    }
    const bool forwarding = ctx.options && (ctx.options->accessForwarding || ctx.options->gbufSharing);
    for (std::size_t d = 0; d < kNumDataCategories; ++d) {
        const int groupSize = ctx.bufshr ? ctx.bufshr->size(static_cast<DataCategory>(d)) : 1;
        pc.bufshrGroup[d] = pc.gbufSharing ? groupSize : 1;
        pc.accfwdReduction[d] = forwarding ? groupSize : 1;
    }
    return pc;
}

bool fitsBuffersBeforeFetch(const LoopBlockingPrecomp& pc, const std::array<PerLoop<int>, 3>& tvals)
{
    SchemeState s;
    s.subgroup = pc.bufshrGroup;
    setUnitCounts(pc, tvals, s);
    for (std::size_t d = 0; d < kNumDataCategories; ++d)
        s.stored[d] = !pc.bypassAllowed[d];
    return fitsCapacity(pc, s);
}

LoopBlockingResult evaluateLoopBlocking(const LoopBlockingPrecomp& pc, const BlockingSpec& b)
{
    LoopBlockingResult r;
    SchemeState s;
    if (!constructScheme(pc, b, s))
        return r;
    r.valid = true;
    LoopBlockingStats& st = r.stats;
    st.orders = b.orders;
    if (pc.gbufSharing && pc.bufshr) {
        s.bufshr = chooseBufferSharing(sweepInput(pc, b, s));
        s.subgroup = s.bufshr.subgroup;
        if (s.bufshr.swept)
            st.orders[1] = s.bufshr.ord1;
    }
    constexpr auto fil = static_cast<std::size_t>(DataCategory::Fil);
    if (pc.noTimeMux && pc.rwData != static_cast<int>(DataCategory::Fil)) {
        bool pinned = true;
        for (int l = 0; l < kNumLoops; ++l)
            if (inDims(pc.dataLoops[fil], l) && b.tvals[0][static_cast<std::size_t>(l)] != 1)
                pinned = false;
        if (pinned) {
            st.filterPinned = true;
            s.fetch[0][fil] = 0;
        }
    }
    std::int64_t lcnt = 1;
    for (const auto& level : b.tvals)
        for (int t : level)
            lcnt *= t;
    fillAccesses(pc, lcnt, s, st);
    fillTimesAndCost(pc, lcnt, st);
    fillBufShrStats(pc, s, st);
    for (std::size_t d = 0; d < kNumDataCategories; ++d) {
        st.storedInGbuf[d] = s.stored[d];
        st.accfwdReduction[d] = pc.accfwdReduction[d];
        st.gbufDataSize[d] = gbufDataSize(pc, s, static_cast<int>(d));
        st.regfDataSize[d] = regfDataSize(pc, s, static_cast<int>(d));
        st.bufshrSubgroup[d] = s.subgroup[d];
        st.unitCnt[0][d] = s.unitCnt[0][d];
        st.unitCnt[1][d] = s.unitCnt[1][d];
    }
    return r;
}

LoopBlockingResult evaluateLoopBlocking(const NestedLoopDesc& nld, const BlockingSpec& blocking,
                                        const LoopBlockingContext& ctx)
{
    return evaluateLoopBlocking(precomputeLoopBlocking(nld, ctx), blocking);
}

} // namespace kapla
