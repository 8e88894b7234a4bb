#include "solve/ml/cost_model.h"

#ifdef KAPLA_HAVE_XGBOOST
#include <xgboost/c_api.h>

#include <limits>
#include <stdexcept>
#include <string>
#include <vector>
#endif

namespace kapla::ml {

#ifdef KAPLA_HAVE_XGBOOST

namespace {

void check(int status)
{
    if (status != 0)
        throw std::runtime_error(std::string("XGBoost: ") + XGBGetLastError());
}

/// An owned DMatrix built from feature rows.
class Matrix
{
public:
    explicit Matrix(const FeatureMatrix& rows)
    {
        const std::size_t cols = rows.empty() ? 0 : rows.front().size();
        std::vector<float> flat;
        flat.reserve(rows.size() * cols);
        for (const auto& row : rows)
            for (const double v : row)
                flat.push_back(static_cast<float>(v));
        check(
            XGDMatrixCreateFromMat(flat.data(), rows.size(), cols, std::numeric_limits<float>::quiet_NaN(), &m_handle));
    }
    ~Matrix() { XGDMatrixFree(m_handle); }
    Matrix(const Matrix&) = delete;
    Matrix& operator=(const Matrix&) = delete;
    DMatrixHandle handle() const { return m_handle; }

private:
    DMatrixHandle m_handle = nullptr;
};

class XgboostModel final : public CostModel
{
public:
    ~XgboostModel() override { reset(); }

    void fit(const FeatureMatrix& rows, const std::vector<double>& labels) override
    {
        reset();
        if (rows.empty())
            return;
        Matrix train(rows);
        std::vector<float> y(labels.begin(), labels.end());
        check(XGDMatrixSetFloatInfo(train.handle(), "label", y.data(), y.size()));
        const DMatrixHandle cache[] = {train.handle()};
        check(XGBoosterCreate(cache, 1, &m_booster));
        static constexpr const char* kParams[][2] = {{"objective", "rank:pairwise"},
                                                     {"max_depth", "3"},
                                                     {"eta", "0.3"},
                                                     {"gamma", "0.0001"},
                                                     {"min_child_weight", "1"},
                                                     {"subsample", "1"},
                                                     {"lambda", "1"},
                                                     {"alpha", "0"},
                                                     {"nthread", "1"},
                                                     {"seed", "0"},
                                                     {"verbosity", "0"}};
        for (const auto& [key, value] : kParams)
            check(XGBoosterSetParam(m_booster, key, value));
        for (int round = 0; round < 10; ++round)
            check(XGBoosterUpdateOneIter(m_booster, round, train.handle()));
    }

    std::vector<double> predict(const FeatureMatrix& rows) const override
    {
        std::vector<double> out(rows.size(), 0.0);
        if (!m_booster || rows.empty())
            return out;
        Matrix m(rows);
        bst_ulong len = 0;
        const float* values = nullptr;
        check(XGBoosterPredict(m_booster, m.handle(), 0, 0, 0, &len, &values));
        for (std::size_t i = 0; i < out.size() && i < len; ++i)
            out[i] = values[i];
        return out;
    }

    std::string name() const override { return "XGBoost rank:pairwise"; }

private:
    void reset()
    {
        if (m_booster)
            XGBoosterFree(m_booster);
        m_booster = nullptr;
    }

    BoosterHandle m_booster = nullptr;
};

} // namespace

std::unique_ptr<CostModel> makeXgboostModel() { return std::make_unique<XgboostModel>(); }

#else

std::unique_ptr<CostModel> makeXgboostModel() { return nullptr; }

#endif

} // namespace kapla::ml
