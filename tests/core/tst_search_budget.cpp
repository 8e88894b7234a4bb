// The budget of the sampling searches on a clock the test moves: a time budget holds its wind-down
// (sampling ends early enough for the search to end within the budget), a stop request gets the
// wind-down after it, and an evaluation budget's wind-down does not depend on the clock.
#include "solve/search_budget.h"

#include <QtTest>

#include <chrono>
#include <stop_token>

using namespace kapla;
using namespace std::chrono_literals;

namespace {

/// A clock that moves only when told to.
struct FakeClock {
    SearchBudget::Clock::time_point now{};
    SearchBudget::Now reader()
    {
        return [this] { return now; };
    }
    void set(std::chrono::milliseconds sinceStart) { now = SearchBudget::Clock::time_point{} + sinceStart; }
};

} // namespace

class TstSearchBudget : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void timeBudgetHoldsItsWindDown()
    {
        FakeClock clock;
        const SearchBudget budget(2.0, 0, {}, 500ms, clock.reader());
        clock.set(1499ms);
        QVERIFY(!budget.exhausted());
        clock.set(1500ms);
        QVERIFY(budget.exhausted());
        QVERIFY(budget.budgetEnded());
        QVERIFY(!budget.cancelled());
        clock.set(2000ms);
        QVERIFY(budget.exhausted());
        QVERIFY(!budget.searchStop().stop_requested());
        clock.set(2001ms);
        QVERIFY(budget.exhausted());
        QVERIFY(budget.searchStop().stop_requested());
    }

    void shortTimeBudgetSamplesHalfOfIt()
    {
        FakeClock clock;
        const SearchBudget budget(0.4, 0, {}, 500ms, clock.reader());
        clock.set(199ms);
        QVERIFY(!budget.exhausted());
        clock.set(201ms);
        QVERIFY(budget.exhausted());
        clock.set(699ms);
        QVERIFY(budget.exhausted());
        QVERIFY(!budget.searchStop().stop_requested());
        clock.set(702ms);
        QVERIFY(budget.exhausted());
        QVERIFY(budget.searchStop().stop_requested());
    }

    void stopRequestGetsTheWindDownAfterIt()
    {
        FakeClock clock;
        std::stop_source caller;
        const SearchBudget budget(0, 0, caller.get_token(), 500ms, clock.reader());
        clock.set(10000ms);
        QVERIFY(!budget.exhausted());
        caller.request_stop();
        QVERIFY(budget.exhausted());
        QVERIFY(budget.cancelled());
        QVERIFY(!budget.budgetEnded());
        clock.set(10500ms);
        QVERIFY(budget.exhausted());
        QVERIFY(!budget.searchStop().stop_requested());
        clock.set(10501ms);
        QVERIFY(budget.exhausted());
        QVERIFY(budget.searchStop().stop_requested());
    }

    void evaluationBudgetWindsDownWhateverTheClock()
    {
        FakeClock clock;
        SearchBudget budget(0, 100, {}, 500ms, clock.reader());
        budget.evaluations() = 99;
        budget.checkEvaluations();
        QVERIFY(!budget.exhausted());
        budget.evaluations() = 100;
        budget.checkEvaluations();
        QVERIFY(budget.exhausted());
        QVERIFY(budget.budgetEnded());
        clock.set(std::chrono::hours(1));
        QVERIFY(budget.exhausted());
        QVERIFY(!budget.searchStop().stop_requested());
    }
};

QTEST_APPLESS_MAIN(TstSearchBudget)
#include "tst_search_budget.moc"
