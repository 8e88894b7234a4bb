#include "solve/exhaustive_solver.h"

#include "cost/evaluator.h"
#include "solve/network_search.h"
#include "solve/solve_setup.h"

namespace kapla {

SolveResult solveExhaustive(const Project& project, const SolveSettings& settings, std::stop_token stop,
                            const ProgressCallback& progress)
{
    SolveSetup setup = prepareSolve(project, settings);
    if (!setup.arch)
        return std::move(setup.failure);
    const Architecture& arch = *setup.arch;

    NetworkSearchSettings ns;
    ns.threads = setup.threads;
    ns.frontierPruning = settings.frontierPruning;
    NetworkSearchOutcome outcome = searchNetworkSchedule(project, arch, ns, std::move(stop), progress);

    SolveResult result;
    result.evaluations = outcome.blockings;
    if (outcome.cancelled) {
        result.termination = Termination::Cancelled;
        result.message = "cancelled: the beam search has a complete schedule only once it reaches the last layer, "
                         "so there is none to return";
        return result;
    }
    if (!outcome.schedule)
        return noScheduleResult("no valid schedule", std::move(outcome.diagnostics), result.evaluations);
    auto eval = evaluateSchedule(project, arch, *outcome.schedule);
    if (!eval) {
        SolveResult r = failedResult("internal error: the evaluator rejects the schedule the search found", eval.diagnostics());
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
