// The linked result views (offscreen): selecting a layer in one view selects it in all others, through
// the SelectionContext and through simulated clicks; exported figures parse with the expected size and
// page count; the GUI and `kapla export` write identical files; schedule exports.

#include "views/result_fixtures.h"

#include "session/directive_tree_model.h"
#include "session/result_layer_model.h"
#include "session/selection_context.h"
#include "views/buffer_occupancy_view.h"
#include "views/directive_tree_view.h"
#include "views/energy_breakdown_view.h"
#include "views/loop_nest_view.h"
#include "views/node_allocation_view.h"
#include "views/pipeline_timeline_view.h"
#include "views/results_panel.h"

#include "views/qcp.h"

#include <QComboBox>
#include <QImage>
#include <QLineEdit>
#include <QProcess>
#include <QRegularExpression>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QXmlStreamReader>

#include <memory>

namespace {

const QString kDate = QStringLiteral("2025-11-26");
const QString kSetupCProject = QStringLiteral(KAPLA_SOURCE_DIR "/sample_projects/golden/setup-c-mlp_s-b16.yaml");
const QString kSetupCSchedule = QStringLiteral(KAPLA_SOURCE_DIR "/tests/data/schedules/setup-c-mlp_s-b16.yaml");

kapla::RunPtr snapshot(const kapla::test::Evaluated& e) { return kapla::test::givenRun(e, kDate.toStdString()); }

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

int runProgram(const QString& exe, const QStringList& args, QString* err = nullptr)
{
    QProcess p;
    p.start(exe, args);
    if (!p.waitForFinished(120000))
        return -1;
    if (err)
        *err = QString::fromLocal8Bit(p.readAllStandardError());
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

} // namespace

class TestResultViews : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void selectionDrivesEveryView_data();
    void selectionDrivesEveryView();
    void energyClickSelects();
    void occupancyClickSelects();
    void timelineClickSelects();
    void allocationClickSelects();
    void allocationSegmentSelector();
    void treeClickSelects();
    void layerTableClickSelects();
    void toolTipsShowNumbers();
    void percentMode();
    void searchFilters();
    void loopNestFollows();
    void exportFigures_data();
    void exportFigures();
    void guiAndCliWriteSameFiles_data();
    void guiAndCliWriteSameFiles();
    void kaplaExportExitCodes();
    void scheduleExports();
    void screenshots();

private:
    void showTab(ResultsPanel::Tab tab);
    void expectLayer(const QString& layer);

    kapla::RunPtr m_c;
    kapla::RunPtr m_alex;
    std::unique_ptr<SelectionContext> m_selection;
    std::unique_ptr<ResultsPanel> m_panel;
};

void TestResultViews::initTestCase()
{
    m_c = snapshot(kapla::test::setupC());
    m_alex = snapshot(kapla::test::alexNetSetupA());
}

void TestResultViews::init()
{
    m_selection = std::make_unique<SelectionContext>();
    m_panel = std::make_unique<ResultsPanel>(m_selection.get());
    m_panel->resize(1500, 950);
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
    m_panel->setResult(m_c);
}

void TestResultViews::cleanup()
{
    m_panel.reset();
    m_selection.reset();
}

void TestResultViews::showTab(ResultsPanel::Tab tab)
{
    m_panel->showTab(tab);
    QCoreApplication::processEvents();
    for (auto* plot : m_panel->findChildren<QCustomPlot*>())
        plot->replot();
}

// Every view shows `layer` as the selected one.
void TestResultViews::expectLayer(const QString& layer)
{
    QCoreApplication::processEvents();
    const int index = kapla::layerIndex(*m_selection->result()->evaluation, layer.toStdString());
    QCOMPARE(m_selection->layer(), layer);
    QCOMPARE(m_panel->energyView()->highlightedLayer(), index);
    QCOMPARE(m_panel->occupancyView()->highlightedLayer(), index);
    QCOMPARE(m_panel->timelineView()->highlightedLayer(), index);
    QCOMPARE(m_panel->allocationView()->shownSegment(), m_selection->segment());
    QCOMPARE(m_panel->allocationView()->segmentSelector()->currentIndex(), m_selection->segment());
    QCOMPARE(m_panel->loopNestView()->shownLayer(), index);
    QVERIFY(m_panel->loopNestView()->plainText().startsWith(layer + QLatin1Char(':')));
    QCOMPARE(m_panel->directiveTree()->currentPath(), m_selection->directive());
    QCOMPARE(m_panel->layerTable()->currentIndex().data(ResultLayerModel::IdRole).toString(), layer);
}

void TestResultViews::selectionDrivesEveryView_data()
{
    QTest::addColumn<QString>("layer");
    QTest::addColumn<int>("segment");
    QTest::newRow("fc2") << "fc2" << 0;
    QTest::newRow("fc3") << "fc3" << 1;
    QTest::newRow("fc1") << "fc1" << 0;
}

void TestResultViews::selectionDrivesEveryView()
{
    QFETCH(QString, layer);
    QFETCH(int, segment);
    expectLayer(QStringLiteral("fc1")); // the result's first layer
    m_selection->selectLayer(layer);
    QCOMPARE(m_selection->segment(), segment);
    expectLayer(layer);
    m_selection->selectDirective(SelectionContext::pathOf(segment, layer, QStringLiteral("regf")));
    expectLayer(layer);
    QCOMPARE(m_panel->directiveTree()->currentPath(), SelectionContext::pathOf(segment, layer, QStringLiteral("regf")));
}

void TestResultViews::energyClickSelects()
{
    showTab(ResultsPanel::Tab::Energy);
    auto* view = m_panel->energyView();
    QTest::mouseClick(view->plot(), Qt::LeftButton, {}, view->barCenter(2));
    expectLayer(QStringLiteral("fc3"));
    QTest::mouseClick(view->plot(), Qt::LeftButton, {}, view->barCenter(1));
    expectLayer(QStringLiteral("fc2"));
}

void TestResultViews::occupancyClickSelects()
{
    showTab(ResultsPanel::Tab::Occupancy);
    auto* view = m_panel->occupancyView();
    QTest::mouseClick(view->plot(), Qt::LeftButton, {}, view->barCenter(2));
    expectLayer(QStringLiteral("fc3"));
}

void TestResultViews::timelineClickSelects()
{
    showTab(ResultsPanel::Tab::Timeline);
    auto* view = m_panel->timelineView();
    QTest::mouseClick(view->plot(), Qt::LeftButton, {}, view->barCenter(1));
    expectLayer(QStringLiteral("fc2"));
    QTest::mouseClick(view->plot(), Qt::LeftButton, {}, view->barCenter(2));
    expectLayer(QStringLiteral("fc3"));
}

void TestResultViews::allocationClickSelects()
{
    showTab(ResultsPanel::Tab::Allocation);
    auto* view = m_panel->allocationView();
    QCOMPARE(view->allocation().groups.size(), std::size_t{2});
    const kapla::PhyDim2 fc2Node = view->allocation().groups[1].layers.front().nodes.front().coord;
    QTest::mouseClick(view->mesh(), Qt::LeftButton, {}, view->nodeCenter(fc2Node));
    expectLayer(QStringLiteral("fc2"));
    const kapla::PhyDim2 fc1Node = view->allocation().groups[0].layers.front().nodes.back().coord;
    QTest::mouseClick(view->mesh(), Qt::LeftButton, {}, view->nodeCenter(fc1Node));
    expectLayer(QStringLiteral("fc1"));
}

void TestResultViews::allocationSegmentSelector()
{
    showTab(ResultsPanel::Tab::Allocation);
    auto* view = m_panel->allocationView();
    QCOMPARE(view->segmentSelector()->count(), 2);
    view->segmentSelector()->setCurrentIndex(1);
    QCOMPARE(m_selection->segment(), 1);
    expectLayer(QStringLiteral("fc3"));
    QCOMPARE(view->allocation().groups.front().layers.front().name, std::string("fc3"));
}

void TestResultViews::treeClickSelects()
{
    auto* view = m_panel->directiveTree();
    const QModelIndex source = view->model()->indexOfPath(QStringLiteral("s2/fc3/partition"));
    const QModelIndex index = view->proxy()->mapFromSource(source);
    QVERIFY(index.isValid());
    view->tree()->scrollTo(index);
    QCoreApplication::processEvents();
    QTest::mouseClick(view->tree()->viewport(), Qt::LeftButton, {}, view->tree()->visualRect(index).center());
    QCOMPARE(m_selection->directive(), QStringLiteral("s2/fc3/partition"));
    expectLayer(QStringLiteral("fc3"));
}

void TestResultViews::layerTableClickSelects()
{
    showTab(ResultsPanel::Tab::Layers);
    QTableView* table = m_panel->layerTable();
    const QModelIndex index = table->model()->index(1, 0);
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(index).center());
    expectLayer(QStringLiteral("fc2"));
}

void TestResultViews::toolTipsShowNumbers()
{
    showTab(ResultsPanel::Tab::Energy);
    const QString energy = m_panel->energyView()->toolTipAt(m_panel->energyView()->barCenter(0));
    QVERIFY2(energy.contains(QStringLiteral("fc1: 129,460,800 unit")), qPrintable(energy));
    QVERIFY2(energy.contains(QStringLiteral("DRAM: 81,536,000 unit")), qPrintable(energy)); // the bar's middle is DRAM
    QVERIFY(m_panel->energyView()->toolTipAt(QPoint(2, 2)).isEmpty());
    showTab(ResultsPanel::Tab::Occupancy);
    const QString occupancy = m_panel->occupancyView()->toolTipAt(m_panel->occupancyView()->barCenter(0));
    QVERIFY2(occupancy.contains(QStringLiteral("GBUF (per node)"))
                 && occupancy.contains(QStringLiteral("of 32,768 words")),
             qPrintable(occupancy));
    showTab(ResultsPanel::Tab::Timeline);
    const QString timeline = m_panel->timelineView()->toolTipAt(m_panel->timelineView()->barCenter(1));
    QVERIFY2(timeline.contains(QStringLiteral("runs 9,408 … 17,408")), qPrintable(timeline));
    showTab(ResultsPanel::Tab::Allocation);
    const QString node = m_panel->allocationView()->toolTipAt(m_panel->allocationView()->nodeCenter({0, 0}));
    QVERIFY2(node.contains(QStringLiteral("node (0, 0)")) && node.contains(QStringLiteral("DRAM channel"))
                 && node.contains(QStringLiteral("fc1 · part K0 · 8.2% of its work")),
             qPrintable(node));
}

void TestResultViews::percentMode()
{
    auto* view = m_panel->energyView();
    view->setPercent(true);
    QVERIFY(view->chartData().percent);
    for (std::size_t i = 0; i < view->chartData().layers.size(); ++i) {
        double sum = 0;
        for (const auto& c : view->chartData().shown)
            sum += c[i];
        QVERIFY(std::abs(sum - 100.0) < 1e-9);
    }
    QCOMPARE(m_panel->figureOptions(FigureKind::Energy).percent, true);
    m_selection->selectLayer(QStringLiteral("fc3"));
    expectLayer(QStringLiteral("fc3")); // the rebuilt plot keeps following the selection
}

void TestResultViews::searchFilters()
{
    auto* view = m_panel->directiveTree();
    view->searchBox()->setText(QStringLiteral("fc3"));
    const QModelIndex root = view->proxy()->index(0, 0);
    QCOMPARE(view->proxy()->rowCount(root), 1);
    QCOMPARE(view->proxy()->index(0, 0, root).data().toString(), QStringLiteral("Segment 2"));
    view->searchBox()->clear();
    QCOMPARE(view->proxy()->rowCount(root), 2);
}

void TestResultViews::loopNestFollows()
{
    m_panel->setResult(m_alex);
    expectLayer(QStringLiteral("conv1_a"));
    m_selection->selectLayer(QStringLiteral("conv2_b"));
    expectLayer(QStringLiteral("conv2_b"));
    const QString text = m_panel->loopNestView()->plainText();
    QVERIFY2(text.contains(QStringLiteral("parallel for pe in 16x16 PEs")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("What happens")) && text.contains(QStringLiteral("tensor_w")),
             qPrintable(text));
}

void TestResultViews::exportFigures_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("format");
    for (const char* k : {"energy", "occupancy", "allocation", "timeline"})
        for (const char* f : {"png", "pdf", "svg"})
            QTest::newRow(qPrintable(QStringLiteral("%1.%2").arg(QLatin1String(k), QLatin1String(f))))
                << QString::fromLatin1(k) << QString::fromLatin1(f);
}

void TestResultViews::exportFigures()
{
    QFETCH(QString, kind);
    QFETCH(QString, format);
    QTemporaryDir dir;
    const QString path = dir.filePath(kind + QLatin1Char('.') + format);
    const auto k = figureKindFromName(kind);
    const auto f = figureFormatFromName(format);
    QVERIFY(k && f);
    const QString error = m_panel->exportFigureTo(*k, *f, path);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QByteArray bytes = readAll(path);
    QVERIFY(bytes.size() > 1000);
    if (format == QLatin1String("pdf")) {
        QVERIFY(bytes.startsWith("%PDF-"));
        QCOMPARE(QString::fromLatin1(bytes).count(QRegularExpression(QStringLiteral("/Type\\s*/Page(?![s\\w])"))), 1);
        QVERIFY(QString::fromLatin1(bytes).contains(
            QRegularExpression(QStringLiteral("/MediaBox \\[0 0 1000(\\.0+)? 560(\\.0+)?\\]"))));
        QVERIFY(bytes.contains("/CreationDate (D:20251126000000Z)"));
    } else if (format == QLatin1String("svg")) {
        QXmlStreamReader xml(bytes);
        QString width, height, viewBox, title, desc;
        while (!xml.atEnd()) {
            xml.readNext();
            if (xml.isStartElement() && xml.name() == QLatin1String("svg")) {
                width = xml.attributes().value(QLatin1String("width")).toString();
                height = xml.attributes().value(QLatin1String("height")).toString();
                viewBox = xml.attributes().value(QLatin1String("viewBox")).toString();
            } else if (xml.isStartElement() && xml.name() == QLatin1String("title") && title.isEmpty()) {
                title = xml.readElementText();
            } else if (xml.isStartElement() && xml.name() == QLatin1String("desc") && desc.isEmpty()) {
                desc = xml.readElementText();
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QCOMPARE(viewBox, QStringLiteral("0 0 1000 560"));
        // 1000 x 560 px at 96 dpi, written in millimetres.
        QCOMPARE(width, QStringLiteral("264.583mm"));
        QCOMPARE(height, QStringLiteral("148.167mm"));
        QVERIFY2(title.contains(QStringLiteral("Golden Setup C")), qPrintable(title));
        QVERIFY2(desc.contains(QStringLiteral("solver given")) && desc.contains(kDate), qPrintable(desc));
    } else {
        QImage image;
        QVERIFY(image.loadFromData(bytes, "PNG"));
        QCOMPARE(image.size(), QSize(2000, 1120));
        QVERIFY(image.text(QStringLiteral("Title")).contains(QStringLiteral("Golden Setup C")));
        QCOMPARE(image.text(QStringLiteral("Creation Time")), kDate);
        QCOMPARE(image.text(QStringLiteral("Solver")), QStringLiteral("given"));
        QCOMPARE(image.pixelColor(3, 3), QColor(Qt::white)); // print style: white background
    }
}

void TestResultViews::guiAndCliWriteSameFiles_data() { exportFigures_data(); }

void TestResultViews::guiAndCliWriteSameFiles()
{
    QFETCH(QString, kind);
    QFETCH(QString, format);
    QTemporaryDir dir;
    const QString gui = dir.filePath(QStringLiteral("gui.") + format);
    const QString cli = dir.filePath(QStringLiteral("cli.") + format);
    QVERIFY(m_panel->exportFigureTo(*figureKindFromName(kind), *figureFormatFromName(format), gui).isEmpty());
    QStringList args{QStringLiteral("export"),     kSetupCProject,
                     QStringLiteral("--schedule"), kSetupCSchedule,
                     QStringLiteral("--figure"),   kind,
                     QStringLiteral("--format"),   format,
                     QStringLiteral("--out"),      cli,
                     QStringLiteral("--date"),     kDate};
    // The GUI exports what its views show: the allocation of the selected segment.
    const FigureOptions shown = m_panel->figureOptions(*figureKindFromName(kind));
    if (shown.segment >= 0)
        args << QStringLiteral("--segment") << QString::number(shown.segment + 1);
    if (shown.percent)
        args << QStringLiteral("--percent");
    QString err;
    const int code = runProgram(QStringLiteral(KAPLA_CLI_EXE), args, &err);
    QVERIFY2(code == 0, qPrintable(err));
    if (readAll(gui) != readAll(cli) && qEnvironmentVariableIsSet("KAPLA_KEEP_EXPORTS")) {
        QFile::copy(gui, qEnvironmentVariable("KAPLA_KEEP_EXPORTS") + QStringLiteral("/gui-") + kind + QLatin1Char('.')
                             + format);
        QFile::copy(cli, qEnvironmentVariable("KAPLA_KEEP_EXPORTS") + QStringLiteral("/cli-") + kind + QLatin1Char('.')
                             + format);
    }
    QVERIFY(readAll(gui) == readAll(cli));
}

void TestResultViews::kaplaExportExitCodes()
{
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("x.png"));
    const QString cli = QStringLiteral(KAPLA_CLI_EXE);
    const QStringList figure{QStringLiteral("--figure"), QStringLiteral("energy"), QStringLiteral("--format"),
                             QStringLiteral("png"),      QStringLiteral("--out"),  out};
    QString err;
    QCOMPARE(runProgram(cli,
                        QStringList{QStringLiteral("export"), kSetupCProject, QStringLiteral("--run"),
                                    QStringLiteral("1")}
                            + figure,
                        &err),
             1);
    QVERIFY2(err.contains(QStringLiteral("no saved run 1")), qPrintable(err));
    QCOMPARE(runProgram(cli, QStringList{QStringLiteral("export"), kSetupCProject} + figure, &err), 1);
    QCOMPARE(runProgram(cli,
                        QStringList{QStringLiteral("export"), kSetupCProject, QStringLiteral("--schedule"),
                                    kSetupCSchedule, QStringLiteral("--figure"), QStringLiteral("pie"),
                                    QStringLiteral("--format"), QStringLiteral("png"), QStringLiteral("--out"), out},
                        &err),
             1);
    // AlexNet's schedule does not fit the MLP project: no valid schedule, exit 2.
    QCOMPARE(runProgram(cli,
                        QStringList{QStringLiteral("export"), kSetupCProject, QStringLiteral("--schedule"),
                                    QStringLiteral(KAPLA_SOURCE_DIR
                                                   "/tests/data/schedules/setup-a-alex_net-b16-kapla.yaml")}
                            + figure,
                        &err),
             2);
    QCOMPARE(runProgram(cli, QStringList{QStringLiteral("export"), QStringLiteral("--help")}, &err), 0);
    QVERIFY(!QFile::exists(out));
    QCOMPARE(runProgram(cli,
                        QStringList{QStringLiteral("export"), kSetupCProject, QStringLiteral("--schedule"),
                                    kSetupCSchedule, QStringLiteral("--format"), QStringLiteral("csv"),
                                    QStringLiteral("--out"), out},
                        &err),
             0);
    QVERIFY(readAll(out).startsWith("layer,"));
}

void TestResultViews::scheduleExports()
{
    QTemporaryDir dir;
    const QString yaml = dir.filePath(QStringLiteral("s.yaml"));
    QVERIFY(m_panel->exportScheduleTo(ScheduleFormat::Yaml, yaml).isEmpty());
    QString err;
    QCOMPARE(runProgram(QStringLiteral(KAPLA_CLI_EXE),
                        {QStringLiteral("evaluate"), kSetupCProject, QStringLiteral("--schedule"), yaml}, &err),
             0);
    const QString csv = dir.filePath(QStringLiteral("s.csv"));
    QVERIFY(m_panel->exportScheduleTo(ScheduleFormat::Csv, csv).isEmpty());
    const QList<QByteArray> lines = readAll(csv).trimmed().split('\n');
    QCOMPARE(lines.size(), 4); // header + one row per layer
    const QString json = dir.filePath(QStringLiteral("s.json"));
    QVERIFY(m_panel->exportScheduleTo(ScheduleFormat::Json, json).isEmpty());
    QVERIFY(readAll(json).contains("\"total\""));
}

// With KAPLA_SCREENSHOT_DIR set, saves the panel on every tab (for looking at the on-screen views).
void TestResultViews::screenshots()
{
    const QString dir = qEnvironmentVariable("KAPLA_SCREENSHOT_DIR");
    if (dir.isEmpty())
        QSKIP("set KAPLA_SCREENSHOT_DIR to save screenshots");
    m_panel->setResult(m_alex);
    m_selection->selectLayer(QStringLiteral("conv2_a"));
    const char* names[] = {"energy", "allocation", "occupancy", "timeline", "layers"};
    for (int t = 0; t < 5; ++t) {
        showTab(static_cast<ResultsPanel::Tab>(t));
        QTest::qWait(50);
        QVERIFY(m_panel->grab().save(dir + QStringLiteral("/panel-alex-%1.png").arg(QLatin1String(names[t]))));
    }
    m_panel->setResult(m_c);
    m_selection->selectLayer(QStringLiteral("fc2"));
    for (int t = 0; t < 4; ++t) {
        showTab(static_cast<ResultsPanel::Tab>(t));
        QTest::qWait(50);
        QVERIFY(m_panel->grab().save(dir + QStringLiteral("/panel-c-%1.png").arg(QLatin1String(names[t]))));
    }
}

QTEST_MAIN(TestResultViews)
#include "tst_result_views.moc"
