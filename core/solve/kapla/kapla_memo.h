#pragma once
// A memo of KAPLA's per-layer work that later solves reuse: the intra-layer solutions and the segment
// estimates, each under a key holding everything the value depends on (shapes, batch, resources and
// regions, constraint, input layout, options, energies and KAPLA's parameters). A layer edit misses
// only where that layer is involved, an architecture edit misses everything, and a warm memo gives
// the same schedule as a cold one. The caller owns it and may keep it across solves.

#include "solve/kapla/layer_problem.h"
#include "solve/kapla/segment_pruning.h"
#include "solve/search_keys.h"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <stop_token>

namespace kapla {

class KaplaMemo
{
public:
    /// How much work the memo did and saved since construction or the last resetCounts().
    struct Counts {
        std::int64_t layersSolved = 0;      ///< intra-layer solves run
        std::int64_t layersReused = 0;      ///< intra-layer solves answered by the memo
        std::int64_t segmentsEstimated = 0; ///< segment estimates computed
        std::int64_t segmentsReused = 0;    ///< segment estimates answered by the memo
    };

    /// Holds at most `capacity` values of each kind; beyond that the least recently used half goes.
    explicit KaplaMemo(std::size_t capacity = 1 << 15);

    Counts counts() const;
    void resetCounts();
    /// Values held (layer solutions and segment estimates).
    std::size_t size() const;

    /// ksolve::solveLayer through the memo (thread-safe); a stopped solve stores nothing.
    std::optional<ksolve::LayerSolution> solveLayer(const ksolve::LayerProblem& p, ksolve::SolveCounters& counters,
                                                    const std::stop_token& stop);
    /// ksolve::estimateSegmentCost through the memo (thread-safe); a stopped estimate stores nothing.
    ksolve::SegmentEstimate estimateSegment(const ksolve::SegmentPlan& plan, std::size_t segmentIndex,
                                            const ksolve::SegmentEstimateContext& ctx);

private:
    MemoTable<std::optional<ksolve::LayerSolution>> m_layers;
    MemoTable<ksolve::SegmentEstimate> m_segments;
    std::atomic<std::int64_t> m_layersSolved{0};
    std::atomic<std::int64_t> m_layersReused{0};
    std::atomic<std::int64_t> m_segmentsEstimated{0};
    std::atomic<std::int64_t> m_segmentsReused{0};
};

} // namespace kapla
