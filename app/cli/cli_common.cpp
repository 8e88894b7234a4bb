#include "cli/cli_common.h"

#include "cost/evaluation_check.h"
#include "cost/evaluator.h"
#include "io/project_io.h"
#include "util/file_access.h"
#include "util/text_format.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <iostream>

namespace kapla::cli {

namespace {

// Set by the SIGINT handler (only a lock-free atomic store is async-signal-safe); a watcher thread
// turns it into a stop request.
std::atomic<bool> g_interruptSeen{false};
static_assert(std::atomic<bool>::is_always_lock_free);

extern "C" void onInterruptSeen(int) { g_interruptSeen.store(true); }

} // namespace

StopOnInterrupt::StopOnInterrupt()
{
    g_interruptSeen = false;
    m_previous = std::signal(SIGINT, onInterruptSeen);
    m_watcher = std::jthread([this](const std::stop_token& done) {
        while (!done.stop_requested() && !g_interruptSeen.load())
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        if (g_interruptSeen.load())
            m_stop.request_stop();
    });
}

StopOnInterrupt::~StopOnInterrupt()
{
    m_watcher.request_stop();
    m_watcher.join();
    std::signal(SIGINT, m_previous);
}

bool wantsHelp(const Args& args)
{
    return std::any_of(args.begin(), args.end(), [](const std::string& a) { return a == "-h" || a == "--help"; });
}

std::optional<ResolvedProject> loadResolvedProject(const std::string& path)
{
    auto project = io::loadProjectFile(path);
    if (!project) {
        printDiagnostics(project.diagnostics());
        return std::nullopt;
    }
    auto resolved = ResolvedProject::resolve(std::move(project).value());
    if (!resolved) {
        printDiagnostics(resolved.diagnostics());
        return std::nullopt;
    }
    return std::move(resolved).value();
}

void printDiagnostics(const Diagnostics& diags)
{
    for (const auto& d : diags)
        std::cerr << d.format() << '\n';
}

std::optional<Evaluation> evaluateScheduleFile(const ResolvedProject& project, const Schedule& schedule,
                                               const std::string& schedulePath, const std::string& projectPath,
                                               ExitCode& exit)
{
    auto eval = evaluateSchedule(project, schedule);
    if (!eval) {
        std::cerr << schedulePath << ": the schedule does not fit " << projectPath << ":\n";
        for (const auto& d : eval.diagnostics())
            std::cerr << "  " << d.message << '\n';
        exit = ExitCode::NoSchedule;
        return std::nullopt;
    }
    if (Diagnostics overflow = numericProblems(eval.value(), project.architecture()); !overflow.empty()) {
        std::cerr << projectPath << ": the inputs' magnitudes overflow the cost model:\n";
        for (Diagnostic& d : overflow)
            d.location.file = projectPath; // the project as a whole: no one value causes it
        printDiagnostics(overflow);
        exit = ExitCode::InvalidInput;
        return std::nullopt;
    }
    return std::move(eval).value();
}

bool outputsSpareInputs(const std::vector<std::string>& outputs, const std::vector<std::string>& inputs)
{
    for (const std::string& out : outputs)
        if (out != "-")
            if (const auto clash = outputOntoInput(out, inputs)) {
                printDiagnostics({*clash});
                return false;
            }
    return true;
}

bool writeOutputText(const std::string& text, const std::string& out)
{
    if (out == "-") {
        std::cout << text;
        return true;
    }
    const Diagnostics problems = writeFileText(out, text);
    printDiagnostics(problems);
    return problems.empty();
}

bool writeJson(const nlohmann::json& json, const std::string& out) { return writeOutputText(json.dump(2) + "\n", out); }

void printEvaluationSummary(const Evaluation& e, const std::string& energyUnit)
{
    std::printf("%-24s %5s %16s %14s %8s\n", "layer", "seg", "energy", "time", "nodes");
    for (const auto& l : e.layers)
        std::printf("%-24s %5d %16.6g %14s %8lld\n", l.name.c_str(), l.segment + 1, l.cost, groupDigits(l.time).c_str(),
                    static_cast<long long>(l.region.dim.size()));
    const auto& b = e.breakdown;
    std::printf("total energy %.10g %s, time %s cycles, %zu segments\n", e.totalCost, energyUnit.c_str(),
                groupDigits(e.totalTime).c_str(), e.segments.size());
    std::printf("  op %.4g  dram %.4g  gbuf %.4g  itcn %.4g  regf %.4g  noc %.4g  static %.4g\n", b.op, b.dram, b.gbuf,
                b.itcn, b.regf, b.noc, b.stat);
}

} // namespace kapla::cli
