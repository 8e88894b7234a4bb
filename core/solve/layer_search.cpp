#include "solve/layer_search.h"

#include "cost/buf_shr.h"
#include "cost/fmap_layouts.h"
#include "cost/layer_cost.h"
#include "cost/map_strategy.h"
#include "schedule/partition.h"
#include "solve/sampling_policy.h"
#include "solve/worker_pool.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <optional>

namespace kapla {

namespace {

/// Loop blockings one work item enumerates at most (a few ms to a few tens of ms on one core), so
/// that a stop request is seen quickly and the threads stay balanced.
constexpr double kBlockingsPerSlice = 60000;
/// Memo capacities (entries); a ranking or per-partition entry takes a few KiB.
constexpr std::size_t kRankingCapacity = 100000;
constexpr std::size_t kPerNodeCapacity = 200000;

// Ordered factorizations of n into three factors: Π over prime powers p^e of C(e+2, 2).
std::int64_t threeWayFactorizations(int n)
{
    std::int64_t count = 1;
    for (int p = 2; p <= n; ++p) {
        if (static_cast<std::int64_t>(p) * p > n) {
            count *= n > 1 ? 3 : 1; // a remaining prime factor, exponent 1
            break;
        }
        int e = 0;
        for (; n % p == 0; n /= p)
            ++e;
        count *= (e + 2) * (e + 1) / 2;
    }
    return count;
}

constexpr unsigned loopBit(LoopDim l) { return 1u << static_cast<unsigned>(l); }

bool hasConvDataLoops(const NestedLoopDesc& nld)
{
    constexpr unsigned ifm = loopBit(LoopDim::Ifm), ofm = loopBit(LoopDim::Ofm), bat = loopBit(LoopDim::Bat);
    return nld.dataLoops == PerCategory<unsigned>{ifm | ofm, ifm | bat, ofm | bat};
}

std::string wordsText(double words)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", words);
    return buf;
}

/// One loop-blocking search: a slice of one mapping choice of one pending ranking.
struct Item {
    std::size_t pending;
    int nld;
    int slice;
    int slices;
};

/// A layer schedule ranked before it is materialised.
struct Ranked {
    double cost;
    std::int64_t time;
    std::size_t work;
    std::size_t scheme;
};

LayerEvaluation layerEvaluation(const NestedLoopDesc& nld, const LoopBlockingCandidate& c,
                                const PerCategory<double>& unitNhops, const PartitionScheme& part,
                                const LayerCondition& cond, const EnergyCosts& energy)
{
    LayerEvaluation le;
    le.segment = cond.seq.segment;
    le.spatial = cond.seq.spatial;
    le.temporal = cond.seq.temporal;
    le.region = cond.resource->procRegion;
    le.partition = part;
    le.replIfms = nld.replIfms;
    le.replOfms = nld.replOfms;
    le.blocking = c.blocking;
    le.gbufCapacity = cond.resource->sizeGbuf;
    le.regfCapacity = cond.resource->sizeRegf;
    fillLayerCost(le, c.stats, unitNhops, energy);
    return le;
}

} // namespace

LayerEvaluation makeLayerEvaluation(const NestedLoopDesc& nld, const LoopBlockingCandidate& candidate,
                                    const PerCategory<double>& unitNhops, const PartitionScheme& part,
                                    const LayerCondition& cond, const EnergyCosts& energy)
{
    return layerEvaluation(nld, candidate, unitNhops, part, cond, energy);
}

bool costTimeRanksBefore(double costA, std::int64_t timeA, double costB, std::int64_t timeB, Goal goal)
{
    switch (goal) {
    case Goal::Energy: return costA < costB || (costA == costB && timeA < timeB);
    case Goal::Delay: return timeA < timeB || (timeA == timeB && costA < costB);
    case Goal::EnergyDelay: return costA * static_cast<double>(timeA) < costB * static_cast<double>(timeB);
    }
    return false;
}

/// The mapping choices of a per-node layer and the kept blockings of each, in rank order.
struct LayerSearch::Ranking {
    std::vector<NestedLoopDesc> nlds;
    std::vector<std::vector<LoopBlockingCandidate>> tops; ///< per mapping choice
};

/// The kept blockings of one partition with their statistics on its own geometry.
struct LayerSearch::PerNode {
    std::shared_ptr<const Ranking> ranking;
    std::vector<std::pair<int, LoopBlockingCandidate>> schemes; ///< (mapping choice, blocking), enumeration order
};

/// One partition of the current layer search.
struct LayerSearch::Work {
    const PartitionScheme* part = nullptr;
    PartitionedLayer pl;
    std::string key;                        ///< per-node key
    std::shared_ptr<const PerNode> perNode; ///< from the memo, or built in this search
    std::shared_ptr<const Ranking> ranking; ///< when the per-node result must be built
    PerCategory<double> unitNhops{0, 0, 0};
    DataLayout ofmapLayout;
    std::vector<Ranked> ranked;
};

/// A ranking computed in this search, on the geometry of the first partition that needs it.
struct LayerSearch::Pending {
    std::string key;
    BufShrScheme bufshr; ///< of the first partition needing the ranking
    std::shared_ptr<Ranking> ranking;
    std::vector<std::vector<std::vector<LoopBlockingCandidate>>> slices; ///< [mapping choice][slice]
    std::vector<LoopBlockingSampler> samplers;                           ///< [mapping choice] when sampling
    std::vector<std::size_t> works;                                      ///< partitions waiting for it
};

LayerSearch::LayerSearch(const Project& project, const Architecture& arch, WorkerPool& pool, std::stop_token stop,
                         const SamplingPolicy* sampling)
    : m_project(project)
    , m_arch(arch)
    , m_pool(pool)
    , m_stop(std::move(stop))
    , m_rankings(kRankingCapacity)
    , m_perNode(kPerNodeCapacity)
    , m_sampling(sampling)
{
}

LayerSearch::~LayerSearch() = default;

const std::vector<PartitionScheme>& LayerSearch::partitionsOf(const Layer& layer, PhyDim2 dim)
{
    std::string key = layerShapeKey(layer);
    key += dim.toString();
    std::lock_guard lock(m_partitionsMutex);
    auto it = m_partitions.find(key);
    if (it == m_partitions.end())
        it = m_partitions.emplace(key, genPartitions(layer, m_project.batch, dim, m_project.options, true)).first;
    return it->second;
}

// Finds or plans the ranking each partition without a memoised per-node result needs.
std::vector<LayerSearch::Pending> LayerSearch::planRankings(std::vector<Work>& work, const LayerCondition& cond)
{
    const Options& opt = m_project.options;
    const bool groupsMatter = opt.gbufSharing || opt.accessForwarding;
    std::vector<Pending> pending;
    std::unordered_map<std::string, std::size_t> pendingIndex;
    for (std::size_t w = 0; w < work.size(); ++w) {
        Work& wk = work[w];
        const PerCategory<unsigned> dataLoops = wk.pl.layer.dataLoops();
        const PerCategory<int> groups = groupsMatter ? BufShrScheme::groupSizes(*wk.part, dataLoops)
                                                     : PerCategory<int>{1, 1, 1};
        const std::string rk = rankingKey(wk.pl, groups, *cond.resource, cond.constraint);
        wk.key = perNodeKey(rk, *wk.part, cond.resource->procRegion);
        if ((wk.perNode = m_perNode.find(wk.key)))
            continue;
        if ((wk.ranking = m_rankings.find(rk)))
            continue;
        auto [it, fresh] = pendingIndex.try_emplace(rk, pending.size());
        if (fresh) {
            Pending p;
            p.key = rk;
            p.bufshr = BufShrScheme(cond.resource->procRegion, *wk.part, dataLoops);
            p.ranking = std::make_shared<Ranking>();
            p.ranking->nlds = mapLayer(wk.pl.layer, wk.pl.batch, wk.pl.occupancy, m_arch.peArray, opt.mapping,
                                       wk.pl.rwData);
            pending.push_back(std::move(p));
        }
        pending[it->second].works.push_back(w);
    }
    return pending;
}

// Runs the loop-blocking searches of the pending rankings, sliced for balance and quick stops, and
// merges the slices in enumeration order.
void LayerSearch::runRankings(std::vector<Pending>& pending, const LayerCondition& cond, const Tick& tick)
{
    const Options& opt = m_project.options;
    std::vector<Item> items;
    for (std::size_t k = 0; k < pending.size(); ++k) {
        Pending& p = pending[k];
        p.slices.resize(p.ranking->nlds.size());
        for (std::size_t n = 0; n < p.ranking->nlds.size() && m_sampling; ++n)
            p.samplers.push_back(m_sampling->blockingSampler(p.key, n));
        for (std::size_t n = 0; n < p.ranking->nlds.size(); ++n) {
            const NestedLoopDesc& nld = p.ranking->nlds[n];
            const bool solver = opt.solveLoopblocking && hasConvDataLoops(nld);
            const std::int64_t pairs = threeWayFactorizations(nld.loopcnt[0]) * threeWayFactorizations(nld.loopcnt[1]);
            const std::int64_t space = pairs * threeWayFactorizations(nld.loopcnt[2]) * 36;
            m_blockings += solver ? kNumDataCategories : space;
            const auto wanted = static_cast<std::int64_t>(std::ceil(static_cast<double>(space) / kBlockingsPerSlice));
            const int slices = solver ? 1 : static_cast<int>(std::clamp<std::int64_t>(wanted, 1, pairs));
            p.slices[n].resize(static_cast<std::size_t>(slices));
            for (int s = 0; s < slices; ++s)
                items.push_back({k, static_cast<int>(n), s, slices});
        }
    }
    std::atomic<std::size_t> done{0};
    m_pool.run(items.size(), [&](std::size_t i) {
        if (m_stop.stop_requested())
            return;
        const Item& it = items[i];
        Pending& p = pending[it.pending];
        const LoopBlockingContext ctx{cond.resource, &p.bufshr, &opt, m_arch.energy.access};
        const auto n = static_cast<std::size_t>(it.nld);
        p.slices[n][static_cast<std::size_t>(it.slice)] = searchLoopBlocking(p.ranking->nlds[n], ctx, cond.constraint,
                                                                             {it.slice, it.slices},
                                                                             m_sampling ? &p.samplers[n] : nullptr);
        if (tick)
            tick(0.8 * static_cast<double>(++done) / static_cast<double>(items.size()));
    });
    if (m_stop.stop_requested())
        return;
    for (Pending& p : pending) {
        mergeRanking(p, cond);
        m_rankings.insert(p.key, p.ranking);
    }
}

// Merges the slices of each mapping choice; a sampled search whose sample gave no valid blocking keeps
// one blocking drawn uniformly from the eligible ones instead (a few more if that one has no valid order).
void LayerSearch::mergeRanking(Pending& p, const LayerCondition& cond) const
{
    const Options& opt = m_project.options;
    for (std::size_t n = 0; n < p.slices.size(); ++n) {
        auto& parts = p.slices[n];
        p.ranking->tops.push_back(parts.size() == 1 ? std::move(parts.front())
                                                    : mergeLoopBlockingTops(parts, opt.ntops, opt.goal));
        const NestedLoopDesc& nld = p.ranking->nlds[n];
        if (!m_sampling || !p.ranking->tops.back().empty() || (opt.solveLoopblocking && hasConvDataLoops(nld)))
            continue;
        const LoopBlockingContext ctx{cond.resource, &p.bufshr, &opt, m_arch.energy.access};
        const std::vector<std::int64_t> eligible = eligibleLoopBlockings(nld, ctx, cond.constraint);
        if (eligible.empty())
            continue;
        const LoopBlockingFactorSpace space = loopBlockingFactorSpace(nld, nullptr);
        std::vector<std::size_t> draws{m_sampling->pickOne(p.key, n, eligible.size())};
        const auto more = m_sampling->redraws(p.key, n, eligible.size(), draws);
        draws.insert(draws.end(), more.begin(), more.end());
        for (const std::size_t pick : draws) {
            p.ranking->tops.back() = searchLoopBlockingOrders(nld, ctx, cond.constraint, space.tvalsAt(eligible[pick]),
                                                              p.samplers[n].evaluations);
            if (!p.ranking->tops.back().empty())
                break;
        }
    }
    p.slices.clear();
}

std::vector<std::size_t> LayerSearch::keptPartitions(std::uint64_t call, std::size_t count) const
{
    if (!m_sampling) {
        std::vector<std::size_t> all(count);
        for (std::size_t i = 0; i < count; ++i)
            all[i] = i;
        return all;
    }
    return m_sampling->sample("partitions", call, count, m_sampling->probabilities().partitions);
}

// The partition's kept blockings on its own geometry (the sharing sweep), its NoC hops and the cost of
// each kept blocking (§4.1 steps 3a–3d).
void LayerSearch::completePartition(const NetworkLayer& nl, Work& wk, const LayerCondition& cond) const
{
    const Options& opt = m_project.options;
    const Resource& res = *cond.resource;
    if (!wk.perNode) {
        auto pn = std::make_shared<PerNode>();
        pn->ranking = wk.ranking;
        // Only the buffer-sharing sweep depends on the partition's geometry.
        std::optional<BufShrScheme> bufshr;
        if (opt.gbufSharing)
            bufshr.emplace(res.procRegion, *wk.part, wk.pl.layer.dataLoops());
        const LoopBlockingContext ctx{&res, bufshr ? &*bufshr : nullptr, &opt, m_arch.energy.access};
        for (std::size_t n = 0; n < wk.ranking->nlds.size(); ++n)
            for (LoopBlockingCandidate c : wk.ranking->tops[n]) {
                if (bufshr)
                    c.stats = evaluateLoopBlocking(wk.ranking->nlds[n], c.blocking, ctx).stats;
                pn->schemes.emplace_back(static_cast<int>(n), std::move(c));
            }
        wk.perNode = std::move(pn);
    }
    const PerNode& pn = *wk.perNode;
    if (pn.schemes.empty())
        return;
    const int batch = m_project.batch;
    const bool forwarding = opt.accessForwarding || opt.gbufSharing;
    wk.ofmapLayout = layoutOnRegion(fullFmapRange(batch, nl.layer), res.dstDataRegion, *wk.part);
    wk.unitNhops = unitNhopsToProcRegion(nl.layer, batch, res.procRegion, *wk.part, res.dramRegion, *cond.ifmapLayout,
                                         wk.ofmapLayout, forwarding);
    for (std::size_t s = 0; s < pn.schemes.size(); ++s) {
        const auto& [n, cand] = pn.schemes[s];
        const LayerEvaluation le = layerEvaluation(pn.ranking->nlds[static_cast<std::size_t>(n)], cand, wk.unitNhops,
                                                   *wk.part, cond, m_arch.energy);
        wk.ranked.push_back({le.cost, le.time, 0, s});
    }
}

std::shared_ptr<const LayerChoice> LayerSearch::materialise(const NetworkLayer& nl, LayerId id, const Work& wk,
                                                            std::size_t scheme, const LayerCondition& cond) const
{
    const auto& [n, cand] = wk.perNode->schemes[scheme];
    auto choice = std::make_shared<LayerChoice>();
    choice->layer = id;
    choice->blocking = cand.blocking;
    choice->eval = layerEvaluation(wk.perNode->ranking->nlds[static_cast<std::size_t>(n)], cand, wk.unitNhops, *wk.part,
                                   cond, m_arch.energy);
    choice->eval.name = nl.name;
    choice->ofmapLayout = wk.ofmapLayout;
    return choice;
}

// The kept schemes of the given partitions, ranked per partition (empty on a stop request).
std::vector<LayerSearch::Work> LayerSearch::searchPartitions(const NetworkLayer& nl,
                                                             const std::vector<PartitionScheme>& parts,
                                                             const std::vector<std::size_t>& which,
                                                             const LayerCondition& cond, const Tick& tick)
{
    std::vector<Work> work(which.size());
    for (std::size_t w = 0; w < which.size(); ++w) {
        work[w].part = &parts[which[w]];
        work[w].pl = parts[which[w]].partLayer(nl.layer, m_project.batch);
    }
    std::vector<Pending> pending = planRankings(work, cond);
    runRankings(pending, cond, tick);
    if (m_stop.stop_requested())
        return {};
    for (const Pending& p : pending)
        for (const std::size_t w : p.works)
            work[w].ranking = p.ranking;

    std::atomic<std::size_t> done{0};
    m_pool.run(work.size(), [&](std::size_t w) {
        if (m_stop.stop_requested())
            return;
        completePartition(nl, work[w], cond);
        if (tick)
            tick(0.8 + 0.2 * static_cast<double>(++done) / static_cast<double>(work.size()));
    });
    if (m_stop.stop_requested())
        return {};
    for (const Work& wk : work)
        m_perNode.insert(wk.key, wk.perNode);
    return work;
}

std::vector<std::shared_ptr<const LayerChoice>> LayerSearch::search(LayerId layer, const LayerCondition& cond,
                                                                    const Tick& tick)
{
    const NetworkLayer& nl = m_project.network.at(layer);
    const auto& parts = partitionsOf(nl.layer, cond.resource->procRegion.dim);
    const std::uint64_t call = m_searchCalls++;
    const std::vector<std::size_t> kept = keptPartitions(call, parts.size());
    std::vector<Work> work = searchPartitions(nl, parts, kept, cond, tick);
    const auto noneRanked = [&] {
        return std::all_of(work.begin(), work.end(), [](const Work& wk) { return wk.ranked.empty(); });
    };
    // A sample without a schedule draws further partitions one at a time (a few at most).
    if (m_sampling && noneRanked() && !m_stop.stop_requested())
        for (const std::size_t extra : m_sampling->redraws("partitions", call, parts.size(), kept)) {
            work = searchPartitions(nl, parts, {extra}, cond, tick);
            if (!noneRanked() || m_stop.stop_requested())
                break;
        }
    if (m_stop.stop_requested())
        return {};

    std::vector<Ranked> all;
    for (std::size_t w = 0; w < work.size(); ++w)
        for (Ranked r : work[w].ranked) {
            r.work = w;
            all.push_back(r);
        }
    const Goal goal = m_project.options.goal;
    std::stable_sort(all.begin(), all.end(), [goal](const Ranked& a, const Ranked& b) {
        return costTimeRanksBefore(a.cost, a.time, b.cost, b.time, goal);
    });
    all.resize(std::min(all.size(), static_cast<std::size_t>(std::max(m_project.options.ntops, 0))));
    std::vector<std::shared_ptr<const LayerChoice>> out;
    for (const Ranked& r : all)
        out.push_back(materialise(nl, layer, work[r.work], r.scheme, cond));
    return out;
}

std::string LayerSearch::explainNoSchedule(LayerId layer, const Resource& resource) const
{
    const NetworkLayer& nl = m_project.network.at(layer);
    const Options& opt = m_project.options;
    double minRegf = std::numeric_limits<double>::infinity();
    double minGbuf = std::numeric_limits<double>::infinity();
    for (const PartitionScheme& part : genPartitions(nl.layer, m_project.batch, resource.procRegion.dim, opt, true)) {
        const PartitionedLayer pl = part.partLayer(nl.layer, m_project.batch);
        for (const NestedLoopDesc& nld :
             mapLayer(pl.layer, pl.batch, pl.occupancy, m_arch.peArray, opt.mapping, pl.rwData)) {
            const PerCategory<int> groups = BufShrScheme::groupSizes(part, nld.dataLoops);
            double regf = 0, gbuf = 0;
            for (std::size_t d = 0; d < kNumDataCategories; ++d) {
                regf += nld.usizeRegf[d];
                // The smallest blocking keeps one unit per category, shared over its group if sharing is on.
                const int group = opt.gbufSharing ? groups[d] : 1;
                gbuf += opt.gbufBypass[d] ? 0 : std::ceil(nld.usizeGbuf[d] / group);
            }
            minRegf = std::min(minRegf, regf);
            minGbuf = std::min(minGbuf, gbuf);
        }
    }
    if (std::isinf(minRegf))
        return nl.name + ": the " + std::string(mappingKeyword(opt.mapping)) + " mapping cannot map this layer";
    if (minRegf > resource.sizeRegf)
        return nl.name + ": no loop blocking fits a " + wordsText(resource.sizeRegf) + "-word REGF (the smallest needs "
             + wordsText(minRegf) + " words per PE)";
    if (minGbuf > resource.sizeGbuf)
        return nl.name + ": no loop blocking fits a " + wordsText(resource.sizeGbuf) + "-word GBUF (the smallest needs "
             + wordsText(minGbuf) + " words per node)";
    if (opt.solveLoopblocking)
        return nl.name + ": the analytical loop-blocking solver finds no valid scheme for any partition";
    return nl.name + ": no loop blocking satisfies the fetch, forwarding and pipelining constraints";
}

} // namespace kapla
