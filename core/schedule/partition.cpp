#include "schedule/partition.h"

#include "util/math_util.h"

#include <cmath>
#include <limits>

namespace kapla {

namespace {

constexpr std::size_t idx(Parallel p) { return static_cast<std::size_t>(p); }

int ceilDiv(int x, int y) { return static_cast<int>(idivc(x, y)); }

// Index of a 2-D partition index flattened row-major within its extent.
int flatIndex(PhyDim2 i, PhyDim2 extent) { return i.h * extent.w + i.w; }

void setAxis(FmapRange& r, std::size_t axis, std::pair<int, int> range)
{
    r.beg[axis] = range.first;
    r.end[axis] = range.second;
}

Layer buildLayer(const LayerParams& p)
{
    // Per-node parameters are positive ceil-divisions of a valid layer's, so this cannot fail.
    return makeLayer(p).value();
}

LayerParams convParams(int nifm, int nofm, PhyDim2 sofm, const Layer& layer)
{
    LayerParams p;
    p.type = LayerType::Conv;
    p.nifm = nifm;
    p.nofm = nofm;
    p.sofm = sofm;
    p.sfil = layer.sfil();
    p.strd = layer.strd;
    return p;
}

// nn_dataflow builds a plain LocalRegionLayer with ntrd = 1 for every local-region type (§9.2 quirk).
LayerParams localRegionParams(int nofm, PhyDim2 sofm, const Layer& layer)
{
    LayerParams p;
    p.type = LayerType::LocalRegion;
    p.nofm = nofm;
    p.sofm = sofm;
    p.sfil = layer.sfil();
    p.nreg = layer.params.nreg;
    p.ntrd = 1;
    p.strd = layer.strd;
    return p;
}

LayerParams depthwiseParams(int nofm, PhyDim2 sofm, const Layer& layer)
{
    LayerParams p;
    p.type = LayerType::DWConv;
    p.nofm = nofm;
    p.sofm = sofm;
    p.sfil = layer.sfil();
    p.strd = layer.strd;
    return p;
}

} // namespace

PhyDim2 PartitionScheme::dim() const
{
    PhyDim2 d{1, 1};
    for (const PhyDim2& pd : pdims)
        d = d * pd;
    return d;
}

std::vector<PartitionIndex> PartitionScheme::genPidx() const
{
    std::vector<PartitionIndex> out;
    out.reserve(static_cast<std::size_t>(size()));
    forEachPidx([&out](const PartitionIndex& pidx) { out.push_back(pidx); });
    return out;
}

PhyDim2 PartitionScheme::coordinate(const NodeRegion& region, const PartitionIndex& pidx) const
{
    PhyDim2 c{0, 0};
    for (const Parallel p : order)
        c = c * pdim(p) + pidx[idx(p)];
    return region.rel2abs(c);
}

FmapRange PartitionScheme::fmapRange(const FmapRange& frng, const PartitionIndex& pidx) const
{
    const auto axisRange = [&frng](std::size_t axis) { return std::pair{frng.beg[axis], frng.end[axis]}; };
    const PhyDim2 batp = pdim(Parallel::Batp);
    const PhyDim2 outp = pdim(Parallel::Outp);
    const PhyDim2 ofmp = pdim(Parallel::Ofmp);
    const PhyDim2 iOfmp = pidx[idx(Parallel::Ofmp)];
    FmapRange r;
    setAxis(r, 0, ithRange(axisRange(0), flatIndex(pidx[idx(Parallel::Batp)], batp), static_cast<int>(batp.size())));
    setAxis(r, 1, ithRange(axisRange(1), flatIndex(pidx[idx(Parallel::Outp)], outp), static_cast<int>(outp.size())));
    setAxis(r, 2, ithRange(axisRange(2), iOfmp.h, ofmp.h));
    setAxis(r, 3, ithRange(axisRange(3), iOfmp.w, ofmp.w));
    return r;
}

bool PartitionScheme::isApplicableToFmapRange() const { return pdim(Parallel::Inpp).size() == 1; }

PartitionedLayer PartitionScheme::partLayer(const Layer& layer, int batch) const
{
    const PhyDim2 ofmp = pdim(Parallel::Ofmp);
    const int pNifm = ceilDiv(layer.nifm, static_cast<int>(pdim(Parallel::Inpp).size()));
    const int pNofm = ceilDiv(layer.nofm(), static_cast<int>(pdim(Parallel::Outp).size()));
    const PhyDim2 pSofm{ceilDiv(layer.sofm().h, ofmp.h), ceilDiv(layer.sofm().w, ofmp.w)};
    // Backward layers are split on their (small) incoming-gradient side.
    const PhyDim2 pSifm{ceilDiv(layer.sifm.h, ofmp.h), ceilDiv(layer.sifm.w, ofmp.w)};

    PartitionedLayer out;
    out.batch = ceilDiv(batch, static_cast<int>(pdim(Parallel::Batp).size()));
    out.rwData = layer.rwData();
    switch (layer.type()) {
    case LayerType::Input: out.layer = makeInputLayer(pNofm, pSofm); return out;
    case LayerType::Conv:
    case LayerType::FC: out.layer = buildLayer(convParams(pNifm, pNofm, pSofm, layer)); break;
    case LayerType::LocalRegion:
    case LayerType::Pooling:
    case LayerType::Eltwise: out.layer = buildLayer(localRegionParams(pNofm, pSofm, layer)); break;
    case LayerType::DWConv: out.layer = buildLayer(depthwiseParams(pNofm, pSofm, layer)); break;
    case LayerType::ConvBackAct:
    case LayerType::ConvBackWeight:
    case LayerType::FCBackAct:
    case LayerType::FCBackWeight:
        // The forward-equivalent conv reads the produced side and writes the incoming-gradient side.
        out.layer = buildLayer(convParams(pNofm, pNifm, pSifm, layer));
        break;
    case LayerType::LocalRegionBack:
    case LayerType::PoolingBack:
    case LayerType::EltwiseBack: {
        const int rNofm = reverseHigh(pNofm - 1, layer.nofm(), layer.params.nreg, layer.params.ntrd) + 1;
        out.layer = buildLayer(localRegionParams(rNofm, pSifm, layer));
        break;
    }
    case LayerType::DWConvBackAct:
    case LayerType::DWConvBackWeight:
        out.layer = buildLayer(depthwiseParams(reverseHigh(pNofm - 1, layer.nofm(), 1, 1) + 1, pSifm, layer));
        break;
    }
    const std::int64_t partOps = out.layer.totalOps(out.batch) * size();
    out.occupancy = static_cast<double>(layer.totalOps(batch)) / static_cast<double>(partOps);
    return out;
}

std::pair<double, double> PartitionScheme::neighborDist(const NodeRegion& region, Parallel p) const
{
    const PhyDim2 extent = pdim(p);
    double sum[2] = {0, 0};
    std::int64_t count[2] = {0, 0};
    forEachPidx([&](const PartitionIndex& pidx) {
        const PhyDim2 coord = coordinate(region, pidx);
        const PhyDim2 i = pidx[idx(p)];
        const PhyDim2 steps[2] = {{i.h + 1, i.w}, {i.h, i.w + 1}};
        for (int axis = 0; axis < 2; ++axis) {
            if (steps[axis].h >= extent.h || steps[axis].w >= extent.w)
                continue;
            PartitionIndex nbr = pidx;
            nbr[idx(p)] = steps[axis];
            sum[axis] += hopDist(coord, coordinate(region, nbr));
            ++count[axis];
        }
    });
    constexpr double inf = std::numeric_limits<double>::infinity();
    return {count[0] > 0 ? sum[0] / static_cast<double>(count[0]) : inf,
            count[1] > 0 ? sum[1] / static_cast<double>(count[1]) : inf};
}

PartitionScheme PartitionScheme::projection(const NodeRegion& region, bool appl2frng) const
{
    PartitionScheme out = *this;
    if (appl2frng)
        out.pdims[idx(Parallel::Inpp)] = {1, 1};
    const PhyDim2 total = out.dim();
    const auto project = [&out](int regionExtent, int partExtent, int PhyDim2::*axis) {
        if (regionExtent > partExtent) {
            // Spread the surplus over the batch, the only parallelism a plain fmap layout can grow.
            out.pdims[idx(Parallel::Batp)].*axis *= regionExtent / partExtent;
            return;
        }
        int rest = regionExtent;
        for (auto it = out.order.rbegin(); it != out.order.rend(); ++it) {
            int& pd = out.pdims[idx(*it)].*axis;
            if (rest >= pd) {
                rest /= pd;
            } else {
                pd = rest;
                rest = 1;
            }
        }
    };
    project(region.dim.h, total.h, &PhyDim2::h);
    project(region.dim.w, total.w, &PhyDim2::w);
    return out;
}

} // namespace kapla
