// Scheduling DAG vertex order and merging (model spec §6.3), vertex segments (§5.2) and segment
// candidates (§5.3).
#include "cost/sched_dag.h"
#include "test_layers.h"
#include "test_projects.h"

#include <QtTest>

#include <algorithm>
#include <limits>
#include <set>
#include <stop_token>

using namespace kapla;

namespace {

using Names = std::vector<std::string>;
using test::fc;

// "a+b" per vertex, as §6.3 writes them.
Names vertexNames(const Network& net, const SchedDag& dag)
{
    Names out;
    for (const auto& v : dag.vertices) {
        std::string s;
        for (const LayerId id : v)
            s += (s.empty() ? "" : "+") + net.at(id).name;
        out.push_back(s);
    }
    return out;
}

Names googlenetOrder()
{
    Names out{"conv1+pool1", "conv2_3x3_reduce", "conv2_3x3+pool2"};
    const std::vector<std::pair<std::string, std::string>> inceptions{{"3a", ""},      {"3b", "pool3"},
                                                                      {"4a", ""},      {"4b", ""},
                                                                      {"4c", ""},      {"4d", ""},
                                                                      {"4e", "pool4"}, {"5a", ""},
                                                                      {"5b", "pool5"}};
    for (const auto& [inc, pool] : inceptions) {
        const std::string p = "inception_" + inc + "_";
        for (const char* branch : {"1x1", "3x3_reduce", "3x3", "5x5_reduce", "5x5"})
            out.push_back(p + branch);
        out.push_back(p + "pool_proj" + (pool.empty() ? "" : "+" + pool));
    }
    out.push_back("fc");
    return out;
}

Names resnet50Order()
{
    Names out{"conv1+pool1"};
    const std::vector<std::pair<int, int>> stages{{2, 3}, {3, 4}, {4, 6}, {5, 3}};
    for (const auto& [stage, blocks] : stages) {
        const std::string c = "conv" + std::to_string(stage) + "_";
        out.push_back(c + "0_a");
        out.push_back(c + "0_b");
        out.push_back(c + "0_c");
        out.push_back(c + "br+" + c + "0_res");
        for (int b = 1; b < blocks; ++b) {
            const std::string blk = c + std::to_string(b) + "_";
            out.push_back(blk + "a");
            out.push_back(blk + "b");
            out.push_back(blk + "c+" + blk + "res");
        }
    }
    out.back() += "+pool5";
    out.push_back("fc");
    return out;
}

Names mobilenetOrder()
{
    Names out{"conv0"};
    for (int k = 1; k <= 13; ++k) {
        out.push_back("dep_conv" + std::to_string(k));
        out.push_back("point_conv" + std::to_string(k));
    }
    out.back() += "+pooling13";
    out.push_back("fc");
    return out;
}

Names gnmtOrder()
{
    Names out;
    for (int l = 0; l < 4; ++l) {
        const std::string c = "cell_l" + std::to_string(l) + "_";
        out.push_back(c + "cand");
        out.push_back(c + "igate+" + c + "cout_i");
        out.push_back(c + "fgate+" + c + "cout_f+" + c + "cout");
        out.push_back(c + "ogate+" + c + "hout");
    }
    out.back() += "+Wd";
    return out;
}

Network linearChain(int n)
{
    Network net("chain", makeInputLayer(8, {1, 1}));
    for (int i = 0; i < n; ++i)
        net.add("fc" + std::to_string(i), fc(8, 8));
    return net;
}

// The reference's recursive _gen_vseg, written out as §5.2 states it: the oracle the enumeration
// (iterative, with incremental rule checks and a window) must match run for run and in order.
struct ReferenceVsegs {
    const SchedDag& dag;
    std::vector<bool> explored;
    std::vector<std::vector<int>> out;

    void gen(int a)
    {
        const int n = static_cast<int>(dag.vertices.size());
        std::vector<int> vseg;
        for (int f = a; f < n; ++f) {
            const std::set<int>& prevs = dag.prevs[static_cast<std::size_t>(f)];
            std::set<int> reach(vseg.begin(), vseg.end());
            for (const int v : vseg)
                reach.insert(dag.prevs[static_cast<std::size_t>(v)].begin(),
                             dag.prevs[static_cast<std::size_t>(v)].end());
            const bool share = vseg.empty()
                            || std::any_of(prevs.begin(), prevs.end(), [&](int p) { return reach.count(p); });
            const auto inside = std::count_if(prevs.begin(), prevs.end(), [&](int p) {
                return std::find(vseg.begin(), vseg.end(), p) != vseg.end();
            });
            if (!share || inside > 1)
                break;
            vseg.push_back(f);
            const bool valid = std::all_of(vseg.begin(), vseg.end(), [&](int v) {
                const auto& nexts = dag.nexts[static_cast<std::size_t>(v)];
                const auto in = std::count_if(nexts.begin(), nexts.end(), [&](int x) {
                    return std::find(vseg.begin(), vseg.end(), x) != vseg.end();
                });
                return in == 0 || static_cast<std::size_t>(nexts.size() - static_cast<std::size_t>(in)) <= 1;
            });
            if (!valid)
                continue;
            out.push_back(vseg);
            if (f + 1 < n && !explored[static_cast<std::size_t>(f + 1)])
                gen(f + 1);
        }
        explored[static_cast<std::size_t>(a)] = true;
    }
};

std::vector<std::vector<int>> referenceVertexSegments(const SchedDag& dag, std::size_t maxVertices)
{
    ReferenceVsegs r{dag, std::vector<bool>(dag.vertices.size(), false), {}};
    if (!dag.vertices.empty())
        r.gen(0);
    std::erase_if(r.out, [&](const std::vector<int>& v) { return v.size() > maxVertices; });
    return r.out;
}

// Options with temporal segments up to `degree` vertices (the inference preset has 5).
Options temporalWindow(double degree)
{
    Options opt;
    opt.partitionInterlayer = true;
    opt.gbufSaveWriteback = true;
    opt.layerPipelineMaxDegree = degree;
    return opt;
}

} // namespace

Q_DECLARE_METATYPE(Names)

class TestSchedDag : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void vertexOrder_data()
    {
        QTest::addColumn<QString>("module");
        QTest::addColumn<Names>("expected");
        QTest::newRow("alex_net") << "alex_net"
                                  << Names{"conv1_a+pool1_a",
                                           "conv2_a+pool2_a",
                                           "conv1_b+pool1_b",
                                           "conv2_b+pool2_b",
                                           "conv3_a",
                                           "conv4_a",
                                           "conv5_a+pool3_a",
                                           "conv3_b",
                                           "conv4_b",
                                           "conv5_b+pool3_b",
                                           "fc1",
                                           "fc2",
                                           "fc3"};
        QTest::newRow("vgg_net") << "vgg_net"
                                 << Names{"conv1",        "conv2+pool1", "conv3", "conv4+pool2",  "conv5",  "conv6",
                                          "conv7+pool3",  "conv8",       "conv9", "conv10+pool4", "conv11", "conv12",
                                          "conv13+pool5", "fc1",         "fc2",   "fc3"};
        QTest::newRow("zfnet") << "zfnet" << Names{"conv1+pool1", "conv2+pool2", "conv3", "conv4",
                                                   "conv5+pool3", "fc1",         "fc2",   "fc3"};
        QTest::newRow("mobilenet") << "mobilenet" << mobilenetOrder();
        QTest::newRow("lstm_phoneme") << "lstm_phoneme" << Names{"We",
                                                                 "cell_cand",
                                                                 "cell_igate+cell_cout_i",
                                                                 "cell_fgate+cell_cout_f+cell_cout",
                                                                 "cell_ogate+cell_hout",
                                                                 "Wd"};
        QTest::newRow("lstm_showtell") << "lstm_showtell"
                                       << Names{"cell_cand", "cell_igate+cell_cout_i",
                                                "cell_fgate+cell_cout_f+cell_cout", "cell_ogate+cell_hout+Wd"};
        QTest::newRow("lstm_gnmt") << "lstm_gnmt" << gnmtOrder();
        QTest::newRow("googlenet") << "googlenet" << googlenetOrder();
        QTest::newRow("resnet50") << "resnet50" << resnet50Order();
    }
    void vertexOrder()
    {
        QFETCH(QString, module);
        QFETCH(Names, expected);
        const Network net = test::loadNetwork(module.toStdString());
        const SchedDag dag = buildSchedDag(net);
        QCOMPARE(vertexNames(net, dag), expected);
        QCOMPARE(dag.orderedLayers().size(), net.size());
    }

    void vertexCounts()
    {
        QCOMPARE(buildSchedDag(test::loadNetwork("googlenet")).vertices.size(), std::size_t(58));
        QCOMPARE(buildSchedDag(test::loadNetwork("resnet50")).vertices.size(), std::size_t(54));
        QCOMPARE(buildSchedDag(test::loadNetwork("mobilenet")).vertices.size(), std::size_t(28));
    }

    void dependencies()
    {
        // alex_net: conv3_a (vertex 4) reads both towers' pool2, vertices 1 and 3.
        const Network net = test::loadNetwork("alex_net");
        const SchedDag dag = buildSchedDag(net);
        QCOMPARE(dag.prevs[0], (std::set<int>{kMemoryVertex}));
        QCOMPARE(dag.prevs[2], (std::set<int>{kMemoryVertex}));
        QCOMPARE(dag.prevs[4], (std::set<int>{1, 3}));
        QCOMPARE(dag.nexts[1], (std::set<int>{4, 7}));
        QCOMPARE(dag.nexts[12], std::set<int>{});
        QCOMPARE(dag.memoryNexts, (std::set<int>{0, 2}));
        QCOMPARE(dag.vertexOfLayer[static_cast<std::size_t>(net.find("pool3_b").value)], 9);
    }

    void externalsAreMemory()
    {
        const Network net = test::loadNetwork("lstm_phoneme");
        const SchedDag dag = buildSchedDag(net);
        // cell_fgate+cell_cout_f+cell_cout reads cell_hinit, cell_cinit (memory), We and cell_cout_i.
        QCOMPARE(dag.prevs[3], (std::set<int>{kMemoryVertex, 0, 2}));
        QCOMPARE(dag.prevs[4], (std::set<int>{kMemoryVertex, 0, 3}));
    }

    void vsegCounts_data()
    {
        QTest::addColumn<QString>("module");
        QTest::addColumn<int>("vertices");
        QTest::addColumn<int>("vsegs");
        QTest::newRow("zfnet") << "zfnet" << 8 << 36;
        QTest::newRow("vgg_net") << "vgg_net" << 16 << 136;
    }
    void vsegCounts()
    {
        QFETCH(QString, module);
        QFETCH(int, vertices);
        QFETCH(int, vsegs);
        const SchedDag dag = buildSchedDag(test::loadNetwork(module.toStdString()));
        QCOMPARE(int(dag.vertices.size()), vertices);
        QCOMPARE(int(vertexSegments(dag).size()), vsegs);
    }

    void linearChain_data()
    {
        QTest::addColumn<int>("n");
        for (int n : {1, 2, 3, 5, 9})
            QTest::newRow(std::to_string(n).c_str()) << n;
    }
    void linearChain()
    {
        QFETCH(int, n);
        const SchedDag dag = buildSchedDag(::linearChain(n));
        QCOMPARE(int(dag.vertices.size()), n);
        QCOMPARE(int(vertexSegments(dag).size()), n * (n + 1) / 2);
    }

    void vsegYieldOrder()
    {
        const SchedDag dag = buildSchedDag(::linearChain(3));
        const std::vector<std::vector<int>> expected{{0}, {1}, {2}, {1, 2}, {0, 1}, {0, 1, 2}};
        QCOMPARE(vertexSegments(dag), expected);
        const std::vector<std::vector<int>> capped{{0}, {1}, {2}, {1, 2}, {0, 1}};
        QCOMPARE(vertexSegments(dag, 2), capped);
    }

    void vsegsMatchTheReference_data()
    {
        QTest::addColumn<QString>("module");
        for (const char* m : {"zfnet", "alex_net", "googlenet", "resnet50", "mobilenet", "lstm_gnmt", "resnet152"})
            QTest::newRow(m) << m;
    }
    void vsegsMatchTheReference()
    {
        QFETCH(QString, module);
        const SchedDag dag = buildSchedDag(test::loadNetwork(module.toStdString()));
        for (const std::size_t window : {std::size_t{1}, std::size_t{2}, std::size_t{5}, SIZE_MAX})
            QCOMPARE(vertexSegments(dag, window), referenceVertexSegments(dag, window));
    }

    void deepChainSegmentsGrowLinearly()
    {
        // One node: a spatial segment of two vertices would need two nodes, so only single layers
        // and the temporal runs of at most 5 vertices (the max degree) remain: n + (n-1) + ... + (n-4).
        const Options opt = temporalWindow(5);
        for (const int n : {1000, 2000}) {
            const Network net = ::linearChain(n);
            const SchedDag dag = buildSchedDag(net);
            QCOMPARE(vertexSegments(dag, longestUsefulRun(opt, dag.vertices.size(), 1)).size(),
                     std::size_t(5 * n - 10));
            QCOMPARE(segmentCandidates(net, dag, opt, 1).size(), std::size_t(5 * n - 10));
        }
        // Without temporal segments a run is bounded by the nodes, whatever the max degree.
        Options spatial = temporalWindow(std::numeric_limits<double>::infinity());
        spatial.gbufSaveWriteback = false;
        const Network net = ::linearChain(2000);
        const SchedDag dag = buildSchedDag(net);
        QCOMPARE(longestUsefulRun(spatial, dag.vertices.size(), 1), std::size_t{1});
        QCOMPARE(segmentCandidates(net, dag, spatial, 1).size(), std::size_t{2000});
        QCOMPARE(segmentCandidates(net, dag, spatial, 4).size(), std::size_t{2000 + 1999 + 1998 + 1997});
    }

    void spatialCandidatesNeedANodePerGroup()
    {
        // zfnet on 2 nodes: every spatial candidate has at most 2 groups; the temporal ones are all kept.
        const Network net = test::loadNetwork("zfnet");
        const SchedDag dag = buildSchedDag(net);
        Options opt = temporalWindow(std::numeric_limits<double>::infinity());
        const auto all = segmentCandidates(net, dag, opt);
        const auto two = segmentCandidates(net, dag, opt, 2);
        const auto groups = [](const std::vector<Segment>& c, std::size_t g) {
            return std::count_if(c.begin(), c.end(), [g](const Segment& s) { return s.size() == g; });
        };
        QVERIFY(groups(all, 3) > 0);
        QCOMPARE(groups(two, 3), 0);
        QCOMPARE(groups(two, 2), groups(all, 2));
        QCOMPARE(groups(two, 1), groups(all, 1));
    }

    void stoppedEnumerationEndsEarly()
    {
        const Network net = ::linearChain(50);
        const SchedDag dag = buildSchedDag(net);
        std::stop_source stop;
        stop.request_stop();
        QCOMPARE(vertexSegments(dag, SIZE_MAX, stop.get_token()).size(), std::size_t{50});
        QVERIFY(segmentCandidates(net, dag, temporalWindow(5), 1, stop.get_token()).empty());
    }

    void vsegRules()
    {
        // alex_net towers: conv3_a (4) reads vertices 1 and 3, so no run holding both with 4 exists
        // (rule 2); vertex 2 (tower b) shares nothing with vertex 1 alone (rule 1); vertex 3 may send
        // one of its two successors outside (rule 3).
        const SchedDag dag = buildSchedDag(test::loadNetwork("alex_net"));
        const auto vsegs = vertexSegments(dag);
        const auto has = [&](std::vector<int> v) { return std::find(vsegs.begin(), vsegs.end(), v) != vsegs.end(); };
        QVERIFY(has({0, 1}));
        QVERIFY(has({0, 1, 2, 3}));
        QVERIFY(!has({0, 1, 2, 3, 4}));
        QVERIFY(!has({1, 2}));
        QVERIFY(has({3, 4}));
        for (const auto& v : vsegs)
            QVERIFY(!(std::find(v.begin(), v.end(), 1) != v.end() && std::find(v.begin(), v.end(), 3) != v.end()
                      && std::find(v.begin(), v.end(), 4) != v.end()));
    }

    void vsegSuccessorRule()
    {
        // googlenet: pool2's vertex (2) feeds the four inception_3a branches 3, 4, 6 and 8; a run
        // keeping two or more of them outside is not yielded, but the run grows on past it.
        const SchedDag dag = buildSchedDag(test::loadNetwork("googlenet"));
        const auto vsegs = vertexSegments(dag);
        const auto has = [&](std::vector<int> v) { return std::find(vsegs.begin(), vsegs.end(), v) != vsegs.end(); };
        QCOMPARE(dag.nexts[2], (std::set<int>{3, 4, 6, 8}));
        QVERIFY(!has({2, 3}));
        QVERIFY(!has({2, 3, 4, 5}));
        QVERIFY(has({2, 3, 4, 5, 6}));
        QVERIFY(has({2, 3, 4, 5, 6, 7, 8}));
        QVERIFY(has({3}));
    }

    void candidates()
    {
        const Network net = test::loadNetwork("zfnet");
        const SchedDag dag = buildSchedDag(net);
        Options opt;
        opt.partitionInterlayer = true;
        opt.gbufSaveWriteback = true;
        const auto cands = segmentCandidates(net, dag, opt);
        // 11 single layers; 36 vsegs of which 5 single-layer vertices are skipped; the three
        // two-layer single vertices give one candidate each, the 28 longer ones two.
        QCOMPARE(int(cands.size()), 11 + 3 + 28 * 2);
        const LayerId conv1 = net.find("conv1"), pool1 = net.find("pool1"), conv2 = net.find("conv2"),
                      pool2 = net.find("pool2");
        QCOMPARE(cands[0], (Segment{{conv1}}));
        QCOMPARE(cands[1], (Segment{{pool1}}));
        QCOMPARE(cands[2], (Segment{{conv2}}));
        // (conv1+pool1, conv2+pool2): the spatial candidate comes right before the temporal one.
        const auto spatial = std::find(cands.begin(), cands.end(), Segment{{conv1, pool1}, {conv2, pool2}});
        QVERIFY(spatial != cands.end() && spatial + 1 != cands.end());
        QCOMPARE(*(spatial + 1), (Segment{{conv1, pool1, conv2, pool2}}));
        // A fused single vertex gives one candidate only.
        QCOMPARE(std::count(cands.begin(), cands.end(), Segment{{conv1, pool1}}), 1);

        opt.layerPipelineMaxDegree = 2;
        opt.gbufSaveWriteback = false;
        const auto limited = segmentCandidates(net, dag, opt);
        // 7 two-vertex runs plus the three fused single vertices.
        QCOMPARE(int(limited.size()), 11 + 3 + 7);
    }
};

QTEST_APPLESS_MAIN(TestSchedDag)
#include "tst_sched_dag.moc"
