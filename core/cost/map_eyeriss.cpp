// Eyeriss row-stationary mapping (model spec §4.4): a logical PE set computes one 2-D convolution
// (one ifmap channel × one ofmap channel × one sample) with filter rows along the array height and
// ofmap rows along its width.

#include "cost/map_strategy_detail.h"
#include "util/math_util.h"

#include <algorithm>
#include <limits>

namespace kapla::mapping {

namespace {

constexpr std::size_t kFil = 0, kIfm = 1, kOfm = 2;
constexpr std::size_t kDram = 0, kGbuf = 1, kItcn = 2, kRegf = 3;

void setLocalRegionAccess(UnitPass& p, const PassShape& acc, const PassShape& buf, const Layer& layer,
                          const ArrayMappingInfo& info)
{
    const int fp = info.fold.h;
    const double flpe = static_cast<double>(info.flpeset.size());
    p.access[kDram] = {0, acc.ifmapSize(), acc.ofmapSize()};
    // Every fold.h round revisits the partial ofmap, while the ifmap is read once.
    p.access[kGbuf] = {0, acc.ifmapSize(), acc.ofmapSize() * fp};
    p.access[kItcn] = {0, acc.wifm() * flpe, layer.sofm().w * flpe * fp};
    p.access[kRegf] = {0, p.ops, p.ops};
    p.sizeGbuf = {0, buf.ifmapSize(), buf.ofmapSize()};
    // [KAPLA Δ] a PE holds the region width of every channel of the region (orig: wreg only).
    p.sizeRegf = {0, static_cast<double>(layer.sfil().w) * layer.params.nreg, 1};
}

void setConvAccess(UnitPass& p, const PassShape& acc, const PassShape& buf, const Layer& layer,
                   const ArrayMappingInfo& info)
{
    const int fp = info.fold.h;
    const double flpe = static_cast<double>(info.flpeset.size());
    const double wfil = layer.sfil().w;
    p.access[kDram] = {acc.filterSize(), acc.ifmapSize(), acc.ofmapSize()};
    p.access[kGbuf] = {acc.filterSize(), acc.ifmapSize() * fp, acc.ofmapSize() * fp};
    p.access[kItcn] = {wfil * flpe * fp, acc.wifm() * flpe * fp, layer.sofm().w * flpe * fp};
    p.access[kRegf] = {p.ops, p.ops, p.ops};
    p.sizeGbuf = {buf.filterSize(), buf.ifmapSize(), buf.ofmapSize()};
    p.sizeRegf = {wfil, wfil, 1};
}

} // namespace

ArrayMappingInfo eyerissGeometry(const Layer& layer, PhyDim2 array)
{
    const PhyDim2 win = layer.sfil();
    const PhyDim2 sofm = layer.sofm();
    std::int64_t opsPerLpe = static_cast<std::int64_t>(win.w) * sofm.w;
    if (mapFamily(layer) == MapFamily::LocalRegion)
        opsPerLpe *= layer.params.nreg;
    return replicateAndFold({win.h, sofm.h}, opsPerLpe, array, true);
}

std::int64_t eyerissSetCount(const Layer& layer, int batch)
{
    const std::int64_t sets = static_cast<std::int64_t>(batch) * layer.nofm();
    return mapFamily(layer) == MapFamily::Conv ? sets * layer.nifm : sets;
}

UnitPass eyerissUnitPass(const Layer& layer, const ArrayMappingInfo& info)
{
    const PhyDim2 sofm = layer.sofm();
    // Width folds are merged into the batch loop: a pass covers hofm/fold.w ofmap rows on average
    // (acc), and the buffer must hold the largest such block (buf).
    const PassShape acc = passShape(layer, 1.0, static_cast<double>(sofm.h) / info.fold.w, sofm.w);
    const PassShape buf = passShape(layer, 1.0, static_cast<double>(idivc(sofm.h, info.fold.w)), sofm.w);
    UnitPass p;
    p.ops = acc.ops();
    p.time = info.fold.h * info.opsPerLpe;
    if (mapFamily(layer) == MapFamily::LocalRegion)
        setLocalRegionAccess(p, acc, buf, layer, info);
    else
        setConvAccess(p, acc, buf, layer, info);
    // [KAPLA Δ] whether a PE's register file keeps a whole block or only a sliding window
    // (the IFM test compares the window width with the ifmap height, as the reference does).
    p.regfReusable = {info.fold.h == 1, layer.sfil().w == buf.hifm(), sofm.w == 1};
    p.ifmapAmp = acc.hifm() * info.fold.w / layer.sifm.h;
    return p;
}

namespace {

void appendSingleChoice(const Layer& layer, int batch, const ArrayMappingInfo& info, const DescriptorContext& ctx,
                        std::vector<NestedLoopDesc>& out)
{
    const int nofm = layer.nofm();
    const int ofms = static_cast<int>(std::min<std::int64_t>(info.repl.size(), nofm));
    ReplChoice c;
    c.lcnt = {1, static_cast<int>(idivc(nofm, ofms)), batch * info.fold.w};
    c.locc = {1.0, static_cast<double>(nofm) / ofms / c.lcnt[1], 1.0};
    c.rsz = ofms;
    c.rcnt = mapFamily(layer) == MapFamily::Depthwise ? PerCategory<int>{ofms, ofms, ofms}
                                                      : PerCategory<int>{0, ofms, ofms};
    c.ifms = 1;
    c.ofms = ofms;
    out.push_back(makeDescriptor(ctx, c));
}

// Splits of the height replicas into input × output channels; a split is kept if its loop count is
// not above every earlier split's (order-dependent, as the reference's running minimum).
void appendConvChoices(const Layer& layer, int batch, const ArrayMappingInfo& info, const DescriptorContext& ctx,
                       std::vector<NestedLoopDesc>& out)
{
    const int nifm = layer.nifm;
    const int nofm = layer.nofm();
    const PhyDim2 repl = info.repl;
    std::int64_t minLoops = std::numeric_limits<std::int64_t>::max();
    out.reserve(static_cast<std::size_t>(divisorCount(repl.h)));
    for (int a = 1; a <= repl.h; ++a) {
        if (repl.h % a != 0)
            continue;
        const int b = repl.h / a;
        ReplChoice c;
        c.ifms = std::min(a, nifm);
        c.ofms = static_cast<int>(std::min<std::int64_t>(static_cast<std::int64_t>(b) * repl.w, nofm));
        c.lcnt = {static_cast<int>(idivc(nifm, c.ifms)), static_cast<int>(idivc(nofm, c.ofms)), batch * info.fold.w};
        const std::int64_t loops = static_cast<std::int64_t>(c.lcnt[0]) * c.lcnt[1] * c.lcnt[2];
        if (loops > minLoops)
            continue;
        minLoops = loops;
        c.locc = {static_cast<double>(nifm) / c.ifms / c.lcnt[0], static_cast<double>(nofm) / c.ofms / c.lcnt[1], 1.0};
        c.rsz = c.ifms * c.ofms;
        c.rcnt = {c.ifms * c.ofms, c.ifms, c.ofms};
        out.push_back(makeDescriptor(ctx, c));
    }
}

} // namespace

void appendEyerissDescriptors(const Layer& layer, int batch, const ArrayMappingInfo& info, const DescriptorContext& ctx,
                              std::vector<NestedLoopDesc>& out)
{
    if (mapFamily(layer) == MapFamily::Conv)
        appendConvChoices(layer, batch, info, ctx, out);
    else
        appendSingleChoice(layer, batch, info, ctx, out);
}

} // namespace kapla::mapping
