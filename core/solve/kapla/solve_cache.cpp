#include "schedule/partition.h"
#include "solve/kapla/layer_estimate.h"
#include "solve/kapla/layer_problem.h"

#include <bit>
#include <cstdint>

namespace kapla::ksolve {

namespace {

void appendRegion(CacheKey& k, const NodeRegion& r)
{
    k.insert(k.end(),
             {r.dim.h, r.dim.w, r.origin.h, r.origin.w, r.dist.h, r.dist.w, static_cast<int>(r.type), r.wtot, r.wbeg});
}

// The layer's numbers, not its address: a layer repeated in the network shares its entries.
void appendLayerShape(CacheKey& k, const Layer& l)
{
    k.insert(k.end(), {static_cast<std::int64_t>(l.type()), l.nifm, l.nofm(), l.sofm().h, l.sofm().w, l.sfil().h,
                       l.sfil().w, l.strd.h, l.strd.w, l.sifm.h, l.sifm.w, l.params.nreg, l.params.ntrd});
}

void appendPartition(CacheKey& k, const PartitionScheme& part)
{
    for (std::size_t i = 0; i < kNumParallels; ++i)
        k.insert(k.end(), {static_cast<int>(part.order[i]), part.pdims[i].h, part.pdims[i].w});
}

void appendLayout(CacheKey& k, const DataLayout& layout)
{
    for (std::size_t i = 0; i < layout.frngs.size(); ++i) {
        k.insert(k.end(), layout.frngs[i].beg.begin(), layout.frngs[i].beg.end());
        k.insert(k.end(), layout.frngs[i].end.begin(), layout.frngs[i].end.end());
        appendRegion(k, layout.regions[i]);
        appendPartition(k, layout.parts[i]);
    }
}

} // namespace

std::size_t CacheKeyHash::operator()(const CacheKey& key) const
{
    std::uint64_t h = 1469598103934665603ull; // FNV-1a over the numbers
    for (const std::int64_t v : key) {
        h ^= static_cast<std::uint64_t>(v);
        h *= 1099511628211ull;
    }
    return static_cast<std::size_t>(h ^ (h >> 29));
}

BlockingCache::BlockingSlot& BlockingCache::slotOf(const CacheKey& key)
{
    std::lock_guard lock(m_mutex);
    return m_map.try_emplace(key).first->second;
}

std::shared_ptr<const std::vector<ScoredBlocking>> BlockingCache::blockings(
    const CacheKey& key, const std::function<std::vector<ScoredBlocking>()>& make)
{
    BlockingSlot& slot = slotOf(key);
    // Made outside the cache's lock: other keys go on meanwhile, and only requests for this one wait.
    std::lock_guard making(slot.making);
    if (!slot.value)
        slot.value = std::make_shared<const std::vector<ScoredBlocking>>(make());
    return slot.value;
}

std::shared_ptr<const std::vector<ScoredBlocking>> BlockingCache::blockingsIfFree(
    const CacheKey& key, const std::function<std::vector<ScoredBlocking>()>& make)
{
    BlockingSlot& slot = slotOf(key);
    std::unique_lock making(slot.making, std::try_to_lock);
    if (!making.owns_lock())
        return nullptr;
    if (!slot.value)
        slot.value = std::make_shared<const std::vector<ScoredBlocking>>(make());
    return slot.value;
}

void BlockingCache::offer(const CacheKey& key, std::vector<ScoredBlocking> value)
{
    BlockingSlot& slot = slotOf(key);
    // A key being made is its maker's to store; waiting for it here could deadlock.
    std::unique_lock making(slot.making, std::try_to_lock);
    if (making.owns_lock() && !slot.value)
        slot.value = std::make_shared<const std::vector<ScoredBlocking>>(std::move(value));
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

std::shared_ptr<const std::vector<PartitionScheme>> BlockingCache::partitions(const Layer& layer, int batch,
                                                                              PhyDim2 dim, const Options& options)
{
    CacheKey key;
    appendLayerShape(key, layer);
    key.insert(key.end(), {batch, dim.h, dim.w});
    {
        std::lock_guard lock(m_mutex);
        if (const auto it = m_partitions.find(key); it != m_partitions.end())
            return it->second;
    }
    // Generated outside the lock: other threads go on with their own keys meanwhile.
    auto parts = std::make_shared<const std::vector<PartitionScheme>>(genPartitions(layer, batch, dim, options, true));
    std::lock_guard lock(m_mutex);
    return m_partitions.emplace(key, std::move(parts)).first->second;
}

std::shared_ptr<const std::vector<PartitionScheme>> layerPartitions(BlockingCache* cache, const Layer& layer, int batch,
                                                                    PhyDim2 dim, const Options& options)
{
    if (cache)
        return cache->partitions(layer, batch, dim, options);
    return std::make_shared<const std::vector<PartitionScheme>>(genPartitions(layer, batch, dim, options, true));
}

CacheKey blockingCacheKey(const LayerProblem& p, const PartitionScheme& part, std::int64_t tag)
{
    const Resource& r = *p.resource;
    const Layer& l = *p.layer;
    const TopBlockingConstraint& c = p.constraint;
    // What a node computes, not how the layer was cut: partitions that leave every node the same
    // layer, batch and padding and share data in groups of the same sizes have the same blockings
    // (a fifth of a mesh's partitions repeat another's, e.g. an output split 2x1 and 1x2).
    const PartitionedLayer pl = part.partLayer(l, p.batch);
    const PerLoop<std::int64_t> groups = sharingLoopGroups(part);
    CacheKey k;
    k.reserve(48);
    k.push_back(tag);
    appendLayerShape(k, pl.layer);
    k.insert(k.end(), {pl.batch, std::bit_cast<std::int64_t>(pl.occupancy), static_cast<std::int64_t>(pl.rwData)});
    k.insert(k.end(), groups.begin(), groups.end());
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
    appendLayout(k, *p.ifmapLayout);
    return k;
}

} // namespace kapla::ksolve
