// Buffer-sharing groups and NoC hop formulas: the BufShrScheme facts of model spec §8.1.
#include "cost/buf_shr.h"
#include "cost/loop_blocking_bufshr.h"
#include "model/layer.h"
#include "test_layers.h"
#include "test_schemes.h"

#include <QtTest>

#include <cmath>
#include <limits>

using namespace kapla;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

using test::scheme;

PerCategory<unsigned> convDataLoops()
{
    const auto loops = test::conv(8, 8, 8, 3).dataLoops();
    return {loops[0], loops[1], loops[2]};
}

/// The region a scheme exactly covers, at the origin with unit spacing.
NodeRegion regionOf(const PartitionScheme& ps) { return NodeRegion::make(ps.dim(), {0, 0}, NodeRegion::Type::Proc); }

PartitionScheme ps3()
{
    return scheme({Parallel::Outp, Parallel::Ofmp, Parallel::Batp, Parallel::Inpp}, {1, 6}, {1, 2}, {4, 1}, {3, 5});
}

PartitionScheme ps1()
{
    return scheme({Parallel::Batp, Parallel::Outp, Parallel::Ofmp, Parallel::Inpp}, {2, 3}, {3, 1}, {1, 5}, {5, 2});
}

} // namespace

class TestBufShr : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void ps3Groups()
    {
        const PartitionScheme ps = ps3();
        QCOMPARE(ps.dim(), (PhyDim2{12, 60}));
        const BufShrScheme bs(regionOf(ps), ps, convDataLoops());
        QCOMPARE(bs.dim(DataCategory::Fil), (PhyDim2{4, 2}));
        QCOMPARE(bs.size(DataCategory::Fil), 8);
        QCOMPARE(bs.neighborDist(DataCategory::Fil), (std::pair<double, double>{3, 5}));
        // IFM shares over OUTP, OFM over INPP.
        QCOMPARE(bs.dim(DataCategory::Ifm), (PhyDim2{1, 6}));
        QCOMPARE(bs.dim(DataCategory::Ofm), (PhyDim2{3, 5}));
    }
    void rotateAll_data()
    {
        QTest::addColumn<int>("s");
        QTest::addColumn<double>("hops");
        QTest::newRow("8") << 8 << (3.0 * 6 + 5 * 2) * 7 / 8;
        QTest::newRow("4") << 4 << ((3.0 * 3) + (3 * 2 + 9) * 3) / 4 * 2;
        QTest::newRow("2") << 2 << (3.0 + 3) / 2 * 4;
        QTest::newRow("1") << 1 << 0.0;
        QTest::newRow("3") << 3 << ((3.0 * 2) + (3 + 6) * 2 + (3 * 2)) / 3 * 2;
        QTest::newRow("5") << 5
                           << ((3.0 * 3 + 5) + (3 * 2 + 5 + (3 * 3 + 5)) * 3 + ((3 * 3 + 5) + 3 * 3) + 3 * 3 * 4) / 5;
    }
    void rotateAll()
    {
        QFETCH(int, s);
        QFETCH(double, hops);
        const PartitionScheme ps = ps3();
        const BufShrScheme bs(regionOf(ps), ps, convDataLoops());
        QCOMPARE(bs.nhopsRotateAll(DataCategory::Fil, s), hops);
    }
    void wideFetch_data()
    {
        QTest::addColumn<int>("s");
        QTest::addColumn<double>("width");
        QTest::addColumn<double>("twiceHops");
        QTest::newRow("4,2") << 4 << 2.0 << (3.0 * 3 + 9) / 4 * 2;
        QTest::newRow("3,2") << 3 << 2.0 << (3.0 * 2 + 6 + 3) / 3 * 2;
        QTest::newRow("2,2") << 2 << 2.0 << (3.0 + 3) / 2 * 4;
        QTest::newRow("4,1") << 4 << 1.0 << 0.0;
    }
    void wideFetch()
    {
        QFETCH(int, s);
        QFETCH(double, width);
        QFETCH(double, twiceHops);
        const PartitionScheme ps = ps3();
        const BufShrScheme bs(regionOf(ps), ps, convDataLoops());
        QCOMPARE(bs.nhopsWideFetchOnce(DataCategory::Fil, s, width) * 2, twiceHops);
    }
    void subgroupRoundsUpToDivisor()
    {
        const PartitionScheme ps = ps3();
        const BufShrScheme bs(regionOf(ps), ps, convDataLoops());
        QCOMPARE(bs.subgroupDim(DataCategory::Fil, 3), (PhyDim2{4, 1}));
        QCOMPARE(bs.subgroupDim(DataCategory::Fil, 5), (PhyDim2{4, 2}));
        QCOMPARE(bs.subgroupDim(DataCategory::Fil, 9), (PhyDim2{0, 0}));
        QVERIFY(std::isnan(bs.nhopsRotateAll(DataCategory::Fil, 9)));
    }
    void ps1NeighbourDistances()
    {
        const PartitionScheme ps = ps1();
        QCOMPARE(ps.dim(), (PhyDim2{30, 30}));
        const BufShrScheme bs(regionOf(ps), ps, convDataLoops());
        QCOMPARE(bs.neighborDist(DataCategory::Fil), (std::pair<double, double>{5, kInf}));
        QCOMPARE(bs.neighborDist(DataCategory::Ifm), (std::pair<double, double>{15, 2}));
        QCOMPARE(bs.neighborDist(DataCategory::Ofm), (std::pair<double, double>{1, 1}));
        // BATP and OFMP are not adjacent in the order: only OFMP (the lower one) shares filters.
        QCOMPARE(bs.dim(DataCategory::Fil), (PhyDim2{3, 1}));
    }
    void localRegionNeverShares()
    {
        const PartitionScheme ps = ps3();
        const PerCategory<unsigned> lrLoops{0u, 0b110u, 0b110u};
        const BufShrScheme bs(regionOf(ps), ps, lrLoops);
        // Every category's first unrelated loop is IFM, i.e. INPP.
        QCOMPARE(bs.dim(DataCategory::Ifm), (PhyDim2{3, 5}));
        QCOMPARE(bs.dim(DataCategory::Fil), (PhyDim2{3, 5}));
    }
    void sweepWithoutSharedDataKeepsOrder()
    {
        const PartitionScheme ps = ps3();
        const BufShrScheme bs(regionOf(ps), ps, convDataLoops());
        BufShrSweepInput in;
        in.bufshr = &bs;
        in.group = {8, 6, 15};
        in.subgroup = in.group;
        in.gbufUnsharedSize = {0, 0, 0};
        in.ord1 = {2, 0, 1};
        const BufShrChoice c = chooseBufferSharing(in);
        QVERIFY(!c.swept);
        QCOMPARE(c.subgroup, (PerCategory<int>{1, 1, 1}));
        QCOMPARE(c.ord1, (PerLoop<int>{2, 0, 1}));
    }
    void sweepShrinksSubgroupsThatFit()
    {
        // Only FIL is shared; with plenty of free GBUF the candidate list includes subgroup 1, which
        // has no NoC traffic at all and therefore wins.
        const PartitionScheme ps = ps3();
        const BufShrScheme bs(regionOf(ps), ps, convDataLoops());
        BufShrSweepInput in;
        in.bufshr = &bs;
        in.group = {8, 1, 1};
        in.subgroup = in.group;
        in.gbufUnsharedSize = {800, 0, 0};
        in.sizeGbuf = 10000;
        in.tvals = {PerLoop<int>{1, 1, 2}, PerLoop<int>{2, 2, 2}};
        in.ord1 = {0, 1, 2};
        in.fetch = {PerCategory<std::int64_t>{2, 1, 1}, PerCategory<std::int64_t>{4, 4, 3}};
        in.dataLoops = convDataLoops();
        in.totalGbufAccess = {1000, 1000, 1000};
        in.numNodes = 720;
        const BufShrChoice c = chooseBufferSharing(in);
        QVERIFY(c.swept);
        QCOMPARE(c.subgroup, (PerCategory<int>{1, 1, 1}));
        QCOMPARE(c.rotFetch[0], 0.0);
        QCOMPARE(c.wideFetch[0], 0.0);
    }
    void sweepTrafficByHand_data()
    {
        QTest::addColumn<qint64>("gbufFetch");
        QTest::addColumn<double>("rot");
        QTest::addColumn<double>("wide");
        QTest::addColumn<qint64>("rounds");
        // Two DRAM fetches equal the two rotation rounds: streamed, no rotation; the 4-wide fetch
        // costs nhops_rotate_all(8)/7 per step × 6 steps / 4 wide = 5.25 per REGF fetch, twice.
        QTest::newRow("streamed") << qint64(2) << 0.0 << 10.5 << qint64(0);
        // One DRAM fetch, two rounds of 2 units: (6·3 + 5 + 5)·(8 − 4)/8 = 14 hops per round; the wide
        // fetch is halved by the one combined fetch per round (2 · 1/2).
        QTest::newRow("rotated") << qint64(1) << 28.0 << 5.25 << qint64(2);
    }
    void sweepTrafficByHand()
    {
        QFETCH(qint64, gbufFetch);
        QFETCH(double, rot);
        QFETCH(double, wide);
        QFETCH(qint64, rounds);
        const PartitionScheme ps = ps3();
        const BufShrScheme bs(regionOf(ps), ps, convDataLoops());
        BufShrSweepInput in;
        in.bufshr = &bs;
        in.group = {8, 1, 1};
        in.subgroup = in.group;
        in.gbufUnsharedSize = {800, 0, 0};
        in.sizeGbuf = 100; // no room to shrink the FIL subgroup
        in.tvals = {PerLoop<int>{1, 1, 2}, PerLoop<int>{2, 1, 1}};
        in.ord1 = {0, 1, 2};
        in.fetch = {PerCategory<std::int64_t>{gbufFetch, 1, 1}, PerCategory<std::int64_t>{2, 1, 1}};
        in.dataLoops = convDataLoops();
        in.totalGbufAccess = {1000, 1000, 1000};
        in.numNodes = 720;
        const BufShrChoice c = chooseBufferSharing(in);
        QVERIFY(c.swept);
        QCOMPARE(c.subgroup, (PerCategory<int>{8, 1, 1}));
        QCOMPARE(c.rotFetch, (PerCategory<double>{rot, 0, 0}));
        QCOMPARE(c.wideFetch, (PerCategory<double>{wide, 0, 0}));
        QCOMPARE(c.rotRoundCnt[0], std::int64_t(rounds));
        QCOMPARE(c.rotUnitCnt[0], 2.0);
        QCOMPARE(c.wideFetchWidth[0], 4.0);
        QCOMPARE(c.bsT, (PerLoop<int>{1, 1, 1}));
        QCOMPARE(c.ord1, (PerLoop<int>{0, 1, 2}));
    }
};

QTEST_APPLESS_MAIN(TestBufShr)
#include "tst_buf_shr.moc"
