#include "solve/network_search.h"

#include "cost/fmap_layouts.h"
#include "cost/pipeline_segment.h"
#include "cost/sched_dag.h"
#include "cost/segment_constraint.h"
#include "solve/layer_search.h"
#include "solve/layer_search_strategy.h"
#include "solve/progress_reporter.h"
#include "solve/sampling_policy.h"
#include "solve/schedule_chain.h"
#include "solve/search_budget.h"
#include "solve/segment_plan.h"
#include "solve/wind_down.h"
#include "solve/worker_pool.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

namespace kapla {

namespace {

/// A segment with what its search needs besides the layers.

bool hintsDominate(const std::vector<int>& hints, const std::vector<std::vector<int>>& frontier)
{
    return std::any_of(frontier.begin(), frontier.end(), [&](const std::vector<int>& f) {
        for (std::size_t i = 0; i < hints.size() && i < f.size(); ++i)
            if (hints[i] < f[i])
                return false;
        return true;
    });
}

class BeamSearch;

/// Turns the caller's stop request into the search's own (a stop_callback).
struct ForwardStop {
    BeamSearch* search;
    void operator()() const;
};

class BeamSearch
{
public:
    BeamSearch(const Project& project, const Architecture& arch, const NetworkSearchSettings& settings,
               std::stop_token stop, const ProgressCallback& progress)
        : m_project(project)
        , m_net(project.network)
        , m_arch(arch)
        , m_settings(settings)
        , m_forward(std::move(stop), ForwardStop{this})
        , m_stop(m_halt.get_token())
        , m_pool(std::max(1, settings.threads))
        , m_layers(project, arch, m_pool, m_stop, settings.sampling)
        , m_top(topLevelResource(arch))
        , m_progress(progress)
    {
    }

    NetworkSearchOutcome run();
    /// Stops the search; the first reason given is the one reported.
    void halt(SearchStop reason);

private:
    std::jthread startTimer();
    NetworkSearchOutcome stopped(std::size_t position, std::vector<ScheduleChain> complete);
    std::optional<ScheduleChain> deepestPartial(std::size_t position, std::vector<ScheduleChain> complete,
                                                std::size_t& next) const;
    std::optional<ScheduleChain> completeCheaply(ScheduleChain chain, std::size_t from);
    const SegmentPlan* singleLayerPlan(std::size_t position) const;
    const SegmentPlan* addPlan(PipelineSegment ps);
    LayerCondition layerCondition(const SegmentPlan& plan, const SegmentConstraintCombo& combo, SchedIndex at,
                                  const ScheduleChain& s, DataLayout& ifmap) const;
    void takeBest(NetworkSearchOutcome& out, const ScheduleChain& best) const;
    void planSegments();
    std::vector<ScheduleChain> initialSchedules() const;
    std::vector<ScheduleChain> searchSegment(const SegmentPlan& plan, const std::vector<ScheduleChain>& prev);
    std::vector<ScheduleChain> searchCombo(const SegmentPlan& plan, std::size_t c,
                                           const std::vector<ScheduleChain>& prev);
    std::vector<ScheduleChain> searchLayerStep(const SegmentPlan& plan, const SegmentConstraintCombo& combo,
                                               SchedIndex at, const std::vector<ScheduleChain>& prev);
    void keepTops(std::vector<ScheduleChain>& list) const;
    std::vector<std::size_t> keptCombos(std::uint64_t call, std::size_t count) const;
    void explainFailure(NetworkSearchOutcome& out) const;
    std::vector<std::size_t> lastUseOfTops() const;
    void releaseTopsUsedLastAt(std::size_t p, const std::vector<std::size_t>& lastUse);

    const Project& m_project;
    const Network& m_net;
    const Architecture& m_arch;
    NetworkSearchSettings m_settings;
    // The search obeys m_halt: the caller's stop request (forwarded) or a hard limit.
    std::stop_source m_halt;
    std::atomic<SearchStop> m_haltReason{SearchStop::None};
    std::stop_callback<ForwardStop> m_forward;
    std::stop_token m_stop;
    WorkerPool m_pool;
    LayerSearch m_layers;
    Resource m_top;
    ProgressReporter m_progress;
    std::vector<LayerId> m_order;
    std::vector<std::size_t> m_position;            ///< per layer id: its position in m_order
    std::vector<std::vector<SegmentPlan>> m_plans;  ///< per position of the last layer
    std::vector<std::vector<ScheduleChain>> m_tops; ///< per position; released once no segment starts after it
    std::vector<bool> m_reached;                    ///< per position: some schedule ended there
    std::uint64_t m_segmentSearches = 0;            ///< the sampling's stable key of a searchSegment() call
};

void BeamSearch::planSegments()
{
    const SchedDag dag = buildSchedDag(m_net);
    m_order = dag.orderedLayers();
    m_position = positionsInOrder(m_net.size(), m_order);
    m_plans.assign(m_order.size(), {});
    for (PipelineSegment& ps : generateSegments(m_net, dag, m_top, m_project.options, m_project.batch, m_stop)) {
        if (m_stop.stop_requested())
            return;
        const auto& plans = m_plans[m_position[static_cast<std::size_t>(ps.lastLayer().value)]];
        if (std::any_of(plans.begin(), plans.end(), [&](const SegmentPlan& p) { return p.segment.seg == ps.seg; }))
            continue;
        addPlan(std::move(ps));
    }
}

// Adds the plan of `ps` to the plans ending at its last layer; null if no constraint of it is valid.
const SegmentPlan* BeamSearch::addPlan(PipelineSegment ps)
{
    auto plan = planSegment(std::move(ps), m_net, m_project.options, m_top.sizeGbuf, m_position,
                            SingleLayerRule::Generated);
    if (!plan)
        return nullptr;
    auto& plans = m_plans[plan->lastPosition];
    plans.push_back(std::move(*plan));
    return &plans.back();
}

std::vector<ScheduleChain> BeamSearch::initialSchedules() const
{
    std::vector<ScheduleChain> out;
    const NodeRegion& src = m_top.srcDataRegion;
    for (const PartitionScheme& part : genPartitions(m_net.input(), m_project.batch, src.dim, m_project.options, true))
        out.push_back(ScheduleChain::start(makeInputLayouts(m_net, m_project.batch, src, part), m_net));
    return out;
}

void BeamSearch::keepTops(std::vector<ScheduleChain>& list) const
{
    const Goal goal = m_project.options.goal;
    std::stable_sort(list.begin(), list.end(),
                     [goal](const ScheduleChain& a, const ScheduleChain& b) { return chainRanksBefore(a, b, goal); });
    list.resize(std::min(list.size(), static_cast<std::size_t>(std::max(m_project.options.ntops, 0))));
}

std::vector<std::size_t> BeamSearch::keptCombos(std::uint64_t call, std::size_t count) const
{
    if (m_settings.sampling)
        return m_settings.sampling->sample("constraints", call, count,
                                           m_settings.sampling->probabilities().constraints);
    std::vector<std::size_t> all(count);
    for (std::size_t i = 0; i < count; ++i)
        all[i] = i;
    return all;
}

// The condition of layer `at` of a segment after schedule `s`; `ifmap` receives its ifmap layout.
LayerCondition BeamSearch::layerCondition(const SegmentPlan& plan, const SegmentConstraintCombo& combo, SchedIndex at,
                                          const ScheduleChain& s, DataLayout& ifmap) const
{
    const PipelineSegment& ps = plan.segment;
    const auto sp = static_cast<std::size_t>(at.sp), tm = static_cast<std::size_t>(at.tm);
    const LayerConstraint& lc = combo.layers[sp][tm];
    const auto fwd = plan.forwarding.find(at);
    ifmap = s.ifmapLayoutOf(m_net, ps.seg[sp][tm], fwd == plan.forwarding.end() ? nullptr : &fwd->second);
    LayerCondition cond;
    cond.resource = &ps.alloc[sp][tm];
    cond.constraint = lc.top;
    // The lazy rule applies to each previous schedule (the reference's shared object applies the
    // first one's only, which differs only when ntops > 1).
    if (lc.topofmFromLayer)
        cond.constraint.topofm =
            s.choiceOf(*lc.topofmFromLayer).blocking.tvals[0][static_cast<std::size_t>(LoopDim::Ofm)];
    cond.ifmapLayout = &ifmap;
    cond.seq = {s.lastSegment() + (at.sp == 0 && at.tm == 0 ? 1 : 0), at.sp, at.tm};
    return cond;
}

// The reference's layer_search: one layer of a segment after each schedule of the beam.
std::vector<ScheduleChain> BeamSearch::searchLayerStep(const SegmentPlan& plan, const SegmentConstraintCombo& combo,
                                                       SchedIndex at, const std::vector<ScheduleChain>& prev)
{
    const PipelineSegment& ps = plan.segment;
    const LayerId layer = ps.seg[static_cast<std::size_t>(at.sp)][static_cast<std::size_t>(at.tm)];
    std::vector<ScheduleChain> out;
    for (const ScheduleChain& s : prev) {
        DataLayout ifmap;
        const LayerCondition cond = layerCondition(plan, combo, at, s, ifmap);
        const auto tick = [this](double f) { m_progress.tick(f); };
        if (m_settings.budget)
            m_settings.budget->checkEvaluations();
        if (m_settings.stopAfterBlockings > 0 && m_layers.blockingsEnumerated() >= m_settings.stopAfterBlockings) {
            halt(SearchStop::EvaluationLimit);
            return {};
        }
        // A plugged-in tuner (ML) runs while its budget lasts; the (sampled) layer search completes what
        // it cannot: the layers left once the budget ended, and layers where no tuned point was valid.
        const bool tune = m_settings.layerStrategy && !(m_settings.budget && m_settings.budget->exhausted());
        std::vector<std::shared_ptr<const LayerChoice>> choices;
        if (tune)
            choices = m_settings.layerStrategy->search(layer, cond, m_pool);
        if (choices.empty())
            choices = m_layers.search(layer, cond, tick);
        for (auto& choice : choices)
            out.push_back(s.extended(m_net, std::move(choice), ps));
        if (m_stop.stop_requested())
            return {};
    }
    keepTops(out);
    return out;
}

// One constraint combination of a segment: its layers in (sp, tm) order after each schedule of the beam.
std::vector<ScheduleChain> BeamSearch::searchCombo(const SegmentPlan& plan, std::size_t c,
                                                   const std::vector<ScheduleChain>& prev)
{
    const auto& combos = plan.constraints.combos;
    std::vector<ScheduleChain> cur = prev;
    const double comboSpan = 1.0 / static_cast<double>(combos.size());
    const double comboBegin = static_cast<double>(c) * comboSpan;
    std::size_t step = 0;
    for (std::size_t sp = 0; sp < plan.segment.seg.size() && !cur.empty(); ++sp)
        for (std::size_t tm = 0; tm < plan.segment.seg[sp].size() && !cur.empty(); ++tm, ++step) {
            const double stepSpan = comboSpan / static_cast<double>(plan.layers());
            m_progress.setWindow(comboBegin + static_cast<double>(step) * stepSpan,
                                 comboBegin + static_cast<double>(step + 1) * stepSpan);
            cur = searchLayerStep(plan, combos[c], {static_cast<int>(sp), static_cast<int>(tm)}, cur);
        }
    if (m_stop.stop_requested())
        return {};
    const double maxOverhead = m_project.options.layerPipelineTimeOverhead;
    std::erase_if(cur, [&](const ScheduleChain& s) { return !(s.current->timeOverhead() <= maxOverhead); });
    return cur;
}

// The reference's segment_search: every constraint combination (or a sample of them). A sample that
// gives no schedule draws further combinations one at a time, a few at most, so that a sampled search
// rarely loses a layer for the lack of one valid combination.
std::vector<ScheduleChain> BeamSearch::searchSegment(const SegmentPlan& plan, const std::vector<ScheduleChain>& prev)
{
    std::vector<std::vector<int>> frontier;
    std::vector<ScheduleChain> out;
    const auto& combos = plan.constraints.combos;
    const std::uint64_t call = m_segmentSearches++;
    const std::vector<std::size_t> kept = keptCombos(call, combos.size());
    for (const std::size_t c : kept) {
        if (m_settings.frontierPruning && hintsDominate(combos[c].hints, frontier))
            continue;
        std::vector<ScheduleChain> cur = searchCombo(plan, c, prev);
        if (m_stop.stop_requested())
            return {};
        if (!cur.empty())
            frontier.push_back(combos[c].hints);
        std::move(cur.begin(), cur.end(), std::back_inserter(out));
    }
    if (m_settings.sampling && out.empty())
        for (const std::size_t c : m_settings.sampling->redraws("constraints", call, combos.size(), kept)) {
            out = searchCombo(plan, c, prev);
            if (m_stop.stop_requested())
                return {};
            if (!out.empty())
                break;
        }
    keepTops(out);
    return out;
}

void BeamSearch::explainFailure(NetworkSearchOutcome& out) const
{
    for (std::size_t p = 0; p < m_order.size(); ++p) {
        if (m_reached[p])
            continue;
        out.diagnostics.push_back(makeError(m_net.at(m_order[p]).name, m_layers.explainNoSchedule(m_order[p], m_top)));
        return;
    }
}

// Per position q, the last position whose segments start at q + 1 (the tops of q are their beam).
std::vector<std::size_t> BeamSearch::lastUseOfTops() const
{
    std::vector<std::size_t> out(m_order.size(), 0);
    for (std::size_t p = 0; p < m_plans.size(); ++p)
        for (const SegmentPlan& plan : m_plans[p])
            if (plan.firstPosition > 0)
                out[plan.firstPosition - 1] = std::max(out[plan.firstPosition - 1], p);
    return out;
}

// Drops the beams no later segment starts from, so that a deep network keeps only a window of them
// (each holds a schedule of every layer before it). The last position's beam is the result.
void BeamSearch::releaseTopsUsedLastAt(std::size_t p, const std::vector<std::size_t>& lastUse)
{
    for (const SegmentPlan& plan : m_plans[p]) {
        if (plan.firstPosition == 0)
            continue;
        const std::size_t q = plan.firstPosition - 1;
        if (lastUse[q] == p && q + 1 < m_tops.size())
            std::vector<ScheduleChain>().swap(m_tops[q]);
    }
}

void ForwardStop::operator()() const { search->halt(SearchStop::Cancelled); }

void BeamSearch::halt(SearchStop reason)
{
    SearchStop none = SearchStop::None;
    m_haltReason.compare_exchange_strong(none, reason);
    m_halt.request_stop();
}

// A thread that halts the search when its time limit has passed; none without a limit.
std::jthread BeamSearch::startTimer()
{
    if (m_settings.stopAfterSeconds <= 0)
        return {};
    const auto seconds = std::chrono::duration<double>(m_settings.stopAfterSeconds);
    const auto limit = std::chrono::ceil<std::chrono::microseconds>(seconds);
    // Sleeps until the limit, or until the search ends first (the jthread's stop request wakes it).
    return std::jthread([this, limit](const std::stop_token& done) {
        std::mutex mutex;
        std::condition_variable_any wake;
        std::unique_lock lock(mutex);
        wake.wait_for(lock, done, limit, [] { return false; });
        if (!done.stop_requested())
            halt(SearchStop::TimeLimit);
    });
}

void BeamSearch::takeBest(NetworkSearchOutcome& out, const ScheduleChain& best) const
{
    out.schedule = best.toSchedule(m_net, m_project.batch);
    out.cost = best.totalCost;
    out.time = best.totalTime;
}

// The outcome of a search stopped at `position`: in the last layer, the best of the complete schedules
// of the segments searched before the stop.
NetworkSearchOutcome BeamSearch::stopped(std::size_t position, std::vector<ScheduleChain> complete)
{
    NetworkSearchOutcome out;
    out.cancelled = true;
    out.stop = m_haltReason.load();
    out.stoppedAt = m_net.at(m_order[position]).name + " (layer " + std::to_string(position + 1) + " of "
                  + std::to_string(m_order.size()) + ")";
    out.blockings = m_layers.blockingsEnumerated();
    if (position + 1 == m_order.size() && !complete.empty()) {
        keepTops(complete);
        takeBest(out, complete.front());
        return out;
    }
    if (m_settings.windDown.count() <= 0 || m_settings.budget)
        return out;
    std::size_t next = 0;
    if (auto partial = deepestPartial(position, std::move(complete), next))
        if (auto done = completeCheaply(std::move(*partial), next)) {
            takeBest(out, *done);
            out.completedLayers = m_order.size() - next;
        }
    return out;
}

// The best schedule through the deepest position the search completed before stopping at `position`
// (the segments it finished there, else the last beam kept, else the empty start); `next` receives
// the position after it. None if planning did not get as far as the start.
std::optional<ScheduleChain> BeamSearch::deepestPartial(std::size_t position, std::vector<ScheduleChain> complete,
                                                        std::size_t& next) const
{
    if (!complete.empty()) {
        keepTops(complete);
        next = position + 1;
        return std::move(complete.front());
    }
    for (std::size_t q = std::min(position, m_tops.size()); q > 0; --q)
        if (!m_tops[q - 1].empty()) {
            next = q;
            return m_tops[q - 1].front();
        }
    next = 0;
    const std::vector<ScheduleChain> initial = initialSchedules();
    if (initial.empty())
        return std::nullopt;
    return initial.front();
}

const SegmentPlan* BeamSearch::singleLayerPlan(std::size_t position) const
{
    if (position >= m_plans.size())
        return nullptr;
    const auto& plans = m_plans[position];
    const auto it = std::find_if(plans.begin(), plans.end(), [position](const SegmentPlan& p) {
        return p.singleLayer && p.firstPosition == position;
    });
    return it == plans.end() ? nullptr : &*it;
}

// Completes `chain` from position `from` within the wind-down: each remaining layer as its own segment,
// searched at minimum sampling (one element per stage, a few redraws where that gives nothing). None if
// some layer has no schedule that way, or the wind-down is over first.
std::optional<ScheduleChain> BeamSearch::completeCheaply(ScheduleChain chain, std::size_t from)
{
    const WindDown windDown(m_settings.windDown);
    // A budget already stopped samples the minimum; it never ends the search (the wind-down token does).
    SearchBudget minimum(0, 0, m_stop);
    const SamplingPolicy sampling(1, {}, minimum);
    LayerSearch layers(m_project, m_arch, m_pool, windDown.token(), &sampling);
    const double maxOverhead = m_project.options.layerPipelineTimeOverhead;
    for (std::size_t p = from; p < m_order.size(); ++p) {
        const SegmentPlan* plan = singleLayerPlan(p);
        if (!plan) { // planning was stopped before it reached this layer
            auto ps = singleLayerSegment(m_order[p], m_net, m_top, m_project.options, m_project.batch);
            plan = ps ? addPlan(std::move(*ps)) : nullptr;
        }
        if (!plan)
            return std::nullopt;
        std::optional<ScheduleChain> extended;
        for (const SegmentConstraintCombo& combo : plan->constraints.combos) {
            DataLayout ifmap;
            const LayerCondition cond = layerCondition(*plan, combo, {0, 0}, chain, ifmap);
            auto choices = layers.search(m_order[p], cond);
            if (windDown.expired())
                return std::nullopt;
            if (choices.empty())
                continue;
            ScheduleChain next = chain.extended(m_net, std::move(choices.front()), plan->segment);
            if (next.current->timeOverhead() <= maxOverhead) {
                extended = std::move(next);
                break;
            }
        }
        if (!extended)
            return std::nullopt;
        chain = std::move(*extended);
    }
    return chain;
}

NetworkSearchOutcome BeamSearch::run()
{
    NetworkSearchOutcome out;
    const std::jthread timer = startTimer();
    planSegments();
    m_tops.assign(m_order.size(), {});
    m_reached.assign(m_order.size(), false);
    const std::vector<std::size_t> lastUse = lastUseOfTops();
    if (m_stop.stop_requested() && !m_order.empty())
        return stopped(0, {});
    const std::vector<ScheduleChain> initial = initialSchedules();
    const double perLayer = m_order.empty() ? 0 : 1.0 / static_cast<double>(m_order.size());
    for (std::size_t p = 0; p < m_order.size(); ++p) {
        const double best = p > 0 && !m_tops[p - 1].empty() ? m_tops[p - 1].front().totalCost : -1;
        std::vector<ScheduleChain> cands;
        const auto& plans = m_plans[p];
        for (std::size_t k = 0; k < plans.size(); ++k) {
            const SegmentPlan& plan = plans[k];
            const std::string stage = "layer " + m_net.at(m_order[p]).name + ", segment " + std::to_string(k + 1) + "/"
                                    + std::to_string(plans.size());
            const double begin = (static_cast<double>(p) + static_cast<double>(k) / static_cast<double>(plans.size()))
                               * perLayer;
            m_progress.beginStage(stage, begin, begin + perLayer / static_cast<double>(plans.size()), best,
                                  m_layers.blockingsEnumerated());
            const auto& prev = plan.firstPosition == 0 ? initial : m_tops[plan.firstPosition - 1];
            if (prev.empty())
                continue;
            auto found = searchSegment(plan, prev);
            std::move(found.begin(), found.end(), std::back_inserter(cands));
            if (m_stop.stop_requested())
                return stopped(p, std::move(cands));
        }
        keepTops(cands);
        m_reached[p] = !cands.empty();
        m_tops[p] = std::move(cands);
        releaseTopsUsedLastAt(p, lastUse);
    }
    out.blockings = m_layers.blockingsEnumerated();
    if (m_tops.empty() || m_tops.back().empty()) {
        explainFailure(out);
        return out;
    }
    const ScheduleChain& best = m_tops.back().front();
    takeBest(out, best);
    m_progress.finish(best.totalCost, out.blockings);
    return out;
}

} // namespace

NetworkSearchOutcome searchNetworkSchedule(const Project& project, const Architecture& arch,
                                           const NetworkSearchSettings& settings, std::stop_token stop,
                                           const ProgressCallback& progress)
{
    return BeamSearch(project, arch, settings, std::move(stop), progress).run();
}

} // namespace kapla
