#include "cli/cli_common.h"

#include "io/project_io.h"
#include "io/schedule_io.h"
#include "report/evaluation_json.h"

#include <chrono>
#include <iostream>

namespace kapla::cli {

const char* const kEvaluateUsage =
    "usage: kapla evaluate PROJECT --schedule S.yaml [--json OUT|-]\n"
    "  energy, time and breakdown of a given schedule on the project's network and architecture;\n"
    "  --json also writes them as JSON (- for stdout, instead of the table). Exit 2 with every\n"
    "  reason when the schedule does not fit.\n";

ExitCode runEvaluate(const Args& args)
{
    std::string project, schedule, jsonOut;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--schedule" && i + 1 < args.size())
            schedule = args[++i];
        else if (args[i] == "--json" && i + 1 < args.size())
            jsonOut = args[++i];
        else if (!args[i].starts_with("--") && project.empty())
            project = args[i];
        else {
            std::cerr << kEvaluateUsage;
            return ExitCode::InvalidInput;
        }
    }
    if (project.empty() || schedule.empty()) {
        std::cerr << kEvaluateUsage;
        return ExitCode::InvalidInput;
    }
    const auto resolved = loadResolvedProject(project);
    if (!resolved)
        return ExitCode::InvalidInput;
    const auto sched = io::loadScheduleFile(schedule);
    if (!sched) {
        printDiagnostics(sched.diagnostics());
        return ExitCode::InvalidInput;
    }
    std::vector<std::string> inputs = io::projectInputFiles(project, resolved->project());
    inputs.push_back(schedule);
    if (!outputsSpareInputs({jsonOut}, inputs))
        return ExitCode::InvalidInput;
    const auto start = std::chrono::steady_clock::now();
    ExitCode failure = ExitCode::Ok;
    const auto eval = evaluateScheduleFile(*resolved, sched.value(), schedule, project, failure);
    if (!eval)
        return failure;
    SearchInfo info;
    info.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    info.evaluations = static_cast<std::int64_t>(eval->layers.size());
    if (jsonOut != "-")
        printEvaluationSummary(eval.value(), eval->energyUnit);
    if (!jsonOut.empty() && !writeJson(evaluationJson(eval.value(), info, eval->energyUnit), jsonOut))
        return ExitCode::InvalidInput;
    return ExitCode::Ok;
}

} // namespace kapla::cli
