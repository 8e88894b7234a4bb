// KAPLA's intra-layer solver step by step (KAPLA spec §4.2–§4.4) on small cases worked by hand:
// fill_stack (cost descending, the padding fallback, the trivial case), fill_tensor (phase A and B),
// the constraint check, one greedy blocking per order pair, fill_stack's replication choice, the
// whole layer solve against the exhaustive optimum, and the inter-layer helpers (sampling, k-best chains).
#include "cost/fmap_layouts.h"
#include "cost/layer_cost.h"
#include "cost/map_strategy.h"
#include "cost/pipeline_segment.h"
#include "io/project_io.h"
#include "solve/kapla/cost_descending.h"
#include "solve/kapla/fill_choices.h"
#include "solve/kapla/greedy_blocking.h"
#include "solve/kapla/hop_estimate.h"
#include "solve/kapla/layer_solver.h"
#include "solve/kapla/segment_pruning.h"
#include "test_paths.h"

#include <QtTest>

using namespace kapla;
using namespace kapla::ksolve;

namespace {

// Conv data loops: FIL on (IFM, OFM), IFM on (IFM, BAT), OFM on (OFM, BAT).
const DimSpace kConv = loopDimSpace({0b011u, 0b101u, 0b110u}, 2);
constexpr PerLoop<int> kIfmInner{0, 1, 2};
constexpr PerLoop<int> kOfmInner{1, 0, 2};

// mlp_s fc1 (784→500), batch 8, on Setup A (one node of 16×16 PEs, 65536/256 words): the §8.3
// worked example, whose exhaustive optimum costs 99,797,440.
struct Fc1SetupA {
    Project project;
    Architecture arch;
    Resource top;
    const Layer* fc1 = nullptr;

    Fc1SetupA()
    {
        auto p = io::loadProjectFile(test::sourcePath("sample_projects/golden/setup-a-mlp_s-b8.yaml"));
        if (!p)
            qFatal("cannot load the Setup A project");
        project = p.value();
        arch = resolveArchitecture(project.architecture).value();
        top = topLevelResource(arch);
        fc1 = &project.network.at(project.network.find("fc1")).layer;
    }
};

} // namespace

class TestKaplaLayerSolver : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // K innermost: FIL (re-fetched per batch, 1000·4) and OFM (per input channel, 100·2·8) change
    // with it. Width factor 2: FIL is largest → its irrelevant loop BAT (4 divisible) → 2; again FIL
    // (2000 > 1600) → BAT 1. Height factor 2: OFM (1600 > 1000) → its irrelevant IFM → 4.
    void fillStackAttacksTheLargestRefetch()
    {
        DimCounts remain{8, 6, 4, 1};
        const StackFill f = fillStack(kConv, {1000, 200, 100}, remain, {4, 2}, kOfmInner, 0b111u);
        QCOMPARE(f.steps, (std::vector<StackStep>{{0, 2, 2}, {0, 2, 2}, {1, 0, 2}}));
        QCOMPARE(remain, (DimCounts{4, 6, 1, 1}));
        QCOMPARE(f.total(2), 4);
        QCOMPARE(f.leftover, (std::array<int, 2>{1, 1}));
    }

    // FIL (3000) is largest but BAT (3) does not divide by 2: the padded pair with the least total
    // re-fetch wins — (FIL, BAT): 1500 + 10·4/3 + 80·4/3 = 1620 against (OFM, IFM) 3050 and
    // (IFM, OFM) 3085. The original divided FIL's term for every pair and would pick (IFM, OFM) at 1590.
    void fillStackPaddingFallback()
    {
        DimCounts remain{4, 4, 3, 1};
        const StackFill f = fillStack(kConv, {1000, 10, 10}, remain, {2, 1}, kOfmInner, 0b111u);
        QCOMPARE(f.steps, (std::vector<StackStep>{{0, 2, 2}}));
        QCOMPARE(remain, (DimCounts{4, 4, 2, 1}));
    }

    // Nothing left to multicast (the irrelevant loops of FIL and OFM are done): the innermost loop
    // itself is split; once it is done too the hardware stays unused.
    void fillStackSplitsTheInnerLoopLast()
    {
        DimCounts remain{1, 6, 1, 1};
        const StackFill f = fillStack(kConv, {1000, 200, 100}, remain, {2, 3}, kOfmInner, 0b111u);
        QCOMPARE(f.steps, (std::vector<StackStep>{{0, 1, 2}, {1, 1, 3}}));
        QCOMPARE(remain, (DimCounts{1, 1, 1, 1}));
        DimCounts done{1, 1, 1, 1};
        const StackFill g = fillStack(kConv, {1000, 200, 100}, done, {2, 1}, kOfmInner, 0b111u);
        QVERIFY(g.steps.empty());
        QCOMPARE(g.leftover, (std::array<int, 2>{2, 1}));
    }

    // C innermost: FIL and IFM change with it; their irrelevant loops BAT and OFM are grown in phase
    // A. Capacity 10·C·K + 2·C·N + K·N ≤ 200: every (N, K) pair fits; the least outer re-fetch
    // 4000/N + 1200/K is at (4, 6) = 92 words. Phase B then doubles C (160 ≤ 200) and stops at 4 (296).
    void fillTensorPhases()
    {
        const auto words = [](const DimCounts& f) { return 10 * f[0] * f[1] + 2 * f[0] * f[2] + f[1] * f[2]; };
        DimCounts remain{4, 6, 4, 1};
        DimCounts factors = kUnitDims;
        QVERIFY(fillTensor(kConv, {1000, 200, 100}, remain, factors, kIfmInner,
                           [&](const DimCounts& f) { return words(f) <= 200; }));
        QCOMPARE(factors, (DimCounts{2, 6, 4, 1}));
        QCOMPARE(remain, (DimCounts{2, 1, 1, 1}));
        // With 100 words phase A still takes (4, 6) = 92, and phase B cannot double C (160).
        DimCounts remain2{4, 6, 4, 1};
        DimCounts factors2 = kUnitDims;
        QVERIFY(fillTensor(kConv, {1000, 200, 100}, remain2, factors2, kIfmInner,
                           [&](const DimCounts& f) { return words(f) <= 100; }));
        QCOMPARE(factors2, (DimCounts{1, 6, 4, 1}));
        // A block that does not fit to begin with fails and changes nothing.
        DimCounts remain3{4, 6, 4, 1};
        DimCounts factors3 = kUnitDims;
        QVERIFY(!fillTensor(kConv, {1000, 200, 100}, remain3, factors3, kIfmInner,
                            [&](const DimCounts& f) { return words(f) <= 10; }));
        QCOMPARE(remain3, (DimCounts{4, 6, 4, 1}));
    }

    // fill_stack's replication at the PE array of fc1 (repl 16×16 over C and K): with C innermost the
    // filters and ifmaps tie; the filters' irrelevant loop (BAT) is not replicable, so every factor
    // goes to K (the ifmaps' irrelevant loop): 1×256. With K innermost the ofmaps (×784 input channels)
    // lead: C takes 32, K 8 → the closest choice 16×16.
    void replicationByFillStack()
    {
        const Fc1SetupA s;
        const PartitionedLayer pl = PartitionScheme{}.partLayer(*s.fc1, s.project.batch);
        const auto nlds = mapLayer(pl.layer, pl.batch, pl.occupancy, s.top.dimArray, MappingKind::Eyeriss, pl.rwData);
        QCOMPARE(nlds.size(), std::size_t{5});
        const PerLoop<int> choice = replicationChoices(pl, nlds, s.top.dimArray, MappingKind::Eyeriss);
        QCOMPARE(choice, (PerLoop<int>{0, 4, 4}));
        QCOMPARE(nlds[0].replIfms, 1);
        QCOMPARE(nlds[4].replIfms, 16);
        QCOMPARE(nlds[4].replOfms, 16);
    }

    // A batch constraint must divide the loop; an on-chip source pins the loop that would re-fetch it.
    void constraintCheck()
    {
        const Fc1SetupA s;
        const PartitionedLayer pl = PartitionScheme{}.partLayer(*s.fc1, s.project.batch);
        const auto nlds = mapLayer(pl.layer, pl.batch, pl.occupancy, s.top.dimArray, MappingKind::Eyeriss, pl.rwData);
        LoopBlockingContext ctx;
        ctx.resource = &s.top;
        ctx.options = &s.project.options;
        LoopBlockingPrecomp pc = precomputeLoopBlocking(nlds[3], ctx);
        QCOMPARE(pc.loopcnt, (PerLoop<int>{98, 16, 8}));
        TopBlockingConstraint c;
        c.topbat = 3;
        QVERIFY(!checkConstraint(pc, c, false).feasible);
        c.topbat = 4;
        QCOMPARE(checkConstraint(pc, c, false).top, (PerLoop<int>{0, 0, 4}));
        pc.srcIsDram = false; // ifmaps forwarded from another region: the OFM loop may not iterate above
        QCOMPARE(checkConstraint(pc, c, true).top, (PerLoop<int>{0, 1, 4}));
    }

    // One order pair on fc1 with the 8×32 replication (loops 98, 16, 8; GBUF units 256, 8, 32;
    // REGF units 1 each, 256 words). REGF, C innermost: phase A grows N to 8 and K to 16 (152 words),
    // phase B C to 2 (176; 14 would need 464). GBUF, C innermost: C by 7 (62,336 ≤ 65,536 words).
    // The rest (7) stays at the DRAM level. It costs what the exhaustive optimum costs.
    void greedyBlockingOfOneOrderPair()
    {
        const Fc1SetupA s;
        const PartitionedLayer pl = PartitionScheme{}.partLayer(*s.fc1, s.project.batch);
        const auto nlds = mapLayer(pl.layer, pl.batch, pl.occupancy, s.top.dimArray, MappingKind::Eyeriss, pl.rwData);
        LoopBlockingContext ctx;
        ctx.resource = &s.top;
        ctx.options = &s.project.options;
        ctx.accessEnergy = s.arch.energy.access;
        const LoopBlockingPrecomp pc = precomputeLoopBlocking(nlds[3], ctx);
        GreedyBlocking gb(pc, checkConstraint(pc, {}, false));
        QCOMPARE(gb.regfBlock(0), std::optional<PerLoop<int>>(PerLoop<int>{2, 16, 8}));
        QCOMPARE(gb.gbufBlock(0, 0), std::optional<PerLoop<int>>(PerLoop<int>{7, 1, 1}));
        const auto spec = gb.build(kIfmInner, kIfmInner);
        QVERIFY(spec.has_value());
        QCOMPARE(spec->tvals, (std::array<PerLoop<int>, 3>{{{7, 1, 1}, {7, 1, 1}, {2, 16, 8}}}));
        const LoopBlockingResult r = evaluateLoopBlocking(pc, *spec);
        QVERIFY(r.valid);
        LayerEvaluation le;
        fillLayerCost(le, r.stats, {0, 0, 0}, s.arch.energy);
        QCOMPARE(le.cost, 99797440.0);
        // Stepping the REGF fill down one divisor per loop: C 2 -> 1, N 8 -> 4 (loop counts 98 and 8).
        GreedyBlocking lessC(pc, checkConstraint(pc, {}, false), 0);
        QCOMPARE(lessC.regfBlock(0), std::optional<PerLoop<int>>(PerLoop<int>{1, 16, 8}));
        GreedyBlocking lessN(pc, checkConstraint(pc, {}, false), 2);
        QCOMPARE(lessN.regfBlock(0), std::optional<PerLoop<int>>(PerLoop<int>{2, 16, 4}));
        // Every order pair gives one candidate per variant at most; all are distinct.
        const auto all = greedyBlockings(pc, {}, 0b111u);
        QVERIFY(!all.empty() && all.size() <= 36 * kGreedyVariants);
    }

    // The whole intra-layer solve of fc1 finds the exhaustive optimum (§8.3): 99,797,440 with the
    // 8×32 replication.
    void layerSolveMatchesTheOptimum()
    {
        const Fc1SetupA s;
        const DataLayout in = layoutOnRegion(fullFmapRange(s.project.batch, s.project.network.input()),
                                             s.top.srcDataRegion, PartitionScheme{});
        const KaplaParams params;
        LayerProblem p;
        p.layer = s.fc1;
        p.batch = s.project.batch;
        p.resource = &s.top;
        p.ifmapLayout = &in;
        p.options = &s.project.options;
        p.energy = &s.arch.energy;
        p.params = &params;
        SolveCounters counters;
        const auto sol = solveLayer(p, counters, std::stop_token{});
        QVERIFY(sol.has_value());
        QCOMPARE(sol->eval.cost, 99797440.0);
        QCOMPARE(sol->replIfms, 8);
        QCOMPARE(sol->replOfms, 32);
        QVERIFY(counters.evaluations.load() > 0);
    }

    // Kruskal on a lattice of 4×2 nodes, strides 1 and 4: 3 links of 1 in each of 2 rows, then 1 of 4.
    void latticeSpanningTree()
    {
        QCOMPARE(latticeTreeLength({4, 2}, {1, 4}), 10.0);
        QCOMPARE(latticeTreeLength({2, 4}, {4, 1}), 10.0);
        QCOMPARE(latticeTreeLength({}, {}), 0.0);
    }

    // Seeded sampling: min(⌈0.3·n⌉, 16) distinct ascending indices, the same for the same seed.
    void seededPartitionSampling()
    {
        const KaplaParams params;
        const auto a = samplePartitions(100, params, 7, 3, 1);
        QCOMPARE(a.size(), std::size_t{16});
        QVERIFY(std::is_sorted(a.begin(), a.end()));
        QVERIFY(std::adjacent_find(a.begin(), a.end()) == a.end());
        QVERIFY(a.back() < 100);
        QCOMPARE(samplePartitions(100, params, 7, 3, 1), a);
        QVERIFY(samplePartitions(100, params, 8, 3, 1) != a);
        QCOMPARE(samplePartitions(5, params, 7, 0, 0).size(), std::size_t{2});
        QCOMPARE(samplePartitions(1, params, 7, 0, 0), (std::vector<std::size_t>{0}));
    }

    // Three layers; singles cost 5 each, [0-1] costs 6, [1-2] 20. The best chain is [0-1] + [2]
    // (11 < 15 < 25): with k = 1 it keeps [0-1] and every single, not [1-2].
    void kBestSegmentChains()
    {
        std::vector<SegmentPlan> plans(5);
        const std::vector<std::pair<std::size_t, std::size_t>> spans{{0, 0}, {1, 1}, {0, 1}, {2, 2}, {1, 2}};
        for (std::size_t i = 0; i < plans.size(); ++i) {
            plans[i].firstPosition = spans[i].first;
            plans[i].lastPosition = spans[i].second;
            plans[i].singleLayer = spans[i].first == spans[i].second;
        }
        const std::vector<double> costs{5, 5, 6, 5, 20};
        QCOMPARE(selectSegments(plans, costs, 3, 1), (std::vector<bool>{true, true, true, true, false}));
        QCOMPARE(selectSegments(plans, costs, 3, 2), (std::vector<bool>{true, true, true, true, false}));
        QCOMPARE(selectSegments(plans, costs, 3, 0), (std::vector<bool>(5, true)));
    }
};

QTEST_APPLESS_MAIN(TestKaplaLayerSolver)
#include "tst_kapla_layer_solver.moc"
