// Saved runs: self-contained run files that read back exactly, the runs folder beside a project,
// runs older versions kept inside the project file, damaged and mismatched runs (warnings, never a
// lost project), and what differs between a run's project and another.
#include "cost/evaluator.h"
#include "io/project_file.h"
#include "io/project_io.h"
#include "io/schedule_io.h"
#include "run/project_diff.h"
#include "run/run.h"
#include "test_paths.h"

#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <fstream>

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

// The Setup C schedule as an exhaustive solve's run: the golden 172,309,688 / 17,908.
RunPtr solvedRun(std::int64_t evaluations = 98765)
{
    SolveResult result;
    result.termination = Termination::Converged;
    result.message = "searched 12 segment choices\nkept the \"best\"";
    result.seconds = 0.123456789;
    result.evaluations = evaluations;
    result.schedule = setupCSchedule();
    ResolvedProject problem = ResolvedProject::resolve(setupC()).value();
    result.evaluation = evaluateSchedule(problem, *result.schedule).value();
    return makeRun(std::move(problem), result, "2025-11-26T14:03:12", "exhaustive · Setup C");
}

std::string readText(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeText(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

// Saves a solved run with its first `from` replaced by `to`, loads it back and checks that it loads
// without an evaluation and with exactly one warning, which it hands back (a failed check ends the test).
void loadEditedRun(const std::string& from, const std::string& to, Diagnostic& warning)
{
    QTemporaryDir dir;
    const std::string path = dir.filePath("run-001.yaml").toStdString();
    std::string text = io::runToYaml(*solvedRun());
    const std::size_t at = text.find(from);
    QVERIFY2(at != std::string::npos, text.c_str());
    text.replace(at, from.size(), to);
    writeText(path, text);
    Diagnostics warnings;
    const auto back = io::loadRunFile(path, &warnings);
    QVERIFY(back.ok());
    QVERIFY(!back.value()->evaluation);
    QCOMPARE(warnings.size(), std::size_t{1});
    warning = warnings[0];
}

} // namespace

class TestProjectRuns : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void runFileReadsBackExactly()
    {
        const RunPtr run = solvedRun();
        QCOMPARE(run->evaluation->totalCost, 172309688.0);
        QTemporaryDir dir;
        const std::string path = dir.filePath("run-001.yaml").toStdString();
        const std::string text = io::runToYaml(*run);
        writeText(path, text);
        QVERIFY(io::validateFile(path).empty());
        QCOMPARE(io::detectFileKind(path), io::FileKind::Run);
        Diagnostics warnings;
        const auto back = io::loadRunFile(path, &warnings);
        QVERIFY2(back.ok(), back.ok() ? "" : back.diagnostics().front().format().c_str());
        QVERIFY(warnings.empty());
        const Run& r = *back.value();
        QVERIFY(r.project() == run->project());
        QVERIFY(r.schedule == run->schedule);
        QCOMPARE(r.termination, Termination::Converged);
        QCOMPARE(r.message, run->message);
        QCOMPARE(r.seconds, run->seconds);
        QCOMPARE(r.evaluations, std::int64_t{98765});
        QCOMPARE(r.date, std::string("2025-11-26T14:03:12"));
        QCOMPARE(r.label, std::string("exhaustive · Setup C"));
        QCOMPARE(r.solverName(), std::string("exhaustive"));
        // The evaluation is recomputed on the run's own project: the golden numbers again.
        QVERIFY(r.hasResult());
        QCOMPARE(r.evaluation->totalCost, 172309688.0);
        QCOMPARE(r.evaluation->totalTime, std::int64_t{17908});
        QCOMPARE(r.evaluation->energyUnit, run->architecture().energyUnit);
        QCOMPARE(io::runToYaml(r), text); // a second save is byte-identical
    }

    void hugeEvaluationCountsReadBack()
    {
        const std::int64_t evaluations = std::int64_t{1} << 40; // a long exhaustive search passes 10^9
        QTemporaryDir dir;
        const std::string path = dir.filePath("run-001.yaml").toStdString();
        writeText(path, io::runToYaml(*solvedRun(evaluations)));
        const auto back = io::loadRunFile(path);
        QVERIFY2(back.ok(), back.ok() ? "" : back.diagnostics().front().format().c_str());
        QCOMPARE(back.value()->evaluations, evaluations);
    }

    void runWithoutScheduleReadsBack()
    {
        SolveResult failed;
        failed.termination = Termination::NoSchedule;
        failed.message = "no valid schedule: fc1 does not fit";
        const RunPtr run = makeRun(ResolvedProject::resolve(setupC()).value(), failed, "2025-11-27T09:00:00");
        QTemporaryDir dir;
        const std::string path = dir.filePath("run-001.yaml").toStdString();
        writeText(path, io::runToYaml(*run));
        const auto back = io::loadRunFile(path);
        QVERIFY(back.ok());
        QCOMPARE(back.value()->termination, Termination::NoSchedule);
        QVERIFY(!back.value()->schedule);
        QVERIFY(!back.value()->hasResult());
    }

    void runsFolderKeepsOneFilePerRun()
    {
        QTemporaryDir dir;
        const std::string project = dir.filePath("p.yaml").toStdString();
        writeText(project, io::projectToYaml(setupC(), true));
        const RunPtr a = solvedRun(1);
        const RunPtr b = solvedRun(2);
        QVERIFY(io::saveRuns(project, {a, b}).empty());
        const std::string folder = io::runsFolderFor(project);
        QCOMPARE(folder, dir.filePath("p.runs").toStdString());
        QVERIFY(std::filesystem::exists(folder + "/run-001.yaml"));
        QVERIFY(std::filesystem::exists(folder + "/run-002.yaml"));
        const auto before = std::filesystem::last_write_time(folder + "/run-001.yaml");
        QVERIFY(io::saveRuns(project, {a, b}).empty()); // unchanged: not rewritten
        QCOMPARE(std::filesystem::last_write_time(folder + "/run-001.yaml"), before);

        Diagnostics warnings;
        const auto file = io::loadProjectWithRuns(project, &warnings);
        QVERIFY(file.ok());
        QVERIFY(warnings.empty());
        QCOMPARE(file->runs.size(), std::size_t{2});
        QCOMPARE(file->runs[1]->evaluations, std::int64_t{2});
        QCOMPARE(file->inlineRuns, std::size_t{0});

        QVERIFY(io::saveRuns(project, {b}).empty()); // the first run removed
        QVERIFY(!std::filesystem::exists(folder + "/run-002.yaml"));
        QCOMPARE(io::loadProjectWithRuns(project)->runs.front()->evaluations, std::int64_t{2});
        QVERIFY(io::saveRuns(project, {}).empty());
        QVERIFY(!std::filesystem::exists(folder));
    }

    void damagedRunFileIsAWarning()
    {
        QTemporaryDir dir;
        const std::string project = dir.filePath("p.yaml").toStdString();
        writeText(project, io::projectToYaml(setupC(), true));
        QVERIFY(io::saveRuns(project, {solvedRun()}).empty());
        const std::string runFile = io::runsFolderFor(project) + "/run-001.yaml";
        std::string text = readText(runFile);
        text.replace(text.find("termination: converged"), 22, "termination: finished");
        writeText(runFile, text);
        Diagnostics warnings;
        const auto file = io::loadProjectWithRuns(project, &warnings);
        QVERIFY(file.ok()); // the project still opens
        QVERIFY(file->runs.empty());
        QCOMPARE(warnings.size(), std::size_t{1});
        QCOMPARE(warnings[0].severity, Severity::Warning);
        QCOMPARE(warnings[0].location.file, runFile);
        QVERIFY(warnings[0].location.line > 0);
        QVERIFY2(warnings[0].message.find("unknown termination 'finished'") != std::string::npos,
                 warnings[0].message.c_str());
    }

    void mismatchedScheduleIsAWarning()
    {
        Diagnostic warning;
        loadEditedRun("- layer: fc3\n", "- layer: fc9\n", warning);
        if (QTest::currentTestFailed())
            return;
        QVERIFY2(warning.message.find("does not match the run's network") != std::string::npos,
                 warning.message.c_str());
        QVERIFY(warning.message.find("fc9") != std::string::npos);
        QCOMPARE(warning.key, std::string("run.schedule"));
    }

    // A run edited by hand to extreme magnitudes loads without numbers, and says why, rather than
    // handing the window an infinite energy. Here a DRAM that moves one word in 1e17 cycles: the time
    // passes the cost model's limit.
    void overflowingRunIsAWarning()
    {
        Diagnostic warning;
        loadEditedRun("dram_bandwidth: inf\n", "dram_bandwidth: 1e-17\n", warning);
        if (QTest::currentTestFailed())
            return;
        QVERIFY2(warning.message.find("totals overflow the cost model") != std::string::npos, warning.message.c_str());
        QVERIFY2(warning.message.find("dram_bandwidth 1e-17") != std::string::npos, warning.message.c_str());
    }

    void runsKeptInsideOlderProjectFilesLoad()
    {
        // The project file format of earlier versions: runs inline, with their options only.
        std::string text = io::projectToYaml(setupC(), true);
        text += "  runs:\n    - solver: random\n      date: \"2025-11-26T14:03:12\"\n      seconds: 0.5\n"
                "      termination: converged\n      evaluations: 11862830736\n"
                "      total: {energy: 172309688, time: 17908}\n      options: {preset: default, goal: e}\n"
                "      schedule:\n";
        std::string schedule = io::scheduleToYaml(setupCSchedule());
        schedule = schedule.substr(schedule.find("schedule:\n") + 10);
        for (std::size_t pos = 0; pos < schedule.size();) {
            const std::size_t end = schedule.find('\n', pos);
            text += "      " + schedule.substr(pos, end - pos) + "\n";
            pos = end + 1;
        }
        QTemporaryDir dir;
        const std::string path = dir.filePath("old.yaml").toStdString();
        writeText(path, text);
        Diagnostics warnings;
        const auto file = io::loadProjectWithRuns(path, &warnings);
        QVERIFY2(file.ok(), file.ok() ? "" : file.diagnostics().front().format().c_str());
        QCOMPARE(file->inlineRuns, std::size_t{1});
        const Run& run = *file->runs.front();
        QCOMPARE(run.project().options.solver, SolverKind::Random);
        QCOMPARE(run.project().batch, 16);
        QVERIFY(run.project().network == file->project.network);
        QCOMPARE(run.evaluations, std::int64_t{11862830736});
        QVERIFY(run.hasResult());
    }

    void differencesNameWhatChanged()
    {
        const Project before = io::loadProjectFile(test::sourcePath("sample_projects/alexnet-16x16.yaml")).value();
        QVERIFY(projectDifferences(before, before).empty());
        Project after = before;
        std::get<KaplaHardware>(after.architecture.hardware).gbufSizeBytes = 65536;
        after.batch = 8;
        after.options.solver = SolverKind::Exhaustive; // the solver is not a difference of the problem
        after.name = "renamed";
        const std::vector<std::string> expected{"batch 16 → 8", "GBUF 32 KiB → 64 KiB"};
        QCOMPARE(projectDifferences(before, after), expected);
        Project edited = before;
        NetworkLayer conv2 = edited.network.at(edited.network.find("conv2_a"));
        QVERIFY(edited.network.replace(edited.network.find("conv2_a"), conv2.layer).empty());
        QVERIFY(projectDifferences(before, edited).empty());
        edited.options.goal = Goal::Delay;
        QCOMPARE(projectDifferences(before, edited), std::vector<std::string>{"goal e → d"});
    }

    void runsStayWhateverTheProjectBecomes()
    {
        // A run keeps its own network and architecture: a later edit of the project changes nothing.
        const RunPtr run = solvedRun();
        Project changed = setupC();
        std::get<ExplicitHardware>(changed.architecture.hardware).nodes = {2, 2};
        QCOMPARE(run->architecture().nodes.size(), std::int64_t{16});
        QCOMPARE(run->evaluation->totalCost, 172309688.0);
        const auto diffs = projectDifferences(run->project(), changed);
        QCOMPARE(diffs, std::vector<std::string>{"mesh 4x4 → 2x2"});
    }
};

QTEST_APPLESS_MAIN(TestProjectRuns)
#include "tst_project_runs.moc"
