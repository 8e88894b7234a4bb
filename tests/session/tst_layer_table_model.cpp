// LayerTableModel over the AlexNet sample, and ProjectDocument loading (GUI-less).

#include "session/layer_table_model.h"
#include "session/project_document.h"
#include "session/project_summary.h"

#include "io/project_io.h"
#include "model/architecture.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTemporaryDir>
#include <QTest>

#include <limits>

namespace {

using Column = LayerTableModel::Column;

const QString kSource = QStringLiteral(KAPLA_SOURCE_DIR);

kapla::Network loadAlexNet()
{
    auto net = kapla::io::loadNetworkFile(KAPLA_SOURCE_DIR "/sample_projects/networks/alex_net.yaml");
    if (!net)
        qFatal("cannot load alex_net.yaml: %s", net.diagnostics().front().format().c_str());
    return net.value();
}

int col(Column c) { return static_cast<int>(c); }

} // namespace

class TestLayerTableModel : public QObject
{
    Q_OBJECT

private slots:
    void modelTester();
    void shape();
    void cells_data();
    void cells();
    void alignmentAndTooltips();
    void sortsNumerically();
    void clearAndReset();
    void documentLoads();
    void documentRejectsBadFile();
    void summaryLines();
};

void TestLayerTableModel::modelTester()
{
    LayerTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setNetwork(loadAlexNet());
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setSortRole(LayerTableModel::SortRole);
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.sort(col(Column::Macs), Qt::DescendingOrder);
    model.clear();
    model.setNetwork(loadAlexNet());
}

void TestLayerTableModel::shape()
{
    LayerTableModel model;
    QCOMPARE(model.rowCount(), 0);
    model.setNetwork(loadAlexNet());
    QCOMPARE(model.rowCount(), 19);
    QCOMPARE(model.columnCount(), col(Column::Count));
    QCOMPARE(model.totalMacs(), 725508992);
    QCOMPARE(model.headerData(col(Column::Macs), Qt::Horizontal).toString(), QStringLiteral("MACs/sample"));
    QVERIFY(!model.headerData(col(Column::Nifm), Qt::Horizontal, Qt::ToolTipRole).toString().isEmpty());
}

void TestLayerTableModel::cells_data()
{
    QTest::addColumn<int>("row");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("display");
    QTest::addColumn<QVariant>("sortValue");

    QTest::newRow("conv1_a name") << 0 << col(Column::Name) << "conv1_a" << QVariant(QStringLiteral("conv1_a"));
    QTest::newRow("conv1_a type") << 0 << col(Column::Type) << "Conv" << QVariant(QStringLiteral("Conv"));
    QTest::newRow("conv1_a macs") << 0 << col(Column::Macs) << "52,707,600" << QVariant(qlonglong(52707600));
    QTest::newRow("conv1_a ifmap") << 0 << col(Column::Ifmap) << "227 × 227" << QVariant(qlonglong(227 * 227));
    QTest::newRow("conv1_a ofmap") << 0 << col(Column::Ofmap) << "55 × 55" << QVariant(qlonglong(55 * 55));
    QTest::newRow("conv1_a filter") << 0 << col(Column::Filter) << "11 × 11" << QVariant(qlonglong(121));
    QTest::newRow("conv1_a stride") << 0 << col(Column::Stride) << "4 × 4" << QVariant(qlonglong(16));
    QTest::newRow("conv1_a nofm") << 0 << col(Column::Nofm) << "48" << QVariant(48);
    QTest::newRow("conv1_a filter words") << 0 << col(Column::FilterWords) << "17,424"
                                          << QVariant(qlonglong(3 * 48 * 121));
    QTest::newRow("conv1_a prevs") << 0 << col(Column::Prevs) << "(input)" << QVariant(QStringLiteral("(input)"));
    QTest::newRow("pool1_a type") << 2 << col(Column::Type) << "Pool" << QVariant(QStringLiteral("Pool"));
    QTest::newRow("conv3_a prevs") << 8 << col(Column::Prevs) << "pool2_a, pool2_b"
                                   << QVariant(QStringLiteral("pool2_a, pool2_b"));
    QTest::newRow("conv3_a nifm") << 8 << col(Column::Nifm) << "256" << QVariant(256);
    QTest::newRow("fc2 filter words") << 17 << col(Column::FilterWords) << "16,777,216"
                                      << QVariant(qlonglong(4096 * 4096));
    QTest::newRow("fc3 ofmap words") << 18 << col(Column::OfmapWords) << "1,000" << QVariant(qlonglong(1000));
}

void TestLayerTableModel::cells()
{
    QFETCH(int, row);
    QFETCH(int, column);
    QFETCH(QString, display);
    QFETCH(QVariant, sortValue);

    LayerTableModel model;
    model.setNetwork(loadAlexNet());
    const QModelIndex index = model.index(row, column);
    QCOMPARE(index.data().toString(), display);
    QCOMPARE(index.data(LayerTableModel::SortRole), sortValue);
}

void TestLayerTableModel::alignmentAndTooltips()
{
    LayerTableModel model;
    model.setNetwork(loadAlexNet());
    const auto align = [&](Column c) {
        return model.index(0, col(c)).data(Qt::TextAlignmentRole).value<Qt::Alignment>() & Qt::AlignHorizontal_Mask;
    };
    QCOMPARE(align(Column::Name), Qt::AlignLeft);
    QCOMPARE(align(Column::Macs), Qt::AlignRight);
    QCOMPARE(align(Column::Ofmap), Qt::AlignRight);
    QCOMPARE(model.index(2, col(Column::Type)).data(Qt::ToolTipRole).toString(), QStringLiteral("pool"));
    QCOMPARE(model.index(16, col(Column::Type)).data(Qt::ToolTipRole).toString(), QStringLiteral("fc"));
    QCOMPARE(model.index(5, col(Column::Macs)).data(LayerTableModel::IdRole).toString(), QStringLiteral("conv2_b"));
}

void TestLayerTableModel::sortsNumerically()
{
    LayerTableModel model;
    model.setNetwork(loadAlexNet());
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setSortRole(LayerTableModel::SortRole);
    proxy.sort(col(Column::FilterWords), Qt::DescendingOrder);
    // As text, "4,096,000" (fc3) would sort above "37,748,736" (fc1).
    QCOMPARE(proxy.index(0, 0).data(LayerTableModel::IdRole).toString(), QStringLiteral("fc1"));
    QCOMPARE(proxy.index(1, 0).data(LayerTableModel::IdRole).toString(), QStringLiteral("fc2"));
    proxy.sort(col(Column::Macs), Qt::DescendingOrder);
    qlonglong previous = std::numeric_limits<qlonglong>::max();
    for (int r = 0; r < proxy.rowCount(); ++r) {
        const qlonglong macs = proxy.index(r, col(Column::Macs)).data(LayerTableModel::SortRole).toLongLong();
        QVERIFY(macs <= previous);
        previous = macs;
    }
}

void TestLayerTableModel::clearAndReset()
{
    LayerTableModel model;
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    model.setNetwork(loadAlexNet());
    model.clear();
    QCOMPARE(resets.count(), 2);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.totalMacs(), 0);
}

void TestLayerTableModel::documentLoads()
{
    ProjectDocument doc;
    QSignalSpy changed(&doc, &ProjectDocument::projectChanged);
    QVERIFY(!doc.hasProject());
    QStringList errors;
    QVERIFY(doc.load(kSource + "/sample_projects/alexnet-16x16.yaml", &errors));
    QVERIFY(errors.isEmpty());
    QCOMPARE(changed.count(), 1);
    QVERIFY(doc.hasProject());
    QCOMPARE(doc.project().batch, 16);
    QCOMPARE(doc.project().network.size(), std::size_t(19));
    QCOMPARE(doc.displayName(), QStringLiteral("AlexNet inference on the KAPLA 16x16 mesh"));
    QVERIFY(doc.filePath().endsWith(QStringLiteral("/sample_projects/alexnet-16x16.yaml")));
    doc.clear();
    QCOMPARE(changed.count(), 2);
    QVERIFY(!doc.hasProject());
}

void TestLayerTableModel::documentRejectsBadFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("bad.yaml"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("version: 1\nproject:\n  name: broken\n  batch: 4\n  network:\n    name: n\n"
               "    input: {nofm: 3, sofm: 8}\n    layers:\n"
               "      - {name: c1, type: conv, nifm: 3, nofm: -2, sofm: 8, sfil: 3}\n"
               "  architecture: missing-architecture.yaml\n");
    file.close();

    ProjectDocument doc;
    QVERIFY(doc.load(kSource + "/sample_projects/alexnet-16x16.yaml", nullptr));
    QSignalSpy changed(&doc, &ProjectDocument::projectChanged);
    QStringList errors;
    QVERIFY(!doc.load(path, &errors));
    QVERIFY(!errors.isEmpty());
    QVERIFY2(errors.front().startsWith(path + ':'), qPrintable(errors.front()));
    QVERIFY2(errors.front().contains(QRegularExpression(QStringLiteral(":\\d+:\\d+: error"))), qPrintable(errors.front()));
    QCOMPARE(changed.count(), 0);
    QCOMPARE(doc.project().batch, 16); // the previous project stays

    QVERIFY(!doc.load(dir.filePath(QStringLiteral("does-not-exist.yaml")), &errors));
    QCOMPARE(errors.size(), 1);
}

void TestLayerTableModel::summaryLines()
{
    const auto project = kapla::io::loadProjectFile(KAPLA_SOURCE_DIR "/sample_projects/alexnet-16x16.yaml");
    QVERIFY(project.ok());
    QCOMPARE(networkSummaryLine(project.value(), 725508992),
             QStringLiteral("AlexNet · 19 layers · 725,508,992 MACs/sample · batch 16"));
    const auto arch = kapla::resolveArchitecture(project->architecture);
    QVERIFY(arch.ok());
    const QString line = architectureSummaryLine(arch.value());
    QVERIFY2(line.startsWith(QStringLiteral("KAPLA multi-node 16x16 · 16 × 16 nodes · 8 × 8 PEs/node · GBUF ")),
             qPrintable(line));
    QVERIFY2(line.contains(QStringLiteral("DRAM at 4 nodes (2D)")), qPrintable(line));

    QCOMPARE(quantityText(65536), QStringLiteral("65,536"));
    QCOMPARE(quantityText(31.68), QStringLiteral("31.68"));
    QCOMPARE(quantityText(0.123456), QStringLiteral("0.1235"));
    QCOMPARE(quantityText(16220.16), QStringLiteral("16,220"));
    QCOMPARE(quantityText(kapla::kUnlimited), QStringLiteral("unlimited"));
}

QTEST_GUILESS_MAIN(TestLayerTableModel)
#include "tst_layer_table_model.moc"
