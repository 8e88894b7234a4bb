#include "cost/map_strategy.h"

#include "cost/map_strategy_detail.h"
#include "util/math_util.h"

#include <algorithm>
#include <cmath>

namespace kapla {

namespace mapping {

MapFamily mapFamily(const Layer& layer)
{
    if (layer.isDepthwise())
        return MapFamily::Depthwise;
    if (layer.isLocalRegionLike())
        return MapFamily::LocalRegion;
    return MapFamily::Conv;
}

PassShape passShape(const Layer& layer, double nofm, double hofm, double wofm)
{
    PassShape s;
    s.nofm = nofm;
    s.hofm = hofm;
    s.wofm = wofm;
    s.window = layer.sfil();
    s.strd = layer.strd;
    switch (mapFamily(layer)) {
    case MapFamily::Conv:
        s.nifm = 1;
        s.filters = nofm;
        s.opsPerNeuron = layer.sfil().size();
        break;
    case MapFamily::LocalRegion:
        // The per-node local-region layer has ntrd dropped, so its input channels equal its outputs.
        s.nifm = nofm;
        s.filters = 0;
        s.opsPerNeuron = layer.params.nreg * layer.sfil().size();
        break;
    case MapFamily::Depthwise:
        s.nifm = nofm;
        s.filters = nofm;
        s.opsPerNeuron = layer.sfil().size();
        break;
    }
    return s;
}

namespace {

struct AxisFit {
    int fold = 1;
    int repl = 1;
};

AxisFit fitAxis(int logical, int physical)
{
    if (logical > physical)
        return {static_cast<int>(idivc(logical, physical)), 1};
    return {1, physical / logical};
}

double product(const PerLoop<double>& v) { return v[0] * v[1] * v[2]; }

double productOver(unsigned loopMask, const PerLoop<double>& v)
{
    double p = 1;
    for (std::size_t l = 0; l < kNumLoops; ++l)
        if (loopMask & (1u << l))
            p *= v[l];
    return p;
}

} // namespace

ArrayMappingInfo replicateAndFold(PhyDim2 lpe, std::int64_t opsPerLpe, PhyDim2 array, bool absorbWidthFolds)
{
    const AxisFit h = fitAxis(lpe.h, array.h);
    const AxisFit w = fitAxis(lpe.w, array.w);
    int foldW = w.fold;
    int replH = h.repl;
    int widthToHeight = 1;
    if (absorbWidthFolds) {
        // Spare height replicas take over width folds: a folded row is laid out over several PE rows.
        widthToHeight = std::min(replH, foldW);
        foldW = static_cast<int>(idivc(foldW, widthToHeight));
        replH /= widthToHeight;
    }
    ArrayMappingInfo info;
    info.lpe = lpe;
    info.opsPerLpe = opsPerLpe;
    info.fold = {h.fold, foldW};
    info.repl = {replH, w.repl};
    info.flpeset = {static_cast<int>(idivc(lpe.h, info.fold.h)), static_cast<int>(idivc(lpe.w, info.fold.w))};
    info.ppeset = {info.flpeset.h * info.repl.h * widthToHeight,
                   static_cast<int>(idivc(static_cast<std::int64_t>(info.flpeset.w) * info.repl.w, widthToHeight))};
    info.util = static_cast<double>(lpe.size()) * static_cast<double>(info.repl.size())
              / static_cast<double>(array.size()) / static_cast<double>(info.fold.size());
    return info;
}

int divisorCount(int value)
{
    int n = 0;
    for (int f = 1; f <= value; ++f)
        n += value % f == 0 ? 1 : 0;
    return n;
}

NestedLoopDesc makeDescriptor(const DescriptorContext& ctx, const ReplChoice& c)
{
    const UnitPass& p = ctx.pass;
    const double loccAll = product(c.locc);
    NestedLoopDesc nld;
    nld.loopcnt = c.lcnt;
    nld.unitOps = p.ops * c.rsz * ctx.occupancy * loccAll;
    nld.unitTime = p.time;
    for (std::size_t d = 0; d < kNumDataCategories; ++d) {
        const double aocc = productOver(ctx.dataLoops[d], c.locc);
        const double itcnReplicas = p.itcnByReplicaCount ? c.rcnt[d] : c.rsz;
        nld.usizeGbuf[d] = p.sizeGbuf[d] * c.rcnt[d];
        nld.usizeRegf[d] = p.sizeRegf[d];
        nld.unitAccess[0][d] = p.access[0][d] * c.rcnt[d] * aocc;
        nld.unitAccess[1][d] = p.access[1][d] * c.rcnt[d] * aocc;
        nld.unitAccess[2][d] = p.access[2][d] * itcnReplicas * aocc;
        nld.unitAccess[3][d] = p.access[3][d] * c.rsz * ctx.occupancy * loccAll;
    }
    nld.dataLoops = ctx.dataLoops;
    nld.regfReusable = p.regfReusable;
    nld.rwData = ctx.rwData;
    nld.replIfms = c.ifms;
    nld.replOfms = c.ofms;
    return nld;
}

} // namespace mapping

using namespace mapping;

ArrayMappingInfo arrayMappingInfo(const Layer& perNodeLayer, int /*batch*/, PhyDim2 array, MappingKind kind)
{
    return kind == MappingKind::Systolic ? systolicGeometry(perNodeLayer, array) : eyerissGeometry(perNodeLayer, array);
}

std::vector<NestedLoopDesc> mapLayer(const Layer& perNodeLayer, int batch, double occupancy, PhyDim2 array,
                                     MappingKind kind, std::optional<DataCategory> rwDataOverride)
{
    const bool systolic = kind == MappingKind::Systolic;
    const ArrayMappingInfo info = arrayMappingInfo(perNodeLayer, batch, array, kind);
    const UnitPass pass = systolic ? systolicUnitPass(perNodeLayer, info) : eyerissUnitPass(perNodeLayer, info);
    const DescriptorContext ctx{pass, occupancy, perNodeLayer.dataLoops(),
                                rwDataOverride.value_or(perNodeLayer.rwData())};
    std::vector<NestedLoopDesc> out;
    if (systolic)
        appendSystolicDescriptors(perNodeLayer, batch, info, ctx, out);
    else
        appendEyerissDescriptors(perNodeLayer, batch, info, ctx, out);
    return out;
}

namespace {

void expectNear(std::vector<std::string>& failures, const char* what, double actual, double expected)
{
    if (!(std::fabs(actual - expected) <= 1.0))
        failures.push_back(std::string(what) + ": mapped " + std::to_string(actual) + ", layer "
                           + std::to_string(expected));
}

double loopProduct(const NestedLoopDesc& nld)
{
    return static_cast<double>(nld.loopcnt[0]) * nld.loopcnt[1] * nld.loopcnt[2];
}

} // namespace

std::vector<std::string> mappingCheckFailures(const Layer& layer, int batch, double occupancy, PhyDim2 array,
                                              MappingKind kind, const NestedLoopDesc& nld)
{
    const bool systolic = kind == MappingKind::Systolic;
    const ArrayMappingInfo info = arrayMappingInfo(layer, batch, array, kind);
    const UnitPass pass = systolic ? systolicUnitPass(layer, info) : eyerissUnitPass(layer, info);
    const MapFamily family = mapFamily(layer);
    const double ops = static_cast<double>(layer.totalOps(batch));
    const double usefulOps = ops * occupancy;
    // A local-region per-node layer has ntrd dropped: its ifmap has nofm channels.
    const double ifmap = family == MapFamily::LocalRegion
                           ? static_cast<double>(layer.nofm()) * static_cast<double>(layer.ifmapSize(batch))
                           : static_cast<double>(layer.totalIfmapSize(batch));
    const double filters = family == MapFamily::LocalRegion ? 0.0 : static_cast<double>(layer.totalFilterSize());
    const std::int64_t sets = systolic ? systolicSetCount(layer, batch) : eyerissSetCount(layer, batch);

    std::vector<std::string> failures;
    expectNear(failures, "logical PE sets ops", static_cast<double>(info.opsPerLpe * info.lpe.size() * sets), ops);
    expectNear(failures, "pass time x active PEs",
               static_cast<double>(pass.time) * static_cast<double>(array.size()) * info.util,
               pass.ops * static_cast<double>(info.repl.size()));
    expectNear(failures, "total ops", nld.totalOps(), usefulOps);
    expectNear(failures, "DRAM filters", nld.totalAccessAt(MemLevel::Dram, DataCategory::Fil), filters);
    expectNear(failures, "DRAM ifmaps", nld.totalAccessAt(MemLevel::Dram, DataCategory::Ifm) / pass.ifmapAmp, ifmap);
    expectNear(failures, "DRAM ofmaps", nld.totalAccessAt(MemLevel::Dram, DataCategory::Ofm),
               static_cast<double>(layer.totalOfmapSize(batch)));
    const double regfFil = family == MapFamily::LocalRegion ? 0.0 : usefulOps;
    const auto regf = static_cast<std::size_t>(MemLevel::Regf);
    expectNear(failures, "REGF filters", nld.unitAccess[regf][0] * loopProduct(nld), regfFil);
    expectNear(failures, "REGF ifmaps", nld.unitAccess[regf][1] * loopProduct(nld), usefulOps);
    expectNear(failures, "REGF ofmaps", nld.unitAccess[regf][2] * loopProduct(nld), usefulOps);
    return failures;
}

} // namespace kapla
