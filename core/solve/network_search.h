#pragma once
// The whole-network search of nn_dataflow (model spec §5.3 step 3, §5.7): a layer-wise greedy beam
// search over pipeline segments, each layer searched exhaustively under the segment's constraints.

#include "model/architecture.h"
#include "model/project.h"
#include "schedule/schedule.h"
#include "solve/solver.h"
#include "util/diagnostic.h"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <stop_token>
#include <string>

namespace kapla {

class LayerSearchStrategy;
class SamplingPolicy;
class SearchBudget;

/// How the beam search runs besides the project's options.
struct NetworkSearchSettings {
    int threads = 1; ///< threads taking part, the caller included
    /// The original's pruning of constraint combinations whose hints are all at least those of a
    /// combination that already gave schedules (KAPLA's copy disables it; spec §5.7).
    bool frontierPruning = true;
    /// Thins constraint combinations, partitions and loop blockings (the random baseline); null = exhaustive.
    const SamplingPolicy* sampling = nullptr;
    /// Replaces the exhaustive per-layer search (the ML baseline); null = exhaustive.
    LayerSearchStrategy* layerStrategy = nullptr;
    /// Checked for its evaluation budget at every layer step (a serial point); may be null.
    const SearchBudget* budget = nullptr;
    /// Hard limits (the exhaustive search's budget), which end the search as a stop request does: a
    /// time in seconds, and a count of loop blockings enumerated, checked at every layer step (a
    /// serial point, so the search stops at the same place whatever the thread count; it may exceed
    /// the count by the blockings of the step before). 0 = none.
    double stopAfterSeconds = 0;
    std::int64_t stopAfterBlockings = 0; ///< see stopAfterSeconds
    /// How long a search stopped (by the caller or a hard limit) may take to complete its deepest
    /// partial schedule, each remaining layer as its own segment searched at minimum sampling; 0 = it
    /// does not (only a stop in the last layer returns a schedule). Not for searches with a `budget`,
    /// whose sampling winds down by itself.
    std::chrono::milliseconds windDown{0};
};

/// Why the beam search ended before its last layer was done.
enum class SearchStop {
    None,            ///< it was not stopped
    Cancelled,       ///< the caller's stop token
    TimeLimit,       ///< NetworkSearchSettings::stopAfterSeconds
    EvaluationLimit, ///< NetworkSearchSettings::stopAfterBlockings
};

/// What the beam search found.
struct NetworkSearchOutcome {
    bool cancelled = false;             ///< stopped before the end, by the caller or a hard limit
    SearchStop stop = SearchStop::None; ///< what stopped it
    std::string stoppedAt;              ///< when stopped: the layer it was searching, e.g. "conv2 (layer 3 of 8)"
    /// The best complete schedule, if any; when stopped, the best of those completed in the last
    /// layer before the stop, else the deepest partial schedule completed by the wind-down (not the
    /// optimum: the remaining segments were not searched).
    std::optional<Schedule> schedule;
    double cost = 0;            ///< the search's own total cost of `schedule`
    std::int64_t time = 0;      ///< the search's own total time of `schedule`, cycles
    Diagnostics diagnostics;    ///< why there is no schedule
    std::int64_t blockings = 0; ///< loop blockings enumerated
    /// When stopped: the layers the wind-down completed as their own segments (0 = none).
    std::size_t completedLayers = 0;
};

/// Runs the beam search. Segments ending at the same layer are tried in generateSegments order
/// (single-layer segments first, then per vertex segment the spatial before the temporal one);
/// constraint combinations in generateSegmentConstraints order; previous schedules in beam order.
/// Every top-k selection is stable, so ties keep this order whatever the thread count.
NetworkSearchOutcome searchNetworkSchedule(const Project& project, const Architecture& arch,
                                           const NetworkSearchSettings& settings, std::stop_token stop,
                                           const ProgressCallback& progress);

} // namespace kapla
