// The compare view (offscreen) on the two saved runs of Setup C (32768- and 8192-word global buffers):
// what changed in the inputs is shown, the layers come largest difference first, a click on a layer's
// bar selects it in the shared selection and shows its two schedules, the selection made elsewhere
// follows, the exports are those of `kapla compare`; in the window, a run's context menu compares it.

#include "main_window.h"
#include "project_panel.h"

#include "session/project_document.h"
#include "session/run_list_model.h"
#include "session/selection_context.h"
#include "views/compare_view.h"
#include "views/qcp.h"

#include "io/project_io.h"
#include "report/run_compare_csv.h"

#include <QFile>
#include <QLabel>
#include <QMenu>
#include <QSet>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString kProject = QStringLiteral(KAPLA_SOURCE_DIR "/tests/data/projects/setup-c-gbuf.yaml");

kapla::RunPtr savedRun(int number)
{
    const std::string path = KAPLA_SOURCE_DIR "/tests/data/projects/setup-c-gbuf.runs/run-00" + std::to_string(number)
                           + ".yaml";
    auto run = kapla::io::loadRunFile(path);
    if (!run)
        qFatal("cannot load %s: %s", path.c_str(), run.diagnostics().front().format().c_str());
    return run.value();
}

QString tableLayer(const QTableWidget* table, int row) { return table->item(row, 0)->text(); }

qsizetype colourCount(const QImage& image, qsizetype limit)
{
    QSet<QRgb> colours;
    for (int y = 0; y < image.height() && colours.size() < limit; y += 2)
        for (int x = 0; x < image.width() && colours.size() < limit; x += 2)
            colours.insert(image.pixel(x, y));
    return colours.size();
}

} // namespace

class TestCompareView : public QObject
{
    Q_OBJECT

    QTemporaryDir m_settingsDir;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setApplicationName(QStringLiteral("kapla-ui-tests"));
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    }

    void showsInputsTotalsAndLayers()
    {
        SelectionContext selection;
        CompareView view(&selection);
        view.resize(1300, 800);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(view.setRuns(savedRun(1), 1, savedRun(2), 2));
        QVERIFY(view.inputsLabel()->text().contains(QStringLiteral("GBUF 32768 words → 8192 words")));
        QCOMPARE(view.comparison()->energy.diff(), 6007112.0);
        const QTableWidget* table = view.table();
        QCOMPARE(table->rowCount(), 3);
        QCOMPARE(tableLayer(table, 0), QStringLiteral("fc2"));
        QCOMPARE(tableLayer(table, 1), QStringLiteral("fc1"));
        QCOMPARE(table->item(1, 8)->text(), QStringLiteral("Partition, Mapping, Blocking, Loop order, Buffer use"));
        QCOMPARE(table->item(2, 8)->text(), QStringLiteral("alike"));
        view.plot()->replot();
        const QImage shot = view.grab().toImage();
        QVERIFY(colourCount(shot, 32) >= 32); // drawn bars and text, not a blank page
    }

    void clickingALayerSelectsItEverywhere()
    {
        SelectionContext selection;
        selection.setResult(savedRun(1), 1);
        CompareView view(&selection);
        view.resize(1300, 800);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(view.setRuns(savedRun(1), 1, savedRun(2), 2));
        view.plot()->replot();
        const QPoint bar = view.barCenter(QStringLiteral("fc1"));
        QVERIFY(!bar.isNull());
        QTest::mouseClick(view.plot(), Qt::LeftButton, {}, bar);
        QCOMPARE(view.selectedLayer(), QStringLiteral("fc1"));
        QCOMPARE(selection.layer(), QStringLiteral("fc1")); // the result views follow
        QCOMPARE(tableLayer(view.table(), view.table()->currentRow()), QStringLiteral("fc1"));
        const QString detail = view.detailLabel()->text();
        QVERIFY2(detail.contains(QStringLiteral("output channels (K) 4x3 on 12 nodes"))
                     && detail.contains(QStringLiteral("output channels (K) 4x4 on 16 nodes")),
                 qPrintable(detail));
        // A layer selected elsewhere (another view, the editor) is shown here too.
        selection.selectLayer(QStringLiteral("fc3"));
        QCOMPARE(view.selectedLayer(), QStringLiteral("fc3"));
        QCOMPARE(tableLayer(view.table(), view.table()->currentRow()), QStringLiteral("fc3"));
        QVERIFY(view.detailLabel()->text().contains(QStringLiteral("alike")));
        // The table selects too.
        view.table()->setCurrentCell(0, 2);
        QCOMPARE(selection.layer(), QStringLiteral("fc2"));
    }

    void exportsAsTheCommandLineDoes()
    {
        SelectionContext selection;
        CompareView view(&selection);
        QVERIFY(view.setRuns(savedRun(1), 1, savedRun(2), 2));
        QTemporaryDir dir;
        const QString png = dir.filePath(QStringLiteral("cmp.png"));
        QCOMPARE(view.exportFigureTo(FigureFormat::Png, png), QString());
        const QImage image(png);
        QCOMPARE(image.size(), QSize(kFigureWidth * kFigurePngScale, kFigureHeight * kFigurePngScale));
        QVERIFY(colourCount(image, 32) >= 32);
        const QString csv = dir.filePath(QStringLiteral("cmp.csv"));
        QCOMPARE(view.exportCsvTo(csv), QString());
        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll().toStdString(), kapla::runComparisonCsv(*view.comparison()));
    }

    void runWithoutResultIsRefused()
    {
        SelectionContext selection;
        CompareView view(&selection);
        auto empty = std::make_shared<kapla::Run>(savedRun(1)->problem);
        QVERIFY(!view.setRuns(savedRun(1), 1, empty, 2));
        QVERIFY(!view.comparison());
        QCOMPARE(view.table()->rowCount(), 0);
    }

    void contextMenuComparesRunsInTheWindow()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QStringList errors;
        QVERIFY2(window.loadProject(kProject, &errors), qPrintable(errors.join('\n')));
        const RunListModel* runs = window.document()->runs();
        QCOMPARE(runs->rowCount(), 2);
        const int first = runs->at(0).id;
        const int second = runs->at(1).id;
        std::unique_ptr<QMenu> menu(window.projectPanel()->runMenu(first));
        QMenu* compare = nullptr;
        for (QAction* a : menu->actions())
            if (a->menu() && a->text().contains(QStringLiteral("Compare")))
                compare = a->menu();
        QVERIFY(compare && compare->isEnabled());
        QCOMPARE(compare->actions().size(), 1); // the other run
        compare->actions().front()->trigger();
        QCOMPARE(window.editorTabs()->currentIndex(), static_cast<int>(MainWindow::Tab::Compare));
        CompareView* view = window.compareView();
        QVERIFY(view->comparison());
        QCOMPARE(view->runIdA(), first);
        QCOMPARE(view->runIdB(), second);
        // "Show B" shows run B in the result views.
        view->showLayer(QStringLiteral("fc2"));
        Q_EMIT view->showRunRequested(second);
        QCOMPARE(window.selection()->runId(), second);
        QCOMPARE(window.editorTabs()->currentIndex(), static_cast<int>(MainWindow::Tab::Results));
        // A compared run that is removed ends the comparison.
        QVERIFY(window.document()->removeRun(second));
        QVERIFY(!view->comparison());
    }
};

QTEST_MAIN(TestCompareView)
#include "tst_compare_view.moc"
