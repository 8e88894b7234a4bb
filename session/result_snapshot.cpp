#include "session/result_snapshot.h"

#include "cost/evaluator.h"
#include "solve/solver.h"

ResultSnapshotPtr makeResultSnapshot(const kapla::Project& project, const kapla::SolveResult& solve, int runId,
                                     std::string date)
{
    if (!solve.schedule || !solve.evaluation)
        return nullptr;
    const auto arch = kapla::resolveArchitecture(project.architecture);
    if (!arch)
        return nullptr;
    auto r = std::make_shared<ResultSnapshot>();
    r->runId = runId;
    r->project = project;
    r->architecture = arch.value();
    r->schedule = *solve.schedule;
    r->evaluation = *solve.evaluation;
    r->solver = std::string(kapla::solverKeyword(project.options.solver));
    r->date = std::move(date);
    r->seconds = solve.seconds;
    r->evaluations = solve.evaluations;
    return r;
}

ResultSnapshotPtr makeResultSnapshot(const kapla::Project& project, const kapla::Architecture& arch,
                                     kapla::Schedule schedule, kapla::Evaluation evaluation, std::string date,
                                     std::string solver)
{
    auto r = std::make_shared<ResultSnapshot>();
    r->project = project;
    r->architecture = arch;
    r->schedule = std::move(schedule);
    r->evaluation = std::move(evaluation);
    r->solver = std::move(solver);
    r->date = std::move(date);
    return r;
}

ResultSnapshotPtr makeSavedRunSnapshot(const kapla::Project& project, const kapla::SavedRun& run, int runId,
                                       std::string* error)
{
    if (!run.schedule) {
        *error = "the run has no schedule (it ended " + run.termination + ")";
        return nullptr;
    }
    const kapla::Project solved = kapla::projectOfRun(project, run);
    const auto arch = kapla::resolveArchitecture(solved.architecture);
    if (!arch) {
        *error = arch.diagnostics().front().message;
        return nullptr;
    }
    auto eval = kapla::evaluateSchedule(solved, arch.value(), *run.schedule);
    if (!eval) {
        *error = "its schedule no longer fits the project: " + eval.diagnostics().front().message;
        return nullptr;
    }
    auto r = std::make_shared<ResultSnapshot>();
    r->runId = runId;
    r->project = solved;
    r->architecture = arch.value();
    r->schedule = *run.schedule;
    r->evaluation = std::move(eval).value();
    r->solver = std::string(kapla::solverKeyword(run.options.solver));
    r->date = run.date.substr(0, 10);
    r->seconds = run.seconds;
    r->evaluations = run.evaluations;
    return r;
}
