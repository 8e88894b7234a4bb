#pragma once
// A schedule of the layers up to some point of the scheduling order, as the network-level searches
// grow it segment by segment (model spec §5.7): where every produced fmap lives, the segment timing
// so far, and the network totals with static energy re-based to the pipelined time.

#include "cost/network_totals.h"
#include "cost/pipeline_segment.h"
#include "cost/segment_timing.h"
#include "schedule/schedule.h"
#include "solve/layer_search.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace kapla {

/// Where the network input and the external inputs live (one input partition).
struct InputLayouts {
    PartitionScheme part;
    DataLayout input;
    std::map<std::string, DataLayout> externals;
};

/// The input and external layouts of one input partition on the source region.
std::shared_ptr<const InputLayouts> makeInputLayouts(const Network& network, int batch, const NodeRegion& source,
                                                     const PartitionScheme& part);

/// The numbers network totals sum from one evaluated layer.
LayerTotalsInput layerTotalsOf(const LayerEvaluation& le);

/// What segment timing needs from one evaluated layer (its sched_seq included).
LayerTimingInput layerTimingOf(const LayerEvaluation& le);

/// One scheduled layer, linked to the layers scheduled before it. The chains extending one chain
/// share its links, so extending costs the same at any depth.
struct ScheduleLink {
    std::shared_ptr<const LayerChoice> choice;
    const PipelineSegment* opens =
        nullptr; ///< the segment this layer opens, if it is its first; must outlive the chain
    std::shared_ptr<const ScheduleLink> prev;

    ScheduleLink(std::shared_ptr<const LayerChoice> c, const PipelineSegment* o, std::shared_ptr<const ScheduleLink> p)
        : choice(std::move(c))
        , opens(o)
        , prev(std::move(p))
    {
    }
    /// Releases the links only this one holds one by one, not by recursion as deep as the network.
    ~ScheduleLink();
    ScheduleLink(const ScheduleLink&) = delete;
    ScheduleLink& operator=(const ScheduleLink&) = delete;
};

/// A partial schedule: layers in scheduling order, their segments and the running totals.
struct ScheduleChain {
    std::shared_ptr<const InputLayouts> inputs;
    std::shared_ptr<const ScheduleLink> last; ///< the last scheduled layer; null when empty
    std::size_t numLayers = 0;
    int numSegments = 0;
    LayerTotalsInput sums;                        ///< the layers' totals, summed in scheduling order
    std::int64_t closedTime = 0;                  ///< Σ time of the segments before the current one
    std::optional<PipelineSegmentTiming> current; ///< timing of the last segment
    double totalCost = 0;
    std::int64_t totalTime = 0;

    /// An empty chain starting from the given inputs.
    static ScheduleChain start(std::shared_ptr<const InputLayouts> inputs, const Network& network);

    /// Index of the last segment (-1 when empty).
    int lastSegment() const { return numSegments - 1; }
    /// The choice of a scheduled layer (found from the end: producers are scheduled shortly before
    /// their consumers).
    const LayerChoice& choiceOf(LayerId id) const;
    /// The ifmap layout of a layer: its producers' layouts concatenated, moved onto `fwd` if given.
    DataLayout ifmapLayoutOf(const Network& network, LayerId layer, const NodeRegion* fwd) const;
    /// The chain with one more layer (its eval carries the sched_seq; (sp, tm) = (0, 0) opens `segment`).
    ScheduleChain extended(const Network& network, std::shared_ptr<const LayerChoice> choice,
                           const PipelineSegment& segment) const;
    /// The directives of the chain as a schedule.
    Schedule toSchedule(const Network& network, int batch) const;
};

/// True if chain `a` ranks before `b` under the network key of `goal` (model spec §3.5).
bool chainRanksBefore(const ScheduleChain& a, const ScheduleChain& b, Goal goal);

} // namespace kapla
