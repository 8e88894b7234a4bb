#include "report/layer_remap.h"

#include "cost/buf_shr.h"
#include "cost/layer_cost.h"
#include "cost/loop_blocking_search.h"
#include "cost/map_strategy.h"
#include "cost/pipeline_segment.h"
#include "solve/layer_search.h"

namespace kapla {

namespace {

// The resource the evaluator gave the layer: its segment's allocation, with the node counts the
// schedule fixed (the evaluation's regions) in place of the allocator's.
std::optional<Resource> layerResource(const Project& project, const Architecture& arch, const Evaluation& eval,
                                      const LayerEvaluation& le)
{
    if (le.segment < 0 || le.segment >= static_cast<int>(eval.segments.size()))
        return std::nullopt;
    const SegmentEvaluation& se = eval.segments[static_cast<std::size_t>(le.segment)];
    Segment ids;
    for (const auto& group : se.groups) {
        ids.emplace_back();
        for (const auto& name : group)
            ids.back().push_back(project.network.find(name));
    }
    const PipelineSegment ps = buildPipelineSegment(ids, project.network, topLevelResource(arch),
                                                    segmentParams(project.options, eval.batch));
    const auto sp = static_cast<std::size_t>(le.spatial), tm = static_cast<std::size_t>(le.temporal);
    if (!ps.valid() || sp >= ps.alloc.size() || tm >= ps.alloc[sp].size())
        return std::nullopt;
    Resource res = ps.alloc[sp][tm];
    for (std::size_t g = 0; g < ps.proc.regions.size() && g < se.regions.size(); ++g) {
        if (res.srcDataRegion == ps.proc.regions[g])
            res.srcDataRegion = se.regions[g];
        if (res.dstDataRegion == ps.proc.regions[g])
            res.dstDataRegion = se.regions[g];
    }
    res.procRegion = le.region;
    return res;
}

} // namespace

RemappedLayer solveLayerUnderMapping(const Project& project, const Architecture& arch, const Evaluation& eval,
                                     int layer, MappingKind kind)
{
    RemappedLayer out;
    out.mapping = kind;
    const std::string mappingName{mappingKeyword(kind)};
    if (layer < 0 || layer >= static_cast<int>(eval.layers.size())) {
        out.problem = "no such layer in the schedule";
        return out;
    }
    const LayerEvaluation& le = eval.layers[static_cast<std::size_t>(layer)];
    const LayerId id = project.network.find(le.name);
    const std::optional<Resource> res = id.valid() ? layerResource(project, arch, eval, le) : std::nullopt;
    if (!res) {
        out.problem = std::string{le.name}.append(": its place in the schedule no longer fits the project");
        return out;
    }
    Options options = project.options;
    options.mapping = kind;
    const PartitionedLayer pl = le.partition.partLayer(project.network.at(id).layer, eval.batch);
    const auto nlds = mapLayer(pl.layer, pl.batch, pl.occupancy, res->dimArray, kind, pl.rwData);
    if (nlds.empty()) {
        out.problem = std::string{"the "}.append(mappingName).append(" mapping cannot map this layer");
        return out;
    }
    // Ranked as the layer search ranks a partition's blockings: by the layer's whole cost and time.
    const LayerCondition cond{&*res, {}, nullptr, {le.segment, le.spatial, le.temporal}};
    for (const NestedLoopDesc& nld : nlds) {
        const BufShrScheme bufshr(res->procRegion, le.partition, nld.dataLoops);
        const LoopBlockingContext ctx{&*res, &bufshr, &options, arch.energy.access};
        for (const LoopBlockingCandidate& c : searchLoopBlocking(nld, ctx, cond.constraint)) {
            // The evaluator's statistics of the blocking, so the numbers are those `evaluate` reports.
            const LoopBlockingResult lbs = evaluateLoopBlocking(nld, c.blocking, ctx);
            if (!lbs.valid)
                continue;
            LayerEvaluation candidate = makeLayerEvaluation(nld, {c.blocking, lbs.stats, c.seq}, le.unitNhops,
                                                            le.partition, cond, arch.energy);
            if (!out.evaluation
                || costTimeRanksBefore(candidate.cost, candidate.time, out.evaluation->cost, out.evaluation->time,
                                       project.options.goal))
                out.evaluation = std::move(candidate);
        }
    }
    if (!out.evaluation) {
        out.problem =
            std::string{"no loop blocking of the "}.append(mappingName).append(" mapping fits this layer's buffers");
        return out;
    }
    out.evaluation->name = le.name;
    return out;
}

} // namespace kapla
