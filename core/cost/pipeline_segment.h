#pragma once
// A pipeline segment's dependency analysis, processor allocation and per-layer resources
// (model spec §5.4). Scheduling constraints (§5.5) build on the public data kept here.

#include "cost/cost_types.h"
#include "cost/sched_dag.h"
#include "model/architecture.h"
#include "model/network.h"
#include "model/options.h"

#include <cstdint>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

namespace kapla {

/// Position of a layer in its segment: (spatial group, temporal index within the group).
struct SchedIndex {
    int sp = 0; ///< spatial group
    int tm = 0; ///< temporal index within the group

    bool operator==(const SchedIndex&) const = default;
    auto operator<=>(const SchedIndex&) const = default;
};

/// Where one layer of a segment reads from and writes to.
struct LayerDeps {
    bool memorySource = false;             ///< a producer outside the segment (input, external, earlier segment)
    int neighborSource = -1;               ///< spatial group of the producing neighbour, -1 if none
    bool localSource = false;              ///< fed by the immediately previous temporal layer
    bool memoryDest = false;               ///< a consumer outside the segment, or a network output
    std::vector<SchedIndex> neighborDests; ///< consumers in other spatial groups
    bool localDest = false;                ///< consumed by the immediately next temporal layer
};

/// Layers (temporal index 0) sharing identical memory-only sources: the first fetches, the
/// others receive the data forwarded on chip (the reference's ifm_fwd_dict entry).
struct IfmapSharing {
    std::vector<std::string> prevs;  ///< the shared producer names, in the layers' prevs order
    std::vector<SchedIndex> sharers; ///< fetcher first; always at least two
};

/// A layer writing its ofmaps to memory and also on chip (the reference's ofm_fwd_dict entry).
struct OfmapForwarding {
    SchedIndex producer;           ///< the layer writing both ways
    std::vector<SchedIndex> dests; ///< neighbour consumers, or the local consumer
};

/// Why a segment cannot be scheduled.
enum class SegmentIssue {
    None,
    Malformed,                ///< empty group, unknown/repeated layer, or order against dependencies
    MemoryAndNeighborSources, ///< one layer reads both memory and a neighbour group
    MultipleNeighborSources,  ///< a layer or a spatial group has more than one neighbour source
    LocalDataNotUtilized,     ///< a layer's output is not consumed by exactly its next temporal layer
    BasicPipelining,          ///< breaks the single-chain rules of non-optimised pipelining
    NoProcessorAllocation,    ///< no common factor keeps the utilisation drop within bounds
};

/// The dependency analysis of a segment (the reference's _init_deps).
struct SegmentDeps {
    std::vector<std::vector<LayerDeps>> layers; ///< per [sp][tm]; complete only when valid
    std::vector<IfmapSharing> ifmFwd;
    std::vector<OfmapForwarding> ofmFwd;
    SegmentIssue issue = SegmentIssue::None;
    std::string reason; ///< names the offending layer or group; empty when valid
};

/// Analyses the sources and destinations of every layer; `withOpt` false adds the basic-pipelining rules.
SegmentDeps analyseSegmentDeps(const Segment& seg, const Network& network, bool withOpt);

/// Node counts and sub-regions of the spatial groups of a segment.
struct ProcAllocation {
    bool valid = false;              ///< an allocation was found
    int commonFactor = 0;            ///< stripe factor of the node counts (region height for one group)
    std::vector<int> nodes;          ///< per spatial group
    std::vector<NodeRegion> regions; ///< per spatial group (the whole region for one group)
};

/// Splits `region` among groups proportionally to their batch-1 ops (the reference's _alloc_proc:
/// largest height divisor first, banker's rounding, utilisation ≥ 1 − maxUtilDrop).
ProcAllocation allocateProcessors(const std::vector<std::int64_t>& groupOps, const NodeRegion& region,
                                  double maxUtilDrop);

/// Segment parameters besides the layers, network and resource.
struct PipelineSegmentParams {
    std::int64_t batch = 1;    ///< batch size (used by the scheduling constraints)
    double maxUtilDrop = 0.05; ///< allowed processor utilisation drop of the allocation
    bool withOpt = true;       ///< optimised pipelining (Options::layerPipelineOpt)
};

/// A segment with its dependencies, allocation and per-layer resources.
struct PipelineSegment {
    Segment seg;                              ///< spatial groups of temporal layers
    PipelineSegmentParams params;             ///< batch, utilisation drop, with_opt
    SegmentDeps deps;                         ///< dependency analysis
    ProcAllocation proc;                      ///< node counts and sub-regions (set once deps are valid)
    bool noTimeMux = false;                   ///< whole network in this segment with at most one Conv/FC per group
    std::vector<std::vector<Resource>> alloc; ///< per [sp][tm]
    SegmentIssue issue = SegmentIssue::None;
    std::string reason; ///< why the segment is invalid; empty when valid

    /// True if the dependencies and the allocation are valid.
    bool valid() const { return issue == SegmentIssue::None; }
    /// The position of a layer in this segment, if it belongs to it.
    std::optional<SchedIndex> indexOf(LayerId layer) const;
    /// The last layer of the last spatial group (the segment's key in the network search).
    LayerId lastLayer() const { return seg.back().back(); }
};

/// Analyses and allocates a segment under the top-level resource (validity in `issue`).
PipelineSegment buildPipelineSegment(Segment seg, const Network& network, const Resource& top,
                                     const PipelineSegmentParams& params);

/// The segment parameters the options and batch give (as generateSegments builds its segments with).
PipelineSegmentParams segmentParams(const Options& options, std::int64_t batch);

/// The valid segments of the candidates of §5.3 steps 1–2, in candidate order (spatial candidates
/// only up to the node count of `top`). Empty on a stop request.
std::vector<PipelineSegment> generateSegments(const Network& network, const SchedDag& dag, const Resource& top,
                                              const Options& options, std::int64_t batch,
                                              const std::stop_token& stop = {});

/// `layer` alone on the whole chip, as generateSegments makes it (none if that is invalid): what a
/// search stopped while planning its segments completes a schedule from.
std::optional<PipelineSegment> singleLayerSegment(LayerId layer, const Network& network, const Resource& top,
                                                  const Options& options, std::int64_t batch);

/// The whole-chip resource: all processing nodes, ifmaps and ofmaps in the DRAM region.
Resource topLevelResource(const Architecture& arch);

} // namespace kapla
