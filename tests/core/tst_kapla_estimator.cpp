// KAPLA's own cost model (KAPLA spec §5) against hand-computed small cases: iteration counts, sliding
// windows, re-fetch from irrelevant updates, stack placement, GBUF sharing regions, REGF multicast
// copies, the depthwise filter size, a whole-layer estimate, and the fast explorer's layer estimate.
#include "model/layer.h"
#include "schedule/partition.h"
#include "solve/kapla/directive_builder.h"
#include "solve/kapla/directives.h"
#include "solve/kapla/kapla_estimator.h"
#include "solve/kapla/layer_estimate.h"
#include "test_layers.h"

#include <QtTest>

using namespace kapla;
using namespace kapla::ksolve;

namespace {

using test::validLayer;

constexpr std::size_t at(TDim d) { return static_cast<std::size_t>(d); }

DimMap dims(std::initializer_list<std::pair<TDim, std::int64_t>> list)
{
    DimMap m = unitDimMap();
    for (const auto& [d, v] : list)
        m[at(d)] = v;
    return m;
}

} // namespace

class TestKaplaEstimator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // A row slides one output column per step: iter = 1 + ⌈(W − max(T, step)) / step⌉.
    void slidingWindowIterations()
    {
        const DimMap t = dims({{TDim::Xi, 3}, {TDim::Xo, 1}, {TDim::R, 3}});
        const DimMap w = dims({{TDim::Xi, 10}, {TDim::Xo, 8}, {TDim::R, 3}});
        const DimIters it = analyzeDimIters({Update{{{TDim::Xi, 1}, {TDim::Xo, 1}}}}, t, w);
        QCOMPARE(it.iters, (std::vector<std::int64_t>{8}));
        QCOMPARE(it.slices.front(), (std::vector<DimStep>{{TDim::Xi, 1}, {TDim::Xo, 1}}));
    }

    // The count is the minimum over the entry's pairs, whatever their order: a pair whose workload is
    // below the block leaves a single iteration (§9 defect 8: the original assigned instead of min).
    void iterationsTakeTheMinimum()
    {
        const DimMap t = dims({{TDim::C, 2}, {TDim::K, 4}});
        const DimMap w = dims({{TDim::C, 8}, {TDim::K, 3}});
        const std::vector<Update> u{Update{{{TDim::C, 2}, {TDim::K, 4}}}, Update{{{TDim::K, 4}, {TDim::C, 2}}},
                                    Update{{{TDim::C, 2}}}, Update{{{TDim::C, 3}}}};
        // C alone: 1 + ⌈(8 − 2)/2⌉ = 4; a step larger than the block slides 1 + ⌈(8 − 3)/3⌉ = 3 times.
        QCOMPARE(analyzeDimIters(u, t, w).iters, (std::vector<std::int64_t>{1, 1, 4, 3}));
    }

    // IFM streamed along a sliding row: T + (iter − 1)·step words per row, times the other dims.
    void slidingWindowTraffic()
    {
        const DimMap t = formatTensor(dims({{TDim::N, 2}, {TDim::C, 4}, {TDim::Xo, 1}, {TDim::R, 3}}),
                                      KaplaLayerType::Conv, false, {1, 1}, 1);
        QCOMPARE(t[at(TDim::Xi)], std::int64_t{3});
        const DimMap w = formatTensor(dims({{TDim::N, 2}, {TDim::C, 4}, {TDim::Xo, 8}, {TDim::R, 3}}),
                                      KaplaLayerType::Conv, false, {1, 1}, 1);
        const DimIters it = analyzeDimIters({Update{{{TDim::Xi, 1}, {TDim::Xo, 1}}}}, t, w);
        const PerCategory<double> words = relevantAccesses(it, t, KaplaLayerType::Conv, false);
        QCOMPARE(words[1], 2.0 * 4 * (3 + 7) * 1); // N·C·(T_Xi + 7 steps)·Yi
        QCOMPARE(words[2], 2.0 * 1 * 8 * 1);       // N·K·Xo·Yo: 8 whole outputs
        QCOMPARE(words[0], 4.0 * 1 * 3 * 1);       // C·K·R·S: the filters are not updated
    }

    // Updates innermost first: C (iter 4) touches FIL and IFM, N (2) IFM and OFM, K (3) FIL and OFM.
    // FIL is re-fetched by N (outside C); IFM by K (outside C and N); OFM by nothing outside N.
    void refetchFromIrrelevantOuterUpdates()
    {
        const std::vector<Update> u{Update{{{TDim::C, 1}}}, Update{{{TDim::N, 1}}}, Update{{{TDim::K, 1}}}};
        const PerCategory<double> rd = redundantIters(u, {4, 2, 3}, false);
        QCOMPARE(rd, (PerCategory<double>{2, 3, 1}));
        // The same updates with K innermost: OFM is then re-fetched by C and N is relevant to it.
        const std::vector<Update> v{Update{{{TDim::K, 1}}}, Update{{{TDim::C, 1}}}, Update{{{TDim::N, 1}}}};
        QCOMPARE(redundantIters(v, {3, 4, 2}, false), (PerCategory<double>{2, 1, 4}));
    }

    // Square array: h first; then the less filled axis (w), and w again while it stays less filled.
    void stackPlacementAlternatesAxes()
    {
        const std::vector<Stack> stacks{Stack{{{TDim::K, 1}}, 4}, Stack{{{TDim::N, 1}}, 2}, Stack{{{TDim::C, 1}}, 2}};
        const StackPlacement p = placeStacks(stacks, {8, 8});
        QCOMPARE(p.axis, (std::vector<int>{0, 1, 1}));
        QCOMPARE(p.logical, (PhyDim2{4, 4}));
    }

    // FIL: the K stack (relevant, on h) sets the neighbour distance 4 along h; the N stack
    // (irrelevant, on w) is the sharing region of 4 nodes along w, where neighbours are 1 apart:
    // fwd = 1·(⌊3/2⌋ + 0)/2, rot = 1·(1·3 + 3)·3/4 (the original averaged both axes: a = 2.5, rot 19.7).
    void gbufSharingRegionDistances()
    {
        const std::vector<Stack> stacks{Stack{{{TDim::K, 10}}, 4}, Stack{{{TDim::N, 2}}, 4}};
        const StackPlacement p = placeStacks(stacks, {16, 16});
        QCOMPARE(p.axis, (std::vector<int>{0, 1}));
        const PerCategory<SharingRegion> r = gbufSharingRegions(stacks, p, false);
        QCOMPARE(r[0].nodes, 4);
        QCOMPARE(r[0].fwdDist, 0.5);
        QCOMPARE(r[0].rotDist, 4.5);
        // A region spanning both axes averages their neighbour distances. On 4×4: K (relevant to FIL)
        // on h, then N on w, then (a tie) N on h: the FIL region is 2×2 with neighbours 2 apart along h
        // and 1 along w: a = 1.5, rot = 1.5·(1.5·2 + 3)·3/4, fwd = 1.5·(0 + 0)/2.
        const std::vector<Stack> square{Stack{{{TDim::K, 1}}, 2}, Stack{{{TDim::N, 1}}, 2}, Stack{{{TDim::N, 2}}, 2}};
        const StackPlacement q = placeStacks(square, {4, 4});
        QCOMPARE(q.axis, (std::vector<int>{0, 1, 0}));
        const PerCategory<SharingRegion> rs = gbufSharingRegions(square, q, false);
        QCOMPARE(rs[0].nodes, 4);
        QCOMPARE(rs[0].rotDist, 6.75);
        QCOMPARE(rs[0].fwdDist, 0.0);
        // IFM does not depend on K: the first stack is its region (4 nodes, neighbour distance 1).
        QCOMPARE(r[1].nodes, 4);
        QCOMPARE(r[1].rotDist, 1.0 * (1.0 * 3 + 3) * 3 / 4);
        QCOMPARE(r[2].nodes, 1); // OFM depends on both
    }

    // Row stationary 4 ofmap rows × 3 filter rows: ifmap rows i + j take 6 distinct values (diagonal
    // reuse), filters 3, ofmaps 4.
    void regfMulticastCopies()
    {
        const std::vector<Stack> stacks{Stack{{{TDim::Yi, 1}, {TDim::Yo, 1}}, 4},
                                        Stack{{{TDim::S, 1}, {TDim::Yi, 1}}, 3}};
        QCOMPARE(regfCopies(stacks, false), (PerCategory<std::int64_t>{3, 6, 4}));
        // With stride 2 the diagonals no longer meet: 4·3 copies of the ifmap rows except i·2 + j overlaps.
        const std::vector<Stack> strided{Stack{{{TDim::Yi, 2}, {TDim::Yo, 1}}, 4},
                                         Stack{{{TDim::S, 1}, {TDim::Yi, 1}}, 3}};
        QCOMPARE(regfCopies(strided, false)[1], std::int64_t{9}); // {0..2} + {0,2,4,6} spans 0..8
    }

    // §9 defect 4: a depthwise filter of 8 channels and 3×3 windows is 72 words, not K²RS = 576.
    void depthwiseFilterSize()
    {
        const DimMap t = formatTensor(dims({{TDim::K, 8}, {TDim::R, 3}, {TDim::S, 3}, {TDim::Xo, 2}, {TDim::Yo, 2}}),
                                      KaplaLayerType::DwConv, false, {1, 1}, 1);
        QCOMPARE(t[at(TDim::C)], std::int64_t{8});
        const PerCategory<double> s = tensorSizes(t, KaplaLayerType::DwConv, false);
        QCOMPARE(s[0], 72.0);
        QCOMPARE(s[1], 8.0 * 4 * 4);
        QCOMPARE(tensorSizes(t, KaplaLayerType::Local, false)[0], 0.0);
    }

    // One node, an FC block of N 2 × C 4 × K 8 held whole in the GBUF; 4 PEs each take 2 output
    // channels and iterate C (4), K (2), N (2) innermost first. Hand-computed:
    //   DRAM  = (32, 8, 16);  REGF-level fetch rd_R = (2, 2, 1); copies = (4, 1, 4)
    //   GBUF  = unit_R·copies·F = (8·4·2, 8·1·2, 4·4·1) = (64, 16, 16)
    //   ITCN  = unit_R·4 PEs·F  = (64, 64, 16);  MACs = 16 steps · 4 PEs = 64;  REGF = (64, 64, 128)
    //   energy (200, 6, 2, 1; MAC 1) = 11200 + 576 + 288 + 256 + 64 = 12384;  proc time 16.
    void wholeLayerEstimate()
    {
        LayerDirectives d;
        d.type = KaplaLayerType::Conv;
        d.gbuf.tensor = formatTensor(dims({{TDim::N, 2}, {TDim::C, 4}, {TDim::K, 8}}), d.type, false, {1, 1}, 1);
        d.gbuf.workload = d.gbuf.tensor;
        d.regf.stacks = {Stack{{{TDim::K, 2}}, 4}};
        d.regf.workload = formatTensor(dims({{TDim::N, 2}, {TDim::C, 4}, {TDim::K, 2}}), d.type, false, {1, 1}, 1);
        d.regf.tensor = formatTensor(unitDimMap(), d.type, false, {1, 1}, 1);
        d.regf.updates = {Update{{{TDim::C, 1}}}, Update{{{TDim::K, 1}}}, Update{{{TDim::N, 1}}}};
        d.unitOps = 1;
        EstimatorContext ctx;
        ctx.nodeArray = {1, 1};
        ctx.peArray = {2, 2};
        ctx.gbufWords = 1000;
        const KaplaEstimate e = estimateDirectives(d, ctx);
        QCOMPARE(e.access[0], (PerCategory<double>{32, 8, 16}));
        QCOMPARE(e.access[1], (PerCategory<double>{64, 16, 16}));
        QCOMPARE(e.access[2], (PerCategory<double>{64, 64, 16}));
        QCOMPARE(e.access[3], (PerCategory<double>{64, 64, 128}));
        QCOMPARE(e.macs, 64.0);
        QCOMPARE(e.procTime, std::int64_t{16});
        QCOMPARE(e.total(), 12384.0);
        QCOMPARE(e.time(), std::int64_t{16});
    }

    // An on-chip source moves the IFM DRAM words to remote GBUF; a pinned filter is never refetched.
    void pipelinedAndPinnedData()
    {
        LayerDirectives d;
        d.type = KaplaLayerType::Conv;
        d.gbuf.tensor = formatTensor(dims({{TDim::N, 2}, {TDim::C, 4}, {TDim::K, 8}}), d.type, false, {1, 1}, 1);
        d.gbuf.workload = d.gbuf.tensor;
        d.regf.tensor = d.gbuf.tensor;
        d.regf.workload = d.gbuf.tensor;
        EstimatorContext ctx;
        ctx.srcIsDram = false;
        ctx.noTimeMux = true;
        ctx.unitNhops = {100, 10, 1};
        ctx.gbufWords = 1000;
        const KaplaEstimate e = estimateDirectives(d, ctx);
        QCOMPARE(e.access[0], (PerCategory<double>{0, 0, 16}));
        QCOMPARE(e.remoteGbuf, (PerCategory<double>{0, 8, 0}));
        QCOMPARE(e.memHops, (PerCategory<double>{0, 10, 1}));
    }

    // The directives derived from an nn_dataflow blocking carry its factors: mlp_s fc1 (784→500),
    // batch 8, one node of 16×16 PEs, replication (8 ifm, 32 ofm), blocking [[7,1,1],[14,1,1],[1,16,8]].
    void derivedDirectivesMatchTheBlocking()
    {
        LayerParams p;
        p.type = LayerType::FC;
        p.nifm = 784;
        p.nofm = 500;
        const Layer fc1 = validLayer(p);
        SolvedLayer s;
        s.layer = &fc1;
        s.batch = 8;
        s.replIfms = 8;
        s.replOfms = 32;
        s.blocking.tvals = {{{7, 1, 1}, {14, 1, 1}, {1, 16, 8}}};
        s.peArray = {16, 16};
        const auto d = deriveDirectives(s);
        QVERIFY(d.has_value());
        QCOMPARE(d->gbuf.tensor[at(TDim::C)], std::int64_t{8 * 14}); // replicas × GBUF × REGF factors
        QCOMPARE(d->gbuf.tensor[at(TDim::K)], std::int64_t{500});    // 32 × 16 capped at the layer
        QCOMPARE(d->gbuf.tensor[at(TDim::N)], std::int64_t{8});
        QCOMPARE(d->regf.tensor[at(TDim::K)], std::int64_t{16});
        QCOMPARE(d->regf.tensor[at(TDim::N)], std::int64_t{8});
        QCOMPARE(d->regfOpsIter, std::int64_t{16 * 8});
        QCOMPARE(d->regf.stacks.size(), std::size_t{2});
        QCOMPARE(d->regf.stacks[0].count, 8);  // input-channel replicas
        QCOMPARE(d->regf.stacks[1].count, 32); // output-channel replicas
        QCOMPARE(d->gbuf.updates, (std::vector<Update>{Update{{{TDim::C, 112}}}}));
        QVERIFY(!deriveDirectives({&fc1, 8, {}, 3, 32, s.blocking, {16, 16}, MappingKind::Eyeriss}).has_value());
    }

    // The fast explorer's per-level estimate of a layer held in one node: DRAM moves every datum
    // once, the GBUF and the bus see each datum once, REGF one access per operand per MAC.
    void fastLayerEstimatePerLevel()
    {
        LayerParams p;
        p.type = LayerType::FC;
        p.nifm = 16;
        p.nofm = 8;
        const Layer fc = validLayer(p);
        Resource res;
        res.procRegion = NodeRegion::make({1, 1}, {0, 0}, NodeRegion::Type::Proc);
        res.dramRegion = NodeRegion::make({1, 1}, {0, 0}, NodeRegion::Type::Dram);
        res.srcDataRegion = res.dramRegion;
        res.dstDataRegion = res.dramRegion;
        res.dimArray = {4, 4};
        res.sizeGbuf = 1e6;
        res.sizeRegf = 64;
        res.arrayBusWidth = kUnlimited;
        res.dramBandwidth = kUnlimited;
        const LayerEstimate e = estimateLayerCost(fc, 2, PartitionScheme{}, res, {}, Options{}, EnergyCosts{});
        QVERIFY(e.valid());
        QCOMPARE(e.access[0], (PerCategory<double>{128, 32, 16}));
        QCOMPARE(e.access[1], (PerCategory<double>{128, 32, 16}));
        QCOMPARE(e.access[3], (PerCategory<double>{256, 256, 512}));
        // 200·176 + 6·176 + 2·176 + 1·1024 + MAC 256, no hops (everything at node (0,0)).
        QCOMPARE(e.energy, 200.0 * 176 + 6 * 176 + 2 * 176 + 1024 + 256);
        // A batch constraint whose blocks cannot fit makes the estimate infinite.
        res.sizeGbuf = 10;
        TopBlockingConstraint c;
        c.topifm = 1;
        c.topofm = 1;
        QVERIFY(!estimateLayerCost(fc, 2, PartitionScheme{}, res, c, Options{}, EnergyCosts{}).valid());
    }
};

QTEST_APPLESS_MAIN(TestKaplaEstimator)
#include "tst_kapla_estimator.moc"
