#pragma once
// The ML baseline's per-layer search (solver spec §6.4): an AutoTVM-style tuner per layer and condition.

#include "solve/layer_search_strategy.h"
#include "solve/ml/cost_model.h"
#include "solve/ml/simulated_annealing.h"
#include "solve/search_budget.h"

#include <functional>
#include <memory>
#include <string>

namespace kapla::ml {

/// Tuner parameters (the original's values by default).
struct TunerParams {
    std::size_t planSize = 100;      ///< points proposed per round
    std::int64_t trials = 1024;      ///< points measured per layer and condition at most
    double epsilon = 0.05;           ///< fraction of each plan drawn at random
    std::int64_t retrainEvery = 100; ///< new measurements between model fits
    AnnealingParams annealing;
};

/// Makes a fresh, untrained cost model.
using CostModelFactory = std::function<std::unique_ptr<CostModel>()>;

/// The tuner as a LayerSearchStrategy. Each search measures points of the layer's DesignSpace: random
/// ones first, then, once the model has been trained, annealing proposals on the model (ε of each plan
/// random), refitting every `retrainEvery` measurements; it returns the stable top-ntops measured. A
/// space no larger than `trials` is measured entirely. Once the budget is exhausted a search measures
/// random points until one is valid (a few at most). Deterministic per seed whatever the thread count.
class MlLayerSearch final : public LayerSearchStrategy
{
public:
    /// A tuner for `project`; `budget` must outlive it.
    MlLayerSearch(const Project& project, const Architecture& arch, SearchBudget& budget, std::uint64_t seed,
                  TunerParams params, CostModelFactory makeModel);

    std::vector<std::shared_ptr<const LayerChoice>> search(LayerId layer, const LayerCondition& cond,
                                                           WorkerPool& pool) override;

    /// The model's name (for messages).
    std::string modelName() const;
    /// Layer searches run so far.
    std::int64_t searches() const { return static_cast<std::int64_t>(m_calls); }

private:
    const Project& m_project;
    const Architecture& m_arch;
    SearchBudget& m_budget;
    std::uint64_t m_seed;
    TunerParams m_params;
    CostModelFactory m_makeModel;
    std::uint64_t m_calls = 0;
};

} // namespace kapla::ml
