#include "cli/export_source.h"

#include "cli/cli_common.h"

#include "io/project_file.h"
#include "io/schedule_io.h"
#include "model/options.h"
#include "model/resolved_project.h"
#include "run/run.h"
#include "solve/solver.h"

#include <cstddef>
#include <iostream>
#include <memory>
#include <stop_token>
#include <utility>

namespace kapla::cli {

namespace {

ExportSource failed(ExitCode code) { return {nullptr, code}; }

ExportSource solved(const ResolvedProject& project, const ExportRequest& r, const std::string& date)
{
    const auto kind = solverFromKeyword(r.solver);
    if (!kind) {
        std::cerr << "kapla export: unknown solver '" << r.solver << "' (kapla, exhaustive, random, ml)\n";
        return failed(ExitCode::InvalidInput);
    }
    Options options = project.project().options;
    options.solver = *kind;
    const ResolvedProject problem = project.withOptions(std::move(options));
    std::stop_source stop;
    const SolveResult result = solve(problem.project(), {}, stop.get_token());
    if (result.schedule && result.evaluation)
        return {makeRun(problem, result, date), ExitCode::Ok};
    printDiagnostics(result.diagnostics);
    std::cerr << "kapla export: " << result.message << '\n';
    switch (result.termination) {
    case Termination::NoSchedule: return failed(ExitCode::NoSchedule);
    case Termination::Cancelled: return failed(ExitCode::Cancelled);
    default: return failed(result.diagnostics.empty() ? ExitCode::InternalError : ExitCode::InvalidInput);
    }
}

// "it keeps 3 runs (--run 1 to 3)": what a --run beyond the saved runs could have been.
std::string savedRunRange(std::size_t count)
{
    if (count == 0)
        return "it keeps no runs (save a solved project from KAPLA Studio)";
    if (count == 1)
        return "it keeps 1 run (--run 1)";
    const std::string n = std::to_string(count);
    return "it keeps " + n + " runs (--run 1 to " + n + ")";
}

// A saved run is self-contained: it is exported as it was solved, whatever the project is now.
ExportSource savedRun(const ExportRequest& r)
{
    Diagnostics warnings;
    const auto file = io::loadProjectWithRuns(r.project, &warnings);
    printDiagnostics(warnings);
    if (!file) {
        printDiagnostics(file.diagnostics());
        return failed(ExitCode::InvalidInput);
    }
    const auto index = static_cast<std::size_t>(r.run - 1);
    if (index >= file->runs.size()) {
        std::cerr << "kapla export: " << r.project << " has no saved run " << r.run << "; "
                  << savedRunRange(file->runs.size()) << '\n';
        return failed(ExitCode::InvalidInput);
    }
    const RunPtr& run = file->runs[index];
    if (!run->hasResult()) {
        const std::string why = run->schedule ? "its schedule no longer evaluates (see the warnings above)"
                                              : "it has no schedule (it ended "
                                                    + std::string(terminationKeyword(run->termination)) + ")";
        std::cerr << "kapla export: run " << r.run << " of " << r.project << ": " << why << '\n';
        return failed(ExitCode::NoSchedule);
    }
    if (r.date.empty())
        return {run, ExitCode::Ok};
    auto dated = std::make_shared<Run>(*run);
    dated->date = r.date;
    return {dated, ExitCode::Ok};
}

ExportSource givenSchedule(const ResolvedProject& project, const ExportRequest& r, const std::string& date)
{
    const auto schedule = io::loadScheduleFile(r.schedule);
    if (!schedule) {
        printDiagnostics(schedule.diagnostics());
        return failed(ExitCode::InvalidInput);
    }
    ExitCode failure = ExitCode::Ok;
    auto eval = evaluateScheduleFile(project, schedule.value(), r.schedule, r.project, failure);
    if (!eval)
        return failed(failure);
    return {makeGivenRun(project, schedule.value(), std::move(*eval), date, r.solverLabel), ExitCode::Ok};
}

} // namespace

ExportSource loadExportSource(const ExportRequest& request, const std::string& today)
{
    if (request.run > 0)
        return savedRun(request);
    const auto project = loadResolvedProject(request.project);
    if (!project)
        return failed(ExitCode::InvalidInput);
    const std::string& date = request.date.empty() ? today : request.date;
    if (!request.solver.empty())
        return solved(*project, request, date);
    return givenSchedule(*project, request, date);
}

} // namespace kapla::cli
