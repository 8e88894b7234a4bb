#pragma once
// The ML baseline's proposal step (solver spec §6.4): parallel simulated annealing on the model.

#include <cstdint>
#include <functional>
#include <random>
#include <unordered_set>
#include <vector>

namespace kapla::ml {

/// Annealing parameters (the original's values by default).
struct AnnealingParams {
    int iterations = 500;     ///< at most
    int parallelPoints = 512; ///< walkers
    int earlyStop = 50;       ///< iterations without a better top set before stopping
    double temperatureStart = 1;
    double temperatureEnd = 0;
};

/// Scores points (lower is better); each point is scored with its own features.
using PointScorer = std::function<std::vector<double>(const std::vector<std::int64_t>&)>;
/// A random neighbour of a point.
using Neighbour = std::function<std::int64_t(std::int64_t, std::mt19937_64&)>;

/// The up to `count` best-scored points of 0..spaceSize-1 not in `visited` that the walk met, best first
/// (ties by index). Walkers start from uniformly random points; deterministic for a seed. `stopped`
/// (may be empty) ends the walk early with what it met so far.
std::vector<std::int64_t> annealProposals(std::int64_t spaceSize, std::size_t count,
                                          const std::unordered_set<std::int64_t>& visited, const PointScorer& score,
                                          const Neighbour& neighbour, std::uint64_t seed,
                                          const AnnealingParams& params = {},
                                          const std::function<bool()>& stopped = {});

} // namespace kapla::ml
