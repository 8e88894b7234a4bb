#pragma once
// What solving one point of a sweep gave: a row of the sweep's table, and the schedule when there is one.

#include "cost/evaluation.h"
#include "model/architecture.h"
#include "schedule/schedule.h"
#include "solve/solver.h"
#include "sweep/sweep.h"

#include <cstdint>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>
#include <vector>

namespace kapla {

/// How a point ended: solved, no valid schedule, a combination the project cannot take, or an error.
enum class PointStatus { Ok, NoSchedule, Invalid, Failed };

std::string_view pointStatusKeyword(PointStatus s);
std::optional<PointStatus> pointStatusFromKeyword(std::string_view s);

/// Size proxies of a design for area comparisons.
struct AreaProxy {
    std::int64_t totalPes = 0; ///< nodes × PEs per node
    double sramBytes = 0;      ///< GBUF and every REGF, over all nodes (as specified, before any derating)
};

/// The area proxies of an architecture as the user specified it.
AreaProxy areaProxy(const ArchitectureSpec& spec);

/// One point's row of the sweep table.
struct SweepRow {
    int index = 0;
    std::string id;
    std::vector<std::string> values; ///< each parameter's value as text, in the sweep's parameter order
    PointStatus status = PointStatus::Failed;
    std::string reason; ///< why there is no schedule; empty when solved
    double energy = 0;
    std::int64_t time = 0;
    EnergyBreakdown breakdown;
    AreaProxy area;
    double seconds = 0;
    std::int64_t evaluations = 0;
    std::string schedule; ///< the schedule file, relative to the sweep's result folder; empty when none
};

/// A solved point: its row and, when solved, its schedule with the reference evaluator's numbers (what
/// a run of the point needs); `cancelled` when a stop request ended it (such a point has no row to keep).
struct SweepPointOutcome {
    SweepRow row;
    std::optional<Schedule> schedule;
    std::optional<Evaluation> evaluation;
    Termination termination = Termination::Failed;
    bool cancelled = false;
};

/// Applies the point to the sweep's base project and solves it; never throws. A point the project
/// cannot take or that has no valid schedule is a row with its reason.
SweepPointOutcome solveSweepPoint(const SweepSpec& spec, const SweepPoint& point, const SolveSettings& settings,
                                  std::stop_token stop);

} // namespace kapla
