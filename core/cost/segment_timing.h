#pragma once
// Timing of one pipeline segment from its layers' scheduling results (model spec §5.6).

#include "cost/cost_types.h"
#include "model/network.h"
#include "util/diagnostic.h"

#include <cstdint>
#include <vector>

namespace kapla {

/// Where a layer is scheduled: (segment index, spatial group index, temporal index in the group).
struct SchedSeq {
    int segment = 0;  ///< index of the segment in the schedule
    int spatial = 0;  ///< spatial group within the segment
    int temporal = 0; ///< position within the spatial group

    bool operator==(const SchedSeq&) const = default;
    auto operator<=>(const SchedSeq&) const = default;
};

/// What segment timing needs from one layer's scheduling result (times in cycles).
struct LayerTimingInput {
    SchedSeq seq;
    std::int64_t time = 0;     ///< total time, max(proc, bus, dram)
    std::int64_t nodeTime = 0; ///< max(proc, bus)
    std::int64_t dramTime = 0;
    int numNodes = 1;                 ///< nodes of the layer's processing region
    PerLoop<int> topFactors{1, 1, 1}; ///< top-level blocking factors tvals[0] per (IFM, OFM, BAT)
    PerLoop<int> topOrders{0, 1, 2};  ///< top-level orders[0]: position per loop, 0 = innermost
};

/// Group counts given by a layer's outermost non-trivial top-level loops.
struct TopLoopGroups {
    int bat = 1; ///< BAT factor if BAT is the outermost non-trivial loop
    int ifm = 1; ///< IFM factor if IFM is the next (or first) non-trivial loop
    int ofm = 1; ///< OFM factor if OFM is the next (or first) non-trivial loop
};

/// The BAT/IFM/OFM group counts of a layer from its top-level factors and orders.
TopLoopGroups topLoopGroups(const PerLoop<int>& factors, const PerLoop<int>& orders);

/// One layer's timing inside its segment; start/done are in "_xb" units (× BAT group count).
struct LayerTiming {
    LayerId layer;             ///< the timed layer
    std::int64_t time = 0;     ///< cycles
    std::int64_t nodeTime = 0; ///< cycles
    std::int64_t dramTime = 0; ///< cycles
    int numNodes = 1;
    int ngrp = 1; ///< OFM group count its consumers can start on
    std::int64_t startXb = 0;
    std::int64_t doneXb = 0;
};

/// Accumulates the layers of one segment in (spatial, temporal) order and derives its timing.
/// The network must outlive this object.
class PipelineSegmentTiming
{
public:
    PipelineSegmentTiming(const Network& network, int segmentIndex);

    /// Adds the next layer of the segment; an error (and no change) if its sched_seq is out of order.
    Diagnostics add(LayerId layer, const LayerTimingInput& input);

    /// The segment these layers belong to.
    int segmentIndex() const { return m_segment; }
    /// Layer timings per spatial group.
    const std::vector<std::vector<LayerTiming>>& groups() const { return m_groups; }
    /// BAT group count shared by all layers (1 if any layer disagrees with the first).
    int batNgrp() const { return m_batNgrp > 0 ? m_batNgrp : 1; }

    /// Longest span (done − start) of one spatial group, cycles.
    std::int64_t criticalTime() const;
    /// Σ layer DRAM times, cycles.
    std::int64_t dramTime() const;
    /// Pipelined node time over the BAT groups, cycles.
    std::int64_t nodeTime() const;
    /// max(node time, DRAM time), cycles.
    std::int64_t time() const;
    /// time / (Σ_layers max(node_time × nodes / Σ group nodes, dram_time)) − 1.
    double timeOverhead() const;

private:
    std::int64_t startOf(const LayerTiming& prev, bool sameGroup, bool convLike, const TopLoopGroups& g) const;
    struct Placed {
        int spatial = -1;
        const LayerTiming* timing = nullptr;
    };
    Placed timingOf(LayerId layer) const;

    const Network* m_network;
    int m_segment;
    int m_batNgrp = 0; // 0 until the first layer is added
    std::vector<std::vector<LayerTiming>> m_groups;
};

} // namespace kapla
