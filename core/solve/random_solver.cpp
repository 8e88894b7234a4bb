#include "solve/random_solver.h"

#include "solve/network_search.h"
#include "solve/solve_setup.h"

namespace kapla {

SolveResult solveRandom(const Project& project, const SolveSettings& settings, std::stop_token stop,
                        const ProgressCallback& progress, const SamplingProbabilities& probabilities)
{
    SolveSetup setup = prepareSolve(project, settings);
    if (!setup.problem)
        return std::move(setup.failure);
    SearchBudget budget(settings.timeBudgetSeconds, settings.evaluationBudget, std::move(stop), settings.windDown);
    const SamplingPolicy policy(settings.seed, probabilities, budget);

    NetworkSearchSettings ns;
    ns.threads = setup.threads;
    // The original's random searcher derives from KaplaSearcher, which tries every sampled combination.
    ns.frontierPruning = false;
    ns.sampling = &policy;
    ns.budget = &budget;
    NetworkSearchOutcome outcome = searchNetworkSchedule(project, setup.problem->architecture(), ns,
                                                         budget.searchStop(), progress);
    return sampledSearchResult(*setup.problem, std::move(outcome), budget, "random search");
}

} // namespace kapla
