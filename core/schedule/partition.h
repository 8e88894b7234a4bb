#pragma once
// Partitioning a layer over the nodes of a region (model spec §4.2).

#include "model/layer.h"
#include "model/node_region.h"
#include "model/options.h"
#include "schedule/directive_types.h"

#include <array>
#include <cstdint>
#include <utility>
#include <vector>

namespace kapla {

/// Per-parallelism 2-D index of a node within a partition.
using PartitionIndex = std::array<PhyDim2, kNumParallels>;

/// The per-node layer of a partitioned layer.
struct PartitionedLayer {
    Layer layer;            ///< per-node layer (forward-equivalent for backward layers)
    int batch = 1;          ///< per-node batch
    double occupancy = 1.0; ///< useful fraction (padding waste < 1)
    /// Read-modify-write category of the original layer; the per-node forward-equivalent layer of a
    /// weight-gradient layer is a plain conv, so it cannot carry FIL itself.
    DataCategory rwData = DataCategory::Ofm;
};

/// How a layer is split over nodes: the hierarchy order and a 2-D factor per parallelism.
struct PartitionScheme {
    std::array<Parallel, kNumParallels> order{Parallel::Outp, Parallel::Ofmp, Parallel::Batp, Parallel::Inpp};
    std::array<PhyDim2, kNumParallels> pdims{{{1, 1}, {1, 1}, {1, 1}, {1, 1}}};

    const PhyDim2& pdim(Parallel p) const { return pdims[static_cast<std::size_t>(p)]; }
    /// Total partition dim (element-wise product); equals the proc-region dim.
    PhyDim2 dim() const;
    std::int64_t size() const { return dim().size(); }
    /// Every partition index in the reference's order (pae in enum order, each h-major).
    std::vector<PartitionIndex> genPidx() const;
    /// Calls visit(pidx) for every partition index in genPidx's order, without the list: a mixed-radix
    /// counter, OUTP.h the most significant digit and INPP.w the least (the hop counts walk every
    /// node of every ranked partition, and a division per digit was a tenth of their time).
    template <typename Visit>
    void forEachPidx(Visit&& visit) const
    {
        const std::int64_t total = size();
        PartitionIndex pidx{};
        for (std::int64_t n = 0; n < total; ++n) {
            visit(static_cast<const PartitionIndex&>(pidx));
            for (std::size_t k = kNumParallels; k-- > 0;) {
                if (++pidx[k].w < pdims[k].w)
                    break;
                pidx[k].w = 0;
                if (++pidx[k].h < pdims[k].h)
                    break;
                pidx[k].h = 0;
            }
        }
    }
    /// Absolute node coordinate of a partition index in `region`.
    PhyDim2 coordinate(const NodeRegion& region, const PartitionIndex& pidx) const;
    /// The ofmap sub-range of `frng` a node computes.
    FmapRange fmapRange(const FmapRange& frng, const PartitionIndex& pidx) const;
    /// True if INPP is 1 (the scheme can lay out an fmap).
    bool isApplicableToFmapRange() const;
    /// The per-node layer, batch and occupancy. Precondition: INPP is 1 for local-region and
    /// depthwise layers (the reference raises there); an input layer maps to a smaller input layer.
    PartitionedLayer partLayer(const Layer& layer, int batch) const;
    /// Average hop distance between nodes adjacent in `p` along (h, w); inf where the extent is 1.
    std::pair<double, double> neighborDist(const NodeRegion& region, Parallel p) const;
    /// The scheme re-fit onto another region (e.g. to lay out data in DRAM).
    PartitionScheme projection(const NodeRegion& region, bool appl2frng) const;

    bool operator==(const PartitionScheme&) const = default;
};

/// Every partition scheme of the reference's enumeration, in its order (§4.2).
std::vector<PartitionScheme> genPartitions(const Layer& layer, int batch, PhyDim2 dimNodes, const Options& options,
                                           bool guaranteed);

} // namespace kapla
