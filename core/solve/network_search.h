#pragma once
// The whole-network search of nn_dataflow (model spec §5.3 step 3, §5.7): a layer-wise greedy beam
// search over pipeline segments, each layer searched exhaustively under the segment's constraints.

#include "model/architecture.h"
#include "model/project.h"
#include "schedule/schedule.h"
#include "solve/solver.h"
#include "util/diagnostic.h"

#include <cstdint>
#include <optional>
#include <stop_token>

namespace kapla {

class LayerSearchStrategy;
class SamplingPolicy;
class SearchBudget;

/// How the beam search runs besides the project's options.
struct NetworkSearchSettings {
    int threads = 1;             ///< threads taking part, the caller included
    /// The original's pruning of constraint combinations whose hints are all at least those of a
    /// combination that already gave schedules (KAPLA's copy disables it; spec §5.7).
    bool frontierPruning = true;
    /// Thins constraint combinations, partitions and loop blockings (the random baseline); null = exhaustive.
    const SamplingPolicy* sampling = nullptr;
    /// Replaces the exhaustive per-layer search (the ML baseline); null = exhaustive.
    LayerSearchStrategy* layerStrategy = nullptr;
    /// Checked for its evaluation budget at every layer step (a serial point); may be null.
    const SearchBudget* budget = nullptr;
};

/// What the beam search found.
struct NetworkSearchOutcome {
    bool cancelled = false;
    std::optional<Schedule> schedule;  ///< the best complete schedule, if any
    double cost = 0;                   ///< the search's own total cost of `schedule`
    std::int64_t time = 0;             ///< the search's own total time of `schedule`, cycles
    Diagnostics diagnostics;           ///< why there is no schedule
    std::int64_t blockings = 0;        ///< loop blockings enumerated
};

/// Runs the beam search. Segments ending at the same layer are tried in generateSegments order
/// (single-layer segments first, then per vertex segment the spatial before the temporal one);
/// constraint combinations in generateSegmentConstraints order; previous schedules in beam order.
/// Every top-k selection is stable, so ties keep this order whatever the thread count.
NetworkSearchOutcome searchNetworkSchedule(const Project& project, const Architecture& arch,
                                           const NetworkSearchSettings& settings, std::stop_token stop,
                                           const ProgressCallback& progress);

} // namespace kapla
