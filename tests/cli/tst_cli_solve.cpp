// `kapla solve` as a user meets it: the exhaustive search on a golden project writes JSON, CSV and a
// schedule that `kapla evaluate` scores the same; no schedule exits 2 with reasons; Ctrl-C exits 3.

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

struct CliRun {
    bool finished = false;
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

CliRun runCli(const QStringList& args)
{
    QProcess p;
    p.setWorkingDirectory(kSourceDir);
    p.start(kCli, args);
    CliRun run;
    run.finished = p.waitForStarted() && p.waitForFinished(120000);
    if (!run.finished) {
        p.kill();
        p.waitForFinished();
    }
    run.exitCode = p.exitCode();
    run.out = p.readAllStandardOutput();
    run.err = p.readAllStandardError();
    return run;
}

QByteArray readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TstCliSolve : public QObject {
    Q_OBJECT
private slots:
    void solveWritesJsonCsvAndSchedule()
    {
        QTemporaryDir dir;
        const QString csv = dir.filePath(QStringLiteral("layers.csv"));
        const QString schedule = dir.filePath(QStringLiteral("schedule.yaml"));
        const CliRun run = runCli({QStringLiteral("solve"), kSetupB, QStringLiteral("--solver"), QStringLiteral("exhaustive"),
                                   QStringLiteral("--threads"), QStringLiteral("2"), QStringLiteral("--json"),
                                   QStringLiteral("-"), QStringLiteral("--csv"), csv, QStringLiteral("--schedule"), schedule});
        QVERIFY(run.finished);
        QCOMPARE(run.exitCode, 0);
        const QJsonObject json = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(json.value(QStringLiteral("solver")).toString(), QStringLiteral("exhaustive"));
        QCOMPARE(json.value(QStringLiteral("total")).toObject().value(QStringLiteral("energy")).toDouble(), 474696448.0);
        QCOMPARE(json.value(QStringLiteral("total")).toObject().value(QStringLiteral("time")).toInteger(), 23044);
        QCOMPARE(json.value(QStringLiteral("search")).toObject().value(QStringLiteral("termination")).toString(),
                 QStringLiteral("converged"));

        const QList<QByteArray> rows = readFile(csv).trimmed().split('\n');
        QCOMPARE(rows.size(), 5);
        QCOMPARE(rows[0], QByteArray("layer,segment,nodes,partition,tvals,op,dram,gbuf,itcn,regf,noc,static,energy,time"));
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
        const CliRun run = runCli({QStringLiteral("solve"), QStringLiteral("sample_projects/golden/setup-a-mlp_s-b8.yaml"),
                                   QStringLiteral("--batch"), QStringLiteral("4"), QStringLiteral("--goal"),
                                   QStringLiteral("d"), QStringLiteral("--json"), QStringLiteral("-")});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(run.out).object().value(QStringLiteral("batch")).toInt(), 4);
    }

    void bufferTooSmallExits2WithReason()
    {
        QTemporaryDir dir;
        const QString project = dir.filePath(QStringLiteral("tiny.yaml"));
        QFile f(project);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QStringLiteral("version: 1\nproject:\n  name: tiny\n  batch: 8\n  network: %1/sample_projects/networks/mlp_s.yaml\n"
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
        QProcess p;
        p.setWorkingDirectory(kSourceDir);
        p.start(kCli, {QStringLiteral("solve"), QStringLiteral("sample_projects/alexnet-16x16.yaml"),
                       QStringLiteral("--solver"), QStringLiteral("exhaustive")});
        QVERIFY(p.waitForStarted());
        QTest::qWait(1000);
        QCOMPARE(::kill(static_cast<pid_t>(p.processId()), SIGINT), 0);
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 3);
        QVERIFY(p.readAllStandardError().contains("cancelled"));
    }
};

QTEST_APPLESS_MAIN(TstCliSolve)
#include "tst_cli_solve.moc"
