#pragma once
// The intra-layer solver's problem and result types, and the work it shares between the solves of
// one search (KAPLA spec §4.2).

#include "cost/data_layout.h"
#include "cost/evaluation.h"
#include "cost/loop_blocking_search.h"
#include "model/architecture.h"
#include "schedule/partition.h"
#include "solve/kapla/kapla_params.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace kapla {
class WorkerPool;
}

namespace kapla::ksolve {

struct ScoredBlocking;

/// A cache key: the numbers a cached value depends on (a tag first when one table holds several
/// kinds). Numbers, not text: the keys are built and hashed once per partition of every solve.
using CacheKey = std::vector<std::int64_t>;

struct CacheKeyHash {
    // Deliberately not noexcept: libstdc++ then keeps each entry's hash beside it, so a lookup does
    // not rehash every key of its bucket to find where the bucket ends (about 5 % of a ResNet-152 solve).
    std::size_t operator()(const CacheKey& key) const;
};

/// A solved layer: its directives and the reference evaluator's numbers for them.
struct LayerSolution {
    PartitionScheme partition;
    int replIfms = 1;
    int replOfms = 1;
    BlockingSpec blocking; ///< as the evaluator takes it (orders before buffer-sharing reordering)
    LayerEvaluation eval;  ///< cost, time, accesses, hops of the directives
};

/// Work shared by the solves of one search, thread-safe: scored greedy blockings per (per-node layer
/// and sharing groups, resource shape, constraint) and exact NoC hops per (layer, partition, region,
/// data layouts). A layer meets the same region, constraint and input layout in many segments and
/// constraint combinations, and many partitions leave each node the same work.
class BlockingCache
{
public:
    /// The blockings of a key, made by `make` on the first request only. A request for a key another
    /// thread is making waits for it: each list is made, and its evaluations counted, once, so the
    /// counts do not depend on the thread count.
    std::shared_ptr<const std::vector<ScoredBlocking>> blockings(
        const CacheKey& key, const std::function<std::vector<ScoredBlocking>()>& make);
    /// blockings(), except that it returns null instead of waiting while another thread holds the
    /// key (making its list, or reading it): ask again once that work is done.
    std::shared_ptr<const std::vector<ScoredBlocking>> blockingsIfFree(
        const CacheKey& key, const std::function<std::vector<ScoredBlocking>()>& make);
    /// Stores blockings under a key nobody has asked for yet; does nothing (and does not wait) if
    /// the key is made or being made.
    void offer(const CacheKey& key, std::vector<ScoredBlocking> value);
    /// The cached unit hops of a key, if any.
    std::optional<PerCategory<double>> findHops(const CacheKey& key) const;
    /// Stores unit hops under a key.
    void storeHops(const CacheKey& key, const PerCategory<double>& hops);
    /// The partitions of a layer over a region shape under the search's options (one set of options
    /// per cache): a layer is solved and estimated in the same shape in many segments.
    std::shared_ptr<const std::vector<PartitionScheme>> partitions(const Layer& layer, int batch, PhyDim2 dim,
                                                                   const Options& options);

private:
    struct BlockingSlot;
    /// The slot of a key, made empty if new.
    BlockingSlot& slotOf(const CacheKey& key);

    mutable std::mutex m_mutex;
    std::unordered_map<CacheKey, std::shared_ptr<const std::vector<PartitionScheme>>, CacheKeyHash> m_partitions;
    /// A key's list, set once by the thread holding `making` (entries never move: a map's nodes stay put).
    struct BlockingSlot {
        std::mutex making;
        std::shared_ptr<const std::vector<ScoredBlocking>> value;
    };
    std::unordered_map<CacheKey, BlockingSlot, CacheKeyHash> m_map;
    std::unordered_map<CacheKey, PerCategory<double>, CacheKeyHash> m_hops;
};

/// The partitions of a layer over a region shape, through the cache when there is one.
std::shared_ptr<const std::vector<PartitionScheme>> layerPartitions(BlockingCache* cache, const Layer& layer, int batch,
                                                                    PhyDim2 dim, const Options& options);

/// One layer's scheduling problem inside a segment.
struct LayerProblem {
    const Layer* layer = nullptr;
    int batch = 1;
    const Resource* resource = nullptr;
    TopBlockingConstraint constraint;        ///< top factors (0 = free) and the pipeline order rule
    const DataLayout* ifmapLayout = nullptr; ///< where the layer's inputs live
    const Options* options = nullptr;
    const EnergyCosts* energy = nullptr;
    const KaplaParams* params = nullptr;
    WorkerPool* pool = nullptr;     ///< shares the partition work (may be null: one thread)
    BlockingCache* cache = nullptr; ///< reuses scored blockings across solves (may be null)
};

/// Work done by a solve, summed over threads.
struct SolveCounters {
    std::atomic<std::int64_t> evaluations{0}; ///< loop-blocking evaluations
    std::atomic<std::int64_t> layerSolves{0}; ///< intra-layer solves
};

/// A greedy blocking of one descriptor, scored without buffer-sharing rotation and NoC hops.
struct ScoredBlocking {
    int descriptor = 0; ///< index in the partition's mapLayer list
    BlockingSpec blocking;
    double cost = 0;                        ///< layer cost without NoC traffic
    double staticCost = 0;                  ///< its static (idle) part
    std::int64_t time = 0;                  ///< cycles
    PerCategory<double> dramFetch{0, 0, 0}; ///< DRAM-level fetch counts (they multiply the unit hops)
};

/// The cache key of the scored blockings of a partition: everything they depend on besides the
/// options and energies (fixed for a search); `tag` tells apart kinds of blockings (lite or full).
CacheKey blockingCacheKey(const LayerProblem& p, const PartitionScheme& part, std::int64_t tag);

/// The cache key of a partition's unit hops: the layer, the partition, the regions and the ifmap
/// layout; `tag` tells apart kinds of hop counts (exact or estimated).
CacheKey hopCacheKey(const LayerProblem& p, const PartitionScheme& part, std::int64_t tag);

} // namespace kapla::ksolve
