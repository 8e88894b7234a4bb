// Segment timing (model spec §5.6) with the pipeline-timing worked examples of §8.2, the Setup C
// segment of §8.3, and the network totals of §3.4.
#include "cost/network_totals.h"
#include "cost/segment_timing.h"
#include "io/project_io.h"
#include "test_layers.h"
#include "test_paths.h"

#include <QtTest>

#include <cmath>

using namespace kapla;

namespace {

using test::conv;
using test::fc;
using test::net1;
using test::pool;

// The reference tests' _make_sched_res: top-level factors (ti, to, tb) with BAT outermost, then
// OFM, then IFM; the layer's total time is max(node time, DRAM time).
LayerTimingInput res(SchedSeq seq, std::int64_t time, int ti, int to, int tb, std::int64_t dram = 0, int nodes = 4)
{
    LayerTimingInput in;
    in.seq = seq;
    in.time = std::max(time, dram);
    in.nodeTime = time;
    in.dramTime = dram;
    in.numNodes = nodes;
    in.topFactors = {ti, to, tb};
    in.topOrders = {0, 1, 2};
    return in;
}

struct Row {
    const char* layer;
    LayerTimingInput in;
};

PipelineSegmentTiming timingOf(const Network& net, const std::vector<Row>& rows)
{
    PipelineSegmentTiming t(net, rows.empty() ? 0 : rows.front().in.seq.segment);
    for (const Row& r : rows)
        if (!t.add(net.find(r.layer), r.in).empty())
            qFatal("layer %s out of order", r.layer);
    return t;
}

} // namespace

class TestSegmentTiming : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void topLoopGroups_data()
    {
        QTest::addColumn<std::vector<int>>("factors");
        QTest::addColumn<std::vector<int>>("orders");
        QTest::addColumn<std::vector<int>>("groups"); // bat, ifm, ofm
        QTest::newRow("trivial") << std::vector<int>{1, 1, 1} << std::vector<int>{0, 1, 2} << std::vector<int>{1, 1, 1};
        QTest::newRow("bat only") << std::vector<int>{1, 1, 4} << std::vector<int>{0, 1, 2}
                                  << std::vector<int>{4, 1, 1};
        QTest::newRow("bat, ofm") << std::vector<int>{3, 3, 2} << std::vector<int>{0, 1, 2}
                                  << std::vector<int>{2, 1, 3};
        QTest::newRow("bat, ifm") << std::vector<int>{3, 1, 2} << std::vector<int>{0, 1, 2}
                                  << std::vector<int>{2, 3, 1};
        QTest::newRow("ofm before bat") << std::vector<int>{1, 5, 2} << std::vector<int>{2, 1, 0}
                                        << std::vector<int>{1, 1, 5};
        QTest::newRow("ifm outermost") << std::vector<int>{2, 5, 2} << std::vector<int>{2, 1, 0}
                                       << std::vector<int>{1, 2, 1};
        QTest::newRow("Setup C fc2") << std::vector<int>{1, 2, 1} << std::vector<int>{1, 0, 2}
                                     << std::vector<int>{1, 1, 2};
    }
    void topLoopGroups()
    {
        QFETCH(std::vector<int>, factors);
        QFETCH(std::vector<int>, orders);
        QFETCH(std::vector<int>, groups);
        const TopLoopGroups g = kapla::topLoopGroups({factors[0], factors[1], factors[2]},
                                                     {orders[0], orders[1], orders[2]});
        QCOMPARE((std::vector<int>{g.bat, g.ifm, g.ofm}), groups);
    }

    void example1()
    {
        const Network net = net1();
        std::vector<Row> rows{{"0", res({0, 0, 0}, 120, 1, 1, 4)},
                              {"1", res({0, 1, 0}, 130, 1, 1, 4)},
                              {"1p", res({0, 1, 1}, 20, 1, 1, 4)},
                              {"2", res({0, 2, 0}, 136, 1, 1, 4)}};
        PipelineSegmentTiming t = timingOf(net, rows);
        QCOMPARE(t.batNgrp(), 4);
        QCOMPARE(t.criticalTime(), std::int64_t(150));
        QCOMPARE(t.time(), std::int64_t(120 / 4 + 130 + 20 + 136 / 4));
        QCOMPARE(t.time(), std::int64_t(214));
        const double expected = 214.0 / ((120 + 130 + 20 + 136) / 3.0) - 1;
        QVERIFY(std::abs(t.timeOverhead() - expected) < 1e-12);

        // '3' with a different BAT factor resets the segment's BAT groups to 1.
        QVERIFY(t.add(net.find("3"), res({0, 3, 0}, 100, 1, 1, 2)).empty());
        QCOMPARE(t.batNgrp(), 1);
        QCOMPARE(t.time(), std::int64_t(506));
    }

    void twoLayers_data()
    {
        QTest::addColumn<std::vector<int>>("first");  // time, ti, to, tb
        QTest::addColumn<std::vector<int>>("second"); // time, ti, to, tb
        QTest::addColumn<qint64>("critical");
        QTest::addColumn<qint64>("time");
        QTest::newRow("2: forwarded by groups") << std::vector<int>{120, 1, 3, 2} << std::vector<int>{90, 3, 1, 2}
                                                << qint64(120) << qint64(120 - 60 + 120 / 2 / 3 + 90 / 2);
        QTest::newRow("3: consumer longer")
            << std::vector<int>{120, 1, 3, 2} << std::vector<int>{150, 3, 1, 2} << qint64(150) << qint64(20 + 150);
        QTest::newRow("4: no match") << std::vector<int>{120, 1, 3, 2} << std::vector<int>{90, 1, 3, 2} << qint64(120)
                                     << qint64(120 + 45);
        QTest::newRow("5: producer ifm groups")
            << std::vector<int>{120, 3, 1, 2} << std::vector<int>{150, 3, 1, 2} << qint64(150) << qint64(60 + 150);
    }
    void twoLayers()
    {
        QFETCH(std::vector<int>, first);
        QFETCH(std::vector<int>, second);
        QFETCH(qint64, critical);
        QFETCH(qint64, time);
        const Network net = net1();
        const PipelineSegmentTiming t = timingOf(net,
                                                 {{"0", res({0, 0, 0}, first[0], first[1], first[2], first[3])},
                                                  {"1", res({0, 1, 0}, second[0], second[1], second[2], second[3])}});
        QCOMPARE(qint64(t.criticalTime()), critical);
        QCOMPARE(qint64(t.time()), time);
    }

    void example2Values()
    {
        const Network net = net1();
        const PipelineSegmentTiming t = timingOf(net, {{"0", res({0, 0, 0}, 120, 1, 3, 2)},
                                                       {"1", res({0, 1, 0}, 90, 3, 1, 2)}});
        QCOMPARE(t.time(), std::int64_t(125));
        const LayerTiming& l1 = t.groups()[1][0];
        QCOMPARE(l1.startXb, std::int64_t(40));
        QCOMPARE(l1.doneXb, std::int64_t(130));
        QCOMPARE(t.groups()[0][0].ngrp, 3);
    }

    void example6Linear()
    {
        const Network net = net1();
        const PipelineSegmentTiming t = timingOf(net, {{"0", res({0, 0, 0}, 120, 3, 1, 2)},
                                                       {"1", res({0, 1, 0}, 129, 1, 3, 2)},
                                                       {"1p", res({0, 1, 1}, 21, 1, 3, 2)},
                                                       {"2", res({0, 2, 0}, 138, 3, 1, 2)}});
        QCOMPARE(t.criticalTime(), std::int64_t(150));
        QCOMPARE(t.time(), std::int64_t(60 + 75 + 25 + 69));
        QCOMPARE(t.time(), std::int64_t(229));
    }

    void example7DramBound()
    {
        const Network net = net1();
        const PipelineSegmentTiming t = timingOf(net, {{"0", res({0, 0, 0}, 120, 3, 1, 4, 100)},
                                                       {"1", res({0, 1, 0}, 130, 1, 3, 4, 140)},
                                                       {"1p", res({0, 1, 1}, 20, 1, 3, 4, 10)},
                                                       {"2", res({0, 2, 0}, 138, 3, 1, 4, 100)}});
        QCOMPARE(t.criticalTime(), std::int64_t(160));
        QCOMPARE(t.dramTime(), std::int64_t(350));
        QCOMPARE(t.nodeTime(), std::int64_t(197));
        QCOMPARE(t.time(), std::int64_t(350));
    }

    void example8TimeOverhead()
    {
        const Network net = net1();
        const PipelineSegmentTiming t = timingOf(net, {{"0", res({0, 0, 0}, 120, 3, 1, 2, 0, 4)},
                                                       {"1", res({0, 1, 0}, 130, 1, 3, 2, 0, 6)},
                                                       {"1p", res({0, 1, 1}, 20, 1, 3, 2, 0, 6)},
                                                       {"2", res({0, 2, 0}, 138, 3, 1, 2, 0, 3)}});
        // 0: [0, 120); 1: [120, 250) in 3 groups; 1p fused from 163 to 270; 2 from 169 to 307.
        QCOMPARE(t.criticalTime(), std::int64_t(150));
        QCOMPARE(t.time(), std::int64_t(228));
        const double timeIndv = 120.0 * 4 / 13 + (130.0 + 20.0) * 6 / 13 + 138.0 * 3 / 13;
        QVERIFY(std::abs(t.timeOverhead() - (228.0 / timeIndv - 1)) < 1e-12);
    }

    void setupCSegment0()
    {
        // fc1: tvals[0] (2,1,1), orders[0] (0,1,2): top loop IFM, so its ofmaps come in 1 group;
        // fc2: tvals[0] (1,2,1), orders[0] (1,0,2): conv-like with IFM groups 1 → starts at 9408.
        const auto net = io::loadNetworkFile(test::sourcePath("sample_projects/networks/mlp_s.yaml"));
        QVERIFY(net.ok());
        LayerTimingInput fc1 = res({0, 0, 0}, 9408, 2, 1, 1, 0, 12);
        LayerTimingInput fc2 = res({0, 1, 0}, 8000, 1, 2, 1, 0, 4);
        fc2.topOrders = {1, 0, 2};
        PipelineSegmentTiming t(net.value(), 0);
        QVERIFY(t.add(net->find("fc1"), fc1).empty());
        QVERIFY(t.add(net->find("fc2"), fc2).empty());
        QCOMPARE(t.groups()[0][0].ngrp, 1);
        QCOMPARE(t.groups()[1][0].startXb, std::int64_t(9408));
        QCOMPARE(t.batNgrp(), 1);
        QCOMPARE(t.criticalTime(), std::int64_t(9408));
        QCOMPARE(t.time(), std::int64_t(17408));

        // With fc3's single-layer segment (500 cycles) the network takes 17408 + 500.
        PipelineSegmentTiming t1(net.value(), 1);
        QVERIFY(t1.add(net->find("fc3"), res({1, 0, 0}, 500, 1, 1, 2, 0, 16)).empty());
        const NetworkTotals totals = computeNetworkTotals({}, {segmentTimesOf(t), segmentTimesOf(t1)}, true);
        QCOMPARE(totals.totalTime, std::int64_t(17908));
        QCOMPARE(totals.segmentTimes, (std::vector<std::int64_t>{17408, 500}));
    }

    void outOfOrder()
    {
        const Network net = net1();
        PipelineSegmentTiming t(net, 2);
        QVERIFY(!t.add(net.find("0"), res({1, 0, 0}, 10, 1, 1, 1)).empty()); // wrong segment
        QVERIFY(!t.add(net.find("0"), res({2, 1, 0}, 10, 1, 1, 1)).empty()); // skips group 0
        QVERIFY(!t.add(net.find("0"), res({2, 0, 1}, 10, 1, 1, 1)).empty()); // no group yet
        QVERIFY(t.add(net.find("0"), res({2, 0, 0}, 10, 1, 1, 1)).empty());
        QVERIFY(!t.add(net.find("1"), res({2, 0, 2}, 10, 1, 1, 1)).empty()); // skips temporal 1
        QCOMPARE(t.groups().size(), std::size_t(1));
        QCOMPARE(t.groups()[0].size(), std::size_t(1));
    }

    void example9NetworkTotals()
    {
        // c1 feeds p1 and p2 (neighbours), which f1 merges.
        Network net("nndf", makeInputLayer(4, {2, 2}));
        net.add("c1", conv(4, 4, 2, 1));
        net.add("p1", pool(4, 1, 2), {"c1"});
        net.add("p2", pool(4, 1, 2), {"c1"});
        net.add("f1", fc(8, 10), {"p1", "p2"});
        const auto entry = [&](const char* name, double cost, std::int64_t time, SchedSeq seq, double stat = 0) {
            ScheduledLayer l;
            l.layer = net.find(name);
            l.totals.cost = cost;
            l.totals.staticCost = stat;
            l.totals.time = time;
            l.timing = res(seq, time, 1, 1, 1);
            return l;
        };
        std::vector<ScheduledLayer> layers{entry("c1", 1.5, 200, {0, 0, 0}), entry("p1", 0.6, 5, {0, 1, 0}),
                                           entry("p2", 0.6, 5, {0, 2, 0})};
        const auto partial = evaluateNetworkTotals(net, layers);
        QVERIFY(partial.ok());
        QCOMPARE(partial->totalCost, 2.7);
        QCOMPARE(partial->totalTime, std::int64_t(205));

        layers.push_back(entry("f1", 0.6, 5, {0, 3, 0}));
        const auto full = evaluateNetworkTotals(net, layers);
        QVERIFY(full.ok());
        QCOMPARE(full->totalTime, std::int64_t(200));
        QCOMPARE(full->sumTime, std::int64_t(215));
    }

    void staticCostRebasing()
    {
        std::vector<LayerTotalsInput> layers(3);
        layers[0] = {1.5, 0.5, 200, 10, {1, 2, 3, 4}, 7};
        layers[1] = {0.6, 0.25, 5, 20, {10, 20, 30, 40}, 8};
        layers[2] = {0.6, 0.25, 5, 30, {100, 200, 300, 400}, 9};
        // One segment over the whole network: the static energy is re-based from 210 to 200 cycles.
        const NetworkTotals t = computeNetworkTotals(layers, {{205, 200, 0}}, true);
        QCOMPARE(t.totalTime, std::int64_t(200));
        QCOMPARE(t.sumStaticCost, 1.0);
        QCOMPARE(t.totalCost, (1.5 + 0.6 + 0.6) - 1.0 * (1 - 200.0 / 210.0));
        QVERIFY(std::abs(t.totalCost - (2.7 - 1.0 / 21)) < 1e-12);
        QCOMPARE(t.totalOps, 60.0);
        QCOMPARE(t.totalAccesses, (PerLevel<double>{111, 222, 333, 444}));
        QCOMPARE(t.totalNocHops, 24.0);

        // Two segments add their times.
        const NetworkTotals two = computeNetworkTotals(layers, {{205, 200, 0}, {7, 7, 3}}, true);
        QCOMPARE(two.totalTime, std::int64_t(212));
        QCOMPARE(two.segmentDramTimes, (std::vector<std::int64_t>{0, 3}));

        // Zero layer time leaves the cost as summed.
        const NetworkTotals idle = computeNetworkTotals({{2.0, 1.0, 0, 0, {}, 0}}, {{0, 0, 0}}, true);
        QCOMPARE(idle.totalCost, 2.0);
    }

    void totalsOutOfOrder()
    {
        const Network net = net1();
        ScheduledLayer a;
        a.layer = net.find("0");
        a.timing = res({0, 0, 0}, 10, 1, 1, 1);
        ScheduledLayer b;
        b.layer = net.find("1");
        b.timing = res({2, 0, 0}, 10, 1, 1, 1);
        QVERIFY(!evaluateNetworkTotals(net, {a, b}).ok());
        b.timing.seq = {1, 0, 0};
        QVERIFY(evaluateNetworkTotals(net, {a, b}).ok());
    }
};

QTEST_APPLESS_MAIN(TestSegmentTiming)
#include "tst_segment_timing.moc"
