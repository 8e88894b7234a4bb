// Evaluating given schedules reproduces the reference totals of model spec §8.3 exactly.
#include "cost/evaluator.h"
#include "io/project_io.h"
#include "io/schedule_io.h"
#include "test_paths.h"

#include <QtTest>

using namespace kapla;

namespace {

struct Loaded {
    Project project;
    Architecture arch;
    Schedule schedule;
};

Loaded load(const std::string& project, const std::string& schedule)
{
    auto p = io::loadProjectFile(test::sourcePath(project));
    if (!p)
        qFatal("%s", p.diagnostics().front().format().c_str());
    auto s = io::loadScheduleFile(test::sourcePath(schedule));
    if (!s)
        qFatal("%s", s.diagnostics().front().format().c_str());
    return {p.value(), resolveArchitecture(p->architecture).value(), s.value()};
}

Evaluation evaluate(const Loaded& l)
{
    auto e = evaluateSchedule(ResolvedProject::resolve(l.project).value(), l.schedule);
    if (!e) {
        for (const auto& d : e.diagnostics())
            qWarning("%s", d.format().c_str());
        qFatal("evaluation failed");
    }
    return e.value();
}

const LayerEvaluation& layer(const Evaluation& e, const std::string& name)
{
    for (const auto& l : e.layers)
        if (l.name == name)
            return l;
    qFatal("no layer %s", name.c_str());
}

} // namespace

class TestEvaluator : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void mlpSWorkedExample()
    {
        const Evaluation e = evaluate(
            load("sample_projects/golden/setup-a-mlp_s-b8.yaml", "tests/data/schedules/setup-a-mlp_s-b8.yaml"));
        const auto& fc1 = layer(e, "fc1");
        QCOMPARE(fc1.cost, 99797440.0);
        QCOMPARE(fc1.time, std::int64_t(12544));
        QCOMPARE(fc1.access[0], (PerCategory<double>{392000, 6272, 4000}));
        QCOMPARE(fc1.access[1], (PerCategory<double>{392000, 6272, 4000}));
        QCOMPARE(fc1.access[2], (PerCategory<double>{392000, 200704, 32000}));
        QCOMPARE(fc1.access[3], (PerCategory<double>{3136000, 3136000, 6272000}));
        QCOMPARE(fc1.gbufOccupancy, (PerCategory<double>{57344, 896, 4096}));
        QCOMPARE(fc1.regfOccupancy, (PerCategory<double>{16, 8, 128}));
        QCOMPARE(layer(e, "fc2").cost, 32764000.0);
        QCOMPARE(layer(e, "fc2").time, std::int64_t(4000));
        QCOMPARE(layer(e, "fc3").cost, 1088640.0);
        QCOMPARE(layer(e, "fc3").time, std::int64_t(2000));
        QCOMPARE(e.totalCost, 133650080.0);
        QCOMPARE(e.totalTime, std::int64_t(18544));
        QCOMPARE(e.breakdown.total(), e.totalCost);
    }
    void alexNetSetupA_data()
    {
        QTest::addColumn<QString>("project");
        QTest::addColumn<QString>("schedule");
        QTest::addColumn<double>("cost");
        QTest::addColumn<double>("conv2");
        QTest::addColumn<double>("dram");
        QTest::addColumn<double>("gbuf");
        QTest::addColumn<double>("itcn");
        QTest::addColumn<double>("regf");
        QTest::newRow("original") << "sample_projects/golden/setup-a-alex_net-b16.yaml"
                                  << "tests/data/schedules/setup-a-alex_net-b16-original.yaml" << 83740489472.0
                                  << 1.02338e10 << 117231488.0 << 133877632.0 << 733920768.0 << 46414940672.0;
        QTest::newRow("kapla") << "sample_projects/golden/setup-a-alex_net-b16-kapla.yaml"
                               << "tests/data/schedules/setup-a-alex_net-b16-kapla.yaml" << 88650362624.0 << 1.08722e10
                               << 119074688.0 << 350184832.0 << 2355615744.0 << 46414940672.0;
    }
    void alexNetSetupA()
    {
        QFETCH(QString, project);
        QFETCH(QString, schedule);
        QFETCH(double, cost);
        QFETCH(double, conv2);
        QFETCH(double, dram);
        QFETCH(double, gbuf);
        QFETCH(double, itcn);
        QFETCH(double, regf);
        const Evaluation e = evaluate(load(project.toStdString(), schedule.toStdString()));
        QCOMPARE(e.totalCost, cost);
        QCOMPARE(e.totalTime, std::int64_t(70287104));
        QCOMPARE(e.totalOps, 11608143872.0);
        QCOMPARE(e.totalAccesses, (PerLevel<double>{dram, gbuf, itcn, regf}));
        QVERIFY(qAbs(layer(e, "conv2_a").cost / conv2 - 1) < 1e-5);
        QCOMPARE(layer(e, "conv1_b").time, std::int64_t(5575680));
        QCOMPARE(layer(e, "fc1").time, std::int64_t(3145728));
    }
    void setupB()
    {
        const Evaluation e = evaluate(
            load("sample_projects/golden/setup-b-mlp_m-b16.yaml", "tests/data/schedules/setup-b-mlp_m-b16.yaml"));
        QCOMPARE(layer(e, "fc1").cost, 257459456.0);
        QCOMPARE(layer(e, "fc1").access[0], (PerCategory<double>{790272, 12544, 16128}));
        QCOMPARE(layer(e, "fc1").unitNhops, (PerCategory<double>{784000, 225792, 32000}));
        QCOMPARE(layer(e, "fc2").cost, 169197088.0);
        QCOMPARE(layer(e, "fc3").cost, 45906384.0);
        QCOMPARE(layer(e, "fc4").cost, 2133520.0);
        QCOMPARE(e.totalCost, 474696448.0);
        QCOMPARE(e.totalTime, std::int64_t(23044));
        QCOMPARE(e.totalOps, 22584000.0);
        QCOMPARE(e.totalAccesses, (PerLevel<double>{1501892, 2135552, 13242368, 90336000}));
        QCOMPARE(e.totalNocHops, 2210000.0);
        QCOMPARE(e.segments.size(), std::size_t(4));
        QCOMPARE(e.segments[0].time, std::int64_t(12544));
        QCOMPARE(e.segments[3].time, std::int64_t(500));
    }
    void setupC()
    {
        const Evaluation e = evaluate(
            load("sample_projects/golden/setup-c-mlp_s-b16.yaml", "tests/data/schedules/setup-c-mlp_s-b16.yaml"));
        const auto& fc1 = layer(e, "fc1");
        QCOMPARE(fc1.region.dim, (PhyDim2{4, 3}));
        QCOMPARE(fc1.access[0], (PerCategory<double>{395136, 12544, 0}));
        QCOMPARE(fc1.remoteGbufAccess, (PerCategory<double>{0, 0, 8064}));
        QCOMPARE(fc1.unitNhops, (PerCategory<double>{459424, 175616, 0}));
        QCOMPARE(fc1.time, std::int64_t(9408));
        QCOMPARE(fc1.cost, 129460800.0);
        const auto& fc2 = layer(e, "fc2");
        QCOMPARE(fc2.region.dim, (PhyDim2{4, 1}));
        QCOMPARE(fc2.access[0], (PerCategory<double>{126000, 0, 4032}));
        QCOMPARE(fc2.remoteGbufAccess, (PerCategory<double>{0, 8000, 0}));
        QCOMPARE(fc2.unitNhops, (PerCategory<double>{62500, 47936, 8000}));
        QCOMPARE(fc2.cost, 40735208.0);
        QCOMPARE(layer(e, "fc3").cost, 2113680.0);
        QCOMPARE(e.totalCost, 172309688.0);
        QCOMPARE(e.totalTime, std::int64_t(17908));
        QCOMPARE(e.totalAccesses, (PerLevel<double>{544372, 1203248, 3414320, 33248000}));
        QCOMPARE(e.totalNocHops, 782716.0);
        QCOMPARE(e.segments[0].time, std::int64_t(17408));
        QCOMPARE(e.segments[1].time, std::int64_t(500));
    }
};

QTEST_APPLESS_MAIN(TestEvaluator)
#include "tst_evaluator.moc"
