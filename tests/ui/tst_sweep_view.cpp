// The Sweep tab (offscreen) on Setup C (MLP-S, batch 16, 4x4 mesh): the form builds its sweep through
// the sweep reader (an empty range is shown under its parameter), a run streams its points into the
// table with the numbers core's sweep loop gives for the same points, two parameters make a heat map
// with a cell per point, a point opens as a run of the project (undoably) with the point's totals,
// two points are compared, Stop keeps the finished points, and a bad sweep file names file:line:column.

#include "form_fields.h"
#include "main_window.h"

#include "session/project_document.h"
#include "session/run_list_model.h"
#include "session/sweep_draft.h"
#include "session/sweep_runner.h"
#include "views/compare_view.h"
#include "views/qcp.h"
#include "views/sweep_form.h"
#include "views/sweep_view.h"

#include "io/sweep_io.h"
#include "report/sweep_table.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <cmath>

namespace {

const QString kProject = QStringLiteral(KAPLA_SOURCE_DIR "/tests/data/projects/setup-c-gbuf.yaml");
constexpr int kSweepTimeoutMs = 120000;

// A list of values for parameter row `p` of the form.
void setList(SweepForm* form, int p, const QString& name, const QString& values)
{
    form->nameBox(p)->setCurrentIndex(form->nameBox(p)->findText(name));
    form->valuesKindBox(p)->setCurrentIndex(static_cast<int>(SweepDraftParameter::Values::List));
    form->listEdit(p)->setText(values);
}

bool runAndWait(SweepView& view)
{
    QSignalSpy finished(view.runner(), &SweepRunner::finished);
    return view.run() && finished.wait(kSweepTimeoutMs);
}

// The rows core's sweep loop gives for the sweep the form describes over the document's project.
std::vector<kapla::SweepRow> coreRows(const SweepView& view, const ProjectDocument& doc)
{
    const auto spec = buildSweep(view.form()->draft(), doc.project(), doc.filePath().toStdString());
    if (!spec)
        qFatal("%s", spec.diagnostics().front().format().c_str());
    std::vector<kapla::SweepRow> rows;
    for (const kapla::SweepPoint& point : kapla::expandSweep(spec.value()))
        rows.push_back(kapla::solveSweepPoint(spec.value(), point, {}, {}).row);
    return rows;
}

} // namespace

class TestSweepView : public QObject
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

    void formBuildsTheSweepAndShowsBadRanges()
    {
        ProjectDocument doc;
        QVERIFY(doc.load(kProject, nullptr));
        SweepView view(&doc);
        SweepForm* form = view.form();
        for (int i = 0; i < form->nameBox(0)->count(); ++i)
            QVERIFY2(!form->nameBox(0)->itemData(i, Qt::ToolTipRole).toString().isEmpty(),
                     qPrintable(form->nameBox(0)->itemText(i)));
        setList(form, 0, QStringLiteral("architecture.gbuf_bytes"), QStringLiteral("16384, 32768, 65536"));
        QCOMPARE(view.summaryLabel()->text(), QStringLiteral("3 points, solved by kapla."));
        QVERIFY(view.runButton()->isEnabled());

        form->valuesKindBox(0)->setCurrentIndex(static_cast<int>(SweepDraftParameter::Values::Step));
        form->fromBox(0)->setNumber(65536);
        form->toBox(0)->setNumber(8192);
        form->byBox(0)->setNumber(8192);
        QVERIFY(!form->problemLabel(0)->isHidden());
        QVERIFY2(form->problemLabel(0)->text().contains(QStringLiteral("the range is empty")),
                 qPrintable(form->problemLabel(0)->text()));
        QVERIFY(!view.runButton()->isEnabled());

        form->toBox(0)->setNumber(131072);
        QVERIFY(form->problemLabel(0)->isHidden());
        QCOMPARE(view.summaryLabel()->text(), QStringLiteral("9 points, solved by kapla."));

        // The same sweep text `kapla sweep` reads, with the project as its base.
        const std::string text = sweepDraftText(form->draft(), "setup-c-gbuf.yaml");
        QVERIFY(text.find("architecture.gbuf_bytes: {from: 65536, to: 131072, step: 8192}") != std::string::npos);
        QVERIFY(text.find("base: setup-c-gbuf.yaml") != std::string::npos);

        // Pairs are typed as the table shows them.
        form->secondParameter()->setChecked(true);
        setList(form, 1, QStringLiteral("architecture.pe_array"), QStringLiteral("4x4, 8 x 16"));
        QVERIFY(sweepDraftText(form->draft()).find("architecture.pe_array: [[4, 4], [8, 16]]") != std::string::npos);
        QCOMPARE(view.summaryLabel()->text(), QStringLiteral("18 points, solved by kapla."));
        form->combineBox()->setCurrentIndex(1);
        QVERIFY(!form->problemLabel(1)->isHidden());
        QVERIFY2(form->problemLabel(1)->text().contains(QStringLiteral("expected 9 values, got 2")),
                 qPrintable(form->problemLabel(1)->text()));
        QVERIFY(!view.runButton()->isEnabled());
    }

    void pointsStreamIntoTheTableWithCoreNumbers()
    {
        ProjectDocument doc;
        QVERIFY(doc.load(kProject, nullptr));
        SweepView view(&doc);
        view.resize(1400, 900);
        setList(view.form(), 0, QStringLiteral("architecture.gbuf_bytes"), QStringLiteral("16, 16384, 65536"));
        QSignalSpy points(view.runner(), &SweepRunner::pointFinished);
        const auto edpHeader = [&view] {
            const SweepPointModel* m = view.model();
            return m->headerData(m->columnCount() - 1, Qt::Horizontal).toString();
        };
        QCOMPARE(edpHeader(), QStringLiteral("EDP")); // no unit before the first point names one
        QVERIFY(runAndWait(view));
        QCOMPARE(points.count(), 3);
        const SweepPointModel* model = view.model();
        QCOMPARE(edpHeader(), QStringLiteral("EDP (unit·cycles)"));
        QCOMPARE(model->rowCount(), 3);
        const std::vector<kapla::SweepRow> expected = coreRows(view, doc);
        QCOMPARE(expected.size(), std::size_t{3});
        for (int r = 0; r < 3; ++r) {
            const kapla::SweepRow& row = model->rowAt(r);
            QCOMPARE(row.id, expected[static_cast<std::size_t>(r)].id);
            QCOMPARE(row.status, expected[static_cast<std::size_t>(r)].status);
            QCOMPARE(row.energy, expected[static_cast<std::size_t>(r)].energy);
            QCOMPARE(row.time, expected[static_cast<std::size_t>(r)].time);
            QCOMPARE(model->index(r, model->energyColumn()).data(SweepPointModel::SortRole).toDouble(),
                     expected[static_cast<std::size_t>(r)].energy);
        }
        // A 16-byte buffer holds no schedule: a row with its reason; the others are solved.
        QCOMPARE(model->rowAt(0).status, kapla::PointStatus::NoSchedule);
        QVERIFY(model->index(0, model->statusColumn()).data().toString().startsWith(QStringLiteral("no-schedule: ")));
        QCOMPARE(model->rowAt(1).status, kapla::PointStatus::Ok);
        QCOMPARE(model->index(1, 1).data().toString(), QStringLiteral("16384"));
        QVERIFY(model->rowAt(2).energy > 0);

        // The exports are core's table and the figure `kapla sweep --plot` draws.
        QTemporaryDir dir;
        const QString csv = dir.filePath(QStringLiteral("points.csv"));
        QVERIFY(view.exportTableTo(csv).isEmpty());
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll().toStdString(), kapla::sweepPointsCsv(model->table()));
        QVERIFY(view.exportFigureTo(SweepFigureKind::Parameter, dir.filePath(QStringLiteral("f.png"))).isEmpty());
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("f.png"))));
        QCOMPARE(*view.mainFigure(), SweepFigureKind::Parameter);
        QCOMPARE(view.plot()->graphCount(), 2);          // energy and time
        QCOMPARE(view.plot()->graph(0)->dataCount(), 2); // the two solved points
    }

    void twoParametersMakeAHeatMap()
    {
        ProjectDocument doc;
        QVERIFY(doc.load(kProject, nullptr));
        SweepView view(&doc);
        view.resize(1400, 900);
        setList(view.form(), 0, QStringLiteral("architecture.gbuf_bytes"), QStringLiteral("16384, 65536"));
        view.form()->secondParameter()->setChecked(true);
        setList(view.form(), 1, QStringLiteral("batch"), QStringLiteral("8, 16"));
        QCOMPARE(view.summaryLabel()->text(), QStringLiteral("4 points, solved by kapla."));
        QVERIFY(runAndWait(view));
        QCOMPARE(view.model()->rowCount(), 4);
        QCOMPARE(*view.mainFigure(), SweepFigureKind::HeatMap);
        QCPColorMap* map = nullptr;
        for (int i = 0; i < view.plot()->plottableCount() && !map; ++i)
            map = qobject_cast<QCPColorMap*>(view.plot()->plottable(i));
        QVERIFY(map);
        QCOMPARE(map->data()->keySize(), 2);
        QCOMPARE(map->data()->valueSize(), 2);
        for (int x = 0; x < 2; ++x)
            for (int y = 0; y < 2; ++y)
                QVERIFY(std::isfinite(map->data()->cell(x, y)));
        // Cell (gbuf 65536, batch 8) is point p0002.
        QCOMPARE(map->data()->cell(1, 0), view.model()->rowAt(2).energy);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.plot()->replot();
        const QPoint cell(static_cast<int>(view.plot()->xAxis->coordToPixel(1)),
                          static_cast<int>(view.plot()->yAxis->coordToPixel(0)));
        QTest::mouseClick(view.plot(), Qt::LeftButton, {}, cell);
        QCOMPARE(view.selectedRows(), QList<int>{2});
    }

    void aPointOpensAsARunAndTwoCompare()
    {
        MainWindow window;
        QStringList errors;
        QVERIFY(window.loadProject(kProject, &errors));
        SweepView* view = window.sweepView();
        setList(view->form(), 0, QStringLiteral("architecture.gbuf_bytes"), QStringLiteral("16384, 65536"));
        QVERIFY(runAndWait(*view));
        RunListModel* runs = window.document()->runs();
        const int before = runs->rowCount();
        const int id = view->openAsRun(0);
        QVERIFY(id > 0);
        QCOMPARE(runs->rowCount(), before + 1);
        const RunEntry* entry = runs->runById(id);
        QVERIFY(entry && entry->run && entry->run->hasResult());
        QCOMPARE(entry->run->evaluation->totalCost, view->model()->rowAt(0).energy);
        QCOMPARE(entry->run->evaluation->totalTime, view->model()->rowAt(0).time);
        QCOMPARE(QString::fromStdString(kapla::runLabel(*entry->run)), QStringLiteral("architecture.gbuf_bytes=16384"));
        QCOMPARE(entry->run->project().architecture.hardware.index(),
                 window.document()->project().architecture.hardware.index());
        QCOMPARE(window.editorTabs()->currentIndex(), static_cast<int>(MainWindow::Tab::Results));
        QCOMPARE(view->openAsRun(0), id); // listed once

        window.document()->undoStack()->undo();
        QCOMPARE(runs->rowCount(), before);
        window.document()->undoStack()->redo();
        QCOMPARE(runs->rowCount(), before + 1);
        QCOMPARE(runs->runById(id)->run, entry->run);

        QVERIFY(view->compareRows(0, 1));
        QCOMPARE(runs->rowCount(), before + 2);
        QCOMPARE(window.editorTabs()->currentIndex(), static_cast<int>(MainWindow::Tab::Compare));
        QCOMPARE(window.compareView()->runIdA(), id);
    }

    void stopKeepsTheFinishedPoints()
    {
        ProjectDocument doc;
        QVERIFY(doc.load(kProject, nullptr));
        SweepView view(&doc);
        setList(view.form(), 0, QStringLiteral("architecture.gbuf_bytes"),
                QStringLiteral("16384, 20480, 24576, 28672, 32768, 36864, 40960, 45056, 49152, 53248, 57344, 61440"));
        QSignalSpy points(view.runner(), &SweepRunner::pointFinished);
        QSignalSpy finished(view.runner(), &SweepRunner::finished);
        QVERIFY(view.run());
        QVERIFY(points.wait(kSweepTimeoutMs));
        view.stop();
        QVERIFY(finished.count() == 1 || finished.wait(kSweepTimeoutMs));
        QCOMPARE(finished.front().front().toBool(), true);
        QCOMPARE(view.model()->rowCount(), view.runner()->done());
        QVERIFY(view.model()->rowCount() >= 1);
        QVERIFY(view.progressLabel()->text().startsWith(QStringLiteral("Stopped: ")));
    }

    void aBadSweepFileNamesFileLineColumn()
    {
        ProjectDocument doc;
        QVERIFY(doc.load(kProject, nullptr));
        SweepView view(&doc);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("bad.yaml"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("version: 1\nsweep:\n  base: " KAPLA_SOURCE_DIR "/tests/data/projects/setup-c-gbuf.yaml\n"
                   "  parameters:\n    architecture.gbuf_byte: [1024]\n");
        file.close();
        QStringList errors;
        QVERIFY(!view.loadSweepFile(path, &errors));
        QVERIFY2(errors.value(0).startsWith(path + QStringLiteral(":5:5: error:")),
                 qPrintable(errors.join(QLatin1Char('\n'))));
        QVERIFY(errors.value(0).contains(QStringLiteral("did you mean `architecture.gbuf_bytes`")));

        QVERIFY(view.loadSweepFile(QStringLiteral(KAPLA_SOURCE_DIR "/tests/data/sweeps/mlp-grid.yaml"), &errors));
        QCOMPARE(view.summaryLabel()->text(), QStringLiteral("6 points, solved by kapla."));
        QVERIFY(view.form()->isHidden());
        view.useForm();
        QVERIFY(!view.form()->isHidden());
        QVERIFY(view.form()->isEnabled());
    }
};

QTEST_MAIN(TestSweepView)
#include "tst_sweep_view.moc"
