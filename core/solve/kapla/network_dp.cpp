#include "solve/kapla/network_dp.h"

#include "cost/fmap_layouts.h"
#include "cost/sched_dag.h"
#include "solve/kapla/kapla_memo.h"
#include "solve/kapla/layer_solver.h"
#include "solve/kapla/segment_pruning.h"
#include "solve/layer_search.h"
#include "solve/schedule_chain.h"
#include "solve/wind_down.h"
#include "solve/worker_pool.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <limits>
#include <mutex>
#include <numeric>
#include <tuple>

namespace kapla::ksolve {

namespace {

// Share of the progress bar for the segment estimation (it takes about a fifth of a solve).
constexpr double kEstimateShare = 0.2;

bool hintsDominated(const std::vector<int>& hints, const std::vector<std::vector<int>>& frontier)
{
    for (const auto& f : frontier) {
        bool all = true;
        for (std::size_t i = 0; i < hints.size() && i < f.size() && all; ++i)
            all = hints[i] >= f[i];
        if (all)
            return true;
    }
    return false;
}

/// Progress at most every 50 ms (and always when forced); callable from any thread.
class Reporter
{
public:
    explicit Reporter(const ProgressCallback& cb)
        : m_cb(cb)
    {
    }
    void report(double fraction, double best, std::int64_t evaluations, std::string stage, bool force = false)
    {
        if (!m_cb)
            return;
        std::lock_guard lock(m_mutex);
        const auto now = std::chrono::steady_clock::now();
        if (!force && now - m_last < std::chrono::milliseconds(50))
            return;
        m_last = now;
        m_cb({fraction, best, evaluations, std::move(stage)});
    }

private:
    const ProgressCallback& m_cb;
    std::mutex m_mutex;
    std::chrono::steady_clock::time_point m_last{};
};

class KaplaDp
{
public:
    KaplaDp(const Project& project, const Architecture& arch, const KaplaParams& params, int threads,
            std::uint64_t seed, std::stop_token stop, const ProgressCallback& progress, KaplaMemo* memo)
        : m_project(project)
        , m_net(project.network)
        , m_arch(arch)
        , m_params(params)
        , m_seed(seed)
        , m_stop(stop)
        , m_pool(std::max(1, threads))
        , m_top(topLevelResource(arch))
        , m_reporter(progress)
        , m_memo(memo)
    {
    }

    KaplaOutcome run();

private:
    std::vector<bool> pruneSegments();
    std::optional<ScheduleChain> solveSegment(const SegmentPlan& plan, const SegmentConstraintCombo& combo,
                                              const ScheduleChain& prev);
    std::optional<ScheduleChain> bestOfSegment(std::size_t index, const ScheduleChain& prev);
    std::shared_ptr<const LayerChoice> solveLayerChoice(LayerId id, const LayerCondition& cond);
    LayerSearch& fallbackSearch();
    void explainFailure(KaplaOutcome& out, std::size_t position);
    double chainKey(const ScheduleChain& c) const;
    std::vector<std::size_t> lastUseOfBest(const std::vector<bool>& keep) const;
    std::shared_ptr<const InputLayouts> chooseInputLayout();
    void completeAfterStop(KaplaOutcome& out, const std::vector<std::optional<ScheduleChain>>& best,
                           std::size_t position, const ScheduleChain& initial);

    const Project& m_project;
    const Network& m_net;
    const Architecture& m_arch;
    const KaplaParams& m_params;
    std::uint64_t m_seed;
    std::stop_token m_stop;
    WorkerPool m_pool;
    Resource m_top;
    Reporter m_reporter;
    KaplaMemo* m_memo; ///< work kept across solves (may be null)
    /// The layer solutions of this search when no memo is given: repeated blocks (ResNet's) meet
    /// the same layer problem in many segments (974 distinct of 1,682 on ResNet-50 16x16).
    KaplaMemo m_searchMemo;
    SolveCounters m_counters;
    BlockingCache m_cache;
    std::int64_t m_fallbacks = 0;
    std::vector<LayerId> m_order;
    std::vector<SegmentPlan> m_plans;
    std::vector<std::vector<std::size_t>> m_comboOrder; ///< per plan: its finite combinations, best estimate first
    std::vector<double> m_costs;                        ///< per plan: its estimated cost (the goal's key)
    std::unique_ptr<LayerSearch> m_fallback;
    double m_best = -1;
};

std::vector<bool> KaplaDp::pruneSegments()
{
    std::vector<SegmentEstimate> estimates(m_plans.size());
    SegmentEstimateContext ctx{&m_project, &m_arch.energy, &m_params, &m_top, m_seed, m_stop, &m_cache};
    std::atomic<std::size_t> done{0};
    // The longest segments first, so that the phase does not end on one long estimate running alone
    // while the other threads idle.
    std::vector<std::size_t> longestFirst(m_plans.size());
    std::iota(longestFirst.begin(), longestFirst.end(), std::size_t{0});
    std::stable_sort(longestFirst.begin(), longestFirst.end(), [this](std::size_t a, std::size_t b) {
        return m_plans[a].lastPosition - m_plans[a].firstPosition > m_plans[b].lastPosition - m_plans[b].firstPosition;
    });
    m_pool.run(m_plans.size(), [&](std::size_t i) {
        const std::size_t s = longestFirst[i];
        if (m_stop.stop_requested())
            return;
        estimates[s] = m_memo ? m_memo->estimateSegment(m_plans[s], s, ctx) : estimateSegmentCost(m_plans[s], s, ctx);
        const double fraction = static_cast<double>(++done) / static_cast<double>(m_plans.size());
        m_reporter.report(kEstimateShare * fraction, -1, m_counters.evaluations.load(),
                          "estimating segment " + std::to_string(done.load()) + "/" + std::to_string(m_plans.size()));
    });
    m_costs.assign(m_plans.size(), 0.0);
    m_comboOrder.assign(m_plans.size(), {});
    for (std::size_t s = 0; s < m_plans.size(); ++s) {
        m_costs[s] = estimates[s].best;
        m_comboOrder[s] = estimates[s].bestCombos(static_cast<int>(estimates[s].combos.size()));
    }
    return selectSegments(m_plans, m_costs, m_order.size(), m_params.exploreSegmentSets);
}

LayerSearch& KaplaDp::fallbackSearch()
{
    if (!m_fallback)
        m_fallback = std::make_unique<LayerSearch>(m_project, m_arch, m_pool, m_stop);
    return *m_fallback;
}

std::shared_ptr<const LayerChoice> KaplaDp::solveLayerChoice(LayerId id, const LayerCondition& cond)
{
    const NetworkLayer& nl = m_net.at(id);
    LayerProblem lp;
    lp.layer = &nl.layer;
    lp.batch = m_project.batch;
    lp.resource = cond.resource;
    lp.constraint = cond.constraint;
    lp.ifmapLayout = cond.ifmapLayout;
    lp.options = &m_project.options;
    lp.energy = &m_arch.energy;
    lp.params = &m_params;
    lp.pool = &m_pool;
    lp.cache = &m_cache;
    KaplaMemo& memo = m_memo ? *m_memo : m_searchMemo;
    if (auto sol = memo.solveLayer(lp, m_counters, m_stop)) {
        auto choice = std::make_shared<LayerChoice>();
        choice->layer = id;
        choice->blocking = sol->blocking;
        choice->eval = std::move(sol->eval);
        choice->eval.name = nl.name;
        choice->eval.segment = cond.seq.segment;
        choice->eval.spatial = cond.seq.spatial;
        choice->eval.temporal = cond.seq.temporal;
        choice->ofmapLayout = layoutOnRegion(fullFmapRange(m_project.batch, nl.layer), cond.resource->dstDataRegion,
                                             sol->partition);
        return choice;
    }
    if (m_stop.stop_requested())
        return nullptr;
    // The greedy pass found nothing (e.g. a constrained loop that its blocks cannot absorb).
    auto found = fallbackSearch().search(id, cond);
    if (found.empty())
        return nullptr;
    ++m_fallbacks;
    return found.front();
}

std::optional<ScheduleChain> KaplaDp::solveSegment(const SegmentPlan& plan, const SegmentConstraintCombo& combo,
                                                   const ScheduleChain& prev)
{
    const PipelineSegment& ps = plan.segment;
    ScheduleChain cur = prev;
    for (std::size_t sp = 0; sp < ps.seg.size(); ++sp)
        for (std::size_t tm = 0; tm < ps.seg[sp].size(); ++tm) {
            const SchedIndex at{static_cast<int>(sp), static_cast<int>(tm)};
            const LayerId id = ps.seg[sp][tm];
            const LayerConstraint& lc = combo.layers[sp][tm];
            const auto fwd = plan.forwarding.find(at);
            const DataLayout ifmap = cur.ifmapLayoutOf(m_net, id,
                                                       fwd == plan.forwarding.end() ? nullptr : &fwd->second);
            LayerCondition cond;
            cond.resource = &ps.alloc[sp][tm];
            cond.constraint = lc.top;
            if (lc.topofmFromLayer) // the lazy rule: the solved conv's top OFM factor
                cond.constraint.topofm =
                    cur.choiceOf(*lc.topofmFromLayer).blocking.tvals[0][static_cast<std::size_t>(LoopDim::Ofm)];
            cond.ifmapLayout = &ifmap;
            cond.seq = {cur.lastSegment() + (sp == 0 && tm == 0 ? 1 : 0), at.sp, at.tm};
            auto choice = solveLayerChoice(id, cond);
            if (!choice)
                return std::nullopt;
            cur = cur.extended(m_net, std::move(choice), ps);
        }
    if (!(cur.current->timeOverhead() <= m_project.options.layerPipelineTimeOverhead))
        return std::nullopt;
    return cur;
}

std::optional<ScheduleChain> KaplaDp::bestOfSegment(std::size_t index, const ScheduleChain& prev)
{
    const SegmentPlan& plan = m_plans[index];
    std::optional<ScheduleChain> best;
    std::vector<bool> tried(plan.constraints.combos.size(), false);
    const auto attempt = [&](std::size_t c) {
        tried[c] = true;
        auto r = solveSegment(plan, plan.constraints.combos[c], prev);
        const bool ok = r.has_value();
        if (r && (!best || chainRanksBefore(*r, *best, m_project.options.goal)))
            best = std::move(r);
        return ok;
    };
    // The combinations the estimates rank best first, until enough of them give a schedule: the
    // estimate cannot tell whether the greedy blockings can meet a combination's top factors, and the
    // best-estimated ones of a fused segment are often those they cannot meet.
    int solved = 0;
    for (const std::size_t c : m_comboOrder[index]) {
        if (m_stop.stop_requested())
            return std::nullopt;
        if (solved >= m_params.solvedCombinations)
            break;
        solved += attempt(c) ? 1 : 0;
    }
    if (!m_params.dominancePruning)
        return best;
    // Then KAPLA's own rule: generation order (smaller top factors first), skipping combinations that
    // overflow the GBUFs or dominate one that already gave a schedule.
    std::vector<std::vector<int>> frontier;
    int attempts = 0;
    for (std::size_t c = 0; c < plan.constraints.combos.size() && attempts < m_params.dominanceAttempts; ++c) {
        const SegmentConstraintCombo& combo = plan.constraints.combos[c];
        if (m_stop.stop_requested())
            return std::nullopt;
        if (combinationOverflows(plan, combo, m_net, m_project.batch, m_top) || hintsDominated(combo.hints, frontier))
            continue;
        if (!tried[c])
            ++attempts;
        if (tried[c] || attempt(c))
            frontier.push_back(combo.hints);
    }
    return best;
}

std::shared_ptr<const InputLayouts> KaplaDp::chooseInputLayout()
{
    const NodeRegion& src = m_top.srcDataRegion;
    const auto parts = genPartitions(m_net.input(), m_project.batch, src.dim, m_project.options, true);
    std::shared_ptr<const InputLayouts> best = makeInputLayouts(m_net, m_project.batch, src,
                                                                parts.empty() ? PartitionScheme{} : parts.front());
    if (m_params.inputLayouts == 1 || parts.size() <= 1 || m_order.empty())
        return best;
    // The layout under which the first layer, alone on the whole chip, costs least.
    const auto singleton = std::find_if(m_plans.begin(), m_plans.end(),
                                        [](const SegmentPlan& p) { return p.singleLayer && p.firstPosition == 0; });
    if (singleton == m_plans.end())
        return best;
    double bestCost = std::numeric_limits<double>::infinity();
    const std::size_t count = m_params.inputLayouts <= 0 ? parts.size()
                                                         : std::min<std::size_t>(parts.size(), m_params.inputLayouts);
    for (std::size_t i = 0; i < count && !m_stop.stop_requested(); ++i) {
        auto inputs = makeInputLayouts(m_net, m_project.batch, src, parts[i]);
        const auto r = solveSegment(*singleton, singleton->constraints.combos.front(),
                                    ScheduleChain::start(inputs, m_net));
        if (r && r->totalCost < bestCost) {
            bestCost = r->totalCost;
            best = std::move(inputs);
        }
    }
    return best;
}

// Per position q, the last position of a kept segment starting at q + 1 (which extends best[q]).
std::vector<std::size_t> KaplaDp::lastUseOfBest(const std::vector<bool>& keep) const
{
    std::vector<std::size_t> out(m_order.size(), 0);
    for (std::size_t s = 0; s < m_plans.size(); ++s) {
        const SegmentPlan& plan = m_plans[s];
        if (keep[s] && plan.firstPosition > 0)
            out[plan.firstPosition - 1] = std::max(out[plan.firstPosition - 1], plan.lastPosition);
    }
    return out;
}

double KaplaDp::chainKey(const ScheduleChain& c) const
{
    return m_project.options.goal == Goal::Delay ? static_cast<double>(c.totalTime) : c.totalCost;
}

void KaplaDp::explainFailure(KaplaOutcome& out, std::size_t position)
{
    const LayerId id = m_order[position];
    out.diagnostics.push_back(makeError(m_net.at(id).name, fallbackSearch().explainNoSchedule(id, m_top)));
}

// After a stop at `position`: the deepest schedule of `best` up to it (or `initial`), completed within
// the wind-down with each remaining layer as its own segment solved by the intra-layer pass.
void KaplaDp::completeAfterStop(KaplaOutcome& out, const std::vector<std::optional<ScheduleChain>>& best,
                                std::size_t position, const ScheduleChain& initial)
{
    out.cancelled = true;
    const WindDown windDown(m_params.windDown);
    m_stop = windDown.token();
    m_fallback.reset(); // it obeys the token it was made with
    const double reached = m_order.empty() ? 1.0 : static_cast<double>(position) / static_cast<double>(m_order.size());
    m_reporter.report(kEstimateShare + (1 - kEstimateShare) * reached, m_best, m_counters.evaluations.load(),
                      "completing the schedule after the stop", true);
    if (m_plans.empty()) // stopped while planning: the layers alone are enough to complete a schedule
        m_plans = singleLayerPlans(m_project, m_top, m_order, m_stop);
    std::size_t from = std::min(position + 1, best.size());
    while (from > 0 && !best[from - 1])
        --from;
    ScheduleChain chain = from > 0 ? *best[from - 1] : initial;
    std::size_t p = from;
    for (; p < m_order.size(); ++p) {
        auto plan = std::partition_point(m_plans.begin(), m_plans.end(),
                                         [p](const SegmentPlan& s) { return s.lastPosition < p; });
        while (plan != m_plans.end() && plan->lastPosition == p && !plan->singleLayer)
            ++plan;
        if (plan == m_plans.end() || plan->lastPosition != p)
            break;
        std::optional<ScheduleChain> next;
        for (std::size_t c = 0; c < plan->constraints.combos.size() && !next && !windDown.expired(); ++c)
            next = solveSegment(*plan, plan->constraints.combos[c], chain);
        if (!next || windDown.expired())
            break;
        chain = std::move(*next);
    }
    if (p == m_order.size() && !m_order.empty()) {
        out.completedLayers = m_order.size() - from;
        out.schedule = chain.toSchedule(m_net, m_project.batch);
        out.cost = chain.totalCost;
        out.time = chain.totalTime;
    }
    out.evaluations = m_counters.evaluations.load();
    out.layerSolves = m_counters.layerSolves.load();
    out.fallbacks = m_fallbacks;
}

KaplaOutcome KaplaDp::run()
{
    KaplaOutcome out;
    const auto start = std::chrono::steady_clock::now();
    const auto since = [](std::chrono::steady_clock::time_point t) {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
    };
    m_order = buildSchedDag(m_net).orderedLayers();
    m_plans = planSegments(m_project, m_top, m_order, m_stop);
    if (m_stop.stop_requested()) {
        completeAfterStop(out, {}, 0, ScheduleChain::start(chooseInputLayout(), m_net));
        return out;
    }
    out.segments = static_cast<int>(m_plans.size());
    m_reporter.report(0, -1, 0, "estimating " + std::to_string(m_plans.size()) + " segments", true);
    const std::vector<bool> keep = pruneSegments();
    if (m_stop.stop_requested()) {
        completeAfterStop(out, {}, 0, ScheduleChain::start(chooseInputLayout(), m_net));
        return out;
    }
    out.keptSegments = static_cast<int>(std::count(keep.begin(), keep.end(), true));
    out.estimateSeconds = since(start);
    const auto dpStart = std::chrono::steady_clock::now();

    const ScheduleChain initial = ScheduleChain::start(chooseInputLayout(), m_net);
    std::vector<std::optional<ScheduleChain>> best(m_order.size());
    const std::vector<std::size_t> lastUse = lastUseOfBest(keep);
    std::size_t firstEndingHere = 0; // m_plans is ordered by last position
    for (std::size_t p = 0; p < m_order.size(); ++p) {
        m_reporter.report(kEstimateShare
                              + (1 - kEstimateShare) * static_cast<double>(p) / static_cast<double>(m_order.size()),
                          m_best, m_counters.evaluations.load(), "layer " + m_net.at(m_order[p]).name);
        // Segments ending here, by estimated total: the real cost so far plus the segment's estimate.
        std::vector<std::tuple<double, std::size_t, const ScheduleChain*>> cands;
        std::size_t endingHere = firstEndingHere;
        for (; endingHere < m_plans.size() && m_plans[endingHere].lastPosition == p; ++endingHere) {
            const std::size_t s = endingHere;
            const SegmentPlan& plan = m_plans[s];
            if (!keep[s])
                continue;
            const auto& before = plan.firstPosition == 0 ? best.front() : best[plan.firstPosition - 1];
            const ScheduleChain* prev = plan.firstPosition == 0 ? &initial : (before ? &*before : nullptr);
            if (prev)
                cands.emplace_back(chainKey(*prev) + m_costs[s], s, prev);
        }
        std::stable_sort(cands.begin(), cands.end(),
                         [](const auto& a, const auto& b) { return std::get<0>(a) < std::get<0>(b); });
        const double bound = cands.empty() ? 0.0 : std::get<0>(cands.front()) * (1 + m_params.segmentMargin);
        for (const auto& [estimate, s, prev] : cands) {
            if (best[p] && estimate > bound)
                break;
            auto r = bestOfSegment(s, *prev);
            if (m_stop.stop_requested()) {
                completeAfterStop(out, best, p, initial);
                return out;
            }
            if (r && (!best[p] || chainRanksBefore(*r, *best[p], m_project.options.goal)))
                best[p] = std::move(r);
        }
        if (!best[p]) {
            explainFailure(out, p);
            break;
        }
        m_best = best[p]->totalCost;
        // A deep network keeps only the window of schedules later segments still start from.
        for (std::size_t s = firstEndingHere; s < endingHere; ++s) {
            const std::size_t first = m_plans[s].firstPosition;
            if (keep[s] && first > 0 && lastUse[first - 1] == p && first < m_order.size())
                best[first - 1].reset();
        }
        firstEndingHere = endingHere;
    }
    out.evaluations = m_counters.evaluations.load();
    out.layerSolves = m_counters.layerSolves.load();
    out.fallbacks = m_fallbacks;
    out.dpSeconds = since(dpStart);
    if (m_order.empty() || !best.back())
        return out;
    out.schedule = best.back()->toSchedule(m_net, m_project.batch);
    out.cost = best.back()->totalCost;
    out.time = best.back()->totalTime;
    m_reporter.report(1, out.cost, out.evaluations, "done", true);
    return out;
}

} // namespace

KaplaOutcome runKaplaSearch(const Project& project, const Architecture& arch, const KaplaParams& params, int threads,
                            std::uint64_t seed, std::stop_token stop, const ProgressCallback& progress, KaplaMemo* memo)
{
    return KaplaDp(project, arch, params, threads, seed, std::move(stop), progress, memo).run();
}

} // namespace kapla::ksolve
