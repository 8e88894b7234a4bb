// Live re-solve in the main window (offscreen): the toolbar toggle (remembered in the settings)
// re-solves after each edit; the result views follow the live entry in place, on the tab the user
// is editing, with the selected layer kept; Keep Live Run makes the entry a normal run. The time from
// an edit to updated views is printed (and bounded in the `timing` run).

#include "main_window.h"
#include "project_panel.h"

#include "session/live_solve.h"
#include "session/project_document.h"
#include "session/run_list_model.h"
#include "session/selection_context.h"
#include "session/solver_runner.h"

#include "timing_bound.h"

#include <QAction>
#include <QElapsedTimer>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <memory>

namespace {

const QString kProject = QStringLiteral(KAPLA_SOURCE_DIR "/sample_projects/alexnet-16x16.yaml");
constexpr int kSolveTimeoutMs = 120000;
constexpr int kFc3Row = 18; // AlexNet's last layer: an edit of its outputs changes no other layer

} // namespace

class TestLiveView : public QObject
{
    Q_OBJECT

    QTemporaryDir m_settingsDir;
    std::unique_ptr<MainWindow> m_window;

    ProjectDocument* document() const { return m_window->document(); }
    SelectionContext* selection() const { return m_window->selection(); }
    void editFc3Outputs(int nofm)
    {
        DraftLayer layer = document()->networkDraft().layers.at(kFc3Row);
        layer.params.nofm = nofm;
        document()->setLayer(kFc3Row, layer);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setApplicationName(QStringLiteral("kapla-ui-tests"));
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
        m_window = std::make_unique<MainWindow>();
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QStringList errors;
        QVERIFY2(m_window->loadProject(kProject, &errors), qPrintable(errors.join('\n')));
    }

    void toggleSolvesAndIsRemembered()
    {
        QAction* live = m_window->liveSolveAction();
        QVERIFY(live->isCheckable());
        QVERIFY(!live->isChecked());
        QCOMPARE(live->shortcut(), QKeySequence(Qt::Key_F6));
        QVERIFY(!live->toolTip().isEmpty());
        QVERIFY(!m_window->projectPanel()->keepLiveRunButton()->isVisibleTo(m_window.get()));
        m_window->showTab(MainWindow::Tab::Network);
        QSignalSpy changed(document()->runs(), &RunListModel::liveRunChanged);
        // While it solves, the live entry and the status bar say how far it is.
        QStringList whileSolving;
        const auto seen = connect(document()->liveSolve()->runner(), &SolverRunner::progressChanged, this, [&] {
            const QModelIndex entry = document()->runs()->index(
                document()->runs()->rowOfId(document()->runs()->liveRunId()));
            whileSolving << entry.data().toString().section(QLatin1Char('\n'), 0, 0)
                         << m_window->statusBar()->currentMessage();
        });
        live->trigger();
        QVERIFY(document()->liveSolve()->isEnabled());
        QVERIFY(QSettings().value(QStringLiteral("solve/live")).toBool());
        QVERIFY(changed.wait(kSolveTimeoutMs));
        disconnect(seen);
        QVERIFY(whileSolving.size() >= 2);
        QVERIFY2(whileSolving[0].startsWith(QStringLiteral("#1  live — solving… ")), qPrintable(whileSolving[0]));
        QVERIFY2(whileSolving[1].startsWith(QStringLiteral("Live re-solve: solving… ")), qPrintable(whileSolving[1]));
        const int id = document()->runs()->liveRunId();
        QCOMPARE(selection()->runId(), id);
        // The views follow in place: the user stays on the tab they edit in.
        QCOMPARE(m_window->editorTabs()->currentIndex(), static_cast<int>(MainWindow::Tab::Network));
        QVERIFY(m_window->projectPanel()->keepLiveRunButton()->isVisibleTo(m_window.get()));
    }

    void editUpdatesViewsKeepingTheLayer()
    {
        const int id = document()->runs()->liveRunId();
        QVERIFY(id > 0);
        selection()->selectLayer(QStringLiteral("conv4_b"));
        QCOMPARE(selection()->layer(), QStringLiteral("conv4_b"));
        const kapla::RunPtr before = selection()->result();
        QSignalSpy changed(document()->runs(), &RunListModel::liveRunChanged);
        editFc3Outputs(600);
        QVERIFY(changed.wait(kSolveTimeoutMs));
        QCOMPARE(changed.takeFirst().at(0).toInt(), id); // the same entry, replaced
        QCOMPARE(document()->runs()->rowCount(), 1);
        QVERIFY(selection()->result() != before);
        QCOMPARE(selection()->runId(), id);
        QCOMPARE(selection()->result()->project().network, document()->project().network);
        QCOMPARE(selection()->layer(), QStringLiteral("conv4_b"));
    }

    void editToUpdatedViews()
    {
        // Time an edit with a warm memo (the live solve of the project as it is ran first), as a user
        // editing one layer after another meets it, with the window's own pause.
        if (!document()->liveSolve()->isEnabled()) { // run alone (the `timing` run)
            QSignalSpy first(document()->runs(), &RunListModel::liveRunChanged);
            m_window->liveSolveAction()->trigger();
            QVERIFY(first.wait(kSolveTimeoutMs));
        }
        QTRY_VERIFY_WITH_TIMEOUT(!document()->liveSolve()->isPending(), kSolveTimeoutMs);
        QSignalSpy shown(selection(), &SelectionContext::resultChanged);
        QElapsedTimer clock;
        clock.start();
        editFc3Outputs(700);
        QVERIFY(shown.wait(kSolveTimeoutMs));
        const qint64 ms = clock.elapsed();
        qInfo("AlexNet 16x16: %lld ms from a layer edit to updated views (%d ms of it the pause after the edit)",
              static_cast<long long>(ms), LiveSolve::kDebounceMs);
        QCOMPARE(selection()->result()->project().network, document()->project().network);
        KAPLA_VERIFY_TIMING(ms < LiveSolve::kDebounceMs + 1000, "the live re-solve took over a second");
    }

    void keepMakesItANormalRun()
    {
        const int id = document()->runs()->liveRunId();
        QPushButton* keep = m_window->projectPanel()->keepLiveRunButton();
        QVERIFY(keep->isVisibleTo(m_window.get()));
        QTest::mouseClick(keep, Qt::LeftButton);
        QCOMPARE(document()->runs()->liveRunId(), 0);
        QVERIFY(!document()->runs()->runById(id)->live);
        QCOMPARE(document()->runs()->finishedRuns().size(), std::size_t{1});
        QVERIFY(!keep->isVisibleTo(m_window.get()));
        // Undone, the run is the live entry again, to be kept again.
        document()->undoStack()->undo();
        QCOMPARE(document()->runs()->liveRunId(), id);
        QVERIFY(keep->isVisibleTo(m_window.get()));
        document()->undoStack()->redo();
        QCOMPARE(document()->runs()->liveRunId(), 0);
        QVERIFY(!keep->isVisibleTo(m_window.get()));
        m_window->liveSolveAction()->trigger();
        QVERIFY(!document()->liveSolve()->isEnabled());
        QVERIFY(!QSettings().value(QStringLiteral("solve/live")).toBool());
    }

    void cleanupTestCase() { m_window.reset(); }
};

QTEST_MAIN(TestLiveView)
#include "tst_live_view.moc"
