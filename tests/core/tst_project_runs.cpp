// Saved runs in project files: round trip through save and load, old files without runs, a run
// whose schedule no longer fits the network (a warning, not an error), and malformed runs.
#include "io/project_io.h"
#include "io/schedule_io.h"
#include "test_paths.h"

#include <QtTest>

using namespace kapla;

namespace {

Project setupC()
{
    return io::loadProjectFile(test::sourcePath("sample_projects/golden/setup-c-mlp_s-b16.yaml")).value();
}

Schedule setupCSchedule()
{
    return io::loadScheduleFile(test::sourcePath("tests/data/schedules/setup-c-mlp_s-b16.yaml")).value();
}

SavedRun solvedRun()
{
    SavedRun run;
    run.options.solver = SolverKind::Exhaustive;
    run.options.partitionInterlayer = true;
    run.date = "2025-11-26T14:03:12";
    run.seconds = 0.123456789;
    run.termination = "converged";
    run.message = "searched 12 segment choices\nkept the best";
    run.evaluations = 98765;
    run.totalEnergy = 172309688.25;
    run.totalTime = 1234567;
    run.schedule = setupCSchedule();
    return run;
}

} // namespace

class TestProjectRuns : public QObject {
    Q_OBJECT
private slots:
    void oldFilesHaveNoRuns()
    {
        const Project p = setupC();
        QVERIFY(p.runs.empty());
        QVERIFY(io::projectToYaml(p).find("runs:") == std::string::npos);
    }

    void roundTrip()
    {
        Project p = setupC();
        p.runs.push_back(solvedRun());
        SavedRun failed;
        failed.options.solver = SolverKind::Random;
        failed.date = "2025-11-27T09:00:00";
        failed.termination = "no-schedule";
        failed.message = "no valid schedule: \"fc1\" does not fit";
        p.runs.push_back(failed);
        const std::string yaml = io::projectToYaml(p);
        Diagnostics warnings;
        const auto back = io::parseProject(yaml, "saved.yaml", test::sourcePath("sample_projects/golden"), &warnings);
        QVERIFY2(back.ok(), back.ok() ? "" : back.diagnostics().front().format().c_str());
        QVERIFY(warnings.empty());
        QCOMPARE(back->runs.size(), std::size_t(2));
        QVERIFY(back->runs[0] == p.runs[0]);
        QVERIFY(back->runs[1] == p.runs[1]);
        QVERIFY(back.value() == p);
        QCOMPARE(io::projectToYaml(back.value()), yaml);
    }

    void mismatchIsAWarning()
    {
        Project p = setupC();
        SavedRun run = solvedRun();
        run.schedule->segments.back().layers.back().layer = "fc9";
        p.runs.push_back(run);
        Diagnostics warnings;
        const auto back = io::parseProject(io::projectToYaml(p), "saved.yaml", test::sourcePath("sample_projects/golden"), &warnings);
        QVERIFY(back.ok());
        QCOMPARE(back->runs.size(), std::size_t(1));
        QCOMPARE(warnings.size(), std::size_t(1));
        QCOMPARE(warnings[0].severity, Severity::Warning);
        QVERIFY2(warnings[0].message.find("no longer matches the network") != std::string::npos, warnings[0].message.c_str());
        QVERIFY(warnings[0].message.find("fc9") != std::string::npos);
        QVERIFY(warnings[0].location.line > 0);
        QCOMPARE(warnings[0].key, std::string("project.runs[0].schedule"));
    }

    void malformedRunIsAnError()
    {
        Project p = setupC();
        p.runs.push_back(solvedRun());
        std::string yaml = io::projectToYaml(p);
        yaml.replace(yaml.find("termination: converged"), 22, "termination: finished");
        const auto back = io::parseProject(yaml, "saved.yaml", test::sourcePath("sample_projects/golden"));
        QVERIFY(!back.ok());
        QVERIFY(back.diagnostics().front().message.find("unknown termination 'finished'") != std::string::npos);
    }

    void projectOfRunUsesItsOptions()
    {
        const Project p = setupC();
        SavedRun run = solvedRun();
        run.schedule->batch = 4;
        const Project solved = projectOfRun(p, run);
        QCOMPARE(solved.batch, 4);
        QVERIFY(solved.options == run.options);
        QVERIFY(solved.network == p.network);
        QVERIFY(scheduleMismatch(*run.schedule, p.network).empty());
    }
};

QTEST_APPLESS_MAIN(TestProjectRuns)
#include "tst_project_runs.moc"
