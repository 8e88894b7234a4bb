#pragma once
// The fast explorer's per-layer estimate (KAPLA spec §3.4 steps 4–5): a capacity check and a coarse
// access/hop estimate of a layer on a node partition, without choosing any loop blocking. Fixes of
// §9: each level has its own access row (the original aliased one row over all four levels), the
// sharing group size is 1 when neither sharing nor forwarding is on, and on-chip sources and
// destinations are charged as remote GBUF accesses.

#include "cost/loop_blocking_search.h"
#include "model/architecture.h"
#include "schedule/partition.h"

#include <cstdint>
#include <limits>
#include <vector>

namespace kapla::ksolve {

/// An estimated layer cost (infinite when the partition cannot hold the constrained blocks).
struct LayerEstimate {
    double energy = std::numeric_limits<double>::infinity(); ///< architecture's energy unit
    double time = std::numeric_limits<double>::infinity();   ///< cycles
    PerLevel<PerCategory<double>> access{};                  ///< words per level, all nodes
    PerCategory<double> remoteGbuf{0, 0, 0};                 ///< words read/written in other regions
    PerCategory<double> hops{0, 0, 0};                       ///< word-hops between data regions and nodes

    bool valid() const { return energy < std::numeric_limits<double>::infinity(); }
};

/// Nodes sharing the data of each loop (IFM, OFM, BAT) under a partition: a category's sharing
/// group is the group of the first loop it does not depend on.
PerLoop<std::int64_t> sharingLoopGroups(const PartitionScheme& part);

/// Sharing group size per category (what BufShrScheme::size gives, without its neighbour distances).
PerCategory<int> sharingGroupSizes(const PartitionScheme& part, const PerCategory<unsigned>& dataLoops);

/// The number a search minimises for a goal: energy, time, or their product.
double estimateKey(const LayerEstimate& e, Goal goal);

/// estimate_layer_cost of one layer on one partition, with the constraint-independent part computed once.
class LayerEstimator
{
public:
    /// Maps the partitioned layer with the run's mapping and measures it.
    LayerEstimator(const Layer& layer, int batch, const PartitionScheme& part, const Resource& resource,
                   const Options& options, const EnergyCosts& energy);
    /// The estimate under a constraint (see estimateLayerCost).
    LayerEstimate estimate(const TopBlockingConstraint& c) const;

private:
    const Resource& m_res;
    const EnergyCosts& m_energy;
    std::vector<NestedLoopDesc> m_descriptors;
    bool m_sharing = false;
    bool m_hasFilters = false;
    PerCategory<int> m_group{1, 1, 1};
    PerCategory<int> m_capacityGroup{1, 1, 1};
    double m_nodes = 1;
    PerCategory<double> m_data{0, 0, 0};
    PerCategory<double> m_dist{0, 0, 0};
    double m_ops = 0;
    double m_procTime = 0;
};

/// §3.4 step 5 (estimate_layer_cost): the partitioned layer's descriptors (the run's mapping) must hold the blocks
/// the constraint forces (free loops count 1), then every datum crosses DRAM (if its region is DRAM,
/// divided by its sharing group), the GBUF and the array bus once, filters once per batch group unless
/// they stay resident, and each MAC reads its operands in REGF; hops from region centres.
LayerEstimate estimateLayerCost(const Layer& layer, int batch, const PartitionScheme& part, const Resource& resource,
                                const TopBlockingConstraint& c, const Options& options, const EnergyCosts& energy);

/// §3.4 step 4 (segment_occp_is_valid): the layer's blocks under the constraint fit `nodes` GBUFs of
/// `gbufWords` each; `totalPes` bounds the channel pairs a conv can run in parallel.
bool layerOccupancyValid(const Layer& layer, int batch, const TopBlockingConstraint& c, std::int64_t nodes,
                         double gbufWords, std::int64_t totalPes);

} // namespace kapla::ksolve
