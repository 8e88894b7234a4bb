// Data layouts, per-node data ranges and the NoC hop model (model spec §4.3), including the
// unit_nhops of the Setup B reference run (§8.3, mlp_m batch 16 on a 4x4 mesh).
#include "cost/data_layout.h"
#include "cost/proc_data_range.h"
#include "test_layers.h"
#include "test_schemes.h"

#include <QtTest>

using namespace kapla;

Q_DECLARE_METATYPE(kapla::FmapRange)
Q_DECLARE_METATYPE(kapla::PartitionScheme)
Q_DECLARE_METATYPE(kapla::PartitionIndex)
Q_DECLARE_METATYPE(kapla::LayerParams)
Q_DECLARE_METATYPE(kapla::FilterRange)
Q_DECLARE_METATYPE(kapla::PhyDim2)

namespace {

using test::byEnumOrder;
using test::fc;
using test::frange;
using test::layerParams;
using test::scheme;
using test::validLayer;

using Range = std::pair<int, int>;
constexpr PhyDim2 kOne{1, 1};

PartitionIndex pidxOf(PhyDim2 outp, PhyDim2 ofmp, PhyDim2 batp, PhyDim2 inpp) { return {outp, ofmp, batp, inpp}; }

NodeRegion dramAt(PhyDim2 dim, PhyDim2 origin, PhyDim2 dist = {1, 1})
{
    return NodeRegion::make(dim, origin, NodeRegion::Type::Dram, dist);
}

NodeRegion proc(PhyDim2 dim) { return NodeRegion::make(dim, {0, 0}, NodeRegion::Type::Proc); }

// All of an fmap in one region, unpartitioned.
DataLayout wholeIn(const NodeRegion& region, FmapRange frng)
{
    return DataLayout{{frng}, {region}, {PartitionScheme{}}};
}

FmapRange fullOfmap(const Layer& l, int batch)
{
    return frange({0, 0, 0, 0}, {batch, l.nofm(), l.sofm().h, l.sofm().w});
}

// The layout the scheduler gives a layer's ofmaps (§4.1 step 3b).
DataLayout ofmapLayout(const Layer& l, int batch, const PartitionScheme& part, const NodeRegion& dst)
{
    return DataLayout{{fullOfmap(l, batch)}, {dst}, {part.projection(dst, true)}};
}

// Two pieces: channels [0,4) split over DRAM nodes (0,0) and (0,3), channels [4,6) at (3,3).
DataLayout twoPieceLayout()
{
    const DataLayout a{{frange({0, 0, 0, 0}, {2, 4, 1, 1})},
                       {dramAt({1, 2}, {0, 0}, {1, 3})},
                       {byEnumOrder({1, 2}, kOne, kOne, kOne)}};
    const DataLayout b = wholeIn(dramAt(kOne, {3, 3}), frange({0, 0, 0, 0}, {2, 2, 1, 1}));
    return DataLayout::concat({a, b});
}

struct UnitNhopsCase {
    Layer layer;
    int batch;
    NodeRegion region;
    PartitionScheme part;
    NodeRegion dram;
};

PerCategory<double> unitNhops(const UnitNhopsCase& c, bool forwarding)
{
    const DataLayout ifm = wholeIn(c.dram, frange({0, 0, 0, 0}, {c.batch, c.layer.nifm, 1, 1}));
    const DataLayout ofm = wholeIn(c.dram, fullOfmap(c.layer, c.batch));
    return unitNhopsToProcRegion(c.layer, c.batch, c.region, c.part, c.dram, ifm, ofm, forwarding);
}

// Setup B of §8.3: 4x4 mesh, DRAM at the four corners, batch 16.
struct SetupB {
    static constexpr int batch = 16;
    NodeRegion procRegion = proc({4, 4});
    NodeRegion dram = dramAt({2, 2}, {0, 0}, {3, 3});

    PerCategory<double> unitNhops(const Layer& l, const PartitionScheme& part, const DataLayout& ifm) const
    {
        // gbuf sharing implies forwarding.
        return unitNhopsToProcRegion(l, batch, procRegion, part, dram, ifm, ofmapLayout(l, batch, part, dram), true);
    }
};

PartitionScheme setupBPart(std::array<Parallel, 4> order, PhyDim2 outp, PhyDim2 batp)
{
    return scheme(order, outp, kOne, batp, kOne);
}

const std::array<Parallel, 4> kOrderFbio{Parallel::Ofmp, Parallel::Batp, Parallel::Inpp, Parallel::Outp};
const std::array<Parallel, 4> kOrderFibo{Parallel::Ofmp, Parallel::Inpp, Parallel::Batp, Parallel::Outp};

QString show(const PerCategory<double>& v)
{
    return QStringLiteral("(%1, %2, %3)").arg(v[0], 0, 'g', 17).arg(v[1], 0, 'g', 17).arg(v[2], 0, 'g', 17);
}

} // namespace

class TestDataLayout : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void concatOffsetsChannels()
    {
        const DataLayout l = twoPieceLayout();
        QCOMPARE(l.frngs.size(), std::size_t{2});
        QCOMPARE(l.frngs[1], frange({0, 4, 0, 0}, {2, 6, 1, 1}));
        QCOMPARE(l.regions[1].origin, (PhyDim2{3, 3}));
        QCOMPARE(l.completeRange(), frange({0, 0, 0, 0}, {2, 6, 1, 1}));
    }

    void validity()
    {
        QVERIFY(twoPieceLayout().isValid());
        DataLayout gap = twoPieceLayout();
        gap.frngs[1].beg[1] = 5;
        QVERIFY(!gap.isValid());
        DataLayout batchMismatch = twoPieceLayout();
        batchMismatch.frngs[1].end[0] = 3;
        QVERIFY(!batchMismatch.isValid());
        DataLayout withInpp = twoPieceLayout();
        withInpp.parts[1].pdims[3] = {1, 1};
        withInpp.parts[0].pdims = {kOne, kOne, kOne, PhyDim2{1, 2}};
        QVERIFY(!withInpp.isValid());
        DataLayout tooWide = twoPieceLayout();
        tooWide.parts[1] = byEnumOrder({1, 2}, kOne, kOne, kOne);
        QVERIFY(!tooWide.isValid());
        QVERIFY(!DataLayout{}.isValid());
    }
    void liesIn()
    {
        const DataLayout l = twoPieceLayout();
        QVERIFY(l.liesIn({dramAt({2, 2}, {0, 0}, {3, 3})}));
        QVERIFY(l.liesIn({proc({4, 4}), dramAt({1, 2}, {0, 0}, {1, 3}), dramAt(kOne, {3, 3})}));
        QVERIFY(!l.liesIn({proc({4, 4})}));
        QVERIFY(!l.liesIn({dramAt({1, 2}, {0, 0}, {1, 3})}));
    }

    void nhopsTo_data()
    {
        QTest::addColumn<std::vector<PhyDim2>>("dests");
        QTest::addColumn<bool>("forwarding");
        QTest::addColumn<double>("expected");
        // Overlaps of b[0,2) n[1,5): 2 words at (0,0), 4 at (0,3), 2 at (3,3).
        // From memory: (1,1) 2·2+4·3+2·4 = 24, (1,2) 2·3+4·2+2·3 = 20, (3,0) 2·3+4·6+2·3 = 36.
        const std::vector<PhyDim2> two{{1, 1}, {1, 2}};
        const std::vector<PhyDim2> three{{1, 1}, {1, 2}, {3, 0}};
        QTest::newRow("one dest") << std::vector<PhyDim2>{{1, 1}} << false << 24.0;
        QTest::newRow("two dests, no forwarding") << two << false << 44.0;
        // Forwarding: the cheapest dest fetches (20), the tree adds 8 words × 1 hop.
        QTest::newRow("two dests, forwarding") << two << true << 28.0;
        QTest::newRow("three dests, no forwarding") << three << false << 80.0;
        // Prim over (1,2) (1,1) (3,0): hops 1 + 3 → 20 + 8·4.
        QTest::newRow("three dests, forwarding") << three << true << 52.0;
        QTest::newRow("no dests") << std::vector<PhyDim2>{} << true << 0.0;
    }
    void nhopsTo()
    {
        QFETCH(std::vector<PhyDim2>, dests);
        QFETCH(bool, forwarding);
        QFETCH(double, expected);
        QCOMPARE(twoPieceLayout().nhopsTo(frange({0, 1, 0, 0}, {2, 5, 1, 1}), dests, forwarding), expected);
    }

    void procDataRange_data()
    {
        QTest::addColumn<LayerParams>("layer");
        QTest::addColumn<PartitionScheme>("part");
        QTest::addColumn<PartitionIndex>("pidx");
        QTest::addColumn<FmapRange>("ofmap");
        QTest::addColumn<FmapRange>("ifmap");
        QTest::addColumn<FilterRange>("filter");
        const PhyDim2 z{0, 0};
        QTest::newRow("conv strided, INPP") << layerParams(LayerType::Conv, 3, 8, {6, 6}, {3, 3}, 1, PhyDim2{2, 2})
                                            << byEnumOrder(kOne, {2, 1}, kOne, {1, 2}) << pidxOf(z, {1, 0}, z, {0, 1})
                                            << frange({0, 0, 3, 0}, {2, 8, 6, 6})
                                            << frange({0, 1, 6, 0}, {2, 3, 13, 13}) << FilterRange{{1, 3}, {0, 8}};
        QTest::newRow("local region window")
            << layerParams(LayerType::LocalRegion, 0, 16, {4, 4}, kOne, 5) << byEnumOrder({1, 4}, kOne, kOne, kOne)
            << pidxOf({0, 1}, z, z, z) << frange({0, 4, 0, 0}, {2, 8, 4, 4}) << frange({0, 2, 0, 0}, {2, 11, 4, 4})
            << FilterRange{};
        QTest::newRow("local region clamped")
            << layerParams(LayerType::LocalRegion, 0, 16, {4, 4}, kOne, 5) << byEnumOrder({1, 4}, kOne, kOne, kOne)
            << pidxOf(z, z, z, z) << frange({0, 0, 0, 0}, {2, 4, 4, 4}) << frange({0, 0, 0, 0}, {2, 7, 4, 4})
            << FilterRange{};
        // ±nreg//2 channel window even for eltwise (nifm 12, ntrd 3): §9.2 quirk.
        QTest::newRow("eltwise window") << layerParams(LayerType::Eltwise, 0, 4, {2, 2}, kOne, 3) << PartitionScheme{}
                                        << pidxOf(z, z, z, z) << frange({0, 0, 0, 0}, {2, 4, 2, 2})
                                        << frange({0, 0, 0, 0}, {2, 6, 2, 2}) << FilterRange{};
        QTest::newRow("dwconv") << layerParams(LayerType::DWConv, 0, 6, {4, 4}, {3, 3})
                                << byEnumOrder({1, 4}, kOne, kOne, kOne) << pidxOf({0, 3}, z, z, z)
                                << frange({0, 4, 0, 0}, {2, 6, 4, 4}) << frange({0, 4, 0, 0}, {2, 6, 6, 6})
                                << FilterRange{{0, 1}, {4, 6}};
        // reverse_low/high with the exclusive end as given by the spec: [2, 5) and [0, 5).
        QTest::newRow("conv back act bottom")
            << layerParams(LayerType::ConvBackAct, 8, 4, {8, 8}, {3, 3}) << byEnumOrder(kOne, {2, 1}, kOne, kOne)
            << pidxOf(z, {1, 0}, z, z) << frange({0, 0, 4, 0}, {2, 4, 8, 8}) << frange({0, 0, 2, 0}, {2, 8, 5, 5})
            << FilterRange{{0, 8}, {0, 4}};
        QTest::newRow("conv back act top")
            << layerParams(LayerType::ConvBackAct, 8, 4, {8, 8}, {3, 3}) << byEnumOrder(kOne, {2, 1}, kOne, kOne)
            << pidxOf(z, z, z, z) << frange({0, 0, 0, 0}, {2, 4, 4, 8}) << frange({0, 0, 0, 0}, {2, 8, 4, 5})
            << FilterRange{{0, 8}, {0, 4}};
        QTest::newRow("pool back") << layerParams(LayerType::PoolingBack, 0, 8, {8, 8}, {2, 2})
                                   << byEnumOrder({1, 2}, kOne, kOne, kOne) << pidxOf({0, 1}, z, z, z)
                                   << frange({0, 4, 0, 0}, {2, 8, 8, 8}) << frange({0, 4, 0, 0}, {2, 7, 3, 3})
                                   << FilterRange{};
        QTest::newRow("dwconv back act") << layerParams(LayerType::DWConvBackAct, 0, 8, {6, 6}, {3, 3})
                                         << byEnumOrder({1, 2}, kOne, kOne, kOne) << pidxOf(z, z, z, z)
                                         << frange({0, 0, 0, 0}, {2, 4, 6, 6}) << frange({0, 0, 0, 0}, {2, 4, 3, 3})
                                         << FilterRange{{0, 1}, {0, 4}};
    }
    void procDataRange()
    {
        QFETCH(LayerParams, layer);
        QFETCH(PartitionScheme, part);
        QFETCH(PartitionIndex, pidx);
        QFETCH(FmapRange, ofmap);
        QFETCH(FmapRange, ifmap);
        QFETCH(FilterRange, filter);
        const ProcDataRange r = kapla::procDataRange(validLayer(layer), 2, part, pidx);
        QCOMPARE(r.ofmap, ofmap);
        QCOMPARE(r.ifmap, ifmap);
        QCOMPARE(r.filter.ifmChannels, filter.ifmChannels);
        QCOMPARE(r.filter.ofmChannels, filter.ofmChannels);
    }

    // FC(4→3), batch 2 on a 2x2 region: BATP(2,1) rows, INPP(1,2) columns; everything in DRAM at (0,2).
    void unitNhopsBatchAndInpp_data()
    {
        QTest::addColumn<bool>("forwarding");
        QTest::addColumn<double>("fil");
        QTest::addColumn<double>("ifm");
        QTest::addColumn<double>("ofm");
        // FIL: 6 words per INPP column. No forwarding: 6·(2+3) + 6·(1+2); Prim: 6·(2+1) + 6·(1+1).
        // IFM: 2 words per node: 2·(2+1) + 2·(3+2).
        // OFM (3 words per row, reduced over the row): no forwarding, mid (b,1): row 0 3·1 + ceil(3/2),
        // row 1 3·2 + ceil(3/2); forwarding: ceil((3 + 3+3)/2) + ceil((6 + 6+3)/2).
        QTest::newRow("no forwarding") << false << 48.0 << 16.0 << 13.0;
        QTest::newRow("forwarding") << true << 30.0 << 16.0 << 13.0;
    }
    void unitNhopsBatchAndInpp()
    {
        QFETCH(bool, forwarding);
        QFETCH(double, fil);
        QFETCH(double, ifm);
        QFETCH(double, ofm);
        const UnitNhopsCase c{fc(4, 3), 2, proc({2, 2}), byEnumOrder(kOne, kOne, {2, 1}, {1, 2}), dramAt(kOne, {0, 2})};
        QCOMPARE(show(unitNhops(c, forwarding)), show({fil, ifm, ofm}));
    }

    // FC(4→3) on a 1x3 row with INPP(1,3), DRAM at (0,3): the reduction goes to the middle node
    // (0,1), not the nearest one.
    void unitNhopsMidNodeReduction_data()
    {
        QTest::addColumn<bool>("forwarding");
        QTest::addColumn<double>("ofm");
        // No forwarding: 3·2 + ceil(3·1/2) + ceil(3·1/2) = 10.
        // Forwarding: nearest (0,2) 3·1; tree 3 + 3·2 → ceil((3 + 9)/2) = 6.
        QTest::newRow("no forwarding") << false << 10.0;
        QTest::newRow("forwarding") << true << 6.0;
    }
    void unitNhopsMidNodeReduction()
    {
        QFETCH(bool, forwarding);
        QFETCH(double, ofm);
        const UnitNhopsCase c{fc(4, 3), 1, proc({1, 3}), byEnumOrder(kOne, kOne, kOne, {1, 3}), dramAt(kOne, {0, 3})};
        // FIL: (1·3)·3 + (1·3)·2 + (2·3)·1; IFM: 1·3 + 1·2 + 2·1.
        QCOMPARE(show(unitNhops(c, forwarding)), show({21, 7, ofm}));
    }

    void unitNhopsOfmapsKeptLocally()
    {
        const Layer l = fc(4, 4);
        const NodeRegion region = proc({2, 2});
        const PartitionScheme part = byEnumOrder({1, 2}, kOne, {2, 1}, kOne);
        const DataLayout ifm = wholeIn(dramAt(kOne, {0, 2}), frange({0, 0, 0, 0}, {2, 4, 1, 1}));
        NodeRegion sameRegionUnnormalised = region;
        sameRegionUnnormalised.wtot = 0;
        sameRegionUnnormalised.wbeg = 0;
        const DataLayout local{{fullOfmap(l, 2)}, {sameRegionUnnormalised}, {part.projection(region, true)}};
        QCOMPARE(unitNhopsToProcRegion(l, 2, region, part, dramAt(kOne, {0, 2}), ifm, local, true)[2], 0.0);
        const DataLayout elsewhere = ofmapLayout(l, 2, part, dramAt(kOne, {0, 2}));
        QVERIFY(unitNhopsToProcRegion(l, 2, region, part, dramAt(kOne, {0, 2}), ifm, elsewhere, true)[2] > 0);
    }

    // §8.3 Setup B, fc1 (784→1000), part (OFMP,BATP,INPP,OUTP) OUTP(4,4). Its ifmaps are the network
    // input laid out by one of the input partitions of gen_partition on the 2x2 DRAM region.
    // Every one of them (BATP(2,2); OUTP(1,2)+BATP(2,1); OUTP(2,2)) puts a quarter of the input at each
    // corner, and every mesh node is 12 corner-hops away in total, so all three reproduce the numbers.
    void setupBFc1()
    {
        const SetupB b;
        Options options;
        options.partitionHybrid = true;
        options.partitionBatch = true;
        options.gbufSharing = true;
        const Layer input = makeInputLayer(784, kOne);
        const auto inputParts = genPartitions(input, SetupB::batch, b.dram.dim, options, true);
        QCOMPARE(inputParts.size(), std::size_t{3});
        const PartitionScheme part = setupBPart(kOrderFbio, {4, 4}, kOne);
        const PerCategory<double> expected{784000, 225792, 32000};
        std::vector<int> matching;
        for (std::size_t k = 0; k < inputParts.size(); ++k) {
            const DataLayout ifm{{frange({0, 0, 0, 0}, {SetupB::batch, 784, 1, 1})},
                                 {b.dram},
                                 {inputParts[k].projection(b.dram, true)}};
            if (b.unitNhops(fc(784, 1000), part, ifm) == expected)
                matching.push_back(static_cast<int>(k));
        }
        QCOMPARE(matching, (std::vector<int>{0, 1, 2}));
        const DataLayout firstIfm{{frange({0, 0, 0, 0}, {SetupB::batch, 784, 1, 1})},
                                  {b.dram},
                                  {inputParts[0].projection(b.dram, true)}};
        QCOMPARE(show(b.unitNhops(fc(784, 1000), part, firstIfm)), show(expected));
    }

    // fc2..fc4 read the previous layer's ofmap layout (independent of the input partition).
    void setupBChain_data()
    {
        QTest::addColumn<int>("nifm");
        QTest::addColumn<int>("nofm");
        QTest::addColumn<PartitionScheme>("part");
        QTest::addColumn<int>("prevNifm");
        QTest::addColumn<PartitionScheme>("prevPart");
        QTest::addColumn<double>("fil");
        QTest::addColumn<double>("ifm");
        QTest::addColumn<double>("ofm");
        const PartitionScheme fc12 = setupBPart(kOrderFbio, {4, 4}, kOne);
        const PartitionScheme fc3 = setupBPart(kOrderFibo, {2, 4}, {2, 1});
        const PartitionScheme fc4 = setupBPart(kOrderFibo, {1, 2}, {4, 2});
        QTest::newRow("fc2") << 1000 << 500 << fc12 << 784 << fc12 << 498000.0 << 288000.0 << 16000.0;
        QTest::newRow("fc3") << 500 << 250 << fc3 << 1000 << fc12 << 249000.0 << 80000.0 << 5984.0;
        QTest::newRow("fc4") << 250 << 10 << fc4 << 500 << fc3 << 15000.0 << 15984.0 << 240.0;
    }
    void setupBChain()
    {
        QFETCH(int, nifm);
        QFETCH(int, nofm);
        QFETCH(PartitionScheme, part);
        QFETCH(int, prevNifm);
        QFETCH(PartitionScheme, prevPart);
        QFETCH(double, fil);
        QFETCH(double, ifm);
        QFETCH(double, ofm);
        const SetupB b;
        const DataLayout prevOfmaps = ofmapLayout(fc(prevNifm, nifm), SetupB::batch, prevPart, b.dram);
        QCOMPARE(show(b.unitNhops(fc(nifm, nofm), part, prevOfmaps)), show({fil, ifm, ofm}));
    }

    // MLP-L batch 8 on the KAPLA 4x4 mesh (DRAM at the corners), the exhaustive optimum's temporal
    // segment (fc3, fc4) on all 16 nodes: fc4 (500 -> 10) reads fc3's ofmaps where fc3 left them on
    // chip, spread by fc3's (OFMP,BATP,OUTP,INPP) OUTP(1,4) INPP(4,1) projection. fc4's
    // (OUTP,OFMP,BATP,INPP) BATP(2,1) INPP(2,4) has each node read 4 samples x 62.5 channels: the
    // 4000 ifmap words travel 6000 hops. nn_dataflow memoises the hop counts on a dict whose equality
    // compares only the sets of keys and values, so it charges this partition the 10000 IFM hops of an
    // earlier partition with the same ranges and nodes in another pairing; we count the true hops
    // (docs: "Differences from nn_dataflow").
    void hopsFollowTheFactorsPairing()
    {
        const NodeRegion region = proc({4, 4});
        const PartitionScheme fc3Part = scheme({Parallel::Ofmp, Parallel::Batp, Parallel::Outp, Parallel::Inpp}, {1, 4},
                                               kOne, kOne, {4, 1});
        const DataLayout fc3Ofmaps{{fullOfmap(fc(1000, 500), 8)}, {region}, {fc3Part.projection(region, true)}};
        const PartitionScheme fc4Part = scheme({Parallel::Outp, Parallel::Ofmp, Parallel::Batp, Parallel::Inpp}, kOne,
                                               kOne, {2, 1}, {2, 4});
        const NodeRegion dram = dramAt({2, 2}, {0, 0}, {3, 3});
        const Layer fc4 = fc(500, 10);
        const PerCategory<double> hops = unitNhopsToProcRegion(fc4, 8, region, fc4Part, dram, fc3Ofmaps,
                                                               ofmapLayout(fc4, 8, fc4Part, dram), true);
        QCOMPARE(show(hops), show({10000, 6000, 400}));
    }
};

QTEST_APPLESS_MAIN(TestDataLayout)
#include "tst_data_layout.moc"
