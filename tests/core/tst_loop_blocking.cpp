// Loop blocking (model spec §3.2, §4.6, §4.8): a brute-force loop-nest simulation against the model's
// access counts, the §8.3 mlp_s worked example and the AlexNet per-layer fetch table.
#include "cost/loop_blocking.h"
#include "cost/loop_blocking_search.h"
#include "cost/map_strategy.h"
#include "model/layer.h"
#include "schedule/partition.h"
#include "test_layers.h"
#include "util/math_util.h"

#include <QtTest>

#include <cmath>
#include <limits>
#include <set>

using namespace kapla;

Q_DECLARE_METATYPE(kapla::RefetchRule)
Q_DECLARE_METATYPE(kapla::PartitionScheme)
Q_DECLARE_METATYPE(kapla::BlockingSpec)
Q_DECLARE_METATYPE(kapla::PerCategory<double>)

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr auto kDram = static_cast<std::size_t>(MemLevel::Dram);
constexpr auto kGbuf = static_cast<std::size_t>(MemLevel::Gbuf);
constexpr auto kItcn = static_cast<std::size_t>(MemLevel::Itcn);
constexpr auto kRegf = static_cast<std::size_t>(MemLevel::Regf);

using test::conv;
using test::fc;
using test::pool;
using test::validLayer;

/// One node with a 16×16 PE array whose DRAM region is the single node at (0,0) (Setup A geometry).
Resource singleNode(double gbufWords, double regfWords)
{
    Resource r;
    r.procRegion = NodeRegion::make({1, 1}, {0, 0}, NodeRegion::Type::Proc);
    r.dramRegion = NodeRegion::make({1, 1}, {0, 0}, NodeRegion::Type::Dram);
    r.srcDataRegion = r.dramRegion;
    r.dstDataRegion = r.dramRegion;
    r.dimArray = {16, 16};
    r.sizeGbuf = gbufWords;
    r.sizeRegf = regfWords;
    r.arrayBusWidth = kInf;
    r.dramBandwidth = kInf;
    return r;
}

Options optionsWith(RefetchRule rule)
{
    Options o;
    o.refetchRule = rule;
    return o;
}

/// The §8.3 mlp_s fc1 descriptor (FC 784→500, batch 8, replication ifms 8 / ofms 32).
NestedLoopDesc mlpFc1Descriptor()
{
    NestedLoopDesc nld;
    nld.loopcnt = {98, 16, 8};
    nld.unitOps = 250;
    nld.unitTime = 1;
    nld.usizeGbuf = {256, 8, 32};
    nld.usizeRegf = {1, 1, 1};
    nld.unitAccess[kDram] = {250, 8, 31.25};
    nld.unitAccess[kGbuf] = {250, 8, 31.25};
    nld.unitAccess[kItcn] = {250, 256, 250};
    nld.unitAccess[kRegf] = {250, 250, 250};
    nld.dataLoops = {0b011u, 0b101u, 0b110u};
    nld.regfReusable = {true, true, true};
    nld.rwData = DataCategory::Ofm;
    return nld;
}

BlockingSpec blockingOf(std::array<PerLoop<int>, 3> t, std::array<PerLoop<int>, 2> ord)
{
    BlockingSpec b;
    b.tvals = t;
    b.orders = ord;
    return b;
}

PerLoop<int> loopProduct(const BlockingSpec& b)
{
    PerLoop<int> p{1, 1, 1};
    for (const auto& level : b.tvals)
        for (std::size_t l = 0; l < 3; ++l)
            p[l] *= level[l];
    return p;
}

/// Brute-force traffic of one category through REGF, GBUF and DRAM, in units (§8.1 simulation rules).
struct SimTraffic {
    std::int64_t dram = 0; ///< units moved between DRAM and the node
    std::int64_t gbuf = 0; ///< units moved between GBUF and REGF (0 when GBUF is bypassed)
    std::int64_t itcn = 0; ///< units moved into / out of REGF
};

/// A buffer holding one block of a category; a miss replaces the block (with write-back if dirty data).
struct SimLevel {
    std::int64_t current = -1;
    std::set<std::int64_t> touched;
};

class LoopNestSimulator
{
public:
    LoopNestSimulator(const BlockingSpec& b, unsigned dims, bool readModifyWrite, bool storedInGbuf)
        : m_b(b)
        , m_dims(dims)
        , m_rmw(readModifyWrite)
        , m_stored(storedInGbuf)
    {
        for (std::size_t l = 0; l < 3; ++l) {
            if (dims & (1u << l)) {
                m_regfUnits *= b.tvals[2][l];
                m_gbufUnits *= static_cast<std::int64_t>(b.tvals[1][l]) * b.tvals[2][l];
            }
        }
    }

    SimTraffic run()
    {
        // Nine loops outer to inner: level 0 by descending order, level 1 likewise, then level 2.
        std::array<std::pair<int, int>, 9> nest{};
        int n = 0;
        for (int level = 0; level < 2; ++level)
            for (int pos = 2; pos >= 0; --pos)
                for (int l = 0; l < 3; ++l)
                    if (m_b.orders[static_cast<std::size_t>(level)][static_cast<std::size_t>(l)] == pos)
                        nest[static_cast<std::size_t>(n++)] = {level, l};
        for (int l = 0; l < 3; ++l)
            nest[static_cast<std::size_t>(n++)] = {2, l};
        std::array<std::array<int, 3>, 3> i{}; // i[level][loop]
        for (;;) {
            visit(i);
            int k = 8;
            for (; k >= 0; --k) {
                auto [level, l] = nest[static_cast<std::size_t>(k)];
                auto& v = i[static_cast<std::size_t>(level)][static_cast<std::size_t>(l)];
                if (++v < m_b.tvals[static_cast<std::size_t>(level)][static_cast<std::size_t>(l)])
                    break;
                v = 0;
            }
            if (k < 0)
                break;
        }
        if (m_rmw) { // final write-back of the dirty blocks
            moveBetween(m_regfUnits);
            if (m_stored)
                m_t.dram += m_gbufUnits;
        }
        return m_t;
    }

private:
    std::int64_t blockId(const std::array<std::array<int, 3>, 3>& i, int levels) const
    {
        std::int64_t id = 0;
        for (std::size_t l = 0; l < 3; ++l) {
            int v = 0;
            if (m_dims & (1u << l)) {
                v = i[0][l];
                if (levels > 1)
                    v = v * m_b.tvals[1][l] + i[1][l];
            }
            id = id * 4096 + v;
        }
        return id;
    }

    // One block transfer between REGF and the next level (GBUF, or DRAM when bypassed).
    void moveBetween(std::int64_t units)
    {
        m_t.itcn += units;
        if (m_stored)
            m_t.gbuf += units;
        else
            m_t.dram += units;
    }

    void fill(SimLevel& level, std::int64_t id, std::int64_t units, bool regf)
    {
        const bool wasHolding = level.current >= 0;
        level.current = id;
        const bool firstTouch = level.touched.insert(id).second;
        std::int64_t moved = 0;
        if (m_rmw && wasHolding)
            moved += units; // write back the partial sums
        if (!(m_rmw && firstTouch))
            moved += units; // read the block
        if (regf) {
            if (moved > 0)
                moveBetween(moved);
        } else {
            m_t.dram += moved;
        }
    }

    void visit(const std::array<std::array<int, 3>, 3>& i)
    {
        const std::int64_t regfId = blockId(i, 2);
        if (regfId == m_regf.current)
            return;
        if (m_stored) {
            const std::int64_t gbufId = blockId(i, 1);
            if (gbufId != m_gbuf.current)
                fill(m_gbuf, gbufId, m_gbufUnits, false);
        }
        fill(m_regf, regfId, m_regfUnits, true);
    }

    BlockingSpec m_b;
    unsigned m_dims;
    bool m_rmw;
    bool m_stored;
    std::int64_t m_regfUnits = 1;
    std::int64_t m_gbufUnits = 1;
    SimLevel m_regf;
    SimLevel m_gbuf;
    SimTraffic m_t;
};

/// Text of a blocking for failure messages.
QString describe(const BlockingSpec& b)
{
    QString s;
    for (const auto& level : b.tvals)
        s += QStringLiteral("%1/%2/%3 ").arg(level[0]).arg(level[1]).arg(level[2]);
    for (const auto& level : b.orders)
        s += QStringLiteral("ord %1%2%3 ").arg(level[0]).arg(level[1]).arg(level[2]);
    return s;
}

/// Empty if the model's DRAM, GBUF, ITCN and REGF accesses equal the simulation's; else what differs.
QString simulationMismatch(const NestedLoopDesc& nld, const BlockingSpec& b, const LoopBlockingResult& r)
{
    if (!r.valid)
        return describe(b) + QStringLiteral("invalid");
    const double ops = nld.totalOps();
    if (r.stats.access[kRegf] != PerCategory<double>{ops, ops, 2 * ops})
        return describe(b) + QStringLiteral("REGF");
    for (std::size_t d = 0; d < 3; ++d) {
        const bool stored = r.stats.storedInGbuf[d];
        const SimTraffic t = LoopNestSimulator(b, nld.dataLoops[d], d == 2, stored).run();
        const double dram = static_cast<double>(t.dram)
                          * (stored ? nld.unitAccess[kDram][d] : nld.unitAccess[kGbuf][d]);
        const double gbuf = static_cast<double>(t.gbuf) * nld.unitAccess[kGbuf][d];
        const double itcn = static_cast<double>(t.itcn) * nld.unitAccess[kItcn][d];
        if (r.stats.access[kDram][d] != dram || r.stats.access[kGbuf][d] != gbuf || r.stats.access[kItcn][d] != itcn)
            return describe(b)
                 + QStringLiteral("category %1: DRAM %2 vs %3, GBUF %4 vs %5, ITCN %6 vs %7")
                       .arg(d)
                       .arg(r.stats.access[kDram][d])
                       .arg(dram)
                       .arg(r.stats.access[kGbuf][d])
                       .arg(gbuf)
                       .arg(r.stats.access[kItcn][d])
                       .arg(itcn);
    }
    return {};
}

/// Every 3-level factorization of the descriptor's loops with every order pair.
template <typename Visit>
void forEachBlocking(const NestedLoopDesc& nld, Visit&& visit)
{
    const auto ti = factorize(nld.loopcnt[0], 3);
    const auto to = factorize(nld.loopcnt[1], 3);
    const auto tb = factorize(nld.loopcnt[2], 3);
    std::array<int, 3> p0{0, 1, 2};
    for (const auto& a : ti)
        for (const auto& b : to)
            for (const auto& c : tb) {
                BlockingSpec spec;
                for (std::size_t lvl = 0; lvl < 3; ++lvl)
                    spec.tvals[lvl] = {a[lvl], b[lvl], c[lvl]};
                p0 = {0, 1, 2};
                do {
                    std::array<int, 3> p1{0, 1, 2};
                    do {
                        spec.orders = {PerLoop<int>{p0[0], p0[1], p0[2]}, PerLoop<int>{p1[0], p1[1], p1[2]}};
                        visit(spec);
                    } while (std::next_permutation(p1.begin(), p1.end()));
                } while (std::next_permutation(p0.begin(), p0.end()));
            }
}

/// A row of the §8.3 AlexNet table: one layer under one fetch rule.
struct AlexRow {
    const char* name;
    Layer layer;
    RefetchRule rule;
    BlockingSpec blocking;
    std::array<PerCategory<double>, 2> fetch;
    double cost;
    std::int64_t time;
};

std::vector<AlexRow> alexRows()
{
    using T = std::array<PerLoop<int>, 3>;
    using O = std::array<PerLoop<int>, 2>;
    using F = std::array<PerCategory<double>, 2>;
    const O plain{PerLoop<int>{0, 1, 2}, PerLoop<int>{0, 1, 2}};
    const O bat1{PerLoop<int>{0, 1, 2}, PerLoop<int>{2, 1, 0}};
    const F ones{PerCategory<double>{1, 1, 1}, PerCategory<double>{1, 1, 1}};
    const auto orig = RefetchRule::Original;
    const auto kapla = RefetchRule::Kapla;
    const Layer conv1 = conv(3, 48, 55, 11, 4), conv2 = conv(48, 128, 27, 5), conv3 = conv(256, 192, 13, 3),
                conv4 = conv(192, 192, 13, 3), conv5 = conv(192, 128, 13, 3);
    const Layer pool1 = pool(48, 27, 3, 2), pool2 = pool(128, 13, 3, 2), pool3 = pool(128, 6, 3, 2);
    const Layer fc1 = fc(256, 4096, 6), fc2 = fc(4096, 4096), fc3 = fc(4096, 1000);
    std::vector<AlexRow> rows{
        {"conv1", conv1, orig, blockingOf(T{{{1, 3, 64}, {1, 16, 1}, {3, 1, 1}}}, O{{{2, 0, 1}, {1, 0, 2}}}),
         F{{{64, 1, 1}, {64, 1, 1}}}, 5.57825e9, 5575680},
        {"conv1", conv1, kapla, blockingOf(T{{{1, 3, 64}, {3, 1, 1}, {1, 16, 1}}}, O{{{2, 0, 1}, {0, 1, 2}}}),
         F{{{64, 1, 1}, {64, 3, 5}}}, 5.90144e9, 5575680},
        {"conv2", conv2, orig, blockingOf(T{{{8, 4, 8}, {6, 1, 1}, {1, 32, 2}}}, plain), F{{{8, 4, 1}, {8, 4, 1}}},
         1.02338e10, 13271040},
        {"conv2", conv2, kapla, blockingOf(T{{{8, 4, 8}, {1, 8, 2}, {6, 4, 1}}}, bat1), F{{{8, 4, 1}, {8, 32, 15}}},
         1.08722e10, 13271040},
        {"conv3", conv3, orig, blockingOf(T{{{32, 3, 4}, {8, 1, 1}, {1, 13, 4}}}, plain), F{{{4, 3, 1}, {4, 3, 1}}},
         7.14283e9, 6230016},
        {"conv3", conv3, kapla, blockingOf(T{{{13, 4, 4}, {1, 3, 4}, {4, 16, 1}}}, bat1), F{{{4, 4, 1}, {4, 12, 25}}},
         7.82356e9, 6230016},
        {"conv4", conv4, orig, blockingOf(T{{{16, 3, 4}, {12, 1, 1}, {1, 13, 4}}}, plain), F{{{4, 3, 1}, {4, 3, 1}}},
         5.38464e9, 4672512},
        {"conv4", conv4, kapla, blockingOf(T{{{13, 3, 4}, {1, 4, 4}, {3, 16, 1}}}, bat1), F{{{4, 3, 1}, {4, 12, 25}}},
         5.8722e9, 4672512},
        {"conv5", conv5, orig, blockingOf(T{{{16, 2, 4}, {12, 1, 1}, {1, 13, 4}}}, plain), F{{{4, 2, 1}, {4, 2, 1}}},
         3.58976e9, 3115008},
        {"conv5", conv5, kapla, blockingOf(T{{{13, 2, 4}, {1, 4, 4}, {3, 16, 1}}}, bat1), F{{{4, 2, 1}, {4, 8, 25}}},
         3.9148e9, 3115008},
    };
    // Pooling and FC rows are identical under both rules ("same" in the table).
    const std::vector<AlexRow> shared{
        {"pool1", pool1, orig, blockingOf(T{{{1, 3, 16}, {1, 1, 1}, {1, 8, 1}}}, plain), ones, 6.2427e8, 31104},
        {"pool2", pool2, orig, blockingOf(T{{{1, 2, 16}, {1, 1, 1}, {1, 13, 1}}}, plain), ones, 3.97705e8, 16224},
        {"pool3", pool3, orig, blockingOf(T{{{1, 1, 8}, {1, 1, 1}, {1, 13, 2}}}, plain), ones, 9.05421e7, 3744},
        {"fc1", fc1, orig, blockingOf(T{{{128, 8, 1}, {1, 1, 16}, {2, 16, 1}}}, O{{{0, 1, 2}, {1, 2, 0}}}),
         F{{{1, 8, 1}, {1, 8, 255}}}, 1.15041e10, 3145728},
        {"fc2", fc2, orig, blockingOf(T{{{512, 2, 1}, {8, 1, 1}, {1, 8, 16}}}, plain), F{{{1, 2, 1}, {1, 2, 1}}},
         4.93958e9, 1048576},
        {"fc3", fc3, orig, blockingOf(T{{{128, 1, 1}, {16, 1, 1}, {1, 8, 16}}}, plain), ones, 1.21329e9, 262144},
    };
    for (AlexRow r : shared) {
        rows.push_back(r);
        r.rule = kapla;
        rows.push_back(r);
    }
    return rows;
}

/// The mapping choice whose loop counts equal the blocking's products.
std::optional<NestedLoopDesc> descriptorFor(const Layer& layer, int batch, const BlockingSpec& b)
{
    for (const NestedLoopDesc& nld : mapLayer(layer, batch, 1.0, {16, 16}, MappingKind::Eyeriss))
        if (nld.loopcnt == loopProduct(b))
            return nld;
    return std::nullopt;
}

} // namespace

class TestLoopBlocking : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void accessesMatchLoopNestSimulation_data();
    void accessesMatchLoopNestSimulation();
    void poolingFetchesOnce();
    void mlpWorkedExample_data();
    void mlpWorkedExample();
    void mlpMappedDescriptorMatchesHandBuilt();
    void mlpSearchFindsWorkedExample();
    void alexNetTable_data();
    void alexNetTable();
    void capacityAndRegionRules();
    void filterPinning();
    void skipConvKeepsCanonicalOrders();
    void topConstraint();
    void searchSlicesMergeToSingleSearch();
    void rankingKeys();
    void solverYieldsValidSchemes();
    void bufferSharingSetupB_data();
    void bufferSharingSetupB();
    void spatialPipelineSetupC_data();
    void spatialPipelineSetupC();
};

void TestLoopBlocking::accessesMatchLoopNestSimulation_data()
{
    QTest::addColumn<bool>("bypass");
    QTest::newRow("stored") << false;
    QTest::newRow("bypass allowed") << true;
}

void TestLoopBlocking::accessesMatchLoopNestSimulation()
{
    QFETCH(bool, bypass);
    const Layer layer = conv(12, 10, 28, 3);
    const auto descs = mapLayer(layer, 4, 1.0, {16, 16}, MappingKind::Eyeriss);
    QVERIFY(!descs.empty());
    const Resource res = singleNode(1e12, 1e12);
    Options opts = optionsWith(RefetchRule::Original);
    opts.gbufBypass = {bypass, bypass, bypass};
    const LoopBlockingContext ctx{&res, nullptr, &opts, {200, 6, 2, 1}};
    int checked = 0;
    int mismatches = 0;
    QString firstMismatch;
    for (const NestedLoopDesc& nld : descs) {
        const LoopBlockingPrecomp pc = precomputeLoopBlocking(nld, ctx);
        forEachBlocking(nld, [&](const BlockingSpec& b) {
            ++checked;
            const QString diff = simulationMismatch(nld, b, evaluateLoopBlocking(pc, b));
            if (!diff.isEmpty() && mismatches++ == 0)
                firstMismatch = diff;
        });
    }
    QVERIFY2(mismatches == 0,
             qPrintable(QStringLiteral("%1 mismatches; first: %2").arg(mismatches).arg(firstMismatch)));
    QCOMPARE(checked, 36 * (18 * 3 * 6 + 9 * 9 * 6));
}

void TestLoopBlocking::poolingFetchesOnce()
{
    const Layer layer = pool(32, 14, 2, 2);
    const auto descs = mapLayer(layer, 4, 1.0, {16, 16}, MappingKind::Eyeriss);
    QVERIFY(!descs.empty());
    const Resource res = singleNode(1e12, 1e12);
    const Options opts = optionsWith(RefetchRule::Original);
    const LoopBlockingContext ctx{&res, nullptr, &opts, {200, 6, 2, 1}};
    int bad = 0;
    for (const NestedLoopDesc& nld : descs) {
        const LoopBlockingPrecomp pc = precomputeLoopBlocking(nld, ctx);
        QVERIFY(!pc.convDataLoops);
        forEachBlocking(nld, [&](const BlockingSpec& b) {
            const LoopBlockingResult r = evaluateLoopBlocking(pc, b);
            const PerCategory<double> once{1, 1, 1};
            if (!r.valid || r.stats.fetch[0] != once || r.stats.fetch[1] != once)
                ++bad;
        });
    }
    QCOMPARE(bad, 0);
}

void TestLoopBlocking::mlpWorkedExample_data()
{
    QTest::addColumn<RefetchRule>("rule");
    QTest::newRow("original") << RefetchRule::Original;
    QTest::newRow("kapla") << RefetchRule::Kapla;
}

void TestLoopBlocking::mlpWorkedExample()
{
    QFETCH(RefetchRule, rule);
    const Resource res = singleNode(65536, 256);
    const Options opts = optionsWith(rule);
    const LoopBlockingContext ctx{&res, nullptr, &opts, {200, 6, 2, 1}};
    const BlockingSpec b = blockingOf({PerLoop<int>{7, 1, 1}, PerLoop<int>{14, 1, 1}, PerLoop<int>{1, 16, 8}},
                                      {PerLoop<int>{0, 1, 2}, PerLoop<int>{0, 1, 2}});
    const LoopBlockingResult r = evaluateLoopBlocking(mlpFc1Descriptor(), b, ctx);
    QVERIFY(r.valid);
    const LoopBlockingStats& s = r.stats;
    QCOMPARE(s.fetch[0], (PerCategory<double>{1, 1, 1}));
    QCOMPARE(s.fetch[1], (PerCategory<double>{1, 1, 1}));
    QCOMPARE(s.access[kDram], (PerCategory<double>{392000, 6272, 4000}));
    QCOMPARE(s.access[kGbuf], (PerCategory<double>{392000, 6272, 4000}));
    QCOMPARE(s.access[kItcn], (PerCategory<double>{392000, 200704, 32000}));
    QCOMPARE(s.access[kRegf], (PerCategory<double>{3136000, 3136000, 6272000}));
    QCOMPARE(s.gbufDataSize, (PerCategory<double>{57344, 896, 4096}));
    QCOMPARE(s.regfDataSize, (PerCategory<double>{16, 8, 128}));
    QCOMPARE(s.time, std::int64_t(12544));
    QCOMPARE(s.accessCost, 96661440.0);
    QCOMPARE(s.ops, 3136000.0);
    QCOMPARE(s.ops * 1 + s.accessCost, 99797440.0);
}

void TestLoopBlocking::mlpMappedDescriptorMatchesHandBuilt()
{
    const NestedLoopDesc hand = mlpFc1Descriptor();
    bool found = false;
    for (const NestedLoopDesc& nld : mapLayer(fc(784, 500), 8, 1.0, {16, 16}, MappingKind::Eyeriss)) {
        if (nld.loopcnt != hand.loopcnt)
            continue;
        found = true;
        QCOMPARE(nld.unitOps, hand.unitOps);
        QCOMPARE(nld.usizeGbuf, hand.usizeGbuf);
        QCOMPARE(nld.usizeRegf, hand.usizeRegf);
        QCOMPARE(nld.unitAccess, hand.unitAccess);
        QCOMPARE(nld.regfReusable, hand.regfReusable);
    }
    QVERIFY(found);
}

void TestLoopBlocking::mlpSearchFindsWorkedExample()
{
    const Resource res = singleNode(65536, 256);
    for (RefetchRule rule : {RefetchRule::Original, RefetchRule::Kapla}) {
        const Options opts = optionsWith(rule);
        const LoopBlockingContext ctx{&res, nullptr, &opts, {200, 6, 2, 1}};
        const auto tops = searchLoopBlocking(mlpFc1Descriptor(), ctx, {});
        QCOMPARE(tops.size(), std::size_t(1));
        QCOMPARE(tops[0].blocking.tvals, (std::array<PerLoop<int>, 3>{{{7, 1, 1}, {14, 1, 1}, {1, 16, 8}}}));
        QCOMPARE(tops[0].blocking.orders, (std::array<PerLoop<int>, 2>{{{0, 1, 2}, {0, 1, 2}}}));
        QCOMPARE(tops[0].stats.accessCost, 96661440.0);
        QCOMPARE(tops[0].stats.time, std::int64_t(12544));
    }
}

void TestLoopBlocking::alexNetTable_data()
{
    QTest::addColumn<int>("row");
    const auto rows = alexRows();
    for (std::size_t i = 0; i < rows.size(); ++i)
        QTest::newRow(qPrintable(
            QStringLiteral("%1 %2").arg(rows[i].name).arg(rows[i].rule == RefetchRule::Kapla ? "kapla" : "orig")))
            << static_cast<int>(i);
}

void TestLoopBlocking::alexNetTable()
{
    QFETCH(int, row);
    const AlexRow a = alexRows()[static_cast<std::size_t>(row)];
    const auto nld = descriptorFor(a.layer, 16, a.blocking);
    QVERIFY2(nld.has_value(), "no mapping choice with the table's loop counts");
    const Resource res = singleNode(65536, 256);
    const Options opts = optionsWith(a.rule);
    const LoopBlockingContext ctx{&res, nullptr, &opts, {200, 6, 2, 1}};
    const LoopBlockingResult r = evaluateLoopBlocking(*nld, a.blocking, ctx);
    QVERIFY(r.valid);
    QCOMPARE(r.stats.fetch, a.fetch);
    QCOMPARE(r.stats.time, a.time);
    const double cost = r.stats.ops + r.stats.accessCost; // Setup A: no NoC or static energy
    QVERIFY2(std::fabs(cost - a.cost) <= 1e-5 * a.cost, qPrintable(QString::number(cost, 'g', 12)));

    // The table's scheme is the search's best for its descriptor.
    const auto tops = searchLoopBlocking(*nld, ctx, {});
    QCOMPARE(tops.size(), std::size_t(1));
    QCOMPARE(tops[0].blocking.tvals, a.blocking.tvals);
    QCOMPARE(tops[0].blocking.orders, a.blocking.orders);
    QCOMPARE(tops[0].stats.accessCost, r.stats.accessCost);
}

void TestLoopBlocking::capacityAndRegionRules()
{
    const NestedLoopDesc nld = mlpFc1Descriptor();
    const Options opts = optionsWith(RefetchRule::Original);
    const BlockingSpec b = blockingOf({PerLoop<int>{7, 1, 1}, PerLoop<int>{14, 1, 1}, PerLoop<int>{1, 16, 8}},
                                      {PerLoop<int>{0, 1, 2}, PerLoop<int>{0, 1, 2}});
    // GBUF needs 62,336 words, REGF 152.
    Resource tight = singleNode(62335, 256);
    QVERIFY(!evaluateLoopBlocking(nld, b, {&tight, nullptr, &opts, {200, 6, 2, 1}}).valid);
    tight = singleNode(62336, 151);
    QVERIFY(!evaluateLoopBlocking(nld, b, {&tight, nullptr, &opts, {200, 6, 2, 1}}).valid);
    tight = singleNode(62336, 152);
    QVERIFY(evaluateLoopBlocking(nld, b, {&tight, nullptr, &opts, {200, 6, 2, 1}}).valid);

    // Ifmaps forwarded from an on-chip region are charged at GBUF cost; refetching them is invalid.
    Resource onChip = singleNode(65536, 256);
    onChip.srcDataRegion = NodeRegion::make({1, 1}, {0, 1}, NodeRegion::Type::Proc);
    const LoopBlockingResult r = evaluateLoopBlocking(nld, b, {&onChip, nullptr, &opts, {200, 6, 2, 1}});
    QVERIFY(r.valid);
    QCOMPARE(r.stats.access[kDram][1], 0.0);
    QCOMPARE(r.stats.remoteGbufAccess[1], 6272.0);
    QCOMPARE(r.stats.accessCost, 96661440.0 - 194.0 * 6272);
    const BlockingSpec refetch = blockingOf({PerLoop<int>{7, 2, 1}, PerLoop<int>{14, 1, 1}, PerLoop<int>{1, 8, 8}},
                                            {PerLoop<int>{0, 1, 2}, PerLoop<int>{0, 1, 2}});
    QVERIFY(!evaluateLoopBlocking(nld, refetch, {&onChip, nullptr, &opts, {200, 6, 2, 1}}).valid);
}

void TestLoopBlocking::filterPinning()
{
    const NestedLoopDesc nld = mlpFc1Descriptor();
    const Options opts = optionsWith(RefetchRule::Original);
    Resource res = singleNode(1e9, 1e9);
    res.noTimeMux = true;
    const BlockingSpec pinned = blockingOf({PerLoop<int>{1, 1, 8}, PerLoop<int>{98, 1, 1}, PerLoop<int>{1, 16, 1}},
                                           {PerLoop<int>{0, 1, 2}, PerLoop<int>{0, 1, 2}});
    const LoopBlockingResult r = evaluateLoopBlocking(nld, pinned, {&res, nullptr, &opts, {200, 6, 2, 1}});
    QVERIFY(r.valid);
    QVERIFY(r.stats.filterPinned);
    QCOMPARE(r.stats.fetch[0][0], 0.0);
    QCOMPARE(r.stats.access[kDram][0], 0.0);
    const BlockingSpec moving = blockingOf({PerLoop<int>{2, 1, 8}, PerLoop<int>{49, 1, 1}, PerLoop<int>{1, 16, 1}},
                                           {PerLoop<int>{0, 1, 2}, PerLoop<int>{0, 1, 2}});
    QVERIFY(!evaluateLoopBlocking(nld, moving, {&res, nullptr, &opts, {200, 6, 2, 1}}).stats.filterPinned);
}

void TestLoopBlocking::skipConvKeepsCanonicalOrders()
{
    // Level 0: only IFM non-trivial; canonical orders put it innermost, the trivial loops in enum order.
    BlockingSpec b = blockingOf({PerLoop<int>{7, 1, 1}, PerLoop<int>{14, 1, 1}, PerLoop<int>{1, 16, 8}},
                                {PerLoop<int>{0, 1, 2}, PerLoop<int>{0, 1, 2}});
    QVERIFY(!skipConvBlocking(b));
    b.orders[0] = {0, 2, 1};
    QVERIFY(skipConvBlocking(b));
    // The outer level's innermost loop (IFM) reappears non-innermost inside: mergeable, skipped.
    b = blockingOf({PerLoop<int>{7, 2, 1}, PerLoop<int>{7, 2, 1}, PerLoop<int>{2, 4, 8}},
                   {PerLoop<int>{0, 1, 2}, PerLoop<int>{1, 0, 2}});
    QVERIFY(skipConvBlocking(b));
    // ... and a loop innermost at level 1 that is still split at level 2 is skipped as well.
    b = blockingOf({PerLoop<int>{7, 1, 1}, PerLoop<int>{7, 1, 1}, PerLoop<int>{2, 16, 8}},
                   {PerLoop<int>{0, 1, 2}, PerLoop<int>{0, 1, 2}});
    QVERIFY(skipConvBlocking(b));
}

void TestLoopBlocking::topConstraint()
{
    TopBlockingConstraint c;
    c.topbat = 2;
    QVERIFY(c.isValidTopBl({1, 1, 2}, {0, 1, 2}));
    QVERIFY(!c.isValidTopBl({1, 1, 4}, {0, 1, 2}));
    QVERIFY(c.isValidTopBl({2, 1, 2}, {2, 1, 0})); // order not checked without the pipeline rule
    c.checkOrder = true;
    QVERIFY(!c.isValidTopBl({2, 1, 2}, {2, 1, 0}));
    QVERIFY(c.isValidTopBl({2, 1, 2}, {0, 1, 2}));
    c.topifm = 2;
    QVERIFY(c.isValidTopBl({2, 3, 2}, {1, 0, 2}));  // BAT, then IFM, then OFM
    QVERIFY(!c.isValidTopBl({2, 3, 2}, {0, 1, 2})); // BAT, then OFM
    TopBlockingConstraint ofm;
    ofm.topofm = 4;
    ofm.checkOrder = true;
    QVERIFY(ofm.isValidTopBl({1, 4, 1}, {0, 1, 2}));
    QVERIFY(!ofm.isValidTopBl({2, 4, 1}, {2, 1, 0}));

    // Constrained searches only return schemes with the required top factors.
    const Resource res = singleNode(65536, 256);
    const Options opts = optionsWith(RefetchRule::Original);
    const LoopBlockingContext ctx{&res, nullptr, &opts, {200, 6, 2, 1}};
    TopBlockingConstraint batch;
    batch.topbat = 4;
    batch.checkOrder = true;
    const auto tops = searchLoopBlocking(mlpFc1Descriptor(), ctx, batch);
    QCOMPARE(tops.size(), std::size_t(1));
    QCOMPARE(tops[0].blocking.tvals[0][2], 4);
    PerLoop<int> loops{};
    QVERIFY(orderedLoops(tops[0].blocking.tvals[0], tops[0].blocking.orders[0], loops) >= 1);
    QCOMPARE(loops[0], 2);
}

void TestLoopBlocking::searchSlicesMergeToSingleSearch()
{
    const Resource res = singleNode(65536, 256);
    Options opts = optionsWith(RefetchRule::Kapla);
    opts.ntops = 5;
    const LoopBlockingContext ctx{&res, nullptr, &opts, {200, 6, 2, 1}};
    const NestedLoopDesc nld = mlpFc1Descriptor();
    const auto whole = searchLoopBlocking(nld, ctx, {});
    QCOMPARE(whole.size(), std::size_t(5));
    for (std::size_t i = 1; i < whole.size(); ++i)
        QVERIFY(!loopBlockingRanksBefore(whole[i], whole[i - 1], Goal::Energy));
    std::vector<std::vector<LoopBlockingCandidate>> parts;
    for (int i = 0; i < 3; ++i)
        parts.push_back(searchLoopBlocking(nld, ctx, {}, {i, 3}));
    const auto merged = mergeLoopBlockingTops(parts, 5, Goal::Energy);
    QCOMPARE(merged.size(), whole.size());
    for (std::size_t i = 0; i < whole.size(); ++i) {
        QCOMPARE(merged[i].blocking, whole[i].blocking);
        QCOMPARE(merged[i].seq, whole[i].seq);
    }
}

void TestLoopBlocking::rankingKeys()
{
    const auto cand = [](double cost, std::int64_t time, std::int64_t seq) {
        LoopBlockingCandidate c;
        c.stats.accessCost = cost;
        c.stats.time = time;
        c.seq = seq;
        return c;
    };
    const auto cheapSlow = cand(10, 100, 1), dearFast = cand(20, 40, 2), cheapSlowLater = cand(10, 100, 3);
    QVERIFY(loopBlockingRanksBefore(cheapSlow, dearFast, Goal::Energy));
    QVERIFY(loopBlockingRanksBefore(dearFast, cheapSlow, Goal::Delay));
    QVERIFY(loopBlockingRanksBefore(dearFast, cheapSlow, Goal::EnergyDelay));   // 800 < 1000
    QVERIFY(loopBlockingRanksBefore(cand(10, 90, 5), cheapSlow, Goal::Energy)); // time breaks a cost tie
    QVERIFY(loopBlockingRanksBefore(cheapSlow, cheapSlowLater, Goal::Energy));  // then enumeration order
    QVERIFY(!loopBlockingRanksBefore(cheapSlowLater, cheapSlow, Goal::EnergyDelay));
}

void TestLoopBlocking::solverYieldsValidSchemes()
{
    // §8.3: with bypass allowed and the solver, AlexNet conv2 has valid schemes under the original
    // fetch rule but none under KAPLA's (its larger REGF refetch makes GBUF store more than fits).
    const Layer layer = conv(48, 128, 27, 5);
    const auto descs = mapLayer(layer, 16, 1.0, {16, 16}, MappingKind::Eyeriss);
    QVERIFY(!descs.empty());
    const Resource res = singleNode(65536, 256);
    for (RefetchRule rule : {RefetchRule::Original, RefetchRule::Kapla}) {
        Options opts = optionsWith(rule);
        opts.solveLoopblocking = true;
        opts.gbufBypass = {true, true, true};
        const LoopBlockingContext ctx{&res, nullptr, &opts, {200, 6, 2, 1}};
        std::size_t total = 0;
        for (const NestedLoopDesc& nld : descs) {
            const auto solved = searchLoopBlocking(nld, ctx, {});
            QVERIFY(solved.size() <= 3);
            total += solved.size();
            for (const auto& c : solved) {
                QCOMPARE(loopProduct(c.blocking), nld.loopcnt);
                QVERIFY(evaluateLoopBlocking(nld, c.blocking, ctx).valid);
            }
        }
        QCOMPARE(total > 0, rule == RefetchRule::Original);
    }
}

void TestLoopBlocking::bufferSharingSetupB_data()
{
    // §8.3 Setup B (mlp_m, batch 16, 4×4 nodes of 8×8 PEs, GBUF sharing): partition, chosen tvals,
    // DRAM accesses, the table's unit_nhops and the layer cost (hop energy 10).
    QTest::addColumn<int>("nifm");
    QTest::addColumn<int>("nofm");
    QTest::addColumn<PartitionScheme>("part");
    QTest::addColumn<BlockingSpec>("expected");
    QTest::addColumn<PerCategory<double>>("dram");
    QTest::addColumn<PerCategory<double>>("unitNhops");
    QTest::addColumn<double>("cost");
    using P = Parallel;
    const auto part = [](std::array<P, 4> order, PhyDim2 outp, PhyDim2 batp) {
        PartitionScheme ps;
        ps.order = order;
        ps.pdims = {outp, PhyDim2{1, 1}, batp, PhyDim2{1, 1}};
        return ps;
    };
    const auto tvals = [](PerLoop<int> a, PerLoop<int> b, PerLoop<int> c) {
        BlockingSpec spec;
        spec.tvals = {a, b, c};
        return spec;
    };
    const std::array<P, 4> outpLast{P::Ofmp, P::Batp, P::Inpp, P::Outp};
    const std::array<P, 4> batpThird{P::Ofmp, P::Inpp, P::Batp, P::Outp};
    QTest::newRow("fc1") << 784 << 1000 << part(outpLast, {4, 4}, {1, 1}) << tvals({2, 1, 1}, {196, 1, 1}, {1, 2, 16})
                         << PerCategory<double>{790272, 12544, 16128} << PerCategory<double>{784000, 225792, 32000}
                         << 257459456.0;
    QTest::newRow("fc2") << 1000 << 500 << part(outpLast, {4, 4}, {1, 1}) << tvals({2, 1, 1}, {125, 1, 1}, {1, 2, 16})
                         << PerCategory<double>{512000, 16000, 8192} << PerCategory<double>{498000, 288000, 16000}
                         << 169197088.0;
    QTest::newRow("fc3") << 500 << 250 << part(batpThird, {2, 4}, {2, 1}) << tvals({1, 1, 1}, {125, 1, 1}, {1, 2, 8})
                         << PerCategory<double>{128000, 8000, 4096} << PerCategory<double>{249000, 80000, 5984}
                         << 45906384.0;
    QTest::newRow("fc4") << 250 << 10 << part(batpThird, {1, 2}, {4, 2}) << tvals({1, 1, 1}, {250, 1, 1}, {1, 1, 2})
                         << PerCategory<double>{2500, 4000, 160} << PerCategory<double>{15000, 15984, 240} << 2133520.0;
}

void TestLoopBlocking::bufferSharingSetupB()
{
    QFETCH(int, nifm);
    QFETCH(int, nofm);
    QFETCH(PartitionScheme, part);
    QFETCH(BlockingSpec, expected);
    QFETCH(PerCategory<double>, dram);
    QFETCH(PerCategory<double>, unitNhops);
    QFETCH(double, cost);
    Resource res;
    res.procRegion = NodeRegion::make({4, 4}, {0, 0}, NodeRegion::Type::Proc);
    res.dramRegion = NodeRegion::make({2, 2}, {0, 0}, NodeRegion::Type::Dram, {3, 3});
    res.srcDataRegion = res.dramRegion;
    res.dstDataRegion = res.dramRegion;
    res.dimArray = {8, 8};
    res.sizeGbuf = 32768;
    res.sizeRegf = 64;
    res.arrayBusWidth = kInf;
    res.dramBandwidth = kInf;
    Options opts;
    opts.partitionHybrid = opts.partitionBatch = opts.gbufSharing = true;
    const PartitionedLayer pl = part.partLayer(fc(nifm, nofm), 16);
    const BlockingSpec& e = expected;
    std::optional<NestedLoopDesc> nld;
    for (const NestedLoopDesc& d : mapLayer(pl.layer, pl.batch, pl.occupancy, {8, 8}, MappingKind::Eyeriss))
        if (d.loopcnt == loopProduct(e))
            nld = d;
    QVERIFY(nld.has_value());
    const BufShrScheme bufshr(res.procRegion, part, nld->dataLoops);
    const LoopBlockingContext ctx{&res, &bufshr, &opts, {200, 6, 2, 1}};
    const auto tops = searchLoopBlocking(*nld, ctx, {});
    QCOMPARE(tops.size(), std::size_t(1));
    const LoopBlockingStats& s = tops[0].stats;
    QCOMPARE(tops[0].blocking.tvals, e.tvals);
    QCOMPARE(s.access[kDram], dram);
    double hops = 0;
    for (std::size_t d = 0; d < 3; ++d)
        hops += s.nocAccess[d] + unitNhops[d] * s.fetch[0][d];
    QCOMPARE(s.ops + s.accessCost + 10 * hops, cost);
}

void TestLoopBlocking::spatialPipelineSetupC_data()
{
    // §8.3 Setup C: mlp_s fc1 on a 4×3 region forwarding to fc2 on the 4×1 region beside it.
    QTest::addColumn<int>("layerIndex");
    QTest::addColumn<BlockingSpec>("blocking");
    QTest::addColumn<PerCategory<double>>("fetch0");
    QTest::addColumn<PerCategory<double>>("fetch1");
    QTest::addColumn<PerCategory<double>>("dram");
    QTest::addColumn<PerCategory<double>>("remote");
    QTest::addColumn<PerCategory<double>>("unitNhops");
    QTest::addColumn<qint64>("time");
    QTest::addColumn<double>("cost");
    QTest::newRow("fc1") << 0
                         << blockingOf({PerLoop<int>{2, 1, 1}, PerLoop<int>{49, 1, 2}, PerLoop<int>{1, 6, 8}},
                                       {PerLoop<int>{0, 1, 2}, PerLoop<int>{0, 2, 1}})
                         << PerCategory<double>{1, 1, 1} << PerCategory<double>{2, 1, 3}
                         << PerCategory<double>{395136, 12544, 0} << PerCategory<double>{0, 0, 8064}
                         << PerCategory<double>{459424, 175616, 0} << qint64(9408) << 129460800.0;
    QTest::newRow("fc2") << 1
                         << blockingOf({PerLoop<int>{1, 2, 1}, PerLoop<int>{125, 1, 1}, PerLoop<int>{1, 2, 16}},
                                       {PerLoop<int>{1, 0, 2}, PerLoop<int>{0, 1, 2}})
                         << PerCategory<double>{1, 1, 1} << PerCategory<double>{1, 2, 1}
                         << PerCategory<double>{126000, 0, 4032} << PerCategory<double>{0, 8000, 0}
                         << PerCategory<double>{62500, 47936, 8000} << qint64(8000) << 40735208.0;
}

void TestLoopBlocking::spatialPipelineSetupC()
{
    QFETCH(int, layerIndex);
    QFETCH(BlockingSpec, blocking);
    QFETCH(PerCategory<double>, fetch0);
    QFETCH(PerCategory<double>, fetch1);
    QFETCH(PerCategory<double>, dram);
    QFETCH(PerCategory<double>, remote);
    QFETCH(PerCategory<double>, unitNhops);
    QFETCH(qint64, time);
    QFETCH(double, cost);
    const NodeRegion fc1Region = NodeRegion::make({4, 3}, {0, 0}, NodeRegion::Type::Proc);
    const NodeRegion fc2Region = NodeRegion::make({4, 1}, {0, 3}, NodeRegion::Type::Proc);
    const NodeRegion dramRegion = NodeRegion::make({2, 2}, {0, 0}, NodeRegion::Type::Dram, {3, 3});
    Resource res;
    res.procRegion = layerIndex == 0 ? fc1Region : fc2Region;
    res.dramRegion = dramRegion;
    res.srcDataRegion = layerIndex == 0 ? dramRegion : fc1Region;
    res.dstDataRegion = layerIndex == 0 ? fc2Region : dramRegion;
    res.dimArray = {8, 8};
    res.sizeGbuf = 32768;
    res.sizeRegf = 64;
    res.arrayBusWidth = kInf;
    res.dramBandwidth = kInf;
    Options opts;
    opts.partitionHybrid = opts.partitionBatch = opts.gbufSharing = opts.gbufSaveWriteback = true;
    opts.partitionInterlayer = true;
    PartitionScheme part;
    if (layerIndex == 0) {
        part.order = {Parallel::Ofmp, Parallel::Batp, Parallel::Inpp, Parallel::Outp};
        part.pdims = {PhyDim2{4, 3}, PhyDim2{1, 1}, PhyDim2{1, 1}, PhyDim2{1, 1}};
    } else {
        part.pdims = {PhyDim2{4, 1}, PhyDim2{1, 1}, PhyDim2{1, 1}, PhyDim2{1, 1}};
    }
    const PartitionedLayer pl = part.partLayer(layerIndex == 0 ? fc(784, 500) : fc(500, 250), 16);
    std::optional<NestedLoopDesc> nld;
    for (const NestedLoopDesc& d : mapLayer(pl.layer, pl.batch, pl.occupancy, {8, 8}, MappingKind::Eyeriss))
        if (d.loopcnt == loopProduct(blocking))
            nld = d;
    QVERIFY(nld.has_value());
    const BufShrScheme bufshr(res.procRegion, part, nld->dataLoops);
    const LoopBlockingResult r = evaluateLoopBlocking(*nld, blocking, {&res, &bufshr, &opts, {200, 6, 2, 1}});
    QVERIFY(r.valid);
    const LoopBlockingStats& s = r.stats;
    QCOMPARE(s.orders, blocking.orders);
    QCOMPARE(s.fetch[0], fetch0);
    QCOMPARE(s.fetch[1], fetch1);
    QCOMPARE(s.access[kDram], dram);
    QCOMPARE(s.remoteGbufAccess, remote);
    QCOMPARE(qint64(s.time), time);
    double hops = 0;
    for (std::size_t d = 0; d < 3; ++d)
        hops += s.nocAccess[d] + unitNhops[d] * s.fetch[0][d];
    QCOMPARE(s.ops + s.accessCost + 10 * hops, cost);
}

QTEST_APPLESS_MAIN(TestLoopBlocking)
#include "tst_loop_blocking.moc"
