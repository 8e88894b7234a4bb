#include "solve/kapla/fill_choices.h"

#include "solve/kapla/cost_descending.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace kapla::ksolve {

namespace {

constexpr int kIfm = static_cast<int>(LoopDim::Ifm);
constexpr int kOfm = static_cast<int>(LoopDim::Ofm);
constexpr int kBat = static_cast<int>(LoopDim::Bat);

PerLoop<int> orderWithInner(int inner)
{
    PerLoop<int> o{0, 0, 0};
    int next = 1;
    for (int l = 0; l < kNumLoops; ++l)
        o[static_cast<std::size_t>(l)] = l == inner ? 0 : next++;
    return o;
}

PerCategory<double> dataTotals(const Layer& layer, int batch)
{
    return {static_cast<double>(layer.totalFilterSize()), static_cast<double>(layer.totalIfmapSize(batch)),
            static_cast<double>(layer.totalOfmapSize(batch))};
}

// The fmap-row folds of a mapping, which share the BAT loop with the batch.
int rowFolds(const ArrayMappingInfo& info, MappingKind kind)
{
    return kind == MappingKind::Eyeriss ? info.fold.w : info.fold.h;
}

double log2Distance(int a, int b)
{
    return std::abs(std::log2(static_cast<double>(a)) - std::log2(static_cast<double>(b)));
}

// The descriptor whose (input, output) channel replication is closest to fill_stack's factors.
int closestReplication(const std::vector<NestedLoopDesc>& nlds, int ifms, int ofms)
{
    int best = 0;
    double bestI = std::numeric_limits<double>::infinity(), bestO = bestI;
    for (std::size_t i = 0; i < nlds.size(); ++i) {
        const double di = log2Distance(nlds[i].replIfms, ifms), dO = log2Distance(nlds[i].replOfms, ofms);
        if (di < bestI || (di == bestI && dO < bestO)) {
            best = static_cast<int>(i);
            bestI = di;
            bestO = dO;
        }
    }
    return best;
}

// Node-level dims: C (INPP), K (OUTP), N (BATP), Y (OFMP).
DimSpace nodeDimSpace(const PerCategory<unsigned>& dataLoops, int rwData)
{
    DimSpace s;
    s.numDims = 4;
    s.loopOf = {kIfm, kOfm, kBat, kBat};
    s.rwData = rwData;
    for (std::size_t d = 0; d < kNumDataCategories; ++d)
        for (int i = 0; i < s.numDims; ++i)
            if (dataLoops[d] & (1u << s.loopOf[static_cast<std::size_t>(i)]))
                s.relevant[d] |= 1u << i;
    return s;
}

unsigned allowedNodeDims(const Layer& layer, const Options& opt)
{
    constexpr unsigned c = 1u, k = 2u, n = 4u, y = 8u;
    if (!opt.partitionHybrid) {
        const bool fcLike = layer.sofm() == PhyDim2{1, 1};
        return (fcLike ? k : y) | (opt.partitionBatch ? n : 0u);
    }
    unsigned m = k | y;
    if (opt.partitionBatch)
        m |= n;
    if (opt.partitionIfmaps && layer.isConvLike())
        m |= c;
    return m;
}

using PartitionDims = std::array<PhyDim2, kNumParallels>;

PartitionDims pdimsOf(const StackFill& fill)
{
    // Stack axis 0 is the node-array width, axis 1 its height.
    const auto axis = [&](int dim) {
        return PhyDim2{fill.factors[1][static_cast<std::size_t>(dim)], fill.factors[0][static_cast<std::size_t>(dim)]};
    };
    PartitionDims p{};
    p[static_cast<std::size_t>(Parallel::Outp)] = axis(1);
    p[static_cast<std::size_t>(Parallel::Ofmp)] = axis(3);
    p[static_cast<std::size_t>(Parallel::Batp)] = axis(2);
    p[static_cast<std::size_t>(Parallel::Inpp)] = axis(0);
    return p;
}

} // namespace

PerLoop<int> replicationChoices(const PartitionedLayer& pl, const std::vector<NestedLoopDesc>& nlds, PhyDim2 array,
                                MappingKind kind)
{
    PerLoop<int> out{0, 0, 0};
    if (nlds.size() <= 1)
        return out;
    const ArrayMappingInfo info = arrayMappingInfo(pl.layer, pl.batch, array, kind);
    const DimSpace space = loopDimSpace(nlds.front().dataLoops, static_cast<int>(nlds.front().rwData));
    const PerCategory<double> sizes = dataTotals(pl.layer, pl.batch);
    // Channels tied to the output (local-region, depthwise) leave no input-channel loop.
    const int nifm = pl.layer.isConvLike() ? pl.layer.nifm : 1;
    for (int inner = 0; inner < kNumLoops; ++inner) {
        DimCounts remain{nifm, pl.layer.nofm(), pl.batch * rowFolds(info, kind), 1};
        const StackFill fill = fillStack(space, sizes, remain, {info.repl.w, info.repl.h}, orderWithInner(inner),
                                         0b011u);
        out[static_cast<std::size_t>(inner)] = closestReplication(nlds, fill.total(kIfm), fill.total(kOfm));
    }
    return out;
}

std::vector<PartitionDims> nodeFillTargets(const LayerProblem& p)
{
    std::vector<PartitionDims> out;
    const Resource& res = *p.resource;
    const MappingKind kind = p.options->mapping;
    const PartitionedLayer whole = PartitionScheme{}.partLayer(*p.layer, p.batch);
    const auto nlds = mapLayer(whole.layer, whole.batch, whole.occupancy, res.dimArray, kind, whole.rwData);
    if (nlds.empty())
        return out;
    const ArrayMappingInfo info = arrayMappingInfo(whole.layer, whole.batch, res.dimArray, kind);
    const PerLoop<int> choice = replicationChoices(whole, nlds, res.dimArray, kind);
    // KAPLA fills the REGF block before knowing the partition: no GBUF sharing yet (§2.5).
    Options plain = *p.options;
    plain.gbufSharing = false;
    plain.accessForwarding = false;
    LoopBlockingContext ctx;
    ctx.resource = &res;
    ctx.options = &plain;
    const PerCategory<double> sizes = dataTotals(whole.layer, whole.batch);
    const unsigned allowed = allowedNodeDims(*p.layer, *p.options);
    for (int innerR = 0; innerR < kNumLoops; ++innerR) {
        const NestedLoopDesc& nld = nlds[static_cast<std::size_t>(choice[static_cast<std::size_t>(innerR)])];
        const LoopBlockingPrecomp pc = precomputeLoopBlocking(nld, ctx);
        const DimSpace space = nodeDimSpace(nld.dataLoops, static_cast<int>(nld.rwData));
        const int folds = std::max(1, rowFolds(info, kind));
        const int bat = nld.loopcnt[kBat];
        DimCounts remain{nld.loopcnt[kIfm], nld.loopcnt[kOfm], bat % folds == 0 ? bat / folds : bat,
                         bat % folds == 0 ? folds : 1};
        DimCounts regf = kUnitDims;
        const auto fits = [&](const DimCounts& f) {
            return fitsBuffersBeforeFetch(pc, {PerLoop<int>{1, 1, 1}, PerLoop<int>{1, 1, 1},
                                               PerLoop<int>{f[0], f[1], f[2] * f[3]}});
        };
        if (!fillTensor(space, sizes, remain, regf, orderWithInner(innerR), fits))
            continue;
        for (int innerG = 0; innerG < kNumLoops; ++innerG) {
            DimCounts r = remain;
            const StackFill fill = fillStack(space, sizes, r, {res.procRegion.dim.w, res.procRegion.dim.h},
                                             orderWithInner(innerG), allowed);
            if (fill.leftover != std::array<int, 2>{1, 1})
                continue; // the partition must use every node of the region
            const PartitionDims target = pdimsOf(fill);
            if (std::find(out.begin(), out.end(), target) == out.end())
                out.push_back(target);
        }
    }
    return out;
}

} // namespace kapla::ksolve
