#include "solve/exhaustive_solver.h"

#include "cost/evaluator.h"
#include "solve/network_search.h"

#include <algorithm>
#include <cstdio>
#include <thread>

namespace kapla {

namespace {

int resolveThreads(const SolveSettings& settings, const Options& options)
{
    if (settings.threads > 0)
        return settings.threads;
    if (options.threads > 0)
        return options.threads;
    return std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

SolveResult failed(std::string message, Diagnostics diagnostics)
{
    SolveResult r;
    r.termination = Termination::Failed;
    r.message = std::move(message);
    r.diagnostics = std::move(diagnostics);
    return r;
}

std::string totalsText(double cost, std::int64_t time)
{
    char buf[96];
    std::snprintf(buf, sizeof buf, "energy %.10g, time %lld cycles", cost, static_cast<long long>(time));
    return buf;
}

} // namespace

SolveResult solveExhaustive(const Project& project, const SolveSettings& settings, std::stop_token stop,
                            const ProgressCallback& progress)
{
    const auto arch = resolveArchitecture(project.architecture);
    if (!arch)
        return failed("the architecture is invalid", arch.diagnostics());
    if (Diagnostics d = validateOptions(project.options); hasErrors(d))
        return failed("the options are invalid", std::move(d));
    if (project.network.size() == 0)
        return failed("the network has no layers", {makeError("network", "the network has no layers")});
    if (project.batch < 1)
        return failed("the batch size must be at least 1", {makeError("batch", "the batch size must be at least 1")});

    NetworkSearchSettings ns;
    ns.threads = resolveThreads(settings, project.options);
    ns.frontierPruning = settings.frontierPruning;
    NetworkSearchOutcome outcome = searchNetworkSchedule(project, arch.value(), ns, std::move(stop), progress);

    SolveResult result;
    result.evaluations = outcome.blockings;
    if (outcome.cancelled) {
        result.termination = Termination::Cancelled;
        result.message = "cancelled: the beam search has a complete schedule only once it reaches the last layer, "
                         "so there is none to return";
        return result;
    }
    if (!outcome.schedule) {
        result.termination = Termination::NoSchedule;
        result.diagnostics = std::move(outcome.diagnostics);
        result.message = "no valid schedule";
        if (!result.diagnostics.empty())
            result.message += ": " + result.diagnostics.front().message;
        return result;
    }
    auto eval = evaluateSchedule(project, arch.value(), *outcome.schedule);
    if (!eval) {
        SolveResult r = failed("internal error: the evaluator rejects the schedule the search found", eval.diagnostics());
        r.schedule = std::move(outcome.schedule);
        return r;
    }
    result.termination = Termination::Converged;
    result.searchCost = outcome.cost;
    result.searchTime = outcome.time;
    result.message = "exhaustive search done: " + totalsText(eval->totalCost, eval->totalTime);
    if (eval->totalCost != outcome.cost || eval->totalTime != outcome.time) {
        Diagnostic d = makeError("evaluation", "the search's own totals (" + totalsText(outcome.cost, outcome.time)
                                                   + ") differ from the evaluator's");
        d.severity = Severity::Warning;
        result.diagnostics.push_back(std::move(d));
    }
    result.schedule = std::move(outcome.schedule);
    result.evaluation = std::move(eval).value();
    return result;
}

} // namespace kapla
