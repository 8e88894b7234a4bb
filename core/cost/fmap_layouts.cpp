#include "cost/fmap_layouts.h"

namespace kapla {

FmapRange fullFmapRange(int batch, const Layer& layer)
{
    FmapRange r;
    r.end = {batch, layer.nofm(), layer.sofm().h, layer.sofm().w};
    return r;
}

DataLayout layoutOnRegion(const FmapRange& range, const NodeRegion& region, const PartitionScheme& part)
{
    DataLayout d;
    d.frngs = {range};
    d.regions = {region};
    d.parts = {part.projection(region, true)};
    return d;
}

DataLayout forwardedLayout(DataLayout layout, const NodeRegion& region)
{
    for (std::size_t i = 0; i < layout.regions.size(); ++i) {
        layout.regions[i] = region;
        layout.parts[i] = layout.parts[i].projection(region, true);
    }
    return layout;
}

std::map<SchedIndex, NodeRegion> forwardingRegions(const PipelineSegment& segment)
{
    std::map<SchedIndex, NodeRegion> fwd;
    const auto regionOf = [&](SchedIndex i) {
        return segment.alloc[static_cast<std::size_t>(i.sp)][static_cast<std::size_t>(i.tm)].procRegion;
    };
    for (const auto& share : segment.deps.ifmFwd)
        for (std::size_t k = 1; k < share.sharers.size(); ++k)
            fwd[share.sharers[k]] = regionOf(share.sharers[0]);
    for (const auto& of : segment.deps.ofmFwd)
        for (const auto& d : of.dests)
            fwd[d] = regionOf(of.producer);
    return fwd;
}

} // namespace kapla
