#include "solve/ml_solver.h"

#include "solve/ml/ml_layer_search.h"
#include "solve/network_search.h"
#include "solve/sampling_policy.h"
#include "solve/solve_setup.h"

namespace kapla {

SolveResult solveMl(const Project& project, const SolveSettings& settings, std::stop_token stop,
                    const ProgressCallback& progress)
{
    SolveSetup setup = prepareSolve(project, settings);
    if (!setup.problem)
        return std::move(setup.failure);
    SearchBudget budget(settings.timeBudgetSeconds, settings.evaluationBudget, std::move(stop), settings.windDown);
    // The full network with a tuner per layer and every constraint combination is far too slow, so the
    // combinations are thinned as the random search does (the tuner replaces the partition and blocking stages).
    const SamplingPolicy policy(settings.seed, SamplingProbabilities{}, budget);
    ml::MlLayerSearch tuner(project, setup.problem->architecture(), budget, settings.seed, ml::TunerParams{},
                            ml::makeCostModel);

    NetworkSearchSettings ns;
    ns.threads = setup.threads;
    ns.frontierPruning = false;
    ns.sampling = &policy;
    ns.layerStrategy = &tuner;
    ns.budget = &budget;
    NetworkSearchOutcome outcome = searchNetworkSchedule(project, setup.problem->architecture(), ns,
                                                         budget.searchStop(), progress);
    SolveResult result = sampledSearchResult(*setup.problem, std::move(outcome), budget, "ML search");
    result.message += "; cost model: " + tuner.modelName() + ", " + std::to_string(tuner.searches()) + " layer tunings";
    return result;
}

} // namespace kapla
