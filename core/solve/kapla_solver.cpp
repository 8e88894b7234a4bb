#include "solve/kapla_solver.h"

#include "solve/kapla/directive_builder.h"
#include "solve/kapla/network_dp.h"
#include "solve/solve_setup.h"

#include <cstdio>
#include <string>

namespace kapla {

namespace {

std::string summary(const ksolve::KaplaOutcome& o, double kaplaEstimate)
{
    char buf[320];
    std::
        snprintf(buf, sizeof buf,
                 "KAPLA search done: energy %.10g, time %lld cycles (KAPLA's own estimate %.6g without static energy); "
                 "%d segments, %lld layer solves, %lld exhaustive fallbacks; estimation %.2f s, DP %.2f s",
                 o.cost, static_cast<long long>(o.time), kaplaEstimate, o.segments,
                 static_cast<long long>(o.layerSolves), static_cast<long long>(o.fallbacks), o.estimateSeconds,
                 o.dpSeconds);
    return buf;
}

// Says which layers the wind-down completed, since they were not chosen by KAPLA's DP.
std::string cancelledSummary(const ksolve::KaplaOutcome& o)
{
    char buf[160];
    std::snprintf(buf, sizeof buf,
                  "KAPLA search cancelled; the best schedule completed so far, its last %zu layers each as its own "
                  "segment (not KAPLA's result): ",
                  o.completedLayers);
    return std::string{buf}.append(totalsText(o.cost, o.time));
}

} // namespace

SolveResult solveKapla(const Project& project, const SolveSettings& settings, std::stop_token stop,
                       const ProgressCallback& progress, KaplaMemo* memo)
{
    SolveSetup setup = prepareSolve(project, settings);
    if (!setup.problem)
        return std::move(setup.failure);
    const Architecture& arch = setup.problem->architecture();

    ksolve::KaplaParams params;
    params.windDown = settings.windDown;
    ksolve::KaplaOutcome outcome = ksolve::runKaplaSearch(project, arch, params, setup.threads, settings.seed,
                                                          std::move(stop), progress, memo);
    SolveResult result;
    result.evaluations = outcome.evaluations;
    if (outcome.cancelled && !outcome.schedule) {
        result.termination = Termination::Cancelled;
        result.message = std::string{"cancelled with no complete schedule to return: completing the DP's best "
                                     "partial schedule did not finish within the "}
                             .append(std::to_string(settings.windDown.count()))
                             .append(" ms wind-down");
        return result;
    }
    if (!outcome.schedule)
        return noScheduleResult("no valid schedule", std::move(outcome.diagnostics), result.evaluations);
    if (!attachEvaluation(result, *setup.problem, std::move(*outcome.schedule), outcome.cost, outcome.time, "KAPLA"))
        return result;
    double estimate = 0;
    for (const auto& view : ksolve::kaplaLayerViews(project, arch, *result.evaluation))
        estimate += view.estimate.total();
    result.termination = outcome.cancelled ? Termination::Cancelled : Termination::Converged;
    result.message = outcome.cancelled ? cancelledSummary(outcome) : summary(outcome, estimate);
    return result;
}

} // namespace kapla
