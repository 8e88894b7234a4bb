#include "solve/kapla/kapla_estimator.h"

#include "util/math_util.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

namespace kapla::ksolve {

namespace {

constexpr std::size_t at(TDim d) { return static_cast<std::size_t>(d); }
constexpr std::size_t kFil = 0, kIfm = 1, kOfm = 2;

bool touches(const std::vector<DimStep>& dims, DataCategory d, bool systolic)
{
    return std::any_of(dims.begin(), dims.end(), [&](const DimStep& s) { return categoryHasDim(d, s.dim, systolic); });
}

std::int64_t ceilDiv(std::int64_t a, std::int64_t b) { return (a + b - 1) / b; }

std::int64_t timeOf(double words, double rate)
{
    if (rate == kUnlimited || rate <= 0)
        return 0;
    return ceilCycles(words / rate);
}

// Rounds of rotating a shared GBUF block (bufshr_redundant_iter), before the opt-out rules.
double rotationRounds(const LayerDirectives& dirs, const DimIters& g, const DimIters& r, DataCategory d)
{
    double rounds = 1;
    for (std::size_t i = 0; i < dirs.gbuf.updates.size(); ++i)
        if (!touches(dirs.gbuf.updates[i].dims, d, dirs.systolic))
            rounds *= static_cast<double>(g.iters[i]);
    for (std::size_t i = dirs.regf.updates.size(); i-- > 0;) {
        if (r.iters[i] <= 1)
            continue;
        if (touches(dirs.regf.updates[i].dims, d, dirs.systolic))
            break;
        rounds *= static_cast<double>(r.iters[i]);
    }
    return rounds;
}

// Categories whose GBUF block fits without sharing opt out of rotation (greedily FIL, IFM, OFM).
PerCategory<bool> sharingOptOuts(const LayerDirectives& dirs, const PerCategory<SharingRegion>& regions,
                                 double capacity)
{
    const PerCategory<double> sizes = tensorSizes(dirs.gbuf.tensor, dirs.type, dirs.systolic);
    PerCategory<double> shr{1, 1, 1};
    for (std::size_t d = 0; d < kNumDataCategories; ++d)
        shr[d] = regions[d].nodes;
    const auto fits = [&]() {
        double total = 0;
        for (std::size_t d = 0; d < kNumDataCategories; ++d)
            total += std::ceil(sizes[d] / shr[d]);
        return total < capacity;
    };
    PerCategory<bool> out{false, false, false};
    for (std::size_t d = 0; d < kNumDataCategories; ++d) {
        if (shr[d] <= 1)
            continue;
        const double keep = shr[d];
        shr[d] = 1;
        out[d] = fits();
        if (!out[d])
            shr[d] = keep;
    }
    return out;
}

void addCosts(KaplaEstimate& e, const EnergyCosts& en)
{
    const auto sum = [](const PerCategory<double>& v) { return v[0] + v[1] + v[2]; };
    e.dramCost = en.access[0] * sum(e.access[0]);
    e.sramCost = en.access[1] * sum(e.access[1]);
    e.itcnCost = en.access[2] * sum(e.access[2]);
    e.regfCost = en.access[3] * sum(e.access[3]);
    e.remoteSramCost = en.access[1] * sum(e.remoteGbuf);
    e.nodeHopCost = en.nocHop * sum(e.nodeHops);
    e.memHopCost = en.nocHop * sum(e.memHops);
    e.opCost = en.mac * e.macs;
}

} // namespace

DimIters analyzeDimIters(const std::vector<Update>& updates, const DimMap& tensor, const DimMap& workload)
{
    DimIters out;
    for (const Update& u : updates) {
        std::int64_t iter = std::numeric_limits<std::int64_t>::max();
        std::vector<DimStep> slices;
        for (const DimStep& s : u.dims) {
            const std::int64_t t = tensor[at(s.dim)], w = workload[at(s.dim)], step = std::max<std::int64_t>(1, s.step);
            iter = std::min(iter, w < t ? std::int64_t{1}
                                        : 1 + ceilDiv(std::max<std::int64_t>(0, w - std::max(t, step)), step));
            slices.push_back({s.dim, std::min(step, t)});
        }
        out.iters.push_back(iter == std::numeric_limits<std::int64_t>::max() ? 1 : iter);
        out.slices.push_back(std::move(slices));
    }
    return out;
}

PerCategory<double> relevantAccesses(const DimIters& iters, const DimMap& tensor, KaplaLayerType type, bool systolic)
{
    PerCategory<double> out{0, 0, 0};
    for (int di = 0; di < kNumDataCategories; ++di) {
        const auto d = static_cast<DataCategory>(di);
        if (d == DataCategory::Fil && (type == KaplaLayerType::Local || type == KaplaLayerType::LocalBackH))
            continue;
        // Per dim, a histogram {slice words: count}; the sum over the category's dims multiplies out.
        std::map<TDim, std::map<std::int64_t, double>> hist;
        for (std::size_t u = 0; u < iters.slices.size(); ++u) {
            const double iter = static_cast<double>(iters.iters[u]);
            for (const DimStep& s : iters.slices[u]) {
                if (!categoryHasDim(d, s.dim, systolic))
                    continue;
                auto it = hist.find(s.dim);
                if (it == hist.end()) {
                    auto& h = hist[s.dim];
                    const std::int64_t t = tensor[at(s.dim)];
                    if (s.step != t) {
                        h[t] = 1;
                        if (iter > 1)
                            h[s.step] += iter - 1;
                    } else {
                        h[t] = iter;
                    }
                    continue;
                }
                for (auto& [size, count] : it->second)
                    count *= iter;
            }
        }
        double words = 1;
        for (const TDim dim : categoryDims(d, systolic)) {
            const bool tiedDim = d == DataCategory::Fil
                              && ((type == KaplaLayerType::DwConv && dim == TDim::C)
                                  || ((type == KaplaLayerType::DwConvH || type == KaplaLayerType::DwConvW)
                                      && dim == TDim::K));
            if (tiedDim)
                continue;
            const auto it = hist.find(dim);
            if (it == hist.end()) {
                words *= static_cast<double>(tensor[at(dim)]);
                continue;
            }
            double sum = 0;
            for (const auto& [size, count] : it->second)
                sum += static_cast<double>(size) * count;
            words *= sum;
        }
        out[static_cast<std::size_t>(di)] = words;
    }
    return out;
}

PerCategory<double> redundantIters(const std::vector<Update>& updates, const std::vector<std::int64_t>& iters,
                                   bool systolic)
{
    PerCategory<double> rd{1, 1, 1};
    PerCategory<bool> started{false, false, false};
    for (std::size_t u = 0; u < updates.size(); ++u) {
        if (iters[u] <= 1)
            continue;
        PerCategory<bool> touched{false, false, false};
        for (std::size_t d = 0; d < kNumDataCategories; ++d) {
            touched[d] = touches(updates[u].dims, static_cast<DataCategory>(d), systolic);
            started[d] = started[d] || touched[d];
        }
        for (std::size_t d = 0; d < kNumDataCategories; ++d)
            if (started[d] && !touched[d])
                rd[d] *= static_cast<double>(iters[u]);
    }
    return rd;
}

StackPlacement placeStacks(const std::vector<Stack>& stacks, PhyDim2 physical)
{
    StackPlacement p;
    int axis = physical.w > physical.h ? 1 : 0;
    for (const Stack& s : stacks) {
        p.axis.push_back(axis);
        (axis == 0 ? p.logical.h : p.logical.w) *= s.count;
        const double fillH = static_cast<double>(p.logical.h) / std::max(1, physical.h);
        const double fillW = static_cast<double>(p.logical.w) / std::max(1, physical.w);
        axis = fillW < fillH ? 1 : fillH < fillW ? 0 : (physical.w > physical.h ? 1 : 0);
    }
    return p;
}

PerCategory<SharingRegion> gbufSharingRegions(const std::vector<Stack>& stacks, const StackPlacement& placement,
                                              bool systolic)
{
    PerCategory<SharingRegion> out{};
    for (int di = 0; di < kNumDataCategories; ++di) {
        const auto d = static_cast<DataCategory>(di);
        PhyDim2 nbr{1, 1}, reg{1, 1};
        bool started = false;
        for (std::size_t k = 0; k < stacks.size(); ++k) {
            const bool relevant = touches(stacks[k].dims, d, systolic);
            int& n = placement.axis[k] == 0 ? nbr.h : nbr.w;
            int& r = placement.axis[k] == 0 ? reg.h : reg.w;
            if (relevant && started)
                break;
            if (relevant) {
                n *= stacks[k].count;
            } else {
                r *= stacks[k].count;
                started = true;
            }
        }
        SharingRegion& s = out[static_cast<std::size_t>(di)];
        s.nodes = reg.h * reg.w;
        if (s.nodes <= 1)
            continue;
        // Neighbour distance along the axes the region spans (the original averaged both axes even
        // for a region along one, charging a row of neighbours as if they sat a stack apart).
        const double a = reg.w > 1 && reg.h > 1 ? (nbr.w + nbr.h) / 2.0 : (reg.w > 1 ? nbr.w : nbr.h);
        const double n = s.nodes;
        s.fwdDist = a * ((reg.w - 1) / 2 + (reg.h - 1) / 2) / 2.0;
        s.rotDist = a * (a * (reg.w - 1 + reg.h - 1) + n - 1) * (n - 1) / n;
    }
    return out;
}

PerCategory<std::int64_t> regfCopies(const std::vector<Stack>& stacks, bool systolic)
{
    PerCategory<std::int64_t> out{1, 1, 1};
    for (int di = 0; di < kNumDataCategories; ++di) {
        const auto d = static_cast<DataCategory>(di);
        std::vector<const Stack*> relevant;
        for (const Stack& s : stacks)
            if (touches(s.dims, d, systolic))
                relevant.push_back(&s);
        if (relevant.size() <= 1) {
            out[static_cast<std::size_t>(di)] = relevant.empty() ? 1 : relevant.front()->count;
            continue;
        }
        // PEs whose stack indices give equal coordinates on every dim of the category hold one copy.
        const std::vector<TDim> dims = categoryDims(d, systolic);
        std::set<std::vector<std::int64_t>> coords;
        std::vector<int> idx(relevant.size(), 0);
        for (;;) {
            std::vector<std::int64_t> c(dims.size(), 0);
            for (std::size_t k = 0; k < relevant.size(); ++k)
                for (const DimStep& s : relevant[k]->dims)
                    for (std::size_t j = 0; j < dims.size(); ++j)
                        if (dims[j] == s.dim)
                            c[j] += s.step * idx[k];
            coords.insert(std::move(c));
            std::size_t k = 0;
            while (k < idx.size() && ++idx[k] == relevant[k]->count)
                idx[k++] = 0;
            if (k == idx.size())
                break;
        }
        out[static_cast<std::size_t>(di)] = static_cast<std::int64_t>(coords.size());
    }
    return out;
}

std::int64_t KaplaEstimate::time() const { return std::max({procTime, dramTime, busTime}); }

KaplaEstimate estimateDirectives(const LayerDirectives& dirs, const EstimatorContext& ctx)
{
    KaplaEstimate e;
    const bool sys = dirs.systolic;
    const DimIters g = analyzeDimIters(dirs.gbuf.updates, dirs.gbuf.tensor, dirs.gbuf.workload);
    const DimIters r = analyzeDimIters(dirs.regf.updates, dirs.regf.tensor, dirs.regf.workload);
    const PerCategory<double> unitG = relevantAccesses(g, dirs.gbuf.tensor, dirs.type, sys);
    const PerCategory<double> unitR = relevantAccesses(r, dirs.regf.tensor, dirs.type, sys);
    PerCategory<double> rdG = redundantIters(dirs.gbuf.updates, g.iters, sys);
    bool filterMoves = false;
    for (std::size_t u = 0; u < dirs.gbuf.updates.size(); ++u)
        filterMoves = filterMoves || (g.iters[u] > 1 && touches(dirs.gbuf.updates[u].dims, DataCategory::Fil, sys));
    if (ctx.noTimeMux && !filterMoves && dirs.type != KaplaLayerType::ConvBackW)
        rdG[kFil] = 0; // pinned weights: never fetched again from DRAM
    const PerCategory<double> rdR = redundantIters(dirs.regf.updates, r.iters, sys);
    double nG = 1, nR = 1;
    for (const Stack& s : dirs.gbuf.stacks)
        nG *= s.count;
    for (const Stack& s : dirs.regf.stacks)
        nR *= s.count;
    const StackPlacement placement = placeStacks(dirs.gbuf.stacks, ctx.nodeArray);
    const PerCategory<SharingRegion> regions = gbufSharingRegions(dirs.gbuf.stacks, placement, sys);
    const PerCategory<bool> optOut = sharingOptOuts(dirs, regions, ctx.gbufWords);
    const PerCategory<std::int64_t> copies = regfCopies(dirs.regf.stacks, sys);
    const auto rw = static_cast<std::size_t>(dirs.rwData);
    const bool sharing = ctx.gbufSharing || ctx.accessForwarding;

    double gIters = 1, rIters = 1;
    for (const auto i : g.iters)
        gIters *= static_cast<double>(i);
    for (const auto i : r.iters)
        rIters *= static_cast<double>(i);
    for (std::size_t d = 0; d < kNumDataCategories; ++d) {
        const auto cat = static_cast<DataCategory>(d);
        const double f = d == rw ? std::max(0.0, 2 * rdG[d] - 1) : rdG[d];
        const SharingRegion& reg = regions[d];
        const double share = sharing && reg.nodes > 1 ? reg.nodes : 1.0;
        e.access[0][d] = unitG[d] * f * nG / share;
        if (share > 1 && ctx.accessForwarding)
            e.nodeHops[d] += unitG[d] * f * reg.fwdDist * (share - 1) * nG / share;
        bool changes = false;
        for (std::size_t u = 0; u < dirs.regf.updates.size(); ++u)
            changes = changes || (r.iters[u] > 1 && touches(dirs.regf.updates[u].dims, cat, sys));
        if (share > 1 && ctx.gbufSharing && !optOut[d] && changes) {
            const double rounds = rotationRounds(dirs, g, r, cat);
            if (rounds != rdG[d])
                e.nodeHops[d] += unitG[d] * rounds * reg.rotDist / share * (share - 1) * nG / share;
        }
        // REGF fetches from GBUF: once per GBUF iteration unless nothing ever changes the category.
        bool moves = false;
        for (std::size_t u = 0; u < dirs.gbuf.updates.size(); ++u)
            moves = moves || (g.iters[u] > 1 && touches(dirs.gbuf.updates[u].dims, cat, sys));
        const double upper = (moves || changes) ? gIters : 1.0;
        const double fr = rdR[d] * upper;
        const double fu = d == rw ? 2 * fr - 1 : fr;
        e.access[1][d] = unitR[d] * static_cast<double>(copies[d]) * nG * fu;
        e.access[2][d] = unitR[d] * nR * nG * fu;
        e.memHops[d] = ctx.unitNhops[d] * rdG[d];
    }
    const double iters = rIters * gIters * static_cast<double>(dirs.regfOpsIter);
    e.macs = static_cast<double>(dirs.unitOps) * iters * nR * nG;
    const bool local = dirs.type == KaplaLayerType::Local || dirs.type == KaplaLayerType::LocalBackH;
    e.access[3] = {local ? 0.0 : e.macs, e.macs, 2 * e.macs};
    e.procTime = static_cast<std::int64_t>(static_cast<double>(dirs.unitOps) * iters);

    if (!ctx.srcIsDram)
        std::swap(e.remoteGbuf[kIfm], e.access[0][kIfm]);
    if (!ctx.dstIsDram)
        std::swap(e.remoteGbuf[kOfm], e.access[0][kOfm]);
    // nn_dataflow charges the whole region: scale the per-node counts to full utilisation.
    const double scale = static_cast<double>(ctx.regionNodes) / nG;
    for (auto& level : e.access)
        for (double& v : level)
            v *= scale;
    for (std::size_t d = 0; d < kNumDataCategories; ++d) {
        e.remoteGbuf[d] *= scale;
        e.nodeHops[d] *= scale;
    }
    addCosts(e, ctx.energy);
    e.dramTime = timeOf(e.access[0][0] + e.access[0][1] + e.access[0][2], ctx.dramBandwidth);
    const double gbufMax = std::max({e.access[1][0], e.access[1][1], e.access[1][2]});
    e.busTime = timeOf(std::ceil(gbufMax / nG), ctx.arrayBusWidth);
    return e;
}

} // namespace kapla::ksolve
