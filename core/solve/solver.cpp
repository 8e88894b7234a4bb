#include "solve/solver.h"

#include "solve/exhaustive_solver.h"
#include "solve/kapla_solver.h"
#include "solve/ml_solver.h"
#include "solve/random_solver.h"
#include "solve/solve_setup.h"

#include <chrono>
#include <exception>

namespace kapla {

namespace {

bool hasBudget(const SolveSettings& settings)
{
    return settings.timeBudgetSeconds > 0 || settings.evaluationBudget > 0;
}

// KAPLA's DP completes a schedule only at its end, so a budget could only turn a run of seconds into none.
SolveResult kaplaBudgetRejected()
{
    const std::string message = "the KAPLA solver takes no time or evaluation budget: it runs its method to the end "
                                "(seconds), and stopping it early leaves no schedule";
    return failedResult(message, {makeError("solver", message)});
}

} // namespace

SolveSettings settingsFromOptions(const Options& options)
{
    SolveSettings settings;
    if (options.solver == SolverKind::Random || options.solver == SolverKind::Ml) {
        settings.seed = options.seed;
        settings.timeBudgetSeconds = options.timeBudgetSeconds;
    }
    return settings;
}

SolveResult solve(const Project& project, const SolveSettings& settings, std::stop_token stop,
                  const ProgressCallback& progress)
{
    return solve(project, settings, std::move(stop), progress, nullptr);
}

SolveResult solve(const Project& project, const SolveSettings& settings, std::stop_token stop,
                  const ProgressCallback& progress, KaplaMemo* kaplaMemo)
{
    const auto start = std::chrono::steady_clock::now();
    SolveResult result;
    try {
        switch (project.options.solver) {
        case SolverKind::Exhaustive: result = solveExhaustive(project, settings, stop, progress); break;
        case SolverKind::Kapla:
            result = hasBudget(settings) ? kaplaBudgetRejected()
                                         : solveKapla(project, settings, stop, progress, kaplaMemo);
            break;
        case SolverKind::Random: result = solveRandom(project, settings, stop, progress); break;
        case SolverKind::Ml: result = solveMl(project, settings, stop, progress); break;
        }
    } catch (const std::exception& e) {
        result = {};
        result.termination = Termination::Failed;
        result.message = std::string("internal error: ") + e.what();
        result.diagnostics.push_back(makeError("", result.message));
    }
    if (result.schedule)
        result.schedule->mapping = project.options.mapping;
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return result;
}

} // namespace kapla
