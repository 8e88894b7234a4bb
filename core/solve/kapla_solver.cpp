#include "solve/kapla_solver.h"

#include "solve/kapla/directive_builder.h"
#include "solve/kapla/network_dp.h"
#include "solve/solve_setup.h"

#include <cstdio>

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

} // namespace

SolveResult solveKapla(const Project& project, const SolveSettings& settings, std::stop_token stop,
                       const ProgressCallback& progress, KaplaMemo* memo)
{
    SolveSetup setup = prepareSolve(project, settings);
    if (!setup.problem)
        return std::move(setup.failure);
    const Architecture& arch = setup.problem->architecture();

    const ksolve::KaplaParams params;
    ksolve::KaplaOutcome outcome = ksolve::runKaplaSearch(project, arch, params, setup.threads, settings.seed,
                                                          std::move(stop), progress, memo);
    SolveResult result;
    result.evaluations = outcome.evaluations;
    if (outcome.cancelled) {
        result.termination = Termination::Cancelled;
        result.message = "cancelled before the DP reached the last layer, so there is no complete schedule";
        return result;
    }
    if (!outcome.schedule)
        return noScheduleResult("no valid schedule", std::move(outcome.diagnostics), result.evaluations);
    if (!attachEvaluation(result, *setup.problem, std::move(*outcome.schedule), outcome.cost, outcome.time, "KAPLA"))
        return result;
    double estimate = 0;
    for (const auto& view : ksolve::kaplaLayerViews(project, arch, *result.evaluation))
        estimate += view.estimate.total();
    result.termination = Termination::Converged;
    result.message = summary(outcome, estimate);
    return result;
}

} // namespace kapla
