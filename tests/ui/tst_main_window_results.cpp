// The main window's Results tab (offscreen): a KAPLA solve of the pipelined Setup C project shows
// its run in the result views, and one layer selection links the network editor, the directive
// tree and the charts. Runs are saved with the project, come back on open, are removed with undo,
// and `kapla export --run N` writes the same files as the GUI's export of that run.

#include "main_window.h"
#include "network_editor.h"
#include "project_panel.h"

#include "session/project_document.h"
#include "session/result_layer_model.h"
#include "session/run_list_model.h"
#include "session/selection_context.h"
#include "views/buffer_occupancy_view.h"
#include "views/directive_tree_view.h"
#include "views/energy_breakdown_view.h"
#include "views/figure_export.h"
#include "views/loop_nest_view.h"
#include "views/pipeline_timeline_view.h"
#include "views/results_panel.h"

#include "report/chart_data.h"

#include <QFile>
#include <QProcess>
#include <QUndoStack>

#include <QAction>
#include <QLabel>
#include <QListView>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include "views/qcp.h"

namespace {

const QString kProject = QStringLiteral(KAPLA_SOURCE_DIR "/sample_projects/golden/setup-c-mlp_s-b16.yaml");
constexpr int kSolveTimeoutMs = 240000;

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

int runCli(const QStringList& args, QString* err)
{
    QProcess p;
    p.start(QStringLiteral(KAPLA_CLI_EXE), args);
    if (!p.waitForFinished(120000))
        return -1;
    *err = QString::fromLocal8Bit(p.readAllStandardError());
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

} // namespace

class TestMainWindowResults : public QObject
{
    Q_OBJECT

    QTemporaryDir m_settingsDir;
    QTemporaryDir m_work;
    std::unique_ptr<MainWindow> m_window;
    QString m_saved; ///< the project saved with its run

    ResultsPanel* panel() const { return m_window->resultsPanel(); }
    void expectLayerEverywhere(const QString& layer);
    void replotCharts();

private Q_SLOTS:
    void initTestCase();
    void placeholderBeforeSolving();
    void solveShowsResults();
    void editorSelectionReachesViews();
    void chartClickReachesEditor();
    void directiveTreeReachesEditor();
    void activatingRunShowsIt();
    void runsAreSavedAndRestored();
    void cliExportOfRunMatchesGui_data();
    void cliExportOfRunMatchesGui();
    void cliExportRunOutOfRange();
    void removingRunIsUndoable();
    void closeTotalsReadApart();
    void runLinesAreWholeAtTheDefaultSize();
    void cleanupTestCase();
};

void TestMainWindowResults::initTestCase()
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

void TestMainWindowResults::cleanupTestCase() { m_window.reset(); }

void TestMainWindowResults::replotCharts()
{
    QCoreApplication::processEvents();
    for (auto* plot : panel()->findChildren<QCustomPlot*>())
        plot->replot();
}

// The editor, the directive tree, the layer table and every chart show `layer` as selected.
void TestMainWindowResults::expectLayerEverywhere(const QString& layer)
{
    QCoreApplication::processEvents();
    SelectionContext* selection = m_window->selection();
    const int index = kapla::layerIndex(*selection->result()->evaluation, layer.toStdString());
    QVERIFY(index >= 0);
    QCOMPARE(selection->layer(), layer);
    QCOMPARE(m_window->networkEditor()->currentLayer(), layer);
    QCOMPARE(panel()->energyView()->highlightedLayer(), index);
    QCOMPARE(panel()->occupancyView()->highlightedLayer(), index);
    QCOMPARE(panel()->timelineView()->highlightedLayer(), index);
    QCOMPARE(panel()->loopNestView()->shownLayer(), index);
    QCOMPARE(panel()->directiveTree()->currentPath(), selection->directive());
    QVERIFY(selection->directive().contains(layer));
    QCOMPARE(panel()->layerTable()->currentIndex().data(ResultLayerModel::IdRole).toString(), layer);
}

void TestMainWindowResults::placeholderBeforeSolving()
{
    m_window->showTab(MainWindow::Tab::Results);
    QVERIFY(!m_window->selection()->result());
    QVERIFY(!panel()->isVisible()); // a hint to solve instead of empty charts
    m_window->showTab(MainWindow::Tab::Network);
}

void TestMainWindowResults::solveShowsResults()
{
    QSignalSpy finished(m_window->document()->runs(), &RunListModel::runFinished);
    QVERIFY(m_window->solve(kapla::SolverKind::Kapla));
    QVERIFY(finished.wait(kSolveTimeoutMs));
    const RunEntry& run = m_window->document()->runs()->at(0);
    QVERIFY2(run.run && run.run->hasResult(), run.run ? run.run->message.c_str() : "running");

    QCOMPARE(m_window->editorTabs()->currentIndex(), static_cast<int>(MainWindow::Tab::Results));
    QVERIFY(panel()->isVisible());
    const auto& result = m_window->selection()->result();
    QVERIFY(result);
    QCOMPARE(result, run.run);
    QCOMPARE(m_window->selection()->runId(), run.id);
    const double total = run.run->evaluation->totalCost;
    const QString energy = QString::fromStdString(kapla::formatEnergy(total, run.run->evaluation->energyUnit));
    const auto* summary = m_window->findChild<QLabel*>(QStringLiteral("runSummary"));
    QVERIFY(summary);
    QVERIFY2(summary->text().contains(energy), qPrintable(summary->text() + " / " + energy));
    QCOMPARE(panel()->energyView()->chartData().total, total);
    replotCharts();
}

void TestMainWindowResults::editorSelectionReachesViews()
{
    for (const char* layer : {"fc3", "fc2"}) {
        m_window->networkEditor()->selectLayer(QString::fromLatin1(layer));
        expectLayerEverywhere(QString::fromLatin1(layer));
    }
}

void TestMainWindowResults::chartClickReachesEditor()
{
    panel()->showTab(ResultsPanel::Tab::Energy);
    replotCharts();
    auto* view = panel()->energyView();
    const auto& layers = m_window->selection()->result()->evaluation->layers;
    for (const int index : {2, 0}) {
        QTest::mouseClick(view->plot(), Qt::LeftButton, {}, view->barCenter(index));
        expectLayerEverywhere(QString::fromStdString(layers[static_cast<std::size_t>(index)].name));
    }
}

void TestMainWindowResults::directiveTreeReachesEditor()
{
    const auto& selection = *m_window->selection();
    const auto& layer = selection.result()->evaluation->layers[1];
    const QString path = SelectionContext::pathOf(layer.segment, QString::fromStdString(layer.name));
    QTreeView* tree = panel()->directiveTree()->tree();
    const auto* proxy = tree->model();
    const auto match = proxy->match(proxy->index(0, 0), Qt::DisplayRole, QString::fromStdString(layer.name), 1,
                                    Qt::MatchRecursive | Qt::MatchExactly);
    QVERIFY(!match.isEmpty());
    tree->setCurrentIndex(match.front());
    QCOMPARE(selection.directive(), path);
    expectLayerEverywhere(QString::fromStdString(layer.name));
}

void TestMainWindowResults::activatingRunShowsIt()
{
    m_window->selection()->setResult(nullptr);
    m_window->showTab(MainWindow::Tab::Network);
    m_window->networkEditor()->selectLayer(QStringLiteral("fc3"));
    Q_EMIT m_window->projectPanel()->runActivated(1);
    QCOMPARE(m_window->editorTabs()->currentIndex(), static_cast<int>(MainWindow::Tab::Results));
    QVERIFY(m_window->selection()->result());
    QCOMPARE(m_window->selection()->runId(), 1);
    expectLayerEverywhere(QStringLiteral("fc3")); // the layer in view stays selected
    QVERIFY(!m_window->showRun(7));
}

void TestMainWindowResults::runsAreSavedAndRestored()
{
    ProjectDocument* doc = m_window->document();
    QVERIFY(doc->isDirty()); // a finished run changes the file
    m_saved = m_work.filePath(QStringLiteral("with-run.yaml"));
    QStringList errors;
    QVERIFY2(doc->saveAs(m_saved, &errors), qPrintable(errors.join('\n')));
    QVERIFY(!doc->isDirty());
    // The project file stays as it was written; the run goes to the runs folder beside it.
    QVERIFY(!readAll(m_saved).contains("runs:"));
    const QString runFile = m_work.filePath(QStringLiteral("with-run.runs/run-001.yaml"));
    QVERIFY(readAll(runFile).contains("run:"));

    const kapla::Run& solved = *doc->runs()->at(0).run;
    MainWindow reopened;
    QVERIFY2(reopened.loadProject(m_saved, &errors), qPrintable(errors.join('\n')));
    QVERIFY(reopened.document()->loadWarnings().isEmpty());
    QVERIFY(!reopened.document()->isDirty());
    QCOMPARE(reopened.document()->runs()->rowCount(), 1);
    const RunEntry& back = reopened.document()->runs()->at(0);
    QVERIFY(back.run);
    QCOMPARE(back.project().options.solver, kapla::SolverKind::Kapla);
    QCOMPARE(back.run->termination, solved.termination);
    QCOMPARE(back.run->seconds, solved.seconds);
    QCOMPARE(back.run->date, solved.date);
    QVERIFY(back.run->schedule == solved.schedule);
    QVERIFY(back.run->project() == solved.project());

    // The saved schedule is evaluated again on the run's own project: the same numbers as the solve.
    Q_EMIT reopened.projectPanel()->runActivated(back.id);
    QCOMPARE(reopened.editorTabs()->currentIndex(), static_cast<int>(MainWindow::Tab::Results));
    const auto& shown = reopened.selection()->result();
    QVERIFY(shown);
    QCOMPARE(shown->evaluation->totalCost, solved.evaluation->totalCost);
    QCOMPARE(shown->evaluation->totalTime, solved.evaluation->totalTime);

    // Saving again elsewhere writes the run as it was loaded.
    const QString again = m_work.filePath(QStringLiteral("again.yaml"));
    QVERIFY(reopened.document()->saveAs(again, &errors));
    QCOMPARE(readAll(m_work.filePath(QStringLiteral("again.runs/run-001.yaml"))), readAll(runFile));
}

void TestMainWindowResults::cliExportOfRunMatchesGui_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("format");
    for (const char* k : {"energy", "occupancy", "allocation", "timeline"})
        for (const char* f : {"png", "pdf", "svg"})
            QTest::newRow(qPrintable(QStringLiteral("%1.%2").arg(QLatin1String(k), QLatin1String(f))))
                << QString::fromLatin1(k) << QString::fromLatin1(f);
    for (const char* f : {"yaml", "json", "csv"})
        QTest::newRow(f) << QString() << QString::fromLatin1(f);
}

void TestMainWindowResults::cliExportOfRunMatchesGui()
{
    QFETCH(QString, kind);
    QFETCH(QString, format);
    QVERIFY(!m_saved.isEmpty());
    QVERIFY(m_window->showRun(1));
    const QString gui = m_work.filePath(QStringLiteral("gui-%1.%2").arg(kind, format));
    const QString cli = m_work.filePath(QStringLiteral("cli-%1.%2").arg(kind, format));
    QStringList args{QStringLiteral("export"),   m_saved, QStringLiteral("--run"), QStringLiteral("1"),
                     QStringLiteral("--format"), format,  QStringLiteral("--out"), cli};
    if (kind.isEmpty()) {
        const auto fmt = scheduleFormatFromName(format);
        QVERIFY(fmt);
        QCOMPARE(panel()->exportScheduleTo(*fmt, gui), QString());
    } else {
        const auto figure = figureKindFromName(kind);
        QVERIFY(figure);
        QCOMPARE(panel()->exportFigureTo(*figure, *figureFormatFromName(format), gui), QString());
        args << QStringLiteral("--figure") << kind;
        // The GUI exports what its views show: the allocation of the selected segment.
        const FigureOptions shown = panel()->figureOptions(*figure);
        if (shown.segment >= 0)
            args << QStringLiteral("--segment") << QString::number(shown.segment + 1);
        if (shown.percent)
            args << QStringLiteral("--percent");
    }
    QString err;
    QCOMPARE(runCli(args, &err), 0);
    QVERIFY2(err.isEmpty(), qPrintable(err));
    QVERIFY(readAll(gui).size() > 100);
    QVERIFY(readAll(gui) == readAll(cli));
}

void TestMainWindowResults::cliExportRunOutOfRange()
{
    QString err;
    const QString out = m_work.filePath(QStringLiteral("none.png"));
    QCOMPARE(runCli({QStringLiteral("export"), m_saved, QStringLiteral("--run"), QStringLiteral("9"),
                     QStringLiteral("--figure"), QStringLiteral("energy"), QStringLiteral("--format"),
                     QStringLiteral("png"), QStringLiteral("--out"), out},
                    &err),
             1);
    QVERIFY2(err.contains(QStringLiteral("no saved run 9")) && err.contains(QStringLiteral("it keeps 1 run")),
             qPrintable(err));
    QVERIFY(!QFile::exists(out));
}

void TestMainWindowResults::removingRunIsUndoable()
{
    ProjectDocument* doc = m_window->document();
    QVERIFY(m_window->showRun(1));
    QVERIFY(!doc->isDirty());
    QListView* runs = m_window->projectPanel()->runs();
    runs->setCurrentIndex(runs->model()->index(0, 0));
    m_window->projectPanel()->removeRunAction()->trigger();
    QCOMPARE(doc->runs()->rowCount(), 0);
    QVERIFY(!m_window->selection()->result()); // the views let go of it
    QVERIFY(doc->isDirty());
    doc->undoStack()->undo();
    QCOMPARE(doc->runs()->rowCount(), 1);
    QVERIFY(!doc->isDirty());
    QVERIFY(m_window->showRun(1));
    QVERIFY(doc->toYaml() == readAll(m_saved).toStdString());
}

// At the window's default size each run's lines (label, then mesh, PEs, GBUF, batch, goal) are shown
// whole: every word of the item's text fits in the rectangle the list gives the item.
void TestMainWindowResults::runLinesAreWholeAtTheDefaultSize()
{
    QListView* runs = m_window->projectPanel()->runs();
    QVERIFY(m_window->showRun(1));
    QCoreApplication::processEvents();
    const QModelIndex first = runs->model()->index(0, 0);
    const QString text = first.data().toString();
    QVERIFY2(text.contains(QLatin1Char('\n')) && text.section(QLatin1Char('\n'), 1).contains(QStringLiteral("GBUF")),
             qPrintable(text));
    const QRect item = runs->visualRect(first);
    const int width = runs->viewport()->width();
    QVERIFY2(item.right() <= width,
             qPrintable(QStringLiteral("the item reaches x = %1, the list shows %2 px").arg(item.right()).arg(width)));
    const int margin = 2 * runs->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, runs) + 2;
    const QRect needed = runs->fontMetrics().boundingRect(QRect(0, 0, width - margin, 10000), Qt::TextWordWrap, text);
    QVERIFY2(needed.height() <= item.height(),
             qPrintable(
                 QStringLiteral("the text needs %1 px, the item has %2 px").arg(needed.height()).arg(item.height())));
}

void TestMainWindowResults::closeTotalsReadApart()
{
    // Runs whose energies differ by 0.5 % and by 0.01 % from a first one: the run list, the header
    // above the views and the status bar tell each from the first; the tooltips show the totals in full.
    ProjectDocument* doc = m_window->document();
    const kapla::RunPtr solved = doc->runs()->at(0).run;
    QVERIFY(solved && solved->hasResult());
    const auto* summary = m_window->findChild<QLabel*>(QStringLiteral("runSummary"));
    QVERIFY(summary);
    const auto texts = [&](double joules) {
        auto run = std::make_shared<kapla::Run>(*solved);
        run->evaluation->totalCost = joules;
        run->evaluation->energyUnit = "J";
        const int id = doc->addRun(run);
        const QModelIndex at = doc->runs()->index(doc->runs()->rowOfId(id));
        const QString line = at.data().toString().section(QLatin1Char('\n'), 0, 0);
        const QString cost = line.section(QStringLiteral(" — "), 1).section(QStringLiteral(" · "), 0, 0);
        if (!m_window->showRun(id))
            return QStringList{};
        const QString header =
            summary->text().section(QStringLiteral("<b>"), 2, 2).section(QStringLiteral("</b>"), 0, 0);
        return QStringList{cost, header, m_window->statusBar()->currentMessage(), at.data(Qt::ToolTipRole).toString(),
                           summary->toolTip()};
    };
    const double joules = 0.17531245678;
    const QStringList base = texts(joules);
    QCOMPARE(base.size(), 5);
    QCOMPARE(base[0], QStringLiteral("175.31 mJ"));
    QCOMPARE(base[1], base[0]);
    QVERIFY2(base[3].contains(QStringLiteral("175.3124568 mJ")), qPrintable(base[3]));
    QVERIFY2(base[4].contains(QStringLiteral("175.3124568 mJ")), qPrintable(base[4]));
    for (const double factor : {1.005, 1.0001}) {
        const QStringList other = texts(joules * factor);
        QCOMPARE(other.size(), 5);
        for (int i = 0; i < base.size(); ++i)
            QVERIFY2(other[i] != base[i], qPrintable(other[i]));
        QCOMPARE(other[1], other[0]);
    }
    for (int i = 0; i < 3; ++i)
        doc->undoStack()->undo();
    QCOMPARE(doc->runs()->rowCount(), 1);
}

QTEST_MAIN(TestMainWindowResults)
#include "tst_main_window_results.moc"
