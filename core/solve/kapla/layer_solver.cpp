#include "solve/kapla/layer_solver.h"

#include "cost/buf_shr.h"
#include "cost/fmap_layouts.h"
#include "cost/layer_cost.h"
#include "cost/map_strategy.h"
#include "solve/kapla/fill_choices.h"
#include "solve/kapla/greedy_blocking.h"
#include "solve/kapla/layer_estimate.h"
#include "solve/kapla/partition_ranking.h"
#include "solve/worker_pool.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <numeric>
#include <tuple>

namespace kapla::ksolve {

namespace {

// Hops to move each category once for a partition (the reference's unit_nhops_to_proc_region).
PerCategory<double> unitHops(const LayerProblem& p, const PartitionScheme& part)
{
    CacheKey key;
    if (p.cache) {
        key = hopCacheKey(p, part, 0);
        if (const auto hit = p.cache->findHops(key))
            return *hit;
    }
    const Resource& res = *p.resource;
    const DataLayout ofmap = layoutOnRegion(fullFmapRange(p.batch, *p.layer), res.dstDataRegion, part);
    const bool forwarding = p.options->accessForwarding || p.options->gbufSharing;
    const PerCategory<double> hops = unitNhopsToProcRegion(*p.layer, p.batch, res.procRegion, part, res.dramRegion,
                                                           *p.ifmapLayout, ofmap, forwarding);
    if (p.cache)
        p.cache->storeHops(key, hops);
    return hops;
}

} // namespace

PerCategory<double> estimatedHops(const LayerProblem& p, const PartitionScheme& part, const HopGeometry& geometry)
{
    CacheKey key;
    if (p.cache) {
        key = hopCacheKey(p, part, 1);
        if (const auto hit = p.cache->findHops(key))
            return *hit;
    }
    const PerCategory<double> hops = estimateUnitHops(*p.layer, p.batch, part, geometry);
    if (p.cache)
        p.cache->storeHops(key, hops);
    return hops;
}

void forEachIndex(const LayerProblem& p, std::size_t count, const std::function<void(std::size_t)>& fn)
{
    if (p.pool)
        p.pool->run(count, fn);
    else
        for (std::size_t i = 0; i < count; ++i)
            fn(i);
}

bool layerRanksBefore(const LayerEvaluation& a, const LayerEvaluation& b, Goal goal)
{
    switch (goal) {
    case Goal::Energy: return a.cost < b.cost || (a.cost == b.cost && a.time < b.time);
    case Goal::Delay: return a.time < b.time || (a.time == b.time && a.cost < b.cost);
    case Goal::EnergyDelay: return a.cost * static_cast<double>(a.time) < b.cost * static_cast<double>(b.time);
    }
    return false;
}

namespace {

// The numbers every use of a scored blocking ranks by: its cost with and without static energy, its
// time and its DRAM fetches (which the partition's hops weigh, never negatively).
bool noWorse(const ScoredBlocking& a, const ScoredBlocking& b)
{
    return a.cost <= b.cost && a.cost - a.staticCost <= b.cost - b.staticCost && a.time <= b.time
        && a.dramFetch[0] <= b.dramFetch[0] && a.dramFetch[1] <= b.dramFetch[1] && a.dramFetch[2] <= b.dramFetch[2];
}

void dropDominated(std::vector<ScoredBlocking>& blockings, int keep)
{
    std::vector<bool> dropped(blockings.size(), false);
    for (std::size_t i = 0; i < blockings.size(); ++i) {
        int beaten = 0;
        for (std::size_t j = 0; j < i && beaten < keep; ++j)
            if (noWorse(blockings[j], blockings[i]))
                ++beaten;
        dropped[i] = beaten >= keep;
    }
    std::size_t next = 0;
    for (std::size_t i = 0; i < blockings.size(); ++i)
        if (!dropped[i])
            blockings[next++] = std::move(blockings[i]);
    blockings.resize(next);
}

// A lite list is only screened by its cheapest blocking: that one alone is kept (the first of the
// cheapest, as a scan would find it).
std::vector<ScoredBlocking> liteList(const std::vector<ScoredBlocking>& scored)
{
    const auto cheapest = std::min_element(scored.begin(), scored.end(),
                                           [](const auto& a, const auto& b) { return a.cost < b.cost; });
    return cheapest == scored.end() ? std::vector<ScoredBlocking>{} : std::vector<ScoredBlocking>{*cheapest};
}

// A full list feeds the exact evaluation of the `exactBlockings` best (all of them when that is not
// positive) and the estimates' minimum. Drops from `scored` in place.
std::vector<ScoredBlocking> fullList(const LayerProblem& p, std::vector<ScoredBlocking>& scored)
{
    if (p.params->exactBlockings > 0)
        dropDominated(scored, p.params->exactBlockings);
    return {scored.begin(), scored.end()};
}

// The list asked for and, when the other kind scores the same blockings, that list too.
struct UsefulLists {
    std::vector<ScoredBlocking> asked;
    std::optional<std::vector<ScoredBlocking>> other;
};

// Scored into a per-thread scratch list (hundreds of entries, most of them dropped): the lists kept
// are allocated once, at their final size.
UsefulLists usefulBlockings(const LayerProblem& p, const PartitionScheme& part, SolveCounters& counters, bool lite)
{
    thread_local std::vector<ScoredBlocking> scratch;
    scratch.clear();
    const bool sameForBoth = appendScoredBlockings(p, part, counters, lite, scratch);
    UsefulLists out;
    std::vector<ScoredBlocking> cheapest = liteList(scratch); // before fullList drops from the scratch
    if (lite) {
        out.asked = std::move(cheapest);
        if (sameForBoth)
            out.other = fullList(p, scratch);
    } else {
        if (sameForBoth)
            out.other = std::move(cheapest);
        out.asked = fullList(p, scratch);
    }
    return out;
}

std::shared_ptr<const std::vector<ScoredBlocking>> cachedLists(const LayerProblem& p, const PartitionScheme& part,
                                                               SolveCounters& counters, bool lite, bool wait)
{
    if (!p.cache)
        return std::make_shared<const std::vector<ScoredBlocking>>(usefulBlockings(p, part, counters, lite).asked);
    const auto make = [&] {
        UsefulLists lists = usefulBlockings(p, part, counters, lite);
        // Most partitions map to one descriptor, where the screening's lite list and the ranking's
        // full list score the same blockings: one scoring makes both.
        if (lists.other)
            p.cache->offer(blockingCacheKey(p, part, lite ? 0 : 1), std::move(*lists.other));
        return std::move(lists.asked);
    };
    const CacheKey key = blockingCacheKey(p, part, lite ? 1 : 0);
    return wait ? p.cache->blockings(key, make) : p.cache->blockingsIfFree(key, make);
}

} // namespace

std::shared_ptr<const std::vector<ScoredBlocking>> cachedScoredBlockings(const LayerProblem& p,
                                                                         const PartitionScheme& part,
                                                                         SolveCounters& counters, bool lite)
{
    return cachedLists(p, part, counters, lite, true);
}

std::shared_ptr<const std::vector<ScoredBlocking>> cachedScoredBlockingsIfFree(const LayerProblem& p,
                                                                               const PartitionScheme& part,
                                                                               SolveCounters& counters, bool lite)
{
    return cachedLists(p, part, counters, lite, false);
}

std::vector<ScoredBlocking> scoredBlockings(const LayerProblem& p, const PartitionScheme& part, SolveCounters& counters,
                                            bool lite)
{
    std::vector<ScoredBlocking> out;
    appendScoredBlockings(p, part, counters, lite, out);
    return out;
}

bool appendScoredBlockings(const LayerProblem& p, const PartitionScheme& part, SolveCounters& counters, bool lite,
                           std::vector<ScoredBlocking>& out)
{
    const Resource& res = *p.resource;
    const Options& opt = *p.options;
    const PartitionedLayer pl = part.partLayer(*p.layer, p.batch);
    const auto nlds = mapLayer(pl.layer, pl.batch, pl.occupancy, res.dimArray, opt.mapping, pl.rwData);
    // Lite and full lists take the same choices (so score the same blockings) when there is one
    // descriptor (fill_stack's choice is it for every loop) or when every replication is not asked.
    const bool sameForBoth = nlds.size() <= 1 || !p.params->everyReplication;
    if (nlds.empty())
        return sameForBoth;
    const PerLoop<int> choice = p.params->everyReplication && !lite
                                  ? PerLoop<int>{-1, -1, -1}
                                  : replicationChoices(pl, nlds, res.dimArray, opt.mapping);
    const PerCategory<int> group = sharingGroupSizes(part, nlds.front().dataLoops);
    const bool forwarding = opt.accessForwarding || opt.gbufSharing;
    // The REGF step-down variants pay where a whole layer runs on one node (a large per-node block,
    // so a REGF block one unit too big keeps the GBUF from holding a whole loop: the single-node
    // benchmark's geomean goes from -1.9 % to -2.5 %); on the meshes' partitions they found nothing
    // cheaper in any benchmark case and doubled the search time.
    const bool stepDown = part.size() == 1;
    LoopBlockingContext ctx;
    ctx.resource = &res;
    ctx.options = &opt;
    ctx.accessEnergy = p.energy->access;
    // At most kGreedyVariants blockings per order pair (36) and retry, per descriptor.
    out.reserve(out.size() + nlds.size() * loopOrders().size() * loopOrders().size() * kGreedyVariants * 2);
    for (std::size_t i = 0; i < nlds.size(); ++i) {
        unsigned inners = 0;
        for (int l = 0; l < kNumLoops; ++l)
            if (choice[static_cast<std::size_t>(l)] == static_cast<int>(i) || choice[static_cast<std::size_t>(l)] < 0)
                inners |= 1u << l;
        if (!inners)
            continue;
        // Sharing capacity and forwarding as the evaluator sees them, without its rotation sweep.
        LoopBlockingPrecomp pc = precomputeLoopBlocking(nlds[i], ctx);
        pc.gbufSharing = false;
        for (std::size_t d = 0; d < kNumDataCategories; ++d) {
            pc.bufshrGroup[d] = opt.gbufSharing ? group[d] : 1;
            pc.accfwdReduction[d] = forwarding ? group[d] : 1;
        }
        // On-chip data may not be re-fetched: if the plain fills do, retry with those loops pinned.
        const bool onChip = !pc.srcIsDram || !pc.dstIsDram;
        bool anyValid = false;
        for (const bool force : {false, true}) {
            if (force && (!onChip || anyValid))
                break;
            // One list per thread, reused: the fills run for every partition shape of every layer.
            thread_local std::vector<BlockingSpec> specs;
            specs.clear();
            appendGreedyBlockings(pc, p.constraint, inners, force, stepDown, specs);
            // Counted once per list: an atomic add per evaluation bounces its cache line between threads.
            counters.evaluations.fetch_add(static_cast<std::int64_t>(specs.size()), std::memory_order_relaxed);
            for (const BlockingSpec& spec : specs) {
                const LoopBlockingResult r = evaluateLoopBlocking(pc, spec);
                if (!r.valid)
                    continue;
                anyValid = true;
                LayerEvaluation le;
                fillLayerCost(le, r.stats, {0, 0, 0}, *p.energy);
                out.push_back({static_cast<int>(i), spec, le.cost, le.energy.stat, le.time, r.stats.fetch[0]});
            }
        }
    }
    return sameForBoth;
}

HopGeometry hopGeometry(const LayerProblem& p)
{
    const Resource& res = *p.resource;
    HopGeometry g;
    g.procRegion = res.procRegion;
    g.dramNodes = res.dramRegion.nodes();
    g.ifmapInDram = true;
    for (const NodeRegion& r : p.ifmapLayout->regions) {
        const auto nodes = representativeNodes(r);
        g.ifmapSources.insert(g.ifmapSources.end(), nodes.begin(), nodes.end());
        g.ifmapInDram = g.ifmapInDram && r.type == NodeRegion::Type::Dram;
    }
    setIfmapPieces(g, *p.ifmapLayout);
    g.ofmapDests = representativeNodes(res.dstDataRegion);
    g.ofmapInDram = res.dstDataRegion.type == NodeRegion::Type::Dram;
    g.ofmapInProc = res.dstDataRegion == res.procRegion;
    g.forwarding = p.options->accessForwarding || p.options->gbufSharing;
    setDistanceTables(g);
    return g;
}

double estimatedCost(const ScoredBlocking& b, const PerCategory<double>& unitHops, const EnergyCosts& energy)
{
    double hops = 0;
    for (std::size_t d = 0; d < kNumDataCategories; ++d)
        hops += unitHops[d] * b.dramFetch[d];
    return b.cost + energy.nocHop * hops;
}

double estimatedCost(const std::vector<ScoredBlocking>& blockings, const PerCategory<double>& unitHops,
                     const EnergyCosts& energy)
{
    double best = std::numeric_limits<double>::infinity();
    for (const auto& b : blockings)
        best = std::min(best, estimatedCost(b, unitHops, energy));
    return best;
}

std::optional<LayerSolution> solvePartition(const LayerProblem& p, const PartitionScheme& part,
                                            const std::vector<ScoredBlocking>& blockings, int limit,
                                            SolveCounters& counters)
{
    if (blockings.empty())
        return std::nullopt;
    const Resource& res = *p.resource;
    const Options& opt = *p.options;
    const PartitionedLayer pl = part.partLayer(*p.layer, p.batch);
    const auto nlds = mapLayer(pl.layer, pl.batch, pl.occupancy, res.dimArray, opt.mapping, pl.rwData);
    const BufShrScheme bufshr(res.procRegion, part, nlds.front().dataLoops);
    LoopBlockingContext ctx;
    ctx.resource = &res;
    ctx.bufshr = &bufshr;
    ctx.options = &opt;
    ctx.accessEnergy = p.energy->access;
    const PerCategory<double> hops = unitHops(p, part);

    // The blockings most promising with this partition's hops go first.
    std::vector<std::pair<double, std::size_t>> order;
    for (std::size_t k = 0; k < blockings.size(); ++k)
        order.emplace_back(estimatedCost(blockings[k], hops, *p.energy), k);
    std::stable_sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    if (limit > 0 && order.size() > static_cast<std::size_t>(limit))
        order.resize(static_cast<std::size_t>(limit));

    std::vector<std::optional<LoopBlockingPrecomp>> pcs(nlds.size());
    std::optional<LayerSolution> best;
    counters.evaluations.fetch_add(static_cast<std::int64_t>(order.size()), std::memory_order_relaxed);
    for (const auto& [estimate, k] : order) {
        const ScoredBlocking& b = blockings[k];
        auto& pc = pcs[static_cast<std::size_t>(b.descriptor)];
        if (!pc)
            pc = precomputeLoopBlocking(nlds[static_cast<std::size_t>(b.descriptor)], ctx);
        const LoopBlockingResult r = evaluateLoopBlocking(*pc, b.blocking);
        if (!r.valid)
            continue;
        LayerSolution s;
        fillLayerCost(s.eval, r.stats, hops, *p.energy);
        if (best && !layerRanksBefore(s.eval, best->eval, opt.goal))
            continue;
        const NestedLoopDesc& nld = nlds[static_cast<std::size_t>(b.descriptor)];
        s.partition = part;
        s.replIfms = nld.replIfms;
        s.replOfms = nld.replOfms;
        s.blocking = b.blocking;
        s.eval.partition = part;
        s.eval.region = res.procRegion;
        s.eval.replIfms = nld.replIfms;
        s.eval.replOfms = nld.replOfms;
        s.eval.blocking.tvals = b.blocking.tvals;
        s.eval.gbufCapacity = res.sizeGbuf;
        s.eval.regfCapacity = res.sizeRegf;
        best = std::move(s);
    }
    return best;
}

std::optional<LayerSolution> solveLayer(const LayerProblem& p, SolveCounters& counters, const std::stop_token& stop)
{
    counters.layerSolves.fetch_add(1, std::memory_order_relaxed);
    const auto allShared = layerPartitions(p.cache, *p.layer, p.batch, p.resource->procRegion.dim, *p.options);
    const std::vector<PartitionScheme>& all = *allShared;
    std::optional<LayerSolution> best;
    const auto consider = [&](std::optional<LayerSolution> s) {
        if (s && (!best || layerRanksBefore(s->eval, best->eval, p.options->goal)))
            best = std::move(s);
    };
    if (p.params->everyPartition) {
        std::vector<std::optional<LayerSolution>> solved(all.size());
        forEachIndex(p, all.size(), [&](std::size_t i) {
            if (!stop.stop_requested())
                solved[i] = solvePartition(p, all[i], scoredBlockings(p, all[i], counters, false), 0, counters);
        });
        for (auto& s : solved)
            consider(std::move(s));
        return stop.stop_requested() ? std::nullopt : best;
    }
    const RankedPartitions ranked = rankPartitions(p, all, counters, stop);
    std::vector<std::optional<LayerSolution>> solved(ranked.candidates.size());
    forEachIndex(p, solved.size(), [&](std::size_t i) {
        const auto& [index, shape] = ranked.candidates[i];
        if (!stop.stop_requested())
            solved[i] = solvePartition(p, all[index], *ranked.shapeBlockings[shape], p.params->exactBlockings,
                                       counters);
    });
    for (auto& s : solved)
        consider(std::move(s));
    return stop.stop_requested() ? std::nullopt : best;
}

} // namespace kapla::ksolve
