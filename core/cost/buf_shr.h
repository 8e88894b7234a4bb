#pragma once
// Buffer-sharing groups over the NoC (TANGRAM; model spec §4.7).

#include "cost/cost_types.h"
#include "schedule/partition.h"

#include <utility>
#include <vector>

namespace kapla {

/// Which nodes hold the same data of each category, and their neighbour distances.
class BufShrScheme
{
public:
    /// No sharing: every group is a single node.
    BufShrScheme();
    /// The groups of a partition on `region`, for a layer whose categories are indexed by `dataLoops`.
    BufShrScheme(const NodeRegion& region, const PartitionScheme& part, const PerCategory<unsigned>& dataLoops);

    /// Group size of a category (also the access-forwarding reduction).
    int size(DataCategory d) const;
    /// The group sizes a scheme of `part` has, without its geometry (they do not depend on the region).
    static PerCategory<int> groupSizes(const PartitionScheme& part, const PerCategory<unsigned>& dataLoops);
    /// Node extent (h, w) of the group sharing a category.
    PhyDim2 dim(DataCategory d) const { return m_dims[static_cast<std::size_t>(d)]; }
    /// Average hop distance between adjacent group members along (h, w); inf where the extent is 1.
    std::pair<double, double> neighborDist(DataCategory d) const { return m_nbrDists[static_cast<std::size_t>(d)]; }
    /// Hops of one full rotation round over subgroups of `s` nodes, normalised to the unique data size;
    /// `units` rotation units per round (0 = s). NaN if `s` exceeds the group size.
    double nhopsRotateAll(DataCategory d, int s, int units = 0) const;
    /// Hops of fetching a `width`-wide block once from the subgroup of `s` nodes (NaN if width > s).
    double nhopsWideFetchOnce(DataCategory d, int s, double width) const;
    /// Extent of a subgroup of `s` nodes (rounded up to a divisor of the group size); (0,0) if s > size.
    PhyDim2 subgroupDim(DataCategory d, int s) const;

private:
    /// Axis (0 = h, 1 = w) with the smaller neighbour distance, h on a tie.
    int priorityAxis(DataCategory d) const;
    /// Hop distance of a relative coordinate, each axis scaled by its neighbour distance.
    double scaledHops(DataCategory d, PhyDim2 rel) const;
    /// The k-th node of a snake walk over `dim` that runs along axis `p` first.
    static PhyDim2 snakeCoordinate(int k, PhyDim2 dim, int p);
    /// Hops of the rotation chain plus its loop-back for `s` nodes in a subgroup of extent `g`.
    double rotationBase(DataCategory d, int s, PhyDim2 g) const;
    /// Fills m_rotationBase: the search asks for the same few subgroup sizes millions of times.
    void tabulateRotations();

    PerCategory<PhyDim2> m_dims{{{1, 1}, {1, 1}, {1, 1}}};
    PerCategory<std::pair<double, double>> m_nbrDists{};
    PerCategory<std::vector<double>> m_rotationBase; ///< rotationBase per subgroup size 0..size
};

} // namespace kapla
