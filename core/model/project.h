#pragma once
// A project: the network, the architecture and the options of one exploration, plus the batch and
// the solves kept with it.

#include "model/architecture.h"
#include "model/network.h"
#include "model/options.h"
#include "schedule/schedule.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kapla {

/// A finished solve kept in the project file: what was asked, how it ended and the schedule found.
struct SavedRun {
    Options options;                        ///< the options used; options.solver is the solver
    std::string date;                       ///< when it started, ISO 8601 local time ("2025-11-26T14:03:12")
    double seconds = 0;                     ///< search wall time
    std::string termination = "converged";  ///< keyword of kapla::Termination ("converged", "cancelled", ...)
    std::string message;                    ///< the solver's closing message; may be empty
    std::int64_t evaluations = 0;           ///< loop-blocking evaluations of the search
    std::optional<double> totalEnergy;      ///< in the architecture's energy unit; none without a schedule
    std::optional<std::int64_t> totalTime;  ///< cycles; none without a schedule
    std::optional<Schedule> schedule;       ///< the best schedule found, if any

    bool operator==(const SavedRun&) const = default;
};

/// Everything a solve needs, as loaded from a project file, and the runs saved with it.
struct Project {
    std::string name;
    int batch = 1;
    Network network;
    ArchitectureSpec architecture;
    Options options;
    /// Paths the project file included its parts from (as written, relative to it); empty when inline.
    std::string networkPath;
    std::string architecturePath;
    std::string optionsPath;
    /// Saved solves, oldest first (`kapla export --run N` counts from 1).
    std::vector<SavedRun> runs;

    bool operator==(const Project&) const = default;
};

/// Why a saved schedule no longer fits the network (a layer missing from one of them), or empty.
std::string scheduleMismatch(const Schedule& schedule, const Network& network);

/// The project a saved run was solved as: its options, and its schedule's batch.
Project projectOfRun(const Project& project, const SavedRun& run);

} // namespace kapla
