#include "solve/kapla/hop_estimate.h"

#include <algorithm>
#include <limits>
#include <numeric>

namespace kapla::ksolve {

namespace {

constexpr unsigned bit(Parallel p) { return 1u << static_cast<int>(p); }

// The parallelisms a category's data range depends on; nodes differing only in the others share it.
PerCategory<unsigned> rangeParallelisms(const Layer& layer)
{
    const unsigned outp = bit(Parallel::Outp), ofmp = bit(Parallel::Ofmp), batp = bit(Parallel::Batp),
                   inpp = bit(Parallel::Inpp);
    if (layer.isConvLike())
        return {outp | inpp, batp | ofmp | inpp, batp | ofmp | outp};
    return {layer.isDepthwise() ? outp : 0u, batp | ofmp | outp, batp | ofmp | outp};
}

// Neighbour strides of a parallelism along each axis: the product of the levels below it.
PhyDim2 strideOf(const PartitionScheme& part, Parallel p, PhyDim2 dist)
{
    PhyDim2 s{1, 1};
    bool below = false;
    for (const Parallel q : part.order) {
        if (below)
            s = s * part.pdim(q);
        below = below || q == p;
    }
    return s * dist;
}

double sharedTree(const PartitionScheme& part, unsigned shared, PhyDim2 dist)
{
    std::vector<int> extents, strides;
    for (int i = 0; i < kNumParallels; ++i) {
        if (!(shared & (1u << i)))
            continue;
        const auto p = static_cast<Parallel>(i);
        const PhyDim2 n = part.pdim(p), s = strideOf(part, p, dist);
        extents.insert(extents.end(), {n.h, n.w});
        strides.insert(strides.end(), {s.h, s.w});
    }
    return latticeTreeLength(extents, strides);
}

double meanDistance(PhyDim2 from, const std::vector<PhyDim2>& to)
{
    if (to.empty())
        return 0.0;
    double sum = 0;
    for (const PhyDim2 t : to)
        sum += hopDist(from, t);
    return sum / static_cast<double>(to.size());
}

double nearestDistance(PhyDim2 from, const std::vector<PhyDim2>& to)
{
    int best = std::numeric_limits<int>::max();
    for (const PhyDim2 t : to)
        best = std::min(best, hopDist(from, t));
    return to.empty() ? 0.0 : best;
}

// DRAM layouts follow the partition's projection, so a node's data sits in the DRAM node of its
// quadrant: the nearest one. On-chip data is spread over its region.
double sourceDistance(PhyDim2 from, const std::vector<PhyDim2>& nodes, bool dram)
{
    return dram ? nearestDistance(from, nodes) : meanDistance(from, nodes);
}

// Visits every node of a partition with its index, without materialising the index list.
template <typename F>
void forEachNode(const PartitionScheme& part, F&& visit)
{
    PartitionIndex pidx{};
    const auto total = part.size();
    for (std::int64_t n = 0; n < total; ++n) {
        std::int64_t rest = n;
        for (std::size_t k = kNumParallels; k-- > 0;) {
            const PhyDim2 pd = part.pdims[k];
            pidx[k].w = static_cast<int>(rest % pd.w);
            rest /= pd.w;
            pidx[k].h = static_cast<int>(rest % pd.h);
            rest /= pd.h;
        }
        visit(pidx);
    }
}

int rangeKey(const PartitionScheme& part, const PartitionIndex& pidx, unsigned deps)
{
    int key = 0;
    for (int i = 0; i < kNumParallels; ++i)
        if (deps & (1u << i)) {
            const PhyDim2 pd = part.pdims[static_cast<std::size_t>(i)];
            key = (key * pd.h + pidx[static_cast<std::size_t>(i)].h) * pd.w + pidx[static_cast<std::size_t>(i)].w;
        }
    return key;
}

int rangeCount(const PartitionScheme& part, unsigned deps)
{
    int n = 1;
    for (int i = 0; i < kNumParallels; ++i)
        if (deps & (1u << i))
            n *= static_cast<int>(part.pdims[static_cast<std::size_t>(i)].size());
    return n;
}

} // namespace

std::vector<PhyDim2> representativeNodes(const NodeRegion& region, int maxNodes)
{
    std::vector<PhyDim2> nodes = region.nodes();
    if (static_cast<int>(nodes.size()) <= maxNodes)
        return nodes;
    std::vector<PhyDim2> out;
    const std::size_t step = (nodes.size() + static_cast<std::size_t>(maxNodes) - 1) / static_cast<std::size_t>(maxNodes);
    for (std::size_t i = 0; i < nodes.size(); i += step)
        out.push_back(nodes[i]);
    return out;
}

double latticeTreeLength(const std::vector<int>& extents, const std::vector<int>& strides)
{
    std::vector<std::size_t> idx(extents.size());
    std::iota(idx.begin(), idx.end(), 0);
    std::stable_sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) { return strides[a] < strides[b]; });
    // Kruskal on a product lattice: join along the shortest links first; each later component
    // links the clusters formed so far.
    double total = 0;
    for (std::size_t k = 0; k < idx.size(); ++k) {
        double lines = 1;
        for (std::size_t j = k + 1; j < idx.size(); ++j)
            lines *= extents[idx[j]];
        total += (extents[idx[k]] - 1) * static_cast<double>(strides[idx[k]]) * lines;
    }
    return total;
}

PerCategory<double> estimateUnitHops(const Layer& layer, int batch, const PartitionScheme& part, const HopGeometry& g)
{
    const PartitionedLayer pl = part.partLayer(layer, batch);
    const PerCategory<double> size{static_cast<double>(pl.layer.totalFilterSize()),
                                   static_cast<double>(pl.layer.totalIfmapSize(pl.batch)),
                                   static_cast<double>(pl.layer.totalOfmapSize(pl.batch))};
    const PerCategory<unsigned> deps = rangeParallelisms(layer);
    // Node coordinates once, in partition-index order.
    thread_local std::vector<std::pair<PartitionIndex, PhyDim2>> nodes;
    nodes.clear();
    forEachNode(part, [&](const PartitionIndex& pidx) { nodes.emplace_back(pidx, part.coordinate(g.procRegion, pidx)); });
    PerCategory<double> hops{0, 0, 0};
    for (std::size_t d = 0; d < kNumDataCategories; ++d) {
        if (size[d] <= 0 || (d == 2 && g.ofmapInProc && part.pdim(Parallel::Inpp).size() == 1))
            continue;
        const unsigned shared = ((1u << kNumParallels) - 1u) & ~deps[d];
        std::vector<double> entry(static_cast<std::size_t>(rangeCount(part, deps[d])), std::numeric_limits<double>::infinity());
        double direct = 0;
        for (const auto& [pidx, c] : nodes) {
            const double dist = d == 0 ? nearestDistance(c, g.dramNodes)
                                       : sourceDistance(c, d == 1 ? g.ifmapSources : g.ofmapDests, d == 1 ? g.ifmapInDram : g.ofmapInDram);
            auto& e = entry[static_cast<std::size_t>(rangeKey(part, pidx, deps[d]))];
            e = std::min(e, dist);
            direct += dist;
        }
        double sum = 0;
        for (const double e : entry)
            sum += e;
        const double tree = sharedTree(part, shared, g.procRegion.dist) * static_cast<double>(entry.size());
        if (d == 2) // partial sums meet halfway (the reference halves the reduction hops)
            hops[d] = size[d] * (sum + tree / 2);
        else
            hops[d] = size[d] * (g.forwarding ? sum + tree : direct);
    }
    return hops;
}

} // namespace kapla::ksolve
