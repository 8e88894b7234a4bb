// The `kapla` command line as a user meets it: every file of the bad-input gallery fails fast with
// a file:line:column diagnostic, every sample validates, and `kapla show` reports the zoo's numbers.

#include "cli_run.h"
#include "timing_bound.h"
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>

namespace {

const QString kSourceDir = QStringLiteral(KAPLA_SOURCE_DIR);
const QString kCli = QStringLiteral(KAPLA_CLI);
const QString kWorkDir = QStringLiteral(KAPLA_CLI_WORK_DIR);

// The contract: a bad file is rejected within a second, whatever it contains.
constexpr qint64 kMaxRejectMs = 1000;

using kapla::test::CliRun;
using kapla::test::writeText;

CliRun runCli(const QStringList& args, int timeoutMs = 120000)
{
    return kapla::test::runProgram(kCli, args, timeoutMs);
}

// Sanitizer builds print these instead of (or before) crashing.
bool hasSanitizerReport(const QByteArray& err)
{
    return err.contains("AddressSanitizer") || err.contains("LeakSanitizer") || err.contains("runtime error:")
        || err.contains("UndefinedBehaviorSanitizer");
}

QString badDir() { return kSourceDir + QStringLiteral("/tests/data/bad"); }

/// One row of tests/data/bad/expected.tsv.
struct Expectation {
    int line = 0;
    int column = 0;
    QString message;
    QString reportedFile; ///< the file the diagnostic names, when not the validated one
};

// Rows of a tab-separated file without its '#' comment lines.
QList<QStringList> readTsv(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text))
        return {};
    QList<QStringList> rows;
    while (!f.atEnd()) {
        const QString line = QString::fromUtf8(f.readLine()).trimmed();
        if (!line.isEmpty() && !line.startsWith(QLatin1Char('#')))
            rows.append(line.split(QLatin1Char('\t')));
    }
    return rows;
}

QHash<QString, Expectation> readExpectations()
{
    QHash<QString, Expectation> table;
    for (const QStringList& cols : readTsv(badDir() + QStringLiteral("/expected.tsv"))) {
        if (cols.size() < 4)
            continue;
        table.insert(cols[0], {cols[1].toInt(), cols[2].toInt(), cols[3], cols.value(4)});
    }
    return table;
}

QStringList galleryFiles()
{
    QStringList files = QDir(badDir()).entryList(QDir::Files, QDir::Name);
    files.removeAll(QStringLiteral("expected.tsv"));
    return files;
}

// Checks a rejection: exit 1, normal exit, no sanitizer report, a diagnostic "<file>:<line>:<column>:"
// whose line contains `message`, and (in the `timing` run) that it came promptly.
void verifyRejected(const CliRun& run, const QString& reportedPath, int line, int column, const QString& message)
{
    QVERIFY2(run.finished, "kapla did not finish (hang?)");
    QCOMPARE(run.exitStatus, QProcess::NormalExit);
    QVERIFY2(!hasSanitizerReport(run.err), run.err.constData());
    qInfo("rejected in %lld ms", run.elapsedMs);
    KAPLA_VERIFY_TIMING(run.elapsedMs < kMaxRejectMs, qPrintable(QStringLiteral("took %1 ms").arg(run.elapsedMs)));
    QVERIFY2(run.exitCode == 1,
             qPrintable(QStringLiteral("exit code %1, stderr:\n%2").arg(run.exitCode).arg(QString::fromUtf8(run.err))));
    const QString prefix = QStringLiteral("%1:%2:%3: error: ").arg(reportedPath).arg(line).arg(column);
    const QStringList lines = QString::fromUtf8(run.err).split(QLatin1Char('\n'));
    const bool found = std::any_of(lines.begin(), lines.end(),
                                   [&](const QString& l) { return l.startsWith(prefix) && l.contains(message); });
    QVERIFY2(found, qPrintable(QStringLiteral("expected a line starting with\n  %1\ncontaining\n  %2\nstderr:\n%3")
                                   .arg(prefix, message, QString::fromUtf8(run.err))));
}

QJsonObject showJson(const QString& file)
{
    const CliRun run = runCli({QStringLiteral("show"), file, QStringLiteral("--json"), QStringLiteral("-")});
    if (!run.finished || run.exitCode != 0) {
        qWarning("kapla show %s: exit %d\n%s", qPrintable(file), run.exitCode, run.err.constData());
        return {};
    }
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(run.out, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        qWarning("kapla show %s: invalid JSON: %s", qPrintable(file), qPrintable(error.errorString()));
        return {};
    }
    return doc.object();
}

} // namespace

class TstCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void galleryIsComplete();
    void validateBadFile_data();
    void validateBadFile();
    void validateHugeFile();

    void validateSample_data();
    void validateSample();

    void showAlexNetProject();
    void showNetworkFile();
    void showZooNetwork_data();
    void showZooNetwork();

    void unknownVerbFails();
    void validateWithoutFilesFails();
    void validateMissingFileFails();

    void evaluateGoldenSchedule();
    void evaluateInvalidScheduleExits2();
    void evaluateMalformedScheduleExits1();
    void projectVerbsNameAnotherFileKind();
};

void TstCli::initTestCase()
{
    QVERIFY2(QFile::exists(kCli), qPrintable(kCli));
    QVERIFY(QDir(badDir()).exists());
}

// Every gallery file has an expectation and every expectation a file, so neither rots alone.
void TstCli::galleryIsComplete()
{
    const QStringList files = galleryFiles();
    const QHash<QString, Expectation> expected = readExpectations();
    QVERIFY2(files.size() >= 24, qPrintable(QStringLiteral("only %1 bad files").arg(files.size())));
    for (const QString& f : files)
        QVERIFY2(expected.contains(f), qPrintable(f + QStringLiteral(" has no row in expected.tsv")));
    for (auto it = expected.cbegin(); it != expected.cend(); ++it)
        QVERIFY2(files.contains(it.key()), qPrintable(it.key() + QStringLiteral(" is in expected.tsv but missing")));
}

void TstCli::validateBadFile_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("reportedFile");
    const QHash<QString, Expectation> expected = readExpectations();
    for (const QString& f : galleryFiles()) {
        const Expectation e = expected.value(f);
        QTest::newRow(qPrintable(f)) << f << e.line << e.column << e.message << e.reportedFile;
    }
}

void TstCli::validateBadFile()
{
    QFETCH(QString, file);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, message);
    QFETCH(QString, reportedFile);
    QVERIFY2(line > 0 && column > 0 && !message.isEmpty(), "no valid row in expected.tsv");
    const QString path = badDir() + QLatin1Char('/') + file;
    const CliRun run = runCli({QStringLiteral("validate"), path});
    const QString reported = reportedFile.isEmpty() ? path : badDir() + QLatin1Char('/') + reportedFile;
    verifyRejected(run, reported, line, column, message);
    // A diagnostic inside an included file must also say where it was included from.
    if (!reportedFile.isEmpty())
        QVERIFY2(run.err.contains((path + QLatin1Char(':')).toUtf8()), run.err.constData());
}

// A 50 MB file of valid-looking YAML is refused up front, not parsed for minutes.
void TstCli::validateHugeFile()
{
    const QString path = kWorkDir + QStringLiteral("/huge_50mb.yaml");
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write("version: 1\nnetwork:\n  name: Huge\n  input: {nofm: 3, sofm: 224}\n  layers:\n");
        QByteArray block;
        for (int i = 0; i < 10000; ++i)
            block += QStringLiteral(
                         "    - {name: conv%1, type: conv, nifm: 3, nofm: 3, sofm: 224, sfil: 1, prevs: [__INPUT__]}\n")
                         .arg(i)
                         .toUtf8();
        while (f.size() < 50LL * 1000 * 1000)
            QVERIFY(f.write(block) == block.size());
    }
    QVERIFY(QFileInfo(path).size() >= 50LL * 1000 * 1000);
    const CliRun run = runCli({QStringLiteral("validate"), path});
    QFile::remove(path);
    verifyRejected(run, path, 1, 1, QStringLiteral("expected at most 4 MiB"));
}

void TstCli::validateSample_data()
{
    QTest::addColumn<QString>("file");
    QDirIterator it(kSourceDir + QStringLiteral("/sample_projects"), {QStringLiteral("*.yaml")}, QDir::Files,
                    QDirIterator::Subdirectories);
    QStringList files;
    while (it.hasNext())
        files << it.next();
    files.sort();
    QVERIFY(files.size() >= 30);
    for (const QString& f : files)
        QTest::newRow(qPrintable(QDir(kSourceDir).relativeFilePath(f))) << f;
}

void TstCli::validateSample()
{
    QFETCH(QString, file);
    const CliRun run = runCli({QStringLiteral("validate"), file});
    QVERIFY(run.finished);
    QCOMPARE(run.exitStatus, QProcess::NormalExit);
    QVERIFY2(!hasSanitizerReport(run.err), run.err.constData());
    QVERIFY2(run.exitCode == 0, run.err.constData());
}

void TstCli::showAlexNetProject()
{
    const QJsonObject json = showJson(kSourceDir + QStringLiteral("/sample_projects/alexnet-16x16.yaml"));
    QVERIFY(!json.isEmpty());
    QCOMPARE(json.value(QStringLiteral("network")).toString(), QStringLiteral("AlexNet"));
    const QJsonArray layers = json.value(QStringLiteral("layers")).toArray();
    QCOMPARE(layers.size(), 19);
    qint64 sum = 0;
    for (const QJsonValue& v : layers) {
        const QJsonObject layer = v.toObject();
        QVERIFY(!layer.value(QStringLiteral("name")).toString().isEmpty());
        QVERIFY(!layer.value(QStringLiteral("type")).toString().isEmpty());
        QVERIFY(layer.value(QStringLiteral("macs_per_sample")).isDouble());
        sum += layer.value(QStringLiteral("macs_per_sample")).toInteger();
    }
    QCOMPARE(json.value(QStringLiteral("total_macs_per_sample")).toInteger(), Q_INT64_C(725508992));
    QCOMPARE(sum, Q_INT64_C(725508992));
}

void TstCli::showNetworkFile()
{
    const QString file = kSourceDir + QStringLiteral("/sample_projects/networks/mlp_s.yaml");
    const CliRun text = runCli({QStringLiteral("show"), file});
    QVERIFY(text.finished);
    QVERIFY2(text.exitCode == 0, text.err.constData());
    QVERIFY(text.out.contains("fc1") && text.out.contains("fc3"));
    const QJsonObject json = showJson(file);
    QCOMPARE(json.value(QStringLiteral("network")).toString(), QStringLiteral("MLP-S"));
    QCOMPARE(json.value(QStringLiteral("layers")).toArray().size(), 3);
}

void TstCli::showZooNetwork_data()
{
    QTest::addColumn<QString>("module");
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("layerCount");
    QTest::addColumn<qint64>("totalMacs");
    const QList<QStringList> rows = readTsv(kSourceDir + QStringLiteral("/tests/data/zoo_checksums.tsv"));
    QVERIFY(!rows.isEmpty());
    for (const QStringList& cols : rows) {
        QVERIFY2(cols.size() == 4, qPrintable(cols.join(QLatin1Char(' '))));
        QTest::newRow(qPrintable(cols[0])) << cols[0] << cols[1] << cols[2].toInt() << cols[3].toLongLong();
    }
}

void TstCli::showZooNetwork()
{
    QFETCH(QString, module);
    QFETCH(QString, name);
    QFETCH(int, layerCount);
    QFETCH(qint64, totalMacs);
    const QJsonObject json = showJson(kSourceDir + QStringLiteral("/sample_projects/networks/%1.yaml").arg(module));
    QVERIFY(!json.isEmpty());
    QCOMPARE(json.value(QStringLiteral("network")).toString(), name);
    QCOMPARE(json.value(QStringLiteral("layers")).toArray().size(), layerCount);
    QCOMPARE(json.value(QStringLiteral("total_macs_per_sample")).toInteger(), totalMacs);
}

void TstCli::unknownVerbFails()
{
    const CliRun run = runCli({QStringLiteral("frobnicate")});
    QVERIFY(run.finished);
    QCOMPARE(run.exitCode, 1);
    QVERIFY(run.err.contains("unknown verb"));
}

void TstCli::validateWithoutFilesFails()
{
    const CliRun run = runCli({QStringLiteral("validate")});
    QVERIFY(run.finished);
    QCOMPARE(run.exitCode, 1);
    QVERIFY(run.err.contains("usage"));
}

void TstCli::validateMissingFileFails()
{
    const QString path = kWorkDir + QStringLiteral("/no_such_file.yaml");
    const CliRun run = runCli({QStringLiteral("validate"), path});
    verifyRejected(run, path, 1, 1, QStringLiteral("cannot read the file: it does not exist"));
}

void TstCli::evaluateGoldenSchedule()
{
    const CliRun run = runCli(
        {QStringLiteral("evaluate"), QStringLiteral("sample_projects/golden/setup-c-mlp_s-b16.yaml"),
         QStringLiteral("--schedule"), QStringLiteral("tests/data/schedules/setup-c-mlp_s-b16.yaml"),
         QStringLiteral("--json"), QStringLiteral("-")});
    QVERIFY(run.finished);
    QCOMPARE(run.exitCode, 0);
    const QJsonObject json = QJsonDocument::fromJson(run.out).object();
    const QJsonObject total = json.value(QStringLiteral("total")).toObject();
    QCOMPARE(total.value(QStringLiteral("energy")).toDouble(), 172309688.0);
    QCOMPARE(total.value(QStringLiteral("time")).toInteger(), 17908);
    const QJsonObject breakdown = total.value(QStringLiteral("breakdown")).toObject();
    double sum = 0;
    for (const auto& key : breakdown.keys())
        sum += breakdown.value(key).toDouble();
    QCOMPARE(sum, 172309688.0);
    QCOMPARE(json.value(QStringLiteral("layers")).toArray().size(), 3);
    QCOMPARE(json.value(QStringLiteral("segments")).toArray().size(), 2);
    QCOMPARE(json.value(QStringLiteral("network")).toString(), QStringLiteral("MLP-S"));
}

void TstCli::evaluateInvalidScheduleExits2()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("s.yaml"));
    writeText(path, "schedule:\n  batch: 16\n  segments:\n    - groups: [[fc1], [fc2]]\n      nodes: [200, 100]\n"
                    "      layers:\n        - {layer: fc1, tvals: [[1, 1, 1], [1, 1, 1], [1, 1, 1]]}\n"
                    "        - {layer: fc2, tvals: [[1, 1, 1], [1, 1, 1], [1, 1, 1]]}\n");
    const CliRun run = runCli({QStringLiteral("evaluate"),
                               QStringLiteral("sample_projects/golden/setup-c-mlp_s-b16.yaml"),
                               QStringLiteral("--schedule"), path});
    QVERIFY(run.finished);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains("segment 1: 300 nodes allocated, mesh has 16"), run.err.constData());
    QVERIFY2(run.err.contains("layer 'fc3' is not scheduled"), run.err.constData());
}

// An options file given where a project belongs (the fuzzer made one by moving `options:` to the top):
// every verb that reads a project says which kind of file it got, at the key that tells, once.
void TstCli::projectVerbsNameAnotherFileKind()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("opts.yaml"));
    writeText(path, "# an options file\n  options: {preset: default, solver: exhaustive}\n");
    QCOMPARE(runCli({QStringLiteral("validate"), path}).exitCode, 0); // it is a valid options file
    for (const QString& verb : {QStringLiteral("show"), QStringLiteral("solve")}) {
        const CliRun run = runCli({verb, path});
        verifyRejected(run, path, 2, 3,
                       QStringLiteral("options: expected a project file (top-level `project`), but this is an "
                                      "options file (top-level `options`)"));
        QCOMPARE(run.err.count("error:"), 1);
    }
    // The kind is named by the key that tells it, not by whatever key comes first.
    const QString stray = dir.filePath(QStringLiteral("stray.yaml"));
    writeText(stray, "foo: 1\noptions: {preset: default}\n");
    verifyRejected(runCli({QStringLiteral("show"), stray}), stray, 2, 1,
                   QStringLiteral("options: expected a project file (top-level `project`), but this is an "
                                  "options file (top-level `options`)"));
}

void TstCli::evaluateMalformedScheduleExits1()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("s.yaml"));
    writeText(path, "schedule:\n  batch: 16\n  segments:\n    - groups: [[fc1]\n");
    const CliRun run = runCli({QStringLiteral("evaluate"),
                               QStringLiteral("sample_projects/golden/setup-c-mlp_s-b16.yaml"),
                               QStringLiteral("--schedule"), path});
    QVERIFY(run.finished);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(path.toUtf8() + ":4:"), run.err.constData());
}

QTEST_APPLESS_MAIN(TstCli)
#include "tst_cli.moc"
