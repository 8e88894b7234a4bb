#include "solve/segment_plan.h"

#include "cost/fmap_layouts.h"

#include <utility>

namespace kapla {

namespace {

// One combination without constraints.
SegmentConstraints unconstrained(const PipelineSegment& ps)
{
    SegmentConstraints c;
    c.valid = true;
    SegmentConstraintCombo combo;
    for (const auto& group : ps.seg)
        combo.layers.emplace_back(group.size());
    combo.hints = {1};
    c.combos.push_back(std::move(combo));
    return c;
}

} // namespace

std::optional<SegmentPlan> planSegment(PipelineSegment ps, const Network& network, const Options& options,
                                       double gbufWords, const std::vector<std::size_t>& position, SingleLayerRule rule)
{
    SegmentPlan plan;
    plan.singleLayer = ps.seg.size() == 1 && ps.seg.front().size() == 1;
    plan.constraints = plan.singleLayer && rule == SingleLayerRule::Unconstrained
                         ? unconstrained(ps)
                         : generateSegmentConstraints(ps, network, gbufWords, options.layerPipelineTimeOverhead);
    if (!plan.constraints.valid || plan.constraints.combos.empty())
        return std::nullopt;
    plan.forwarding = forwardingRegions(ps);
    plan.firstPosition = position[static_cast<std::size_t>(ps.seg.front().front().value)];
    plan.lastPosition = position[static_cast<std::size_t>(ps.lastLayer().value)];
    plan.segment = std::move(ps);
    return plan;
}

} // namespace kapla
