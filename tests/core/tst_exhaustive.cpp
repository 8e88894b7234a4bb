// The exhaustive search reproduces the reference optima of model spec §8.3, deterministically for any
// thread count, and stops quickly on request.
#include "io/project_io.h"
#include "solve/exhaustive_solver.h"
#include "solve_stop.h"
#include "test_projects.h"
#include "timing_bound.h"

#include <QtTest>

#include <chrono>
#include <thread>

using namespace kapla;

namespace {

SolveResult solveProject(const Project& project, int threads = 2, const ProgressCallback& progress = {})
{
    SolveSettings settings;
    settings.threads = threads;
    std::stop_source never;
    return solveExhaustive(project, settings, never.get_token(), progress);
}

const LayerEvaluation& layer(const Evaluation& e, const std::string& name)
{
    for (const auto& l : e.layers)
        if (l.name == name)
            return l;
    qFatal("no layer %s", name.c_str());
}

using Tvals = std::array<PerLoop<int>, 3>;
using Orders = std::array<PerLoop<int>, 2>;

/// One row of a §8.3 per-layer table: the chosen scheme's cost (6 significant digits) and blocking.
struct LayerRow {
    std::string name;
    double cost;
    Tvals tvals;
};

void checkRows(const Evaluation& e, const std::vector<LayerRow>& rows)
{
    for (const LayerRow& r : rows) {
        const LayerEvaluation& l = layer(e, r.name);
        const QString what = QString("%1: cost %2, table %3")
                                 .arg(QString::fromStdString(r.name))
                                 .arg(l.cost, 0, 'g', 12)
                                 .arg(r.cost, 0, 'g', 12);
        QVERIFY2(std::abs(l.cost / r.cost - 1) <= 5e-6, qPrintable(what));
        QCOMPARE(l.blocking.tvals, r.tvals);
    }
}

// §8.3 per-layer schemes of AlexNet b16 on Setup A, original and KAPLA refetch rules (tower a and b alike).
std::vector<LayerRow> alexNetRows(bool kapla)
{
    std::vector<LayerRow> rows;
    const auto both = [&rows](const std::string& base, double cost, Tvals t) {
        rows.push_back({base + "_a", cost, t});
        rows.push_back({base + "_b", cost, t});
    };
    if (kapla) {
        both("conv1", 5.90144e9, {{{1, 3, 64}, {3, 1, 1}, {1, 16, 1}}});
        both("conv2", 1.08722e10, {{{8, 4, 8}, {1, 8, 2}, {6, 4, 1}}});
        both("conv3", 7.82356e9, {{{13, 4, 4}, {1, 3, 4}, {4, 16, 1}}});
        both("conv4", 5.8722e9, {{{13, 3, 4}, {1, 4, 4}, {3, 16, 1}}});
        both("conv5", 3.9148e9, {{{13, 2, 4}, {1, 4, 4}, {3, 16, 1}}});
    } else {
        both("conv1", 5.57825e9, {{{1, 3, 64}, {1, 16, 1}, {3, 1, 1}}});
        both("conv2", 1.02338e10, {{{8, 4, 8}, {6, 1, 1}, {1, 32, 2}}});
        both("conv3", 7.14283e9, {{{32, 3, 4}, {8, 1, 1}, {1, 13, 4}}});
        both("conv4", 5.38464e9, {{{16, 3, 4}, {12, 1, 1}, {1, 13, 4}}});
        both("conv5", 3.58976e9, {{{16, 2, 4}, {12, 1, 1}, {1, 13, 4}}});
    }
    both("pool1", 6.2427e8, {{{1, 3, 16}, {1, 1, 1}, {1, 8, 1}}});
    both("pool2", 3.97705e8, {{{1, 2, 16}, {1, 1, 1}, {1, 13, 1}}});
    both("pool3", 9.05421e7, {{{1, 1, 8}, {1, 1, 1}, {1, 13, 2}}});
    rows.push_back({"fc1", 1.15041e10, {{{128, 8, 1}, {1, 1, 16}, {2, 16, 1}}}});
    rows.push_back({"fc2", 4.93958e9, {{{512, 2, 1}, {8, 1, 1}, {1, 8, 16}}}});
    rows.push_back({"fc3", 1.21329e9, {{{128, 1, 1}, {16, 1, 1}, {1, 8, 16}}}});
    return rows;
}

PartitionScheme partition(std::array<Parallel, 4> order, PhyDim2 outp, PhyDim2 ofmp, PhyDim2 batp, PhyDim2 inpp)
{
    PartitionScheme p;
    p.order = order;
    p.pdims = {outp, ofmp, batp, inpp};
    return p;
}

constexpr auto O = Parallel::Outp, F = Parallel::Ofmp, B = Parallel::Batp, I = Parallel::Inpp;

} // namespace

class TestExhaustive : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void goldenTotals_data()
    {
        QTest::addColumn<QString>("project");
        QTest::addColumn<double>("cost");
        QTest::addColumn<qlonglong>("time");
        QTest::newRow("setup-a mlp_s b8") << "setup-a-mlp_s-b8" << 133650080.0 << 18544LL;
        QTest::newRow("setup-a simple b1") << "setup-a-simple-b1" << 23385.0 << 21LL;
        QTest::newRow("setup-a alex_net b16 original") << "setup-a-alex_net-b16" << 83740489472.0 << 70287104LL;
        QTest::newRow("setup-a alex_net b16 kapla") << "setup-a-alex_net-b16-kapla" << 88650362624.0 << 70287104LL;
        QTest::newRow("setup-a alex_net b16 bypass+solver")
            << "setup-a-alex_net-b16-bypass" << 81059436288.0 << 70287104LL;
        QTest::newRow("setup-b mlp_m b16") << "setup-b-mlp_m-b16" << 474696448.0 << 23044LL;
        QTest::newRow("setup-c mlp_s b16") << "setup-c-mlp_s-b16" << 172309688.0 << 17908LL;
    }
    void goldenTotals()
    {
        QFETCH(QString, project);
        QFETCH(double, cost);
        QFETCH(qlonglong, time);
        const auto start = std::chrono::steady_clock::now();
        const SolveResult r = solveProject(
            test::loadProject("sample_projects/golden/" + project.toStdString() + ".yaml"));
        const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        qInfo("%s: %.2f s, %lld blockings enumerated", qPrintable(project), secs,
              static_cast<long long>(r.evaluations));
        QCOMPARE(terminationKeyword(r.termination), std::string_view("converged"));
        QVERIFY(r.schedule && r.evaluation);
        QCOMPARE(r.evaluation->totalCost, cost);
        QCOMPARE(r.evaluation->totalTime, static_cast<std::int64_t>(time));
        // The search's own totals are the reference evaluator's.
        QCOMPARE(r.searchCost, r.evaluation->totalCost);
        QCOMPARE(r.searchTime, r.evaluation->totalTime);
        QVERIFY(r.diagnostics.empty());
    }

    void perLayerSchemes_data()
    {
        QTest::addColumn<QString>("project");
        QTest::addColumn<bool>("kapla");
        QTest::newRow("original") << "setup-a-alex_net-b16" << false;
        QTest::newRow("kapla") << "setup-a-alex_net-b16-kapla" << true;
    }
    void perLayerSchemes()
    {
        QFETCH(QString, project);
        QFETCH(bool, kapla);
        const SolveResult r = solveProject(
            test::loadProject("sample_projects/golden/" + project.toStdString() + ".yaml"));
        QVERIFY(r.evaluation);
        checkRows(*r.evaluation, alexNetRows(kapla));
        const LayerEvaluation& conv1 = layer(*r.evaluation, "conv1_a");
        QCOMPARE(conv1.time, std::int64_t(5575680));
        QCOMPARE(conv1.blocking.orders, (Orders{{{2, 0, 1}, kapla ? PerLoop<int>{0, 1, 2} : PerLoop<int>{1, 0, 2}}}));
        const LayerEvaluation& fc1 = layer(*r.evaluation, "fc1");
        QCOMPARE(fc1.blocking.orders, (Orders{{{0, 1, 2}, {1, 2, 0}}}));
        QCOMPARE(fc1.fetch, (std::array<PerCategory<double>, 2>{{{1, 8, 1}, {1, 8, 255}}}));
    }

    void mlpSAndSimpleSchemes()
    {
        const SolveResult mlp = solveProject(test::loadProject("sample_projects/golden/setup-a-mlp_s-b8.yaml"));
        QVERIFY(mlp.evaluation);
        QCOMPARE(layer(*mlp.evaluation, "fc1").cost, 99797440.0);
        QCOMPARE(layer(*mlp.evaluation, "fc1").replIfms, 8);
        QCOMPARE(layer(*mlp.evaluation, "fc1").replOfms, 32);
        checkRows(*mlp.evaluation, {{"fc1", 99797440, {{{7, 1, 1}, {14, 1, 1}, {1, 16, 8}}}},
                                    {"fc2", 32764000, {{{5, 1, 1}, {25, 1, 1}, {1, 4, 8}}}},
                                    {"fc3", 1088640, {{{1, 1, 1}, {250, 1, 1}, {1, 1, 8}}}}});
        const SolveResult simple = solveProject(test::loadProject("sample_projects/golden/setup-a-simple-b1.yaml"));
        QVERIFY(simple.evaluation);
        checkRows(*simple.evaluation, {{"1", 10432, {{{1, 1, 1}, {1, 1, 1}, {4, 1, 1}}}}});
        QCOMPARE(layer(*simple.evaluation, "1").time, std::int64_t(8));
        QCOMPARE(layer(*simple.evaluation, "1").replOfms, 4);
    }

    void setupBSchemes()
    {
        const SolveResult r = solveProject(test::loadProject("sample_projects/golden/setup-b-mlp_m-b16.yaml"));
        QVERIFY(r.evaluation);
        const Evaluation& e = *r.evaluation;
        checkRows(e, {{"fc1", 257459456, {{{2, 1, 1}, {196, 1, 1}, {1, 2, 16}}}},
                      {"fc2", 169197088, {{{2, 1, 1}, {125, 1, 1}, {1, 2, 16}}}},
                      {"fc3", 45906384, {{{1, 1, 1}, {125, 1, 1}, {1, 2, 8}}}},
                      {"fc4", 2133520, {{{1, 1, 1}, {250, 1, 1}, {1, 1, 2}}}}});
        QCOMPARE(layer(e, "fc1").partition, partition({F, B, I, O}, {4, 4}, {1, 1}, {1, 1}, {1, 1}));
        QCOMPARE(layer(e, "fc3").partition, partition({F, I, B, O}, {2, 4}, {1, 1}, {2, 1}, {1, 1}));
        QCOMPARE(layer(e, "fc4").partition, partition({F, I, B, O}, {1, 2}, {1, 1}, {4, 2}, {1, 1}));
        QCOMPARE(layer(e, "fc1").unitNhops, (PerCategory<double>{784000, 225792, 32000}));
        QCOMPARE(e.totalNocHops, 2210000.0);
        QCOMPARE(e.segments.size(), std::size_t(4));
        const std::vector<std::int64_t> times{12544, 8000, 2000, 500};
        for (std::size_t s = 0; s < times.size(); ++s)
            QCOMPARE(e.segments[s].time, times[s]);
    }

    void setupCSegments()
    {
        const SolveResult r = solveProject(test::loadProject("sample_projects/golden/setup-c-mlp_s-b16.yaml"));
        QVERIFY(r.schedule && r.evaluation);
        const Schedule& s = *r.schedule;
        QCOMPARE(s.segments.size(), std::size_t(2));
        QCOMPARE(s.segments[0].groups, (std::vector<std::vector<std::string>>{{"fc1"}, {"fc2"}}));
        QCOMPARE(s.segments[0].nodes, (std::vector<int>{12, 4}));
        QCOMPARE(s.segments[1].groups, (std::vector<std::vector<std::string>>{{"fc3"}}));
        const Evaluation& e = *r.evaluation;
        checkRows(e, {{"fc1", 129460800, {{{2, 1, 1}, {49, 1, 2}, {1, 6, 8}}}},
                      {"fc3", 2113680, {{{1, 1, 1}, {250, 1, 1}, {1, 1, 2}}}}});
        QCOMPARE(layer(e, "fc1").partition, partition({F, B, I, O}, {4, 3}, {1, 1}, {1, 1}, {1, 1}));
        QCOMPARE(layer(e, "fc2").partition, partition({O, F, B, I}, {4, 1}, {1, 1}, {1, 1}, {1, 1}));
        QCOMPARE(layer(e, "fc1").blocking.orders, (Orders{{{0, 1, 2}, {0, 2, 1}}}));
        QCOMPARE(e.segments[0].time, std::int64_t(17408));
        QCOMPARE(e.segments[1].time, std::int64_t(500));
        QCOMPARE(layer(e, "fc2").cost, 40735208.0);
        QCOMPARE(layer(e, "fc2").blocking.tvals, (Tvals{{{1, 2, 1}, {125, 1, 1}, {1, 2, 16}}}));
        QCOMPARE(layer(e, "fc2").blocking.orders, (Orders{{{1, 0, 2}, {0, 1, 2}}}));
        QCOMPARE(e.totalNocHops, 782716.0);
    }

    // AlexNet b8 on the single systolic node. With frontier pruning (nn_dataflow), the segment
    // (conv5_a, pool3_a) never gets its combination with a top batch factor of 2: the combination
    // with factor 1 gave schedules first, and (2, ...) dominates it element-wise. Without pruning (the
    // KAPLA fork) it is tried and fused: conv5_a's top BAT factor is 2 and the whole network is
    // cheaper. Both towers fuse the same way.
    void withoutFrontierPruningFusesConv5AndPool3()
    {
        Project project = test::loadProject("tests/data/projects/alexnet-systolic-b8.yaml");
        QVERIFY(project.options.frontierPruning);
        const SolveResult pruned = solveProject(project);
        project.options.frontierPruning = false;
        const SolveResult full = solveProject(project);
        QVERIFY(pruned.schedule && full.schedule);

        const auto groupsOf = [](const Schedule& s) {
            std::vector<std::vector<std::vector<std::string>>> out;
            for (const auto& seg : s.segments)
                out.push_back(seg.groups);
            return out;
        };
        const std::vector<std::vector<std::string>> fused{{"conv5_a", "pool3_a"}};
        const auto prunedGroups = groupsOf(*pruned.schedule);
        const auto fullGroups = groupsOf(*full.schedule);
        QCOMPARE(std::count(prunedGroups.begin(), prunedGroups.end(), fused), 0);
        QCOMPARE(std::count(fullGroups.begin(), fullGroups.end(), fused), 1);
        QCOMPARE(pruned.schedule->segments.size(), std::size_t(19));
        QCOMPARE(full.schedule->segments.size(), std::size_t(17));
        QCOMPARE(layer(*full.evaluation, "conv5_a").blocking.tvals[0][static_cast<std::size_t>(LoopDim::Bat)], 2);
        QVERIFY(full.evaluation->totalCost < pruned.evaluation->totalCost);
    }

    void sameScheduleForAnyThreadCount_data()
    {
        QTest::addColumn<QString>("project");
        QTest::newRow("setup-b") << "setup-b-mlp_m-b16";
        QTest::newRow("setup-c") << "setup-c-mlp_s-b16";
        QTest::newRow("setup-a alex_net") << "setup-a-alex_net-b16";
    }
    void sameScheduleForAnyThreadCount()
    {
        QFETCH(QString, project);
        const Project p = test::loadProject("sample_projects/golden/" + project.toStdString() + ".yaml");
        const SolveResult one = solveProject(p, 1);
        const SolveResult two = solveProject(p, 2);
        const SolveResult three = solveProject(p, 3);
        QVERIFY(one.schedule && two.schedule && three.schedule);
        QCOMPARE(*one.schedule, *two.schedule);
        QCOMPARE(*one.schedule, *three.schedule);
        QCOMPARE(one.evaluation->totalCost, two.evaluation->totalCost);
        QCOMPARE(one.evaluations, two.evaluations);
    }

    void cancelReturnsQuickly()
    {
        Project p = test::loadProject("sample_projects/alexnet-16x16.yaml");
        p.options.solver = SolverKind::Exhaustive;
        SolveSettings settings;
        settings.threads = 2;
        const auto [ms, result, progressed] = test::solveAndStopAfter(p, settings, std::chrono::milliseconds(200));
        qInfo("stop request to return: %.1f ms", ms);
        QCOMPARE(terminationKeyword(result.termination), std::string_view("cancelled"));
        QVERIFY(!result.message.empty());
        KAPLA_VERIFY_TIMING(ms < 1000, qPrintable(QString("took %1 ms").arg(ms)));
    }

    void progressReportsFractionAndBestCost()
    {
        std::vector<SolveProgress> reports;
        std::mutex m;
        const SolveResult r = solveProject(test::loadProject("sample_projects/golden/setup-c-mlp_s-b16.yaml"), 2,
                                           [&](const SolveProgress& pr) {
                                               std::lock_guard lock(m);
                                               reports.push_back(pr);
                                           });
        QVERIFY(r.evaluation);
        QVERIFY(!reports.empty());
        for (std::size_t i = 1; i < reports.size(); ++i)
            QVERIFY(reports[i].fraction >= reports[i - 1].fraction);
        QCOMPARE(reports.back().fraction, 1.0);
        QCOMPARE(reports.back().bestCost, r.evaluation->totalCost);
        QVERIFY(reports.back().evaluations > 0);
    }

    void bufferTooSmallIsNoSchedule()
    {
        Project p = test::loadProject("sample_projects/golden/setup-a-mlp_s-b8.yaml");
        std::get<ExplicitHardware>(p.architecture.hardware).gbufWords = 1;
        const SolveResult r = solveProject(p);
        QVERIFY2(r.termination == Termination::NoSchedule, r.message.c_str());
        QVERIFY(!r.schedule);
        QCOMPARE(r.diagnostics.size(), std::size_t(1));
        QCOMPARE(r.diagnostics.front().key, std::string("fc1"));
        QVERIFY2(r.diagnostics.front().message.starts_with("fc1: no loop blocking fits a 1-word GBUF"),
                 r.diagnostics.front().message.c_str());

        std::get<ExplicitHardware>(p.architecture.hardware).gbufWords = 65536;
        std::get<ExplicitHardware>(p.architecture.hardware).regfWords = 1;
        const SolveResult regf = solveProject(p);
        QCOMPARE(terminationKeyword(regf.termination), std::string_view("no-schedule"));
        QVERIFY2(regf.message.find("fc1: no loop blocking fits a 1-word REGF") != std::string::npos,
                 regf.message.c_str());
    }
};

QTEST_APPLESS_MAIN(TestExhaustive)
#include "tst_exhaustive.moc"
