// The loop nest walked step by step: loop counters, the loop that advanced, each level's tensor tiles
// and what each PE holds, against iterations derived by hand (derivations in the comments).
#include "cost/evaluator.h"
#include "io/project_io.h"
#include "io/schedule_io.h"
#include "report/chart_data.h"
#include "report/loop_nest.h"
#include "report/loop_walk.h"
#include "test_layers.h"
#include "test_paths.h"

#include <QtTest>

using namespace kapla;

namespace {

constexpr std::size_t kFil = 0, kIfm = 1, kOfm = 2;
constexpr std::size_t kDram = 0, kGbuf = 1, kRegf = 2;

IndexRange range(int b, int e) { return {b, e}; }

// A conv of 4 → 8 channels, 4x4 outputs, 3x3 filters (6x6 inputs), batch 2, on one node of 6x8 PEs.
struct SmallConv {
    Project project;
    Architecture arch;
    Evaluation eval;
};

SmallConv smallConv(MappingKind kind, PerLoop<int> repl, std::array<PerLoop<int>, 3> tvals, PerLoop<int> gbufOrder)
{
    SmallConv s;
    s.project.network = Network("small", makeInputLayer(4, {6, 6}));
    if (!s.project.network.add("conv", test::conv(4, 8, 4, 3)).empty())
        qFatal("the small conv does not chain");
    s.project.options.mapping = kind;
    s.arch.peArray = {6, 8};
    s.eval.batch = 2;
    LayerEvaluation le;
    le.name = "conv";
    le.region.dim = {1, 1};
    le.replIfms = repl[0];
    le.replOfms = repl[1];
    le.blocking.tvals = tvals;
    le.blocking.orders = {PerLoop<int>{0, 1, 2}, gbufOrder};
    s.eval.layers.push_back(le);
    return s;
}

// A conv of 1 → 2 channels, 4x4 outputs, 5x5 filters (8x8 inputs), batch 2, on one node of 3x8 PEs:
// the five filter rows do not fit three PE rows.
SmallConv foldedConv()
{
    SmallConv s;
    s.project.network = Network("folded", makeInputLayer(1, {8, 8}));
    if (!s.project.network.add("conv", test::conv(1, 2, 4, 5)).empty())
        qFatal("the folded conv does not chain");
    s.arch.peArray = {3, 8};
    s.eval.batch = 2;
    LayerEvaluation le;
    le.name = "conv";
    le.region.dim = {1, 1};
    le.replIfms = 1;
    le.replOfms = 2;
    le.blocking.tvals = {{PerLoop<int>{1, 1, 1}, PerLoop<int>{1, 1, 1}, PerLoop<int>{1, 1, 2}}};
    le.blocking.orders = {PerLoop<int>{0, 1, 2}, PerLoop<int>{0, 1, 2}};
    s.eval.layers.push_back(le);
    return s;
}

LoopScheme schemeOf(const Project& p, const Architecture& a, const Evaluation& e, int layer)
{
    auto s = loopScheme(p, a, e, layer);
    if (!s)
        qFatal("no loop scheme");
    return *s;
}

Evaluation evaluateFile(const Project& project, const std::string& scheduleRel)
{
    const Schedule schedule = io::loadScheduleFile(test::sourcePath(scheduleRel)).value();
    auto eval = evaluateSchedule(ResolvedProject::resolve(project).value(), schedule);
    if (!eval)
        qFatal("%s does not fit", scheduleRel.c_str());
    return std::move(eval).value();
}

} // namespace

class TestLoopWalk : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // Row stationary on 6x8 PEs: logical set 3 filter rows x 4 output rows, replicated 2x2 (no fold);
    // the replication 2 input x 2 output channels gives loop counts C 2, K 4, N 2. Blocking:
    // DRAM K 2; GBUF N 2 (outer), C 2 (inner); REGF K 2. Loops outermost first: k2 (DRAM K), n1, c1,
    // k0 (REGF K), each of 2, so 16 steps and step = 8·k2 + 4·n1 + 2·c1 + k0.
    // Extents one iteration covers: DRAM K 2·2 = 4 channels (so C 4, N 2: the whole node);
    // GBUF N 1 sample, C 2 channels, K 4; REGF K 2 (the unit), C 2, N 1.
    void smallConvRowStationary()
    {
        const SmallConv s = smallConv(MappingKind::Eyeriss, {2, 2, 1}, {{{1, 2, 1}, {2, 1, 2}, {1, 2, 1}}}, {0, 1, 2});
        const LoopScheme scheme = schemeOf(s.project, s.arch, s.eval, 0);
        QCOMPARE(walkLength(scheme), std::int64_t{16});
        const std::vector<LoopRef> loops{{0, LoopDim::Ofm}, {1, LoopDim::Bat}, {1, LoopDim::Ifm}, {2, LoopDim::Ofm}};
        QVERIFY(scheme.loops() == loops);

        // Step 0: every counter 0, nothing advanced. DRAM tile: outputs N 0..2, K 0..4, all 4x4 pixels;
        // filters C 0..4, K 0..4, 3x3; inputs N 0..2, C 0..4, all 6x6.
        const LoopStep s0 = walkStep(scheme, 0);
        QCOMPARE(s0.counters, (std::vector<int>{0, 0, 0, 0}));
        QVERIFY(!s0.changed);
        QCOMPARE(s0.tiles[kDram][kOfm], (TensorTile{range(0, 2), {}, range(0, 4), range(0, 4), range(0, 4)}));
        QCOMPARE(s0.tiles[kDram][kFil], (TensorTile{{}, range(0, 4), range(0, 4), range(0, 3), range(0, 3)}));
        QCOMPARE(s0.tiles[kDram][kIfm], (TensorTile{range(0, 2), range(0, 4), {}, range(0, 6), range(0, 6)}));
        QCOMPARE(s0.tiles[kGbuf][kFil], (TensorTile{{}, range(0, 2), range(0, 4), range(0, 3), range(0, 3)}));
        QCOMPARE(s0.tiles[kGbuf][kIfm].n, range(0, 1));
        QCOMPARE(s0.tiles[kRegf][kFil], (TensorTile{{}, range(0, 2), range(0, 2), range(0, 3), range(0, 3)}));
        QCOMPARE(s0.whole[kOfm], (TensorTile{range(0, 2), {}, range(0, 8), range(0, 4), range(0, 4)}));

        // Step 1 = k0 1: the REGF K loop advanced; the pass takes K 2..4.
        const LoopStep s1 = walkStep(scheme, 1);
        QCOMPARE(s1.changed, std::optional<std::size_t>(3));
        QCOMPARE(s1.tiles[kRegf][kOfm].k, range(2, 4));
        QCOMPARE(s1.tiles[kGbuf][kOfm].k, range(0, 4));

        // Step 2 = c1 1: the GBUF C loop advanced; the GBUF brings C 2..4 into the REGFs, pass K 0..2.
        const LoopStep s2 = walkStep(scheme, 2);
        QCOMPARE(s2.changed, std::optional<std::size_t>(2));
        QCOMPARE(s2.tiles[kGbuf][kIfm].c, range(2, 4));
        QCOMPARE(s2.tiles[kRegf][kFil].c, range(2, 4));
        QCOMPARE(s2.tiles[kRegf][kFil].k, range(0, 2));

        // Step 5 = n1 1, k0 1: sample 1, pass K 2..4, C 0..2.
        const LoopStep s5 = walkStep(scheme, 5);
        QCOMPARE(s5.counters, (std::vector<int>{0, 1, 0, 1}));
        QCOMPARE(s5.changed, std::optional<std::size_t>(3));
        QCOMPARE(s5.tiles[kRegf][kOfm], (TensorTile{range(1, 2), {}, range(2, 4), range(0, 4), range(0, 4)}));

        // Step 8 = k2 1: the DRAM loop advanced; the GBUF now holds K 4..8, the pass K 4..6.
        const LoopStep s8 = walkStep(scheme, 8);
        QCOMPARE(s8.changed, std::optional<std::size_t>(0));
        QCOMPARE(s8.tiles[kDram][kOfm].k, range(4, 8));
        QCOMPARE(s8.tiles[kRegf][kOfm].k, range(4, 6));
        QCOMPARE(s8.tiles[kRegf][kIfm].c, range(0, 2));

        // Step 15: every counter 1: sample 1, C 2..4, K 6..8.
        const LoopStep s15 = walkStep(scheme, 15);
        QCOMPARE(s15.tiles[kRegf][kFil].k, range(6, 8));
        QCOMPARE(s15.tiles[kRegf][kIfm], (TensorTile{range(1, 2), range(2, 4), {}, range(0, 6), range(0, 6)}));

        // PEs at step 1 (pass C 0..2, K 2..4, sample 0): copy (a, b) = a·2 + b takes input channel
        // copy % 2 and output channel 2 + copy / 2; PE (row, col) = (a·3 + r, b·4 + c) keeps filter row r
        // and produces output row c. PE (4, 5): a 1, r 1, b 1, c 1 → copy 3, C 1, K 3.
        const std::vector<PeWork> pes = peWork(scheme, s1);
        QCOMPARE(pes.size(), std::size_t(48));
        QCOMPARE(pes[0], (PeWork{0, 0, 0, -1, 0, 2, 0}));
        QCOMPARE(pes[4 * 8 + 5], (PeWork{3, 1, 1, -1, 1, 3, 0}));
        QCOMPARE(std::count_if(pes.begin(), pes.end(), [](const PeWork& w) { return w.copy >= 0; }),
                 std::ptrdiff_t{48});
    }

    // Row stationary with folded filter rows. Logical set 5 filter rows x 4 output rows on 3x8 PEs:
    // height fold ceil(5 / 3) = 2, so the folded set is ceil(5 / 2) = 3 rows x 4, replicated twice
    // across (8 / 4); the cost model's pass time is fold.h · opsPerLpe = 2 rounds. One choice: 1 input x
    // 2 output channels per pass, loop counts C 1, K 1, N 2 (REGF N 2). Steps: pass · 2 + round, 4 in all.
    // Round 0 keeps filter rows 0..2 on PE rows 0..2 (24 busy PEs), round 1 rows 3..4 on PE rows 0..1
    // (16 busy, PE row 2 idle). Step 2 = pass 1 (sample 1), round 0: the REGF batch loop advanced.
    void rowStationaryWalksEveryFoldRound()
    {
        const SmallConv s = foldedConv();
        const LoopScheme scheme = schemeOf(s.project, s.arch, s.eval, 0);
        QCOMPARE(scheme.info.fold, (PhyDim2{2, 1}));
        QCOMPARE(scheme.info.flpeset, (PhyDim2{3, 4}));
        QCOMPARE(scheme.info.repl, (PhyDim2{1, 2}));
        QCOMPARE(scheme.foldRounds, 2);
        QCOMPARE(walkLength(scheme), std::int64_t{4});
        QCOMPARE(foldRoundRows(scheme, 0), range(0, 3));
        QCOMPARE(foldRoundRows(scheme, 1), range(3, 5));
        const auto busy = [](const std::vector<PeWork>& pes) {
            return std::count_if(pes.begin(), pes.end(), [](const PeWork& w) { return w.copy >= 0; });
        };

        const LoopStep s0 = walkStep(scheme, 0);
        QCOMPARE(s0.foldRound, 0);
        const std::vector<PeWork> p0 = peWork(scheme, s0);
        QCOMPARE(busy(p0), std::ptrdiff_t{24});
        // PE (2, 5): copy 1 (columns 4..7), filter row 2, output row 1, input channel 0, K 1, sample 0.
        QCOMPARE(p0[2 * 8 + 5], (PeWork{1, 2, 1, -1, 0, 1, 0}));

        const LoopStep s1 = walkStep(scheme, 1);
        QCOMPARE(s1.foldRound, 1);
        QCOMPARE(s1.counters, s0.counters);
        QCOMPARE(s1.changed, std::optional<std::size_t>{});
        QVERIFY(s1.tiles == s0.tiles);
        const std::vector<PeWork> p1 = peWork(scheme, s1);
        QCOMPARE(busy(p1), std::ptrdiff_t{16});
        QCOMPARE(p1[0 * 8 + 0], (PeWork{0, 3, 0, -1, 0, 0, 0}));
        QCOMPARE(p1[1 * 8 + 5], (PeWork{1, 4, 1, -1, 0, 1, 0}));
        QCOMPARE(p1[2 * 8 + 5], PeWork{});

        const LoopStep s2 = walkStep(scheme, 2);
        QCOMPARE(s2.foldRound, 0);
        QCOMPARE(s2.counters, (std::vector<int>{1}));
        QCOMPARE(s2.changed, std::optional<std::size_t>(0));
        QCOMPARE(s2.tiles[kRegf][kOfm].n, range(1, 2));
        QCOMPARE(peWork(scheme, walkStep(scheme, 3))[1 * 8 + 5], (PeWork{1, 4, 1, -1, 0, 1, 1}));
    }

    // The loop-nest text names the same loops, in the same order, as the walk.
    void loopLinesFollowTheWalk()
    {
        const SmallConv s = smallConv(MappingKind::Eyeriss, {2, 2, 1}, {{{1, 2, 1}, {2, 1, 2}, {1, 2, 1}}}, {0, 1, 2});
        const LoopNest nest = loopNest(s.project, s.arch, s.eval, 0);
        QCOMPARE(nest.loopLines.size(), std::size_t(4));
        const char* expected[] = {"for k2 in 0 ..< 2", "for n1 in 0 ..< 2", "for c1 in 0 ..< 2", "for k0 in 0 ..< 2"};
        for (std::size_t i = 0; i < 4; ++i)
            QVERIFY2(nest.code[nest.loopLines[i]].find(expected[i]) != std::string::npos,
                     nest.code[nest.loopLines[i]].c_str());
    }

    // Systolic on 6x8 PEs: 16 output pixels x 8 output channels fold 3 times along the height (6 pixels
    // per pass), no replication: loop counts C 4, K 1, N 2·3. The height folds split into 1 row block x
    // 3 column blocks of 4 rows x 2 columns. Blocking DRAM C 2, GBUF N 6, REGF C 2: step = 12·c2 + 2·n1 + c0.
    // Step 7 = n1 3, c0 1: batch unit 3 = sample 1, first pixel block (rows 0..4, columns 0..2); input
    // channel 1; all 8 output channels (a pass holds one column per output channel); input rows 0..6,
    // columns 0..4 (3 wide window, stride 1).
    void smallConvSystolic()
    {
        const SmallConv s = smallConv(MappingKind::Systolic, {1, 1, 1}, {{{2, 1, 1}, {1, 1, 6}, {2, 1, 1}}}, {0, 1, 2});
        const LoopScheme scheme = schemeOf(s.project, s.arch, s.eval, 0);
        QCOMPARE(scheme.info.flpeset, (PhyDim2{6, 8}));
        QCOMPARE(walkLength(scheme), std::int64_t{24});
        const LoopStep s7 = walkStep(scheme, 7);
        QCOMPARE(s7.counters, (std::vector<int>{0, 3, 1}));
        QCOMPARE(s7.changed, std::optional<std::size_t>(2));
        QCOMPARE(s7.tiles[kRegf][kOfm], (TensorTile{range(1, 2), {}, range(0, 8), range(0, 4), range(0, 2)}));
        QCOMPARE(s7.tiles[kRegf][kIfm], (TensorTile{range(1, 2), range(1, 2), {}, range(0, 6), range(0, 4)}));
        // Step 8 = n1 4: the GBUF batch loop advanced to the second pixel block (columns 2..4).
        const LoopStep s8 = walkStep(scheme, 8);
        QCOMPARE(s8.changed, std::optional<std::size_t>(1));
        QCOMPARE(s8.tiles[kGbuf][kOfm].cols, range(2, 4));
        // PE (row r, col c) holds pixel r of the 4x2 block (row r / 2, column r % 2) and output channel c.
        const std::vector<PeWork> pes = peWork(scheme, s7);
        QCOMPARE(pes[5 * 8 + 3], (PeWork{0, -1, 2, 1, 1, 3, 1}));
        QCOMPARE(std::count_if(pes.begin(), pes.end(), [](const PeWork& w) { return w.copy >= 0; }),
                 std::ptrdiff_t{48});
    }

    // AlexNet conv3_a of the saved 16x16 schedule (2 input x 1 output channels per pass). Per node:
    // 256 / 64 = 4 input channels, 192 output channels, 7x13 outputs (OFMP 2 rows), 8 samples. On 8x8 PEs
    // the row-stationary set is 3 filter rows x 7 output rows, replicated twice down (copies take input
    // channels). Blocking GBUF K 64 (outer), N 8; REGF K 3, C 2: step = 48·k1 + 6·n1 + 2·k0 + c0.
    void alexnetConv3a()
    {
        const Project project = io::loadProjectFile(test::sourcePath("sample_projects/alexnet-16x16.yaml")).value();
        const Evaluation eval = evaluateFile(project, "docs/images/alexnet-16x16-exhaustive.yaml");
        const int layer = layerIndex(eval, "conv3_a");
        QVERIFY(layer >= 0);
        const Architecture arch = ResolvedProject::resolve(project).value().architecture();
        const LoopScheme scheme = schemeOf(project, arch, eval, layer);
        QCOMPARE(scheme.info.flpeset, (PhyDim2{3, 7}));
        QCOMPARE(scheme.info.repl, (PhyDim2{2, 1}));
        QCOMPARE(walkLength(scheme), std::int64_t{64 * 8 * 3 * 2});
        // DRAM level: no loop, the GBUF holds the node's whole layer.
        const LoopStep s0 = walkStep(scheme, 0);
        QCOMPARE(s0.tiles[kDram][kIfm], (TensorTile{range(0, 8), range(0, 4), {}, range(0, 9), range(0, 15)}));
        QCOMPARE(s0.tiles[kGbuf][kOfm].k, range(0, 3));
        QCOMPARE(s0.tiles[kRegf][kFil], (TensorTile{{}, range(0, 2), range(0, 1), range(0, 3), range(0, 3)}));
        // Step 1 = c0 1: input channels 2..4.
        QCOMPARE(walkStep(scheme, 1).tiles[kRegf][kIfm].c, range(2, 4));
        // Step 6 = n1 1: the GBUF batch loop advanced: sample 1, K 0..1, C 0..2.
        const LoopStep s6 = walkStep(scheme, 6);
        QCOMPARE(s6.changed, std::optional<std::size_t>(1));
        QCOMPARE(s6.tiles[kRegf][kOfm], (TensorTile{range(1, 2), {}, range(0, 1), range(0, 7), range(0, 13)}));
        // Step 1000: c0 0, 500 % 3 = 2 → k0 2, 166 % 8 = 6 → n1 6, 20 → k1 20. GBUF K 60..63, sample 6;
        // the pass: K 62, C 0..2. Changed: k0 (the innermost non-zero counter).
        const LoopStep s1000 = walkStep(scheme, 1000);
        QCOMPARE(s1000.counters, (std::vector<int>{20, 6, 2, 0}));
        QCOMPARE(s1000.changed, std::optional<std::size_t>(2));
        QCOMPARE(s1000.tiles[kGbuf][kOfm].k, range(60, 63));
        QCOMPARE(s1000.tiles[kRegf][kOfm], (TensorTile{range(6, 7), {}, range(62, 63), range(0, 7), range(0, 13)}));
        // PE (4, 5): copy 1 (rows 3..6), filter row 1, output row 5, input channel 1, K 62, sample 6.
        const std::vector<PeWork> pes = peWork(scheme, s1000);
        QCOMPARE(pes[4 * 8 + 5], (PeWork{1, 1, 5, -1, 1, 62, 6}));
        QCOMPARE(pes[6 * 8 + 0], PeWork{});
        QCOMPARE(std::count_if(pes.begin(), pes.end(), [](const PeWork& w) { return w.copy >= 0; }),
                 static_cast<std::ptrdiff_t>(scheme.info.activePes()));
    }
};

QTEST_APPLESS_MAIN(TestLoopWalk)
#include "tst_loop_walk.moc"
