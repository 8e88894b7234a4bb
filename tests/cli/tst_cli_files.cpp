// `kapla` and the file system as a hostile user meets it: pipes are read to their end, a named pipe
// with no writer is given up on, link loops, over-long paths and files used as folders are invalid
// input (exit 1, never "internal error"), and no output may overwrite an input of the same command,
// be an empty path or a directory; outputs through links keep the link, outputs to devices keep the
// device.

#include "cli_run.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>
#include <unistd.h>

namespace {

const QString kCli = QStringLiteral(KAPLA_CLI);
const QString kSourceDir = QStringLiteral(KAPLA_SOURCE_DIR);
const QString kNetwork = kSourceDir + QStringLiteral("/sample_projects/networks/mlp_s.yaml");
const QString kArchitecture = kSourceDir + QStringLiteral("/sample_projects/architectures/setup-b-4x4.yaml");
const QString kGoldenSchedule = kSourceDir + QStringLiteral("/tests/data/schedules/setup-c-mlp_s-b16.yaml");

using kapla::test::CliRun;

CliRun runCli(const QStringList& args) { return kapla::test::runProgram(kCli, args); }

// A shell command line with "$KAPLA" standing for the program (for `<(...)` and pipes).
CliRun runShell(const QString& command)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("KAPLA"), kCli);
    return kapla::test::runProgram(QStringLiteral("/bin/bash"), {QStringLiteral("-c"), command}, 120000, env);
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<unreadable>");
}

using kapla::test::writeText;

// Exit 1 with `message` on stderr: bad input, not an internal error.
void verifyInvalid(const CliRun& run, const char* message)
{
    QVERIFY2(run.finished, "kapla did not finish");
    QVERIFY2(run.exitCode == 1, run.err.constData());
    QVERIFY2(run.err.contains(message), run.err.constData());
    QVERIFY2(!run.err.contains("internal error"), run.err.constData());
}

} // namespace

class TstCliFiles : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString path(const QString& name) const { return m_dir.filePath(name); }

    // A project including `network` (absolute), the sample architecture and setup C's options.
    QString project(const QString& name, const QString& network) const
    {
        const QString file = path(name);
        QFile f(file);
        if (f.open(QIODevice::WriteOnly))
            f.write(QStringLiteral("version: 1\nproject:\n  name: files\n  batch: 16\n  network: %1\n"
                                   "  architecture: %2\n  options: {preset: default, solver: exhaustive, "
                                   "partition_hybrid: true, partition_batch: true, gbuf_sharing: true, "
                                   "gbuf_save_writeback: true, partition_interlayer: true}\n")
                        .arg(network, kArchitecture)
                        .toUtf8());
        return file;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    // `<(cat f)` and a pipe into /dev/stdin read the whole text (not an "empty document").
    void readsPipes_data()
    {
        QTest::addColumn<QString>("command");
        QTest::newRow("process substitution") << QStringLiteral("\"$KAPLA\" validate <(cat '%1')").arg(kNetwork);
        QTest::newRow("stdin pipe") << QStringLiteral("cat '%1' | \"$KAPLA\" validate /dev/stdin").arg(kNetwork);
        QTest::newRow("show from a pipe") << QStringLiteral("cat '%1' | \"$KAPLA\" show /dev/stdin").arg(kNetwork);
    }
    void readsPipes()
    {
        QFETCH(QString, command);
        const CliRun run = runShell(command);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(!run.err.contains("empty document"), run.err.constData());
    }

    void namedPipeWithoutWriterIsGivenUp()
    {
        const QString fifo = path(QStringLiteral("fifo"));
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        verifyInvalid(runCli({QStringLiteral("validate"), fifo}), "no program writes to this named pipe");
    }

    void refusesWhatIsNoFile()
    {
        verifyInvalid(runCli({QStringLiteral("validate"), QStringLiteral("/dev/zero")}), "it is a device");
        verifyInvalid(runCli({QStringLiteral("validate"), m_dir.path()}), "it is a directory");
    }

    // File-system errors in the file given and in a file it includes, for every verb reading them.
    // (Permission denied is not denied to root, so the unreadable include is a path through a file.)
    void fileSystemErrorsAreInvalidInput_data()
    {
        QTest::addColumn<QString>("bad");
        QTest::addColumn<QString>("reason");
        const QString loop = path(QStringLiteral("loop.yaml"));
        if (!QFileInfo(loop).isSymLink())
            QVERIFY(QFile::link(QStringLiteral("loop.yaml"), loop));
        QTest::newRow("link loop") << loop << "loop of symbolic links";
        QTest::newRow("path too long") << path(QString(5000, QLatin1Char('n'))) << "longer than the system allows";
        QTest::newRow("file as folder") << kNetwork + QStringLiteral("/x.yaml") << "not a folder";
    }
    void fileSystemErrorsAreInvalidInput()
    {
        QFETCH(QString, bad);
        QFETCH(QString, reason);
        const QByteArray why = reason.toUtf8();
        verifyInvalid(runCli({QStringLiteral("validate"), bad}), why.constData());
        verifyInvalid(runCli({QStringLiteral("show"), bad}), why.constData());
        const QString including = project(QStringLiteral("including.yaml"), bad);
        verifyInvalid(runCli({QStringLiteral("validate"), including}), why.constData());
        verifyInvalid(runCli({QStringLiteral("show"), including}), why.constData());
        verifyInvalid(runCli({QStringLiteral("solve"), including}), why.constData());
        verifyInvalid(runCli({QStringLiteral("evaluate"), including, QStringLiteral("--schedule"), kGoldenSchedule}),
                      why.constData());
        verifyInvalid(runCli({QStringLiteral("evaluate"), project(QStringLiteral("good.yaml"), kNetwork),
                              QStringLiteral("--schedule"), bad}),
                      why.constData());
    }

    // Every output option refuses every input of its command, whatever path names it.
    void outputNeverOverwritesAnInput()
    {
        const QString proj = project(QStringLiteral("p.yaml"), kNetwork);
        const QString schedule = path(QStringLiteral("s.yaml"));
        writeText(schedule, readAll(kGoldenSchedule));
        const QString link = path(QStringLiteral("net-link.yaml"));
        QVERIFY(QFile::link(kNetwork, link));
        const QByteArray projectBefore = readAll(proj), scheduleBefore = readAll(schedule),
                         networkBefore = readAll(kNetwork);
        const QString ev = QStringLiteral("evaluate"), sc = QStringLiteral("--schedule");
        const QList<QStringList> commands{
            {ev, proj, sc, schedule, QStringLiteral("--json"), schedule},
            {ev, proj, sc, schedule, QStringLiteral("--json"), proj},
            {ev, proj, sc, schedule, QStringLiteral("--json"), link},
            {QStringLiteral("show"), proj, QStringLiteral("--json"), link},
            {QStringLiteral("show"), kNetwork, QStringLiteral("--json"), kNetwork},
            {QStringLiteral("solve"), proj, sc, link},
            {QStringLiteral("solve"), proj, QStringLiteral("--json"), proj},
            {QStringLiteral("solve"), proj, QStringLiteral("--csv"), m_dir.path() + QStringLiteral("/./p.yaml")},
            {QStringLiteral("export"), proj, sc, schedule, QStringLiteral("--format"), QStringLiteral("yaml"),
             QStringLiteral("--out"), schedule},
            {QStringLiteral("export"), proj, sc, schedule, QStringLiteral("--format"), QStringLiteral("json"),
             QStringLiteral("--out"), link},
        };
        for (const QStringList& args : commands) {
            const CliRun run = runCli(args);
            QVERIFY2(run.exitCode == 1, qPrintable(args.join(QLatin1Char(' ')) + QLatin1Char('\n') + run.err));
            QVERIFY2(run.err.contains("error: is the input"), run.err.constData());
        }
        QCOMPARE(readAll(proj), projectBefore);
        QCOMPARE(readAll(schedule), scheduleBefore);
        QCOMPARE(readAll(kNetwork), networkBefore);
    }

    void emptyOrFolderOutputIsRefused()
    {
        const QString proj = project(QStringLiteral("p2.yaml"), kNetwork);
        verifyInvalid(runCli({QStringLiteral("show"), proj, QStringLiteral("--json"), QString()}), "--json ''");
        verifyInvalid(runCli({QStringLiteral("evaluate"), proj, QStringLiteral("--schedule"), kGoldenSchedule,
                              QStringLiteral("--json"), QString()}),
                      "an empty value");
        const CliRun run = runCli({QStringLiteral("show"), proj, QStringLiteral("--json"), m_dir.path()});
        verifyInvalid(run, "it is a directory");
        QVERIFY2(run.err.startsWith(QFile::encodeName(m_dir.path()) + ": error: cannot write the file"),
                 run.err.constData());
    }

    // /dev/null discards and stays the device; a linked output changes the link's target, not the link.
    void outputsKeepDevicesAndLinks()
    {
        const QString proj = project(QStringLiteral("p3.yaml"), kNetwork);
        const QString ev = QStringLiteral("evaluate"), sc = QStringLiteral("--schedule");
        QCOMPARE(runCli({ev, proj, sc, kGoldenSchedule, QStringLiteral("--json"), QStringLiteral("/dev/null")})
                     .exitCode,
                 0);
        struct stat st {};
        QCOMPARE(::stat("/dev/null", &st), 0);
        QVERIFY(S_ISCHR(st.st_mode));
        const QString target = path(QStringLiteral("out.json")), link = path(QStringLiteral("out-link.json"));
        QVERIFY(QFile::link(target, link));
        QCOMPARE(runCli({ev, proj, sc, kGoldenSchedule, QStringLiteral("--json"), link}).exitCode, 0);
        QVERIFY(QFileInfo(link).isSymLink());
        QVERIFY(readAll(target).contains("\"total\""));
    }
};

QTEST_GUILESS_MAIN(TstCliFiles)
#include "tst_cli_files.moc"
