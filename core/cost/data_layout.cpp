#include "cost/data_layout.h"

#include "cost/proc_data_range.h"
#include "util/math_util.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <limits>
#include <memory>
#include <optional>
#include <span>
#include <utility>

namespace kapla {

namespace {

// Hops of a Prim tree that grows from `reached` until it spans `remaining`, each hop weighted by
// `size`. Ties pick the smallest coordinate; the total does not depend on the choice. Each remaining
// node keeps its distance to the tree, so a step costs O(remaining) instead of O(remaining × reached).
std::int64_t primTreeHops(std::span<const PhyDim2> reached, std::vector<PhyDim2> remaining, std::int64_t size)
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
// once per hop count instead of once per queried range. Queries ask which pieces overlap a range;
// with up to 256 pieces per layout and a query per node group, a linear scan dominated KAPLA's
// solve time, so the pieces are also indexed as a grid of their distinct extents per dimension
// (a partitioned fmap is such a grid): a query visits only the cells its range overlaps.
struct LayoutPieces {
    std::vector<FmapRange> ranges;
    std::vector<PhyDim2> coords;
    FmapRange complete;

    struct Extent {
        int beg = 0;
        int end = 0;
        auto operator<=>(const Extent&) const = default;
    };
    std::array<std::vector<Extent>, 4> extents; ///< per dimension, the distinct extents of the pieces
    std::array<bool, 4> disjoint{};             ///< per dimension, extents do not overlap (so ends ascend too)
    std::array<std::size_t, 4> stride{};        ///< cell index = sum of extent index × stride
    std::vector<int> cellStart;                 ///< pieces of cell c: cellPieces[cellStart[c] .. cellStart[c + 1])
    std::vector<int> cellPieces;                ///< empty when not indexed
};

void indexPieces(LayoutPieces& p)
{
    if (p.ranges.size() < 32) // small layouts scan faster
        return;
    std::size_t count = 1;
    for (std::size_t d = 0; d < 4; ++d) {
        auto& ext = p.extents[d];
        for (const FmapRange& r : p.ranges)
            ext.push_back({r.beg[d], r.end[d]});
        std::sort(ext.begin(), ext.end());
        ext.erase(std::unique(ext.begin(), ext.end()), ext.end());
        p.disjoint[d] = std::adjacent_find(ext.begin(), ext.end(),
                                           [](const auto& a, const auto& b) { return a.end > b.beg; })
                     == ext.end();
        p.stride[d] = count;
        count *= ext.size();
    }
    // Concatenated layouts of odd shapes could make the grid sparse and large: those are scanned.
    if (count > 16 * p.ranges.size() + 1024)
        return;
    std::vector<int> cellOf(p.ranges.size());
    p.cellStart.assign(count + 1, 0);
    for (std::size_t k = 0; k < p.ranges.size(); ++k) {
        std::size_t cell = 0;
        for (std::size_t d = 0; d < 4; ++d) {
            const auto& ext = p.extents[d];
            const LayoutPieces::Extent e{p.ranges[k].beg[d], p.ranges[k].end[d]};
            cell += static_cast<std::size_t>(std::lower_bound(ext.begin(), ext.end(), e) - ext.begin()) * p.stride[d];
        }
        cellOf[k] = static_cast<int>(cell);
        ++p.cellStart[cell + 1];
    }
    for (std::size_t c = 0; c < count; ++c)
        p.cellStart[c + 1] += p.cellStart[c];
    p.cellPieces.resize(p.ranges.size());
    std::vector<int> fill(p.cellStart.begin(), p.cellStart.end() - 1);
    for (std::size_t k = 0; k < p.ranges.size(); ++k)
        p.cellPieces[static_cast<std::size_t>(fill[static_cast<std::size_t>(cellOf[k])]++)] = static_cast<int>(k);
}

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
    indexPieces(p);
    return p;
}

bool sameLayout(const DataLayout& a, const DataLayout& b)
{
    return a.frngs == b.frngs && a.regions == b.regions && a.parts == b.parts;
}

// The pieces of the layouts most recently asked for on this thread: a search prices every partition of
// a layer against the same input and output layouts, and building the pieces of a 256-node layout
// costs more than comparing it.
std::shared_ptr<const LayoutPieces> cachedLayoutPieces(const DataLayout& layout)
{
    struct Entry {
        DataLayout layout;
        std::shared_ptr<const LayoutPieces> pieces;
    };
    thread_local std::array<std::optional<Entry>, 4> recent;
    thread_local std::size_t next = 0;
    for (const auto& e : recent)
        if (e && sameLayout(e->layout, layout))
            return e->pieces;
    auto& slot = recent[next];
    next = (next + 1) % recent.size();
    slot.emplace(Entry{layout, std::make_shared<const LayoutPieces>(layoutPieces(layout))});
    return slot->pieces;
}

// Calls fn(piece, overlap) for every piece sharing elements with frng (in no particular order).
template <typename Fn>
void forEachOverlap(const LayoutPieces& p, const FmapRange& frng, Fn&& fn)
{
    if (p.cellPieces.empty()) {
        for (std::size_t k = 0; k < p.ranges.size(); ++k)
            if (const std::int64_t overlap = p.ranges[k].overlapSize(frng))
                fn(k, overlap);
        return;
    }
    // Per dimension, the extents overlapping the query and the length they share with it.
    thread_local std::array<std::vector<std::pair<std::size_t, std::int64_t>>, 4>
        hits; // reused: no allocation per query
    for (auto& h : hits)
        h.clear();
    for (std::size_t d = 0; d < 4; ++d) {
        const auto& ext = p.extents[d];
        auto first = ext.begin();
        if (p.disjoint[d]) // skip the extents ending before the query starts
            first = std::partition_point(ext.begin(), ext.end(),
                                         [&](const LayoutPieces::Extent& e) { return e.end <= frng.beg[d]; });
        for (auto it = first; it != ext.end(); ++it) {
            if (p.disjoint[d] && it->beg >= frng.end[d])
                break;
            const int len = std::min(it->end, frng.end[d]) - std::max(it->beg, frng.beg[d]);
            if (len > 0)
                hits[d].emplace_back(static_cast<std::size_t>(it - ext.begin()) * p.stride[d], len);
        }
        if (hits[d].empty())
            return;
    }
    for (const auto& [c0, l0] : hits[0])
        for (const auto& [c1, l1] : hits[1])
            for (const auto& [c2, l2] : hits[2])
                for (const auto& [c3, l3] : hits[3]) {
                    const std::size_t cell = c0 + c1 + c2 + c3;
                    for (int i = p.cellStart[cell]; i < p.cellStart[cell + 1]; ++i)
                        fn(static_cast<std::size_t>(p.cellPieces[static_cast<std::size_t>(i)]), l0 * l1 * l2 * l3);
                }
}

// Hops to fetch frng from the pieces to each destination on its own.
// Hop distance is |dh| + |dw|, so the sum over pieces splits into one over the pieces' rows and
// one over their columns: words per row and per column, then a few terms per destination instead
// of one per piece (a 16x16 layout has 256 pieces but 16 rows). Integer sums: the result is exact.
std::vector<std::int64_t> perDestNhops(const LayoutPieces& pieces, const FmapRange& frng,
                                       std::span<const PhyDim2> dests)
{
    thread_local std::vector<std::pair<int, std::int64_t>> rows, cols;
    rows.clear();
    cols.clear();
    const auto add = [](std::vector<std::pair<int, std::int64_t>>& acc, int coord, std::int64_t words) {
        for (auto& [c, w] : acc)
            if (c == coord) {
                w += words;
                return;
            }
        acc.emplace_back(coord, words);
    };
    forEachOverlap(pieces, frng, [&](std::size_t k, std::int64_t overlap) {
        add(rows, pieces.coords[k].h, overlap);
        add(cols, pieces.coords[k].w, overlap);
    });
    std::vector<std::int64_t> perDest(dests.size(), 0);
    for (std::size_t j = 0; j < dests.size(); ++j) {
        std::int64_t hops = 0;
        for (const auto& [h, words] : rows)
            hops += words * std::abs(h - dests[j].h);
        for (const auto& [w, words] : cols)
            hops += words * std::abs(w - dests[j].w);
        perDest[j] = hops;
    }
    return perDest;
}

// The destination cheapest to reach from memory (ties: the smallest coordinate).
std::size_t nearestDest(const std::vector<std::int64_t>& perDest, std::span<const PhyDim2> dests)
{
    std::size_t first = 0;
    for (std::size_t j = 1; j < dests.size(); ++j)
        if (perDest[j] < perDest[first] || (perDest[j] == perDest[first] && dests[j] < dests[first]))
            first = j;
    return first;
}

// Forwarding: the nearest destination fetches from memory; the others forward among themselves.
std::int64_t forwardedNhops(const LayoutPieces& pieces, const FmapRange& frng, std::span<const PhyDim2> dests,
                            const std::vector<std::int64_t>& perDest, std::size_t first)
{
    std::vector<PhyDim2> others(dests.begin(), dests.end());
    others.erase(others.begin() + static_cast<std::ptrdiff_t>(first));
    return perDest[first] + primTreeHops(dests.subspan(first, 1), std::move(others), pieces.complete.overlapSize(frng));
}

// DataLayout::nhopsTo on precomputed pieces.
std::int64_t piecesNhopsTo(const LayoutPieces& pieces, const FmapRange& frng, std::span<const PhyDim2> dests,
                           bool forwarding)
{
    if (dests.empty())
        return 0;
    const std::vector<std::int64_t> perDest = perDestNhops(pieces, frng, dests);
    if (!forwarding) {
        std::int64_t sum = 0;
        for (const std::int64_t h : perDest)
            sum += h;
        return sum;
    }
    return forwardedNhops(pieces, frng, dests, perDest, nearestDest(perDest, dests));
}

// Nodes needing each distinct data range, in partition-index order (the reference's dicts). Flat
// and sorted rather than a map of vectors: built once per priced partition (256 nodes on a 16x16
// mesh), the map's allocations were a tenth of KAPLA's search time. The order of the groups does not
// matter (their hops are summed); the order of the nodes within one does (the forwarding tie-breaks).
template <typename Key>
class NodesByRange
{
public:
    void reserve(std::size_t n) { m_entries.reserve(n); }
    void add(const Key& range, PhyDim2 node) { m_entries.emplace_back(range, node); }
    /// Sorts the entries by range, keeping each range's nodes in the order they were added.
    void group()
    {
        std::stable_sort(m_entries.begin(), m_entries.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        m_nodes.clear();
        m_nodes.reserve(m_entries.size());
        for (const auto& e : m_entries)
            m_nodes.push_back(e.second);
    }
    /// Calls fn(range, nodes) once per distinct range.
    template <typename Fn>
    void forEach(Fn&& fn) const
    {
        const std::span<const PhyDim2> all(m_nodes);
        for (std::size_t b = 0; b < m_entries.size();) {
            std::size_t e = b + 1;
            while (e < m_entries.size() && !(m_entries[b].first < m_entries[e].first))
                ++e;
            fn(m_entries[b].first, all.subspan(b, e - b));
            b = e;
        }
    }

private:
    std::vector<std::pair<Key, PhyDim2>> m_entries;
    std::vector<PhyDim2> m_nodes; ///< m_entries' nodes, contiguous for the hop functions
};

struct NodeGroups {
    NodesByRange<FilterRange> fil;
    NodesByRange<FmapRange> ifm;
    NodesByRange<FmapRange> ofm;
};

NodeGroups groupNodesByRange(const Layer& layer, int batch, const NodeRegion& procRegion, const PartitionScheme& part)
{
    NodeGroups g;
    const auto nodes = static_cast<std::size_t>(part.size());
    g.fil.reserve(nodes);
    g.ifm.reserve(nodes);
    g.ofm.reserve(nodes);
    part.forEachPidx([&](const PartitionIndex& pidx) {
        const ProcDataRange r = procDataRange(layer, batch, part, pidx);
        if (r.ifmap.empty() || r.ofmap.empty())
            return; // nodes without work
        const PhyDim2 coord = part.coordinate(procRegion, pidx);
        if (!r.filter.empty())
            g.fil.add(r.filter, coord);
        g.ifm.add(r.ifmap, coord);
        g.ofm.add(r.ofmap, coord);
    });
    g.fil.group();
    g.ifm.group();
    g.ofm.group();
    return g;
}

std::int64_t filterNhops(const Layer& layer, const NodesByRange<FilterRange>& groups,
                         const std::vector<PhyDim2>& filterNodes, bool forwarding)
{
    std::int64_t nhops = 0;
    groups.forEach([&](const FilterRange& frng, std::span<const PhyDim2> nodes) {
        const std::int64_t size = frng.channelPairs() * layer.filterSize();
        if (forwarding) {
            nhops += primTreeHops(filterNodes, std::vector<PhyDim2>(nodes.begin(), nodes.end()), size);
            return;
        }
        for (const PhyDim2 c : nodes) {
            int d = std::numeric_limits<int>::max();
            for (const PhyDim2 f : filterNodes)
                d = std::min(d, hopDist(c, f));
            nhops += size * d;
        }
    });
    return nhops;
}

// Partial sums of INPP siblings are reduced and written back; halved because the OFM fetch count
// 2f-1 already counts both the read and the write of each round.
std::int64_t ofmapNhops(const NodesByRange<FmapRange>& groups, const LayoutPieces& ofmapLayout, bool forwarding)
{
    std::int64_t nhops = 0;
    groups.forEach([&](const FmapRange& orng, std::span<const PhyDim2> nodes) {
        if (forwarding) {
            // The reference fetches to each node alone to find the nearest one, then forwards from it.
            const std::vector<std::int64_t> perDest = perDestNhops(ofmapLayout, orng, nodes);
            const std::size_t nearest = nearestDest(perDest, nodes);
            nhops += idivc(perDest[nearest] + forwardedNhops(ofmapLayout, orng, nodes, perDest, nearest), 2);
            return;
        }
        const std::size_t midIndex = nodes.size() / 2;
        nhops += piecesNhopsTo(ofmapLayout, orng, nodes.subspan(midIndex, 1), false);
        for (std::size_t k = 0; k < nodes.size(); ++k)
            if (k != midIndex)
                nhops += idivc(orng.size() * hopDist(nodes[k], nodes[midIndex]), 2);
    });
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
                                          const DataLayout& ifmapLayout, const DataLayout& ofmapLayout, bool forwarding)
{
    const NodeGroups groups = groupNodesByRange(layer, batch, procRegion, part);
    const std::shared_ptr<const LayoutPieces> ifmapPieces = cachedLayoutPieces(ifmapLayout);
    std::int64_t ifm = 0;
    groups.ifm.forEach([&](const FmapRange& irng, std::span<const PhyDim2> nodes) {
        ifm += piecesNhopsTo(*ifmapPieces, irng, nodes, forwarding);
    });
    const bool keptLocally = ofmapLayout.parts == std::vector<PartitionScheme>{part} && ofmapLayout.regions.size() == 1
                          && sameRegion(ofmapLayout.regions.front(), procRegion);
    const std::int64_t fil = filterNhops(layer, groups.fil, filterRegion.nodes(), forwarding);
    const std::int64_t ofm = keptLocally ? 0 : ofmapNhops(groups.ofm, *cachedLayoutPieces(ofmapLayout), forwarding);
    return {static_cast<double>(fil), static_cast<double>(ifm), static_cast<double>(ofm)};
}

} // namespace kapla
