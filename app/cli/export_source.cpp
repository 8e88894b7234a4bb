#include "cli/export_source.h"

#include "cli/cli_common.h"

#include "cost/evaluator.h"
#include "io/project_io.h"
#include "io/schedule_io.h"
#include "model/architecture.h"
#include "model/options.h"
#include "model/project.h"
#include "solve/solver.h"

#include <cstddef>
#include <iostream>
#include <memory>
#include <stop_token>
#include <utility>

namespace kapla::cli {

namespace {

ExportSource failed(ExitCode code)
{
    return {nullptr, code};
}

ExportSource solved(Project project, const ExportRequest& r, const std::string& date)
{
    const auto kind = solverFromKeyword(r.solver);
    if (!kind) {
        std::cerr << "kapla export: unknown solver '" << r.solver << "' (kapla, exhaustive, random, ml)\n";
        return failed(ExitCode::InvalidInput);
    }
    project.options.solver = *kind;
    std::stop_source stop;
    const SolveResult result = solve(project, {}, stop.get_token());
    if (auto snapshot = makeResultSnapshot(project, result, 0, date))
        return {snapshot, ExitCode::Ok};
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

ExportSource savedRun(const Project& project, const ExportRequest& r)
{
    const auto index = static_cast<std::size_t>(r.run - 1);
    if (index >= project.runs.size()) {
        std::cerr << "kapla export: " << r.project << " has no saved run " << r.run << "; "
                  << savedRunRange(project.runs.size()) << '\n';
        return failed(ExitCode::InvalidInput);
    }
    std::string error;
    auto result = makeSavedRunSnapshot(project, project.runs[index], r.run, &error);
    if (!result) {
        std::cerr << "kapla export: run " << r.run << " of " << r.project << ": " << error << '\n';
        return failed(ExitCode::NoSchedule);
    }
    if (r.date.empty())
        return {result, ExitCode::Ok};
    auto dated = std::make_shared<ResultSnapshot>(*result);
    dated->date = r.date;
    return {dated, ExitCode::Ok};
}

ExportSource givenSchedule(const Project& project, const Architecture& arch, const ExportRequest& r,
                           const std::string& date)
{
    const auto schedule = io::loadScheduleFile(r.schedule);
    if (!schedule) {
        printDiagnostics(schedule.diagnostics());
        return failed(ExitCode::InvalidInput);
    }
    auto eval = evaluateSchedule(project, arch, schedule.value());
    if (!eval) {
        std::cerr << r.schedule << ": the schedule does not fit " << r.project << ":\n";
        for (const auto& d : eval.diagnostics())
            std::cerr << "  " << d.message << '\n';
        return failed(ExitCode::NoSchedule);
    }
    return {makeResultSnapshot(project, arch, schedule.value(), std::move(eval).value(), date,
                               r.solverLabel.empty() ? "given" : r.solverLabel),
            ExitCode::Ok};
}

} // namespace

ExportSource loadExportSource(const ExportRequest& request, const std::string& today)
{
    Diagnostics warnings;
    const auto project = io::loadProjectFile(request.project, &warnings);
    printDiagnostics(warnings);
    if (!project) {
        printDiagnostics(project.diagnostics());
        return failed(ExitCode::InvalidInput);
    }
    const auto arch = resolveArchitecture(project->architecture);
    if (!arch) {
        printDiagnostics(arch.diagnostics());
        return failed(ExitCode::InvalidInput);
    }
    const std::string& date = request.date.empty() ? today : request.date;
    if (request.run > 0)
        return savedRun(project.value(), request);
    if (!request.solver.empty())
        return solved(project.value(), request, date);
    return givenSchedule(project.value(), arch.value(), request, date);
}

} // namespace kapla::cli
