#pragma once
// Rectangular (possibly folded) sets of nodes on the mesh, and their spatial sub-allocation.

#include "model/phy_dim2.h"

#include <vector>

namespace kapla {

/// A rectangular node region, optionally folded zig-zag along w (pipelined sub-regions).
struct NodeRegion {
    enum class Type { Proc = 0, Dram = 1 };

    PhyDim2 dim{0, 0};    ///< node counts (h, w)
    PhyDim2 origin{0, 0}; ///< absolute coordinate of the first node
    PhyDim2 dist{1, 1};   ///< spacing between consecutive nodes
    Type type = Type::Proc;
    int wtot = 0; ///< width between two turns of the fold (0 = dim.w)
    int wbeg = 0; ///< nodes before the first turn, sign = initial direction (0 = wtot)

    /// A plain (unfolded) region.
    static NodeRegion make(PhyDim2 dim, PhyDim2 origin, Type type, PhyDim2 dist = {1, 1});

    int foldWidth() const { return wtot > 0 ? wtot : dim.w; }
    int firstRun() const { return wbeg != 0 ? wbeg : foldWidth(); }

    /// Absolute coordinate of the relative coordinate `rel` within `dim`.
    PhyDim2 rel2abs(PhyDim2 rel) const;
    /// All absolute node coordinates, relative row-major order.
    std::vector<PhyDim2> nodes() const;
    /// True if `coord` is one of the region's nodes.
    bool contains(PhyDim2 coord) const;
    /// Sub-regions of the requested node counts (stripe allocation); empty if they do not fit.
    std::vector<NodeRegion> allocate(const std::vector<int>& requests) const;

    bool operator==(const NodeRegion&) const = default;
};

} // namespace kapla
