// LayerTableModel over the AlexNet sample (display, sorting, editing through undo commands,
// validation marks), and ProjectDocument loading (GUI-less).

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
#include <QUndoStack>

#include <limits>
#include <memory>

namespace {

using Column = LayerTableModel::Column;

const QString kSource = QStringLiteral(KAPLA_SOURCE_DIR);

// A document with the AlexNet sample (19 layers, two towers).
std::unique_ptr<ProjectDocument> alexNetDocument()
{
    auto doc = std::make_unique<ProjectDocument>();
    QStringList errors;
    if (!doc->load(kSource + "/sample_projects/alexnet-16x16.yaml", &errors))
        qFatal("cannot load alexnet-16x16.yaml: %s", qPrintable(errors.join('\n')));
    return doc;
}

int col(Column c) { return static_cast<int>(c); }

} // namespace

class TestLayerTableModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void modelTester();
    void modelTesterThroughEdits();
    void shape();
    void cells_data();
    void cells();
    void alignmentAndTooltips();
    void sortsNumerically();
    void clearAndReset();
    void editsThroughUndo();
    void editFlags();
    void invalidCellsMarked();
    void rejectsUnreadableValues();
    void parsesSizes();
    void documentLoads();
    void documentRejectsBadFile();
    void summaryLines();
};

void TestLayerTableModel::modelTester()
{
    ProjectDocument doc;
    LayerTableModel model(&doc);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(doc.load(kSource + "/sample_projects/alexnet-16x16.yaml", nullptr));
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setSortRole(LayerTableModel::SortRole);
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.sort(col(Column::Macs), Qt::DescendingOrder);
    doc.clear();
    QVERIFY(doc.load(kSource + "/sample_projects/resnet50-16x16.yaml", nullptr));
}

void TestLayerTableModel::shape()
{
    ProjectDocument doc;
    LayerTableModel model(&doc);
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(doc.load(kSource + "/sample_projects/alexnet-16x16.yaml", nullptr));
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
    QTest::newRow("conv1_a filter words")
        << 0 << col(Column::FilterWords) << "17,424" << QVariant(qlonglong(3 * 48 * 121));
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

    const auto doc = alexNetDocument();
    LayerTableModel model(doc.get());
    const QModelIndex index = model.index(row, column);
    QCOMPARE(index.data().toString(), display);
    QCOMPARE(index.data(LayerTableModel::SortRole), sortValue);
}

void TestLayerTableModel::alignmentAndTooltips()
{
    const auto doc = alexNetDocument();
    LayerTableModel model(doc.get());
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
    const auto doc = alexNetDocument();
    LayerTableModel model(doc.get());
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
    ProjectDocument doc;
    LayerTableModel model(&doc);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QVERIFY(doc.load(kSource + "/sample_projects/alexnet-16x16.yaml", nullptr));
    QVERIFY(resets.count() >= 1);
    resets.clear();
    doc.clear();
    QCOMPARE(resets.count(), 1);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.totalMacs(), 0);
}

void TestLayerTableModel::documentLoads()
{
    ProjectDocument doc;
    QSignalSpy changed(&doc, &ProjectDocument::projectReset);
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
    QSignalSpy changed(&doc, &ProjectDocument::projectReset);
    QStringList errors;
    QVERIFY(!doc.load(path, &errors));
    QVERIFY(!errors.isEmpty());
    QVERIFY2(errors.front().startsWith(path + ':'), qPrintable(errors.front()));
    QVERIFY2(errors.front().contains(QRegularExpression(QStringLiteral(":\\d+:\\d+: error"))),
             qPrintable(errors.front()));
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

void TestLayerTableModel::modelTesterThroughEdits()
{
    const auto doc = alexNetDocument();
    LayerTableModel model(doc.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setSortRole(LayerTableModel::SortRole);
    proxy.sort(col(Column::Macs), Qt::DescendingOrder);
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);

    DraftLayer fc4{"fc4", {}, {"fc3"}};
    fc4.params.type = kapla::LayerType::FC;
    fc4.params.nifm = 1000;
    fc4.params.nofm = 10;
    doc->insertLayer(19, fc4);
    QCOMPARE(model.rowCount(), 20);
    doc->moveLayer(1, 0);
    QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("conv1_b"));
    doc->removeLayers({19, 18});
    QCOMPARE(model.rowCount(), 18);
    QVERIFY(model.setData(model.index(17, col(Column::Nofm)), 100));
    QVERIFY(model.setData(model.index(0, col(Column::Name)), QStringLiteral("first")));
    while (doc->undoStack()->canUndo())
        doc->undoStack()->undo();
    QCOMPARE(model.rowCount(), 19);
    QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("conv1_a"));
    while (doc->undoStack()->canRedo())
        doc->undoStack()->redo();
    QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("first"));
}

void TestLayerTableModel::editsThroughUndo()
{
    const auto doc = alexNetDocument();
    LayerTableModel model(doc.get());
    const std::string before = doc->toYaml({}, ProjectDocument::Inline::All);
    QVERIFY(!before.empty());

    // fc3 is the last layer: fewer classes keep the network valid.
    QVERIFY(model.setData(model.index(18, col(Column::Nofm)), 10));
    QCOMPARE(model.index(18, col(Column::Nofm)).data().toString(), QStringLiteral("10"));
    QCOMPARE(model.index(18, col(Column::OfmapWords)).data().toString(), QStringLiteral("10"));
    QCOMPARE(doc->undoStack()->count(), 1);
    QVERIFY(doc->isDirty());
    QVERIFY(doc->isNetworkValid());
    QCOMPARE(doc->project().network.at(kapla::LayerId{18}).layer.nofm(), 10);

    QVERIFY(model.setData(model.index(0, col(Column::Filter)), QStringLiteral("11x11")));
    QCOMPARE(doc->undoStack()->count(), 1); // same value: no step

    doc->undoStack()->undo();
    QCOMPARE(model.index(18, col(Column::Nofm)).data().toString(), QStringLiteral("1,000"));
    QCOMPARE(doc->toYaml({}, ProjectDocument::Inline::All), before);
    QVERIFY(!doc->isDirty());

    // Renaming rewires the consumers in the same step.
    QVERIFY(model.setData(model.index(0, col(Column::Name)), QStringLiteral("stem_a")));
    QCOMPARE(doc->undoStack()->count(), 1);
    QCOMPARE(model.index(2, col(Column::Prevs)).data().toString(), QStringLiteral("stem_a"));
    QVERIFY(doc->isNetworkValid());
    doc->undoStack()->undo();
    QCOMPARE(doc->toYaml({}, ProjectDocument::Inline::All), before);
}

void TestLayerTableModel::editFlags()
{
    const auto doc = alexNetDocument();
    LayerTableModel model(doc.get());
    const auto editable = [&](int row, Column c) {
        return bool(model.flags(model.index(row, col(c))) & Qt::ItemIsEditable);
    };
    QVERIFY(editable(0, Column::Name));
    QVERIFY(editable(0, Column::Nifm));  // conv
    QVERIFY(!editable(2, Column::Nifm)); // pool: derived
    QVERIFY(editable(2, Column::Filter));
    QVERIFY(!editable(16, Column::Ofmap)); // fc: always 1 x 1
    QVERIFY(!editable(0, Column::Macs));
    QVERIFY(!editable(0, Column::Ifmap));
    QCOMPARE(model.index(2, col(Column::Nifm)).data().toString(), QStringLiteral("48"));
}

void TestLayerTableModel::invalidCellsMarked()
{
    const auto doc = alexNetDocument();
    LayerTableModel model(doc.get());
    // conv1_a gives 48 channels to pool1_a; 64 breaks pool1_a's channel count.
    QVERIFY(model.setData(model.index(0, col(Column::Nofm)), 64));
    QVERIFY(!doc->isNetworkValid());
    QCOMPARE(doc->undoStack()->count(), 1);
    const QModelIndex pool = model.index(2, col(Column::Nofm));
    QVERIFY(pool.data(Qt::BackgroundRole).isValid());
    const QString tip = pool.data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(QStringLiteral("64 channels")), qPrintable(tip));
    QCOMPARE(pool.data(LayerTableModel::IssueRole).toStringList().size(), 1);
    QVERIFY(!model.index(0, col(Column::Nofm)).data(Qt::BackgroundRole).isValid());
    QVERIFY(doc->toYaml().empty());
    QStringList errors;
    QVERIFY(!doc->save(&errors));
    QVERIFY2(errors.join('\n').contains(QStringLiteral("pool1_a")), qPrintable(errors.join('\n')));
    QString why;
    QCOMPARE(doc->solve(&why), -1);
    QVERIFY(why.contains(QStringLiteral("network has errors")));
    // The project keeps the last valid network meanwhile.
    QCOMPARE(doc->project().network.at(kapla::LayerId{0}).layer.nofm(), 48);

    // Fixing the consumer makes it valid again: two steps, both undoable.
    QVERIFY(model.setData(model.index(2, col(Column::Nofm)), 64));
    QVERIFY(!doc->isNetworkValid()); // conv2_a still expects 48
    QVERIFY(model.index(4, col(Column::Nifm)).data(Qt::BackgroundRole).isValid());
    QVERIFY(model.setData(model.index(4, col(Column::Nifm)), 64));
    QVERIFY(doc->isNetworkValid());
    QCOMPARE(doc->undoStack()->count(), 3);

    QVERIFY(model.setData(model.index(3, col(Column::Prevs)), QStringLiteral("nowhere")));
    QVERIFY(model.index(3, col(Column::Prevs))
                .data(Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("unknown producer 'nowhere'")));
    QCOMPARE(model.index(3, col(Column::Macs)).data().toString(), QStringLiteral("314,928"));

    QVERIFY(model.setData(model.index(3, col(Column::Filter)), QStringLiteral("0")));
    QCOMPARE(model.index(3, col(Column::Macs)).data().toString(), QStringLiteral("—"));
    QVERIFY(model.index(3, col(Column::Filter)).data(Qt::BackgroundRole).isValid());
}

void TestLayerTableModel::rejectsUnreadableValues()
{
    const auto doc = alexNetDocument();
    LayerTableModel model(doc.get());
    QSignalSpy rejected(&model, &LayerTableModel::editRejected);
    QVERIFY(!model.setData(model.index(0, col(Column::Ofmap)), QStringLiteral("3y3")));
    QVERIFY(!model.setData(model.index(0, col(Column::Type)), QStringLiteral("convolution")));
    QVERIFY(!model.setData(model.index(0, col(Column::Macs)), 5));
    QCOMPARE(rejected.count(), 2);
    QCOMPARE(doc->undoStack()->count(), 0);
    // An empty stride means the type's default.
    QVERIFY(model.setData(model.index(0, col(Column::Stride)), QString()));
    QCOMPARE(model.index(0, col(Column::Stride)).data().toString(), QStringLiteral("1 × 1"));
}

void TestLayerTableModel::parsesSizes()
{
    using kapla::PhyDim2;
    QCOMPARE(LayerTableModel::parseDim(QStringLiteral("3")), std::optional(PhyDim2{3, 3}));
    QCOMPARE(LayerTableModel::parseDim(QStringLiteral("3x5")), std::optional(PhyDim2{3, 5}));
    QCOMPARE(LayerTableModel::parseDim(QStringLiteral(" 3 × 5 ")), std::optional(PhyDim2{3, 5}));
    QCOMPARE(LayerTableModel::parseDim(QStringLiteral("[7, 2]")), std::optional(PhyDim2{7, 2}));
    QCOMPARE(LayerTableModel::parseDim(QStringLiteral("3y3")), std::nullopt);
    QCOMPARE(LayerTableModel::parseDim(QStringLiteral("-3")), std::nullopt);
    QCOMPARE(LayerTableModel::parseDim(QString()), std::nullopt);
}

QTEST_GUILESS_MAIN(TestLayerTableModel)
#include "tst_layer_table_model.moc"
