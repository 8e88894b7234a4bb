#pragma once
// The one entry point of every search: solve(problem, options, stop token, progress) → result.
// Searches propose points of the directive space; the reference evaluator scores the final schedule.

#include "cost/evaluation.h"
#include "model/project.h"
#include "schedule/schedule.h"
#include "solve/termination.h"
#include "util/diagnostic.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <stop_token>
#include <string>

namespace kapla {

/// Search settings beyond the project's options.
struct SolveSettings {
    int threads = 0; ///< worker threads; 0 = the project's option, then all cores
    /// Seconds, 0 = none. Random and ML searches wind down and still complete a schedule; the
    /// exhaustive search stops (see solveExhaustive); the KAPLA solver takes no budget (Failed).
    double timeBudgetSeconds = 0;
    std::int64_t evaluationBudget = 0; ///< loop-blocking evaluations, 0 = none; as timeBudgetSeconds
    std::uint64_t seed = 1;            ///< for sampling searches; results are reproducible per seed
    /// How long a search may take, after a stop request (or the end of its budget), to complete a
    /// schedule cheaply before it gives up without one: the random and ML searches finish the one they
    /// are building at minimum sampling; the exhaustive and KAPLA searches complete their best partial
    /// schedule with each remaining layer as its own segment.
    std::chrono::milliseconds windDown{500};
};

/// A progress report; callbacks may arrive from worker threads and must be cheap.
struct SolveProgress {
    double fraction = 0;          ///< 0..1 of the search space or budget
    double bestCost = -1;         ///< best total cost so far; < 0 when none yet
    std::int64_t evaluations = 0; ///< loop-blocking evaluations so far
    std::string stage;            ///< e.g. "layer conv3_a" or "segment 4/13"
};

/// Receives progress reports (may be empty).
using ProgressCallback = std::function<void(const SolveProgress&)>;

/// What a solve returns; `schedule` and `evaluation` are set whenever a valid schedule was found.
struct SolveResult {
    Termination termination = Termination::Failed;
    std::string message;
    Diagnostics diagnostics;
    std::optional<Schedule> schedule;
    std::optional<Evaluation> evaluation; ///< the reference evaluator's numbers for `schedule`
    double seconds = 0;
    std::int64_t evaluations = 0;
    double searchCost = -1;       ///< the search's own total cost of `schedule`; < 0 when none
    std::int64_t searchTime = -1; ///< the search's own total time of `schedule`, cycles; < 0 when none
};

/// The settings the options ask for: the random and ML searches take the options' seed and time
/// budget; the other searches take none (the KAPLA solver refuses a budget).
SolveSettings settingsFromOptions(const Options& options);

/// Runs the project's solver (project.options.solver) on the project; never throws.
SolveResult solve(const Project& project, const SolveSettings& settings, std::stop_token stop,
                  const ProgressCallback& progress = {});

} // namespace kapla
