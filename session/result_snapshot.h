#pragma once
// The immutable result the result views show: a schedule, its evaluation and what it was made for.

#include "cost/evaluation.h"
#include "model/architecture.h"
#include "model/project.h"
#include "schedule/schedule.h"

#include <cstdint>
#include <memory>
#include <string>

/// One evaluated schedule with the project and architecture it belongs to. Views share it read-only
/// through ResultSnapshotPtr; a new run or re-evaluation makes a new snapshot.
struct ResultSnapshot {
    int runId = 0;                    ///< the run it comes from (0: not a saved run)
    kapla::Project project;
    kapla::Architecture architecture;
    kapla::Schedule schedule;
    kapla::Evaluation evaluation;
    std::string solver = "given";     ///< solver keyword, or "given" for an evaluated schedule file
    std::string date;                 ///< day of the run, ISO 8601 ("2025-11-26")
    double seconds = 0;               ///< search time
    std::int64_t evaluations = 0;     ///< search evaluations
};

using ResultSnapshotPtr = std::shared_ptr<const ResultSnapshot>;

namespace kapla {
struct SavedRun;
struct SolveResult;
}

/// A snapshot of a solve of `project`; null when the solve found no schedule or the architecture
/// does not resolve. `date` is ISO 8601; the solver is the project's options.solver.
ResultSnapshotPtr makeResultSnapshot(const kapla::Project& project, const kapla::SolveResult& solve, int runId,
                                     std::string date);

/// A snapshot of a given schedule and its evaluation (solver "given" unless named).
ResultSnapshotPtr makeResultSnapshot(const kapla::Project& project, const kapla::Architecture& arch,
                                     kapla::Schedule schedule, kapla::Evaluation evaluation, std::string date,
                                     std::string solver = "given");

/// A snapshot of a run saved in `project`, its schedule evaluated again on the project's network
/// and architecture with the run's options; null with the reason in `error` when it has no schedule
/// or the schedule no longer fits. The date is the day the run started. The GUI and `kapla export
/// --run` both make it here, so they show and export the same numbers.
ResultSnapshotPtr makeSavedRunSnapshot(const kapla::Project& project, const kapla::SavedRun& run, int runId,
                                       std::string* error);
