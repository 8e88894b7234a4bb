// Result item models (directive tree, layer table) under QAbstractItemModelTester, with filtering and
// sorting through proxies, and the SelectionContext's rules and signals (GUI-less).

#include "views/result_fixtures.h"

#include "session/directive_tree_model.h"
#include "session/result_export.h"
#include "session/result_layer_model.h"
#include "session/selection_context.h"

#include "report/chart_data.h"

#include <nlohmann/json.hpp>

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <functional>

namespace {

kapla::RunPtr snapshot(const kapla::test::Evaluated& e) { return kapla::test::givenRun(e); }

QStringList childNames(const QAbstractItemModel& m, const QModelIndex& parent)
{
    QStringList out;
    for (int r = 0; r < m.rowCount(parent); ++r)
        out << m.index(r, 0, parent).data().toString();
    return out;
}

} // namespace

class TestResultModels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void treeModelTester();
    void treeShape();
    void treePathsRoundTrip();
    void treeEnergyShares();
    void treeFilterKeepsAncestors();
    void treeSortsByEnergy();
    void layerModelTester();
    void layerModelValues();
    void selectionFollowsLayer();
    void selectionSegmentAndDirective();
    void selectionIgnoresUnknown();
    void selectionResultReset();
    void scheduleExportRoundTrip();

private:
    kapla::RunPtr m_c;
    kapla::RunPtr m_alex;
};

void TestResultModels::initTestCase()
{
    m_c = snapshot(kapla::test::setupC());
    m_alex = snapshot(kapla::test::alexNetSetupA());
}

void TestResultModels::treeModelTester()
{
    DirectiveTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setRecursiveFilteringEnabled(true);
    proxy.setFilterKeyColumn(-1);
    proxy.setSortRole(DirectiveTreeModel::SortRole);
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setResult(m_c);
    proxy.sort(2, Qt::DescendingOrder);
    proxy.setFilterFixedString(QStringLiteral("output channels"));
    model.setResult(m_alex);
    proxy.setFilterFixedString(QString());
    model.setResult(nullptr);
    QCOMPARE(model.rowCount(), 0);
}

void TestResultModels::treeShape()
{
    DirectiveTreeModel model;
    model.setResult(m_c);
    QCOMPARE(model.rowCount(), 1);
    const QModelIndex root = model.index(0, 0);
    QVERIFY(root.data().toString().contains(QStringLiteral("MLP-S")));
    QCOMPARE(childNames(model, root), (QStringList{QStringLiteral("Segment 1"), QStringLiteral("Segment 2")}));
    const QModelIndex seg1 = model.index(0, 0, root);
    QCOMPARE(childNames(model, seg1), (QStringList{QStringLiteral("fc1"), QStringLiteral("fc2")}));
    QVERIFY(model.index(0, 1, seg1).data().toString().contains(QStringLiteral("FC 784→500")));
    const QModelIndex fc1 = model.index(0, 0, seg1);
    QCOMPARE(childNames(model, fc1),
             (QStringList{QStringLiteral("Partition"), QStringLiteral("Data layout"), QStringLiteral("Array mapping"),
                          QStringLiteral("GBUF blocking"), QStringLiteral("REGF blocking"),
                          QStringLiteral("Buffer sharing"), QStringLiteral("Constraint")}));
    const QModelIndex part = model.index(0, 0, fc1);
    QCOMPARE(model.index(0, 1, seg1.model()->index(0, 0, seg1)).data().toString().isEmpty(), false);
    QCOMPARE(childNames(model, part), QStringList{QStringLiteral("output channels (K)")});
    // The names' meanings (the glossary's) are their tooltips, with nn_dataflow's name.
    QVERIFY(model.index(0, 0, part).data(Qt::ToolTipRole).toString().contains(QStringLiteral("OUTP")));
    QVERIFY(model.index(0, 1, fc1).data().toString().startsWith(QStringLiteral("output channels (K) 4x3")));
    QCOMPARE(model.index(3, 1, fc1).data().toString(), QStringLiteral("C 2 · K 1 · N 1; order N ▸ K ▸ C"));
    QVERIFY(model.index(5, 1, fc1).data().toString().startsWith(QStringLiteral("on"))); // Setup C shares GBUFs
    QVERIFY(model.index(6, 1, fc1).data().toString().contains(QStringLiteral("batch groups 1")));
}

void TestResultModels::treePathsRoundTrip()
{
    DirectiveTreeModel model;
    model.setResult(m_alex);
    int checked = 0;
    std::function<void(const QModelIndex&)> walk = [&](const QModelIndex& parent) {
        for (int r = 0; r < model.rowCount(parent); ++r) {
            const QModelIndex i = model.index(r, 0, parent);
            const QString path = i.data(DirectiveTreeModel::IdRole).toString();
            QVERIFY(!path.isEmpty());
            QCOMPARE(model.indexOfPath(path), i);
            ++checked;
            walk(i);
        }
    };
    walk({});
    QVERIFY(checked > 19 * 8);
    QCOMPARE(model.indexOfPath(QStringLiteral("s5/conv2_a/gbuf")).data().toString(), QStringLiteral("GBUF blocking"));
    QVERIFY(!model.indexOfPath(QStringLiteral("s99/none")).isValid());
}

void TestResultModels::treeEnergyShares()
{
    DirectiveTreeModel model;
    model.setResult(m_c);
    const QModelIndex root = model.index(0, 0);
    QCOMPARE(model.index(0, 2).data(DirectiveTreeModel::SortRole).toDouble(), 1.0);
    QCOMPARE(model.index(0, 2).data().toString(), QStringLiteral("100.0%"));
    double segments = 0;
    for (int s = 0; s < model.rowCount(root); ++s) {
        const QModelIndex seg = model.index(s, 0, root);
        const double share = model.index(s, 2, root).data(DirectiveTreeModel::SortRole).toDouble();
        double layers = 0;
        for (int l = 0; l < model.rowCount(seg); ++l)
            layers += model.index(l, 2, seg).data(DirectiveTreeModel::SortRole).toDouble();
        QVERIFY(std::abs(layers - share) < 1e-12);
        segments += share;
    }
    QVERIFY(std::abs(segments - 1.0) < 1e-12);
    // fc1: 129,460,800 of 172,309,688; its GBUF blocking row is its DRAM energy.
    const QModelIndex fc1 = model.indexOfPath(QStringLiteral("s1/fc1"));
    QVERIFY(std::abs(fc1.siblingAtColumn(2).data(DirectiveTreeModel::SortRole).toDouble() - 129460800.0 / 172309688.0)
            < 1e-12);
    const QModelIndex gbuf = model.indexOfPath(QStringLiteral("s1/fc1/gbuf"));
    QCOMPARE(gbuf.data(DirectiveTreeModel::EnergyRole).toDouble(), m_c->evaluation->layers[0].energy.dram);
    QVERIFY(gbuf.siblingAtColumn(2).data(Qt::ToolTipRole).toString().contains(QStringLiteral("DRAM energy")));
    QCOMPARE(model.indexOfPath(QStringLiteral("s1/fc1/constraint")).siblingAtColumn(2).data().toString(), QString());
}

void TestResultModels::treeFilterKeepsAncestors()
{
    DirectiveTreeModel model;
    model.setResult(m_c);
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setRecursiveFilteringEnabled(true);
    proxy.setFilterKeyColumn(-1);
    proxy.setFilterCaseSensitivity(Qt::CaseInsensitive);
    proxy.setFilterFixedString(QStringLiteral("fc3"));
    QCOMPARE(proxy.rowCount(), 1);
    const QModelIndex root = proxy.index(0, 0);
    QCOMPARE(childNames(proxy, root), QStringList{QStringLiteral("Segment 2")});
    QCOMPARE(childNames(proxy, proxy.index(0, 0, root)), QStringList{QStringLiteral("fc3")});
    proxy.setFilterFixedString(QStringLiteral("batch (N) 4x2"));
    QCOMPARE(childNames(proxy, root), QStringList{QStringLiteral("Segment 2")});
}

void TestResultModels::treeSortsByEnergy()
{
    DirectiveTreeModel model;
    model.setResult(m_alex);
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setSortRole(DirectiveTreeModel::SortRole);
    proxy.sort(2, Qt::DescendingOrder);
    const QModelIndex root = proxy.index(0, 0);
    double previous = 2;
    for (int s = 0; s < proxy.rowCount(root); ++s) {
        const double share = proxy.index(s, 2, root).data(DirectiveTreeModel::SortRole).toDouble();
        QVERIFY(share <= previous);
        previous = share;
    }
    proxy.sort(0, Qt::AscendingOrder);
    QCOMPARE(proxy.index(0, 0, root).data().toString(), QStringLiteral("Segment 1"));
}

void TestResultModels::layerModelTester()
{
    ResultLayerModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setSortRole(ResultLayerModel::SortRole);
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setResult(m_alex);
    proxy.sort(static_cast<int>(ResultLayerModel::Column::Energy), Qt::DescendingOrder);
    model.setResult(m_c);
    model.setResult(nullptr);
    QCOMPARE(model.rowCount(), 0);
}

void TestResultModels::layerModelValues()
{
    ResultLayerModel model;
    model.setResult(m_c);
    QCOMPARE(model.rowCount(), 3);
    const auto col = [](ResultLayerModel::Column c) { return static_cast<int>(c); };
    double energy = 0;
    for (int r = 0; r < 3; ++r) {
        QCOMPARE(model.index(r, 0).data(ResultLayerModel::IdRole).toString(),
                 QString::fromStdString(m_c->evaluation->layers[static_cast<std::size_t>(r)].name));
        energy += model.index(r, col(ResultLayerModel::Column::Energy)).data(ResultLayerModel::SortRole).toDouble();
    }
    QCOMPARE(energy, 172309688.0);
    QCOMPARE(model.index(0, col(ResultLayerModel::Column::Energy)).data().toString(),
             QStringLiteral("129,460,800 unit"));
    QCOMPARE(model.index(1, col(ResultLayerModel::Column::Start)).data().toString(), QStringLiteral("9,408"));
    QCOMPARE(model.index(2, col(ResultLayerModel::Column::Segment)).data().toInt(), 2);
    QCOMPARE(model.rowOfLayer(QStringLiteral("fc2")), 1);
    QCOMPARE(model.headerData(col(ResultLayerModel::Column::Dram), Qt::Horizontal).toString(), QStringLiteral("DRAM"));
}

void TestResultModels::selectionFollowsLayer()
{
    SelectionContext sel;
    QSignalSpy layer(&sel, &SelectionContext::layerChanged);
    QSignalSpy segment(&sel, &SelectionContext::segmentChanged);
    QSignalSpy any(&sel, &SelectionContext::selectionChanged);
    QSignalSpy result(&sel, &SelectionContext::resultChanged);
    sel.setResult(m_c, 1);
    QCOMPARE(result.count(), 1);
    QCOMPARE(sel.runId(), 1);
    QCOMPARE(sel.layer(), QStringLiteral("fc1"));
    QCOMPARE(sel.segment(), 0);
    QCOMPARE(sel.directive(), QStringLiteral("s1/fc1"));
    layer.clear();
    segment.clear();
    any.clear();
    sel.selectLayer(QStringLiteral("fc3"));
    QCOMPARE(sel.layerIndex(), 2);
    QCOMPARE(sel.segment(), 1);
    QCOMPARE(sel.directive(), QStringLiteral("s2/fc3"));
    QCOMPARE(layer.count(), 1);
    QCOMPARE(layer.at(0).at(0).toString(), QStringLiteral("fc3"));
    QCOMPARE(segment.count(), 1);
    QCOMPARE(any.count(), 1);
    sel.selectLayer(QStringLiteral("fc3")); // no change, no signal
    QCOMPARE(any.count(), 1);
}

void TestResultModels::selectionSegmentAndDirective()
{
    SelectionContext sel;
    sel.setResult(m_c, 1);
    sel.selectLayer(QStringLiteral("fc2"));
    sel.selectSegment(0); // fc2 is in segment 1 (index 0): kept
    QCOMPARE(sel.layer(), QStringLiteral("fc2"));
    QCOMPARE(sel.directive(), QStringLiteral("s1"));
    sel.selectSegment(1);
    QCOMPARE(sel.layer(), QStringLiteral("fc3"));
    QSignalSpy directive(&sel, &SelectionContext::directiveChanged);
    sel.selectDirective(QStringLiteral("s1/fc2/regf"));
    QCOMPARE(sel.layer(), QStringLiteral("fc2"));
    QCOMPARE(sel.segment(), 0);
    QCOMPARE(sel.directive(), QStringLiteral("s1/fc2/regf"));
    QCOMPARE(directive.count(), 1);
    sel.selectDirective(QStringLiteral("network"));
    QCOMPARE(sel.layer(), QStringLiteral("fc2"));
    QCOMPARE(sel.directive(), QStringLiteral("network"));
    sel.selectDirective(QStringLiteral("s2"));
    QCOMPARE(sel.layer(), QStringLiteral("fc3"));
    QSignalSpy run(&sel, &SelectionContext::runRequested);
    sel.selectRun(1);
    QCOMPARE(run.count(), 0);
    sel.selectRun(4);
    QCOMPARE(run.count(), 1);
    QCOMPARE(run.at(0).at(0).toInt(), 4);
}

void TestResultModels::selectionIgnoresUnknown()
{
    SelectionContext sel;
    sel.selectLayer(QStringLiteral("fc1")); // no result: nothing happens
    QCOMPARE(sel.layerIndex(), -1);
    sel.setResult(m_c);
    QSignalSpy any(&sel, &SelectionContext::selectionChanged);
    sel.selectLayer(QStringLiteral("conv9"));
    sel.selectSegment(5);
    sel.selectLayerIndex(-3);
    QCOMPARE(any.count(), 0);
    QCOMPARE(sel.layer(), QStringLiteral("fc1"));
}

void TestResultModels::selectionResultReset()
{
    SelectionContext sel;
    sel.setResult(m_c);
    sel.selectLayer(QStringLiteral("fc3"));
    QSignalSpy layer(&sel, &SelectionContext::layerChanged);
    sel.setResult(m_alex, 2);
    QCOMPARE(sel.runId(), 2);
    QCOMPARE(sel.layer(), QStringLiteral("conv1_a"));
    QCOMPARE(layer.count(), 1);
    sel.setResult(nullptr);
    QCOMPARE(sel.layerIndex(), -1);
    QCOMPARE(sel.segment(), -1);
}

void TestResultModels::scheduleExportRoundTrip()
{
    QTemporaryDir dir;
    const QString yaml = dir.filePath(QStringLiteral("s.yaml"));
    QVERIFY(exportSchedule(*m_c, ScheduleFormat::Yaml, yaml).isEmpty());
    const auto back = kapla::io::loadScheduleFile(yaml.toStdString());
    QVERIFY(back.ok());
    QVERIFY(back.value() == *m_c->schedule);
    const std::string json = scheduleExportText(*m_c, ScheduleFormat::Json);
    const auto j = nlohmann::json::parse(json);
    QCOMPARE(j.at("total").at("energy").get<double>(), 172309688.0);
    QCOMPARE(j.at("layers").size(), std::size_t{3});
    const std::string csv = scheduleExportText(*m_alex, ScheduleFormat::Csv);
    QCOMPARE(static_cast<std::size_t>(std::count(csv.begin(), csv.end(), '\n')), m_alex->evaluation->layers.size() + 1);
    QVERIFY(exportSchedule(*m_c, ScheduleFormat::Csv, dir.filePath(QStringLiteral("no/such/dir/x.csv"))).size() > 0);
    QCOMPARE(scheduleFormatFromName(QStringLiteral("YML")), std::optional<ScheduleFormat>(ScheduleFormat::Yaml));
    QVERIFY(!scheduleFormatFromName(QStringLiteral("xlsx")));
}

QTEST_GUILESS_MAIN(TestResultModels)
#include "tst_result_models.moc"
