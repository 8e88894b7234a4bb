#pragma once
// A pipeline segment ready for a network search: its constraint combinations, where its layers read
// their inputs on chip, and where it lies in the scheduling order. The exhaustive search and KAPLA
// plan their segments the same way but for one rule, the constraints of a segment of one layer.

#include "cost/pipeline_segment.h"
#include "cost/segment_constraint.h"
#include "model/network.h"
#include "model/options.h"

#include <cstddef>
#include <map>
#include <optional>
#include <vector>

namespace kapla {

struct SegmentPlan {
    PipelineSegment segment;
    SegmentConstraints constraints;
    std::map<SchedIndex, NodeRegion> forwarding; ///< on-chip ifmap sources (see forwardingRegions)
    std::size_t firstPosition = 0;               ///< position of its first layer in the scheduling order
    std::size_t lastPosition = 0;                ///< position of its last layer
    bool singleLayer = false;

    /// Layers in the segment (they are consecutive in the scheduling order).
    std::size_t layers() const { return lastPosition - firstPosition + 1; }
};

/// How a segment of one layer is constrained: by nn_dataflow's constraint generator, as the
/// exhaustive search (and the reference) does, or not at all, as KAPLA does (a lone layer's top
/// factors are free).
enum class SingleLayerRule { Generated, Unconstrained };

/// The plan of a segment; none if no constraint combination of it is valid. `position` is each
/// layer's position in the scheduling order (positionsInOrder).
std::optional<SegmentPlan> planSegment(PipelineSegment ps, const Network& network, const Options& options,
                                       double gbufWords, const std::vector<std::size_t>& position,
                                       SingleLayerRule rule);

} // namespace kapla
