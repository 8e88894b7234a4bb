// GUI responsiveness while a long solve runs: a 5 ms heartbeat timer on the GUI thread of a shown
// main window, and the longest gap between its ticks. Prints the figures as JSON; the target is
// 50 ms. The test checks that the heartbeat and the progress reached the GUI while the solve ran;
// the `timing` run also fails on a gap that means the GUI thread was really blocked (250 ms), as the
// timing of a shared, loaded machine is noisy.

#include "main_window.h"
#include "solve_status_widget.h"

#include "session/project_document.h"
#include "session/run_list_model.h"
#include "session/solver_runner.h"
#include "timing_bound.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <vector>

namespace {

constexpr int kHeartbeatMs = 5;
constexpr int kMeasureMs = 4000;
constexpr qint64 kTargetGapMs = 50;
constexpr qint64 kBlockedGapMs = 250;

struct Heartbeat {
    QElapsedTimer clock;
    qint64 last = 0;
    qint64 maxGapNs = 0;
    std::vector<qint64> gapsNs;

    void tick()
    {
        const qint64 now = clock.nsecsElapsed();
        if (last > 0) {
            maxGapNs = std::max(maxGapNs, now - last);
            gapsNs.push_back(now - last);
        }
        last = now;
    }
    double percentileMs(double p)
    {
        if (gapsNs.empty())
            return 0;
        std::sort(gapsNs.begin(), gapsNs.end());
        return static_cast<double>(gapsNs[static_cast<std::size_t>(p * static_cast<double>(gapsNs.size() - 1))]) / 1e6;
    }
};

} // namespace

class TestResponsiveness : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void heartbeatDuringSolve();
};

void TestResponsiveness::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setApplicationName(QStringLiteral("kapla-ui-tests"));
}

void TestResponsiveness::heartbeatDuringSolve()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.loadProject(QStringLiteral(KAPLA_SOURCE_DIR "/sample_projects/alexnet-16x16.yaml"), nullptr));
    ProjectDocument* doc = window.document();
    QSignalSpy progress(doc->runner(), &SolverRunner::progressChanged);
    QSignalSpy finished(doc->runs(), &RunListModel::runFinished);

    Heartbeat beat;
    QTimer timer;
    timer.setTimerType(Qt::PreciseTimer);
    timer.setInterval(kHeartbeatMs);
    QObject::connect(&timer, &QTimer::timeout, [&beat] { beat.tick(); });
    beat.clock.start();
    timer.start();
    // Exhaustive search of AlexNet on 16x16 nodes: minutes of work on every core.
    QVERIFY(window.solve(kapla::SolverKind::Exhaustive));
    QTest::qWait(kMeasureMs);
    timer.stop();
    const bool ranThrough = doc->runner()->isRunning();
    const double fraction = progress.isEmpty() ? 0 : progress.last().at(1).value<SolverProgress>().fraction;
    const QString status = window.solveStatus()->detailsText();
    doc->cancelSolve();
    QVERIFY(finished.wait(5000));

    const double maxGapMs = static_cast<double>(beat.maxGapNs) / 1e6;
    qInfo(R"({"benchmark": "gui_heartbeat_during_solve", "solver": "exhaustive", "project": "alexnet-16x16", )"
          R"("heartbeat_ms": %d, "measured_ms": %d, "ticks": %zu, "max_gap_ms": %.1f, "p99_gap_ms": %.1f, )"
          R"("median_gap_ms": %.1f, "target_ms": %lld, "progress_signals": %lld, "solve_fraction": %.3f})",
          kHeartbeatMs, kMeasureMs, beat.gapsNs.size() + 1, maxGapMs, beat.percentileMs(0.99), beat.percentileMs(0.5),
          kTargetGapMs, static_cast<long long>(progress.count()), fraction);
    qInfo("status bar while solving: %s", qPrintable(status));
    QVERIFY2(ranThrough, "the solve ended before the measurement did; choose a longer one");
    QVERIFY2(beat.gapsNs.size() >= 2, "the heartbeat did not tick while the solve ran");
    QVERIFY2(progress.count() >= 2, "no progress reached the GUI while the solve ran");
    KAPLA_VERIFY_TIMING(progress.count() >= kMeasureMs / 200, "fewer progress signals than 5 a second");
    KAPLA_VERIFY_TIMING(maxGapMs < kBlockedGapMs,
                        qPrintable(QStringLiteral("GUI thread blocked for %1 ms").arg(maxGapMs)));
    if (maxGapMs >= kTargetGapMs)
        qWarning("max gap %.1f ms is above the %lld ms target (machine load?)", maxGapMs, kTargetGapMs);
}

QTEST_MAIN(TestResponsiveness)
#include "tst_responsiveness.moc"
