#include "cost/network_totals.h"

#include <algorithm>

namespace kapla {

NetworkTotals computeNetworkTotals(const std::vector<LayerTotalsInput>& layers,
                                   const std::vector<SegmentTimes>& segments, bool coversNetwork)
{
    NetworkTotals t;
    for (const LayerTotalsInput& l : layers) {
        t.sumCost += l.cost;
        t.sumStaticCost += l.staticCost;
        t.sumTime += l.time;
        t.totalOps += l.ops;
        for (int m = 0; m < kNumMemLevels; ++m)
            t.totalAccesses[static_cast<std::size_t>(m)] += l.accesses[static_cast<std::size_t>(m)];
        t.totalNocHops += l.nocHops;
    }
    for (const SegmentTimes& s : segments) {
        t.segmentTimes.push_back(s.time);
        t.segmentDramTimes.push_back(s.dramTime);
    }
    if (segments.size() == 1 && coversNetwork) {
        t.totalTime = segments.front().criticalTime;
    } else {
        for (const SegmentTimes& s : segments)
            t.totalTime += s.time;
    }
    t.totalCost = t.sumTime == 0
                    ? t.sumCost
                    : t.sumCost
                          - t.sumStaticCost * (1 - static_cast<double>(t.totalTime) / static_cast<double>(t.sumTime));
    return t;
}

SegmentTimes segmentTimesOf(const PipelineSegmentTiming& timing)
{
    return {timing.time(), timing.criticalTime(), timing.dramTime()};
}

Result<NetworkTotals> evaluateNetworkTotals(const Network& network, const std::vector<ScheduledLayer>& layers)
{
    std::vector<PipelineSegmentTiming> timings;
    std::vector<LayerTotalsInput> totals;
    std::vector<bool> scheduled(network.size(), false);
    for (const ScheduledLayer& l : layers) {
        const int seg = l.timing.seq.segment;
        const int last = timings.empty() ? -1 : timings.back().segmentIndex();
        if (seg == last + 1)
            timings.emplace_back(network, seg);
        else if (seg != last)
            return makeError("sched_seq", "layer '" + network.at(l.layer).name + "' is in segment "
                                              + std::to_string(seg) + " after segment " + std::to_string(last));
        if (Diagnostics errs = timings.back().add(l.layer, l.timing); !errs.empty())
            return errs;
        totals.push_back(l.totals);
        scheduled[static_cast<std::size_t>(l.layer.value)] = true;
    }
    std::vector<SegmentTimes> segments;
    for (const PipelineSegmentTiming& t : timings)
        segments.push_back(segmentTimesOf(t));
    const bool coversNetwork = std::all_of(scheduled.begin(), scheduled.end(), [](bool b) { return b; });
    return computeNetworkTotals(totals, segments, coversNetwork);
}

} // namespace kapla
