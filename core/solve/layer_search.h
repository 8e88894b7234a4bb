#pragma once
// The intra-layer search of one layer under a scheduling condition (model spec §4.1, §4.9): every
// partition, every replication choice of the mapping, the loop-blocking search, the NoC hops and the
// layer cost, ranked by the layer key of §3.5.

#include "cost/data_layout.h"
#include "cost/evaluation.h"
#include "cost/loop_blocking_search.h"
#include "cost/segment_timing.h"
#include "model/architecture.h"
#include "model/project.h"
#include "solve/search_keys.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <stop_token>
#include <string>
#include <unordered_map>
#include <vector>

namespace kapla {

class SamplingPolicy;
class WorkerPool;

/// One scheduled layer as the search keeps it: its directives, statistics and where its ofmaps go.
struct LayerChoice {
    LayerId layer;          ///< the scheduled layer
    BlockingSpec blocking;  ///< as enumerated: orders before buffer-sharing reordering (what a Schedule stores)
    LayerEvaluation eval;   ///< cost, time and statistics (eval.blocking has the orders after reordering)
    DataLayout ofmapLayout; ///< the layer's ofmaps on its destination region
};

/// Under what a layer is scheduled (the reference's SchedulingCondition).
struct LayerCondition {
    const Resource* resource = nullptr;      ///< regions, buffers and bandwidths of the layer
    TopBlockingConstraint constraint;        ///< lazy topofm updates already applied
    const DataLayout* ifmapLayout = nullptr; ///< where its ifmaps are (producers' layouts, maybe forwarded)
    SchedSeq seq;                            ///< (segment, spatial, temporal) position
};

/// The layer's cost, time and statistics for one kept blocking of a partition and mapping choice, with
/// the partition's NoC hops per datum (`unitNhops`).
LayerEvaluation makeLayerEvaluation(const NestedLoopDesc& nld, const LoopBlockingCandidate& candidate,
                                    const PerCategory<double>& unitNhops, const PartitionScheme& part,
                                    const LayerCondition& cond, const EnergyCosts& energy);

/// True if (costA, timeA) ranks strictly before (costB, timeB) under the layer and network key of
/// `goal` (§3.5: e = (cost, time), d = (time, cost), ed = cost × time); callers keep ties stable.
bool costTimeRanksBefore(double costA, std::int64_t timeA, double costB, std::int64_t timeB, Goal goal);

/// Searches layers of one project. The loop-blocking rankings are memoised per per-node layer and
/// ranking condition (so partitions that differ only in geometry, identical layers such as AlexNet's
/// two towers, and repeated conditions share them), and the per-partition results on top of them.
/// Work is shared over a WorkerPool; results do not depend on its thread count. Ties keep the
/// enumeration order: partitions in genPartitions order, then mapping choices in mapLayer order,
/// then loop blockings as searchLoopBlocking ranks them.
class LayerSearch
{
public:
    /// Receives the fraction (0..1) of the current search's work items done; called from any thread.
    using Tick = std::function<void(double)>;

    /// A search of `project`'s layers; with `sampling`, partitions and loop blockings are thinned as the
    /// random baseline does (the policy must outlive the search).
    LayerSearch(const Project& project, const Architecture& arch, WorkerPool& pool, std::stop_token stop,
                const SamplingPolicy* sampling = nullptr);
    ~LayerSearch();

    /// The stable top-`ntops` schedules of `layer` under `cond`; empty if none fits or on a stop request.
    /// Call from one thread at a time (the pool's threads do the work).
    std::vector<std::shared_ptr<const LayerChoice>> search(LayerId layer, const LayerCondition& cond,
                                                           const Tick& tick = {});

    /// Why `layer` has no schedule on `resource` (names the layer and the buffer that is too small).
    std::string explainNoSchedule(LayerId layer, const Resource& resource) const;

    /// Loop blockings enumerated so far (the exhaustive space sizes of the loop-blocking searches run).
    std::int64_t blockingsEnumerated() const { return m_blockings.load(); }

private:
    struct Ranking;
    struct PerNode;
    struct Work;
    struct Pending;

    const std::vector<PartitionScheme>& partitionsOf(const Layer& layer, PhyDim2 dim);
    std::vector<std::size_t> keptPartitions(std::uint64_t call, std::size_t count) const;
    std::vector<Work> searchPartitions(const NetworkLayer& nl, const std::vector<PartitionScheme>& parts,
                                       const std::vector<std::size_t>& which, const LayerCondition& cond,
                                       const Tick& tick);
    void mergeRanking(Pending& p, const LayerCondition& cond) const;
    std::vector<Pending> planRankings(std::vector<Work>& work, const LayerCondition& cond);
    void runRankings(std::vector<Pending>& pending, const LayerCondition& cond, const Tick& tick);
    void completePartition(const NetworkLayer& nl, Work& wk, const LayerCondition& cond) const;
    std::shared_ptr<const LayerChoice> materialise(const NetworkLayer& nl, LayerId id, const Work& wk,
                                                   std::size_t scheme, const LayerCondition& cond) const;

    const Project& m_project;
    const Architecture& m_arch;
    WorkerPool& m_pool;
    std::stop_token m_stop;
    MemoTable<Ranking> m_rankings;
    MemoTable<PerNode> m_perNode;
    std::mutex m_partitionsMutex;
    std::unordered_map<std::string, std::vector<PartitionScheme>> m_partitions;
    std::atomic<std::int64_t> m_blockings{0};
    const SamplingPolicy* m_sampling = nullptr;
    std::uint64_t m_searchCalls = 0; ///< the sampling's stable key of a search() call
};

} // namespace kapla
