#include "cost/segment_timing.h"

#include "cost/sched_dag.h"

#include <algorithm>
#include <string>

namespace kapla {

namespace {

std::string seqText(const SchedSeq& s)
{
    return "(" + std::to_string(s.segment) + ", " + std::to_string(s.spatial) + ", " + std::to_string(s.temporal) + ")";
}

} // namespace

TopLoopGroups topLoopGroups(const PerLoop<int>& factors, const PerLoop<int>& orders)
{
    std::vector<int> outerToInner;
    for (int lp = 0; lp < kNumLoops; ++lp)
        if (factors[static_cast<std::size_t>(lp)] > 1)
            outerToInner.push_back(lp);
    std::stable_sort(outerToInner.begin(), outerToInner.end(), [&](int a, int b) {
        return orders[static_cast<std::size_t>(a)] > orders[static_cast<std::size_t>(b)];
    });

    TopLoopGroups g;
    auto next = outerToInner.begin();
    if (next != outerToInner.end() && *next == static_cast<int>(LoopDim::Bat))
        g.bat = factors[static_cast<std::size_t>(*next++)];
    if (next != outerToInner.end()) {
        if (*next == static_cast<int>(LoopDim::Ifm))
            g.ifm = factors[static_cast<std::size_t>(*next)];
        else if (*next == static_cast<int>(LoopDim::Ofm))
            g.ofm = factors[static_cast<std::size_t>(*next)];
    }
    return g;
}

PipelineSegmentTiming::PipelineSegmentTiming(const Network& network, int segmentIndex)
    : m_network(&network)
    , m_segment(segmentIndex)
{
}

PipelineSegmentTiming::Placed PipelineSegmentTiming::timingOf(LayerId layer) const
{
    for (std::size_t sp = 0; sp < m_groups.size(); ++sp)
        for (const auto& t : m_groups[sp])
            if (t.layer == layer)
                return {static_cast<int>(sp), &t};
    return {};
}

// A consumer may start after the producer's first group if their group counts match (fused or
// forwarded by groups); otherwise it waits for the producer to finish (double buffering).
std::int64_t PipelineSegmentTiming::startOf(const LayerTiming& prev, bool sameGroup, bool convLike,
                                            const TopLoopGroups& g) const
{
    const bool byGroups = sameGroup ? (!convLike && g.ofm == prev.ngrp) : ((convLike ? g.ifm : g.ofm) == prev.ngrp);
    return byGroups ? prev.startXb + prev.time / prev.ngrp : prev.doneXb;
}

Diagnostics PipelineSegmentTiming::add(LayerId layer, const LayerTimingInput& in)
{
    const SchedSeq& s = in.seq;
    const bool newGroup = s.temporal == 0;
    const bool inOrder = s.segment == m_segment
                      && (newGroup ? s.spatial == static_cast<int>(m_groups.size())
                                   : (!m_groups.empty() && s.spatial == static_cast<int>(m_groups.size()) - 1
                                      && s.temporal == static_cast<int>(m_groups.back().size())));
    if (!inOrder)
        return {makeError("sched_seq", "layer '" + m_network->at(layer).name + "' at " + seqText(s)
                                           + " is not the next position of segment " + std::to_string(m_segment))};

    const TopLoopGroups g = topLoopGroups(in.topFactors, in.topOrders);
    if (m_batNgrp == 0)
        m_batNgrp = g.bat;
    else if (m_batNgrp != g.bat)
        m_batNgrp = 1;

    const bool convLike = isPipelineConvLike(m_network->at(layer).layer);
    std::int64_t start = 0;
    std::int64_t done = 0;
    for (const std::string& p : m_network->at(layer).prevs) {
        const LayerId pid = m_network->find(p);
        const Placed prev = pid.valid() ? timingOf(pid) : Placed{};
        if (!prev.timing)
            continue;
        const bool sameGroup = prev.spatial == s.spatial;
        if (sameGroup)
            done = prev.timing->doneXb + in.time;
        start = std::max(start, startOf(*prev.timing, sameGroup, convLike, g));
    }
    done = std::max(done, start + in.time);

    if (newGroup)
        m_groups.emplace_back();
    m_groups.back().push_back({layer, in.time, in.nodeTime, in.dramTime, in.numNodes, g.ofm, start, done});
    return {};
}

std::int64_t PipelineSegmentTiming::criticalTime() const
{
    std::int64_t out = 0;
    for (const auto& group : m_groups)
        out = std::max(out, group.back().doneXb - group.front().startXb);
    return out;
}

std::int64_t PipelineSegmentTiming::dramTime() const
{
    std::int64_t out = 0;
    for (const auto& group : m_groups)
        for (const auto& t : group)
            out += t.dramTime;
    return out;
}

std::int64_t PipelineSegmentTiming::nodeTime() const
{
    const std::int64_t bat = batNgrp();
    const std::int64_t critical = criticalTime();
    std::int64_t out = 0;
    for (const auto& group : m_groups)
        out = std::max(out, (group.back().doneXb + critical * (bat - 1)) / bat);
    return out;
}

std::int64_t PipelineSegmentTiming::time() const { return std::max(nodeTime(), dramTime()); }

double PipelineSegmentTiming::timeOverhead() const
{
    std::int64_t totalNodes = 0;
    for (const auto& group : m_groups)
        totalNodes += group.front().numNodes;
    double individual = 0;
    for (const auto& group : m_groups)
        for (const auto& t : group)
            individual += std::max(static_cast<double>(t.nodeTime * t.numNodes) / static_cast<double>(totalNodes),
                                   static_cast<double>(t.dramTime));
    if (individual == 0)
        return 0;
    return static_cast<double>(time()) / individual - 1;
}

} // namespace kapla
