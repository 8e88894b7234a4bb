// SolverRunner: start, throttled progress, cancel latency, stale-result dropping, shutdown; the
// runs list of a document under QAbstractItemModelTester; the real solve API end to end.

#include "session/project_document.h"
#include "session/run_list_model.h"
#include "session/solver_runner.h"
#include "session_test_util.h"
#include "timing_bound.h"

#include "io/project_io.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

// A stand-in solver with a known duration that reports progress and honours the stop token.
struct FakeSolver {
    int durationMs = 500;
    bool flood = false; ///< report progress without pausing
    std::shared_ptr<std::atomic<long>> calls = std::make_shared<std::atomic<long>>(0);
    std::shared_ptr<std::atomic<bool>> returned = std::make_shared<std::atomic<bool>>(false);
    std::shared_ptr<std::atomic<bool>> stopped = std::make_shared<std::atomic<bool>>(false); ///< saw the stop request

    kapla::SolveResult operator()(const kapla::Project&, const kapla::SolveSettings&, std::stop_token stop,
                                  const kapla::ProgressCallback& progress) const
    {
        const auto start = Clock::now();
        kapla::SolveResult result;
        result.termination = kapla::Termination::Converged;
        for (;;) {
            const double elapsed = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
            if (elapsed >= durationMs)
                break;
            if (stop.stop_requested()) {
                result.termination = kapla::Termination::Cancelled;
                *stopped = true;
                break;
            }
            kapla::SolveProgress p;
            p.fraction = elapsed / durationMs;
            p.bestCost = 1e6 - elapsed;
            p.evaluations = ++*calls;
            p.stage = "fake";
            progress(p);
            if (!flood)
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        result.message = "fake solve";
        result.evaluations = *calls;
        *returned = true;
        return result;
    }
};

kapla::Project mlpProject()
{
    return kapla::io::loadProjectFile(KAPLA_SOURCE_DIR "/sample_projects/golden/setup-a-mlp_s-b8.yaml").value();
}

SolveResultPtr resultOf(const QSignalSpy& spy, int i) { return spy.at(i).at(1).value<SolveResultPtr>(); }

bool exhaustiveAvailable()
{
    kapla::Project project = mlpProject();
    project.options.solver = kapla::SolverKind::Exhaustive;
    std::stop_source stopped;
    stopped.request_stop();
    const auto result = kapla::solve(project, {}, stopped.get_token());
    return result.message.find("not available") == std::string::npos;
}

} // namespace

class TestSolverRunner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void startProgressFinish();
    void progressThrottled();
    void cancelLatency();
    void staleResultDropped();
    void destructorCancelsAndWaits();
    void solverExceptionBecomesFailure();
    void documentListsRuns();
    void samplingSettingsFromOptions();
    void realSolveThroughTheApi();
    void exhaustiveSolvesGoldenSetup();
    void exhaustiveCancelLatency();
    void costAndDurationTexts();
};

void TestSolverRunner::startProgressFinish()
{
    SolverRunner runner;
    runner.setSolveFunction(FakeSolver{600});
    QSignalSpy started(&runner, &SolverRunner::started);
    QSignalSpy progress(&runner, &SolverRunner::progressChanged);
    QSignalSpy finished(&runner, &SolverRunner::finished);

    const quint64 job = runner.start(mlpProject());
    QVERIFY(job > 0);
    QVERIFY(runner.isRunning());
    QCOMPARE(started.count(), 1);
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.at(0).at(0).value<quint64>(), job);
    QCOMPARE(resultOf(finished, 0)->termination, kapla::Termination::Converged);
    QVERIFY(!runner.isRunning());

    QVERIFY2(progress.count() >= 3, qPrintable(QString::number(progress.count())));
    const auto last = progress.last().at(1).value<SolverProgress>();
    qInfo("last progress: %.3f done after %lld ms, %lld ms to go", last.fraction, last.elapsedMs, last.etaMs);
    QVERIFY(last.fraction > 0 && last.fraction <= 1);
    QVERIFY(last.bestCost > 0);
    QVERIFY(last.elapsedMs >= 500);
    QCOMPARE(last.stage, QStringLiteral("fake"));
    QVERIFY(last.etaMs >= 0);
    // How close to the end the last report of the solver came depends on its thread being scheduled.
    KAPLA_VERIFY_TIMING(last.fraction > 0.8 && last.etaMs < 200, "the last progress is far from the end");
}

void TestSolverRunner::progressThrottled()
{
    SolverRunner runner;
    FakeSolver fake{1000, true};
    runner.setSolveFunction(fake);
    QSignalSpy progress(&runner, &SolverRunner::progressChanged);
    QSignalSpy finished(&runner, &SolverRunner::finished);
    runner.start(mlpProject());
    QVERIFY(finished.wait(10000));
    const long calls = *fake.calls;
    qInfo("solver progress callbacks: %ld in 1 s; progress signals to the GUI: %lld", calls,
          static_cast<long long>(progress.count()));
    // ~10 Hz: at most 10 samples in a second, plus the final one; a loaded machine drops ticks and
    // runs fewer callbacks, so the lower bounds are the `timing` run's.
    QVERIFY2(progress.count() >= 1 && progress.count() <= 13, qPrintable(QString::number(progress.count())));
    KAPLA_VERIFY_TIMING(calls > 1000 && progress.count() >= 4, "too few callbacks or progress samples");
}

void TestSolverRunner::cancelLatency()
{
    SolverRunner runner;
    FakeSolver fake{60000};
    runner.setSolveFunction(fake);
    QSignalSpy progress(&runner, &SolverRunner::progressChanged);
    QSignalSpy finished(&runner, &SolverRunner::finished);
    runner.start(mlpProject());
    QVERIFY(progress.wait(5000));

    QElapsedTimer clock;
    clock.start();
    runner.cancel();
    const qint64 callNs = clock.nsecsElapsed();
    QVERIFY(finished.wait(5000));
    const qint64 latencyMs = clock.elapsed();
    qInfo("cancel() returned in %.3f ms; the cancelled result arrived %lld ms after cancel()",
          static_cast<double>(callNs) / 1e6, latencyMs);
    QCOMPARE(resultOf(finished, 0)->termination, kapla::Termination::Cancelled);
    QVERIFY(*fake.returned);
    KAPLA_VERIFY_TIMING(callNs < 200'000'000 && latencyMs < 200, "cancelling took longer than 200 ms");
}

void TestSolverRunner::staleResultDropped()
{
    SolverRunner runner;
    QSignalSpy finished(&runner, &SolverRunner::finished);
    QSignalSpy discarded(&runner, &SolverRunner::discarded);
    QSignalSpy progress(&runner, &SolverRunner::progressChanged);

    runner.setSolveFunction(FakeSolver{60000});
    const quint64 a = runner.start(mlpProject());
    runner.setSolveFunction(FakeSolver{300});
    const quint64 b = runner.start(mlpProject());
    QVERIFY(a != b);
    QCOMPARE(runner.currentJob(), b);

    QVERIFY(finished.wait(10000));
    QTRY_COMPARE_WITH_TIMEOUT(discarded.count(), 1, 5000);
    QCOMPARE(discarded.at(0).at(0).value<quint64>(), a);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.at(0).at(0).value<quint64>(), b);
    QCOMPARE(resultOf(finished, 0)->termination, kapla::Termination::Converged);
    for (const auto& signal : progress)
        QCOMPARE(signal.at(0).value<quint64>(), b); // no progress of A after B started
    QCOMPARE(runner.activeJobs(), 0);
}

void TestSolverRunner::destructorCancelsAndWaits()
{
    FakeSolver fake{60000};
    QElapsedTimer clock;
    {
        SolverRunner runner;
        runner.setSolveFunction(fake);
        runner.start(mlpProject());
        QTest::qWait(50);
        clock.start();
    }
    const qint64 ms = clock.elapsed();
    qInfo("destroying a runner with a running job took %lld ms", ms);
    QVERIFY(*fake.stopped);  // the runner cancelled the job rather than waiting for it to end
    QVERIFY(*fake.returned); // the worker finished before the runner was gone
    KAPLA_VERIFY_TIMING(ms < 200, qPrintable(QStringLiteral("took %1 ms").arg(ms)));
}

void TestSolverRunner::solverExceptionBecomesFailure()
{
    SolverRunner runner;
    runner.setSolveFunction(
        [](const kapla::Project&, const kapla::SolveSettings&, std::stop_token,
           const kapla::ProgressCallback&) -> kapla::SolveResult { throw std::runtime_error("boom"); });
    QSignalSpy finished(&runner, &SolverRunner::finished);
    runner.start(mlpProject());
    QVERIFY(finished.wait(5000));
    QCOMPARE(resultOf(finished, 0)->termination, kapla::Termination::Failed);
    QCOMPARE(resultOf(finished, 0)->message, std::string("internal error: boom"));
}

void TestSolverRunner::documentListsRuns()
{
    ProjectDocument doc;
    QAbstractItemModelTester tester(doc.runs(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(doc.load(kapla::test::samplePath(QStringLiteral("golden/setup-a-mlp_s-b8.yaml")), nullptr));
    doc.runner()->setSolveFunction(FakeSolver{300});
    QSignalSpy done(doc.runs(), &RunListModel::runFinished);

    QString error;
    const int first = doc.solve(&error);
    QVERIFY2(first > 0, qPrintable(error));
    QCOMPARE(doc.runs()->rowCount(), 1);
    const QModelIndex row0 = doc.runs()->index(0);
    QCOMPARE(row0.data(RunListModel::StatusRole).toString(), QStringLiteral("running"));
    QCOMPARE(row0.data(RunListModel::SolverRole).toString(), QStringLiteral("exhaustive"));
    QVERIFY(done.wait(5000));
    QCOMPARE(row0.data(RunListModel::StatusRole).toString(), QStringLiteral("converged"));
    QVERIFY(doc.runs()->runById(first)->run);

    // A second run supersedes a running one; both stay listed, the first marked as dropped.
    doc.runner()->setSolveFunction(FakeSolver{60000});
    const int second = doc.solve(&error, kapla::SolverKind::Random);
    doc.runner()->setSolveFunction(FakeSolver{200});
    const int third = doc.solve(&error);
    QCOMPARE(doc.runs()->rowCount(), 3);
    QCOMPARE(doc.runs()->runById(second)->project().options.solver, kapla::SolverKind::Random);
    QTRY_VERIFY_WITH_TIMEOUT(!doc.runs()->runById(third)->running() && !doc.runs()->runById(second)->running(), 5000);
    QCOMPARE(doc.runs()->runById(second)->run->termination, kapla::Termination::Cancelled);
    QVERIFY(!doc.runs()->runById(second)->run->schedule);
    QCOMPARE(doc.runs()->runById(third)->run->termination, kapla::Termination::Converged);
    QVERIFY(doc.runs()->index(2).data().toString().startsWith(QStringLiteral("#3  exhaustive")));
    QVERIFY(!doc.runs()->index(0).data(Qt::ToolTipRole).toString().isEmpty());

    // Runs belong to the project: opening another one clears them.
    QVERIFY(doc.load(kapla::test::samplePath(QStringLiteral("alexnet-16x16.yaml")), nullptr));
    QCOMPARE(doc.runs()->rowCount(), 0);
}

void TestSolverRunner::samplingSettingsFromOptions()
{
    ProjectDocument doc;
    QVERIFY(doc.load(kapla::test::samplePath(QStringLiteral("golden/setup-a-mlp_s-b8.yaml")), nullptr));
    kapla::Options options = doc.project().options;
    options.seed = 7;
    options.timeBudgetSeconds = 2.5;
    doc.setOptions(options, QStringLiteral("sampling"));
    auto seen = std::make_shared<std::vector<kapla::SolveSettings>>();
    auto mutex = std::make_shared<std::mutex>();
    doc.runner()->setSolveFunction([seen, mutex](const kapla::Project&, const kapla::SolveSettings& settings,
                                                 std::stop_token, const kapla::ProgressCallback&) {
        const std::lock_guard lock(*mutex);
        seen->push_back(settings);
        kapla::SolveResult result;
        result.termination = kapla::Termination::NoSchedule;
        return result;
    });
    QSignalSpy done(doc.runs(), &RunListModel::runFinished);
    QString error;
    for (const auto solver : {kapla::SolverKind::Random, kapla::SolverKind::Ml, kapla::SolverKind::Kapla}) {
        QVERIFY2(doc.solve(&error, solver) > 0, qPrintable(error));
        QVERIFY(done.wait(5000));
    }
    const std::lock_guard lock(*mutex);
    QCOMPARE(seen->size(), std::size_t{3});
    for (std::size_t sampled : {0, 1}) {
        QCOMPARE((*seen)[sampled].seed, std::uint64_t{7});
        QCOMPARE((*seen)[sampled].timeBudgetSeconds, 2.5);
    }
    QCOMPARE((*seen)[2].timeBudgetSeconds, 0.0); // KAPLA refuses a budget: it gets none
}

void TestSolverRunner::realSolveThroughTheApi()
{
    // kapla::solve itself: a solver that is not built yet comes back as Failed with its reason.
    ProjectDocument doc;
    QVERIFY(doc.load(kapla::test::samplePath(QStringLiteral("golden/setup-a-mlp_s-b8.yaml")), nullptr));
    QSignalSpy done(doc.runs(), &RunListModel::runFinished);
    QString error;
    const int id = doc.solve(&error, kapla::SolverKind::Ml);
    QVERIFY2(id > 0, qPrintable(error));
    QVERIFY(done.wait(120000));
    const RunEntry* entry = doc.runs()->runById(id);
    QVERIFY(entry && entry->run);
    const kapla::Run& run = *entry->run;
    qInfo("ml solver: %s — %s", kapla::terminationKeyword(run.termination).data(), run.message.c_str());
    if (run.termination == kapla::Termination::Failed)
        QVERIFY(!run.message.empty());
    else
        QVERIFY(run.evaluation || run.termination == kapla::Termination::NoSchedule);
}

void TestSolverRunner::exhaustiveSolvesGoldenSetup()
{
    if (!exhaustiveAvailable())
        QSKIP("the exhaustive solver is not in this build yet");
    ProjectDocument doc;
    QVERIFY(doc.load(kapla::test::samplePath(QStringLiteral("golden/setup-a-mlp_s-b8.yaml")), nullptr));
    QSignalSpy done(doc.runs(), &RunListModel::runFinished);
    QString error;
    const int id = doc.solve(&error);
    QVERIFY2(id > 0, qPrintable(error));
    QVERIFY(done.wait(280000));
    const RunEntry* entry = doc.runs()->runById(id);
    QVERIFY(entry && entry->run);
    const kapla::Run& run = *entry->run;
    QVERIFY2(run.evaluation, run.message.c_str());
    QCOMPARE(run.evaluation->totalCost, 133650080.0);
    qInfo("exhaustive on setup A / MLP-S batch 8: total cost %.0f (golden 133,650,080), %lld cycles, %.1f s",
          run.evaluation->totalCost, static_cast<long long>(run.evaluation->totalTime), run.seconds);
}

void TestSolverRunner::exhaustiveCancelLatency()
{
    if (!exhaustiveAvailable())
        QSKIP("the exhaustive solver is not in this build yet");
    kapla::Project project = kapla::io::loadProjectFile(KAPLA_SOURCE_DIR "/sample_projects/alexnet-16x16.yaml").value();
    project.options.solver = kapla::SolverKind::Exhaustive;
    SolverRunner runner;
    QSignalSpy progress(&runner, &SolverRunner::progressChanged);
    QSignalSpy finished(&runner, &SolverRunner::finished);
    runner.start(project);
    QTest::qWait(1500);
    QVERIFY2(finished.isEmpty(), "the solve ended before it could be cancelled");
    QElapsedTimer clock;
    clock.start();
    runner.cancel();
    const qint64 callNs = clock.nsecsElapsed();
    QVERIFY(finished.wait(10000));
    const qint64 latencyMs = clock.elapsed();
    const auto last = progress.isEmpty() ? SolverProgress{} : progress.last().at(1).value<SolverProgress>();
    qInfo("exhaustive on AlexNet 16x16, cancelled after 1.5 s at %.1f %%: cancel() returned in %.3f ms, the result "
          "arrived %lld ms later (%s)",
          last.fraction * 100, static_cast<double>(callNs) / 1e6, latencyMs,
          kapla::terminationKeyword(resultOf(finished, 0)->termination).data());
    QCOMPARE(resultOf(finished, 0)->termination, kapla::Termination::Cancelled);
    KAPLA_VERIFY_TIMING(latencyMs < 200, qPrintable(QStringLiteral("took %1 ms").arg(latencyMs)));
}

void TestSolverRunner::costAndDurationTexts()
{
    QCOMPARE(durationText(0.0123), QStringLiteral("12 ms"));
    QCOMPARE(durationText(9.74), QStringLiteral("9.7 s"));
    QCOMPARE(durationText(65), QStringLiteral("1 min 05 s"));
    QCOMPARE(durationText(7260), QStringLiteral("2 h 01 min"));
}

QTEST_GUILESS_MAIN(TestSolverRunner)
#include "tst_solver_runner.moc"
