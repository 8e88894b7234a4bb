#pragma once
// Internal to `kapla sweep`: its arguments and the result-folder helpers its parts share.

#include "cli/cli_common.h"

#include "report/sweep_table.h"
#include "sweep/sweep.h"

#include <optional>
#include <string>
#include <vector>

namespace kapla::cli {

/// Part `index` (1-based) of `count` equal parts of a sweep's points.
struct Shard {
    int index = 1;
    int count = 1;
    std::string text() const { return std::to_string(index) + "/" + std::to_string(count); }
};

struct SweepArgs {
    std::string sweepFile;
    std::string out;
    bool resume = false;
    std::optional<Shard> shard;
    std::optional<int> threads;
    std::vector<std::string> merge; ///< result folders to merge (with --merge)
    std::string emit;               ///< "slurm" or "parallel"
    std::string plot;               ///< a result folder to draw (with --plot)
    std::string figure = "parameter";
    int shards = 4; ///< how many parts an emitted job splits the sweep into
};

/// The points of `shard`: every count-th point from the index-th (all points without a shard).
std::vector<SweepPoint> shardPoints(const std::vector<SweepPoint>& points, const std::optional<Shard>& shard);

/// The points.json of a result folder, or why it cannot be read (printed).
std::optional<SweepTable> readSweepTable(const std::string& dir);
/// Writes points.csv and points.json (and pareto.csv for a whole, complete sweep); false (printed) on failure.
bool writeSweepTable(const SweepTable& table, const std::string& dir);

/// Joins the result folders of a sweep's shards into `args.out`.
ExitCode mergeSweep(const SweepArgs& args);
/// Draws a figure of a sweep's table (parameter, pareto-time, pareto-pes or pareto-sram) to `out`
/// (.png, .pdf or .svg); needs a GUI build, as `kapla export` does.
ExitCode plotSweep(const SweepTable& table, const std::string& figure, const std::string& out);
/// Prints a Slurm job-array script or a GNU parallel command line that runs the sweep in shards.
ExitCode emitSweepJob(const SweepSpec& spec, const SweepArgs& args);

} // namespace kapla::cli
