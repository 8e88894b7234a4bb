// Every command-line program and verb answers -h and --help with its usage on stdout and exit 0,
// wherever the flag stands, and runs nothing else. Programs not built (GUI, benchmarks) are skipped.

#include "cli_run.h"

#include <QtTest>

namespace {

using Run = kapla::test::CliRun;

Run run(const QString& program, const QStringList& args) { return kapla::test::runProgram(program, args, 30000); }

} // namespace

class TstCliHelp : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void helpPrintsUsage_data()
    {
        QTest::addColumn<QString>("program");
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("usage"); ///< the start of the usage line
        const auto row = [](const char* name, const QString& program, const QStringList& args, const char* usage) {
            if (!program.isEmpty())
                QTest::newRow(name) << program << args << QByteArray(usage);
        };
        const QString kapla = QStringLiteral(KAPLA_CLI);
        const QString project = QStringLiteral("sample_projects/golden/setup-a-mlp_s-b8.yaml");
        row("kapla --help", kapla, {"--help"}, "usage: kapla VERB");
        row("kapla -h", kapla, {"-h"}, "usage: kapla VERB");
        row("kapla help", kapla, {"help"}, "usage: kapla VERB");
        row("kapla help solve", kapla, {"help", "solve"}, "usage: kapla solve");
        row("validate --help", kapla, {"validate", "--help"}, "usage: kapla validate");
        row("show -h", kapla, {"show", "-h"}, "usage: kapla show");
        row("evaluate -h", kapla, {"evaluate", "-h"}, "usage: kapla evaluate");
        row("solve --help", kapla, {"solve", "--help"}, "usage: kapla solve");
        row("solve -h", kapla, {"solve", "-h"}, "usage: kapla solve");
        // After other arguments too, and before anything is solved.
        row("solve PROJECT ... --help", kapla, {"solve", project, "--solver", "exhaustive", "--threads", "2", "--help"},
            "usage: kapla solve");
        row("export --help", kapla, {"export", "--help"}, "usage: kapla export");
        row("import --help", kapla, {"import", "--help"}, "usage: kapla import");
        row("kapla help import", kapla, {"help", "import"}, "usage: kapla import");
        row("compare --help", kapla, {"compare", "--help"}, "usage: kapla compare");
        row("kapla help compare", kapla, {"help", "compare"}, "usage: kapla compare");
        row("import MODEL --out X -h", kapla, {"import", "model.onnx", "--out", "x.yaml", "-h"}, "usage: kapla import");
        row("kapla-studio -h", QStringLiteral(KAPLA_STUDIO), {"-h"}, "usage: kapla-studio");
        row("kapla-bench --help", QStringLiteral(KAPLA_BENCH), {"--help"}, "usage: kapla-bench ");
        row("kapla-bench --threads 2 -h", QStringLiteral(KAPLA_BENCH), {"--threads", "2", "-h"}, "usage: kapla-bench ");
        row("kapla-bench-eval --help", QStringLiteral(KAPLA_BENCH_EVAL), {"--help"}, "usage: kapla-bench-eval");
        row("kapla-bench-solve -h", QStringLiteral(KAPLA_BENCH_SOLVE), {"-h"}, "usage: kapla-bench-solve");
    }

    void helpPrintsUsage()
    {
        QFETCH(QString, program);
        QFETCH(QStringList, args);
        QFETCH(QByteArray, usage);
        const Run r = run(program, args);
        QVERIFY2(r.finished, "did not finish");
        const QString failure = QStringLiteral("exit %1, stderr:\n%2").arg(r.exitCode).arg(QString::fromUtf8(r.err));
        QVERIFY2(r.exitCode == 0, qPrintable(failure));
        QVERIFY2(r.out.startsWith(usage), r.out.constData());
        QVERIFY2(r.out.contains("usage:"), r.out.constData());
        QVERIFY2(r.err.isEmpty(), r.err.constData());
    }

    // Usage errors still go to stderr with exit 1.
    void unknownOptionsExit1_data()
    {
        QTest::addColumn<QString>("program");
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("message");
        const auto row = [](const char* name, const QString& program, const QStringList& args, const char* message) {
            if (!program.isEmpty())
                QTest::newRow(name) << program << args << QByteArray(message);
        };
        const QString kapla = QStringLiteral(KAPLA_CLI);
        row("kapla help frobnicate", kapla, {"help", "frobnicate"}, "unknown verb 'frobnicate'");
        row("solve --helpme", kapla, {"solve", "x.yaml", "--helpme", "1"}, "--helpme: unknown option");
        row("import --skip", kapla, {"import", "m.onnx", "--skip", "1"}, "--skip: unknown option");
        row("import --batch", kapla, {"import", "m.onnx", "--batch"}, "--batch: needs a value");
        const QString benchSolve = QStringLiteral(KAPLA_BENCH_SOLVE);
        row("kapla-bench-solve --bogus", benchSolve, {"--bogus", "1"}, "--bogus: unknown option");
        row("kapla-bench-solve --only", benchSolve, {"--only"}, "--only: needs a value");
        row("kapla-bench-eval x", QStringLiteral(KAPLA_BENCH_EVAL), {"x"}, "unexpected argument 'x'");
    }

    void unknownOptionsExit1()
    {
        QFETCH(QString, program);
        QFETCH(QStringList, args);
        QFETCH(QByteArray, message);
        const Run r = run(program, args);
        QVERIFY(r.finished);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(message), r.err.constData());
        QVERIFY2(r.err.contains("usage:"), r.err.constData());
        QVERIFY(r.out.isEmpty());
    }
};

QTEST_APPLESS_MAIN(TstCliHelp)
#include "tst_cli_help.moc"
