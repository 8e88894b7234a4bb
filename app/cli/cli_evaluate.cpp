#include "cli/cli_common.h"

#include "cost/evaluator.h"
#include "io/project_io.h"
#include "io/schedule_io.h"
#include "report/evaluation_json.h"
#include "report/network_summary.h"

#include <chrono>
#include <cstdio>
#include <iostream>

namespace kapla::cli {

namespace {

constexpr const char* kUsage = "usage: kapla evaluate PROJECT --schedule S.yaml [--json OUT|-]\n";

void printSummary(const Evaluation& e, const std::string& unit)
{
    std::printf("%-24s %5s %16s %14s %8s\n", "layer", "seg", "energy", "time", "nodes");
    for (const auto& l : e.layers)
        std::printf("%-24s %5d %16.6g %14s %8lld\n", l.name.c_str(), l.segment + 1, l.cost, groupDigits(l.time).c_str(),
                    static_cast<long long>(l.region.dim.size()));
    const auto& b = e.breakdown;
    std::printf("total energy %.10g %s, time %s cycles, %zu segments\n", e.totalCost, unit.c_str(),
                groupDigits(e.totalTime).c_str(), e.segments.size());
    std::printf("  op %.4g  dram %.4g  gbuf %.4g  itcn %.4g  regf %.4g  noc %.4g  static %.4g\n", b.op, b.dram, b.gbuf,
                b.itcn, b.regf, b.noc, b.stat);
}

} // namespace

int runEvaluate(const Args& args)
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
            std::cerr << kUsage;
            return InvalidInput;
        }
    }
    if (project.empty() || schedule.empty()) {
        std::cerr << kUsage;
        return InvalidInput;
    }
    const auto proj = io::loadProjectFile(project);
    if (!proj) {
        printDiagnostics(proj.diagnostics());
        return InvalidInput;
    }
    const auto arch = resolveArchitecture(proj->architecture);
    const auto sched = io::loadScheduleFile(schedule);
    if (!sched) {
        printDiagnostics(sched.diagnostics());
        return InvalidInput;
    }
    const auto start = std::chrono::steady_clock::now();
    const auto eval = evaluateSchedule(proj.value(), arch.value(), sched.value());
    if (!eval) {
        std::cerr << schedule << ": the schedule does not fit " << project << ":\n";
        for (const auto& d : eval.diagnostics())
            std::cerr << "  " << d.message << '\n';
        return NoSchedule;
    }
    SearchInfo info;
    info.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    info.evaluations = static_cast<std::int64_t>(eval->layers.size());
    if (jsonOut != "-")
        printSummary(eval.value(), arch->energyUnit);
    if (!jsonOut.empty() && !writeJson(evaluationJson(eval.value(), info, arch->energyUnit), jsonOut))
        return InvalidInput;
    return Ok;
}

} // namespace kapla::cli
