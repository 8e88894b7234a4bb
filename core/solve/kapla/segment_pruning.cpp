#include "solve/kapla/segment_pruning.h"

#include "cost/fmap_layouts.h"
#include "cost/sched_dag.h"
#include "schedule/partition.h"
#include "solve/kapla/layer_estimate.h"
#include "solve/kapla/layer_solver.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <optional>
#include <random>
#include <tuple>

namespace kapla::ksolve {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

std::uint64_t splitmix(std::uint64_t x)
{
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

using Chain = std::pair<double, std::vector<std::size_t>>;

void keepBest(std::vector<Chain>& chains, int k)
{
    std::sort(chains.begin(), chains.end());
    if (chains.size() > static_cast<std::size_t>(k))
        chains.resize(static_cast<std::size_t>(k));
}

} // namespace

std::vector<SegmentPlan> planSegments(const Project& project, const Resource& top, const std::vector<LayerId>& order,
                                      const std::stop_token& stop)
{
    const Network& net = project.network;
    const std::vector<std::size_t> position = positionsInOrder(net.size(), order);
    std::vector<SegmentPlan> plans;
    std::vector<std::vector<std::size_t>> plansEndingAt(order.size()); ///< indices into plans
    const SchedDag dag = buildSchedDag(net);
    for (PipelineSegment& ps : generateSegments(net, dag, top, project.options, project.batch, stop)) {
        if (stop.stop_requested())
            return {};
        auto& same = plansEndingAt[position[static_cast<std::size_t>(ps.lastLayer().value)]];
        if (std::any_of(same.begin(), same.end(), [&](std::size_t i) { return plans[i].segment.seg == ps.seg; }))
            continue;
        auto plan = planSegment(std::move(ps), net, project.options, top.sizeGbuf, position,
                                SingleLayerRule::Unconstrained);
        if (!plan)
            continue;
        same.push_back(plans.size());
        plans.push_back(std::move(*plan));
    }
    if (stop.stop_requested())
        return {};
    std::stable_sort(plans.begin(), plans.end(),
                     [](const SegmentPlan& a, const SegmentPlan& b) { return a.lastPosition < b.lastPosition; });
    return plans;
}

std::vector<SegmentPlan> singleLayerPlans(const Project& project, const Resource& top,
                                          const std::vector<LayerId>& order, const std::stop_token& stop)
{
    const std::vector<std::size_t> position = positionsInOrder(project.network.size(), order);
    std::vector<SegmentPlan> plans;
    for (const LayerId id : order) {
        if (stop.stop_requested())
            break;
        auto ps = singleLayerSegment(id, project.network, top, project.options, project.batch);
        auto plan = ps ? planSegment(std::move(*ps), project.network, project.options, top.sizeGbuf, position,
                                     SingleLayerRule::Unconstrained)
                       : std::nullopt;
        if (plan)
            plans.push_back(std::move(*plan));
    }
    return plans;
}

bool combinationOverflows(const SegmentPlan& plan, const SegmentConstraintCombo& combo, const Network& network,
                          int batch, const Resource& top)
{
    if (combo.layers.empty() || combo.layers.front().empty() || combo.layers.front().front().top.topbat == 0)
        return false;
    const PipelineSegment& ps = plan.segment;
    for (std::size_t sp = 0; sp < ps.seg.size(); ++sp)
        for (std::size_t tm = 0; tm < ps.seg[sp].size(); ++tm) {
            const auto nodes = ps.alloc[sp][tm].procRegion.dim.size();
            if (!layerOccupancyValid(network.at(ps.seg[sp][tm]).layer, batch, combo.layers[sp][tm].top, nodes,
                                     top.sizeGbuf, nodes * top.dimArray.size()))
                return true;
        }
    return false;
}

std::vector<std::size_t> samplePartitions(std::size_t n, const KaplaParams& params, std::uint64_t seed,
                                          std::size_t segment, std::size_t layer)
{
    const auto wanted = static_cast<std::size_t>(std::ceil(params.partitionSampleRatio * static_cast<double>(n)));
    const std::size_t count = std::min({wanted, static_cast<std::size_t>(std::max(1, params.partitionSampleMax)), n});
    std::vector<std::size_t> idx(n);
    std::iota(idx.begin(), idx.end(), 0);
    // The engine's output sequence is fixed by the standard, so the sample is the same everywhere.
    std::mt19937_64 rng(splitmix(seed ^ splitmix(segment * 0x100000001B3ull + layer)));
    for (std::size_t i = 0; i < count; ++i)
        std::swap(idx[i], idx[i + static_cast<std::size_t>(rng() % (n - i))]);
    idx.resize(count);
    std::sort(idx.begin(), idx.end());
    return idx;
}

namespace {

// One layer of a segment with its sampled partitions and the refined estimates per constraint.
struct LayerSlot {
    const Layer* layer = nullptr;
    const Resource* resource = nullptr;
    std::vector<PartitionScheme> parts;
    std::vector<LayerEstimator> coarse;
    std::map<std::tuple<int, int, int, bool>, LayerEstimate> refined;
};

// The coarse estimate ranks the sampled partitions; the best few get KAPLA's greedy blockings scored
// by the evaluator (capacity-driven re-fetch, replication, REGF traffic), plus the coarse hops.
LayerEstimate refinedEstimate(LayerSlot& slot, const TopBlockingConstraint& c, const SegmentEstimateContext& ctx)
{
    const auto key = std::make_tuple(c.topifm, c.topofm, c.topbat, c.checkOrder);
    if (const auto it = slot.refined.find(key); it != slot.refined.end())
        return it->second;
    const Goal goal = ctx.project->options.goal;
    // Only the few best partitions are refined: rank (key, index) pairs, the index breaking ties as
    // a stable sort would, and keep the estimates of those few (a list of whole estimates for every
    // sampled partition was a tenth of the page faults of a solve).
    thread_local std::vector<std::pair<double, std::size_t>> keys;
    keys.clear();
    for (std::size_t i = 0; i < slot.coarse.size(); ++i)
        if (const LayerEstimate e = slot.coarse[i].estimate(c); e.valid())
            keys.emplace_back(estimateKey(e, goal), i);
    const std::size_t refinedCount = std::min(keys.size(),
                                              static_cast<std::size_t>(std::max(1, ctx.params->refinedPartitions)));
    std::partial_sort(keys.begin(), keys.begin() + static_cast<std::ptrdiff_t>(refinedCount), keys.end());
    std::vector<std::pair<LayerEstimate, std::size_t>> ranked;
    ranked.reserve(refinedCount);
    for (std::size_t k = 0; k < refinedCount; ++k)
        ranked.emplace_back(slot.coarse[keys[k].second].estimate(c), keys[k].second);
    LayerEstimate best = ranked.empty() ? LayerEstimate{} : ranked.front().first;
    LayerProblem lp;
    lp.layer = slot.layer;
    lp.batch = ctx.project->batch;
    lp.resource = slot.resource;
    lp.constraint = c;
    lp.options = &ctx.project->options;
    lp.energy = ctx.energy;
    lp.params = ctx.params;
    lp.cache = ctx.cache;
    SolveCounters counters;
    bool refinedAny = false;
    for (std::size_t k = 0; k < ranked.size() && static_cast<int>(k) < ctx.params->refinedPartitions; ++k) {
        const LayerEstimate& coarse = ranked[k].first;
        const auto blockings = cachedScoredBlockings(lp, slot.parts[ranked[k].second], counters);
        for (const ScoredBlocking& b : *blockings) {
            LayerEstimate e;
            e.energy = b.cost - b.staticCost + ctx.energy->nocHop * (coarse.hops[0] + coarse.hops[1] + coarse.hops[2]);
            e.time = static_cast<double>(b.time);
            if (!refinedAny || estimateKey(e, goal) < estimateKey(best, goal))
                best = e;
            refinedAny = true;
        }
    }
    slot.refined.emplace(key, best);
    return best;
}

} // namespace

std::vector<std::size_t> SegmentEstimate::bestCombos(int count) const
{
    std::vector<std::size_t> idx;
    for (std::size_t i = 0; i < combos.size(); ++i)
        if (combos[i] < kInf)
            idx.push_back(i);
    std::stable_sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) { return combos[a] < combos[b]; });
    if (idx.size() > static_cast<std::size_t>(std::max(0, count)))
        idx.resize(static_cast<std::size_t>(std::max(0, count)));
    return idx;
}

SegmentEstimate estimateSegmentCost(const SegmentPlan& plan, std::size_t segmentIndex,
                                    const SegmentEstimateContext& ctx)
{
    const Project& prj = *ctx.project;
    const PipelineSegment& ps = plan.segment;
    std::vector<std::vector<LayerSlot>> slots(ps.seg.size());
    std::size_t flat = 0;
    for (std::size_t sp = 0; sp < ps.seg.size(); ++sp)
        for (std::size_t tm = 0; tm < ps.seg[sp].size(); ++tm, ++flat) {
            LayerSlot& slot = slots[sp].emplace_back();
            slot.layer = &prj.network.at(ps.seg[sp][tm]).layer;
            slot.resource = &ps.alloc[sp][tm];
            const auto parts = layerPartitions(ctx.cache, *slot.layer, prj.batch, slot.resource->procRegion.dim,
                                               prj.options);
            for (const std::size_t i : samplePartitions(parts->size(), *ctx.params, ctx.seed, segmentIndex, flat)) {
                slot.parts.push_back((*parts)[i]);
                slot.coarse.emplace_back(*slot.layer, prj.batch, (*parts)[i], *slot.resource, prj.options, *ctx.energy);
            }
        }
    SegmentEstimate out;
    out.combos.assign(plan.constraints.combos.size(), kInf);
    for (std::size_t ci = 0; ci < plan.constraints.combos.size(); ++ci) {
        const SegmentConstraintCombo& combo = plan.constraints.combos[ci];
        if (ctx.stop.stop_requested())
            return {};
        if (combinationOverflows(plan, combo, prj.network, prj.batch, *ctx.top))
            continue;
        double total = 0;
        double segmentTime = 0;
        for (std::size_t sp = 0; sp < ps.seg.size() && total < kInf; ++sp) {
            double groupTime = 0;
            for (std::size_t tm = 0; tm < ps.seg[sp].size() && total < kInf; ++tm) {
                const LayerEstimate e = refinedEstimate(slots[sp][tm], combo.layers[sp][tm].top, ctx);
                total += e.energy;
                groupTime += e.time;
            }
            segmentTime = std::max(segmentTime, groupTime);
        }
        // Spatial groups run side by side: the idle energy of the whole chip follows the longest group.
        total += ctx.energy->idle * segmentTime;
        const double key = prj.options.goal == Goal::Energy ? total
                         : prj.options.goal == Goal::Delay  ? segmentTime
                                                            : total * segmentTime;
        out.combos[ci] = key;
        out.best = std::min(out.best, key);
    }
    return out;
}

std::vector<bool> selectSegments(const std::vector<SegmentPlan>& plans, const std::vector<double>& costs,
                                 std::size_t positions, int k)
{
    std::vector<bool> keep(plans.size(), false);
    if (k <= 0 || static_cast<std::size_t>(k) >= plans.size() || positions == 0) {
        std::fill(keep.begin(), keep.end(), true);
        return keep;
    }
    std::vector<std::vector<Chain>> best(positions);
    const std::vector<Chain> start{{0.0, {}}};
    for (std::size_t s = 0; s < plans.size(); ++s) {
        if (!(costs[s] < kInf))
            continue;
        const auto& prev = plans[s].firstPosition == 0 ? start : best[plans[s].firstPosition - 1];
        auto& into = best[plans[s].lastPosition];
        for (const auto& [cost, chain] : prev) {
            Chain c{cost + costs[s], chain};
            c.second.push_back(s);
            into.push_back(std::move(c));
        }
        keepBest(into, k);
    }
    for (const auto& chain : best.back())
        for (const std::size_t s : chain.second)
            keep[s] = true;
    for (std::size_t s = 0; s < plans.size(); ++s)
        keep[s] = keep[s] || plans[s].singleLayer;
    return keep;
}

} // namespace kapla::ksolve
