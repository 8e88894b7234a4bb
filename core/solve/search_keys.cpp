#include "solve/search_keys.h"

namespace kapla {

namespace {

template <typename T>
void appendBytes(std::string& key, const T& value)
{
    appendKeyBytes(key, value);
}

void appendDim(std::string& key, PhyDim2 d)
{
    appendBytes(key, d.h);
    appendBytes(key, d.w);
}

void appendLayer(std::string& key, const Layer& l)
{
    const LayerParams& p = l.params;
    appendBytes(key, p.type);
    for (const int v : {p.nifm, p.nofm, p.nreg, p.ntrd, p.rawNofm.value_or(-1), l.nifm, p.crop ? 1 : 0})
        appendBytes(key, v);
    for (const PhyDim2 d :
         {p.sofm, p.sfil, p.strd.value_or(PhyDim2{-1, -1}), p.rawSofm.value_or(PhyDim2{-1, -1}), l.sifm, l.strd})
        appendDim(key, d);
}

} // namespace

std::string layerShapeKey(const Layer& layer)
{
    std::string key;
    appendLayer(key, layer);
    return key;
}

std::string rankingKey(const PartitionedLayer& pl, const PerCategory<int>& groupSizes, const Resource& r,
                       const TopBlockingConstraint& c)
{
    std::string key;
    key.reserve(200);
    appendLayer(key, pl.layer);
    appendBytes(key, pl.batch);
    appendBytes(key, pl.occupancy);
    appendBytes(key, pl.rwData);
    appendBytes(key, groupSizes);
    appendBytes(key, static_cast<std::int64_t>(r.procRegion.dim.size()));
    const bool flags[] = {r.srcDataRegion.type == NodeRegion::Type::Dram,
                          r.dstDataRegion.type == NodeRegion::Type::Dram, r.srcDataRegion == r.procRegion,
                          r.dstDataRegion == r.procRegion, r.noTimeMux};
    appendBytes(key, flags);
    appendDim(key, r.dimArray);
    for (const double v : {r.sizeGbuf, r.sizeRegf, r.arrayBusWidth, r.dramBandwidth})
        appendBytes(key, v);
    // The order rule only bites with a group factor above 1.
    const bool orderRule = c.checkOrder && (c.topbat > 1 || c.topifm > 1 || c.topofm > 1);
    for (const int v : {c.topbat, c.topifm, c.topofm, orderRule ? 1 : 0})
        appendBytes(key, v);
    return key;
}

std::string perNodeKey(const std::string& rankingKey, const PartitionScheme& part, const NodeRegion& r)
{
    std::string key = rankingKey;
    appendBytes(key, part.order);
    for (const PhyDim2 d : part.pdims)
        appendDim(key, d);
    appendDim(key, r.dim);
    appendDim(key, r.dist);
    appendBytes(key, r.type);
    appendBytes(key, r.foldWidth());
    appendBytes(key, r.firstRun());
    return key;
}

void appendRegionKey(std::string& key, const NodeRegion& r)
{
    appendDim(key, r.dim);
    appendDim(key, r.origin);
    appendDim(key, r.dist);
    appendBytes(key, r.type);
    appendBytes(key, r.wtot);
    appendBytes(key, r.wbeg);
}

void appendPartitionKey(std::string& key, const PartitionScheme& part)
{
    appendBytes(key, part.order);
    for (const PhyDim2 d : part.pdims)
        appendDim(key, d);
}

void appendResourceKey(std::string& key, const Resource& r)
{
    for (const NodeRegion* region : {&r.procRegion, &r.dramRegion, &r.srcDataRegion, &r.dstDataRegion})
        appendRegionKey(key, *region);
    appendDim(key, r.dimArray);
    for (const double v : {r.sizeGbuf, r.sizeRegf, r.arrayBusWidth, r.dramBandwidth})
        appendBytes(key, v);
    appendBytes(key, r.noTimeMux);
}

} // namespace kapla
