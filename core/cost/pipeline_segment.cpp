#include "cost/pipeline_segment.h"

#include "util/math_util.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

namespace kapla {

namespace {

std::string quoted(const std::string& name) { return "'" + name + "'"; }

// Producers or consumers of one layer, split by where they are scheduled.
struct Placement {
    bool memory = false;
    std::vector<SchedIndex> local;
    std::vector<SchedIndex> neighbor;
    std::vector<LayerId> localIds;
    std::vector<LayerId> neighborIds;
};

class DepsAnalysis
{
public:
    DepsAnalysis(const Segment& seg, const Network& network, bool withOpt)
        : m_seg(seg)
        , m_net(network)
        , m_withOpt(withOpt)
    {
    }

    SegmentDeps run()
    {
        if (!indexLayers())
            return std::move(m_out);
        for (int sp = 0; sp < static_cast<int>(m_seg.size()); ++sp) {
            m_groupNeighborSources = 0;
            for (int tm = 0; tm < groupSize(sp); ++tm)
                if (!analyseLayer({sp, tm}))
                    return std::move(m_out);
        }
        std::erase_if(m_out.ifmFwd, [](const IfmapSharing& s) { return s.sharers.size() < 2; });
        return std::move(m_out);
    }

private:
    int groupSize(int sp) const { return static_cast<int>(m_seg[static_cast<std::size_t>(sp)].size()); }
    LayerId at(SchedIndex i) const { return m_seg[static_cast<std::size_t>(i.sp)][static_cast<std::size_t>(i.tm)]; }
    const std::string& name(LayerId id) const { return m_net.at(id).name; }

    bool fail(SegmentIssue issue, std::string reason)
    {
        m_out.issue = issue;
        m_out.reason = std::move(reason);
        return false;
    }

    bool indexLayers()
    {
        if (m_seg.empty())
            return fail(SegmentIssue::Malformed, "the segment has no layers");
        for (int sp = 0; sp < static_cast<int>(m_seg.size()); ++sp) {
            if (groupSize(sp) == 0)
                return fail(SegmentIssue::Malformed, "spatial group " + std::to_string(sp) + " has no layers");
            for (int tm = 0; tm < groupSize(sp); ++tm) {
                const LayerId id = at({sp, tm});
                if (!id.valid() || id.value >= static_cast<int>(m_net.size()))
                    return fail(SegmentIssue::Malformed,
                                "layer id " + std::to_string(id.value) + " is not in the network");
                if (!m_index.emplace(id.value, SchedIndex{sp, tm}).second)
                    return fail(SegmentIssue::Malformed, "layer " + quoted(name(id)) + " appears twice");
            }
            m_out.layers.emplace_back(static_cast<std::size_t>(groupSize(sp)));
        }
        return true;
    }

    void place(LayerId id, int sp, Placement& p) const
    {
        const auto it = id.valid() ? m_index.find(id.value) : m_index.end();
        if (it == m_index.end()) {
            p.memory = true;
        } else if (it->second.sp == sp) {
            p.local.push_back(it->second);
            p.localIds.push_back(id);
        } else {
            p.neighbor.push_back(it->second);
            p.neighborIds.push_back(id);
        }
    }

    bool analyseLayer(SchedIndex here)
    {
        Placement src;
        Placement dst;
        if (!analyseSources(here, src) || !analyseDests(here, dst) || !checkBasicPipelining(here, src, dst))
            return false;
        LayerDeps& d = m_out.layers[static_cast<std::size_t>(here.sp)][static_cast<std::size_t>(here.tm)];
        d.memorySource = src.memory;
        d.neighborSource = src.neighbor.empty() ? -1 : src.neighbor.front().sp;
        d.localSource = !src.local.empty();
        d.memoryDest = dst.memory;
        d.neighborDests = dst.neighbor;
        d.localDest = !dst.local.empty();
        return true;
    }

    bool analyseSources(SchedIndex here, Placement& src)
    {
        const LayerId layer = at(here);
        const std::vector<std::string>& prevs = m_net.at(layer).prevs;
        for (const std::string& p : prevs) {
            const LayerId pid = m_net.find(p);
            place(pid, here.sp, src);
            const auto it = pid.valid() ? m_index.find(pid.value) : m_index.end();
            if (it != m_index.end() && !(it->second < here))
                return fail(SegmentIssue::Malformed,
                            "layer " + quoted(name(layer)) + " is scheduled before its producer " + quoted(p));
        }
        if (!checkLocalSource(here, src))
            return false;
        if (src.memory && !src.neighbor.empty())
            return fail(SegmentIssue::MemoryAndNeighborSources, "layer " + quoted(name(layer))
                                                                    + " reads both memory and neighbour group "
                                                                    + std::to_string(src.neighbor.front().sp));
        if (!src.neighbor.empty() && !checkNeighborSource(here, src))
            return false;
        if (src.memory && src.local.empty())
            recordMemorySharing(here, prevs);
        return true;
    }

    bool checkLocalSource(SchedIndex here, const Placement& src)
    {
        const std::string& layer = name(at(here));
        if (src.local.empty() && here.tm != 0)
            return fail(SegmentIssue::Malformed,
                        "layer " + quoted(layer) + " does not read the layer before it in its group");
        if (!src.local.empty() && (src.local.size() != 1 || src.local.front().tm != here.tm - 1))
            return fail(SegmentIssue::Malformed,
                        "layer " + quoted(layer) + " reads an earlier layer of its group other than the one before it");
        return true;
    }

    bool checkNeighborSource(SchedIndex here, const Placement& src)
    {
        const std::string& layer = name(at(here));
        if (src.neighbor.size() > 1)
            return fail(SegmentIssue::MultipleNeighborSources, "layer " + quoted(layer) + " has "
                                                                   + std::to_string(src.neighbor.size())
                                                                   + " neighbour sources");
        const SchedIndex nb = src.neighbor.front();
        if (nb.tm != groupSize(nb.sp) - 1)
            return fail(SegmentIssue::Malformed, "neighbour source " + quoted(name(src.neighborIds.front())) + " of "
                                                     + quoted(layer) + " is not the last layer of its group");
        if (++m_groupNeighborSources > 1)
            return fail(SegmentIssue::MultipleNeighborSources,
                        "spatial group " + std::to_string(here.sp) + " has more than one neighbour source");
        return true;
    }

    void recordMemorySharing(SchedIndex here, const std::vector<std::string>& prevs)
    {
        for (IfmapSharing& s : m_out.ifmFwd) {
            if (s.prevs == prevs) {
                s.sharers.push_back(here);
                return;
            }
        }
        m_out.ifmFwd.push_back({prevs, {here}});
    }

    bool analyseDests(SchedIndex here, Placement& dst)
    {
        const LayerId layer = at(here);
        const std::vector<LayerId> nexts = m_net.nexts(layer);
        if (nexts.empty())
            dst.memory = true;
        for (const LayerId n : nexts)
            place(n, here.sp, dst);
        const bool last = here.tm == groupSize(here.sp) - 1;
        if (dst.local.empty() && !last)
            return fail(SegmentIssue::LocalDataNotUtilized, "local data not utilized: layer " + quoted(name(layer))
                                                                + " is not read by the next layer of its group");
        if (!dst.local.empty() && (dst.local.size() != 1 || dst.local.front().tm != here.tm + 1))
            return fail(SegmentIssue::LocalDataNotUtilized,
                        "local data not utilized: layer " + quoted(name(layer))
                            + " is read by a later layer of its group other than the next");
        if (!dst.neighbor.empty() && !last)
            return fail(SegmentIssue::Malformed,
                        "layer " + quoted(name(layer)) + " feeds another group but is not the last layer of its group");
        if (dst.memory && !dst.neighbor.empty())
            m_out.ofmFwd.push_back({here, dst.neighbor});
        if (dst.memory && !dst.local.empty())
            m_out.ofmFwd.push_back({here, dst.local});
        return true;
    }

    bool checkBasicPipelining(SchedIndex here, const Placement& src, const Placement& dst)
    {
        if (m_withOpt)
            return true;
        const std::size_t onChipSrc = src.local.size() + src.neighbor.size();
        const std::size_t onChipDst = dst.local.size() + dst.neighbor.size();
        const std::string& layer = name(at(here));
        if (onChipSrc > 1 || onChipDst > 1)
            return fail(SegmentIssue::BasicPipelining, "basic pipelining: layer " + quoted(layer)
                                                           + " has more than one on-chip source or destination");
        if (here != SchedIndex{0, 0} && onChipSrc == 0)
            return fail(SegmentIssue::BasicPipelining,
                        "basic pipelining: layer " + quoted(layer) + " has no on-chip source");
        return true;
    }

    const Segment& m_seg;
    const Network& m_net;
    bool m_withOpt;
    std::map<int, SchedIndex> m_index;
    int m_groupNeighborSources = 0;
    SegmentDeps m_out;
};

// Python's round(): to nearest, ties to even.
long long roundHalfEven(double x)
{
    const double lower = std::floor(x);
    const double frac = x - lower;
    auto r = static_cast<long long>(lower);
    if (frac > 0.5 || (frac == 0.5 && r % 2 != 0))
        ++r;
    return r;
}

// Moves the node counts by `cf` until they sum to `total`: the most over-served group gives,
// the most under-served group takes (first one on ties).
void fixMargin(std::vector<int>& nodes, const std::vector<double>& raw, int total, int cf)
{
    for (int sum = std::accumulate(nodes.begin(), nodes.end(), 0); sum != total;
         sum = std::accumulate(nodes.begin(), nodes.end(), 0)) {
        std::vector<double> diff(nodes.size());
        for (std::size_t g = 0; g < nodes.size(); ++g)
            diff[g] = nodes[g] - raw[g];
        if (sum > total)
            nodes[static_cast<std::size_t>(std::max_element(diff.begin(), diff.end()) - diff.begin())] -= cf;
        else
            nodes[static_cast<std::size_t>(std::min_element(diff.begin(), diff.end()) - diff.begin())] += cf;
    }
}

double utilization(const std::vector<std::int64_t>& ops, const std::vector<int>& nodes, std::int64_t sumOps)
{
    double time = 0;
    for (std::size_t g = 0; g < ops.size(); ++g)
        time = std::max(time, static_cast<double>(ops[g]) * 1. / nodes[g]);
    const int sumNodes = std::accumulate(nodes.begin(), nodes.end(), 0);
    return static_cast<double>(sumOps) / time / sumNodes;
}

bool noTimeMultiplexing(const Segment& seg, const Network& network)
{
    std::size_t layers = 0;
    for (const auto& group : seg)
        layers += group.size();
    if (layers != network.size())
        return false;
    // Only the forward ConvLayer class (FC included) counts here, in KAPLA too.
    return std::all_of(seg.begin(), seg.end(), [&](const std::vector<LayerId>& group) {
        return std::count_if(group.begin(), group.end(),
                             [&](LayerId id) {
                                 const LayerType t = network.at(id).layer.type();
                                 return t == LayerType::Conv || t == LayerType::FC;
                             })
            <= 1;
    });
}

NodeRegion srcRegionOf(const PipelineSegment& s, SchedIndex i, const Resource& top)
{
    const LayerDeps& d = s.deps.layers[static_cast<std::size_t>(i.sp)][static_cast<std::size_t>(i.tm)];
    const NodeRegion& own = s.proc.regions[static_cast<std::size_t>(i.sp)];
    if (d.memorySource) {
        for (const IfmapSharing& sh : s.deps.ifmFwd)
            if (std::find(sh.sharers.begin() + 1, sh.sharers.end(), i) != sh.sharers.end())
                return s.proc.regions[static_cast<std::size_t>(sh.sharers.front().sp)];
        return top.srcDataRegion;
    }
    if (d.neighborSource >= 0)
        return s.proc.regions[static_cast<std::size_t>(d.neighborSource)];
    return own;
}

void allocateResources(PipelineSegment& s, const Network& network, const Resource& top)
{
    s.noTimeMux = noTimeMultiplexing(s.seg, network);
    for (std::size_t sp = 0; sp < s.seg.size(); ++sp) {
        std::vector<Resource> group;
        for (std::size_t tm = 0; tm < s.seg[sp].size(); ++tm) {
            const SchedIndex i{static_cast<int>(sp), static_cast<int>(tm)};
            Resource r = top;
            r.procRegion = s.proc.regions[sp];
            r.srcDataRegion = srcRegionOf(s, i, top);
            // Ofmaps also read by neighbours still go to memory when any consumer is there.
            r.dstDataRegion = s.deps.layers[sp][tm].memoryDest ? top.dstDataRegion : r.procRegion;
            r.noTimeMux = s.noTimeMux;
            group.push_back(r);
        }
        s.alloc.push_back(std::move(group));
    }
}

} // namespace

SegmentDeps analyseSegmentDeps(const Segment& seg, const Network& network, bool withOpt)
{
    return DepsAnalysis(seg, network, withOpt).run();
}

ProcAllocation allocateProcessors(const std::vector<std::int64_t>& groupOps, const NodeRegion& region,
                                  double maxUtilDrop)
{
    ProcAllocation out;
    const int total = static_cast<int>(region.dim.size());
    if (groupOps.size() == 1) {
        out = {true, region.dim.h, {total}, {region}};
        return out;
    }
    const std::int64_t sumOps = std::accumulate(groupOps.begin(), groupOps.end(), std::int64_t{0});
    if (groupOps.empty() || sumOps <= 0 || total <= 0)
        return out;
    std::vector<int> factors = divisors(region.dim.h);
    std::reverse(factors.begin(), factors.end());
    for (const int cf : factors) {
        std::vector<double> raw;
        std::vector<int> nodes;
        for (const std::int64_t o : groupOps) {
            raw.push_back(static_cast<double>(o) * 1. / static_cast<double>(sumOps) * total);
            nodes.push_back(static_cast<int>(std::max(1LL, roundHalfEven(raw.back() / cf))) * cf);
        }
        fixMargin(nodes, raw, total, cf);
        if (std::find(nodes.begin(), nodes.end(), 0) != nodes.end())
            continue;
        if (utilization(groupOps, nodes, sumOps) >= 1 - maxUtilDrop) {
            out.regions = region.allocate(nodes);
            out.valid = out.regions.size() == nodes.size();
            out.commonFactor = cf;
            out.nodes = std::move(nodes);
            return out;
        }
    }
    return out;
}

std::optional<SchedIndex> PipelineSegment::indexOf(LayerId layer) const
{
    for (std::size_t sp = 0; sp < seg.size(); ++sp)
        for (std::size_t tm = 0; tm < seg[sp].size(); ++tm)
            if (seg[sp][tm] == layer)
                return SchedIndex{static_cast<int>(sp), static_cast<int>(tm)};
    return std::nullopt;
}

PipelineSegment buildPipelineSegment(Segment seg, const Network& network, const Resource& top,
                                     const PipelineSegmentParams& params)
{
    PipelineSegment s;
    s.seg = std::move(seg);
    s.params = params;
    s.deps = analyseSegmentDeps(s.seg, network, params.withOpt);
    if (s.deps.issue != SegmentIssue::None) {
        s.issue = s.deps.issue;
        s.reason = s.deps.reason;
        return s;
    }
    std::vector<std::int64_t> groupOps;
    for (const auto& group : s.seg) {
        std::int64_t ops = 0;
        for (const LayerId id : group)
            ops += network.at(id).layer.totalOps(1);
        groupOps.push_back(ops);
    }
    s.proc = allocateProcessors(groupOps, top.procRegion, params.maxUtilDrop);
    if (!s.proc.valid) {
        s.issue = SegmentIssue::NoProcessorAllocation;
        s.reason = "no node allocation of the " + std::to_string(s.seg.size())
                 + " spatial groups keeps the utilization drop within " + std::to_string(params.maxUtilDrop);
        return s;
    }
    allocateResources(s, network, top);
    return s;
}

PipelineSegmentParams segmentParams(const Options& options, std::int64_t batch)
{
    PipelineSegmentParams params;
    params.batch = batch;
    params.withOpt = options.layerPipelineOpt;
    return params;
}

std::vector<PipelineSegment> generateSegments(const Network& network, const SchedDag& dag, const Resource& top,
                                              const Options& options, std::int64_t batch, const std::stop_token& stop)
{
    const PipelineSegmentParams params = segmentParams(options, batch);
    const auto nodes = static_cast<std::size_t>(std::max<std::int64_t>(0, top.procRegion.dim.size()));
    std::vector<PipelineSegment> out;
    for (Segment& seg : segmentCandidates(network, dag, options, nodes, stop)) {
        if (stop.stop_requested())
            return {};
        PipelineSegment s = buildPipelineSegment(std::move(seg), network, top, params);
        if (s.valid())
            out.push_back(std::move(s));
    }
    return out;
}

std::optional<PipelineSegment> singleLayerSegment(LayerId layer, const Network& network, const Resource& top,
                                                  const Options& options, std::int64_t batch)
{
    PipelineSegment s = buildPipelineSegment({{layer}}, network, top, segmentParams(options, batch));
    if (!s.valid())
        return std::nullopt;
    return s;
}

Resource topLevelResource(const Architecture& arch)
{
    Resource r;
    r.procRegion = arch.procRegion;
    r.dramRegion = arch.dramRegion;
    r.srcDataRegion = arch.dramRegion;
    r.dstDataRegion = arch.dramRegion;
    r.dimArray = arch.peArray;
    r.sizeGbuf = arch.gbufWords;
    r.sizeRegf = arch.regfWords;
    r.arrayBusWidth = arch.arrayBusWidth;
    r.dramBandwidth = arch.dramBandwidth;
    r.noTimeMux = false;
    return r;
}

} // namespace kapla
