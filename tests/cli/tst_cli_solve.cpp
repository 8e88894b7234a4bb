// `kapla solve` as a user meets it: the exhaustive search on a golden project writes JSON, CSV and a
// schedule that `kapla evaluate` scores the same; --mapping changes the PE-array mapping; budgets
// and seeds are accepted; the exhaustive search honours budgets (completing its schedule in the
// wind-down; exit 3 when it cannot), KAPLA rejects them; bad values exit 1 naming the option; no schedule exits 2 with
// reasons; Ctrl-C exits 3, writing the best complete schedule found.

#include "cli_run.h"
#include "timing_bound.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

namespace {

const QString kSourceDir = QStringLiteral(KAPLA_SOURCE_DIR);
const QString kCli = QStringLiteral(KAPLA_CLI);
const QString kSetupB = QStringLiteral("sample_projects/golden/setup-b-mlp_m-b16.yaml");
const QString kSetupA = QStringLiteral("sample_projects/golden/setup-a-mlp_s-b8.yaml");

using kapla::test::CliRun;

CliRun runCli(const QStringList& args) { return kapla::test::runProgram(kCli, args); }

QByteArray readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Runs `kapla` with `args`, sends it SIGINT after `afterMs` (as Ctrl-C does) and waits for its end.
CliRun interruptCli(const QStringList& args, int afterMs)
{
    QProcess p;
    p.setWorkingDirectory(kSourceDir);
    p.start(kCli, args);
    CliRun run;
    if (!p.waitForStarted())
        return run;
    QTest::qWait(afterMs);
    run.finished = ::kill(static_cast<pid_t>(p.processId()), SIGINT) == 0 && p.waitForFinished(10000);
    if (!run.finished) {
        p.kill();
        p.waitForFinished();
    }
    run.exitCode = p.exitCode();
    run.exitStatus = p.exitStatus();
    run.out = p.readAllStandardOutput();
    run.err = p.readAllStandardError();
    return run;
}

double totalEnergy(const QByteArray& json)
{
    const QJsonObject total = QJsonDocument::fromJson(json).object().value(QStringLiteral("total")).toObject();
    return total.value(QStringLiteral("energy")).toDouble();
}

} // namespace

class TstCliSolve : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void solveWritesJsonCsvAndSchedule()
    {
        QTemporaryDir dir;
        const QString csv = dir.filePath(QStringLiteral("layers.csv"));
        const QString schedule = dir.filePath(QStringLiteral("schedule.yaml"));
        const CliRun run = runCli({QStringLiteral("solve"), kSetupB, QStringLiteral("--solver"),
                                   QStringLiteral("exhaustive"), QStringLiteral("--threads"), QStringLiteral("2"),
                                   QStringLiteral("--json"), QStringLiteral("-"), QStringLiteral("--csv"), csv,
                                   QStringLiteral("--schedule"), schedule});
        QVERIFY(run.finished);
        QCOMPARE(run.exitCode, 0);
        const QJsonObject json = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(json.value(QStringLiteral("solver")).toString(), QStringLiteral("exhaustive"));
        QCOMPARE(json.value(QStringLiteral("total")).toObject().value(QStringLiteral("energy")).toDouble(),
                 474696448.0);
        QCOMPARE(json.value(QStringLiteral("total")).toObject().value(QStringLiteral("time")).toInteger(), 23044);
        QCOMPARE(json.value(QStringLiteral("search")).toObject().value(QStringLiteral("termination")).toString(),
                 QStringLiteral("converged"));

        const QList<QByteArray> rows = readFile(csv).trimmed().split('\n');
        QCOMPARE(rows.size(), 5);
        QCOMPARE(rows[0],
                 QByteArray("layer,segment,nodes,partition,tvals,op,dram,gbuf,itcn,regf,noc,static,energy,time"));
        QVERIFY2(rows[1].startsWith("fc1,0,16,OFMP>BATP>INPP>OUTP OUTP=4x4 OFMP=1x1 BATP=1x1 INPP=1x1,"
                                    "\"[[2,1,1],[196,1,1],[1,2,16]]\","),
                 rows[1].constData());
        QVERIFY2(rows[1].endsWith(",257459456,12544"), rows[1].constData());

        const CliRun again = runCli({QStringLiteral("evaluate"), kSetupB, QStringLiteral("--schedule"), schedule,
                                     QStringLiteral("--json"), QStringLiteral("-")});
        QCOMPARE(again.exitCode, 0);
        const QJsonObject total = QJsonDocument::fromJson(again.out).object().value(QStringLiteral("total")).toObject();
        QCOMPARE(total.value(QStringLiteral("energy")).toDouble(), 474696448.0);
    }

    void overridesBatchAndGoal()
    {
        const CliRun run = runCli({QStringLiteral("solve"),
                                   QStringLiteral("sample_projects/golden/setup-a-mlp_s-b8.yaml"),
                                   QStringLiteral("--batch"), QStringLiteral("4"), QStringLiteral("--goal"),
                                   QStringLiteral("d"), QStringLiteral("--json"), QStringLiteral("-")});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(run.out).object().value(QStringLiteral("batch")).toInt(), 4);
    }

    // Setup A's golden numbers are for the row-stationary mapping; the systolic template maps the
    // same layers onto the 16x16 array differently, so the search ends elsewhere.
    void mappingSystolicDiffersFromRs()
    {
        QTemporaryDir dir;
        const QString rsSchedule = dir.filePath(QStringLiteral("rs.yaml"));
        const QString systolicSchedule = dir.filePath(QStringLiteral("systolic.yaml"));
        const CliRun rs = runCli({QStringLiteral("solve"), kSetupA, QStringLiteral("--mapping"), QStringLiteral("rs"),
                                  QStringLiteral("--json"), QStringLiteral("-"), QStringLiteral("--schedule"),
                                  rsSchedule});
        const CliRun systolic = runCli({QStringLiteral("solve"), kSetupA, QStringLiteral("--mapping"),
                                        QStringLiteral("systolic"), QStringLiteral("--json"), QStringLiteral("-"),
                                        QStringLiteral("--schedule"), systolicSchedule});
        QVERIFY2(rs.exitCode == 0, rs.err.constData());
        QVERIFY2(systolic.exitCode == 0, systolic.err.constData());
        QCOMPARE(totalEnergy(rs.out), 133650080.0);
        QVERIFY(totalEnergy(systolic.out) > 0);
        QVERIFY(totalEnergy(systolic.out) != totalEnergy(rs.out));
        QVERIFY(readFile(systolicSchedule) != readFile(rsSchedule));
        // The schedule records its mapping, so evaluating it on the (row-stationary) project gives
        // the systolic solve's own total.
        QVERIFY(readFile(systolicSchedule).contains("mapping: systolic"));
        QVERIFY(readFile(rsSchedule).contains("mapping: eyeriss"));
        const CliRun evaluated = runCli({QStringLiteral("evaluate"), kSetupA, QStringLiteral("--schedule"),
                                         systolicSchedule, QStringLiteral("--json"), QStringLiteral("-")});
        QVERIFY2(evaluated.exitCode == 0, evaluated.err.constData());
        QCOMPARE(totalEnergy(evaluated.out), totalEnergy(systolic.out));
    }

    void seedAndBudgetsAreAccepted()
    {
        const CliRun run = runCli({QStringLiteral("solve"), kSetupA, QStringLiteral("--seed"), QStringLiteral("7"),
                                   QStringLiteral("--time-budget"), QStringLiteral("60"),
                                   QStringLiteral("--eval-budget"), QStringLiteral("100000000"),
                                   QStringLiteral("--json"), QStringLiteral("-")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY(totalEnergy(run.out) > 0);
    }

    // The exhaustive search honours a time budget as it honours Ctrl-C: AlexNet on the 16x16 mesh takes
    // minutes, so after 0.5 s it is far from its last layer and has no schedule to write: exit 3 with
    // the reason, promptly, and no output file.
    // AlexNet takes minutes: the budget stops it far from its last layer, and the wind-down either
    // completes the remaining layers (exit 0, the outputs written) or says that it could not (exit 3).
    void exhaustiveTimeBudgetStopsEarly()
    {
        QTemporaryDir dir;
        const QString json = dir.filePath(QStringLiteral("result.json"));
        QElapsedTimer timer;
        timer.start();
        const CliRun run = runCli({QStringLiteral("solve"), QStringLiteral("sample_projects/alexnet-16x16.yaml"),
                                   QStringLiteral("--solver"), QStringLiteral("exhaustive"),
                                   QStringLiteral("--threads"), QStringLiteral("2"), QStringLiteral("--time-budget"),
                                   QStringLiteral("0.5"), QStringLiteral("--json"), json});
        const qint64 ms = timer.elapsed();
        QVERIFY(run.finished);
        qInfo("returned after %lld ms", static_cast<long long>(ms));
        KAPLA_VERIFY_TIMING(ms < 5000, qPrintable(QStringLiteral("took %1 ms").arg(ms)));
        const QByteArray head("kapla solve: exhaustive search stopped by the time budget of 0.5 s; the best schedule "
                              "completed so far (stopped at layer ");
        if (run.exitCode == 0) {
            QVERIFY2(run.err.contains(head), run.err.constData());
            QVERIFY(QFile::exists(json));
            return;
        }
        QVERIFY2(run.exitCode == 3, run.err.constData());
        QVERIFY2(run.err.contains(
                     "kapla solve: exhaustive search: no complete schedule within the time budget of 0.5 s; "
                     "it stopped at layer "),
                 run.err.constData());
        QVERIFY(!QFile::exists(json));
    }

    // An evaluation budget stops it at a layer step, whatever the thread count.
    void exhaustiveEvaluationBudgetStopsAtTheSamePlace()
    {
        QByteArray messages[2];
        for (const int threads : {1, 2}) {
            const CliRun run = runCli({QStringLiteral("solve"), kSetupB, QStringLiteral("--solver"),
                                       QStringLiteral("exhaustive"), QStringLiteral("--threads"),
                                       QString::number(threads), QStringLiteral("--eval-budget"),
                                       QStringLiteral("1000")});
            QVERIFY(run.finished);
            // The wind-down completes the remaining layers; only a machine too loaded to give it its
            // 0.5 s leaves none (exit 3, saying so).
            if (run.exitCode == 3 && run.err.contains("did not finish within the 500 ms wind-down"))
                QSKIP("the wind-down did not finish on this loaded machine");
            QVERIFY2(run.exitCode == 0, run.err.constData());
            QVERIFY2(run.err.contains("exhaustive search stopped by the evaluation budget of 1000 loop blockings"),
                     run.err.constData());
            QVERIFY2(run.err.contains("; the best schedule completed so far (stopped at layer "), run.err.constData());
            messages[threads - 1] = run.err;
        }
        QCOMPARE(messages[0], messages[1]);
    }

    // A budget the search does not reach changes nothing.
    void exhaustiveWithinBudgetConverges()
    {
        const CliRun run = runCli({QStringLiteral("solve"), kSetupB, QStringLiteral("--solver"),
                                   QStringLiteral("exhaustive"), QStringLiteral("--time-budget"), QStringLiteral("100"),
                                   QStringLiteral("--json"), QStringLiteral("-")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(totalEnergy(run.out), 474696448.0);
        QCOMPARE(QJsonDocument::fromJson(run.out)
                     .object()
                     .value(QStringLiteral("search"))
                     .toObject()
                     .value(QStringLiteral("termination"))
                     .toString(),
                 QStringLiteral("converged"));
    }

    // KAPLA's DP has a schedule only at its end: a budget could only take it away, so it is a usage error.
    void kaplaRejectsBudgets_data()
    {
        QTest::addColumn<QString>("option");
        QTest::addColumn<QString>("value");
        QTest::newRow("time") << "--time-budget"
                              << "0.5";
        QTest::newRow("evaluations") << "--eval-budget"
                                     << "1000";
    }

    void kaplaRejectsBudgets()
    {
        QFETCH(QString, option);
        QFETCH(QString, value);
        const CliRun run = runCli({QStringLiteral("solve"), QStringLiteral("sample_projects/alexnet-16x16.yaml"),
                                   QStringLiteral("--solver"), QStringLiteral("kapla"), option, value});
        QVERIFY(run.finished);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("kapla solve: " + option.toUtf8() + ": the kapla solver takes no budget"),
                 run.err.constData());
        QVERIFY2(run.err.contains("usage: kapla solve"), run.err.constData());
        QVERIFY(run.out.isEmpty());
        // A budget of 0 is none, and is accepted.
        const CliRun none = runCli({QStringLiteral("solve"), kSetupA, QStringLiteral("--solver"),
                                    QStringLiteral("kapla"), option, QStringLiteral("0"), QStringLiteral("--json"),
                                    QStringLiteral("-")});
        QVERIFY2(none.exitCode == 0, none.err.constData());
    }

    void badSearchSettingsExit1WithMessage_data()
    {
        QTest::addColumn<QString>("option");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QByteArray>("message");
        const QByteArray integer("expected a non-negative integer");
        const QByteArray seconds("--time-budget: expected a non-negative number of seconds");
        QTest::newRow("mapping") << "--mapping"
                                 << "weight" << QByteArray("--mapping: expected rs or systolic, got 'weight'");
        QTest::newRow("seed negative") << "--seed"
                                       << "-1" << QByteArray("--seed: " + integer + ", got '-1'");
        QTest::newRow("seed text") << "--seed"
                                   << "x" << QByteArray("--seed: " + integer);
        QTest::newRow("time negative") << "--time-budget"
                                       << "-2" << seconds;
        QTest::newRow("time inf") << "--time-budget"
                                  << "inf" << seconds;
        QTest::newRow("time text") << "--time-budget"
                                   << "10s" << seconds;
        QTest::newRow("eval fraction") << "--eval-budget"
                                       << "1.5" << QByteArray("--eval-budget: " + integer);
        QTest::newRow("eval negative") << "--eval-budget"
                                       << "-5" << QByteArray("--eval-budget: " + integer);
    }

    void badSearchSettingsExit1WithMessage()
    {
        QFETCH(QString, option);
        QFETCH(QString, value);
        QFETCH(QByteArray, message);
        const CliRun run = runCli({QStringLiteral("solve"), kSetupA, option, value});
        QVERIFY(run.finished);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(message), run.err.constData());
        QVERIFY2(run.err.contains("usage: kapla solve"), run.err.constData());
    }

    void bufferTooSmallExits2WithReason()
    {
        QTemporaryDir dir;
        const QString project = dir.filePath(QStringLiteral("tiny.yaml"));
        QFile f(project);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(
            QStringLiteral(
                "version: 1\nproject:\n  name: tiny\n  batch: 8\n  network: %1/sample_projects/networks/mlp_s.yaml\n"
                "  architecture:\n    name: tiny\n    nodes: [1, 1]\n    pe_array: [16, 16]\n"
                "    word_bits: 16\n    gbuf_words: 1\n    regf_words: 256\n    array_bus_width: inf\n"
                "    dram_bandwidth: inf\n    mem_type: 2D\n    energy_unit: unit\n"
                "    energy: {mac: 1, dram: 200, gbuf: 6, itcn: 2, regf: 1, noc_hop: 0, idle: 0}\n"
                "  options: {preset: default, solver: exhaustive}\n")
                .arg(kSourceDir)
                .toUtf8());
        f.close();
        const CliRun run = runCli({QStringLiteral("solve"), project});
        QVERIFY(run.finished);
        QVERIFY2(run.exitCode == 2, run.err.constData());
        QVERIFY2(run.err.contains("fc1: no loop blocking fits a 1-word GBUF"), run.err.constData());
    }

    void badArgumentsExit1()
    {
        QCOMPARE(runCli({QStringLiteral("solve"), kSetupB, QStringLiteral("--goal"), QStringLiteral("x")}).exitCode, 1);
        QCOMPARE(runCli({QStringLiteral("solve"), kSetupB, QStringLiteral("--threads")}).exitCode, 1);
        QCOMPARE(runCli({QStringLiteral("solve"), QStringLiteral("no/such/project.yaml")}).exitCode, 1);
    }

    void interruptExits3()
    {
        const CliRun run = interruptCli({QStringLiteral("solve"), QStringLiteral("sample_projects/alexnet-16x16.yaml"),
                                         QStringLiteral("--solver"), QStringLiteral("exhaustive")},
                                        1000);
        QVERIFY(run.finished);
        QCOMPARE(run.exitStatus, QProcess::NormalExit);
        QCOMPARE(run.exitCode, 3);
        QVERIFY(run.err.contains("cancelled"));
    }

    void interruptWritesTheBestFound_data()
    {
        QTest::addColumn<QString>("solver");
        QTest::addColumn<QByteArray>("completed");
        // The random search finishes the schedule it is building at minimum sampling; KAPLA completes
        // its DP's best partial schedule with each remaining layer as its own segment.
        QTest::newRow("random") << QStringLiteral("random")
                                << QByteArray("cancelled; the best schedule completed so far");
        QTest::newRow("kapla") << QStringLiteral("kapla")
                               << QByteArray("KAPLA search cancelled; the best schedule completed so far");
    }
    void interruptWritesTheBestFound()
    {
        // After Ctrl-C the outputs exist and `kapla evaluate` reads the schedule back to the same energy.
        QFETCH(QString, solver);
        QFETCH(QByteArray, completed);
        QTemporaryDir dir;
        const QString schedule = dir.filePath(QStringLiteral("stopped.yaml"));
        const QString json = dir.filePath(QStringLiteral("stopped.json"));
        // ResNet-50 on one thread: a search of several seconds, still running when the signal comes.
        const CliRun run = interruptCli({QStringLiteral("solve"), QStringLiteral("sample_projects/resnet50-16x16.yaml"),
                                         QStringLiteral("--solver"), solver, QStringLiteral("--threads"),
                                         QStringLiteral("1"), QStringLiteral("--schedule"), schedule,
                                         QStringLiteral("--json"), json},
                                        1000);
        QVERIFY(run.finished);
        QCOMPARE(run.exitStatus, QProcess::NormalExit);
        QCOMPARE(run.exitCode, 3);
        // The wind-down has 0.5 s of wall clock, which a loaded machine may not give it: then the
        // command must say that nothing was written, and write nothing.
        const bool wasCompleted = run.err.contains(completed);
        KAPLA_VERIFY_TIMING(wasCompleted, run.err.constData());
        if (!wasCompleted) {
            QVERIFY2(run.err.contains("nothing was written"), run.err.constData());
            QVERIFY(!QFile::exists(schedule) && !QFile::exists(json));
            return;
        }
        QVERIFY(QFile::exists(schedule) && QFile::exists(json));
        const CliRun evaluated = runCli(
            {QStringLiteral("evaluate"), QStringLiteral("sample_projects/resnet50-16x16.yaml"),
             QStringLiteral("--schedule"), schedule, QStringLiteral("--json"), QStringLiteral("-")});
        QVERIFY2(evaluated.exitCode == 0, evaluated.err.constData());
        QCOMPARE(totalEnergy(evaluated.out), totalEnergy(readFile(json)));
    }
};

QTEST_APPLESS_MAIN(TstCliSolve)
#include "tst_cli_solve.moc"
