#include "solve/sampling_policy.h"

#include "util/stable_random.h"

#include <algorithm>

namespace kapla {

SamplingPolicy::SamplingPolicy(std::uint64_t seed, SamplingProbabilities probabilities, SearchBudget& budget)
    : m_seed(seed)
    , m_probabilities(probabilities)
    , m_budget(budget)
{
}

std::uint64_t SamplingPolicy::stream(std::string_view stage, std::uint64_t item) const
{
    return deriveStream(deriveStream(m_seed, stage), item);
}

std::vector<std::size_t> SamplingPolicy::sample(std::string_view stage, std::uint64_t item, std::size_t count,
                                                double p) const
{
    std::vector<std::size_t> kept;
    if (count == 0)
        return kept;
    if (!m_budget.exhausted()) {
        const std::uint64_t s = stream(stage, item);
        for (std::size_t i = 0; i < count; ++i)
            if (uniformAt(s, i) < p)
                kept.push_back(i);
    }
    if (kept.empty())
        kept.push_back(pickOne(stage, item, count));
    return kept;
}

std::size_t SamplingPolicy::pickOne(std::string_view stage, std::uint64_t item, std::size_t count) const
{
    // A key no element index reaches, so the pick is independent of the element draws.
    const double u = uniformAt(stream(stage, item), ~std::uint64_t{0});
    return std::min(count - 1, static_cast<std::size_t>(u * static_cast<double>(count)));
}

std::vector<std::size_t> SamplingPolicy::redraws(std::string_view stage, std::uint64_t item, std::size_t count,
                                                 const std::vector<std::size_t>& kept) const
{
    std::vector<std::pair<double, std::size_t>> keyed;
    const std::uint64_t s = deriveStream(stream(stage, item), "redraw");
    for (std::size_t i = 0; i < count; ++i)
        if (!std::binary_search(kept.begin(), kept.end(), i))
            keyed.emplace_back(uniformAt(s, i), i);
    const std::size_t n = std::min(keyed.size(), kMaxRedraws);
    std::partial_sort(keyed.begin(), keyed.begin() + static_cast<std::ptrdiff_t>(n), keyed.end());
    std::vector<std::size_t> out;
    for (std::size_t k = 0; k < n; ++k)
        out.push_back(keyed[k].second);
    return out;
}

LoopBlockingSampler SamplingPolicy::blockingSampler(std::string_view rankingKey, std::size_t choice) const
{
    LoopBlockingSampler s;
    s.stream = deriveStream(deriveStream(deriveStream(m_seed, "blockings"), rankingKey), choice);
    s.probability = m_probabilities.blockings;
    s.exhausted = [&b = m_budget] { return b.exhausted(); };
    s.evaluations = &m_budget.evaluations();
    return s;
}

} // namespace kapla
