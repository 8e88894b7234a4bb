// PE-array mappings (model spec §4.4, §4.5; validation data §8.1 "Mapping", §8.3 worked examples).
#include "cost/map_strategy.h"
#include "io/project_io.h"
#include "test_layers.h"
#include "test_paths.h"

#include <QtTest>

#include <algorithm>

using namespace kapla;

namespace {

constexpr auto kFil = static_cast<std::size_t>(DataCategory::Fil);
constexpr auto kIfm = static_cast<std::size_t>(DataCategory::Ifm);
constexpr auto kOfm = static_cast<std::size_t>(DataCategory::Ofm);
constexpr auto kDram = static_cast<std::size_t>(MemLevel::Dram);
constexpr auto kGbuf = static_cast<std::size_t>(MemLevel::Gbuf);
constexpr auto kItcn = static_cast<std::size_t>(MemLevel::Itcn);
constexpr auto kRegf = static_cast<std::size_t>(MemLevel::Regf);

using test::conv;
using test::dwconv;
using test::fc;
using test::validLayer;

Layer regionLayer(LayerType type, int nofm, int sofm, int sreg, int nreg, int strd = 1)
{
    return validLayer(test::layerParams(type, 0, nofm, {sofm, sofm}, {sreg, sreg}, nreg, PhyDim2{strd, strd}));
}

const NestedLoopDesc* findChoice(const std::vector<NestedLoopDesc>& nlds, int ifms, int ofms)
{
    for (const auto& n : nlds)
        if (n.replIfms == ifms && n.replOfms == ofms)
            return &n;
    return nullptr;
}

using Triple = std::array<double, 3>;

Triple row(const PerCategory<double>& v) { return {v[0], v[1], v[2]}; }

Triple totalsAt(const NestedLoopDesc& n, MemLevel m)
{
    return {n.totalAccessAt(m, DataCategory::Fil), n.totalAccessAt(m, DataCategory::Ifm),
            n.totalAccessAt(m, DataCategory::Ofm)};
}

QString choicesText(const std::vector<NestedLoopDesc>& nlds)
{
    QStringList parts;
    for (const auto& n : nlds)
        parts << QStringLiteral("(%1,%2):(%3,%4,%5)")
                     .arg(n.replIfms)
                     .arg(n.replOfms)
                     .arg(n.loopcnt[0])
                     .arg(n.loopcnt[1])
                     .arg(n.loopcnt[2]);
    return parts.join(QLatin1Char(' '));
}

// The per-node form the partition code hands to the mapping when a layer is not split.
Layer perNodeUnsplit(const Layer& l)
{
    if (l.params.type != LayerType::Eltwise && l.params.type != LayerType::LocalRegion)
        return l;
    LayerParams p = l.params;
    p.type = LayerType::LocalRegion;
    p.ntrd = 1;
    return validLayer(p);
}

} // namespace

class TestMapStrategy : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void alexNetGeometry_data()
    {
        QTest::addColumn<int>("nifm");
        QTest::addColumn<int>("nofm");
        QTest::addColumn<int>("sofm");
        QTest::addColumn<int>("sfil");
        QTest::addColumn<int>("strd");
        QTest::addColumn<int>("replSize");
        QTest::addColumn<int>("flpesetWidth");
        QTest::addColumn<int>("activePes");
        QTest::addColumn<double>("util168"); // util x 168: conv1 is 11*55/4 (its last width fold is partial)
        QTest::newRow("conv1") << 3 << 96 << 55 << 11 << 4 << 1 << 14 << 154 << 151.25;
        QTest::newRow("conv2") << 48 << 256 << 27 << 5 << 1 << 1 << 27 << 135 << 135.0;
        QTest::newRow("conv3") << 256 << 384 << 13 << 3 << 1 << 4 << 13 << 156 << 156.0;
        QTest::newRow("conv4") << 192 << 384 << 13 << 3 << 1 << 4 << 13 << 156 << 156.0;
        QTest::newRow("conv5") << 192 << 256 << 13 << 3 << 1 << 4 << 13 << 156 << 156.0;
    }
    void alexNetGeometry()
    {
        QFETCH(int, nifm);
        QFETCH(int, nofm);
        QFETCH(int, sofm);
        QFETCH(int, sfil);
        QFETCH(int, strd);
        QFETCH(int, replSize);
        QFETCH(int, flpesetWidth);
        QFETCH(int, activePes);
        QFETCH(double, util168);
        const PhyDim2 array{12, 14};
        const auto info = arrayMappingInfo(conv(nifm, nofm, sofm, sfil, strd), 16, array, MappingKind::Eyeriss);
        QCOMPARE(int(info.repl.size()), replSize);
        QCOMPARE(info.flpeset.w, flpesetWidth);
        QCOMPARE(int(info.activePes()), activePes);
        QVERIFY(info.ppeset.h <= array.h && info.ppeset.w <= array.w);
        QCOMPARE(info.util * double(array.size()), util168);
    }

    void alexNetChosenLoopCounts_data()
    {
        // §8.3 Setup A (16x16 PEs, batch 16): the loop counts implied by the chosen tvals (product per
        // loop over the three levels) must be those of one of the mapping's replication choices.
        QTest::addColumn<QString>("layer");
        QTest::addColumn<int>("ifmLoop");
        QTest::addColumn<int>("ofmLoop");
        QTest::addColumn<int>("batLoop");
        QTest::newRow("conv1 [[1,3,64],[1,16,1],[3,1,1]]") << "conv1_a" << 3 << 48 << 64;
        QTest::newRow("pool1 [[1,3,16],[1,1,1],[1,8,1]]") << "pool1_a" << 1 << 24 << 16;
        QTest::newRow("conv2 [[8,4,8],[6,1,1],[1,32,2]]") << "conv2_a" << 48 << 128 << 16;
        QTest::newRow("pool2 [[1,2,16],[1,1,1],[1,13,1]]") << "pool2_a" << 1 << 26 << 16;
        QTest::newRow("conv3 orig [[32,3,4],[8,1,1],[1,13,4]]") << "conv3_a" << 256 << 39 << 16;
        QTest::newRow("conv3 kapla [[13,4,4],[1,3,4],[4,16,1]]") << "conv3_a" << 52 << 192 << 16;
        QTest::newRow("conv4 orig [[16,3,4],[12,1,1],[1,13,4]]") << "conv4_a" << 192 << 39 << 16;
        QTest::newRow("conv4 kapla [[13,3,4],[1,4,4],[3,16,1]]") << "conv4_a" << 39 << 192 << 16;
        QTest::newRow("conv5 orig [[16,2,4],[12,1,1],[1,13,4]]") << "conv5_a" << 192 << 26 << 16;
        QTest::newRow("conv5 kapla [[13,2,4],[1,4,4],[3,16,1]]") << "conv5_a" << 39 << 128 << 16;
        QTest::newRow("pool3 [[1,1,8],[1,1,1],[1,13,2]]") << "pool3_a" << 1 << 13 << 16;
        QTest::newRow("fc1 [[128,8,1],[1,1,16],[2,16,1]]") << "fc1" << 256 << 128 << 16;
        QTest::newRow("fc2 [[512,2,1],[8,1,1],[1,8,16]]") << "fc2" << 4096 << 16 << 16;
        QTest::newRow("fc3 [[128,1,1],[16,1,1],[1,8,16]]") << "fc3" << 2048 << 8 << 16;
    }
    void alexNetChosenLoopCounts()
    {
        QFETCH(QString, layer);
        QFETCH(int, ifmLoop);
        QFETCH(int, ofmLoop);
        QFETCH(int, batLoop);
        const auto net = io::loadNetworkFile(test::sourcePath("sample_projects/networks/alex_net.yaml"));
        QVERIFY(net.ok());
        const LayerId id = net->find(layer.toStdString());
        QVERIFY(id.valid());
        const auto nlds = mapLayer(net->at(id).layer, 16, 1.0, {16, 16}, MappingKind::Eyeriss);
        const PerLoop<int> expected{ifmLoop, ofmLoop, batLoop};
        QVERIFY2(std::any_of(nlds.begin(), nlds.end(), [&](const NestedLoopDesc& n) { return n.loopcnt == expected; }),
                 qPrintable(choicesText(nlds)));
    }

    void foldWidth()
    {
        // AlexNet conv1 on 12x14: the 55 ofmap rows fold over the width, the folds join the batch loop.
        const Layer layer = conv(3, 96, 55, 11, 4);
        const int batch = 16;
        const PhyDim2 array{12, 14};
        const auto info = arrayMappingInfo(layer, batch, array, MappingKind::Eyeriss);
        QCOMPARE(info.repl, (PhyDim2{1, 1}));
        QCOMPARE(info.fold.h, 1);
        QVERIFY(info.fold.w > 1);
        const auto nlds = mapLayer(layer, batch, 1.0, array, MappingKind::Eyeriss);
        QCOMPARE(nlds.size(), std::size_t(1));
        const auto& n = nlds.front();
        QCOMPARE(n.loopcnt, (PerLoop<int>{layer.nifm, layer.nofm(), batch * info.fold.w}));
        const Layer folded = validLayer([&] {
            LayerParams p = layer.params;
            p.sofm = {int((55 + info.fold.w - 1) / info.fold.w), 55};
            return p;
        }());
        QCOMPARE(n.usizeGbuf[kFil], double(folded.filterSize()));
        QCOMPARE(n.usizeGbuf[kIfm], double(folded.ifmapSize()));
        QCOMPARE(n.usizeGbuf[kOfm], double(folded.ofmapSize()));
        QCOMPARE(row(n.unitAccess[kDram]), row(n.unitAccess[kGbuf]));
    }

    void foldHeight()
    {
        // A 22-row filter does not fit 12 PE rows: fold.h rounds revisit ifmaps and ofmaps in GBUF.
        const Layer layer = conv(64, 64, 13, 22);
        const PhyDim2 array{12, 14};
        const auto info = arrayMappingInfo(layer, 16, array, MappingKind::Eyeriss);
        QCOMPARE(info.fold.h, 2);
        const auto nlds = mapLayer(layer, 16, 1.0, array, MappingKind::Eyeriss);
        QVERIFY(!nlds.empty());
        for (const auto& n : nlds) {
            QCOMPARE(n.unitAccess[kGbuf][kFil], n.unitAccess[kDram][kFil]);
            QCOMPARE(n.unitAccess[kGbuf][kIfm], n.unitAccess[kDram][kIfm] * info.fold.h);
            QCOMPARE(n.unitAccess[kGbuf][kOfm], n.unitAccess[kDram][kOfm] * info.fold.h);
            QVERIFY(!n.regfReusable[kFil]);
        }
    }

    void mlpSFc1()
    {
        // §8.3 worked example: mlp_s fc1, batch 8, 16x16 PEs.
        const Layer layer = fc(784, 500);
        const PhyDim2 array{16, 16};
        const auto info = arrayMappingInfo(layer, 8, array, MappingKind::Eyeriss);
        QCOMPARE(info.lpe, (PhyDim2{1, 1}));
        QCOMPARE(info.repl, (PhyDim2{16, 16}));
        const auto nlds = mapLayer(layer, 8, 1.0, array, MappingKind::Eyeriss);
        // Every split has 12544 loop iterations, so the running minimum keeps all five.
        QCOMPARE(choicesText(nlds), QStringLiteral("(1,256):(784,2,8) (2,128):(392,4,8) (4,64):(196,8,8) "
                                                   "(8,32):(98,16,8) (16,16):(49,32,8)"));
        const NestedLoopDesc* n = findChoice(nlds, 8, 32);
        QVERIFY(n);
        QCOMPARE(n->loopcnt, (PerLoop<int>{98, 16, 8}));
        QCOMPARE(n->unitOps, 250.0);
        QCOMPARE(n->unitTime, std::int64_t(1));
        QCOMPARE(row(n->usizeGbuf), (Triple{256, 8, 32}));
        QCOMPARE(row(n->usizeRegf), (Triple{1, 1, 1}));
        QCOMPARE(row(n->unitAccess[kDram]), (Triple{250, 8, 31.25}));
        QCOMPARE(row(n->unitAccess[kGbuf]), (Triple{250, 8, 31.25}));
        QCOMPARE(row(n->unitAccess[kItcn]), (Triple{250, 256, 250}));
        QCOMPARE(row(n->unitAccess[kRegf]), (Triple{250, 250, 250}));
        // With every fetch 1 (the chosen blocking), the level totals are §8.3's access counts.
        QCOMPARE(totalsAt(*n, MemLevel::Dram), (Triple{392000, 6272, 4000}));
        QCOMPARE(totalsAt(*n, MemLevel::Itcn), (Triple{392000, 200704, 32000}));
        QCOMPARE(n->unitAccess[kRegf][kFil] * 98 * 16 * 8, 3136000.0);
        QCOMPARE(n->regfReusable, (PerCategory<bool>{true, true, true}));
        QCOMPARE(n->rwData, DataCategory::Ofm);
        QCOMPARE(n->dataLoops, layer.dataLoops());
    }

    void simpleNetLayer1()
    {
        // §8.3 "simple" net layer '1': ConvLayer(4,4,2,1), batch 1, 16x16 PEs.
        const Layer layer = conv(4, 4, 2, 1);
        const auto nlds = mapLayer(layer, 1, 1.0, {16, 16}, MappingKind::Eyeriss);
        QCOMPARE(choicesText(nlds),
                 QStringLiteral("(1,4):(4,1,1) (2,4):(2,1,1) (4,4):(1,1,1) (4,4):(1,1,1) (4,4):(1,1,1)"));
        const NestedLoopDesc* n = findChoice(nlds, 1, 4);
        QVERIFY(n);
        QCOMPARE(n->loopcnt, (PerLoop<int>{4, 1, 1}));
        QCOMPARE(totalsAt(*n, MemLevel::Dram), (Triple{16, 16, 16}));
        QCOMPARE(totalsAt(*n, MemLevel::Gbuf), (Triple{16, 16, 16}));
        QCOMPARE(totalsAt(*n, MemLevel::Itcn), (Triple{32, 64, 16}));
        QCOMPARE(n->unitAccess[kRegf][kOfm] * 4 * 2, 128.0);
        QCOMPARE(n->unitTime, std::int64_t(2));
    }

    void replicationFilter_data()
    {
        QTest::addColumn<int>("nifm");
        QTest::addColumn<int>("nofm");
        QTest::addColumn<QString>("choices");
        // 12x14 array, 2-row filter, 8 ofmap rows: repl (6,1), splits (1,6),(2,3),(3,2),(6,1).
        QTest::newRow("later-equal-kept") << 3 << 6 << QStringLiteral("(1,6):(3,1,2) (3,2):(1,3,2)");
        QTest::newRow("earlier-worse-kept")
            << 6 << 2 << QStringLiteral("(1,2):(6,1,2) (2,2):(3,1,2) (3,2):(2,1,2) (6,1):(1,2,2)");
    }
    void replicationFilter()
    {
        QFETCH(int, nifm);
        QFETCH(int, nofm);
        QFETCH(QString, choices);
        const Layer layer = conv(nifm, nofm, 8, 2);
        QCOMPARE(arrayMappingInfo(layer, 2, {12, 14}, MappingKind::Eyeriss).repl, (PhyDim2{6, 1}));
        QCOMPARE(choicesText(mapLayer(layer, 2, 1.0, {12, 14}, MappingKind::Eyeriss)), choices);
    }

    void localRegion()
    {
        // LRN-style region over 5 channels; 27 ofmap rows fold once in width, absorbed by height replicas.
        const Layer layer = regionLayer(LayerType::LocalRegion, 64, 27, 1, 5);
        const auto info = arrayMappingInfo(layer, 2, {12, 14}, MappingKind::Eyeriss);
        QCOMPARE(info.fold, (PhyDim2{1, 1}));
        QCOMPARE(info.repl, (PhyDim2{6, 1}));
        const auto nlds = mapLayer(layer, 2, 1.0, {12, 14}, MappingKind::Eyeriss);
        QCOMPARE(nlds.size(), std::size_t(1));
        const auto& n = nlds.front();
        QCOMPARE(n.replIfms, 1);
        QCOMPARE(n.replOfms, 6);
        QCOMPARE(n.loopcnt, (PerLoop<int>{1, 11, 2}));
        QCOMPARE(row(n.usizeRegf), (Triple{0, 5, 1})); // [KAPLA Δ] wreg*nreg
        QCOMPARE(row(n.usizeGbuf), (Triple{0, 27.0 * 27 * 6, 27.0 * 27 * 6}));
        QCOMPARE(n.unitAccess[kDram][kFil], 0.0);
        QCOMPARE(n.unitAccess[kItcn][kIfm], 27.0 * 27 * 6 * (64.0 / 6 / 11));
        QCOMPARE(n.regfReusable, (PerCategory<bool>{true, false, false}));
        QCOMPARE(n.unitTime, std::int64_t(5 * 27));
    }

    void eltwiseMapsAsLocalRegion()
    {
        // The per-node eltwise layer has ntrd dropped; mapping the layer itself gives the same result.
        const Layer eltwise = regionLayer(LayerType::Eltwise, 64, 14, 1, 2);
        const Layer local = perNodeUnsplit(eltwise);
        QCOMPARE(local.nifm, 64);
        const auto a = mapLayer(eltwise, 4, 1.0, {16, 16}, MappingKind::Eyeriss);
        const auto b = mapLayer(local, 4, 1.0, {16, 16}, MappingKind::Eyeriss);
        QCOMPARE(a.size(), std::size_t(1));
        QCOMPARE(b.size(), std::size_t(1));
        QCOMPARE(a[0].loopcnt, b[0].loopcnt);
        QCOMPARE(a[0].unitOps, b[0].unitOps);
        for (std::size_t m = 0; m < 4; ++m)
            QCOMPARE(row(a[0].unitAccess[m]), row(b[0].unitAccess[m]));
        QCOMPARE(row(a[0].usizeGbuf), row(b[0].usizeGbuf));
        QCOMPARE(row(a[0].usizeRegf), (Triple{0, 2, 1}));
        QVERIFY(mappingCheckFailures(eltwise, 4, 1.0, {16, 16}, MappingKind::Eyeriss, a[0]).empty());
    }

    void pooling()
    {
        const Layer layer = regionLayer(LayerType::Pooling, 48, 27, 3, 1, 2);
        const auto nlds = mapLayer(layer, 16, 1.0, {16, 16}, MappingKind::Eyeriss);
        QCOMPARE(nlds.size(), std::size_t(1));
        // lpe (3, 27): width folds twice, absorbed by 2 of the 5 height replicas -> repl (2, 1).
        QCOMPARE(arrayMappingInfo(layer, 16, {16, 16}, MappingKind::Eyeriss).repl, (PhyDim2{2, 1}));
        QCOMPARE(nlds[0].loopcnt, (PerLoop<int>{1, 24, 16}));
        QCOMPARE(row(nlds[0].usizeRegf), (Triple{0, 3, 1}));
        QCOMPARE(nlds[0].dataLoops[kFil], 0u);
    }

    void depthwise()
    {
        // lpe (3, 14) on 16x16: 5 height replicas, one output channel each.
        const Layer layer = dwconv(32, 14, 3);
        const auto nlds = mapLayer(layer, 2, 1.0, {16, 16}, MappingKind::Eyeriss);
        QCOMPARE(nlds.size(), std::size_t(1));
        const auto& n = nlds.front();
        QCOMPARE(n.replOfms, 5);
        QCOMPARE(n.loopcnt, (PerLoop<int>{1, 7, 2}));
        QCOMPARE(row(n.usizeGbuf), (Triple{9.0 * 5, 16.0 * 16 * 5, 14.0 * 14 * 5}));
        QCOMPARE(row(n.usizeRegf), (Triple{3, 3, 1}));
        QCOMPARE(n.unitAccess[kDram][kFil], 9.0 * 5 * (32.0 / 5 / 7));
        QCOMPARE(n.regfReusable, (PerCategory<bool>{true, false, false}));
    }

    void systolicFc()
    {
        // FC(784->500) batch 8 on 16x16: 500 output channels fold 32 times over the width, samples
        // replicate 16 times over the height (8 useful).
        const Layer layer = fc(784, 500);
        const auto info = arrayMappingInfo(layer, 8, {16, 16}, MappingKind::Systolic);
        QCOMPARE(info.lpe, (PhyDim2{1, 500}));
        QCOMPARE(info.fold, (PhyDim2{1, 32}));
        QCOMPARE(info.repl, (PhyDim2{16, 1}));
        const auto nlds = mapLayer(layer, 8, 1.0, {16, 16}, MappingKind::Systolic);
        QCOMPARE(nlds.size(), std::size_t(1));
        const auto& n = nlds.front();
        QCOMPARE(n.loopcnt, (PerLoop<int>{784, 32, 1}));
        QCOMPARE(n.unitOps, 125.0);
        QCOMPARE(n.unitTime, std::int64_t(1));
        QCOMPARE(row(n.unitAccess[kDram]), (Triple{15.625, 8, 125}));
        QCOMPARE(row(n.unitAccess[kItcn]), row(n.unitAccess[kDram]));
        QCOMPARE(n.regfReusable, (PerCategory<bool>{false, false, true}));
    }

    void rwDataOverride()
    {
        const Layer layer = conv(16, 32, 8, 3);
        for (const auto& n : mapLayer(layer, 4, 1.0, {8, 8}, MappingKind::Eyeriss))
            QCOMPARE(n.rwData, DataCategory::Ofm);
        const auto nlds = mapLayer(layer, 4, 1.0, {8, 8}, MappingKind::Eyeriss, DataCategory::Fil);
        QVERIFY(!nlds.empty());
        for (const auto& n : nlds)
            QCOMPARE(n.rwData, DataCategory::Fil);
    }

    void occupancyScalesOpsAndRegf()
    {
        const Layer layer = conv(16, 32, 8, 3);
        const auto full = mapLayer(layer, 4, 1.0, {8, 8}, MappingKind::Eyeriss);
        const auto part = mapLayer(layer, 4, 0.5, {8, 8}, MappingKind::Eyeriss);
        QCOMPARE(full.size(), part.size());
        for (std::size_t i = 0; i < full.size(); ++i) {
            QCOMPARE(part[i].unitOps, full[i].unitOps * 0.5);
            QCOMPARE(part[i].unitAccess[kRegf][kIfm], full[i].unitAccess[kRegf][kIfm] * 0.5);
            QCOMPARE(row(part[i].unitAccess[kDram]), row(full[i].unitAccess[kDram]));
        }
    }

    void checksDetectBrokenDescriptor()
    {
        const Layer layer = conv(16, 32, 8, 3);
        auto nlds = mapLayer(layer, 4, 1.0, {8, 8}, MappingKind::Eyeriss);
        QVERIFY(!nlds.empty());
        QVERIFY(mappingCheckFailures(layer, 4, 1.0, {8, 8}, MappingKind::Eyeriss, nlds[0]).empty());
        nlds[0].loopcnt[2] += 1;
        QVERIFY(!mappingCheckFailures(layer, 4, 1.0, {8, 8}, MappingKind::Eyeriss, nlds[0]).empty());
        nlds[0].loopcnt[2] -= 1;
        nlds[0].unitAccess[kDram][kIfm] *= 1.01;
        QVERIFY(!mappingCheckFailures(layer, 4, 1.0, {8, 8}, MappingKind::Eyeriss, nlds[0]).empty());
    }

    void networkChecks_data()
    {
        QTest::addColumn<QString>("network");
        QTest::addColumn<int>("arrayDim");
        QTest::addColumn<int>("kind");
        QTest::addColumn<double>("occupancy");
        for (const char* net : {"alex_net", "mobilenet", "googlenet", "resnet50"})
            for (int dim : {8, 16})
                for (int kind : {0, 1})
                    for (double occ : {1.0, 0.8}) {
                        const QString name = QStringLiteral("%1-%2x%2-%3-occ%4")
                                                 .arg(QLatin1String(net))
                                                 .arg(dim)
                                                 .arg(kind == 0 ? QStringLiteral("eyeriss")
                                                                : QStringLiteral("systolic"))
                                                 .arg(occ);
                        QTest::newRow(name.toUtf8().constData()) << QString::fromLatin1(net) << dim << kind << occ;
                    }
    }
    void networkChecks()
    {
        QFETCH(QString, network);
        QFETCH(int, arrayDim);
        QFETCH(int, kind);
        QFETCH(double, occupancy);
        const auto net = io::loadNetworkFile(
            test::sourcePath("sample_projects/networks/" + network.toStdString() + ".yaml"));
        QVERIFY2(net.ok(), net.ok() ? "" : net.diagnostics().front().format().c_str());
        const PhyDim2 array{arrayDim, arrayDim};
        const auto mk = kind == 0 ? MappingKind::Eyeriss : MappingKind::Systolic;
        const int batch = 16;
        for (const auto& nl : net->layers()) {
            const Layer layer = perNodeUnsplit(nl.layer);
            const auto info = arrayMappingInfo(layer, batch, array, mk);
            QVERIFY(info.ppeset.h <= array.h && info.ppeset.w <= array.w);
            QVERIFY(info.util > 0 && info.util <= 1 + 1e-6);
            const auto nlds = mapLayer(layer, batch, occupancy, array, mk);
            QVERIFY2(!nlds.empty(), nl.name.c_str());
            for (const auto& n : nlds) {
                const auto failures = mappingCheckFailures(layer, batch, occupancy, array, mk, n);
                QVERIFY2(failures.empty(), (nl.name + ": " + (failures.empty() ? "" : failures.front())).c_str());
                QVERIFY(n.unitTime > 0);
                QCOMPARE(n.dataLoops, layer.dataLoops());
            }
        }
    }
};

QTEST_APPLESS_MAIN(TestMapStrategy)
#include "tst_map_strategy.moc"
