#pragma once
// KAPLA's final inter-layer DP (KAPLA spec §3.5): over the scheduling order, each kept segment ending
// at a layer extends the best schedule ending before it; its constraint combinations are tried in
// generation order, skipping those that overflow the GBUFs and those dominated by a combination that
// already gave a schedule; every layer is solved by the intra-layer pass (falling back to the
// exhaustive layer search when the greedy pass finds nothing). Only the best schedule per ending
// layer is kept. Segment estimation runs on all threads; layer solves share their partition work.

#include "model/architecture.h"
#include "model/project.h"
#include "schedule/schedule.h"
#include "solve/kapla/kapla_params.h"
#include "solve/solver.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <stop_token>

namespace kapla {
class KaplaMemo;
}

namespace kapla::ksolve {

/// What the KAPLA search found.
struct KaplaOutcome {
    bool cancelled = false;
    /// The best complete schedule, if any; when cancelled, the DP's best partial schedule completed
    /// in the wind-down with each remaining layer as its own segment, if that finished in time.
    std::optional<Schedule> schedule;
    std::size_t completedLayers = 0; ///< when cancelled: the layers the wind-down completed
    double cost = 0;                 ///< the search's own total cost of `schedule` (reference model)
    std::int64_t time = 0;           ///< the search's own total time, cycles
    Diagnostics diagnostics;         ///< why there is no schedule
    std::int64_t evaluations = 0;    ///< loop-blocking evaluations
    std::int64_t layerSolves = 0;    ///< intra-layer solves
    std::int64_t fallbacks = 0;      ///< layers the exhaustive layer search had to solve
    double estimateSeconds = 0;      ///< segment planning and estimation, wall clock
    double dpSeconds = 0;            ///< the final DP with the layer solves, wall clock
    int segments = 0;                ///< candidate segments
    int keptSegments = 0;            ///< segments kept by the fast pruning
};

/// Runs the fast segment pruning and the final DP on `threads` threads, reusing and filling `memo`
/// (when given) with the segment estimates and layer solves.
KaplaOutcome runKaplaSearch(const Project& project, const Architecture& arch, const KaplaParams& params, int threads,
                            std::uint64_t seed, std::stop_token stop, const ProgressCallback& progress,
                            KaplaMemo* memo = nullptr);

} // namespace kapla::ksolve
