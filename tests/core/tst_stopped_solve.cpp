// Stopped solves: a stop request (as Ctrl-C makes one) returns the best complete schedule found or
// completed in the wind-down, which writes and reads back, or says that there is none. The stops are placed by the search's own
// progress reports, not by a clock, and the wind-down is given all the time it needs.
#include "cost/evaluator.h"
#include "io/schedule_io.h"
#include "model/resolved_project.h"
#include "solve/solver.h"
#include "test_projects.h"
#include "util/file_access.h"

#include <QTemporaryDir>
#include <QtTest>

#include <chrono>
#include <stop_token>

using namespace kapla;

Q_DECLARE_METATYPE(kapla::SolverKind)

namespace {

constexpr const char* kSetupC = "sample_projects/golden/setup-c-mlp_s-b16.yaml";

// Solves with a stop requested by the first progress report (or before the solve when `before`).
SolveResult solveStopped(SolverKind solver, bool before, std::chrono::milliseconds windDown = std::chrono::hours(1))
{
    const Project p = test::loadProject(kSetupC, solver);
    SolveSettings settings;
    settings.threads = 1;
    settings.windDown = windDown;
    std::stop_source stop;
    if (before)
        stop.request_stop();
    return solve(p, settings, stop.get_token(), [&stop](const SolveProgress&) { stop.request_stop(); });
}

} // namespace

class TestStoppedSolve : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everySearchCompletesItsScheduleOnStop_data()
    {
        QTest::addColumn<SolverKind>("solver");
        QTest::newRow("random") << SolverKind::Random;
        QTest::newRow("ml") << SolverKind::Ml;
        // Stopped in their first layer (exhaustive) or before their DP (KAPLA): every layer is completed
        // as its own segment.
        QTest::newRow("exhaustive") << SolverKind::Exhaustive;
        QTest::newRow("kapla") << SolverKind::Kapla;
    }
    void everySearchCompletesItsScheduleOnStop()
    {
        QFETCH(SolverKind, solver);
        const SolveResult r = solveStopped(solver, false);
        QCOMPARE(terminationKeyword(r.termination), std::string_view("cancelled"));
        QVERIFY2(r.schedule && r.evaluation, r.message.c_str());
        QVERIFY2(r.message.find("cancelled; the best schedule completed so far") != std::string::npos,
                 r.message.c_str());
        // No schedule beats the exhaustive optimum of this setup (172,309,688).
        QVERIFY(r.evaluation->totalCost >= 172309688.0 * (1 - 1e-9));

        // What the CLI writes reads back to the same schedule and the same totals.
        QTemporaryDir dir;
        const std::string path = dir.filePath("stopped.yaml").toStdString();
        QVERIFY(writeFileText(path, io::scheduleToYaml(*r.schedule)).empty());
        const auto back = io::loadScheduleFile(path);
        QVERIFY2(back, back ? "" : back.diagnostics().front().format().c_str());
        QCOMPARE(back.value(), *r.schedule);
        const auto problem = ResolvedProject::resolve(test::loadProject(kSetupC, solver));
        QVERIFY(problem);
        const auto again = evaluateSchedule(problem.value(), back.value());
        QVERIFY(again);
        QCOMPARE(again.value().totalCost, r.evaluation->totalCost);
        QCOMPARE(again.value().totalTime, r.evaluation->totalTime);
    }

    // Stopped before planning any segment (Ctrl-C at once, or in the planning of a very deep network):
    // every layer is planned and completed alone, so there is still a schedule to write.
    void stoppedBeforePlanningCompletesEachLayerAlone_data()
    {
        QTest::addColumn<SolverKind>("solver");
        QTest::newRow("exhaustive") << SolverKind::Exhaustive;
        QTest::newRow("kapla") << SolverKind::Kapla;
    }
    void stoppedBeforePlanningCompletesEachLayerAlone()
    {
        QFETCH(SolverKind, solver);
        const SolveResult r = solveStopped(solver, true);
        QCOMPARE(terminationKeyword(r.termination), std::string_view("cancelled"));
        QVERIFY2(r.schedule && r.evaluation, r.message.c_str());
        const Project p = test::loadProject(kSetupC, solver);
        QCOMPARE(r.schedule->segments.size(), p.network.size());
        for (const SegmentSchedule& segment : r.schedule->segments)
            QCOMPARE(segment.layers.size(), std::size_t{1});
        QVERIFY(r.evaluation->totalCost >= 172309688.0 * (1 - 1e-9));
    }

    // Without a wind-down nothing can be completed: the result says so instead of returning a part.
    void withoutACompleteScheduleTheStopSaysSo_data()
    {
        QTest::addColumn<SolverKind>("solver");
        QTest::newRow("exhaustive") << SolverKind::Exhaustive;
        QTest::newRow("kapla") << SolverKind::Kapla;
    }
    void withoutACompleteScheduleTheStopSaysSo()
    {
        QFETCH(SolverKind, solver);
        const SolveResult r = solveStopped(solver, true, std::chrono::milliseconds(0));
        QCOMPARE(terminationKeyword(r.termination), std::string_view("cancelled"));
        QVERIFY(!r.schedule && !r.evaluation);
        QVERIFY2(r.message.find("no complete schedule") != std::string::npos
                     || r.message.find("there is none to return") != std::string::npos,
                 r.message.c_str());
    }
};

QTEST_APPLESS_MAIN(TestStoppedSolve)
#include "tst_stopped_solve.moc"
