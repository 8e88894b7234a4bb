#include "solve/kapla/layer_problem.h"

#include <cstdint>

namespace kapla::ksolve {

namespace {

void appendRegion(CacheKey& k, const NodeRegion& r)
{
    k.insert(k.end(),
             {r.dim.h, r.dim.w, r.origin.h, r.origin.w, r.dist.h, r.dist.w, static_cast<int>(r.type), r.wtot, r.wbeg});
}

void appendPartition(CacheKey& k, const PartitionScheme& part)
{
    for (std::size_t i = 0; i < kNumParallels; ++i)
        k.insert(k.end(), {static_cast<int>(part.order[i]), part.pdims[i].h, part.pdims[i].w});
}

} // namespace

std::size_t CacheKeyHash::operator()(const CacheKey& key) const noexcept
{
    std::uint64_t h = 1469598103934665603ull; // FNV-1a over the numbers
    for (const std::int64_t v : key) {
        h ^= static_cast<std::uint64_t>(v);
        h *= 1099511628211ull;
    }
    return static_cast<std::size_t>(h ^ (h >> 29));
}

std::shared_ptr<const std::vector<ScoredBlocking>> BlockingCache::find(const CacheKey& key) const
{
    std::lock_guard lock(m_mutex);
    const auto it = m_map.find(key);
    return it == m_map.end() ? nullptr : it->second;
}

std::shared_ptr<const std::vector<ScoredBlocking>> BlockingCache::store(const CacheKey& key,
                                                                        std::vector<ScoredBlocking> value)
{
    std::lock_guard lock(m_mutex);
    auto& slot = m_map[key];
    if (!slot)
        slot = std::make_shared<const std::vector<ScoredBlocking>>(std::move(value));
    return slot;
}

std::optional<PerCategory<double>> BlockingCache::findHops(const CacheKey& key) const
{
    std::lock_guard lock(m_mutex);
    const auto it = m_hops.find(key);
    return it == m_hops.end() ? std::nullopt : std::optional<PerCategory<double>>(it->second);
}

void BlockingCache::storeHops(const CacheKey& key, const PerCategory<double>& hops)
{
    std::lock_guard lock(m_mutex);
    m_hops.emplace(key, hops);
}

CacheKey blockingCacheKey(const LayerProblem& p, const PartitionScheme& part, std::int64_t tag)
{
    const Resource& r = *p.resource;
    const Layer& l = *p.layer;
    const TopBlockingConstraint& c = p.constraint;
    CacheKey k;
    k.reserve(48);
    k.insert(k.end(), {tag, static_cast<std::int64_t>(l.type()), l.nifm, l.nofm(), l.sofm().h, l.sofm().w, l.sfil().h,
                       l.sfil().w, l.strd.h, l.strd.w, l.sifm.h, l.sifm.w, l.params.nreg, l.params.ntrd, p.batch});
    appendPartition(k, part);
    const bool srcDram = r.srcDataRegion.type == NodeRegion::Type::Dram;
    const bool dstDram = r.dstDataRegion.type == NodeRegion::Type::Dram;
    k.insert(k.end(), {r.procRegion.dim.h, r.procRegion.dim.w, srcDram, dstDram, r.srcDataRegion == r.procRegion,
                       r.dstDataRegion == r.procRegion, r.noTimeMux, c.topifm, c.topofm, c.topbat, c.checkOrder});
    return k;
}

CacheKey hopCacheKey(const LayerProblem& p, const PartitionScheme& part, std::int64_t tag)
{
    const Resource& r = *p.resource;
    CacheKey k{tag, static_cast<std::int64_t>(reinterpret_cast<std::uintptr_t>(p.layer)), p.batch};
    appendPartition(k, part);
    appendRegion(k, r.procRegion);
    appendRegion(k, r.dstDataRegion);
    appendRegion(k, r.dramRegion);
    const DataLayout& in = *p.ifmapLayout;
    for (std::size_t i = 0; i < in.frngs.size(); ++i) {
        k.insert(k.end(), in.frngs[i].beg.begin(), in.frngs[i].beg.end());
        k.insert(k.end(), in.frngs[i].end.begin(), in.frngs[i].end.end());
        appendRegion(k, in.regions[i]);
        appendPartition(k, in.parts[i]);
    }
    return k;
}

} // namespace kapla::ksolve
