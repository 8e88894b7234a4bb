#include "solve/kapla/layer_problem.h"

#include <cstdint>

namespace kapla::ksolve {

namespace {

void appendRegion(std::string& k, const NodeRegion& r)
{
    for (const int v : {r.dim.h, r.dim.w, r.origin.h, r.origin.w, r.dist.h, r.dist.w, static_cast<int>(r.type), r.wtot, r.wbeg}) {
        k += std::to_string(v);
        k += ',';
    }
}

void appendPartition(std::string& k, const PartitionScheme& part)
{
    for (int i = 0; i < kNumParallels; ++i)
        for (const int v : {static_cast<int>(part.order[static_cast<std::size_t>(i)]), part.pdims[static_cast<std::size_t>(i)].h,
                            part.pdims[static_cast<std::size_t>(i)].w}) {
            k += std::to_string(v);
            k += ',';
        }
}

} // namespace

std::shared_ptr<const std::vector<ScoredBlocking>> BlockingCache::find(const std::string& key) const
{
    std::lock_guard lock(m_mutex);
    const auto it = m_map.find(key);
    return it == m_map.end() ? nullptr : it->second;
}

std::shared_ptr<const std::vector<ScoredBlocking>> BlockingCache::store(const std::string& key, std::vector<ScoredBlocking> value)
{
    std::lock_guard lock(m_mutex);
    auto& slot = m_map[key];
    if (!slot)
        slot = std::make_shared<const std::vector<ScoredBlocking>>(std::move(value));
    return slot;
}

std::optional<PerCategory<double>> BlockingCache::findHops(const std::string& key) const
{
    std::lock_guard lock(m_mutex);
    const auto it = m_hops.find(key);
    return it == m_hops.end() ? std::nullopt : std::optional<PerCategory<double>>(it->second);
}

void BlockingCache::storeHops(const std::string& key, const PerCategory<double>& hops)
{
    std::lock_guard lock(m_mutex);
    m_hops.emplace(key, hops);
}

std::string blockingCacheKey(const LayerProblem& p, const PartitionScheme& part)
{
    const Resource& r = *p.resource;
    const Layer& l = *p.layer;
    const TopBlockingConstraint& c = p.constraint;
    std::string k;
    k.reserve(160);
    const auto add = [&](long long v) {
        k += std::to_string(v);
        k += ',';
    };
    for (const long long v : {static_cast<long long>(l.type()), static_cast<long long>(l.nifm), static_cast<long long>(l.nofm()),
                              static_cast<long long>(l.sofm().h), static_cast<long long>(l.sofm().w),
                              static_cast<long long>(l.sfil().h), static_cast<long long>(l.sfil().w),
                              static_cast<long long>(l.strd.h), static_cast<long long>(l.strd.w),
                              static_cast<long long>(l.sifm.h), static_cast<long long>(l.sifm.w),
                              static_cast<long long>(l.params.nreg), static_cast<long long>(l.params.ntrd),
                              static_cast<long long>(p.batch)})
        add(v);
    for (int i = 0; i < kNumParallels; ++i) {
        add(static_cast<long long>(part.order[static_cast<std::size_t>(i)]));
        add(part.pdims[static_cast<std::size_t>(i)].h);
        add(part.pdims[static_cast<std::size_t>(i)].w);
    }
    const bool srcDram = r.srcDataRegion.type == NodeRegion::Type::Dram;
    const bool dstDram = r.dstDataRegion.type == NodeRegion::Type::Dram;
    for (const long long v : {static_cast<long long>(r.procRegion.dim.h), static_cast<long long>(r.procRegion.dim.w),
                              static_cast<long long>(srcDram), static_cast<long long>(dstDram),
                              static_cast<long long>(r.srcDataRegion == r.procRegion),
                              static_cast<long long>(r.dstDataRegion == r.procRegion), static_cast<long long>(r.noTimeMux),
                              static_cast<long long>(c.topifm), static_cast<long long>(c.topofm),
                              static_cast<long long>(c.topbat), static_cast<long long>(c.checkOrder)})
        add(v);
    return k;
}


std::string hopCacheKey(const LayerProblem& p, const PartitionScheme& part)
{
    const Resource& r = *p.resource;
    std::string k = std::to_string(reinterpret_cast<std::uintptr_t>(p.layer)) + ";" + std::to_string(p.batch) + ";";
    appendPartition(k, part);
    appendRegion(k, r.procRegion);
    appendRegion(k, r.dstDataRegion);
    appendRegion(k, r.dramRegion);
    const DataLayout& in = *p.ifmapLayout;
    for (std::size_t i = 0; i < in.frngs.size(); ++i) {
        for (const int v : in.frngs[i].beg)
            k += std::to_string(v) + ",";
        for (const int v : in.frngs[i].end)
            k += std::to_string(v) + ",";
        appendRegion(k, in.regions[i]);
        appendPartition(k, in.parts[i]);
    }
    return k;
}

} // namespace kapla::ksolve
