#include "solve/exhaustive_solver.h"

#include "solve/network_search.h"
#include "solve/solve_setup.h"

#include <cstdio>

namespace kapla {

namespace {

// "the time budget of 0.5 s", "the evaluation budget of 1000 loop blockings (1200 enumerated)".
std::string budgetText(const NetworkSearchOutcome& outcome, const SolveSettings& settings)
{
    char buf[160];
    if (outcome.stop == SearchStop::TimeLimit)
        std::snprintf(buf, sizeof buf, "the time budget of %g s", settings.timeBudgetSeconds);
    else
        std::snprintf(buf, sizeof buf, "the evaluation budget of %lld loop blockings (%lld enumerated)",
                      static_cast<long long>(settings.evaluationBudget), static_cast<long long>(outcome.blockings));
    return buf;
}

// A stopped search without a complete schedule: Cancelled, or Budget for a budget.
SolveResult stoppedWithoutSchedule(const NetworkSearchOutcome& outcome, const SolveSettings& settings)
{
    SolveResult result;
    result.evaluations = outcome.blockings;
    const std::string windDown =
        settings.windDown.count() <= 0
            ? std::string{"; without a wind-down only a stop in the last layer leaves a complete schedule"}
            : std::string{"; completing the remaining layers at minimum sampling did not finish within the "}
                  .append(std::to_string(settings.windDown.count()))
                  .append(" ms wind-down");
    if (outcome.stop == SearchStop::Cancelled) {
        result.termination = Termination::Cancelled;
        result.message = "cancelled at layer " + outcome.stoppedAt + " with no complete schedule to return" + windDown;
        return result;
    }
    result.termination = Termination::Budget;
    result.message = "exhaustive search: no complete schedule within " + budgetText(outcome, settings)
                   + "; it stopped at layer " + outcome.stoppedAt + windDown + " (give a larger budget, or none)";
    return result;
}

// How the search ended, for the message of a result with a schedule.
std::string endText(const NetworkSearchOutcome& outcome, const SolveSettings& settings)
{
    if (!outcome.cancelled)
        return "exhaustive search done";
    const std::string why = outcome.stop == SearchStop::Cancelled ? "cancelled"
                                                                  : "stopped by " + budgetText(outcome, settings);
    if (outcome.completedLayers == 0)
        return "exhaustive search " + why + " in the last layer, " + outcome.stoppedAt
             + "; the best schedule completed before the stop, not the proven optimum";
    return "exhaustive search " + why + "; the best schedule completed so far (stopped at layer " + outcome.stoppedAt
         + ", its last " + std::to_string(outcome.completedLayers)
         + " layers each as its own segment at minimum sampling), not the proven optimum";
}

} // namespace

SolveResult solveExhaustive(const Project& project, const SolveSettings& settings, std::stop_token stop,
                            const ProgressCallback& progress)
{
    SolveSetup setup = prepareSolve(project, settings);
    if (!setup.problem)
        return std::move(setup.failure);
    const Architecture& arch = setup.problem->architecture();

    NetworkSearchSettings ns;
    ns.threads = setup.threads;
    ns.frontierPruning = project.options.frontierPruning;
    ns.stopAfterSeconds = settings.timeBudgetSeconds;
    ns.stopAfterBlockings = settings.evaluationBudget;
    ns.windDown = settings.windDown;
    NetworkSearchOutcome outcome = searchNetworkSchedule(project, arch, ns, std::move(stop), progress);

    if (outcome.cancelled && !outcome.schedule)
        return stoppedWithoutSchedule(outcome, settings);
    if (!outcome.schedule)
        return noScheduleResult("no valid schedule", std::move(outcome.diagnostics), outcome.blockings);
    SolveResult result;
    if (!attachEvaluation(result, *setup.problem, std::move(*outcome.schedule), outcome.cost, outcome.time,
                          "the search"))
        return result;
    const Evaluation& eval = *result.evaluation;
    result.evaluations = outcome.blockings;
    result.termination = !outcome.cancelled                    ? Termination::Converged
                       : outcome.stop == SearchStop::Cancelled ? Termination::Cancelled
                                                               : Termination::Budget;
    result.message = endText(outcome, settings) + ": " + totalsText(eval.totalCost, eval.totalTime);
    if (eval.totalCost != outcome.cost || eval.totalTime != outcome.time) {
        Diagnostic d = makeError("evaluation", "the search's own totals (" + totalsText(outcome.cost, outcome.time)
                                                   + ") differ from the evaluator's");
        d.severity = Severity::Warning;
        result.diagnostics.push_back(std::move(d));
    }
    return result;
}

} // namespace kapla
