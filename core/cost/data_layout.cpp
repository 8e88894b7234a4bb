#include "cost/data_layout.h"

#include "cost/proc_data_range.h"
#include "util/math_util.h"

#include <algorithm>
#include <limits>
#include <map>

namespace kapla {

namespace {

// Hops of a Prim tree that grows from `reached` until it spans `remaining`, each hop weighted by
// `size`. Ties pick the smallest coordinate; the total does not depend on the choice. Each remaining
// node keeps its distance to the tree, so a step costs O(remaining) instead of O(remaining × reached).
std::int64_t primTreeHops(const std::vector<PhyDim2>& reached, std::vector<PhyDim2> remaining, std::int64_t size)
{
    std::vector<int> dist(remaining.size(), std::numeric_limits<int>::max());
    for (std::size_t i = 0; i < remaining.size(); ++i)
        for (const PhyDim2 r : reached)
            dist[i] = std::min(dist[i], hopDist(remaining[i], r));
    std::int64_t nhops = 0;
    while (!remaining.empty()) {
        std::size_t best = 0;
        for (std::size_t i = 1; i < remaining.size(); ++i)
            if (dist[i] < dist[best] || (dist[i] == dist[best] && remaining[i] < remaining[best]))
                best = i;
        nhops += size * dist[best];
        const PhyDim2 added = remaining[best];
        remaining[best] = remaining.back();
        dist[best] = dist.back();
        remaining.pop_back();
        dist.pop_back();
        for (std::size_t i = 0; i < remaining.size(); ++i)
            dist[i] = std::min(dist[i], hopDist(remaining[i], added));
    }
    return nhops;
}

// The pieces of a layout node by node (in the reference's piece and partition-index order), built
// once per hop count instead of once per queried range.
struct LayoutPieces {
    std::vector<FmapRange> ranges;
    std::vector<PhyDim2> coords;
    FmapRange complete;
};

LayoutPieces layoutPieces(const DataLayout& layout)
{
    LayoutPieces p;
    p.complete = layout.completeRange();
    for (std::size_t piece = 0; piece < layout.frngs.size(); ++piece) {
        const PartitionScheme& part = layout.parts[piece];
        for (const PartitionIndex& pidx : part.genPidx()) {
            p.ranges.push_back(part.fmapRange(layout.frngs[piece], pidx));
            p.coords.push_back(part.coordinate(layout.regions[piece], pidx));
        }
    }
    return p;
}

// DataLayout::nhopsTo on precomputed pieces.
std::int64_t piecesNhopsTo(const LayoutPieces& pieces, const FmapRange& frng, const std::vector<PhyDim2>& dests,
                           bool forwarding)
{
    if (dests.empty())
        return 0;
    std::vector<std::int64_t> perDest(dests.size(), 0);
    for (std::size_t k = 0; k < pieces.ranges.size(); ++k) {
        const std::int64_t overlap = pieces.ranges[k].overlapSize(frng);
        if (overlap == 0)
            continue;
        for (std::size_t j = 0; j < dests.size(); ++j)
            perDest[j] += overlap * hopDist(pieces.coords[k], dests[j]);
    }
    if (!forwarding) {
        std::int64_t sum = 0;
        for (const std::int64_t h : perDest)
            sum += h;
        return sum;
    }
    // The destination cheapest to reach from memory fetches; the others forward among themselves.
    std::size_t first = 0;
    for (std::size_t j = 1; j < dests.size(); ++j)
        if (perDest[j] < perDest[first] || (perDest[j] == perDest[first] && dests[j] < dests[first]))
            first = j;
    std::vector<PhyDim2> others = dests;
    others.erase(others.begin() + static_cast<std::ptrdiff_t>(first));
    return perDest[first] + primTreeHops({dests[first]}, std::move(others), pieces.complete.overlapSize(frng));
}

// Nodes needing each distinct data range, in partition-index order (the reference's dicts).
template <typename Key>
using NodesByRange = std::map<Key, std::vector<PhyDim2>>;

struct NodeGroups {
    NodesByRange<FilterRange> fil;
    NodesByRange<FmapRange> ifm;
    NodesByRange<FmapRange> ofm;
};

NodeGroups groupNodesByRange(const Layer& layer, int batch, const NodeRegion& procRegion,
                             const PartitionScheme& part)
{
    NodeGroups g;
    for (const PartitionIndex& pidx : part.genPidx()) {
        const ProcDataRange r = procDataRange(layer, batch, part, pidx);
        if (r.ifmap.empty() || r.ofmap.empty())
            continue; // nodes without work
        const PhyDim2 coord = part.coordinate(procRegion, pidx);
        if (!r.filter.empty())
            g.fil[r.filter].push_back(coord);
        g.ifm[r.ifmap].push_back(coord);
        g.ofm[r.ofmap].push_back(coord);
    }
    return g;
}

std::int64_t filterNhops(const Layer& layer, const NodesByRange<FilterRange>& groups,
                         const std::vector<PhyDim2>& filterNodes, bool forwarding)
{
    std::int64_t nhops = 0;
    for (const auto& [frng, nodes] : groups) {
        const std::int64_t size = frng.channelPairs() * layer.filterSize();
        if (forwarding) {
            nhops += primTreeHops(filterNodes, nodes, size);
            continue;
        }
        for (const PhyDim2 c : nodes) {
            int d = std::numeric_limits<int>::max();
            for (const PhyDim2 f : filterNodes)
                d = std::min(d, hopDist(c, f));
            nhops += size * d;
        }
    }
    return nhops;
}


// Partial sums of INPP siblings are reduced and written back; halved because the OFM fetch count
// 2f-1 already counts both the read and the write of each round.
std::int64_t ofmapNhops(const NodesByRange<FmapRange>& groups, const LayoutPieces& ofmapLayout, bool forwarding)
{
    std::int64_t nhops = 0;
    for (const auto& [orng, nodes] : groups) {
        if (forwarding) {
            std::int64_t nearest = std::numeric_limits<std::int64_t>::max();
            for (const PhyDim2 c : nodes)
                nearest = std::min(nearest, piecesNhopsTo(ofmapLayout, orng, {c}, false));
            nhops += idivc(nearest + piecesNhopsTo(ofmapLayout, orng, nodes, true), 2);
            continue;
        }
        const std::size_t midIndex = nodes.size() / 2;
        const PhyDim2 mid = nodes[midIndex];
        nhops += piecesNhopsTo(ofmapLayout, orng, {mid}, false);
        for (std::size_t k = 0; k < nodes.size(); ++k)
            if (k != midIndex)
                nhops += idivc(orng.size() * hopDist(nodes[k], mid), 2);
    }
    return nhops;
}

bool sameRegion(const NodeRegion& a, const NodeRegion& b)
{
    return a.dim == b.dim && a.origin == b.origin && a.dist == b.dist && a.type == b.type
        && a.foldWidth() == b.foldWidth() && a.firstRun() == b.firstRun();
}

} // namespace

FmapRange DataLayout::completeRange() const
{
    if (frngs.empty())
        return {};
    return {frngs.front().beg, frngs.back().end};
}

bool DataLayout::isValid() const
{
    if (frngs.empty() || frngs.size() != regions.size() || frngs.size() != parts.size())
        return false;
    if (frngs.front().beg != std::array<int, 4>{0, 0, 0, 0})
        return false;
    for (std::size_t k = 0; k < frngs.size(); ++k) {
        const FmapRange& f = frngs[k];
        for (const std::size_t axis : {std::size_t{0}, std::size_t{2}, std::size_t{3}})
            if (f.beg[axis] != frngs.front().beg[axis] || f.end[axis] != frngs.front().end[axis])
                return false;
        if (k > 0 && f.beg[1] != frngs[k - 1].end[1])
            return false;
        const PhyDim2 pd = parts[k].dim();
        if (!parts[k].isApplicableToFmapRange() || pd.h > regions[k].dim.h || pd.w > regions[k].dim.w)
            return false;
    }
    return true;
}

bool DataLayout::liesIn(const std::vector<NodeRegion>& candidates) const
{
    const auto within = [](const NodeRegion& inner, const NodeRegion& outer) {
        if (inner.type != outer.type)
            return false;
        const std::vector<PhyDim2> nodes = inner.nodes();
        return std::all_of(nodes.begin(), nodes.end(), [&outer](PhyDim2 n) { return outer.contains(n); });
    };
    return std::all_of(regions.begin(), regions.end(), [&](const NodeRegion& r) {
        return std::any_of(candidates.begin(), candidates.end(), [&](const NodeRegion& c) { return within(r, c); });
    });
}

double DataLayout::nhopsTo(const FmapRange& frng, const std::vector<PhyDim2>& dests, bool forwarding) const
{
    return static_cast<double>(piecesNhopsTo(layoutPieces(*this), frng, dests, forwarding));
}

DataLayout DataLayout::concat(const std::vector<DataLayout>& layouts)
{
    DataLayout out;
    int nOffset = 0;
    for (const DataLayout& l : layouts) {
        for (FmapRange f : l.frngs) {
            f.beg[1] += nOffset;
            f.end[1] += nOffset;
            out.frngs.push_back(f);
        }
        out.regions.insert(out.regions.end(), l.regions.begin(), l.regions.end());
        out.parts.insert(out.parts.end(), l.parts.begin(), l.parts.end());
        if (!out.frngs.empty())
            nOffset = out.frngs.back().end[1];
    }
    return out;
}

PerCategory<double> unitNhopsToProcRegion(const Layer& layer, int batch, const NodeRegion& procRegion,
                                          const PartitionScheme& part, const NodeRegion& filterRegion,
                                          const DataLayout& ifmapLayout, const DataLayout& ofmapLayout,
                                          bool forwarding)
{
    const NodeGroups groups = groupNodesByRange(layer, batch, procRegion, part);
    const LayoutPieces ifmapPieces = layoutPieces(ifmapLayout);
    std::int64_t ifm = 0;
    for (const auto& [irng, nodes] : groups.ifm)
        ifm += piecesNhopsTo(ifmapPieces, irng, nodes, forwarding);
    const bool keptLocally = ofmapLayout.parts == std::vector<PartitionScheme>{part}
        && ofmapLayout.regions.size() == 1 && sameRegion(ofmapLayout.regions.front(), procRegion);
    const std::int64_t fil = filterNhops(layer, groups.fil, filterRegion.nodes(), forwarding);
    const std::int64_t ofm = keptLocally ? 0 : ofmapNhops(groups.ofm, layoutPieces(ofmapLayout), forwarding);
    return {static_cast<double>(fil), static_cast<double>(ifm), static_cast<double>(ofm)};
}

} // namespace kapla
