// Partition schemes: fmap ranges, projection, neighbour distances, per-node layers and the
// gen_partition enumeration (model spec §4.2, §8.1 "PartitionScheme").
#include "schedule/partition.h"
#include "test_layers.h"
#include "test_schemes.h"

#include <QtTest>

#include <cmath>
#include <limits>

using namespace kapla;

Q_DECLARE_METATYPE(kapla::PhyDim2)
Q_DECLARE_METATYPE(kapla::FmapRange)
Q_DECLARE_METATYPE(kapla::PartitionScheme)
Q_DECLARE_METATYPE(kapla::LayerParams)
Q_DECLARE_METATYPE(kapla::Parallel)
Q_DECLARE_METATYPE(kapla::DataCategory)
Q_DECLARE_METATYPE(kapla::Options)

namespace {

using test::byEnumOrder;
using test::frange;
using test::layerParams;
using test::scheme;
using test::validLayer;

constexpr double kInf = std::numeric_limits<double>::infinity();

NodeRegion procRegion(PhyDim2 dim) { return NodeRegion::make(dim, {0, 0}, NodeRegion::Type::Proc); }

// "order pdims" with the order as enum digits and pdims in enum order, e.g. "1230 2x2 1x1 1x1 1x1".
QString describe(const PartitionScheme& s)
{
    QString out;
    for (const Parallel p : s.order)
        out += QString::number(static_cast<int>(p));
    for (const PhyDim2& d : s.pdims)
        out += QStringLiteral(" %1x%2").arg(d.h).arg(d.w);
    return out;
}

QStringList describeAll(const std::vector<PartitionScheme>& schemes)
{
    QStringList out;
    for (const auto& s : schemes)
        out << describe(s);
    return out;
}

Options optionsWith(bool hybrid, bool batch, bool ifmaps)
{
    Options o;
    o.partitionHybrid = hybrid;
    o.partitionBatch = batch;
    o.partitionIfmaps = ifmaps;
    return o;
}

// ps2 of the reference tests.
PartitionScheme ps2() { return byEnumOrder({2, 2}, {5, 5}, {3, 3}, {1, 1}); }

// ps1 of the reference BufShrScheme tests.
PartitionScheme ps1()
{
    return scheme({Parallel::Batp, Parallel::Outp, Parallel::Ofmp, Parallel::Inpp}, {2, 3}, {3, 1}, {1, 5}, {5, 2});
}

} // namespace

class TestPartition : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fmapRange_data()
    {
        QTest::addColumn<FmapRange>("frng");
        QTest::addColumn<FmapRange>("expected");
        QTest::newRow("full 8x64x28x28") << frange({0, 0, 0, 0}, {8, 64, 28, 28})
                                         << frange({1, 32, 22, 16}, {2, 48, 28, 22});
        QTest::newRow("unit fmap") << frange({0, 0, 0, 0}, {1, 1, 1, 1}) << frange({0, 0, 0, 0}, {0, 0, 1, 0});
        QTest::newRow("offset range") << frange({2, 4, 2, 6}, {5, 11, 13, 13})
                                      << frange({2, 7, 10, 10}, {3, 9, 13, 11});
    }
    void fmapRange()
    {
        QFETCH(FmapRange, frng);
        QFETCH(FmapRange, expected);
        const PartitionIndex pidx{PhyDim2{1, 0}, PhyDim2{4, 3}, PhyDim2{0, 2}, PhyDim2{0, 0}};
        QCOMPARE(ps2().fmapRange(frng, pidx), expected);
    }

    void inppDoesNotSplitFmap()
    {
        const PartitionScheme s = byEnumOrder({1, 1}, {1, 1}, {1, 1}, {2, 2});
        const FmapRange full = frange({0, 0, 0, 0}, {4, 8, 5, 5});
        QCOMPARE(s.fmapRange(full, {PhyDim2{0, 0}, PhyDim2{0, 0}, PhyDim2{0, 0}, PhyDim2{1, 1}}), full);
        QVERIFY(!s.isApplicableToFmapRange());
        QVERIFY(ps2().isApplicableToFmapRange());
    }

    void projection_data()
    {
        QTest::addColumn<PhyDim2>("inpp");
        QTest::addColumn<PhyDim2>("region");
        QTest::addColumn<bool>("appl2frng");
        QTest::addColumn<PartitionScheme>("expected");
        const std::array<Parallel, 4> order{Parallel::Batp, Parallel::Inpp, Parallel::Outp, Parallel::Ofmp};
        QTest::newRow("onto 4x30") << PhyDim2{1, 1} << PhyDim2{4, 30} << false
                                   << scheme(order, {2, 3}, {1, 5}, {2, 2}, {1, 1});
        QTest::newRow("onto 2x2") << PhyDim2{1, 1} << PhyDim2{2, 2} << false
                                  << scheme(order, {2, 1}, {1, 2}, {1, 1}, {1, 1});
        QTest::newRow("onto 3x54") << PhyDim2{1, 1} << PhyDim2{3, 54} << false
                                   << scheme(order, {2, 3}, {1, 5}, {1, 3}, {1, 1});
        QTest::newRow("inpp appl2frng") << PhyDim2{4, 4} << PhyDim2{4, 30} << true
                                        << scheme(order, {2, 3}, {1, 5}, {2, 2}, {1, 1});
        QTest::newRow("inpp kept") << PhyDim2{4, 4} << PhyDim2{4, 30} << false
                                   << scheme(order, {2, 3}, {1, 5}, {1, 1}, {2, 2});
        QTest::newRow("region larger: batch grows")
            << PhyDim2{1, 1} << PhyDim2{16, 120} << false << scheme(order, {2, 3}, {1, 5}, {8, 8}, {1, 1});
    }
    void projection()
    {
        QFETCH(PhyDim2, inpp);
        QFETCH(PhyDim2, region);
        QFETCH(bool, appl2frng);
        QFETCH(PartitionScheme, expected);
        const PartitionScheme s = scheme({Parallel::Batp, Parallel::Inpp, Parallel::Outp, Parallel::Ofmp}, {2, 3},
                                         {1, 5}, {4, 4}, inpp);
        const PartitionScheme p = s.projection(procRegion(region), appl2frng);
        QCOMPARE(describe(p), describe(expected));
    }
    void projectionTotalOnto3x54()
    {
        const PartitionScheme s = scheme({Parallel::Batp, Parallel::Inpp, Parallel::Outp, Parallel::Ofmp}, {2, 3},
                                         {1, 5}, {4, 4}, {1, 1});
        QCOMPARE(s.projection(procRegion({3, 54}), false).dim(), (PhyDim2{2, 45}));
    }

    // ps1's buffer-sharing groups (§8.1): FIL ↔ OFMP (5,inf), IFM ↔ OUTP (15,2), OFM ↔ INPP (1,1).
    void neighborDist_data()
    {
        QTest::addColumn<Parallel>("pae");
        QTest::addColumn<double>("h");
        QTest::addColumn<double>("w");
        QTest::newRow("OFMP (FIL group)") << Parallel::Ofmp << 5.0 << kInf;
        QTest::newRow("OUTP (IFM group)") << Parallel::Outp << 15.0 << 2.0;
        QTest::newRow("INPP (OFM group)") << Parallel::Inpp << 1.0 << 1.0;
        QTest::newRow("BATP (top level)") << Parallel::Batp << kInf << 6.0;
    }
    void neighborDist()
    {
        QFETCH(Parallel, pae);
        QFETCH(double, h);
        QFETCH(double, w);
        const auto [dh, dw] = ps1().neighborDist(procRegion({30, 30}), pae);
        QCOMPARE(dh, h);
        QCOMPARE(dw, w);
    }
    void neighborDistAveragesOverFoldedRegion()
    {
        // A 1x6 region snaked into two rows of 3: nodes (0,0) (0,1) (0,2) (1,2) (1,1) (1,0).
        // OUTP neighbours (relative w 0-3, 1-4, 2-5) are 3, 1 and 3 hops apart.
        NodeRegion r = NodeRegion::make({1, 6}, {0, 0}, NodeRegion::Type::Proc);
        r.wtot = 3;
        r.wbeg = 3;
        QCOMPARE(r.rel2abs({0, 3}), (PhyDim2{1, 2}));
        const PartitionScheme s = byEnumOrder({1, 2}, {1, 1}, {1, 3}, {1, 1});
        const auto [dh, dw] = s.neighborDist(r, Parallel::Outp);
        QCOMPARE(dh, kInf);
        QCOMPARE(dw, 7.0 / 3.0);
        QCOMPARE(s.neighborDist(r, Parallel::Batp).second, 1.0);
    }
    void genPidxOrderAndCoordinates()
    {
        const PartitionScheme s = scheme({Parallel::Batp, Parallel::Outp, Parallel::Ofmp, Parallel::Inpp}, {1, 2},
                                         {1, 1}, {2, 1}, {1, 1});
        const std::vector<PartitionIndex> pidxs = s.genPidx();
        QCOMPARE(pidxs.size(), std::size_t{4});
        const std::vector<std::pair<PhyDim2, PhyDim2>> outpBatp{{{0, 0}, {0, 0}},
                                                                {{0, 0}, {1, 0}},
                                                                {{0, 1}, {0, 0}},
                                                                {{0, 1}, {1, 0}}};
        const std::vector<PhyDim2> coords{{5, 7}, {6, 7}, {5, 8}, {6, 8}};
        const NodeRegion r = NodeRegion::make({2, 2}, {5, 7}, NodeRegion::Type::Proc);
        for (std::size_t k = 0; k < pidxs.size(); ++k) {
            QCOMPARE(pidxs[k][0], outpBatp[k].first);
            QCOMPARE(pidxs[k][2], outpBatp[k].second);
            QCOMPARE(s.coordinate(r, pidxs[k]), coords[k]);
        }
    }
    void coordinateNestsByOrder()
    {
        // ps1 on 30x30: c = ((BATP*OUTP + outp)*OFMP + ofmp)*INPP + inpp per axis.
        const PartitionIndex pidx{PhyDim2{1, 2}, PhyDim2{2, 0}, PhyDim2{0, 3}, PhyDim2{4, 1}};
        QCOMPARE(ps1().coordinate(procRegion({30, 30}), pidx),
                 (PhyDim2{(1 * 3 + 2) * 5 + 4, ((3 * 3 + 2) * 1) * 2 + 1}));
    }

    void partLayer_data()
    {
        QTest::addColumn<LayerParams>("layer");
        QTest::addColumn<PartitionScheme>("part");
        QTest::addColumn<int>("batch");
        QTest::addColumn<LayerParams>("perNode");
        QTest::addColumn<int>("perNodeBatch");
        QTest::addColumn<double>("occupancy");
        QTest::addColumn<DataCategory>("rwData");
        const PhyDim2 one{1, 1};
        const auto lr = [](int nofm, PhyDim2 sofm, PhyDim2 sreg, int nreg, PhyDim2 strd) {
            return layerParams(LayerType::LocalRegion, 0, nofm, sofm, sreg, nreg, strd);
        };
        QTest::newRow("conv") << layerParams(LayerType::Conv, 3, 64, {28, 28}, {3, 3})
                              << byEnumOrder({3, 1}, {1, 3}, {2, 1}, {1, 2}) << 8
                              << layerParams(LayerType::Conv, 2, 22, {28, 10}, {3, 3}, 1, one) << 4
                              << (64.0 * 784 * 9 * 3 * 8) / (22.0 * 280 * 9 * 2 * 4 * 36) << DataCategory::Ofm;
        QTest::newRow("conv strided") << layerParams(LayerType::Conv, 8, 8, {7, 7}, {3, 3}, 1, PhyDim2{2, 2})
                                      << byEnumOrder(one, {2, 2}, one, one) << 1
                                      << layerParams(LayerType::Conv, 8, 8, {4, 4}, {3, 3}, 1, PhyDim2{2, 2}) << 1
                                      << 49.0 / 64.0 << DataCategory::Ofm;
        QTest::newRow("fc") << layerParams(LayerType::FC, 100, 10, one, {2, 2}) << byEnumOrder({1, 4}, one, one, {3, 1})
                            << 3 << layerParams(LayerType::Conv, 34, 3, one, {2, 2}, 1, one) << 3 << 12000.0 / 14688.0
                            << DataCategory::Ofm;
        QTest::newRow("pool") << layerParams(LayerType::Pooling, 0, 64, {14, 14}, {2, 2})
                              << byEnumOrder({1, 2}, {3, 1}, one, one) << 2 << lr(32, {5, 14}, {2, 2}, 1, {2, 2}) << 2
                              << 14.0 / 15.0 << DataCategory::Ofm;
        // ntrd is dropped: the per-node eltwise has nifm = nofm (§9.2 quirk).
        QTest::newRow("eltwise") << layerParams(LayerType::Eltwise, 0, 32, {7, 7}, one, 2)
                                 << byEnumOrder({2, 1}, one, one, one) << 1 << lr(16, {7, 7}, one, 2, one) << 1 << 1.0
                                 << DataCategory::Ofm;
        QTest::newRow("dwconv") << layerParams(LayerType::DWConv, 0, 32, {14, 14}, {3, 3})
                                << byEnumOrder({1, 3}, one, one, one) << 1
                                << layerParams(LayerType::DWConv, 0, 11, {14, 14}, {3, 3}, 1, one) << 1 << 32.0 / 33.0
                                << DataCategory::Ofm;
        QTest::newRow("conv back act") << layerParams(LayerType::ConvBackAct, 64, 3, {30, 30}, {3, 3})
                                       << byEnumOrder({1, 3}, {1, 2}, one, {2, 1}) << 2
                                       << layerParams(LayerType::Conv, 1, 32, {28, 14}, {3, 3}, 1, one) << 2 << 1.0
                                       << DataCategory::Ofm;
        QTest::newRow("conv back weight")
            << layerParams(LayerType::ConvBackWeight, 64, 3, {30, 30}, {3, 3}) << byEnumOrder(one, {3, 1}, one, one)
            << 1 << layerParams(LayerType::Conv, 3, 64, {10, 28}, {3, 3}, 1, one) << 1 << 28.0 / 30.0
            << DataCategory::Fil;
        QTest::newRow("fc back act") << layerParams(LayerType::FCBackAct, 10, 100, one, {2, 2})
                                     << byEnumOrder({1, 4}, one, one, one) << 1
                                     << layerParams(LayerType::Conv, 25, 10, one, {2, 2}, 1, one) << 1 << 1.0
                                     << DataCategory::Ofm;
        QTest::newRow("pool back") << layerParams(LayerType::PoolingBack, 0, 64, {28, 28}, {2, 2})
                                   << byEnumOrder({1, 2}, {3, 1}, one, one) << 1 << lr(32, {5, 14}, {2, 2}, 1, {2, 2})
                                   << 1 << 14.0 / 15.0 << DataCategory::Ofm;
        // r_nofm = reverse_high(31, 64, 2, 2) + 1 = 16 while the reference ops count 64 channels:
        // the formula gives an occupancy of 2 (the reference would trip its p_occ <= 1 assertion).
        QTest::newRow("eltwise back") << layerParams(LayerType::EltwiseBack, 0, 64, {7, 7}, one, 2)
                                      << byEnumOrder({1, 2}, one, one, one) << 1 << lr(16, {7, 7}, one, 2, one) << 1
                                      << 2.0 << DataCategory::Ofm;
        QTest::newRow("dwconv back act") << layerParams(LayerType::DWConvBackAct, 0, 32, {16, 16}, {3, 3})
                                         << byEnumOrder({1, 2}, one, one, one) << 1
                                         << layerParams(LayerType::DWConv, 0, 16, {14, 14}, {3, 3}, 1, one) << 1 << 1.0
                                         << DataCategory::Ofm;
        QTest::newRow("dwconv back weight")
            << layerParams(LayerType::DWConvBackWeight, 0, 32, {16, 16}, {3, 3})
            << byEnumOrder({1, 2}, one, {2, 1}, one) << 4
            << layerParams(LayerType::DWConv, 0, 16, {14, 14}, {3, 3}, 1, one) << 2 << 1.0 << DataCategory::Fil;
    }
    void partLayer()
    {
        QFETCH(LayerParams, layer);
        QFETCH(PartitionScheme, part);
        QFETCH(int, batch);
        QFETCH(LayerParams, perNode);
        QFETCH(int, perNodeBatch);
        QFETCH(double, occupancy);
        QFETCH(DataCategory, rwData);
        const PartitionedLayer p = part.partLayer(validLayer(layer), batch);
        const Layer expected = validLayer(perNode);
        QCOMPARE(p.layer.type(), expected.type());
        QCOMPARE(p.layer.nifm, expected.nifm);
        QCOMPARE(p.layer.nofm(), expected.nofm());
        QCOMPARE(p.layer.sofm(), expected.sofm());
        QCOMPARE(p.layer.sifm, expected.sifm);
        QCOMPARE(p.layer.sfil(), expected.sfil());
        QCOMPARE(p.layer.strd, expected.strd);
        QCOMPARE(p.layer.params.nreg, expected.params.nreg);
        QCOMPARE(p.layer.params.ntrd, expected.params.ntrd);
        QCOMPARE(p.layer.totalOps(), expected.totalOps());
        QCOMPARE(p.batch, perNodeBatch);
        QCOMPARE(p.occupancy, occupancy);
        QCOMPARE(p.rwData, rwData);
    }

    void genPartitions_data()
    {
        QTest::addColumn<LayerParams>("layer");
        QTest::addColumn<bool>("isInput");
        QTest::addColumn<int>("batch");
        QTest::addColumn<PhyDim2>("dim");
        QTest::addColumn<Options>("options");
        QTest::addColumn<bool>("guaranteed");
        QTest::addColumn<QStringList>("expected");
        const PhyDim2 one{1, 1};
        const LayerParams fc16 = layerParams(LayerType::FC, 16, 16, one, one);
        const LayerParams input = layerParams(LayerType::Input, 0, 784, one, one);
        // Plain FC: no INPP, no OFMP, no BATP → only OUTP.
        QTest::newRow("fc plain") << fc16 << false << 4 << PhyDim2{2, 2} << optionsWith(false, false, false) << false
                                  << QStringList{"1230 2x2 1x1 1x1 1x1"};
        // BATP(1,2)+OUTP(2,1) is the transpose of BATP(2,1)+OUTP(1,2) and is dropped.
        QTest::newRow("fc plain batch") << fc16 << false << 4 << PhyDim2{2, 2} << optionsWith(false, true, false)
                                        << false
                                        << QStringList{"0132 1x1 1x1 2x2 1x1", "1320 1x2 1x1 2x1 1x1",
                                                       "1230 2x2 1x1 1x1 1x1"};
        // OFMP fails approx_dividable(hofm 1, 2); order 1230 of OUTP(1,2)+INPP(2,1) puts a row-only
        // INPP above a column-only OUTP and is dropped.
        const QStringList hybridAll{"0123 1x1 1x1 1x1 2x2", "0123 1x1 1x1 1x2 2x1", "1203 1x2 1x1 1x1 2x1",
                                    "0132 1x1 1x1 2x2 1x1", "1320 1x2 1x1 2x1 1x1", "1230 2x2 1x1 1x1 1x1"};
        QTest::newRow("fc hybrid batch ifmaps")
            << fc16 << false << 4 << PhyDim2{2, 2} << optionsWith(true, true, true) << false << hybridAll;
        QStringList batch2 = hybridAll;
        batch2.removeAt(3);
        QTest::newRow("fc hybrid batch 2 not divisible by 4")
            << fc16 << false << 2 << PhyDim2{2, 2} << optionsWith(true, true, true) << false << batch2;
        QTest::newRow("fc hybrid only") << fc16 << false << 4 << PhyDim2{2, 2} << optionsWith(true, false, false)
                                        << false << QStringList{"1230 2x2 1x1 1x1 1x1"};
        // OUTP(2,2)+BATP(2,2) on 4x4 splits both axes partially and is dropped; so is the transpose.
        QTest::newRow("fc plain batch 4x4")
            << fc16 << false << 16 << PhyDim2{4, 4} << optionsWith(false, true, false) << false
            << QStringList{"0132 1x1 1x1 4x4 1x1", "1320 1x2 1x1 4x2 1x1", "1320 1x4 1x1 4x1 1x1",
                           "1320 2x1 1x1 2x4 1x1", "1320 2x4 1x1 2x1 1x1", "1320 4x2 1x1 1x2 1x1",
                           "1230 4x4 1x1 1x1 1x1"};
        // [KAPLA Δ] the input layer is CONV-like in the plain rule: no OUTP.
        QTest::newRow("input plain batch")
            << input << true << 16 << PhyDim2{2, 2} << optionsWith(false, true, false) << true
            << QStringList{"0132 1x1 1x1 2x2 1x1", "0321 1x1 1x2 2x1 1x1", "0321 1x1 2x1 1x2 1x1",
                           "0231 1x1 2x2 1x1 1x1"};
        // Setup B (§8.3): the network-input partitions on the 2x2 DRAM region.
        QTest::newRow("input hybrid batch (setup B)")
            << input << true << 16 << PhyDim2{2, 2} << optionsWith(true, true, false) << true
            << QStringList{"0132 1x1 1x1 2x2 1x1", "1320 1x2 1x1 2x1 1x1", "1230 2x2 1x1 1x1 1x1"};
        const LayerParams fcOneOut = layerParams(LayerType::FC, 16, 1, one, one);
        QTest::newRow("nothing fits") << fcOneOut << false << 4 << PhyDim2{2, 2} << optionsWith(true, false, false)
                                      << false << QStringList{};
        QTest::newRow("fallback fc → OUTP")
            << fcOneOut << false << 4 << PhyDim2{2, 2} << optionsWith(true, false, false) << true
            << QStringList{"0123 2x2 1x1 1x1 1x1"};
        QTest::newRow("fallback conv → OFMP")
            << layerParams(LayerType::Conv, 1, 1, {1, 2}, one) << false << 1 << PhyDim2{2, 2}
            << optionsWith(true, false, false) << true << QStringList{"0123 1x1 2x2 1x1 1x1"};
        QTest::newRow("fallback dwconv 1x1 → OFMP")
            << layerParams(LayerType::DWConv, 0, 1, one, one) << false << 1 << PhyDim2{2, 2}
            << optionsWith(true, false, false) << true << QStringList{"0123 1x1 2x2 1x1 1x1"};
        // Backward hybrid: OFMP is checked on the incoming-gradient size (1 here, though sofm is 3).
        const LayerParams backAct = layerParams(LayerType::ConvBackAct, 16, 8, {3, 3}, {3, 3});
        QTest::newRow("conv back act hybrid")
            << backAct << false << 1 << PhyDim2{1, 2} << optionsWith(true, false, false) << false
            << QStringList{"1230 1x2 1x1 1x1 1x1"};
        // Backward plain: hifm = wifm = 1 makes it FC-like → no OFMP.
        QTest::newRow("conv back act plain")
            << backAct << false << 1 << PhyDim2{1, 2} << optionsWith(false, false, false) << false
            << QStringList{"1230 1x2 1x1 1x1 1x1"};
        // Local-region backward: OUTP is checked against nifm (1), OFMP against wifm (3).
        QTest::newRow("eltwise back hybrid")
            << layerParams(LayerType::EltwiseBack, 0, 4, {3, 3}, one, 4) << false << 1 << PhyDim2{1, 2}
            << optionsWith(true, false, false) << false << QStringList{"0231 1x1 1x2 1x1 1x1"};
    }
    void genPartitions()
    {
        QFETCH(LayerParams, layer);
        QFETCH(bool, isInput);
        QFETCH(int, batch);
        QFETCH(PhyDim2, dim);
        QFETCH(Options, options);
        QFETCH(bool, guaranteed);
        QFETCH(QStringList, expected);
        const Layer l = isInput ? makeInputLayer(layer.nofm, layer.sofm) : validLayer(layer);
        QCOMPARE(describeAll(kapla::genPartitions(l, batch, dim, options, guaranteed)), expected);
    }
    void genPartitionsCoverMesh()
    {
        // Every scheme spans the mesh exactly and keeps BATP on top of the non-trivial levels.
        const Layer conv = validLayer(layerParams(LayerType::Conv, 64, 128, {28, 28}, {3, 3}));
        const auto schemes = kapla::genPartitions(conv, 16, {4, 4}, optionsWith(true, true, true), false);
        QVERIFY(!schemes.empty());
        for (const auto& s : schemes) {
            QCOMPARE(s.dim(), (PhyDim2{4, 4}));
            const auto trivial = std::count_if(s.pdims.begin(), s.pdims.end(), [](PhyDim2 d) { return d.size() == 1; });
            if (s.pdim(Parallel::Batp).size() > 1)
                QCOMPARE(s.order[static_cast<std::size_t>(trivial)], Parallel::Batp);
        }
    }
};

QTEST_APPLESS_MAIN(TestPartition)
#include "tst_partition.moc"
