#include "solve/kapla/partition_ranking.h"

#include "solve/kapla/fill_choices.h"
#include "solve/kapla/layer_solver.h"

#include <algorithm>
#include <limits>
#include <numeric>
#include <optional>
#include <tuple>
#include <utility>

namespace kapla::ksolve {

namespace {

// The order-independent shape of a partition (its factors per parallelism).
using Shape = std::array<PhyDim2, kNumParallels>;

struct ShapeGroup {
    Shape shape;
    std::vector<std::size_t> members; // indices into the partition list, in enumeration order
    double score = std::numeric_limits<double>::infinity();
};

std::vector<ShapeGroup> groupByShape(const std::vector<PartitionScheme>& all)
{
    std::vector<ShapeGroup> groups;
    for (std::size_t i = 0; i < all.size(); ++i) {
        auto it = std::find_if(groups.begin(), groups.end(),
                               [&](const ShapeGroup& g) { return g.shape == all[i].pdims; });
        if (it == groups.end())
            groups.push_back({all[i].pdims, {i}, std::numeric_limits<double>::infinity()});
        else
            it->members.push_back(i);
    }
    return groups;
}

std::int64_t typeSize(const Shape& s, Parallel q) { return s[static_cast<std::size_t>(q)].size(); }

bool sameTypeSizes(const Shape& a, const Shape& b)
{
    for (int i = 0; i < kNumParallels; ++i)
        if (typeSize(a, static_cast<Parallel>(i)) != typeSize(b, static_cast<Parallel>(i)))
            return false;
    return true;
}

} // namespace

RankedPartitions rankPartitions(const LayerProblem& p, const std::vector<PartitionScheme>& all, SolveCounters& counters,
                                const std::stop_token& stop)
{
    RankedPartitions out;
    std::vector<ShapeGroup> groups = groupByShape(all);
    std::optional<HopGeometry> geometry; // made during the screening, which does not need it
    const auto estimate = [&](std::size_t partIndex, std::size_t shape) {
        return estimatedCost(*out.shapeBlockings[shape], estimatedHops(p, all[partIndex], *geometry), *p.energy);
    };
    // Shapes whose list another thread holds (the same per-node problem as another shape) are
    // finished after their phase, when that list is made, instead of idling a thread meanwhile.
    std::vector<char> deferred(groups.size(), 0);

    // Screening: fill_stack's replication only, no hops; every shape.
    std::vector<double> screen(groups.size(), std::numeric_limits<double>::infinity());
    const auto screenWith = [&](std::size_t s, const std::vector<ScoredBlocking>& blockings) {
        for (const ScoredBlocking& b : blockings)
            screen[s] = std::min(screen[s], b.cost);
    };
    forEachIndex(p, groups.size() + 1, [&](std::size_t s) {
        if (s == groups.size()) {
            geometry = hopGeometry(p);
            return;
        }
        if (stop.stop_requested())
            return;
        // Hold the shared list: a range-for over `*temporary` would outlive the pointer (C++20).
        const auto blockings = cachedScoredBlockingsIfFree(p, all[groups[s].members.front()], counters, true);
        if (blockings)
            screenWith(s, *blockings);
        else
            deferred[s] = 1;
    });
    if (stop.stop_requested())
        return {};
    for (std::size_t s = 0; s < groups.size(); ++s)
        if (std::exchange(deferred[s], 0))
            screenWith(s, *cachedScoredBlockings(p, all[groups[s].members.front()], counters, true));
    std::vector<std::size_t> byScreen(groups.size());
    std::iota(byScreen.begin(), byScreen.end(), 0);
    std::stable_sort(byScreen.begin(), byScreen.end(),
                     [&](std::size_t a, std::size_t b) { return screen[a] < screen[b]; });
    std::vector<std::size_t> screened;
    for (std::size_t i = 0; i < byScreen.size() && static_cast<int>(i) < p.params->screenedShapes; ++i)
        if (screen[byScreen[i]] < std::numeric_limits<double>::infinity())
            screened.push_back(byScreen[i]);
    // KAPLA's own node partition: the best-screened shape with the factors fill_stack assigns.
    for (const Shape& target : nodeFillTargets(p))
        for (const std::size_t s : byScreen)
            if (screen[s] < std::numeric_limits<double>::infinity() && sameTypeSizes(groups[s].shape, target)) {
                if (std::find(screened.begin(), screened.end(), s) == screened.end())
                    screened.push_back(s);
                break;
            }

    // Ranking: every replication and the estimated hops, on the screened shapes.
    out.shapeBlockings.resize(groups.size());
    const auto rankWith = [&](std::size_t s, std::shared_ptr<const std::vector<ScoredBlocking>> blockings) {
        out.shapeBlockings[s] = std::move(blockings);
        if (!out.shapeBlockings[s]->empty())
            groups[s].score = estimate(groups[s].members.front(), s);
    };
    forEachIndex(p, screened.size(), [&](std::size_t i) {
        const std::size_t s = screened[i];
        if (stop.stop_requested())
            return;
        if (auto blockings = cachedScoredBlockingsIfFree(p, all[groups[s].members.front()], counters, false))
            rankWith(s, std::move(blockings));
        else
            deferred[s] = 1;
    });
    if (stop.stop_requested())
        return {};
    for (const std::size_t s : screened)
        if (deferred[s])
            rankWith(s, cachedScoredBlockings(p, all[groups[s].members.front()], counters, false));
    std::vector<std::size_t> byScore = screened;
    std::stable_sort(byScore.begin(), byScore.end(),
                     [&](std::size_t a, std::size_t b) { return groups[a].score < groups[b].score; });
    std::vector<std::size_t> kept;
    for (std::size_t i = 0; i < byScore.size() && static_cast<int>(i) < p.params->rankedShapes; ++i)
        if (groups[byScore[i]].score < std::numeric_limits<double>::infinity())
            kept.push_back(byScore[i]);

    std::vector<std::tuple<double, std::size_t, std::size_t>> ranked;
    for (const std::size_t s : kept)
        for (const std::size_t m : groups[s].members)
            ranked.emplace_back(groups[s].score, m, s);
    forEachIndex(p, ranked.size(), [&](std::size_t i) {
        auto& [score, m, s] = ranked[i];
        if (m != groups[s].members.front() && !stop.stop_requested())
            score = estimate(m, s);
    });
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const auto& a, const auto& b) { return std::get<0>(a) < std::get<0>(b); });
    for (std::size_t i = 0; i < ranked.size() && static_cast<int>(i) < p.params->exactPartitions; ++i)
        out.candidates.emplace_back(std::get<1>(ranked[i]), std::get<2>(ranked[i]));
    return out;
}

} // namespace kapla::ksolve
