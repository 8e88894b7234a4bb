#pragma once
// kapla-bench's figures: a line per run, the per-solver summary against the exhaustive optimum,
// and the same as JSON and CSV.

#include "bench_run.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace kapla::bench {

/// Energy overhead of one solver against the exhaustive optimum, over the cases where it finished.
struct SolverSummary {
    std::string solver;
    int compared = 0;                      ///< cases with a finished exhaustive and a result
    int cases = 0;                         ///< cases the solver ran on
    std::optional<double> geomeanOverhead; ///< geometric mean of the ratios, minus 1
    std::optional<double> maxOverhead;     ///< largest ratio, minus 1
    std::optional<double> minSpeedup;      ///< exhaustive seconds / solver seconds
    std::optional<double> geomeanSpeedup;
    double totalSeconds = 0;              ///< the solver's search time summed over its cases
    int deepCases = 0;                    ///< compared cases with more than kDeepLayers layers
    std::optional<double> minSpeedupDeep; ///< the least speedup among those
    std::string minSpeedupDeepCase;
};

/// Networks deeper than this are where a fast solver must pay off.
inline constexpr int kDeepLayers = 20;

/// Header of the per-run table.
std::string tableHeader();
/// One table line: case, solver, energy, ratio, seconds, evaluations, termination, peak RSS.
std::string tableLine(const RunRecord& r);

/// Sets each run's ratio to the finished exhaustive run of its case.
void fillRatios(std::vector<RunRecord>& runs);
/// The summary of every solver but the exhaustive, in the order they first appear.
std::vector<SolverSummary> summarize(const std::vector<RunRecord>& runs);
/// One summary line (speedups only for solvers that have them).
std::string summaryLine(const SolverSummary& s);

nlohmann::json toJson(const SolverSummary& s);
/// CSV of the runs, one row per case and solver.
std::string runsCsv(const std::vector<RunRecord>& runs);

} // namespace kapla::bench
