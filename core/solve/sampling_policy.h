#pragma once
// The random baseline's thinning of the network search (solver spec §6.3).

#include "cost/loop_blocking_search.h"
#include "solve/search_budget.h"

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace kapla {

/// Bernoulli probabilities of the enumeration stages (the original's values by default).
struct SamplingProbabilities {
    double constraints = 0.04; ///< per constraint combination of a segment
    double partitions = 0.04;  ///< per partition of a layer search
    double blockings = 0.1;    ///< per loop-blocking factor split (all its orders)
};

/// Decides which items of each enumeration stage a sampled search visits. Every decision is a hash of
/// (seed, stage, a stable item key, element index), so the result does not depend on the thread count.
/// An empty sample keeps one uniformly random element; once the budget is exhausted, every stage keeps
/// just that one, so the search still completes a schedule.
class SamplingPolicy
{
public:
    /// Further elements a stage draws at most when its sample gave nothing valid.
    static constexpr std::size_t kMaxRedraws = 16;

    /// A policy drawing from `seed`; `budget` must outlive it.
    SamplingPolicy(std::uint64_t seed, SamplingProbabilities probabilities, SearchBudget& budget);

    /// The kept indices (ascending) of `count` elements of item `item` of stage `stage`.
    std::vector<std::size_t> sample(std::string_view stage, std::uint64_t item, std::size_t count, double p) const;
    /// The one index of `count` > 0 elements kept when a sample is empty.
    std::size_t pickOne(std::string_view stage, std::uint64_t item, std::size_t count) const;
    /// Up to kMaxRedraws indices of `count` not in `kept` (ascending), in a random order: what a stage
    /// tries next, one at a time, when its sample gave no valid schedule.
    std::vector<std::size_t> redraws(std::string_view stage, std::uint64_t item, std::size_t count,
                                     const std::vector<std::size_t>& kept) const;
    /// The loop-blocking sampler of mapping choice `choice` of the ranking `rankingKey`.
    LoopBlockingSampler blockingSampler(std::string_view rankingKey, std::size_t choice) const;

    /// The stage probabilities.
    const SamplingProbabilities& probabilities() const { return m_probabilities; }
    /// The budget the sampling obeys.
    SearchBudget& budget() const { return m_budget; }

private:
    std::uint64_t stream(std::string_view stage, std::uint64_t item) const;

    std::uint64_t m_seed;
    SamplingProbabilities m_probabilities;
    SearchBudget& m_budget;
};

} // namespace kapla
