// `kapla sweep` as a user meets it: every point of a grid is a row (one without a valid schedule with
// its reason) with its schedule on disk; shards merged, by hand or through GNU parallel, equal the
// unsharded run; a sweep interrupted with Ctrl-C and resumed equals an uninterrupted one; the merge
// refuses parts that are missing, doubled or of another sweep; bad sweep files exit 1 with
// file:line:column; --emit slurm writes a job-array script.

#include "cli_run.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <csignal>

namespace {

const QString kCli = QStringLiteral(KAPLA_CLI);
const QString kGrid = QStringLiteral("tests/data/sweeps/mlp-grid.yaml");
constexpr int kGridPoints = 6;

using kapla::test::CliRun;

CliRun runCli(const QStringList& args) { return kapla::test::runProgram(kCli, args, 300000); }

QByteArray readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeFile(const QString& path, const QByteArray& text)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(text) == text.size();
}

// The rows of points.csv sorted, without the search_seconds column (the last), the one column two
// runs of one sweep differ in.
QByteArrayList comparableRows(const QString& dir)
{
    QByteArrayList rows = readFile(dir + QStringLiteral("/points.csv")).trimmed().split('\n');
    for (QByteArray& row : rows)
        row.truncate(row.lastIndexOf(','));
    std::sort(rows.begin(), rows.end());
    return rows;
}

QJsonArray jsonPoints(const QString& dir)
{
    return QJsonDocument::fromJson(readFile(dir + QStringLiteral("/points.json")))
        .object()
        .value(QStringLiteral("points"))
        .toArray();
}

QString writeSweep(const QTemporaryDir& dir, const QString& name, const QString& body)
{
    const QString path = dir.filePath(name);
    const QString base = QStringLiteral(KAPLA_SOURCE_DIR "/sample_projects/golden/setup-b-mlp_m-b16.yaml");
    writeFile(path, ("version: 1\nsweep:\n  base: " + base + "\n" + body).toUtf8());
    return path;
}

} // namespace

class TstCliSweep : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_whole; // the unsharded run of the grid, made once

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_whole = m_dir.filePath(QStringLiteral("whole"));
        const CliRun run = runCli({QStringLiteral("sweep"), kGrid, QStringLiteral("--out"), m_whole});
        QVERIFY2(run.finished && run.exitCode == 0, run.err.constData());
        QVERIFY2(run.err.contains("[6/6] p0005"), run.err.constData());
    }
    void everyPointIsARow()
    {
        const QByteArrayList rows = readFile(m_whole + QStringLiteral("/points.csv")).trimmed().split('\n');
        QCOMPARE(rows.size(), kGridPoints + 1);
        QVERIFY2(rows[0].startsWith("id,architecture.gbuf_bytes,batch,status,reason,energy,time,op,dram,"),
                 rows[0].constData());
        QVERIFY(rows[0].endsWith(",total_pes,sram_bytes,evaluations,schedule,search_seconds"));
        const QJsonArray points = jsonPoints(m_whole);
        QCOMPARE(points.size(), kGridPoints);
        for (const auto& v : points) {
            const QJsonObject p = v.toObject();
            const QString gbuf = p.value(QStringLiteral("inputs"))
                                     .toObject()
                                     .value(QStringLiteral("architecture.gbuf_bytes"))
                                     .toString();
            const QString status = p.value(QStringLiteral("status")).toString();
            if (gbuf == QStringLiteral("16")) {
                // No schedule fits an 8-word buffer: the row says so instead of the sweep stopping.
                QCOMPARE(status, QStringLiteral("no-schedule"));
                QVERIFY(!p.value(QStringLiteral("reason")).toString().isEmpty());
                QVERIFY(p.value(QStringLiteral("schedule")).toString().isEmpty());
                continue;
            }
            QCOMPARE(status, QStringLiteral("ok"));
            QVERIFY(p.value(QStringLiteral("total")).toObject().value(QStringLiteral("energy")).toDouble() > 0);
            QCOMPARE(p.value(QStringLiteral("area")).toObject().value(QStringLiteral("total_pes")).toInt(), 16 * 64);
            const QString schedule = m_whole + "/" + p.value(QStringLiteral("schedule")).toString();
            QVERIFY2(QFile::exists(schedule), qPrintable(schedule));
            // The schedule is the point's: kapla evaluate on the point's project gives the row's energy.
        }
        // A whole sweep gets its Pareto fronts.
        QVERIFY(
            readFile(m_whole + QStringLiteral("/pareto.csv")).startsWith("front,id,architecture.gbuf_bytes,batch,"));
    }
    void shardsMergeToTheWholeSweep()
    {
        QStringList parts;
        for (int i = 1; i <= 4; ++i) {
            const QString part = m_dir.filePath(QStringLiteral("part-%1").arg(i));
            const CliRun run = runCli({QStringLiteral("sweep"), kGrid, QStringLiteral("--shard"),
                                       QStringLiteral("%1/4").arg(i), QStringLiteral("--out"), part});
            QVERIFY2(run.finished && run.exitCode == 0, run.err.constData());
            parts << part;
        }
        // 6 points in 4 shards: 2, 2, 1, 1.
        QCOMPARE(jsonPoints(parts[0]).size(), 2);
        QCOMPARE(jsonPoints(parts[3]).size(), 1);
        const QString merged = m_dir.filePath(QStringLiteral("merged"));
        const CliRun merge = runCli(QStringList{QStringLiteral("sweep"), QStringLiteral("--merge")} + parts
                                    + QStringList{QStringLiteral("--out"), merged});
        QVERIFY2(merge.finished && merge.exitCode == 0, merge.err.constData());
        QCOMPARE(comparableRows(merged), comparableRows(m_whole));
        QCOMPARE(readFile(merged + QStringLiteral("/pareto.csv")), readFile(m_whole + QStringLiteral("/pareto.csv")));
        QVERIFY(QFile::exists(merged + QStringLiteral("/schedules/p0005.yaml")));

        // A part missing, or given twice, is refused with the point it concerns.
        const CliRun missing = runCli({QStringLiteral("sweep"), QStringLiteral("--merge"), parts[0], parts[1], parts[2],
                                       QStringLiteral("--out"), m_dir.filePath(QStringLiteral("m2"))});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY2(missing.err.contains("1 of 6 points have no row in the parts given (p0003)"), missing.err.constData());
        const CliRun doubled = runCli(
            QStringList{QStringLiteral("sweep"), QStringLiteral("--merge")} + parts
            + QStringList{parts[0], QStringLiteral("--out"), m_dir.filePath(QStringLiteral("m3"))});
        QCOMPARE(doubled.exitCode, 1);
        QVERIFY2(doubled.err.contains("point p0000 is also in"), doubled.err.constData());
    }
    void mergeRefusesAnotherSweep()
    {
        QTemporaryDir dir;
        const QString other = writeSweep(dir, QStringLiteral("other.yaml"),
                                         QStringLiteral("  parameters:\n    batch: [2]\n"));
        const QString otherOut = dir.filePath(QStringLiteral("other"));
        QCOMPARE(runCli({QStringLiteral("sweep"), other, QStringLiteral("--out"), otherOut}).exitCode, 0);
        const CliRun run = runCli({QStringLiteral("sweep"), QStringLiteral("--merge"), m_whole, otherOut,
                                   QStringLiteral("--out"), dir.filePath(QStringLiteral("m"))});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("comes from another sweep file"), run.err.constData());
    }
    void gnuParallelRunsTheShards()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("parallel")).isEmpty())
            QSKIP("GNU parallel is not installed (Debian package `parallel`)");
        const QString out = m_dir.filePath(QStringLiteral("parallel"));
        const CliRun emit = runCli({QStringLiteral("sweep"), kGrid, QStringLiteral("--emit"),
                                    QStringLiteral("parallel"), QStringLiteral("--shards"), QStringLiteral("3"),
                                    QStringLiteral("--out"), out});
        QCOMPARE(emit.exitCode, 0);
        QVERIFY2(emit.out.startsWith("parallel --halt now,fail=1 "), emit.out.constData());
        const CliRun run = kapla::test::runProgram(QStringLiteral("bash"),
                                                   {QStringLiteral("-c"), QString::fromUtf8(emit.out)}, 300000);
        QVERIFY2(run.finished && run.exitCode == 0, run.err.constData());
        QCOMPARE(jsonPoints(out + QStringLiteral("/shard-3")).size(), 2);
        QCOMPARE(comparableRows(out), comparableRows(m_whole));
    }
    void interruptedThenResumedEqualsWhole()
    {
        const QString out = m_dir.filePath(QStringLiteral("resumed"));
        QProcess p;
        p.setWorkingDirectory(QStringLiteral(KAPLA_SOURCE_DIR));
        p.start(kCli, {QStringLiteral("sweep"), kGrid, QStringLiteral("--out"), out, QStringLiteral("--threads"),
                       QStringLiteral("1")});
        QVERIFY(p.waitForStarted());
        // Ctrl-C once the first point has its row.
        QTRY_VERIFY_WITH_TIMEOUT(jsonPoints(out).size() >= 1 || p.state() == QProcess::NotRunning, 120000);
        if (p.state() == QProcess::NotRunning)
            QSKIP("the sweep ended before it could be interrupted");
        ::kill(static_cast<pid_t>(p.processId()), SIGINT);
        QVERIFY(p.waitForFinished(120000));
        const int done = static_cast<int>(jsonPoints(out).size());
        if (p.exitCode() == 0)
            QSKIP("the sweep ended before the interrupt reached it");
        QCOMPARE(p.exitCode(), 3);
        QVERIFY2(done >= 1 && done < kGridPoints, QByteArray::number(done).constData());
        // The partial result is a valid table of the points done so far.
        QCOMPARE(comparableRows(out).size(), done + 1);
        QVERIFY(!QFile::exists(out + QStringLiteral("/pareto.csv")));

        const CliRun again = runCli({QStringLiteral("sweep"), kGrid, QStringLiteral("--out"), out});
        QCOMPARE(again.exitCode, 1);
        QVERIFY2(again.err.contains("expected --resume to continue it"), again.err.constData());
        const CliRun resumed = runCli(
            {QStringLiteral("sweep"), kGrid, QStringLiteral("--out"), out, QStringLiteral("--resume")});
        QVERIFY2(resumed.exitCode == 0, resumed.err.constData());
        QVERIFY2(!resumed.err.contains("p0000"), resumed.err.constData()); // not solved again
        QCOMPARE(comparableRows(out), comparableRows(m_whole));
    }
    void badSweepFilesNamePosition_data()
    {
        QTest::addColumn<QString>("body");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown parameter") << "  parameters:\n    architecture.gbuf: [1]\n"
                                           << ":5:5: error: sweep.parameters.architecture.gbuf: unknown parameter";
        QTest::newRow("empty range") << "  parameters:\n    batch: {from: 16, to: 8, step: 1}\n"
                                     << ":5:12: error: sweep.parameters.batch: the range is empty";
        QTest::newRow("constraint rejects all")
            << "  parameters:\n    batch: [8, 16]\n  constraints: [\"batch < 8\"]\n"
            << ":6:17: error: sweep.constraints[0]: `batch < 8` rejects every one of the 2 points";
    }
    void badSweepFilesNamePosition()
    {
        QFETCH(QString, body);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString file = writeSweep(dir, QStringLiteral("bad.yaml"), body);
        const CliRun run = runCli(
            {QStringLiteral("sweep"), file, QStringLiteral("--out"), dir.filePath(QStringLiteral("o"))});
        QVERIFY(run.finished);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.startsWith((file + expected).toUtf8()), run.err.constData());
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("o"))));
        // kapla validate knows sweep files too.
        QCOMPARE(runCli({QStringLiteral("validate"), file}).exitCode, 1);
    }
    void emitSlurmWritesAnArrayScript()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("cluster"));
        const CliRun run = runCli({QStringLiteral("sweep"), kGrid, QStringLiteral("--emit"), QStringLiteral("slurm"),
                                   QStringLiteral("--shards"), QStringLiteral("3"), QStringLiteral("--out"), out});
        QCOMPARE(run.exitCode, 0);
        const QString script = QString::fromUtf8(run.out);
        QVERIFY(script.startsWith(QStringLiteral("#!/bin/bash\n")));
        QVERIFY2(script.contains(QStringLiteral("#SBATCH --array=1-3\n")), qPrintable(script));
        QVERIFY(script.contains(QStringLiteral("#SBATCH --output=") + out + QStringLiteral("/logs/shard-%a.out\n")));
        QVERIFY(script.contains(QStringLiteral("--shard \"$SLURM_ARRAY_TASK_ID/3\"")));
        QVERIFY(script.contains(QStringLiteral("--dependency=afterok:\"$SLURM_ARRAY_JOB_ID\"")));
        QVERIFY(script.contains(
            QStringLiteral("sweep --merge \"$out/shard-1\" \"$out/shard-2\" \"$out/shard-3\" --out \"$out\"")));
        QVERIFY(QDir(out + QStringLiteral("/logs")).exists());
        const CliRun syntax = kapla::test::runProgram(QStringLiteral("bash"),
                                                      {QStringLiteral("-n"), QStringLiteral("-c"), script});
        QCOMPARE(syntax.exitCode, 0);
    }
    void plotDrawsTheFronts()
    {
        const QString png = m_dir.filePath(QStringLiteral("front.png"));
        const CliRun run = runCli({QStringLiteral("sweep"), QStringLiteral("--plot"), m_whole,
                                   QStringLiteral("--figure"), QStringLiteral("pareto-time"), QStringLiteral("--out"),
                                   png});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY(readFile(png).startsWith("\x89PNG"));
        // Energy and time against one parameter need a sweep of one parameter; this one has two.
        const CliRun two = runCli({QStringLiteral("sweep"), QStringLiteral("--plot"), m_whole,
                                   QStringLiteral("--figure"), QStringLiteral("parameter"), QStringLiteral("--out"),
                                   png});
        QCOMPARE(two.exitCode, 1);
        QVERIFY2(two.err.contains("needs a sweep of one parameter; this one has 2"), two.err.constData());
    }
    void badArgumentsExit1()
    {
        QCOMPARE(runCli({QStringLiteral("sweep"), kGrid}).exitCode, 1);
        const CliRun shard = runCli({QStringLiteral("sweep"), kGrid, QStringLiteral("--shard"), QStringLiteral("4/3"),
                                     QStringLiteral("--out"), m_dir.filePath(QStringLiteral("x"))});
        QCOMPARE(shard.exitCode, 1);
        QVERIFY2(shard.err.contains("--shard: expected I/N with 1 <= I <= N, got '4/3'"), shard.err.constData());
    }
};

QTEST_GUILESS_MAIN(TstCliSweep)
#include "tst_cli_sweep.moc"
