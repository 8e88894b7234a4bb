// KAPLA's systolic mapping (model spec §4.4 "Systolic mapping"): output pixels along the array
// height, output channels along its width; a PE accumulates one output over the filter window.

#include "cost/map_strategy_detail.h"
#include "util/math_util.h"

#include <algorithm>

namespace kapla::mapping {

namespace {

constexpr std::size_t kDram = 0, kGbuf = 1, kItcn = 2, kRegf = 3;

} // namespace

int foldOfOfmapRows(int foldH)
{
    for (int f = foldH / 2; f > 1; --f)
        if (foldH % f == 0)
            return f;
    return 1;
}

ArrayMappingInfo systolicGeometry(const Layer& layer, PhyDim2 array)
{
    const PhyDim2 sofm = layer.sofm();
    std::int64_t opsPerLpe = layer.sfil().size();
    if (mapFamily(layer) == MapFamily::LocalRegion)
        opsPerLpe *= layer.params.nreg;
    return replicateAndFold({sofm.h * sofm.w, layer.nofm()}, opsPerLpe, array, false);
}

std::int64_t systolicSetCount(const Layer& layer, int batch)
{
    return mapFamily(layer) == MapFamily::Conv ? static_cast<std::int64_t>(batch) * layer.nifm : batch;
}

UnitPass systolicUnitPass(const Layer& layer, const ArrayMappingInfo& info)
{
    const PhyDim2 sofm = layer.sofm();
    const int foldRows = foldOfOfmapRows(info.fold.h);
    const int foldCols = info.fold.h / foldRows;
    const PassShape acc = passShape(layer, static_cast<double>(layer.nofm()) / info.fold.w,
                                    static_cast<double>(sofm.h) / foldRows, static_cast<double>(sofm.w) / foldCols);
    const bool localRegion = mapFamily(layer) == MapFamily::LocalRegion;
    UnitPass p;
    p.ops = acc.ops();
    p.time = info.opsPerLpe;
    const PerCategory<double> sizes{acc.filterSize(), acc.ifmapSize(), acc.ofmapSize()};
    p.access[kDram] = sizes;
    p.access[kGbuf] = sizes;
    p.access[kItcn] = sizes;
    p.access[kRegf] = {localRegion ? 0.0 : p.ops, p.ops, p.ops};
    p.sizeGbuf = sizes;
    p.sizeRegf = localRegion ? PerCategory<double>{0, static_cast<double>(layer.params.nreg), 1}
                             : PerCategory<double>{1, 1, 1};
    p.regfReusable = {false, false, true};
    p.ifmapAmp = acc.hifm() * acc.wifm() * info.fold.h / (static_cast<double>(layer.sifm.h) * layer.sifm.w);
    p.itcnByReplicaCount = true;
    return p;
}

namespace {

// Replicas along the width take input channels, along the height samples; no clipping.
void appendConvChoice(const Layer& layer, int batch, const ArrayMappingInfo& info, const DescriptorContext& ctx,
                      std::vector<NestedLoopDesc>& out)
{
    const int nifm = layer.nifm;
    const int ifms = info.repl.w;
    const int batches = info.repl.h;
    ReplChoice c;
    c.lcnt = {static_cast<int>(idivc(nifm, ifms)), info.fold.w, static_cast<int>(idivc(batch, batches)) * info.fold.h};
    c.locc = {static_cast<double>(nifm) / ifms / c.lcnt[0], 1.0,
              static_cast<double>(batch) / batches * info.fold.h / c.lcnt[2]};
    c.rsz = ifms * batches;
    c.rcnt = {ifms, ifms * batches, batches};
    c.ifms = ifms;
    c.ofms = 1;
    out.push_back(makeDescriptor(ctx, c));
}

// Every split of the height and width replicas into samples × channel folds.
void appendChannelChoices(const Layer& layer, int batch, const ArrayMappingInfo& info, const DescriptorContext& ctx,
                          std::vector<NestedLoopDesc>& out)
{
    const PhyDim2 repl = info.repl;
    const bool depthwise = mapFamily(layer) == MapFamily::Depthwise;
    out.reserve(static_cast<std::size_t>(divisorCount(repl.h)) * static_cast<std::size_t>(divisorCount(repl.w)));
    for (int a1 = 1; a1 <= repl.h; ++a1) {
        if (repl.h % a1 != 0)
            continue;
        for (int a2 = 1; a2 <= repl.w; ++a2) {
            if (repl.w % a2 != 0)
                continue;
            const int batches = std::min(a1 * a2, batch);
            const int ofmaps = std::min((repl.h / a1) * (repl.w / a2), layer.nofm());
            ReplChoice c;
            c.lcnt = {1, static_cast<int>(idivc(info.fold.w, ofmaps)),
                      static_cast<int>(idivc(batch, batches)) * info.fold.h};
            c.locc = {1.0, static_cast<double>(info.fold.w) / ofmaps / c.lcnt[1],
                      static_cast<double>(batch) / batches * info.fold.h / c.lcnt[2]};
            c.rsz = batches * ofmaps;
            c.rcnt = {depthwise ? ofmaps : 0, c.rsz, c.rsz};
            c.ifms = 1;
            c.ofms = ofmaps;
            out.push_back(makeDescriptor(ctx, c));
        }
    }
}

} // namespace

void appendSystolicDescriptors(const Layer& layer, int batch, const ArrayMappingInfo& info,
                               const DescriptorContext& ctx, std::vector<NestedLoopDesc>& out)
{
    if (mapFamily(layer) == MapFamily::Conv)
        appendConvChoice(layer, batch, info, ctx, out);
    else
        appendChannelChoices(layer, batch, info, ctx, out);
}

} // namespace kapla::mapping
