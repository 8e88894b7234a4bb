// PipelineSegment: dependency rules and reasons, processor allocation (model spec §5.4, §8.1 net1,
// §8.3 Setup C) and per-layer resources.
#include "cost/pipeline_segment.h"
#include "test_layers.h"
#include "test_projects.h"

#include <QtTest>

using namespace kapla;

namespace {

using GroupNames = std::vector<std::vector<std::string>>;
using test::eltwise;
using test::fc;
using test::net1;

// a and b read the input; c reads a; d merges c and b; e reads a.
Network forkNet()
{
    Network net("fork", makeInputLayer(8, {1, 1}));
    net.add("a", fc(8, 8));
    net.add("b", fc(8, 8), {"__INPUT__"});
    net.add("c", fc(8, 8), {"a"});
    net.add("d", eltwise(8, 2), {"c", "b"});
    net.add("e", fc(8, 8), {"a"});
    return net;
}

Segment segmentOf(const Network& net, const GroupNames& groups)
{
    Segment seg;
    for (const auto& g : groups) {
        seg.emplace_back();
        for (const auto& name : g)
            seg.back().push_back(net.find(name));
    }
    return seg;
}

Resource resourceOn(PhyDim2 nodes)
{
    Resource r;
    r.procRegion = NodeRegion::make(nodes, {0, 0}, NodeRegion::Type::Proc);
    r.dramRegion = NodeRegion::make({2, 2}, {0, 0}, NodeRegion::Type::Dram, nodes - PhyDim2{1, 1});
    r.srcDataRegion = r.dramRegion;
    r.dstDataRegion = r.dramRegion;
    r.dimArray = {8, 8};
    r.sizeGbuf = 32768;
    r.sizeRegf = 64;
    r.arrayBusWidth = kUnlimited;
    r.dramBandwidth = kUnlimited;
    return r;
}

PipelineSegment build(const Network& net, const GroupNames& groups, PhyDim2 nodes = {8, 8},
                      PipelineSegmentParams params = {})
{
    return buildPipelineSegment(segmentOf(net, groups), net, resourceOn(nodes), params);
}

} // namespace

Q_DECLARE_METATYPE(GroupNames)
Q_DECLARE_METATYPE(kapla::SegmentIssue)

class TestPipelineSegment : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void net1Ops()
    {
        const Network net = net1();
        std::vector<std::int64_t> ops;
        for (const auto& l : net.layers())
            ops.push_back(l.layer.totalOps(1));
        QCOMPARE(ops, (std::vector<std::int64_t>{200, 600, 30, 1200, 2000}));
    }

    // net1 vertices: '0' | '1'+'1p' | '2' | '3'.
    void allocProc_data()
    {
        QTest::addColumn<GroupNames>("groups");
        QTest::addColumn<std::vector<int>>("nodes");
        QTest::addColumn<int>("commonFactor");
        QTest::newRow("(0,1)") << GroupNames{{"0"}, {"1", "1p"}} << std::vector<int>{16, 48} << 8;
        QTest::newRow("(2,3)") << GroupNames{{"2"}, {"3"}} << std::vector<int>{24, 40} << 8;
        // raw 22.03 / 41.97: cf 8 rounds to 24 / 40 with utilization 0.953.
        QTest::newRow("(1,2)") << GroupNames{{"1", "1p"}, {"2"}} << std::vector<int>{24, 40} << 8;
        // cf 8 gives [8, 24, 32] at utilization 0.76; cf 4 gives [12, 20, 32] at 0.9575.
        QTest::newRow("(1,2,3)") << GroupNames{{"1", "1p"}, {"2"}, {"3"}} << std::vector<int>{12, 20, 32} << 4;
    }
    void allocProc()
    {
        QFETCH(GroupNames, groups);
        QFETCH(std::vector<int>, nodes);
        QFETCH(int, commonFactor);
        const PipelineSegment s = build(net1(), groups);
        QVERIFY2(s.valid(), s.reason.c_str());
        QCOMPARE(s.proc.nodes, nodes);
        QCOMPARE(s.proc.commonFactor, commonFactor);
        QCOMPARE(s.proc.regions.size(), nodes.size());
        for (std::size_t g = 0; g < nodes.size(); ++g)
            QCOMPARE(int(s.proc.regions[g].dim.size()), nodes[g]);
    }

    void allocProcBankersRounding()
    {
        // raw 1.5 / 2.5 round half to even to 2 / 2 (utilization 0.8); rounding halves up would
        // give 2 / 3, fixed to 1 / 3 (utilization 0.67 < 0.75).
        const auto a = allocateProcessors({3, 5}, NodeRegion::make({1, 4}, {0, 0}, NodeRegion::Type::Proc), 0.25);
        QVERIFY(a.valid);
        QCOMPARE(a.nodes, (std::vector<int>{2, 2}));
    }

    void allocProcUtilizationDrop()
    {
        // The whole net1 spatially: cf 8 gives [8, 8, 16, 32] at utilization 0.7996.
        const Network net = net1();
        const GroupNames all{{"0"}, {"1", "1p"}, {"2"}, {"3"}};
        QCOMPARE(build(net, all).issue, SegmentIssue::NoProcessorAllocation);
        const PipelineSegment s = build(net, all, {8, 8}, {1, 0.5, true});
        QVERIFY2(s.valid(), s.reason.c_str());
        QCOMPARE(s.proc.nodes, (std::vector<int>{8, 8, 16, 32}));
        QCOMPARE(s.proc.commonFactor, 8);
    }

    void allocProcNoRoom()
    {
        // '1p' (30 ops) next to '3' (2000 ops) on two nodes: [1, 2] is fixed to [0, 2].
        const PipelineSegment s = build(net1(), {{"1p"}, {"3"}}, {1, 2});
        QCOMPARE(s.issue, SegmentIssue::NoProcessorAllocation);
        QVERIFY(!s.reason.empty());
    }

    void singleGroupTakesWholeRegion()
    {
        const PipelineSegment s = build(net1(), {{"1", "1p"}});
        QVERIFY(s.valid());
        QCOMPARE(s.proc.regions.front(), resourceOn({8, 8}).procRegion);
        QCOMPARE(s.proc.nodes, std::vector<int>{64});
    }

    void setupC()
    {
        // mlp_s on 4x4 nodes: ((fc1,), (fc2,)) gets 12 + 4 nodes with cf 4; fc1 on the 4x3
        // sub-region at columns 0–2, fc2 on the 4x1 one at column 3.
        const Network net = test::loadNetwork("mlp_s");
        ArchitectureSpec spec;
        ExplicitHardware hw;
        hw.nodes = {4, 4};
        hw.peArray = {8, 8};
        hw.gbufWords = 32768;
        hw.regfWords = 64;
        spec.hardware = hw;
        const Resource top = topLevelResource(resolveArchitecture(spec).value());
        QCOMPARE(top.srcDataRegion, top.dramRegion);
        QCOMPARE(top.dramRegion.dim, (PhyDim2{2, 2}));

        const PipelineSegment s = buildPipelineSegment(segmentOf(net, {{"fc1"}, {"fc2"}}), net, top, {16, 0.05, true});
        QVERIFY2(s.valid(), s.reason.c_str());
        QCOMPARE(s.proc.nodes, (std::vector<int>{12, 4}));
        QCOMPARE(s.proc.commonFactor, 4);
        const NodeRegion& r1 = s.proc.regions[0];
        const NodeRegion& r2 = s.proc.regions[1];
        QCOMPARE(r1.dim, (PhyDim2{4, 3}));
        QCOMPARE(r1.origin, (PhyDim2{0, 0}));
        QCOMPARE(r1.wbeg, 3);
        QCOMPARE(r2.dim, (PhyDim2{4, 1}));
        QCOMPARE(r2.origin, (PhyDim2{0, 3}));
        QCOMPARE(r2.wbeg, 1);

        // fc1 reads DRAM and keeps its ofmaps for fc2; fc2 reads fc1's region and writes DRAM.
        const Resource& fc1 = s.alloc[0][0];
        const Resource& fc2 = s.alloc[1][0];
        QCOMPARE(fc1.procRegion, r1);
        QCOMPARE(fc1.srcDataRegion, top.dramRegion);
        QCOMPARE(fc1.dstDataRegion, r1);
        QCOMPARE(fc2.procRegion, r2);
        QCOMPARE(fc2.srcDataRegion, r1);
        QCOMPARE(fc2.dstDataRegion, top.dramRegion);
        QVERIFY(!fc1.noTimeMux);
        QCOMPARE(fc2.sizeGbuf, 32768.0);
        QCOMPARE(s.deps.layers[1][0].neighborSource, 0);
        QVERIFY(s.deps.ifmFwd.empty());
        QVERIFY(s.deps.ofmFwd.empty());
    }

    void invalid_data()
    {
        QTest::addColumn<QString>("module");
        QTest::addColumn<GroupNames>("groups");
        QTest::addColumn<bool>("withOpt");
        QTest::addColumn<SegmentIssue>("issue");
        QTest::addColumn<QString>("reasonPart");
        QTest::newRow("memory+neighbour sources")
            << "lstm_phoneme" << GroupNames{{"We"}, {"cell_cand"}} << true << SegmentIssue::MemoryAndNeighborSources
            << "'cell_cand' reads both memory and neighbour group 0";
        QTest::newRow("local data not utilized (skipped)")
            << "net1" << GroupNames{{"0", "1", "2"}} << true << SegmentIssue::LocalDataNotUtilized
            << "local data not utilized: layer '1'";
        QTest::newRow("local data not utilized (parallel)")
            << "alex_net" << GroupNames{{"conv1_a", "conv1_b"}} << true << SegmentIssue::LocalDataNotUtilized
            << "local data not utilized: layer 'conv1_a'";
        QTest::newRow("two neighbour sources of a layer")
            << "alex_net"
            << GroupNames{{"conv1_a", "pool1_a", "conv2_a", "pool2_a"},
                          {"conv1_b", "pool1_b", "conv2_b", "pool2_b"},
                          {"conv3_a"}}
            << true << SegmentIssue::MultipleNeighborSources << "'conv3_a' has 2 neighbour sources";
        QTest::newRow("two neighbour sources of a group")
            << "fork" << GroupNames{{"a"}, {"b"}, {"c", "d"}} << true << SegmentIssue::MultipleNeighborSources
            << "spatial group 2 has more than one neighbour source";
        QTest::newRow("basic pipelining: no on-chip source")
            << "alex_net" << GroupNames{{"conv1_a", "pool1_a"}, {"conv1_b", "pool1_b"}} << false
            << SegmentIssue::BasicPipelining << "'conv1_b' has no on-chip source";
        QTest::newRow("basic pipelining: two on-chip destinations")
            << "fork" << GroupNames{{"a"}, {"c"}, {"e"}} << false << SegmentIssue::BasicPipelining
            << "'a' has more than one on-chip source or destination";
        QTest::newRow("producer after consumer")
            << "net1" << GroupNames{{"1"}, {"0"}} << true << SegmentIssue::Malformed << "before its producer '0'";
        QTest::newRow("repeated layer") << "net1" << GroupNames{{"0"}, {"0"}} << true << SegmentIssue::Malformed
                                        << "'0' appears twice";
    }
    void invalid()
    {
        QFETCH(QString, module);
        QFETCH(GroupNames, groups);
        QFETCH(bool, withOpt);
        QFETCH(SegmentIssue, issue);
        QFETCH(QString, reasonPart);
        const Network net = module == "net1" ? net1()
                          : module == "fork" ? forkNet()
                                             : test::loadNetwork(module.toStdString());
        const PipelineSegment s = build(net, groups, {8, 8}, {1, 0.05, withOpt});
        QCOMPARE(s.issue, issue);
        QVERIFY2(s.reason.find(reasonPart.toStdString()) != std::string::npos, s.reason.c_str());
    }

    void basicPipeliningChainIsValid()
    {
        const PipelineSegment s = build(net1(), {{"0"}, {"1", "1p"}}, {8, 8}, {1, 0.05, false});
        QVERIFY2(s.valid(), s.reason.c_str());
    }

    void sharedMemorySource()
    {
        // Both alex_net towers read the input: conv1_a fetches, conv1_b gets it forwarded.
        const Network net = test::loadNetwork("alex_net");
        const PipelineSegment s = build(net, {{"conv1_a", "pool1_a"}, {"conv1_b", "pool1_b"}});
        QVERIFY2(s.valid(), s.reason.c_str());
        QCOMPARE(s.deps.ifmFwd.size(), std::size_t(1));
        QCOMPARE(s.deps.ifmFwd[0].prevs, std::vector<std::string>{"__INPUT__"});
        QCOMPARE(s.deps.ifmFwd[0].sharers, (std::vector<SchedIndex>{{0, 0}, {1, 0}}));
        QCOMPARE(s.alloc[0][0].srcDataRegion, resourceOn({8, 8}).dramRegion);
        QCOMPARE(s.alloc[1][0].srcDataRegion, s.proc.regions[0]);
        // pool1_a / pool1_b read their local conv; the conv ofmaps stay local.
        QCOMPARE(s.alloc[0][1].srcDataRegion, s.proc.regions[0]);
        QCOMPARE(s.alloc[0][0].dstDataRegion, s.proc.regions[0]);
        QVERIFY(s.deps.layers[0][1].localSource);
        QVERIFY(s.deps.layers[0][0].localDest);
    }

    void ofmapForwarding()
    {
        const Network net = forkNet();
        // a feeds c on chip and e through memory: its ofmaps go to DRAM and to c.
        const PipelineSegment spatial = build(net, {{"a"}, {"c"}});
        QVERIFY2(spatial.valid(), spatial.reason.c_str());
        QCOMPARE(spatial.deps.ofmFwd.size(), std::size_t(1));
        QCOMPARE(spatial.deps.ofmFwd[0].producer, (SchedIndex{0, 0}));
        QCOMPARE(spatial.deps.ofmFwd[0].dests, (std::vector<SchedIndex>{SchedIndex{1, 0}}));
        QCOMPARE(spatial.alloc[0][0].dstDataRegion, resourceOn({8, 8}).dramRegion);
        QCOMPARE(spatial.alloc[1][0].srcDataRegion, spatial.proc.regions[0]);
        QVERIFY(spatial.deps.layers[0][0].memoryDest);
        QCOMPARE(spatial.deps.layers[0][0].neighborDests, (std::vector<SchedIndex>{SchedIndex{1, 0}}));

        const PipelineSegment temporal = build(net, {{"a", "c"}});
        QVERIFY2(temporal.valid(), temporal.reason.c_str());
        QCOMPARE(temporal.deps.ofmFwd.size(), std::size_t(1));
        QCOMPARE(temporal.deps.ofmFwd[0].dests, (std::vector<SchedIndex>{SchedIndex{0, 1}}));
    }

    void noTimeMux()
    {
        const Network net = net1();
        const PipelineSegmentParams loose{1, 0.5, true};
        const PipelineSegment spatial = build(net, {{"0"}, {"1", "1p"}, {"2"}, {"3"}}, {8, 8}, loose);
        QVERIFY(spatial.valid());
        QVERIFY(spatial.noTimeMux);
        QVERIFY(spatial.alloc[1][1].noTimeMux);
        const PipelineSegment temporal = build(net, {{"0", "1", "1p", "2", "3"}}, {8, 8}, loose);
        QVERIFY(temporal.valid());
        QVERIFY(!temporal.noTimeMux);
        QVERIFY(!build(net, {{"0"}, {"1", "1p"}}).noTimeMux);
    }

    void generatedSegments()
    {
        const Network net = net1();
        const SchedDag dag = buildSchedDag(net);
        Options opt;
        opt.partitionInterlayer = true;
        const auto segs = generateSegments(net, dag, resourceOn({8, 8}), opt, 1);
        // 5 single layers, the fused vertex, and the spatial runs that allocate within 5 %.
        QCOMPARE(int(segmentCandidates(net, dag, opt).size()), 5 + 1 + 6);
        for (const auto& s : segs)
            QVERIFY(s.valid());
        const auto has = [&](const GroupNames& g) {
            const Segment seg = segmentOf(net, g);
            return std::any_of(segs.begin(), segs.end(), [&](const PipelineSegment& s) { return s.seg == seg; });
        };
        QVERIFY(has({{"0"}, {"1", "1p"}}));
        QVERIFY(has({{"1", "1p"}, {"2"}, {"3"}}));
        QVERIFY(!has({{"0"}, {"1", "1p"}, {"2"}, {"3"}}));
        QCOMPARE(segs.front().seg, segmentOf(net, {{"0"}}));
    }
};

QTEST_APPLESS_MAIN(TestPipelineSegment)
#include "tst_pipeline_segment.moc"
