// Comparing two runs: two KAPLA solves of Setup C (MLP-S, batch 16, 4x4 mesh) that differ only in the
// GBUF size give the known input difference, totals, layer rows, directive differences and segments,
// and the JSON and CSV say the same.
#include "report/run_compare.h"
#include "report/run_compare_csv.h"
#include "report/run_compare_json.h"
#include "run/run.h"
#include "solve/solver.h"
#include "test_projects.h"

#include <QtTest>

#include <cmath>
#include <stop_token>
#include <variant>

using namespace kapla;

namespace {

RunPtr solvedRun(Project project)
{
    auto problem = ResolvedProject::resolve(project);
    if (!problem)
        qFatal("cannot resolve: %s", problem.diagnostics().front().format().c_str());
    const SolveResult result = solve(problem->project(), {}, std::stop_token{});
    return makeRun(problem.value(), result, "2026-01-02T03:04:05");
}

Project setupC(double gbufWords)
{
    Project p = test::loadProject("sample_projects/golden/setup-c-mlp_s-b16.yaml", SolverKind::Kapla);
    std::get<ExplicitHardware>(p.architecture.hardware).gbufWords = gbufWords;
    return p;
}

const LayerComparison& row(const RunComparison& c, const std::string& name)
{
    for (const LayerComparison& l : c.layers)
        if (l.name == name)
            return l;
    qFatal("no row %s", name.c_str());
}

const DirectiveDifference* aspect(const LayerComparison& l, DirectiveAspect a)
{
    for (const DirectiveDifference& d : l.directives)
        if (d.aspect == a)
            return &d;
    return nullptr;
}

} // namespace

class TestRunCompare : public QObject
{
    Q_OBJECT

    RunPtr m_large; // GBUF 32 Ki words (the sample's)
    RunPtr m_small; // GBUF 8 Ki words
    RunComparison m_cmp;

private Q_SLOTS:
    void initTestCase()
    {
        m_large = solvedRun(setupC(32768));
        m_small = solvedRun(setupC(8192));
        QVERIFY(m_large->hasResult() && m_small->hasResult());
        const auto cmp = compareRuns(*m_large, *m_small);
        QVERIFY(cmp.ok());
        m_cmp = cmp.value();
    }

    void inputDifferencesNameTheBuffer()
    {
        QCOMPARE(m_cmp.inputDifferences, std::vector<std::string>{"GBUF 32768 words → 8192 words"});
        QCOMPARE(m_cmp.labelA, std::string("kapla"));
        QCOMPARE(m_cmp.energyUnit, std::string("unit"));
    }

    void totalsWithDifferenceAndRatio()
    {
        QCOMPARE(m_cmp.energy.a, 173406392.0);
        QCOMPARE(m_cmp.energy.b, 179413504.0);
        QCOMPARE(m_cmp.energy.diff(), 6007112.0);
        QVERIFY(std::abs(m_cmp.energy.ratio() - 179413504.0 / 173406392.0) < 1e-12);
        QCOMPARE(m_cmp.time.a, 17908.0);
        QCOMPARE(m_cmp.time.b, 8772.0);
        QCOMPARE(m_cmp.edp.a, 173406392.0 * 17908.0);
        QCOMPARE(m_cmp.edp.b, 179413504.0 * 8772.0);
        // The breakdown differences add up to the total difference.
        double sum = 0;
        for (const ComparedValue& c : m_cmp.components)
            sum += c.diff();
        QVERIFY(std::abs(sum - m_cmp.energy.diff()) < 1e-6 * m_cmp.energy.a);
        QVERIFY(m_cmp.components[1].diff() > 0); // DRAM: a smaller buffer refetches more
    }

    void layerRowsMatchedByName()
    {
        QCOMPARE(m_cmp.layers.size(), std::size_t{3});
        const LayerComparison& fc1 = row(m_cmp, "fc1");
        QVERIFY(fc1.inBoth());
        QCOMPARE(fc1.energy.a, 130557504.0);
        QCOMPARE(fc1.energy.b, 133063744.0);
        QCOMPARE(fc1.time.a, 9408.0);
        QCOMPARE(fc1.time.b, 6272.0);
        const LayerComparison& fc2 = row(m_cmp, "fc2");
        QCOMPARE(fc2.energy.diff(), 45051920.0 - 40735208.0);
        QCOMPARE(row(m_cmp, "fc3").energy.b, 1297840.0);
        // fc2 changed most, then fc1, then fc3 (which got cheaper).
        const auto order = m_cmp.layersByImpact();
        QCOMPARE(m_cmp.layers[order[0]].name, std::string("fc2"));
        QCOMPARE(m_cmp.layers[order[1]].name, std::string("fc1"));
        QCOMPARE(m_cmp.layers[order[2]].name, std::string("fc3"));
    }

    void directiveDifferencesPerLayer()
    {
        const LayerComparison& fc1 = row(m_cmp, "fc1");
        QCOMPARE(fc1.directives.size(), std::size_t{5});
        const DirectiveDifference* part = aspect(fc1, DirectiveAspect::Partition);
        QVERIFY(part);
        QCOMPARE(part->a, std::string("output channels (K) 4x3 on 12 nodes"));
        QCOMPARE(part->b, std::string("output channels (K) 4x4 on 16 nodes"));
        QCOMPARE(aspect(fc1, DirectiveAspect::Mapping)->b, std::string("4 input × 16 output channels per pass"));
        QCOMPARE(aspect(fc1, DirectiveAspect::Blocking)->a,
                 std::string("DRAM C 7 · K 1 · N 1; GBUF C 2 · K 1 · N 16; REGF C 7 · K 6 · N 1"));
        QCOMPARE(aspect(fc1, DirectiveAspect::BufferUse)->a, std::string("GBUF 6,294 words"));
        QCOMPARE(aspect(fc1, DirectiveAspect::BufferUse)->b, std::string("GBUF 4,208 words"));
        // fc3 is scheduled alike (its energy changed with its segment's neighbours only).
        QVERIFY(row(m_cmp, "fc3").directives.empty());
        QCOMPARE(m_cmp.layersWithDifferentDirectives(), std::size_t{2});
    }

    void headlineSaysWhatChangedMost()
    {
        QCOMPARE(comparisonHeadline(m_cmp),
                 std::string("B against A: energy +3.46 %, time -51.02 %; most changed: DRAM +3,286,400 unit, NoC "
                             "+2,037,640 unit, ITCN +869,024 unit; the segments differ; 2 of 3 layers scheduled "
                             "differently"));
    }

    void segmentsOfEach()
    {
        QCOMPARE(m_cmp.segmentsA.size(), std::size_t{2});
        QCOMPARE(segmentText(m_cmp.segmentsA[0]), std::string("fc1 | fc2"));
        QCOMPARE(segmentText(m_cmp.segmentsB[1]), std::string("fc2, fc3"));
    }

    void jsonAndCsvSayTheSame()
    {
        const auto j = runComparisonJson(m_cmp);
        QCOMPARE(j["total"]["energy"]["diff"].get<double>(), 6007112.0);
        QCOMPARE(j["input_differences"][0].get<std::string>(), std::string("GBUF 32768 words → 8192 words"));
        QCOMPARE(j["layers"][0]["directives"][0]["aspect"].get<std::string>(), std::string("partition"));
        QCOMPARE(j["b"]["segments"][1][0][1].get<std::string>(), std::string("fc3"));
        const std::string csv = runComparisonCsv(m_cmp);
        const auto lines = QString::fromStdString(csv).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 4);
        QVERIFY(lines[0].startsWith("layer,in_a,in_b,energy_a,energy_b,energy_diff,energy_ratio,time_a"));
        QVERIFY(lines[0].endsWith(",static_diff,directives"));
        QVERIFY2(lines[1].startsWith("fc1,1,1,130557504,133063744,2506240,"), qPrintable(lines[1]));
        QVERIFY(lines[1].endsWith(",partition mapping blocking loop_order buffer_use"));
        QVERIFY(lines[3].endsWith(","));
    }

    void runWithoutResultIsAnError()
    {
        SolveResult none;
        none.termination = Termination::NoSchedule;
        const RunPtr empty = makeRun(m_large->problem, none, "2026-01-02T03:04:05");
        const auto cmp = compareRuns(*m_large, *empty);
        QVERIFY(!cmp.ok());
        QVERIFY(cmp.diagnostics().front().message.find("no evaluated schedule") != std::string::npos);
    }
};

QTEST_APPLESS_MAIN(TestRunCompare)
#include "tst_run_compare.moc"
