#pragma once
// The ML baseline's learned cost model (solver spec §6.4): ranks design points by predicted cost.

#include <memory>
#include <string>
#include <vector>

namespace kapla::ml {

/// Feature rows, one per design point.
using FeatureMatrix = std::vector<std::vector<double>>;

/// A model trained on measured points; lower predictions mean cheaper points.
class CostModel
{
public:
    virtual ~CostModel() = default;
    /// Trains from scratch on `rows` with `labels` (cost / max cost, so in (0, 1]).
    virtual void fit(const FeatureMatrix& rows, const std::vector<double>& labels) = 0;
    /// Predicted scores of `rows` (only their order is meaningful); 0s before the first fit.
    virtual std::vector<double> predict(const FeatureMatrix& rows) const = 0;
    /// Which model this is, for result messages.
    virtual std::string name() const = 0;
};

/// XGBoost with objective rank:pairwise (max_depth 3, eta 0.3, gamma 1e-4, min_child_weight 1,
/// subsample 1, lambda 1, alpha 0, 10 rounds, one thread), or null when built without XGBoost.
std::unique_ptr<CostModel> makeXgboostModel();

/// Ridge regression of log(label) on standardised features: the in-tree fallback.
std::unique_ptr<CostModel> makeRidgeModel(double lambda = 1.0);

/// XGBoost when available, else the ridge model.
std::unique_ptr<CostModel> makeCostModel();

} // namespace kapla::ml
