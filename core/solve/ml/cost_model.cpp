#include "solve/ml/cost_model.h"

#include <algorithm>
#include <cmath>

namespace kapla::ml {

namespace {

/// Ridge regression on standardised features; the target is log(label) since costs span decades.
class RidgeModel final : public CostModel
{
public:
    explicit RidgeModel(double lambda)
        : m_lambda(lambda)
    {
    }

    void fit(const FeatureMatrix& rows, const std::vector<double>& labels) override
    {
        if (rows.empty())
            return;
        const std::size_t d = rows.front().size();
        standardise(rows, d);
        // Normal equations (ZᵀZ + λI) w = Zᵀy with an unpenalised intercept (the target mean).
        double mean = 0;
        for (const double l : labels)
            mean += std::log(std::max(l, 1e-300));
        mean /= static_cast<double>(labels.size());
        std::vector<std::vector<double>> a(d, std::vector<double>(d + 1, 0.0));
        for (std::size_t r = 0; r < rows.size(); ++r) {
            const std::vector<double> z = standardised(rows[r]);
            const double y = std::log(std::max(labels[r], 1e-300)) - mean;
            for (std::size_t i = 0; i < d; ++i) {
                for (std::size_t j = 0; j < d; ++j)
                    a[i][j] += z[i] * z[j];
                a[i][d] += z[i] * y;
            }
        }
        for (std::size_t i = 0; i < d; ++i)
            a[i][i] += m_lambda;
        m_weights = solveSymmetric(a);
        m_intercept = mean;
    }

    std::vector<double> predict(const FeatureMatrix& rows) const override
    {
        std::vector<double> out(rows.size(), 0.0);
        if (m_weights.empty())
            return out;
        for (std::size_t r = 0; r < rows.size(); ++r) {
            const std::vector<double> z = standardised(rows[r]);
            double s = m_intercept;
            for (std::size_t i = 0; i < z.size() && i < m_weights.size(); ++i)
                s += z[i] * m_weights[i];
            out[r] = s;
        }
        return out;
    }

    std::string name() const override { return "ridge regression (in-tree fallback)"; }

private:
    void standardise(const FeatureMatrix& rows, std::size_t d)
    {
        m_mean.assign(d, 0.0);
        m_scale.assign(d, 0.0);
        for (const auto& row : rows)
            for (std::size_t i = 0; i < d; ++i)
                m_mean[i] += row[i];
        for (double& m : m_mean)
            m /= static_cast<double>(rows.size());
        for (const auto& row : rows)
            for (std::size_t i = 0; i < d; ++i)
                m_scale[i] += (row[i] - m_mean[i]) * (row[i] - m_mean[i]);
        for (double& s : m_scale)
            s = s > 0 ? std::sqrt(s / static_cast<double>(rows.size())) : 1.0;
    }

    std::vector<double> standardised(const std::vector<double>& row) const
    {
        std::vector<double> z(m_mean.size(), 0.0);
        for (std::size_t i = 0; i < z.size() && i < row.size(); ++i)
            z[i] = (row[i] - m_mean[i]) / m_scale[i];
        return z;
    }

    // Gauss–Jordan with partial pivoting on the augmented matrix [A | b]; A is positive definite.
    static std::vector<double> solveSymmetric(std::vector<std::vector<double>>& a)
    {
        const std::size_t d = a.size();
        for (std::size_t c = 0; c < d; ++c) {
            std::size_t pivot = c;
            for (std::size_t r = c + 1; r < d; ++r)
                if (std::abs(a[r][c]) > std::abs(a[pivot][c]))
                    pivot = r;
            std::swap(a[c], a[pivot]);
            for (std::size_t r = 0; r < d; ++r) {
                if (r == c || a[c][c] == 0)
                    continue;
                const double f = a[r][c] / a[c][c];
                for (std::size_t k = c; k <= d; ++k)
                    a[r][k] -= f * a[c][k];
            }
        }
        std::vector<double> w(d, 0.0);
        for (std::size_t i = 0; i < d; ++i)
            w[i] = a[i][i] != 0 ? a[i][d] / a[i][i] : 0.0;
        return w;
    }

    double m_lambda;
    std::vector<double> m_mean, m_scale, m_weights;
    double m_intercept = 0;
};

} // namespace

std::unique_ptr<CostModel> makeRidgeModel(double lambda) { return std::make_unique<RidgeModel>(lambda); }

std::unique_ptr<CostModel> makeCostModel()
{
    if (auto xgb = makeXgboostModel())
        return xgb;
    return makeRidgeModel();
}

} // namespace kapla::ml
