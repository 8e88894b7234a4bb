#pragma once
// A fast estimate of the NoC hops that move each data category once between its data regions and
// a partition's nodes (the quantity unit_nhops_to_proc_region computes exactly, model spec §4.3).
// The exact count costs about a millisecond per partition on a 16x16 mesh; this estimate, from the
// partition's lattice geometry, takes microseconds and serves to rank partitions before the exact
// evaluation of the best few.

#include "cost/data_layout.h"
#include "schedule/partition.h"

#include <vector>

namespace kapla::ksolve {

/// Where the data of one layer comes from and goes to.
struct HopGeometry {
    NodeRegion procRegion;             ///< nodes of the layer
    std::vector<PhyDim2> dramNodes;    ///< filters come from the nearest of these
    std::vector<PhyDim2> ifmapSources; ///< representative nodes holding the ifmaps
    std::vector<PhyDim2> ofmapDests;   ///< representative nodes receiving the ofmaps
    bool ifmapInDram = true;           ///< the ifmap sources are DRAM nodes
    bool ofmapInDram = true;           ///< the ofmap destinations are DRAM nodes
    bool ofmapInProc = false;          ///< ofmaps stay in the layer's own region (no hops unless split by INPP)
    bool forwarding = false;           ///< access forwarding or buffer sharing is on
    /// On-chip ifmaps node by node (range and node), to measure how a partition aligns with its
    /// producer's; empty for DRAM ifmaps, which the nearest DRAM node serves.
    std::vector<FmapRange> ifmapPieceRanges;
    std::vector<PhyDim2> ifmapPieceNodes;

    /// Per node of the region (see setDistanceTables), the distance to the nearest DRAM node, from
    /// the ifmap sources and to the ofmap destinations: every partition of the layer asks for them
    /// node by node.
    PhyDim2 tableOrigin{0, 0};
    PhyDim2 tableDim{0, 0};
    std::vector<double> dramDistance;
    std::vector<double> ifmapDistance;
    std::vector<double> ofmapDistance;
};

/// Fills the per-node distance tables of a geometry whose region and nodes are set.
void setDistanceTables(HopGeometry& g);

/// The node-by-node pieces of an on-chip ifmap layout (empty if any piece lies in DRAM).
void setIfmapPieces(HopGeometry& g, const DataLayout& ifmapLayout);

/// Up to `maxNodes` nodes of a region spread over it (all of them when it is small).
std::vector<PhyDim2> representativeNodes(const NodeRegion& region, int maxNodes = 16);

/// Hop length of the minimum spanning tree of a lattice group: `extents` nodes per component,
/// `strides` hops between neighbours along it (components are independent lattice directions).
double latticeTreeLength(const std::vector<int>& extents, const std::vector<int>& strides);

/// Estimated hops per category (FIL, IFM, OFM) to move each datum once: per distinct data range,
/// the distance from its source to the closest node needing it plus the spanning tree over those
/// nodes when data is forwarded (partial sums: half the tree), times the per-node data size.
PerCategory<double> estimateUnitHops(const Layer& layer, int batch, const PartitionScheme& part,
                                     const HopGeometry& geometry);

} // namespace kapla::ksolve
