#pragma once
// The ML baseline's design space of one layer under one condition (solver spec §6.4): every
// (partition, mapping choice, loop-blocking factor split) allowed by the condition's top factors.

#include "solve/layer_search.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <random>
#include <vector>

namespace kapla::ml {

/// A measured design point: the best of its loop orders, or invalid (capacity or pipelining rules).
struct Measurement {
    bool valid = false;
    double score = 0;      ///< the tuner's key (goal e: cost, d: time, ed: cost × time)
    double cost = 0;       ///< layer cost, pJ
    std::int64_t time = 0; ///< layer time, cycles
    LoopBlockingCandidate blocking;
};

/// Points are indexed 0..size()-1 by a mixed radix over (partition and mapping choice, ti, to, tb)
/// without listing them; a point that fails the capacity checks measures as invalid.
class DesignSpace
{
public:
    /// The space of `layer` under `cond` (which must outlive the space); empty if `stopped` (may be
    /// empty) turns true while it is built.
    DesignSpace(const Project& project, const Architecture& arch, LayerId layer, const LayerCondition& cond,
                const std::function<bool()>& stopped = {});

    /// Number of points.
    std::int64_t size() const { return m_size; }
    /// The model's features of a point: partition order and dims, log2 blocking factors, mapping loop
    /// counts, buffer unit sizes and capacities.
    std::vector<double> features(std::int64_t point) const;
    /// A random-walk neighbour: one digit of the mixed radix moved by a rounded Gaussian step (σ = 1).
    std::int64_t neighbour(std::int64_t point, std::mt19937_64& rng) const;
    /// Evaluates every loop order of the point and keeps the best; adds the evaluations to `evaluations`.
    Measurement measure(std::int64_t point, std::atomic<std::int64_t>* evaluations) const;
    /// The scheduled layer of a valid measurement of `point`.
    std::shared_ptr<const LayerChoice> choice(std::int64_t point, const Measurement& m) const;

private:
    struct Partition;
    /// The factor splits of one (partition, mapping choice), restricted to the condition's top factors.
    struct Block {
        std::size_t part = 0;
        std::size_t nld = 0;
        LoopBlockingFactorSpace factors;
        std::int64_t begin = 0; ///< first point index
    };
    struct Digits {
        std::size_t block = 0;
        std::int64_t ti = 0, to = 0, tb = 0;
    };

    Digits digitsOf(std::int64_t point) const;
    std::int64_t pointOf(const Digits& d) const;

    const Project& m_project;
    const Architecture& m_arch;
    LayerId m_layer;
    const LayerCondition& m_cond;
    std::vector<std::shared_ptr<Partition>> m_parts;
    std::vector<Block> m_blocks;
    std::int64_t m_size = 0;
};

} // namespace kapla::ml
