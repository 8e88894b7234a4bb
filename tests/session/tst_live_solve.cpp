// Live re-solve: with it on, each edit re-solves the project with KAPLA after a pause; the result
// lands in the one "live" entry of the runs list (replaced by each live solve), equals a full solve
// of the edited project, reuses the per-layer work the edit cannot change, and becomes a normal run
// when the user keeps it (an undoable step). While it solves, the entry shows its progress.
#include "session/live_solve.h"
#include "session/project_document.h"
#include "session/run_list_model.h"
#include "session_test_util.h"

#include "report/chart_data.h"
#include "session/qt_text.h"
#include "solve/kapla/kapla_memo.h"
#include "solve/kapla_solver.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QUndoStack>

#include <atomic>
#include <chrono>
#include <memory>
#include <thread>

namespace {

constexpr int kSolveTimeoutMs = 120000;
constexpr int kFc3Row = 18; // AlexNet's last layer: an edit of its outputs changes no other layer

// What a user's solve of the open project with KAPLA gives.
kapla::SolveResult fullSolve(const kapla::Project& project)
{
    kapla::Project p = project;
    p.options.solver = kapla::SolverKind::Kapla;
    return kapla::solve(p, kapla::settingsFromOptions(p.options), std::stop_token{});
}

void checkSameAsFullSolve(const RunEntry& entry, const kapla::Project& project)
{
    const kapla::SolveResult full = fullSolve(project);
    QVERIFY(entry.run && entry.run->schedule && full.schedule);
    QVERIFY(*entry.run->schedule == *full.schedule);
    QCOMPARE(entry.run->evaluation->totalCost, full.evaluation->totalCost);
    QCOMPARE(entry.run->evaluation->totalTime, full.evaluation->totalTime);
}

void editFc3Outputs(ProjectDocument& doc, int nofm)
{
    DraftLayer layer = doc.networkDraft().layers.at(kFc3Row);
    layer.params.nofm = nofm;
    doc.setLayer(kFc3Row, layer);
}

int waitForLiveRun(QSignalSpy& solved)
{
    if (solved.isEmpty() && !solved.wait(kSolveTimeoutMs))
        return 0;
    return solved.takeFirst().at(0).toInt();
}

} // namespace

class TestLiveSolve : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void liveEntryFollowsEditsUntilKept()
    {
        ProjectDocument doc;
        QStringList errors;
        QVERIFY(doc.load(kapla::test::samplePath(QStringLiteral("alexnet-16x16.yaml")), &errors));
        LiveSolve* live = doc.liveSolve();
        live->setDebounce(20);
        QSignalSpy solved(live, &LiveSolve::solved);
        QSignalSpy finished(doc.runs(), &RunListModel::runFinished);

        live->setEnabled(true);
        const int id = waitForLiveRun(solved);
        QVERIFY(id > 0);
        QCOMPARE(doc.runs()->rowCount(), 1);
        QCOMPARE(doc.runs()->liveRunId(), id);
        QVERIFY(doc.runs()->runById(id)->run->label == RunListModel::kLiveLabel);
        QVERIFY(doc.runs()->finishedRuns().empty()); // not saved with the project until kept
        QVERIFY(!doc.isDirty());
        const kapla::KaplaMemo::Counts cold = live->memo().counts();

        // An edit re-solves into the same entry, reusing what the edit leaves valid.
        editFc3Outputs(doc, 500);
        QCOMPARE(waitForLiveRun(solved), id);
        QCOMPARE(doc.runs()->rowCount(), 1);
        const RunEntry* entry = doc.runs()->runById(id);
        QVERIFY(entry->live);
        QCOMPARE(entry->project().network, doc.project().network);
        checkSameAsFullSolve(*entry, doc.project());
        const kapla::KaplaMemo::Counts warm = live->memo().counts();
        QVERIFY(warm.layersReused > cold.layersReused);
        QVERIFY(warm.layersSolved - cold.layersSolved < cold.layersSolved / 4);

        // Undo is an edit too: back to the first project, every layer problem already solved.
        doc.undoStack()->undo();
        QCOMPARE(waitForLiveRun(solved), id);
        QCOMPARE(live->memo().counts().layersSolved, warm.layersSolved);
        checkSameAsFullSolve(*doc.runs()->runById(id), doc.project());
        QVERIFY(finished.isEmpty());

        // Kept, it is a normal run named by what it solved, saved with the project: an undoable step.
        QVERIFY(!doc.isDirty());
        QVERIFY(doc.keepLiveRun());
        const std::string keptLabel = doc.runs()->runById(id)->run->label;
        QVERIFY(keptLabel != RunListModel::kLiveLabel);
        const auto expectKept = [&] {
            QCOMPARE(doc.runs()->liveRunId(), 0);
            QVERIFY(!doc.runs()->runById(id)->live);
            QCOMPARE(doc.runs()->runById(id)->run->label, keptLabel);
            QCOMPARE(doc.runs()->finishedRuns().size(), std::size_t{1});
            QVERIFY(doc.isDirty());
        };
        expectKept();
        QVERIFY(finished.isEmpty());
        QCOMPARE(doc.undoStack()->undoText(), QStringLiteral("Keep Live Run #%1").arg(id));
        // Undone, it is the live entry again with the same result, and nothing is left to save.
        const kapla::RunPtr keptResult = doc.runs()->runById(id)->run;
        doc.undoStack()->undo();
        QCOMPARE(doc.runs()->liveRunId(), id);
        QCOMPARE(doc.runs()->runById(id)->run->label, std::string(RunListModel::kLiveLabel));
        QVERIFY(*doc.runs()->runById(id)->run->schedule == *keptResult->schedule);
        QVERIFY(doc.runs()->finishedRuns().empty());
        QVERIFY(!doc.isDirty());
        doc.undoStack()->redo();
        expectKept();
        QVERIFY(!doc.keepLiveRun()); // nothing live left to keep

        // The next edit starts a new live entry.
        editFc3Outputs(doc, 250);
        const int next = waitForLiveRun(solved);
        QVERIFY(next > id);
        QCOMPARE(doc.runs()->rowCount(), 2);
        QCOMPARE(doc.runs()->liveRunId(), next);
        QCOMPARE(doc.runs()->finishedRuns().size(), std::size_t{1});

        // Undoing the edit and the keep: the kept run is the one live entry again, the newer one gone.
        doc.undoStack()->undo();
        QCOMPARE(waitForLiveRun(solved), next);
        doc.undoStack()->undo();
        QCOMPARE(doc.runs()->rowCount(), 1);
        QCOMPARE(doc.runs()->liveRunId(), id);
        QVERIFY(doc.runs()->finishedRuns().empty());
    }

    void liveEntryShowsProgressThenTotals()
    {
        ProjectDocument doc;
        QStringList errors;
        QVERIFY(doc.load(kapla::test::samplePath(QStringLiteral("alexnet-16x16.yaml")), &errors));
        LiveSolve* live = doc.liveSolve();
        live->setDebounce(0);
        // A solve that reports 42 % and waits to be let go, then solves, or finds nothing.
        auto release = std::make_shared<std::atomic<bool>>(false);
        auto findNothing = std::make_shared<std::atomic<bool>>(false);
        live->runner()->setSolveFunction(
            [release, findNothing](const kapla::Project& project, const kapla::SolveSettings& settings,
                                   std::stop_token stop, const kapla::ProgressCallback& progress) {
                progress({0.42, -1, 0, "layer conv1"});
                while (!*release && !stop.stop_requested())
                    std::this_thread::sleep_for(std::chrono::milliseconds(5));
                if (!*findNothing)
                    return kapla::solve(project, settings, stop);
                kapla::SolveResult none;
                none.termination = kapla::Termination::NoSchedule;
                none.message = "no partition fits the GBUF";
                return none;
            });
        QSignalSpy solved(live, &LiveSolve::solved);
        const auto firstLine = [&] {
            const int row = doc.runs()->rowOfId(doc.runs()->liveRunId());
            return row < 0 ? QString() : doc.runs()->index(row).data().toString().section(QLatin1Char('\n'), 0, 0);
        };

        live->setEnabled(true);
        QTRY_COMPARE_WITH_TIMEOUT(firstLine(), QStringLiteral("#1  live — solving… 42 %"), 10000);
        QCOMPARE(doc.runs()->rowCount(), 1);
        *release = true;
        const int id = waitForLiveRun(solved);
        QCOMPARE(id, 1);
        const kapla::Evaluation& eval = *doc.runs()->runById(id)->run->evaluation;
        const QString totals = toQString(kapla::formatEnergy(eval.totalCost, eval.energyUnit));
        QVERIFY2(firstLine().startsWith(QStringLiteral("#1  live — ") + totals), qPrintable(firstLine()));

        // A re-solve shows its progress in the same entry, which keeps the last result meanwhile.
        *release = false;
        *findNothing = true;
        editFc3Outputs(doc, 500);
        QTRY_COMPARE_WITH_TIMEOUT(firstLine(), QStringLiteral("#1  live — solving… 42 %"), 10000);
        QVERIFY(doc.runs()->runById(id)->run->hasResult());
        *release = true;
        QCOMPARE(waitForLiveRun(solved), id);
        QCOMPARE(firstLine(), QStringLiteral("#1  live — no schedule found (no-schedule)"));
        QVERIFY(doc.runs()->index(0).data(Qt::ToolTipRole).toString().contains(QStringLiteral("no partition fits")));

        // Turned off while it solves, the entry stops saying so.
        *release = false;
        editFc3Outputs(doc, 400);
        QTRY_COMPARE_WITH_TIMEOUT(firstLine(), QStringLiteral("#1  live — solving… 42 %"), 10000);
        live->setEnabled(false);
        QCOMPARE(doc.runs()->rowCount(), 1);
        QCOMPARE(firstLine(), QStringLiteral("#1  live — no schedule found (no-schedule) (differs)"));
    }

    void offSolvesNothing()
    {
        ProjectDocument doc;
        QStringList errors;
        QVERIFY(doc.load(kapla::test::samplePath(QStringLiteral("alexnet-16x16.yaml")), &errors));
        doc.liveSolve()->setDebounce(0);
        editFc3Outputs(doc, 500);
        QVERIFY(!doc.liveSolve()->isPending());
        QTest::qWait(50);
        QCOMPARE(doc.runs()->rowCount(), 0);
    }

    void rapidEditsGiveOneSolveOfTheLast()
    {
        ProjectDocument doc;
        QStringList errors;
        QVERIFY(doc.load(kapla::test::samplePath(QStringLiteral("alexnet-16x16.yaml")), &errors));
        LiveSolve* live = doc.liveSolve();
        live->setDebounce(200);
        QSignalSpy solved(live, &LiveSolve::solved);
        QSignalSpy started(live->runner(), &SolverRunner::started);
        live->setEnabled(true);
        for (const int nofm : {900, 800, 700})
            editFc3Outputs(doc, nofm);
        const int id = waitForLiveRun(solved);
        QVERIFY(id > 0);
        QCOMPARE(started.count(), 1); // the pause swallowed the edits before it ended
        QCOMPARE(doc.runs()->runById(id)->project().network, doc.project().network);
    }
};

QTEST_GUILESS_MAIN(TestLiveSolve)
#include "tst_live_solve.moc"
