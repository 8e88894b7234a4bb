#include "solve/schedule_chain.h"

#include "cost/fmap_layouts.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace kapla {

std::shared_ptr<const InputLayouts> makeInputLayouts(const Network& network, int batch, const NodeRegion& source,
                                                     const PartitionScheme& part)
{
    auto inputs = std::make_shared<InputLayouts>();
    inputs->part = part;
    inputs->input = layoutOnRegion(fullFmapRange(batch, network.input()), source, part);
    for (const auto& e : network.externals())
        inputs->externals[e.name] = layoutOnRegion(fullFmapRange(batch, e.layer), source, part);
    return inputs;
}

LayerTotalsInput layerTotalsOf(const LayerEvaluation& le)
{
    LayerTotalsInput t;
    t.cost = le.cost;
    t.staticCost = le.energy.stat;
    t.time = le.time;
    t.ops = le.ops;
    for (std::size_t m = 0; m < kNumMemLevels; ++m)
        t.accesses[m] = le.access[m][0] + le.access[m][1] + le.access[m][2];
    t.accesses[1] += le.remoteGbufAccess[0] + le.remoteGbufAccess[1] + le.remoteGbufAccess[2];
    for (std::size_t d = 0; d < kNumDataCategories; ++d)
        t.nocHops += le.nodeNhops[d] + le.memNhops[d];
    return t;
}

LayerTimingInput layerTimingOf(const LayerEvaluation& le)
{
    LayerTimingInput t;
    t.seq = {le.segment, le.spatial, le.temporal};
    t.time = le.time;
    t.nodeTime = std::max(le.procTime, le.busTime);
    t.dramTime = le.dramTime;
    t.numNodes = static_cast<int>(le.region.dim.size());
    t.topFactors = le.blocking.tvals[0];
    t.topOrders = le.blocking.orders[0];
    return t;
}

ScheduleLink::~ScheduleLink()
{
    std::shared_ptr<const ScheduleLink> p = std::move(prev);
    // Only this link holds `p`, and a link is shared only through shared_ptr, so nobody else can
    // reach it while its own `prev` is taken over.
    while (p && p.use_count() == 1)
        p = std::move(const_cast<ScheduleLink&>(*p).prev);
}

ScheduleChain ScheduleChain::start(std::shared_ptr<const InputLayouts> inputs, const Network&)
{
    ScheduleChain c;
    c.inputs = std::move(inputs);
    return c;
}

const LayerChoice& ScheduleChain::choiceOf(LayerId id) const
{
    for (const ScheduleLink* l = last.get(); l; l = l->prev.get())
        if (l->choice->layer == id)
            return *l->choice;
    throw std::out_of_range("layer " + std::to_string(id.value) + " is not scheduled in the chain");
}

DataLayout ScheduleChain::ifmapLayoutOf(const Network& network, LayerId layer, const NodeRegion* fwd) const
{
    std::vector<DataLayout> parts;
    for (const std::string& p : network.at(layer).prevs) {
        if (p == Network::kInputName)
            parts.push_back(inputs->input);
        else if (const auto e = inputs->externals.find(p); e != inputs->externals.end())
            parts.push_back(e->second);
        else
            parts.push_back(choiceOf(network.find(p)).ofmapLayout);
    }
    DataLayout layout = DataLayout::concat(parts);
    return fwd ? forwardedLayout(std::move(layout), *fwd) : layout;
}

namespace {

void addTotals(LayerTotalsInput& sums, const LayerTotalsInput& l)
{
    sums.cost += l.cost;
    sums.staticCost += l.staticCost;
    sums.time += l.time;
    sums.ops += l.ops;
    for (std::size_t m = 0; m < sums.accesses.size(); ++m)
        sums.accesses[m] += l.accesses[m];
    sums.nocHops += l.nocHops;
}

} // namespace

ScheduleChain ScheduleChain::extended(const Network& network, std::shared_ptr<const LayerChoice> choice,
                                      const PipelineSegment& segment) const
{
    ScheduleChain n = *this;
    const LayerEvaluation& le = choice->eval;
    const bool opens = le.spatial == 0 && le.temporal == 0;
    if (opens) {
        if (n.current)
            n.closedTime += segmentTimesOf(*n.current).time;
        n.current.emplace(network, le.segment);
        ++n.numSegments;
    }
    n.current->add(choice->layer, layerTimingOf(le));
    addTotals(n.sums, layerTotalsOf(le));
    n.last = std::make_shared<ScheduleLink>(std::move(choice), opens ? &segment : nullptr, std::move(n.last));
    ++n.numLayers;
    // The running sums add in scheduling order, as computeNetworkTotals does over every layer, and the
    // closed segments' times are whole cycles: the totals are the same as from the full lists.
    std::vector<SegmentTimes> times;
    if (n.numSegments > 1)
        times.push_back({n.closedTime, 0, 0});
    times.push_back(segmentTimesOf(*n.current));
    const NetworkTotals t = computeNetworkTotals({n.sums}, times, n.numLayers == network.size());
    n.totalCost = t.totalCost;
    n.totalTime = t.totalTime;
    return n;
}

Schedule ScheduleChain::toSchedule(const Network& network, int batch) const
{
    std::vector<const LayerChoice*> choiceOfLayer(network.size(), nullptr);
    std::vector<const PipelineSegment*> segments;
    for (const ScheduleLink* l = last.get(); l; l = l->prev.get()) {
        choiceOfLayer[static_cast<std::size_t>(l->choice->layer.value)] = l->choice.get();
        if (l->opens)
            segments.push_back(l->opens);
    }
    std::reverse(segments.begin(), segments.end());
    Schedule sch;
    sch.network = network.name();
    sch.batch = batch;
    sch.inputPartition = inputs->part;
    for (const PipelineSegment* ps : segments) {
        SegmentSchedule seg;
        seg.nodes = ps->proc.nodes;
        for (const auto& group : ps->seg) {
            seg.groups.emplace_back();
            for (const LayerId id : group) {
                const LayerChoice& c = *choiceOfLayer[static_cast<std::size_t>(id.value)];
                seg.groups.back().push_back(network.at(id).name);
                seg.layers.push_back(
                    {network.at(id).name, c.eval.partition, c.eval.replIfms, c.eval.replOfms, c.blocking});
            }
        }
        sch.segments.push_back(std::move(seg));
    }
    return sch;
}

bool chainRanksBefore(const ScheduleChain& a, const ScheduleChain& b, Goal goal)
{
    return costTimeRanksBefore(a.totalCost, a.totalTime, b.totalCost, b.totalTime, goal);
}

} // namespace kapla
