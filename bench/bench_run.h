#pragma once
// One solve of one benchmark case, run in a child process so that its peak RSS is its own and a
// search that overruns its limit can be stopped, and killed if it does not stop.

#include "bench_cases.h"

#include "model/options.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace kapla::bench {

/// What a benchmark run measured.
struct RunRecord {
    std::string caseName;
    std::string solver;
    std::string termination; ///< solve's keyword, or "killed" / "crashed" when the child died
    std::string message;
    std::optional<double> energy; ///< total energy of the schedule, in the architecture's unit
    std::optional<std::int64_t> cycles;
    std::string energyUnit;
    double seconds = 0;     ///< the search's own time
    double wallSeconds = 0; ///< around the whole solve call in the child
    std::int64_t evaluations = 0;
    int layers = 0; ///< of the case's network
    int threads = 1;
    double peakRssMib = 0;
    double timeBudgetSeconds = 0;             ///< 0 = none
    double limitSeconds = 0;                  ///< the stop request came after this long; 0 = none
    std::optional<double> stopLatencySeconds; ///< from the stop request to solve()'s return, if one was made
    bool cached = false;                      ///< read from an earlier run's cache
    std::optional<double> ratio;              ///< energy / the exhaustive optimum; set by the caller

    /// True when the search ran to its end (converged, or proved there is no schedule).
    bool finished() const { return termination == "converged" || termination == "no-schedule"; }
};

nlohmann::json toJson(const RunRecord& r);
RunRecord runRecordFromJson(const nlohmann::json& j);

/// How to run one solve.
struct RunSettings {
    int threads = 1;
    double timeBudgetSeconds = 0; ///< SolveSettings::timeBudgetSeconds
    double limitSeconds = 0;      ///< request a stop after this long; 0 = never
    std::uint64_t seed = 1;
};

/// Solves the case with the solver in a child process and reports what happened, never throws.
RunRecord runIsolated(const BenchCase& c, SolverKind solver, const RunSettings& settings);

} // namespace kapla::bench
