#pragma once
// Whole-schedule totals of a network (model spec §3.4): pipelined end-to-end time and the
// static energy re-based to it.

#include "cost/cost_types.h"
#include "cost/segment_timing.h"
#include "model/network.h"
#include "util/diagnostic.h"

#include <cstdint>
#include <vector>

namespace kapla {

/// The per-layer numbers the totals are summed from (energies in the architecture's unit).
struct LayerTotalsInput {
    double cost = 0;                       ///< total energy of the layer
    double staticCost = 0;                 ///< its static (idle) part
    std::int64_t time = 0;                 ///< cycles
    double ops = 0;                        ///< MACs
    PerLevel<double> accesses{0, 0, 0, 0}; ///< words per level, GBUF including remote-GBUF accesses
    double nocHops = 0;                    ///< word-hops
};

/// The times of one segment (cycles).
struct SegmentTimes {
    std::int64_t time = 0;
    std::int64_t criticalTime = 0;
    std::int64_t dramTime = 0;
};

/// Network-level totals of a (possibly partial) schedule.
struct NetworkTotals {
    double sumCost = 0;         ///< Σ layer cost
    double sumStaticCost = 0;   ///< Σ layer static cost
    std::int64_t sumTime = 0;   ///< Σ layer time, cycles
    std::int64_t totalTime = 0; ///< pipelined end-to-end time, cycles
    double totalCost = 0;       ///< sumCost with the static part re-based to totalTime
    double totalOps = 0;
    PerLevel<double> totalAccesses{0, 0, 0, 0};
    double totalNocHops = 0;
    std::vector<std::int64_t> segmentTimes;     ///< per segment, cycles
    std::vector<std::int64_t> segmentDramTimes; ///< per segment, cycles
};

/// Totals from layers (in scheduling order) and segment times. A single segment holding the whole
/// network (`coversNetwork`) takes its critical time; otherwise segment times add up.
NetworkTotals computeNetworkTotals(const std::vector<LayerTotalsInput>& layers,
                                   const std::vector<SegmentTimes>& segments, bool coversNetwork);

/// The times of a segment timing.
SegmentTimes segmentTimesOf(const PipelineSegmentTiming& timing);

/// One scheduled layer as the network schedule records it.
struct ScheduledLayer {
    LayerId layer;
    LayerTotalsInput totals;
    LayerTimingInput timing; ///< includes the layer's sched_seq
};

/// Builds the segment timings from layers added in scheduling order (segment indices must not
/// skip) and computes the totals; errors name the first layer out of order.
Result<NetworkTotals> evaluateNetworkTotals(const Network& network, const std::vector<ScheduledLayer>& layers);

} // namespace kapla
