// Scheduling constraints per pipeline segment (model spec §5.5): the rule walk, the simplification,
// the critical forwarding path with its GBUF check, shared memory sources, the lazy rule and the
// combinations of gen_constraint. Every expectation is derived by hand in the comments.
//
// fbofm_init (False, True) is walked once per value (I below): each walk is simplified and keyed
// on its own, and the smallest key wins (False first on ties).
// Notation: T = topbat_shr, fbofm_init = I, topofm_<sp>_<tm> = O<sp><tm>; topofm_vals on the
// Setup B node (32768 words): divisors t of nofm with t <= total_ofmap_size(batch) / 1638.4, or 1.
// A combination is written "hints | layer:b<topbat>,i<topifm>,o<topofm>[,fbi][,fbo][,lazy=<conv>]".
#include "cost/segment_constraint.h"
#include "test_layers.h"
#include "test_projects.h"
#include "util/math_util.h"

#include <QtTest>

#include <limits>

using namespace kapla;

namespace {

using GroupNames = std::vector<std::vector<std::string>>;
using test::fc;

constexpr double kInf = std::numeric_limits<double>::infinity();

Architecture setupB()
{
    auto spec = io::loadArchitectureFile(test::sourcePath("sample_projects/architectures/setup-b-4x4.yaml"));
    if (!spec.ok())
        qFatal("cannot load the Setup B architecture");
    return resolveArchitecture(spec.value()).value();
}

// Four FC(1024 -> 1024) layers; "d" reads "b" when `fork`, else "c" (a chain).
Network fcNet(bool fork)
{
    Network net("fc", makeInputLayer(1024, {1, 1}));
    net.add("a", fc(1024, 1024));
    net.add("b", fc(1024, 1024), {"a"});
    net.add("c", fc(1024, 1024), {fork ? "a" : "b"});
    net.add("d", fc(1024, 1024), {fork ? "b" : "c"});
    return net;
}

struct Setup {
    std::int64_t batch = 16;
    double maxTimeOverhead = kInf;
    bool withOpt = true;
    double gbufWords = 32768;
};

struct Built {
    PipelineSegment segment;
    SegmentConstraints cstr;
};

Architecture systolicSingleNode()
{
    auto spec = io::loadArchitectureFile(
        test::sourcePath("sample_projects/architectures/kapla-systolic-single-node.yaml"));
    if (!spec.ok())
        qFatal("cannot load the KAPLA systolic single-node architecture");
    return resolveArchitecture(spec.value()).value();
}

Built constrain(const Network& net, const GroupNames& groups, const Setup& s = {}, const Architecture& arch = setupB())
{
    Segment seg;
    for (const auto& g : groups) {
        seg.emplace_back();
        for (const auto& name : g)
            seg.back().push_back(net.find(name));
    }
    const PipelineSegmentParams params{s.batch, 0.05, s.withOpt};
    Built b{buildPipelineSegment(seg, net, topLevelResource(arch), params), {}};
    if (!b.segment.valid())
        qFatal("invalid segment: %s", b.segment.reason.c_str());
    b.cstr = generateSegmentConstraints(b.segment, net, s.gbufWords, s.maxTimeOverhead);
    return b;
}

QString describe(const SegmentConstraintCombo& c, const PipelineSegment& seg, const Network& net)
{
    QStringList hints;
    for (const int h : c.hints)
        hints << QString::number(h);
    QStringList layers;
    for (std::size_t sp = 0; sp < c.layers.size(); ++sp) {
        for (std::size_t tm = 0; tm < c.layers[sp].size(); ++tm) {
            const LayerConstraint& l = c.layers[sp][tm];
            QString s = QString::fromStdString(net.at(seg.seg[sp][tm]).name)
                      + QStringLiteral(":b%1,i%2,o%3").arg(l.top.topbat).arg(l.top.topifm).arg(l.top.topofm);
            if (l.fbifm)
                s += ",fbi";
            if (l.fbofm)
                s += ",fbo";
            if (l.topofmFromLayer)
                s += ",lazy=" + QString::fromStdString(net.at(*l.topofmFromLayer).name);
            if (!l.top.checkOrder)
                s += ",NO-ORDER-CHECK";
            layers << s;
        }
    }
    return hints.join(',') + " | " + layers.join(' ');
}

QStringList describeAll(const Built& b, const Network& net)
{
    QStringList out;
    for (const SegmentConstraintCombo& c : b.cstr.combos)
        out << describe(c, b.segment, net);
    return out;
}

// One combination per topbat value, every layer given by `layers` (with %1 = the topbat value).
QStringList perTopBat(const std::vector<int>& values, const QString& layers)
{
    QStringList out;
    for (const int t : values)
        out << QString::number(t) + " | " + layers.arg(t);
    return out;
}

const std::vector<int> kDivisors16{1, 2, 4, 8, 16};

} // namespace

Q_DECLARE_METATYPE(GroupNames)

class TestSegmentConstraint : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // A single-layer segment: T and the layer's own topofm symbol are used once and become 0; a
    // Conv's fbofm = I is dropped because its only destination is memory, so I is unused. Nothing
    // is left: the dummy symbol gives one all-free combination with hints (1,).
    void singleLayerIsUnconstrained_data()
    {
        QTest::addColumn<QString>("module");
        QTest::addColumn<QString>("layer");
        QTest::newRow("mlp_s fc1 (O00 in {1,2,4}: 500*16/1638.4 = 4.9)") << "mlp_s"
                                                                         << "fc1";
        QTest::newRow("mlp_s fc2 (O00 in {1,2}: 250*16/1638.4 = 2.4)") << "mlp_s"
                                                                       << "fc2";
        QTest::newRow("mlp_s fc3 (O00 = {1}: 10*16/1638.4 = 0.1, used once -> 0)") << "mlp_s"
                                                                                   << "fc3";
        QTest::newRow("alex conv1_a (O00 = all 10 divisors of 48)") << "alex_net"
                                                                    << "conv1_a";
        QTest::newRow("alex pool1_a (non-Conv: topofm = O0s, divisors of 48)") << "alex_net"
                                                                               << "pool1_a";
    }
    void singleLayerIsUnconstrained()
    {
        QFETCH(QString, module);
        QFETCH(QString, layer);
        const Network net = test::loadNetwork(module.toStdString());
        const Built b = constrain(net, {{layer.toStdString()}});
        QVERIFY2(b.cstr.valid, b.cstr.reason.c_str());
        QVERIFY(b.cstr.symbols.empty());
        QCOMPARE(b.cstr.numSpFbs, 0);
        QCOMPARE(b.cstr.criticalPath, std::vector<int>{0});
        QCOMPARE(describeAll(b, net), QStringList{"1 | " + layer + ":b0,i0,o0"});
    }

    // nn_dataflow builds one substitution per pass in which "used at most once -> 0" overrides a
    // single value. MLP-L (fc1, fc2) in one group on the single systolic node (131072 words),
    // batch 8 (T in {1,2,4,8}): fc2 is inter-temporal, so fc2.fbifm=True and fc1.fbofm=True (fc1's
    // topofm O00 is removed, then unused). fc2's O01 has the single value 1 (1000*8/6553.6 = 1.2)
    // but is used once, so it becomes 0: fc2 is (T, topifm 1 via fbifm, topofm 0), as the
    // reference's gen_constraint gives. Substituting the single value first would force topofm 1.
    void usedOnceOverridesSingleValue()
    {
        const Network net = test::loadNetwork("mlp_l");
        Setup s;
        s.batch = 8;
        s.gbufWords = 131072;
        const Built b = constrain(net, {{"fc1", "fc2"}}, s, systolicSingleNode());
        QVERIFY(b.cstr.valid);
        QCOMPARE(b.cstr.symbols, std::vector<std::string>{"topbat_shr"});
        QCOMPARE(describeAll(b, net), perTopBat({1, 2, 4, 8}, "fc1:b%1,i0,o1,fbo fc2:b%1,i1,o0,fbi"));
    }

    // Setup C segment 0, spatial ((fc1,), (fc2,)), batch 16, options of the golden project.
    // I=False: fc1 {T, O00, fbofm=False}. fc2: topofm=O10; the neighbour's fbofm is False, so fc2
    // gets fbifm=False, fbofm=True (dropped: memory destination) and topifm=O00, fc1's topofm.
    // Simplify: O00 is used twice and keeps {1,2,4} (500*16/1638.4 = 4.9); O10 used once -> 0.
    // Critical path (0,1), nothing buffered -> key (0, 0). I=True buffers fc1's ofmaps -> key (1, 500).
    // Left: T in {1,..,16} (outer) x O00. This tie is what makes fc2's golden blocking the optimum.
    void setupCSegment0()
    {
        auto project = io::loadProjectFile(test::sourcePath("sample_projects/golden/setup-c-mlp_s-b16.yaml"));
        QVERIFY(project.ok());
        const Project& p = project.value();
        const Architecture arch = resolveArchitecture(p.architecture).value();
        Segment seg{{p.network.find("fc1")}, {p.network.find("fc2")}};
        const PipelineSegment s = buildPipelineSegment(seg, p.network, topLevelResource(arch),
                                                       {p.batch, 0.05, p.options.layerPipelineOpt});
        QVERIFY2(s.valid(), s.reason.c_str());
        const SegmentConstraints c = generateSegmentConstraints(s, p.network, arch.gbufWords,
                                                                p.options.layerPipelineTimeOverhead);
        QVERIFY2(c.valid, c.reason.c_str());
        QCOMPARE(c.symbols, (std::vector<std::string>{"topbat_shr", "topofm_0_0"}));
        QCOMPARE(c.criticalPath, (std::vector<int>{0, 1}));
        QCOMPARE(c.numSpFbs, 0);
        QStringList got;
        QStringList expected;
        for (const SegmentConstraintCombo& combo : c.combos)
            got << describe(combo, s, p.network);
        for (const int t : kDivisors16)
            for (const int o : {1, 2, 4})
                expected << QStringLiteral("%1,%2 | fc1:b%1,i0,o%2 fc2:b%1,i%2,o0").arg(t).arg(o);
        QCOMPARE(got, expected);

        // The golden schedule (fc1 tvals[0] (2,1,1) orders[0] (0,1,2); fc2 (1,2,1) / (1,0,2))
        // passes is_valid_top_bl only under topbat 1 with fc1's top OFM = fc2's top IFM = 1.
        QStringList admitting;
        for (const SegmentConstraintCombo& combo : c.combos) {
            if (combo.layers[0][0].top.isValidTopBl({2, 1, 1}, {0, 1, 2})
                && combo.layers[1][0].top.isValidTopBl({1, 2, 1}, {1, 0, 2}))
                admitting << describe(combo, s, p.network);
        }
        QCOMPARE(admitting, QStringList{"1,1 | fc1:b1,i0,o1 fc2:b1,i1,o0"});
    }

    // The same segment with basic pipelining: the neighbour rule forces fc1.fbofm=True, so fc2 gets
    // fbifm=True. Simplify drops fc1.topofm and fc2.topifm; O10 is used once. Critical path (0,1):
    // group 0's last layer fc1 buffers its ofmaps -> num_sp_fbs 1 (sizes 500 words, fit).
    void basicPipeliningBuffersTheNeighbour()
    {
        const Network net = test::loadNetwork("mlp_s");
        Setup s;
        s.withOpt = false;
        const Built b = constrain(net, {{"fc1"}, {"fc2"}}, s);
        QVERIFY(b.cstr.valid);
        QCOMPARE(b.cstr.numSpFbs, 1);
        QCOMPARE(describeAll(b, net), perTopBat(kDivisors16, "fc1:b%1,i0,o1,fbo fc2:b%1,i1,o0,fbi"));
    }

    // Temporal ((fc1, fc2)): fc2 is a Conv after a Conv of its own group, so fc2.fbifm=True and
    // fc1.fbofm=True (overriding I). Simplify removes fc1.topofm (O00 then unused), O01 is used once,
    // I unused. Buffered: max(fc1 ofmap 500, fc2 ifmap 500) = 500 <= 16*32768; num_sp_fbs 0 since
    // fc2 (the group's last layer) does not buffer its ofmaps.
    void temporalFcPair()
    {
        const Network net = test::loadNetwork("mlp_s");
        const Built b = constrain(net, {{"fc1", "fc2"}});
        QVERIFY(b.cstr.valid);
        QCOMPARE(b.cstr.symbols, std::vector<std::string>{"topbat_shr"});
        QCOMPARE(b.cstr.numSpFbs, 0);
        QCOMPARE(describeAll(b, net), perTopBat(kDivisors16, "fc1:b%1,i0,o1,fbo fc2:b%1,i1,o0,fbi"));
    }

    // Temporal AlexNet (conv1_a, pool1_a, conv2_a, pool2_a), batch 4 (T in {1,2,4}):
    // conv2_a is inter-temporal: fbifm=True, conv1_a.fbofm = pool1_a.fbofm = True; their topofm O00
    // is removed; conv2_a and pool2_a share O02 -> lazy rule (pool2_a copies conv2_a's factor).
    // Buffered per sample: conv1_a ofmap 48*55*55 = 145200, pool1_a 48*27*27 = 34992, conv2_a ifmap
    // 48*31*31 = 46128 -> 145200 words on 16 nodes: fits iff gbuf >= 145200/16 = 9075 words.
    void temporalGbufCheck_data()
    {
        QTest::addColumn<double>("gbufWords");
        QTest::addColumn<bool>("valid");
        QTest::newRow("32768 words") << 32768. << true;
        QTest::newRow("9075 words: exactly full") << 9075. << true;
        QTest::newRow("9074 words") << 9074. << false;
        QTest::newRow("8192 words") << 8192. << false;
    }
    void temporalGbufCheck()
    {
        QFETCH(double, gbufWords);
        QFETCH(bool, valid);
        const Network net = test::loadNetwork("alex_net");
        Setup s;
        s.batch = 4;
        s.gbufWords = gbufWords;
        const Built b = constrain(net, {{"conv1_a", "pool1_a", "conv2_a", "pool2_a"}}, s);
        QCOMPARE(b.cstr.valid, valid);
        if (!valid) {
            QVERIFY(b.cstr.combos.empty());
            QVERIFY(QString::fromStdString(b.cstr.reason).contains("145200"));
            return;
        }
        QCOMPARE(describeAll(b, net),
                 perTopBat({1, 2, 4}, "conv1_a:b%1,i0,o1,fbo pool1_a:b%1,i0,o1,fbo conv2_a:b%1,i1,o0,fbi "
                                      "pool2_a:b%1,i0,o0,lazy=conv2_a"));
    }

    // The four lstm_phoneme gates read (cell_hinit, We), all outside the segment: one sharing group
    // fetched by group 0, 4 nodes per gate. Each gate's I is used once.
    // Batch 64: each O<sp>0 (divisors of 140 up to 140*64/1638.4 = 5.5 -> {1,2,4,5}) is used once
    // -> 0; no sharer buffers or groups its ofmaps, so all take topifm_0 in divisors of 280 up to
    // 280*64/1638.4 = 10.9 -> {1,2,4,5,7,8,10}. Symbols in name order: topbat_shr (outer), topifm_0.
    // Batch 16: each O<sp>0 has the single value 1 (140*16/1638.4 = 1.37) but is used once, so it
    // becomes 0 all the same and the sharers take topifm_0 in divisors of 280 up to
    // 280*16/1638.4 = 2.7 -> {1,2}.
    void sharedMemorySource_data()
    {
        QTest::addColumn<int>("batch");
        QTest::addColumn<std::vector<int>>("topifms");
        QTest::newRow("batch 64: topifm_0") << 64 << std::vector<int>{1, 2, 4, 5, 7, 8, 10};
        QTest::newRow("batch 16: topifm_0") << 16 << std::vector<int>{1, 2};
    }
    void sharedMemorySource()
    {
        QFETCH(int, batch);
        QFETCH(std::vector<int>, topifms);
        const Network net = test::loadNetwork("lstm_phoneme");
        Setup s;
        s.batch = batch;
        const Built b = constrain(net, {{"cell_cand"}, {"cell_igate"}, {"cell_fgate"}, {"cell_ogate"}}, s);
        QVERIFY(b.cstr.valid);
        QCOMPARE(b.cstr.criticalPath, std::vector<int>{0});
        const std::vector<int> topbats = divisors(batch);
        QStringList expected;
        QCOMPARE(b.cstr.symbols, (std::vector<std::string>{"topbat_shr", "topifm_0"}));
        QCOMPARE(b.cstr.symbolValues, (std::vector<std::vector<int>>{topbats, topifms}));
        for (const int t : topbats)
            for (const int i : topifms)
                expected << QStringLiteral("%1,%2 | cell_cand:b%1,i%2,o0 cell_igate:b%1,i%2,o0 "
                                           "cell_fgate:b%1,i%2,o0 cell_ogate:b%1,i%2,o0")
                                .arg(t)
                                .arg(i);
        QCOMPARE(describeAll(b, net), expected);
    }

    // ((cell_cand,), (cell_igate, cell_cout_i)): the eltwise cell_cout_i has a local source and a
    // neighbour source cell_cand. I=False: cand's fbofm is False, so cur_top = O00 and igate's and
    // cout_i's topofm become O00 (O10 unused); key (0, 0) beats I=True's (1, ...).
    // Batch 64: O00 in divisors of 140 up to 140*64/1638.4 = 5.5 -> {1,2,4,5}, used three times;
    // the sharers' symbolic topofm makes them fully buffer their ifmaps; two Convs share O00, so
    // no lazy rule. Left: T (outer) x O00.
    // Batch 16: O10 and O00 have the single value 1 (140*16/1638.4 = 1.37) and are substituted: cand
    // and igate get topofm 1, cout_i keeps topofm 1 (no symbol, no lazy rule); still fbifm for both.
    void sharedMemorySourceWithLazyEltwise_data()
    {
        QTest::addColumn<int>("batch");
        QTest::addColumn<QStringList>("expected");
        QStringList batch64;
        for (const int t : {1, 2, 4, 8, 16, 32, 64})
            for (const int o : {1, 2, 4, 5})
                batch64 << QStringLiteral("%1,%2 | cell_cand:b%1,i1,o%2,fbi cell_igate:b%1,i1,o%2,fbi "
                                          "cell_cout_i:b%1,i0,o%2")
                               .arg(t)
                               .arg(o);
        QTest::newRow("batch 64") << 64 << batch64;
        QTest::newRow("batch 16") << 16
                                  << perTopBat(kDivisors16, "cell_cand:b%1,i1,o1,fbi cell_igate:b%1,i1,o1,fbi "
                                                            "cell_cout_i:b%1,i0,o1");
    }
    void sharedMemorySourceWithLazyEltwise()
    {
        QFETCH(int, batch);
        QFETCH(QStringList, expected);
        const Network net = test::loadNetwork("lstm_phoneme");
        Setup s;
        s.batch = batch;
        const Built b = constrain(net, {{"cell_cand"}, {"cell_igate", "cell_cout_i"}}, s);
        QVERIFY(b.cstr.valid);
        QCOMPARE(b.cstr.criticalPath, (std::vector<int>{0, 1}));
        QCOMPARE(describeAll(b, net), expected);
    }

    // Lazy rule on AlexNet conv+pool vertices, batch 4 (T in {1,2,4}).
    // One group (conv1_a, pool1_a): pool1_a takes cur_top = O00, so O00 ties one Conv to a pooling
    // layer -> lazy; conv1_a's fbofm = I is its only use -> False.
    // Two groups ((conv1_a, pool1_a), (conv2_a, pool2_a)) on 5 + 11 nodes, I=False: pool1_a takes
    // O00; conv2_a sees its neighbour's fbofm False -> fbofm=True (topofm 1), topifm=O00; pool2_a's
    // O10 is then used once -> 0. O00 ties conv1_a, pool1_a and conv2_a's topifm (no lazy rule) and
    // keeps all divisors of 48 (48*55*55*4/1638.4 = 354). Key (0, 93312 = conv2_a's ofmap) beats
    // I=True's (1, ...) where pool1_a, last of group 0, buffers its ofmaps.
    void lazyRule_data()
    {
        QTest::addColumn<GroupNames>("groups");
        QTest::addColumn<std::vector<int>>("path");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("conv1_a+pool1_a") << GroupNames{{"conv1_a", "pool1_a"}} << std::vector<int>{0}
                                         << perTopBat({1, 2, 4}, "conv1_a:b%1,i0,o0 pool1_a:b%1,i0,o0,lazy=conv1_a");
        QStringList twoVertices;
        for (const int t : {1, 2, 4})
            for (const int o : divisors(48))
                twoVertices << QStringLiteral("%1,%2 | conv1_a:b%1,i0,o%2 pool1_a:b%1,i0,o%2 conv2_a:b%1,i%2,o1,fbo "
                                              "pool2_a:b%1,i0,o0")
                                   .arg(t)
                                   .arg(o);
        QTest::newRow("two vertices") << GroupNames{{"conv1_a", "pool1_a"}, {"conv2_a", "pool2_a"}}
                                      << std::vector<int>{0, 1} << twoVertices;
    }
    void lazyRule()
    {
        QFETCH(GroupNames, groups);
        QFETCH(std::vector<int>, path);
        QFETCH(QStringList, expected);
        const Network net = test::loadNetwork("alex_net");
        Setup s;
        s.batch = 4;
        const Built b = constrain(net, groups, s);
        QVERIFY(b.cstr.valid);
        QCOMPARE(b.cstr.criticalPath, path);
        QCOMPARE(b.cstr.numSpFbs, 0);
        QCOMPARE(describeAll(b, net), expected);
    }

    // Chain a -> b -> c -> d of FC(1024 -> 1024), one per group (4 nodes each), batch 16, I=False:
    // a {T, O00, fbofm=False}; b: neighbour fbofm False -> fbofm=True, topifm=O00, cur_fb=True;
    // c: cur_fb sets b.fbofm=True, neighbour fbofm True -> fbifm=True, topofm O20; d: neighbour
    // fbofm False -> topifm=O20 (fbofm dropped: memory destination). Simplify: b.topofm and
    // c.topifm removed; O00 and O20 each used twice, values {1,2,4,8} (1024*16/1638.4 = 10).
    // Critical path (0,1,2,3); b, last of group 1, buffers -> key (1, 1024) beats I=True's
    // (2: a and c buffer), so num_sp_fbs 1: topbat values below 1/max_time_overhead are dropped.
    void topBatFilter_data()
    {
        QTest::addColumn<double>("maxTimeOverhead");
        QTest::addColumn<std::vector<int>>("topbats");
        QTest::newRow("inf") << kInf << kDivisors16;
        QTest::newRow("1: min 1") << 1. << kDivisors16;
        QTest::newRow("0.5: min 2") << 0.5 << std::vector<int>{2, 4, 8, 16};
        QTest::newRow("0.25: min 4 (kept)") << 0.25 << std::vector<int>{4, 8, 16};
        QTest::newRow("0.3: min 3.33") << 0.3 << std::vector<int>{4, 8, 16};
        QTest::newRow("0.1: min 10") << 0.1 << std::vector<int>{16};
        QTest::newRow("0.01: min 100") << 0.01 << std::vector<int>{};
    }
    void topBatFilter()
    {
        QFETCH(double, maxTimeOverhead);
        QFETCH(std::vector<int>, topbats);
        const Network net = fcNet(false);
        Setup s;
        s.maxTimeOverhead = maxTimeOverhead;
        const Built b = constrain(net, {{"a"}, {"b"}, {"c"}, {"d"}}, s);
        QVERIFY(b.cstr.valid);
        QCOMPARE(b.cstr.numSpFbs, 1);
        QCOMPARE(b.cstr.criticalPath, (std::vector<int>{0, 1, 2, 3}));
        QCOMPARE(b.cstr.symbols, (std::vector<std::string>{"topbat_shr", "topofm_0_0", "topofm_2_0"}));
        QStringList expected;
        for (const int t : topbats)
            for (const int o : {1, 2, 4, 8})
                for (const int o2 : {1, 2, 4, 8})
                    expected << QStringLiteral("%1,%2,%3 | a:b%1,i0,o%2 b:b%1,i%2,o1,fbo c:b%1,i1,o%3,fbi d:b%1,i%3,o0")
                                    .arg(t)
                                    .arg(o)
                                    .arg(o2);
        QCOMPARE(describeAll(b, net), expected);
        QCOMPARE(b.cstr.reason.empty(), !topbats.empty());
    }

    // a feeds b and c; b feeds d; one layer per group. Candidate paths in insertion order:
    // (0), (0,1), (0,2), (0,1,3) -> (0,1,3). I=False: b and c see a's fbofm False -> fbofm=True,
    // topifm=O00, cur_fb=True; c's pending cur_fb moves b.fbofm=True, c's own fbofm is dropped
    // (memory destination) and then re-set by d's pending cur_fb; d sees b's fbofm True -> fbifm.
    // O00 ties a.topofm, b.topifm and c.topifm. Key (1: b buffers, 1024) ties with I=True's (1: a
    // buffers, 1024), and False wins the tie.
    void forkedChain()
    {
        const Network net = fcNet(true);
        const Built b = constrain(net, {{"a"}, {"b"}, {"c"}, {"d"}});
        QVERIFY(b.cstr.valid);
        QCOMPARE(b.cstr.criticalPath, (std::vector<int>{0, 1, 3}));
        QCOMPARE(b.cstr.numSpFbs, 1);
        QStringList expected;
        for (const int t : kDivisors16)
            for (const int o : {1, 2, 4, 8})
                expected << QStringLiteral("%1,%2 | a:b%1,i0,o%2 b:b%1,i%2,o1,fbo c:b%1,i%2,o1,fbo d:b%1,i1,o0,fbi")
                                .arg(t)
                                .arg(o);
        QCOMPARE(describeAll(b, net), expected);
    }

    // [QUIRK] Only ConvLayer/FC count as Conv in these rules. Temporal (dep_conv1, point_conv1) of
    // mobilenet, batch 4: the depthwise layer takes cur_top = O0s; point_conv1 is then the segment's
    // first Conv (fbofm = I, dropped: memory destination), not an inter-temporal one, so nothing is
    // fully buffered and O0s, O01 are used once. Were dep_conv1 a Conv, the pair would get
    // dep_conv1 fbofm / point_conv1 fbifm as in temporalFcPair.
    void depthwiseIsNotConvHere()
    {
        const Network net = test::loadNetwork("mobilenet");
        Setup s;
        s.batch = 4;
        const Built b = constrain(net, {{"dep_conv1", "point_conv1"}}, s);
        QVERIFY(b.cstr.valid);
        QCOMPARE(describeAll(b, net), perTopBat({1, 2, 4}, "dep_conv1:b%1,i0,o0 point_conv1:b%1,i0,o0"));
    }

    void invalidSegmentIsReported()
    {
        const Network net = test::loadNetwork("mlp_s");
        PipelineSegment s;
        s.issue = SegmentIssue::Malformed;
        s.reason = "broken";
        const SegmentConstraints c = generateSegmentConstraints(s, net, 32768, kInf);
        QVERIFY(!c.valid);
        QVERIFY(c.combos.empty());
        QVERIFY(QString::fromStdString(c.reason).contains("broken"));
    }
};

QTEST_APPLESS_MAIN(TestSegmentConstraint)
#include "tst_segment_constraint.moc"
