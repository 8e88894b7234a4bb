#include "solve/schedule_chain.h"

#include "cost/fmap_layouts.h"

#include <algorithm>

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

ScheduleChain ScheduleChain::start(std::shared_ptr<const InputLayouts> inputs, const Network& network)
{
    ScheduleChain c;
    c.inputs = std::move(inputs);
    c.indexOfLayer.assign(network.size(), -1);
    return c;
}

const LayerChoice& ScheduleChain::choiceOf(LayerId id) const
{
    return *layers[static_cast<std::size_t>(indexOfLayer[static_cast<std::size_t>(id.value)])];
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

ScheduleChain ScheduleChain::extended(const Network& network, std::shared_ptr<const LayerChoice> choice,
                                      const PipelineSegment& segment) const
{
    ScheduleChain n = *this;
    const LayerEvaluation& le = choice->eval;
    if (le.spatial == 0 && le.temporal == 0) {
        if (n.current)
            n.closedSegments.push_back(segmentTimesOf(*n.current));
        n.current.emplace(network, le.segment);
        n.segments.push_back(&segment);
    }
    n.current->add(choice->layer, layerTimingOf(le));
    n.indexOfLayer[static_cast<std::size_t>(choice->layer.value)] = static_cast<int>(n.layers.size());
    n.totals.push_back(layerTotalsOf(le));
    n.layers.push_back(std::move(choice));
    std::vector<SegmentTimes> times = n.closedSegments;
    times.push_back(segmentTimesOf(*n.current));
    const NetworkTotals t = computeNetworkTotals(n.totals, times, n.layers.size() == network.size());
    n.totalCost = t.totalCost;
    n.totalTime = t.totalTime;
    return n;
}

Schedule ScheduleChain::toSchedule(const Network& network, int batch) const
{
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
                const LayerChoice& c = choiceOf(id);
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
