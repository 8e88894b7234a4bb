#include "cli/cli_common.h"

#include "cost/evaluation_check.h"
#include "cost/evaluator.h"
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
    const auto eval = evaluateSchedule(*resolved, sched.value());
    if (!eval) {
        std::cerr << schedule << ": the schedule does not fit " << project << ":\n";
        for (const auto& d : eval.diagnostics())
            std::cerr << "  " << d.message << '\n';
        return ExitCode::NoSchedule;
    }
    if (Diagnostics overflow = numericProblems(eval.value(), resolved->architecture()); !overflow.empty()) {
        std::cerr << project << ": the inputs' magnitudes overflow the cost model:\n";
        for (Diagnostic& d : overflow)
            d.location.file = project; // the project as a whole: no one value causes it
        printDiagnostics(overflow);
        return ExitCode::InvalidInput;
    }
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
