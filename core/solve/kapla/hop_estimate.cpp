#include "solve/kapla/hop_estimate.h"

#include "cost/proc_data_range.h"

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

// Index of a node in the geometry's distance tables, or -1 outside them (also before they are set).
std::ptrdiff_t tableIndex(const HopGeometry& g, PhyDim2 c)
{
    const int h = c.h - g.tableOrigin.h, w = c.w - g.tableOrigin.w;
    if (h < 0 || w < 0 || h >= g.tableDim.h || w >= g.tableDim.w)
        return -1;
    return static_cast<std::ptrdiff_t>(h) * g.tableDim.w + w;
}

double dramDistance(const HopGeometry& g, PhyDim2 c)
{
    const std::ptrdiff_t i = tableIndex(g, c);
    const double known = i >= 0 ? g.dramDistance[static_cast<std::size_t>(i)] : -1.0;
    return known >= 0 ? known : nearestDistance(c, g.dramNodes);
}

double ifmapSourceDistance(const HopGeometry& g, PhyDim2 c)
{
    const std::ptrdiff_t i = tableIndex(g, c);
    const double known = i >= 0 ? g.ifmapDistance[static_cast<std::size_t>(i)] : -1.0;
    return known >= 0 ? known : sourceDistance(c, g.ifmapSources, g.ifmapInDram);
}

double ofmapDistance(const HopGeometry& g, PhyDim2 c)
{
    const std::ptrdiff_t i = tableIndex(g, c);
    const double known = i >= 0 ? g.ofmapDistance[static_cast<std::size_t>(i)] : -1.0;
    return known >= 0 ? known : sourceDistance(c, g.ofmapDests, g.ofmapInDram);
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

// Average hops per word from the pieces holding a node's ifmap range to the node.
double alignedDistance(const HopGeometry& g, const FmapRange& range, PhyDim2 node)
{
    std::int64_t words = 0, weighted = 0;
    for (std::size_t k = 0; k < g.ifmapPieceRanges.size(); ++k) {
        const std::int64_t overlap = g.ifmapPieceRanges[k].overlapSize(range);
        if (overlap == 0)
            continue;
        words += overlap;
        weighted += overlap * hopDist(node, g.ifmapPieceNodes[k]);
    }
    return words > 0 ? static_cast<double>(weighted) / static_cast<double>(words) : 0.0;
}

// Most piece-node comparisons per on-chip ifmap estimate; larger partitions sample their nodes.
constexpr std::size_t kAlignmentBudget = 2048;

// Per node, the distance of its ifmaps: measured against the producer's pieces for on-chip layouts
// (sampled nodes; the others take the sampled mean), the nearest DRAM node otherwise.
std::vector<double> ifmapDistances(const Layer& layer, int batch, const PartitionScheme& part, const HopGeometry& g,
                                   const std::vector<std::pair<PartitionIndex, PhyDim2>>& nodes)
{
    std::vector<double> dist(nodes.size(), -1);
    if (g.ifmapPieceRanges.empty()) {
        for (std::size_t i = 0; i < nodes.size(); ++i)
            dist[i] = ifmapSourceDistance(g, nodes[i].second);
        return dist;
    }
    const std::size_t stride = std::max<std::size_t>(1, nodes.size() * g.ifmapPieceRanges.size() / kAlignmentBudget);
    double sum = 0;
    std::size_t sampled = 0;
    for (std::size_t i = 0; i < nodes.size(); i += stride) {
        dist[i] = alignedDistance(g, procDataRange(layer, batch, part, nodes[i].first).ifmap, nodes[i].second);
        sum += dist[i];
        ++sampled;
    }
    const double mean = sampled ? sum / static_cast<double>(sampled) : 0.0;
    for (double& d : dist)
        if (d < 0)
            d = mean;
    return dist;
}

} // namespace

void setIfmapPieces(HopGeometry& g, const DataLayout& layout)
{
    g.ifmapPieceRanges.clear();
    g.ifmapPieceNodes.clear();
    for (const NodeRegion& r : layout.regions)
        if (r.type == NodeRegion::Type::Dram)
            return;
    for (std::size_t piece = 0; piece < layout.frngs.size(); ++piece)
        for (const PartitionIndex& pidx : layout.parts[piece].genPidx()) {
            g.ifmapPieceRanges.push_back(layout.parts[piece].fmapRange(layout.frngs[piece], pidx));
            g.ifmapPieceNodes.push_back(layout.parts[piece].coordinate(layout.regions[piece], pidx));
        }
}

void setDistanceTables(HopGeometry& g)
{
    const std::vector<PhyDim2> nodes = g.procRegion.nodes();
    if (nodes.empty())
        return;
    PhyDim2 lo = nodes.front(), hi = nodes.front();
    for (const PhyDim2 c : nodes) {
        lo = {std::min(lo.h, c.h), std::min(lo.w, c.w)};
        hi = {std::max(hi.h, c.h), std::max(hi.w, c.w)};
    }
    g.tableOrigin = lo;
    g.tableDim = {hi.h - lo.h + 1, hi.w - lo.w + 1};
    // Cells of the bounding box that are not nodes of a folded region stay unknown (-1).
    g.dramDistance.assign(static_cast<std::size_t>(g.tableDim.h) * static_cast<std::size_t>(g.tableDim.w), -1.0);
    g.ofmapDistance.assign(g.dramDistance.size(), -1.0);
    g.ifmapDistance.assign(g.dramDistance.size(), -1.0);
    for (const PhyDim2 c : nodes) {
        const auto i = static_cast<std::size_t>(tableIndex(g, c));
        g.dramDistance[i] = nearestDistance(c, g.dramNodes);
        g.ifmapDistance[i] = sourceDistance(c, g.ifmapSources, g.ifmapInDram);
        g.ofmapDistance[i] = sourceDistance(c, g.ofmapDests, g.ofmapInDram);
    }
}

std::vector<PhyDim2> representativeNodes(const NodeRegion& region, int maxNodes)
{
    std::vector<PhyDim2> nodes = region.nodes();
    if (static_cast<int>(nodes.size()) <= maxNodes)
        return nodes;
    std::vector<PhyDim2> out;
    const std::size_t step = (nodes.size() + static_cast<std::size_t>(maxNodes) - 1)
                           / static_cast<std::size_t>(maxNodes);
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
    part.forEachPidx(
        [&](const PartitionIndex& pidx) { nodes.emplace_back(pidx, part.coordinate(g.procRegion, pidx)); });
    PerCategory<double> hops{0, 0, 0};
    for (std::size_t d = 0; d < kNumDataCategories; ++d) {
        if (size[d] <= 0 || (d == 2 && g.ofmapInProc && part.pdim(Parallel::Inpp).size() == 1))
            continue;
        const unsigned shared = ((1u << kNumParallels) - 1u) & ~deps[d];
        std::vector<double> entry(static_cast<std::size_t>(rangeCount(part, deps[d])),
                                  std::numeric_limits<double>::infinity());
        double direct = 0;
        const std::vector<double> ifmapDist = d == 1 ? ifmapDistances(layer, batch, part, g, nodes)
                                                     : std::vector<double>{};
        for (std::size_t i = 0; i < nodes.size(); ++i) {
            const auto& [pidx, c] = nodes[i];
            const double dist = d == 0 ? dramDistance(g, c) : d == 1 ? ifmapDist[i] : ofmapDistance(g, c);
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
