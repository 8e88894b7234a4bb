// A scheduled layer solved alone under the other PE-array mapping. On one node there is a single
// partition, so the exhaustive search of a one-conv network under each mapping is the reference: the
// layer of the row-stationary schedule solved under systolic must cost exactly what the systolic
// schedule's layer costs, and the other way round. On the saved AlexNet schedule the other mapping's
// answer keeps the schedule's partition, region and buffers.

#include "cost/evaluator.h"
#include "io/project_io.h"
#include "io/schedule_io.h"
#include "report/chart_data.h"
#include "report/layer_remap.h"
#include "report/loop_walk.h"
#include "solve/solver.h"
#include "test_paths.h"
#include "test_projects.h"

#include <QtTest>

using namespace kapla;

namespace {

// One 3x3 conv of 8 → 16 channels, 16x16 outputs, batch 4, on one node of 8x8 PEs.
constexpr const char* kOneNodeConv = R"(version: 1
project:
  name: one node conv
  batch: 4
  network:
    name: one
    input: {nofm: 8, sofm: 18}
    layers:
      - {name: conv1, type: conv, nifm: 8, nofm: 16, sofm: 16, sfil: 3, prevs: [__INPUT__]}
  architecture:
    name: one node
    energy_unit: J
    kapla_hardware:
      word_bit: 16
      op_cost: 9.984e-13
      DRAM: {access_cost: 4.0189027539954336e-10, bandwidth: 51.2, bus_width: 128}
      GBUF: {size: 65536, array: [1, 1], access_cost: 2.8325450000000004e-12, hop_cost: 9.76e-12, idle_cost: 1.2728688055044508e-09, mem_type: 2D}
      ITCN: {access_cost: 1.6416e-12}
      REGF: {size: 64, array: [8, 8], access_cost: 9.408850000000001e-14}
  options: {preset: inference, solver: exhaustive}
)";

struct Solved {
    Project project;
    Architecture arch;
    Evaluation eval;
};

Solved solveOneNode(MappingKind kind)
{
    auto parsed = io::parseProject(kOneNodeConv, "one node conv", ".");
    if (!parsed)
        qFatal("%s", parsed.diagnostics().front().format().c_str());
    Solved s{parsed.value(), {}, {}};
    s.project.options.mapping = kind;
    s.arch = ResolvedProject::resolve(s.project).value().architecture();
    const SolveResult r = solve(s.project, SolveSettings{}, std::stop_token{});
    if (!r.evaluation)
        qFatal("the one-node conv has no schedule: %s", r.message.c_str());
    s.eval = *r.evaluation;
    return s;
}

} // namespace

class TestLayerRemap : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void oneNodeMatchesTheSearchUnderEachMapping()
    {
        const Solved rs = solveOneNode(MappingKind::Eyeriss);
        const Solved sys = solveOneNode(MappingKind::Systolic);
        QCOMPARE(rs.eval.layers.size(), std::size_t{1});
        QCOMPARE(sys.eval.layers.size(), std::size_t{1});
        for (const auto& [from, to] : {std::pair{&rs, &sys}, std::pair{&sys, &rs}}) {
            const MappingKind kind = to->project.options.mapping;
            const RemappedLayer r = solveLayerUnderMapping(from->project, from->arch, from->eval, 0, kind);
            QVERIFY2(r.evaluation.has_value(), r.problem.c_str());
            QCOMPARE(r.mapping, kind);
            const LayerEvaluation& want = to->eval.layers[0];
            QCOMPARE(r.evaluation->cost, want.cost);
            QCOMPARE(r.evaluation->time, want.time);
            QCOMPARE(r.evaluation->replIfms, want.replIfms);
            QCOMPARE(r.evaluation->replOfms, want.replOfms);
            QVERIFY(r.evaluation->blocking.tvals == want.blocking.tvals);
        }
        // The two mappings really differ on this layer, so the comparison is not vacuous.
        QVERIFY(rs.eval.layers[0].cost != sys.eval.layers[0].cost);
    }

    // AlexNet conv3_a of the saved 16x16 schedule (row stationary): under systolic it keeps the
    // schedule's partition, region, buffers and NoC hops, and its blocking multiplies to the systolic
    // descriptor's loop counts (a walk of its own).
    void alexnetKeepsThePlace()
    {
        const Project project = test::loadProject("sample_projects/alexnet-16x16.yaml");
        const auto resolved = ResolvedProject::resolve(project).value();
        const Schedule schedule =
            io::loadScheduleFile(test::sourcePath("docs/images/alexnet-16x16-exhaustive.yaml")).value();
        const Evaluation eval = evaluateSchedule(resolved, schedule).value();
        const int conv3 = layerIndex(eval, "conv3_a");
        QVERIFY(conv3 >= 0);
        const LayerEvaluation& own = eval.layers[static_cast<std::size_t>(conv3)];
        const RemappedLayer r = solveLayerUnderMapping(project, resolved.architecture(), eval, conv3,
                                                       MappingKind::Systolic);
        QVERIFY2(r.evaluation.has_value(), r.problem.c_str());
        const LayerEvaluation& le = *r.evaluation;
        QCOMPARE(le.name, own.name);
        QVERIFY(le.partition == own.partition);
        QVERIFY(le.region == own.region);
        QCOMPARE(le.gbufCapacity, own.gbufCapacity);
        QCOMPARE(le.regfCapacity, own.regfCapacity);
        QVERIFY(le.unitNhops == own.unitNhops);
        QVERIFY(le.cost > 0);
        const auto scheme = loopScheme(project, resolved.architecture(), le, eval.batch, MappingKind::Systolic);
        QVERIFY(scheme.has_value());
        PerLoop<int> product{1, 1, 1};
        for (const auto& level : le.blocking.tvals)
            for (std::size_t l = 0; l < 3; ++l)
                product[l] *= level[l];
        QVERIFY(scheme->nld.loopcnt == product);
        QCOMPARE(scheme->nld.replIfms, le.replIfms);
        QCOMPARE(scheme->nld.replOfms, le.replOfms);
        // An index outside the schedule is a problem, not a crash.
        const RemappedLayer none = solveLayerUnderMapping(project, resolved.architecture(), eval, 999,
                                                          MappingKind::Systolic);
        QVERIFY(!none.evaluation);
        QVERIFY(!none.problem.empty());
    }
};

QTEST_APPLESS_MAIN(TestLayerRemap)
#include "tst_layer_remap.moc"
