#include "solve/ml/ml_layer_search.h"

#include "solve/ml/design_space.h"
#include "solve/worker_pool.h"
#include "util/stable_random.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <unordered_set>

namespace kapla::ml {

namespace {

/// The most further random points a search measures, once its budget is exhausted, to find a valid one.
constexpr int kExhaustedDraws = 16;

/// The original's penalty of a failed measurement per goal (100 J for e, in pJ; 1e6 for d; 1e8 for ed),
/// raised to ten times the worst valid score when that is larger, so that failures always rank last.
double failurePenalty(Goal goal, double worstValid)
{
    double spec = 1e8;
    if (goal == Goal::Energy)
        spec = 100 * 1e12;
    else if (goal == Goal::Delay)
        spec = 1e6;
    return std::max(spec, 10 * worstValid);
}

/// One tuning run: measured points, the model and the random stream.
class Tuner
{
public:
    Tuner(const DesignSpace& space, const TunerParams& params, CostModel& model, SearchBudget& budget, WorkerPool& pool,
          std::uint64_t stream, Goal goal)
        : m_space(space)
        , m_params(params)
        , m_model(model)
        , m_budget(budget)
        , m_pool(pool)
        , m_rng(stream)
        , m_goal(goal)
    {
    }

    void run();
    /// Measured points and their measurements, in measuring order.
    const std::vector<std::pair<std::int64_t, Measurement>>& measured() const { return m_measured; }

private:
    std::vector<std::int64_t> nextPlan(std::size_t size);
    std::int64_t randomUnvisited();
    void measureAll(const std::vector<std::int64_t>& points);
    void train();
    bool anyValid() const
    {
        return std::any_of(m_measured.begin(), m_measured.end(), [](const auto& m) { return m.second.valid; });
    }

    const DesignSpace& m_space;
    const TunerParams& m_params;
    CostModel& m_model;
    SearchBudget& m_budget;
    WorkerPool& m_pool;
    std::mt19937_64 m_rng;
    Goal m_goal;
    std::unordered_set<std::int64_t> m_visited;
    std::vector<std::pair<std::int64_t, Measurement>> m_measured;
    bool m_trained = false;
};

std::int64_t Tuner::randomUnvisited()
{
    std::uniform_int_distribution<std::int64_t> any(0, m_space.size() - 1);
    for (int tries = 0; tries < 64; ++tries)
        if (const std::int64_t p = any(m_rng); !m_visited.count(p))
            return p;
    for (std::int64_t p = 0; p < m_space.size(); ++p) // a nearly exhausted space
        if (!m_visited.count(p))
            return p;
    return -1;
}

std::vector<std::int64_t> Tuner::nextPlan(std::size_t size)
{
    std::vector<std::int64_t> plan;
    if (m_trained) {
        const auto score = [this](const std::vector<std::int64_t>& points) {
            FeatureMatrix rows;
            rows.reserve(points.size());
            for (const std::int64_t p : points)
                rows.push_back(m_space.features(p));
            return m_model.predict(rows);
        };
        const auto neighbour = [this](std::int64_t p, std::mt19937_64& rng) { return m_space.neighbour(p, rng); };
        plan = annealProposals(m_space.size(), size, m_visited, score, neighbour, m_rng(), m_params.annealing,
                               [this] { return m_budget.exhausted(); });
        // ε-greedy: the last part of each plan is random.
        const auto random = static_cast<std::size_t>(std::ceil(m_params.epsilon * static_cast<double>(size)));
        plan.resize(std::min(plan.size(), size > random ? size - random : 0));
    }
    std::unordered_set<std::int64_t> inPlan(plan.begin(), plan.end());
    while (plan.size() < size) {
        const std::int64_t p = randomUnvisited();
        if (p < 0)
            break;
        m_visited.insert(p); // reserved for this plan; measureAll records it
        if (inPlan.insert(p).second)
            plan.push_back(p);
    }
    return plan;
}

void Tuner::measureAll(const std::vector<std::int64_t>& points)
{
    std::vector<Measurement> results(points.size());
    const std::stop_token giveUp = m_budget.searchStop();
    m_pool.run(points.size(), [&](std::size_t i) {
        if (!giveUp.stop_requested())
            results[i] = m_space.measure(points[i], &m_budget.evaluations());
    });
    if (giveUp.stop_requested())
        return;
    for (std::size_t i = 0; i < points.size(); ++i) {
        m_visited.insert(points[i]);
        m_measured.emplace_back(points[i], std::move(results[i]));
    }
}

// Labels are cost / max cost over the measured points, failures at the penalty.
void Tuner::train()
{
    double worst = 0;
    for (const auto& [p, m] : m_measured)
        if (m.valid)
            worst = std::max(worst, m.score);
    const double penalty = failurePenalty(m_goal, worst);
    FeatureMatrix rows;
    std::vector<double> labels;
    for (const auto& [p, m] : m_measured) {
        rows.push_back(m_space.features(p));
        labels.push_back((m.valid ? m.score : penalty) / penalty);
    }
    m_model.fit(rows, labels);
    m_trained = true;
}

void Tuner::run()
{
    const std::int64_t trials = std::min(m_params.trials, m_space.size());
    if (m_space.size() <= m_params.trials && !m_budget.exhausted()) {
        std::vector<std::int64_t> all(static_cast<std::size_t>(m_space.size()));
        std::iota(all.begin(), all.end(), 0);
        measureAll(all);
        return;
    }
    std::int64_t sinceTraining = 0;
    while (static_cast<std::int64_t>(m_measured.size()) < trials && !m_budget.searchStop().stop_requested()) {
        // Plan boundaries are serial, so an evaluation budget ends the tuning at the same point for any thread count.
        m_budget.checkEvaluations();
        const bool exhausted = m_budget.exhausted();
        if (exhausted && (anyValid() || static_cast<std::int64_t>(m_measured.size()) >= kExhaustedDraws))
            break;
        const auto left = static_cast<std::size_t>(trials - static_cast<std::int64_t>(m_measured.size()));
        const std::vector<std::int64_t> plan = nextPlan(exhausted ? 1 : std::min(m_params.planSize, left));
        if (plan.empty())
            break;
        measureAll(plan);
        sinceTraining += static_cast<std::int64_t>(plan.size());
        if (sinceTraining >= m_params.retrainEvery && anyValid()) {
            train();
            sinceTraining = 0;
        }
    }
}

bool measuredRanksBefore(const std::pair<std::int64_t, Measurement>& a, const std::pair<std::int64_t, Measurement>& b,
                         Goal goal)
{
    if (costTimeRanksBefore(a.second.cost, a.second.time, b.second.cost, b.second.time, goal))
        return true;
    if (costTimeRanksBefore(b.second.cost, b.second.time, a.second.cost, a.second.time, goal))
        return false;
    return a.first < b.first;
}

} // namespace

MlLayerSearch::MlLayerSearch(const Project& project, const Architecture& arch, SearchBudget& budget, std::uint64_t seed,
                             TunerParams params, CostModelFactory makeModel)
    : m_project(project)
    , m_arch(arch)
    , m_budget(budget)
    , m_seed(seed)
    , m_params(std::move(params))
    , m_makeModel(std::move(makeModel))
{
}

std::string MlLayerSearch::modelName() const { return m_makeModel()->name(); }

std::vector<std::shared_ptr<const LayerChoice>> MlLayerSearch::search(LayerId layer, const LayerCondition& cond,
                                                                      WorkerPool& pool)
{
    const std::uint64_t stream = deriveStream(deriveStream(m_seed, "ml"), m_calls++);
    const DesignSpace space(m_project, m_arch, layer, cond,
                            [this] { return m_budget.exhausted() && m_budget.searchStop().stop_requested(); });
    if (space.size() == 0)
        return {};
    const std::unique_ptr<CostModel> model = m_makeModel();
    Tuner tuner(space, m_params, *model, m_budget, pool, stream, m_project.options.goal);
    tuner.run();
    std::vector<std::pair<std::int64_t, Measurement>> valid;
    for (const auto& m : tuner.measured())
        if (m.second.valid)
            valid.push_back(m);
    const Goal goal = m_project.options.goal;
    std::sort(valid.begin(), valid.end(),
              [goal](const auto& a, const auto& b) { return measuredRanksBefore(a, b, goal); });
    valid.resize(std::min(valid.size(), static_cast<std::size_t>(std::max(m_project.options.ntops, 0))));
    std::vector<std::shared_ptr<const LayerChoice>> out;
    for (const auto& [point, m] : valid)
        out.push_back(space.choice(point, m));
    return out;
}

} // namespace kapla::ml
