// Budgets of the exhaustive search: they stop it as a stop request does (Budget, with the best
// schedule completed in the last layer if it got there, else the deepest partial schedule completed
// in the wind-down, or none and a message saying where it stopped); an evaluation budget stops it at
// the same place for any thread count; a budget it does not reach changes nothing; the KAPLA solver
// rejects budgets.
#include "io/project_io.h"
#include "solve/solver.h"
#include "test_projects.h"
#include "timing_bound.h"

#include <QtTest>

#include <chrono>

using namespace kapla;

namespace {

SolveResult run(const Project& project, SolveSettings settings, int threads)
{
    settings.threads = threads;
    std::stop_source never;
    return solve(project, settings, never.get_token());
}

// Setup C pipelines its layers, so several segments end at the last layer: an evaluation budget that
// ends during the last layer still leaves the schedules of the segments searched before.
const std::string kSetupC = "sample_projects/golden/setup-c-mlp_s-b16.yaml";

} // namespace

class TstExhaustiveBudget : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // Budgets from 5 % to 100 % of the unbudgeted search's count: before the last layer the wind-down
    // (given all the time it needs) completes the remaining layers; in it, the best of the completed
    // segments. Never better than the optimum; without a wind-down, a stop before the last layer has none.
    void evaluationBudgetStopsDeterministically()
    {
        const Project p = test::loadProject(kSetupC, SolverKind::Exhaustive);
        const SolveResult full = run(p, {}, 2);
        QVERIFY2(full.termination == Termination::Converged && full.evaluation, full.message.c_str());
        int inLastLayer = 0, completed = 0;
        for (int k = 1; k <= 20; ++k) {
            SolveSettings settings;
            settings.windDown = std::chrono::hours(1);
            settings.evaluationBudget = full.evaluations * k / 20;
            const SolveResult one = run(p, settings, 1);
            const SolveResult two = run(p, settings, 2);
            const std::string whatText = std::to_string(settings.evaluationBudget) + ": " + one.message;
            const char* what = whatText.c_str();
            QVERIFY2(one.termination == Termination::Budget || one.termination == Termination::Converged, what);
            QCOMPARE(two.termination, one.termination);
            QCOMPARE(two.evaluations, one.evaluations);
            QCOMPARE(two.message, one.message);
            QVERIFY(two.schedule == one.schedule);
            if (one.termination == Termination::Converged) {
                QCOMPARE(*one.schedule, *full.schedule);
                continue;
            }
            QVERIFY2(one.evaluations >= settings.evaluationBudget, what);
            QVERIFY2(one.schedule && one.evaluation, what);
            QVERIFY(one.evaluation->totalCost >= full.evaluation->totalCost);
            QVERIFY2(one.message.starts_with("exhaustive search stopped by the evaluation budget of "), what);
            const std::string lastLayer = " in the last layer, fc3 (layer 3 of 3); the best schedule completed "
                                          "before the stop, not the proven optimum: energy ";
            if (one.message.find(lastLayer) != std::string::npos) {
                ++inLastLayer;
                continue;
            }
            ++completed;
            QVERIFY2(one.message.find("; the best schedule completed so far (stopped at layer fc") != std::string::npos,
                     what);
            QVERIFY2(one.message.find(" layers each as its own segment at minimum sampling), not the proven "
                                      "optimum: energy ")
                         != std::string::npos,
                     what);
            settings.windDown = std::chrono::milliseconds(0);
            const SolveResult bare = run(p, settings, 1);
            QVERIFY(!bare.schedule && !bare.evaluation);
            const std::string head = "exhaustive search: no complete schedule within the evaluation budget of "
                                   + std::to_string(settings.evaluationBudget) + " loop blockings (";
            QVERIFY2(bare.message.starts_with(head), bare.message.c_str());
            QVERIFY2(bare.message.find("; it stopped at layer fc") != std::string::npos, bare.message.c_str());
        }
        qInfo("%d budgets stopped before the last layer, %d in it", completed, inLastLayer);
        QVERIFY(completed > 0);
        QVERIFY(inLastLayer > 0);
    }

    // AlexNet on the 16x16 mesh takes minutes: a time budget stops it about as fast as a cancel, far
    // from its last layer, and without a wind-down there is no schedule.
    void timeBudgetStopsWithoutSchedule()
    {
        const Project p = test::loadProject("sample_projects/alexnet-16x16.yaml", SolverKind::Exhaustive);
        SolveSettings settings;
        settings.timeBudgetSeconds = 0.3;
        settings.windDown = std::chrono::milliseconds(0);
        const auto start = std::chrono::steady_clock::now();
        const SolveResult r = run(p, settings, 2);
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        qInfo("returned after %.3f s: %s", seconds, r.message.c_str());
        QCOMPARE(r.termination, Termination::Budget);
        QVERIFY(!r.schedule && !r.evaluation);
        QVERIFY2(r.message.starts_with("exhaustive search: no complete schedule within the time budget of 0.3 s; it "
                                       "stopped at layer "),
                 r.message.c_str());
        QVERIFY(r.evaluations > 0);
        // Not before the budget is spent: a behaviour, whatever the machine's load.
        QVERIFY2(seconds >= 0.3, qPrintable(QString::number(seconds)));
        KAPLA_VERIFY_TIMING(seconds < 1.3, qPrintable(QString::number(seconds)));
    }

    void budgetNotReachedChangesNothing()
    {
        const Project p = test::loadProject(kSetupC, SolverKind::Exhaustive);
        const SolveResult plain = run(p, {}, 2);
        SolveSettings settings;
        settings.timeBudgetSeconds = 600;
        settings.evaluationBudget = plain.evaluations + 1;
        const SolveResult budgeted = run(p, settings, 2);
        QCOMPARE(budgeted.termination, Termination::Converged);
        QVERIFY(plain.schedule && budgeted.schedule);
        QCOMPARE(*budgeted.schedule, *plain.schedule);
        QCOMPARE(budgeted.evaluations, plain.evaluations);
        QCOMPARE(budgeted.message, plain.message);
    }

    void kaplaRejectsBudgets()
    {
        const Project p = test::loadProject("sample_projects/golden/setup-a-mlp_s-b8.yaml", SolverKind::Kapla);
        for (const bool time : {true, false}) {
            SolveSettings settings;
            if (time)
                settings.timeBudgetSeconds = 10;
            else
                settings.evaluationBudget = 10;
            const SolveResult r = run(p, settings, 1);
            QCOMPARE(r.termination, Termination::Failed);
            QVERIFY(!r.schedule);
            QVERIFY2(r.message.starts_with("the KAPLA solver takes no time or evaluation budget"), r.message.c_str());
            QCOMPARE(r.diagnostics.size(), std::size_t(1));
        }
        QCOMPARE(run(p, {}, 1).termination, Termination::Converged);
    }
};

QTEST_APPLESS_MAIN(TstExhaustiveBudget)
#include "tst_exhaustive_budget.moc"
