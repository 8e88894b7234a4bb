#pragma once
// Buffer-sharing groups over the NoC (TANGRAM; model spec §4.7).

#include "cost/cost_types.h"
#include "cost/partition.h"

#include <utility>

namespace kapla {

/// Which nodes hold the same data of each category, and their neighbour distances.
class BufShrScheme {
public:
    BufShrScheme() = default;
    BufShrScheme(const NodeRegion& region, const PartitionScheme& part, const PerCategory<unsigned>& dataLoops);

    /// Group size of a category (also the access-forwarding reduction).
    int size(DataCategory d) const;
    PhyDim2 dim(DataCategory d) const { return m_dims[static_cast<std::size_t>(d)]; }
    std::pair<double, double> neighborDist(DataCategory d) const { return m_nbrDists[static_cast<std::size_t>(d)]; }
    /// Hops of one full rotation round over subgroups of `s` nodes, normalised to the unique data size.
    double nhopsRotateAll(DataCategory d, int s, int units = 0) const;
    /// Hops of fetching a `width`-wide block once from the subgroup of `s` nodes.
    double nhopsWideFetchOnce(DataCategory d, int s, double width) const;

private:
    PerCategory<PhyDim2> m_dims{{{1, 1}, {1, 1}, {1, 1}}};
    PerCategory<std::pair<double, double>> m_nbrDists{};
};

} // namespace kapla
