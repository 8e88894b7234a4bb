// `kapla compare`: two saved runs of a project (Setup C with 32768- and 8192-word global buffers),
// a schedule file against a run file, an evaluation JSON against a run, the JSON, CSV and figure
// outputs, and the bad requests.

#include "cli_run.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#ifdef KAPLA_HAVE_FIGURES
#include <QImage>
#endif

namespace {

const QString kProject = QStringLiteral("tests/data/projects/setup-c-gbuf.yaml");
const QString kRun1 = kProject + QStringLiteral("#1");
const QString kRun2 = kProject + QStringLiteral("#2");

kapla::test::CliRun runKapla(const QStringList& args)
{
    return kapla::test::runProgram(QStringLiteral(KAPLA_CLI), args);
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TstCliCompare : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void savedRunsSideBySide()
    {
        QTemporaryDir dir;
        const QString json = dir.filePath(QStringLiteral("cmp.json"));
        const QString csv = dir.filePath(QStringLiteral("cmp.csv"));
        const auto r = runKapla(
            {QStringLiteral("compare"), kRun1, kRun2, QStringLiteral("--json"), json, QStringLiteral("--csv"), csv});
        QVERIFY2(r.finished && r.exitCode == 0, r.err.constData());
        const QString out = QString::fromUtf8(r.out);
        // The inputs first, then the totals and the layers by impact.
        const auto inputs = out.indexOf(QStringLiteral("GBUF 32768 words → 8192 words"));
        const auto totals = out.indexOf(QStringLiteral("173,406,392 unit"));
        QVERIFY2(inputs > 0 && totals > inputs, r.out.constData());
        QVERIFY(out.contains(QStringLiteral("+6,007,112 unit")));
        QVERIFY(out.contains(QStringLiteral("2 of 3 with different directives")));
        QVERIFY(out.contains(QStringLiteral("Partition, Mapping, Blocking, Loop order, Buffer use")));

        const QJsonObject j = QJsonDocument::fromJson(readAll(json)).object();
        QCOMPARE(j["total"]["energy"]["a"].toDouble(), 173406392.0);
        QCOMPARE(j["total"]["energy"]["b"].toDouble(), 179413504.0);
        QCOMPARE(j["total"]["time"]["diff"].toDouble(), 8772.0 - 17908.0);
        QCOMPARE(j["input_differences"].toArray().size(), 1);
        const QJsonArray layers = j["layers"].toArray();
        QCOMPARE(layers.size(), 3);
        QCOMPARE(layers[0]["name"].toString(), QStringLiteral("fc1"));
        QCOMPARE(layers[0]["directives"].toArray().size(), 5);
        QCOMPARE(layers[0]["directives"][0]["a"].toString(), QStringLiteral("output channels (K) 4x3 on 12 nodes"));
        QCOMPARE(layers[2]["directives"].toArray().size(), 0);

        const QStringList rows = QString::fromUtf8(readAll(csv)).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(rows.size(), 4);
        QVERIFY2(rows[2].startsWith(QStringLiteral("fc2,1,1,40735208,45051920,4316712,")), qPrintable(rows[2]));
    }

    void jsonToStdoutAlone()
    {
        const auto r = runKapla(
            {QStringLiteral("compare"), kRun2, kRun1, QStringLiteral("--json"), QStringLiteral("-")});
        QVERIFY2(r.finished && r.exitCode == 0, r.err.constData());
        QJsonParseError error;
        const QJsonObject j = QJsonDocument::fromJson(r.out, &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(j["input_differences"][0].toString(), QStringLiteral("GBUF 8192 words → 32768 words"));
        QCOMPARE(j["total"]["energy"]["diff"].toDouble(), -6007112.0);
    }

    void scheduleFileAgainstRunFile()
    {
        // The golden exhaustive schedule of Setup C against the KAPLA run of the same problem.
        const auto r = runKapla(
            {QStringLiteral("compare"), QStringLiteral("tests/data/schedules/setup-c-mlp_s-b16.yaml"),
             QStringLiteral("tests/data/projects/setup-c-gbuf.runs/run-001.yaml"), QStringLiteral("--project"),
             QStringLiteral("sample_projects/golden/setup-c-mlp_s-b16.yaml"), QStringLiteral("--json"),
             QStringLiteral("-")});
        QVERIFY2(r.finished && r.exitCode == 0, r.err.constData());
        const QJsonObject j = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(j["a"]["label"].toString(), QStringLiteral("setup-c-mlp_s-b16"));
        QCOMPARE(j["total"]["energy"]["a"].toDouble(), 172309688.0);
        QCOMPARE(j["total"]["energy"]["b"].toDouble(), 173406392.0);
        QCOMPARE(j["input_differences"].toArray().size(), 0);
    }

    void evaluationJsonAgainstRun()
    {
        // The exhaustive solve's JSON (the golden 172,309,688) against the saved KAPLA run of the problem.
        QTemporaryDir dir;
        const QString eval = dir.filePath(QStringLiteral("exhaustive.json"));
        const auto solve = runKapla({QStringLiteral("solve"),
                                     QStringLiteral("sample_projects/golden/setup-c-mlp_s-b16.yaml"),
                                     QStringLiteral("--json"), eval});
        QVERIFY2(solve.finished && solve.exitCode == 0, solve.err.constData());
        const QString run = QStringLiteral("tests/data/projects/setup-c-gbuf.runs/run-001.yaml");
        const auto r = runKapla({QStringLiteral("compare"), eval, run, QStringLiteral("--json"), QStringLiteral("-")});
        QVERIFY2(r.finished && r.exitCode == 0, r.err.constData());
        const QJsonObject j = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(j["a"]["label"].toString(), QStringLiteral("exhaustive.json (exhaustive)"));
        QCOMPARE(j["total"]["energy"]["a"].toDouble(), 172309688.0);
        QCOMPARE(j["total"]["energy"]["diff"].toDouble(), 173406392.0 - 172309688.0);
        QCOMPARE(j["total"]["time"]["a"].toDouble(), 17908.0);
        QCOMPARE(j["input_differences"].toArray().size(), 0); // the same network and batch
        QCOMPARE(j["not_compared"].toArray().size(), 1);      // its architecture and options

        // The numbers and directives read back are those of the schedule evaluated on the project.
        const QString schedule = dir.filePath(QStringLiteral("exhaustive.yaml"));
        QCOMPARE(runKapla({QStringLiteral("solve"), QStringLiteral("sample_projects/golden/setup-c-mlp_s-b16.yaml"),
                           QStringLiteral("--schedule"), schedule})
                     .exitCode,
                 0);
        const auto direct = runKapla({QStringLiteral("compare"), schedule, run, QStringLiteral("--project"),
                                      QStringLiteral("sample_projects/golden/setup-c-mlp_s-b16.yaml"),
                                      QStringLiteral("--json"), QStringLiteral("-")});
        QVERIFY2(direct.finished && direct.exitCode == 0, direct.err.constData());
        const QJsonObject d = QJsonDocument::fromJson(direct.out).object();
        for (const char* key : {"total", "breakdown", "layers"})
            QVERIFY2(j[key] == d[key], key);
        QCOMPARE(j["b"], d["b"]);
        QVERIFY(!r.out.contains("only in"));

        const auto summary = runKapla({QStringLiteral("compare"), run, eval});
        QVERIFY2(summary.exitCode == 0, summary.err.constData());
        QVERIFY2(summary.out.contains("not compared: the architecture and options: exhaustive.json (exhaustive) is an "
                                      "evaluation"),
                 summary.out.constData());
        QVERIFY(summary.out.contains("-1,096,704 unit"));
    }

    void malformedEvaluationJson_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("where");
        QTest::newRow("cut short") << QByteArray("{\n  \"network\": \"mlp_s\",\n  \"total\": {\"energy\": 1,\n")
                                   << QStringLiteral("bad.json:3:12: error: malformed YAML: this `{` is never closed");
        QTest::newRow("time not a number")
            << QByteArray(
                   "{\"network\": \"mlp_s\", \"batch\": 16, \"energy_unit\": \"unit\",\n"
                   " \"total\": {\"energy\": 1.5, \"time\": \"soon\",\n"
                   "  \"breakdown\": {\"op\": 1, \"dram\": 0, \"gbuf\": 0, \"itcn\": 0, \"regf\": 0, \"noc\": 0, "
                   "\"static\": 0.5}},\n"
                   " \"segments\": [], \"layers\": []}\n")
            << QStringLiteral("bad.json:2:35: error: total.time: expected an integer, got 'soon'");
    }

    void malformedEvaluationJson()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, where);
        QTemporaryDir dir;
        const QString bad = dir.filePath(QStringLiteral("bad.json"));
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(text);
        f.close();
        const auto r = runKapla({QStringLiteral("compare"), bad, kRun1});
        QVERIFY(r.finished);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(QString::fromUtf8(r.err).contains(where), r.err.constData());
    }

#ifdef KAPLA_HAVE_FIGURES
    void figureIsDrawn()
    {
        QTemporaryDir dir;
        const QString png = dir.filePath(QStringLiteral("cmp.png"));
        const auto r = runKapla({QStringLiteral("compare"), kRun1, kRun2, QStringLiteral("--figure"), png});
        QVERIFY2(r.finished && r.exitCode == 0, r.err.constData());
        const QImage image(png);
        QCOMPARE(image.size(), QSize(2000, 1120));
        const QString svg = dir.filePath(QStringLiteral("cmp.svg"));
        QCOMPARE(runKapla({QStringLiteral("compare"), kRun1, kRun2, QStringLiteral("--figure"), svg}).exitCode, 0);
        QVERIFY(readAll(svg).contains("fc1"));
    }
#endif

    void badRequests_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("one run") << QStringList{kRun1} << "two runs to compare are needed";
        QTest::newRow("project without run") << QStringList{kProject, kRun2} << "name one as";
        QTest::newRow("no such run") << QStringList{kRun1, kProject + "#9"} << "has no saved run 9; it keeps 2";
        QTest::newRow("missing file") << QStringList{kRun1, "nowhere.yaml"} << "nowhere.yaml: it does not exist";
        QTest::newRow("schedule without project")
            << QStringList{kRun1, "tests/data/schedules/setup-c-mlp_s-b16.yaml"} << "give it with --project";
        QTest::newRow("csv onto an input")
            << QStringList{kRun1, kRun2, "--csv", "tests/data/projects/setup-c-gbuf.runs/run-002.yaml"}
            << "run-002.yaml";
        QTest::newRow("figure format") << QStringList{kRun1, kRun2, "--figure", "/tmp/cmp.gif"} << "figure";
        QTest::newRow("unknown option") << QStringList{kRun1, kRun2, "--jsn", "x"} << "unexpected argument '--jsn'";
    }

    void badRequests()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        args.prepend(QStringLiteral("compare"));
        const auto r = runKapla(args);
        QVERIFY(r.finished);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.constData());
    }
};

QTEST_GUILESS_MAIN(TstCliCompare)
#include "tst_cli_compare.moc"
