// `kapla import` as a user runs it: models built in code are written to files, imported, and the
// network written is validated and shown; bad models give exit 1 and one clear message each.

#include "cli_run.h"
#include "onnx_bad_models.h"
#include "onnx_zoo_models.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using kapla::test::CliRun;
using kapla::test::OnnxBuilder;

namespace {

CliRun runKapla(const QStringList& args) { return kapla::test::runProgram(QStringLiteral(KAPLA_CLI), args, 60000); }

QString failure(const CliRun& r)
{
    return QStringLiteral("exit %1\nstdout:\n%2\nstderr:\n%3")
        .arg(r.exitCode)
        .arg(QString::fromUtf8(r.out), QString::fromUtf8(r.err));
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// The lines of a network file that describe layers (the zoo files and the import write them alike).
QList<QByteArray> layerLines(const QByteArray& yaml)
{
    QList<QByteArray> out;
    for (const QByteArray& line : yaml.split('\n'))
        if (line.trimmed().startsWith("- {name:") || line.trimmed().startsWith("input:"))
            out.append(line.trimmed());
    return out;
}

// Exit 1, no crash, and exactly one error line on stderr containing `message`.
void verifyOneError(const CliRun& r, const QByteArray& message)
{
    QVERIFY2(r.finished, "did not finish");
    QCOMPARE(r.exitStatus, QProcess::NormalExit);
    QVERIFY2(r.exitCode == 1, qPrintable(failure(r)));
    QVERIFY2(r.err.contains(message), qPrintable(failure(r)));
    QCOMPARE(r.err.count(": error: "), 1);
    QVERIFY(r.out.isEmpty());
}

} // namespace

class TstCliImport : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    QString save(const OnnxBuilder& b, const QString& name)
    {
        const QString path = m_dir.filePath(name);
        if (!b.save(path.toStdString()))
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

private Q_SLOTS:
    void importedResNet50ValidatesAndShows()
    {
        const QString model = save(kapla::test::resnet50(kapla::test::ResNetStride::OnFirst1x1), "resnet50.onnx");
        const QString out = m_dir.filePath("resnet50.yaml");
        const CliRun r = runKapla({"import", model, "--out", out});
        QVERIFY2(r.exitCode == 0, qPrintable(failure(r)));
        QVERIFY2(r.out.contains("operators: 72 mapped, 103 folded, 0 skipped (175 in all)"), r.out.constData());
        QVERIFY2(r.out.contains("MACs per sample: 3,870,918,656 in the network of 3,870,918,656 in the model (100.0%)"),
                 r.out.constData());
        QVERIFY(r.err.isEmpty());

        const QByteArray yaml = readAll(out);
        QVERIFY(yaml.startsWith("# ResNet: 72 layers, 3,870,918,656 MACs per sample.\n"));
        QCOMPARE(layerLines(yaml),
                 layerLines(readAll(QStringLiteral(KAPLA_SOURCE_DIR) + "/sample_projects/networks/resnet50.yaml")));

        const CliRun validate = runKapla({"validate", out});
        QVERIFY2(validate.exitCode == 0, qPrintable(failure(validate)));
        const CliRun show = runKapla({"show", out});
        QVERIFY2(show.out.contains("ResNet: 72 layers, 3,870,918,656 MACs per sample"), show.out.constData());
    }

    // Without --out the network goes to stdout (so `kapla import m.onnx > net.yaml` works) and the
    // report to stderr; --report - adds every operator to stdout when the network goes to a file.
    void stdoutCarriesTheNetwork()
    {
        const QString model = save(kapla::test::mobilenet(), "mobilenet.onnx");
        const CliRun r = runKapla({"import", model});
        QVERIFY2(r.exitCode == 0, qPrintable(failure(r)));
        QVERIFY(r.out.contains("version: 1\nnetwork:\n  name: MobileNet\n"));
        QVERIFY(r.out.contains("{name: dep_conv1, type: dwconv, nofm: 32, sofm: 112, sfil: 3, prevs: [conv0]}"));
        QVERIFY(r.err.contains("MACs per sample: 568,790,528 in the network of 568,790,528 in the model (100.0%)"));

        const CliRun listed = runKapla({"import", model, "--out", m_dir.filePath("m.yaml"), "--report", "-"});
        QVERIFY2(listed.exitCode == 0, qPrintable(failure(listed)));
        QVERIFY2(listed.out.contains("dep_conv1_relu"), listed.out.constData());
        QVERIFY(listed.out.contains("folded    "));
        QVERIFY(runKapla({"import", model, "--report", "-"}).exitCode == 1);
    }

    void unsupportedOperatorFails()
    {
        const QString model = save(kapla::test::unsupportedModel(false), "resize.onnx");
        const CliRun r = runKapla({"import", model});
        verifyOneError(r,
                       "resize.onnx: error: node 'mystery' (Resize): unsupported operator: Resize has no layer kind");
        QVERIFY(r.err.contains("--skip-unsupported imports the model without them"));
    }

    void skipUnsupportedListsWhatWasSkipped()
    {
        const QString model = save(kapla::test::unsupportedModel(false), "resize.onnx");
        const QString out = m_dir.filePath("resize.yaml");
        const CliRun r = runKapla({"import", model, "--skip-unsupported", "--out", out});
        QVERIFY2(r.exitCode == 0, qPrintable(failure(r)));
        QVERIFY2(r.out.contains("operators: 2 mapped, 1 folded, 1 skipped (4 in all)"), r.out.constData());
        QVERIFY(r.out.contains("skipped (unsupported):\n  node 'mystery' (Resize): Resize has no layer kind"));
        QVERIFY(r.out.contains("in the model (100.0%); the work of 1 skipped operator is not known"));
        const QByteArray yaml = readAll(out);
        QVERIFY2(yaml.contains("# Skipped: node 'mystery' (Resize)"), yaml.constData());
        QVERIFY(yaml.contains("externals:\n    - {name: mystery_out, nofm: 8, sofm: 32}"));
        QCOMPARE(runKapla({"validate", out}).exitCode, 0);
    }

    void badModelsFailWithOneMessage_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QByteArray>("message");
        const auto bytesOf = [](const OnnxBuilder& b) { return QByteArray::fromStdString(b.bytes()); };
        const QByteArray whole = bytesOf(kapla::test::mobilenet());
        QTest::newRow("missing shapes") << "noshape.onnx" << bytesOf(kapla::test::missingShapeModel())
                                        << QByteArray("noshape.onnx: error: input 'x': the input has no shape");
        QTest::newRow("truncated") << "cut.onnx" << whole.left(whole.size() / 2)
                                   << QByteArray("cut.onnx: error: the data is not a valid ONNX protobuf");
        QTest::newRow("not onnx") << "net.onnx" << QByteArray("version: 1\nnetwork: {name: x}\n")
                                  << QByteArray("net.onnx: error: this is a text file, not an ONNX model");
        QTest::newRow("empty") << "empty.onnx" << QByteArray() << QByteArray("empty.onnx: error: the file is empty");
        QTest::newRow("cycle") << "cycle.onnx" << bytesOf(kapla::test::cycleModel())
                               << QByteArray("cycle.onnx: error: graph: the graph has a cycle");
        QTest::newRow("shape does not chain")
            << "chain.onnx" << bytesOf(kapla::test::contradictoryShapeModel())
            << QByteArray("chain.onnx: error: shapes: the model's shapes contradict each other");
        QTest::newRow("missing attribute")
            << "attr.onnx" << bytesOf(kapla::test::missingAttributeModel())
            << QByteArray("attr.onnx: error: node 'pool1' (MaxPool): missing attribute 'kernel_shape'");
    }

    void badModelsFailWithOneMessage()
    {
        QFETCH(QString, file);
        QFETCH(QByteArray, bytes);
        QFETCH(QByteArray, message);
        const QString path = m_dir.filePath(file);
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(bytes);
        f.close();
        verifyOneError(runKapla({"import", path, "--out", m_dir.filePath("never.yaml")}), message);
        QVERIFY(!QFile::exists(m_dir.filePath("never.yaml")));
    }

    // A gigabyte file (sparse: nothing is written) is refused by its size before it is read.
    void hugeFileIsRefusedBySize()
    {
        const QString path = m_dir.filePath("huge.onnx");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QVERIFY(f.resize(1LL << 30));
        f.close();
        const CliRun r = runKapla({"import", path});
        verifyOneError(r, "huge.onnx: error: the file is 1073741824 bytes (1024 MiB); models larger than 768 MiB");
        QVERIFY2(r.elapsedMs < 20000, "took long: the file was read");
        QFile::remove(path);
    }

    void outputNeverOverwritesTheModel()
    {
        const QString model = save(kapla::test::vgg16(), "vgg16.onnx");
        const QByteArray before = readAll(model);
        const CliRun r = runKapla({"import", model, "--out", model});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("error: is the input"), r.err.constData());
        const QString link = m_dir.filePath("link.yaml");
        QVERIFY(QFile::link(model, link));
        QCOMPARE(runKapla({"import", model, "--out", link}).exitCode, 1);
        QCOMPARE(runKapla({"import", model, "--out", m_dir.filePath("v.yaml"), "--report", model}).exitCode, 1);
        QCOMPARE(readAll(model), before);
    }

    void badOptionsAreUsageErrors()
    {
        const QString model = save(kapla::test::vgg16(), "vgg16.onnx");
        const CliRun zero = runKapla({"import", model, "--batch", "0"});
        QCOMPARE(zero.exitCode, 1);
        QVERIFY(zero.err.contains("--batch: expected a positive integer, got '0'"));
        QCOMPARE(runKapla({"import", model, "--frobnicate", "1"}).exitCode, 1);
        QCOMPARE(runKapla({"import"}).exitCode, 1);
        const CliRun batch = runKapla({"import", model, "--batch", "8", "--out", m_dir.filePath("b8.yaml")});
        QVERIFY2(batch.exitCode == 0, qPrintable(failure(batch)));
        QVERIFY(batch.out.contains("imported at batch 8"));
    }
};

QTEST_APPLESS_MAIN(TstCliImport)
#include "tst_cli_import.moc"
