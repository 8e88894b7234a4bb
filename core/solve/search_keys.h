#pragma once
// Memo keys and a bounded memo table for the exhaustive search's per-node results.

#include "cost/cost_types.h"
#include "cost/loop_blocking_search.h"
#include "model/node_region.h"
#include "schedule/partition.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <vector>

namespace kapla {

/// Appends the bytes of a plain value to a key (field by field: padding would make equal values differ).
template <typename T>
void appendKeyBytes(std::string& key, const T& value)
{
    static_assert(std::is_trivially_copyable_v<T>);
    char bytes[sizeof(T)];
    std::memcpy(bytes, &value, sizeof(T));
    key.append(bytes, sizeof(T));
}

/// Appends every field of a node region, a partition scheme or a resource to a key.
void appendRegionKey(std::string& key, const NodeRegion& region);
void appendPartitionKey(std::string& key, const PartitionScheme& part);
void appendResourceKey(std::string& key, const Resource& resource);

/// Byte key of a layer's shape (every parameter and derived size).
std::string layerShapeKey(const Layer& layer);

/// Key of what ranks the loop blockings of a per-node layer: the layer, its batch, occupancy and
/// read-modify-write data, the buffer-sharing group sizes (`groupSizes`, all 1 without sharing or
/// forwarding), the node count, whether data come from / go to DRAM or the region itself, buffers,
/// bandwidths and the constraint. The partition's geometry only matters to the sharing sweep, which
/// does not change the ranking.
std::string rankingKey(const PartitionedLayer& pl, const PerCategory<int>& groupSizes, const Resource& resource,
                       const TopBlockingConstraint& constraint);

/// Key of a per-node search including the partition and the shape of the region (origin excluded:
/// hop distances inside a region do not depend on where it starts).
std::string perNodeKey(const std::string& rankingKey, const PartitionScheme& part, const NodeRegion& procRegion);

/// A memo of shared immutable values; when it holds more than its capacity, the least recently used
/// half is dropped (a memo only saves work: results do not depend on what it keeps).
template <typename V>
class MemoTable
{
public:
    explicit MemoTable(std::size_t capacity)
        : m_capacity(capacity)
    {
    }

    /// The value for `key`, or null; marks it used.
    std::shared_ptr<const V> find(const std::string& key)
    {
        std::lock_guard lock(m_mutex);
        const auto it = m_slots.find(key);
        if (it == m_slots.end())
            return nullptr;
        it->second.stamp = ++m_clock;
        return it->second.value;
    }

    /// Stores a value (keeps an existing one).
    void insert(const std::string& key, std::shared_ptr<const V> value)
    {
        std::lock_guard lock(m_mutex);
        m_slots.try_emplace(key, Slot{std::move(value), ++m_clock});
        if (m_slots.size() > m_capacity)
            evictOlderHalf();
    }

    /// Entries held.
    std::size_t size() const
    {
        std::lock_guard lock(m_mutex);
        return m_slots.size();
    }

private:
    struct Slot {
        std::shared_ptr<const V> value;
        std::uint64_t stamp = 0;
    };

    void evictOlderHalf()
    {
        std::vector<std::uint64_t> stamps;
        stamps.reserve(m_slots.size());
        for (const auto& [k, s] : m_slots)
            stamps.push_back(s.stamp);
        auto mid = stamps.begin() + static_cast<std::ptrdiff_t>(stamps.size() / 2);
        std::nth_element(stamps.begin(), mid, stamps.end());
        const std::uint64_t limit = *mid;
        std::erase_if(m_slots, [limit](const auto& kv) { return kv.second.stamp < limit; });
    }

    mutable std::mutex m_mutex;
    std::size_t m_capacity;
    std::uint64_t m_clock = 0;
    std::unordered_map<std::string, Slot> m_slots;
};

} // namespace kapla
