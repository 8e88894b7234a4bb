#include "solve/ml/simulated_annealing.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <utility>

namespace kapla::ml {

namespace {

/// The best unvisited points met so far, by (score, index).
class TopSet
{
public:
    explicit TopSet(std::size_t capacity)
        : m_capacity(capacity)
    {
    }

    /// Offers a point; true if it entered the set.
    bool offer(double score, std::int64_t point)
    {
        if (m_members.count(point))
            return false;
        const std::pair<double, std::int64_t> key{score, point};
        if (m_best.size() == m_capacity && !(key < *m_best.rbegin()))
            return false;
        m_best.insert(key);
        m_members.insert(point);
        if (m_best.size() > m_capacity) {
            m_members.erase(m_best.rbegin()->second);
            m_best.erase(std::prev(m_best.end()));
        }
        return true;
    }

    std::vector<std::int64_t> points() const
    {
        std::vector<std::int64_t> out;
        for (const auto& [score, point] : m_best)
            out.push_back(point);
        return out;
    }

private:
    std::size_t m_capacity;
    std::set<std::pair<double, std::int64_t>> m_best;
    std::unordered_set<std::int64_t> m_members;
};

} // namespace

std::vector<std::int64_t> annealProposals(std::int64_t spaceSize, std::size_t count,
                                          const std::unordered_set<std::int64_t>& visited, const PointScorer& score,
                                          const Neighbour& neighbour, std::uint64_t seed, const AnnealingParams& params,
                                          const std::function<bool()>& stopped)
{
    if (spaceSize <= 0 || count == 0)
        return {};
    std::mt19937_64 rng(seed);
    std::uniform_int_distribution<std::int64_t> anyPoint(0, spaceSize - 1);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    const auto walkers = static_cast<std::size_t>(
        std::max<std::int64_t>(1, std::min<std::int64_t>(params.parallelPoints, spaceSize)));
    std::vector<std::int64_t> points(walkers);
    for (auto& p : points)
        p = anyPoint(rng);
    std::vector<double> scores = score(points);
    TopSet top(count);
    const auto offerAll = [&](const std::vector<std::int64_t>& ps, const std::vector<double>& ss) {
        bool improved = false;
        for (std::size_t i = 0; i < ps.size(); ++i)
            if (!visited.count(ps[i]))
                improved = top.offer(ss[i], ps[i]) || improved;
        return improved;
    };
    offerAll(points, scores);
    const double span = params.temperatureStart - params.temperatureEnd;
    int sinceImproved = 0;
    for (int k = 0; k < params.iterations && sinceImproved < params.earlyStop && !(stopped && stopped()); ++k) {
        std::vector<std::int64_t> next(walkers);
        for (std::size_t i = 0; i < walkers; ++i)
            next[i] = neighbour(points[i], rng);
        // The new points are scored with their own features (the original reused the old points').
        const std::vector<double> nextScores = score(next);
        sinceImproved = offerAll(next, nextScores) ? 0 : sinceImproved + 1;
        const double t = params.temperatureStart - span * static_cast<double>(k) / params.iterations;
        for (std::size_t i = 0; i < walkers; ++i) {
            // Scores are costs throughout (lower is better); no reciprocal mixing.
            const double accept = t > 0 ? std::exp(std::min(0.0, (scores[i] - nextScores[i]) / t)) : 0.0;
            if (nextScores[i] <= scores[i] || unit(rng) < accept) {
                points[i] = next[i];
                scores[i] = nextScores[i];
            }
        }
    }
    return top.points();
}

} // namespace kapla::ml
