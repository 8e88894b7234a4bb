#pragma once
// Where fmap data lives and the NoC hops to move it (model spec §4.3).

#include "cost/cost_types.h"
#include "model/layer.h"
#include "schedule/partition.h"

#include <vector>

namespace kapla {

/// A batched fmap split channel-wise into pieces, each spread over a region by a partition.
struct DataLayout {
    std::vector<FmapRange> frngs;       ///< channel-contiguous pieces, starting at 0
    std::vector<NodeRegion> regions;    ///< region holding each piece
    std::vector<PartitionScheme> parts; ///< how each piece is spread over its region (INPP 1)

    /// The full range covered by the layout.
    FmapRange completeRange() const;
    /// The reference constructor's checks: pieces start at 0, are contiguous in n with equal b/h/w
    /// extents, and each part has INPP 1 and fits its region.
    bool isValid() const;
    /// True if every region of the layout lies within one of `candidates` of the same type.
    bool liesIn(const std::vector<NodeRegion>& candidates) const;
    /// Hops to bring `frng` to each destination node (forwarding: Prim's tree over destinations).
    double nhopsTo(const FmapRange& frng, const std::vector<PhyDim2>& dests, bool forwarding) const;
    /// Channel-wise concatenation (merge semantics of the network's `prevs`).
    static DataLayout concat(const std::vector<DataLayout>& layouts);
};

/// Hops to move each data category once between its data regions and the layer's nodes (§4.3).
PerCategory<double> unitNhopsToProcRegion(const Layer& layer, int batch, const NodeRegion& procRegion,
                                          const PartitionScheme& part, const NodeRegion& filterRegion,
                                          const DataLayout& ifmapLayout, const DataLayout& ofmapLayout,
                                          bool forwarding);

} // namespace kapla
