#pragma once
// One solve (or one evaluated schedule) as a self-contained, immutable record: the project exactly
// as it was solved, how the search ended and what it found. The window's run list, the result views,
// the exports, the saved runs and the command line all use this one shape.

#include "cost/evaluation.h"
#include "model/resolved_project.h"
#include "schedule/schedule.h"
#include "solve/solver.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace kapla {

/// Where a run's schedule came from.
enum class RunOrigin {
    Solve,         ///< a search (the project's options.solver) found it
    GivenSchedule, ///< a schedule file was evaluated as given
};

/// A finished solve. The project inside is the one solved (network, architecture, options with the
/// solver used, batch; no include paths), whatever the open project has become since.
struct Run {
    explicit Run(ResolvedProject solved)
        : problem(std::move(solved))
    {
    }

    ResolvedProject problem;
    RunOrigin origin = RunOrigin::Solve;
    Termination termination = Termination::Converged;
    std::string message;              ///< the solver's closing message; may be empty
    std::optional<Schedule> schedule; ///< the best schedule found, if any
    /// The reference evaluator's numbers for `schedule` on `problem`; none without a schedule, or
    /// (for a run read from a file) when the schedule no longer evaluates.
    std::optional<Evaluation> evaluation;
    std::string date;             ///< when it started, ISO 8601 local time ("2025-11-26T14:03:12")
    double seconds = 0;           ///< search wall time
    std::int64_t evaluations = 0; ///< loop-blocking evaluations of the search
    /// The user's name for it (empty: runLabel() names it by its solver); for a given schedule, the
    /// solver that made it when known.
    std::string label;

    const Project& project() const { return problem.project(); }
    const Architecture& architecture() const { return problem.architecture(); }
    /// "kapla", "exhaustive", ... or for an evaluated schedule file its label, else "given".
    std::string solverName() const;
    /// The day of `date` ("2025-11-26").
    std::string day() const { return date.substr(0, 10); }
    /// True when the run has a schedule with its evaluation (the result views can show it).
    bool hasResult() const { return schedule && evaluation; }
};

/// Runs are shared read-only between the document, the views, the exporters and worker threads.
using RunPtr = std::shared_ptr<const Run>;

/// The run of a finished solve of `solved` (the solver is its options.solver) started at `date`.
RunPtr makeRun(ResolvedProject solved, const SolveResult& result, std::string date, std::string label = {});

/// A run of a given schedule and its evaluation (origin GivenSchedule); `madeBy` names the solver
/// that made the schedule when known.
RunPtr makeGivenRun(ResolvedProject project, Schedule schedule, Evaluation evaluation, std::string date,
                    std::string madeBy = {});

/// The run's label, or when it has none "solver" (the solver keyword).
std::string runLabel(const Run& run);

/// The label a new solve of `solved` gets: its solver and what changed since the project of the run
/// before it (`previous`, none for the first), e.g. "kapla · GBUF 32 KiB → 64 KiB".
std::string defaultRunLabel(const Project& solved, const Project* previous);

} // namespace kapla
