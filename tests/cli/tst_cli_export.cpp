// `kapla export` draws its figures in-process: the kapla executable alone, copied to a directory of
// its own, with no display and no helper program on PATH, writes a real PNG.

#include "cli_run.h"

#include <QByteArray>
#include <QFile>
#include <QFileDevice>
#include <QImage>
#include <QProcessEnvironment>
#include <QSet>
#include <QSize>
#include <QTemporaryDir>
#include <QtTest>

namespace {

const QString kProject = QStringLiteral(KAPLA_SOURCE_DIR "/sample_projects/golden/setup-c-mlp_s-b16.yaml");
const QString kSchedule = QStringLiteral(KAPLA_SOURCE_DIR "/tests/data/schedules/setup-c-mlp_s-b16.yaml");

// Exported figures are 1000 x 560 points, PNGs at twice that (views/figure_export.h).
const QSize kPngSize(2000, 1120);

// The environment of a machine without a display, where only the system's programs are on PATH.
QProcessEnvironment headlessEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char* name : {"QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"})
        env.remove(QString::fromLatin1(name));
    env.insert(QStringLiteral("PATH"), QStringLiteral("/usr/bin:/bin"));
    return env;
}

// How many colours the image has, counted up to `limit`: a drawn chart has many, a blank page one.
qsizetype colourCount(const QImage& image, qsizetype limit)
{
    QSet<QRgb> colours;
    for (int y = 0; y < image.height() && colours.size() < limit; ++y)
        for (int x = 0; x < image.width() && colours.size() < limit; ++x)
            colours.insert(image.pixel(x, y));
    return colours.size();
}

} // namespace

class TstCliExport : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void exportsFromAnyDirectoryWithoutDisplay()
    {
        QTemporaryDir bin;
        QTemporaryDir out;
        QVERIFY(bin.isValid() && out.isValid());
        const QString kapla = bin.filePath(QStringLiteral("kapla"));
        QVERIFY(QFile::copy(QStringLiteral(KAPLA_CLI), kapla));
        QVERIFY(QFile::setPermissions(kapla, QFileDevice::ReadOwner | QFileDevice::ExeOwner));
        const QString png = out.filePath(QStringLiteral("energy.png"));

        const kapla::test::CliRun r =
            kapla::test::runProgram(kapla,
                                    {QStringLiteral("export"), kProject, QStringLiteral("--schedule"), kSchedule,
                                     QStringLiteral("--figure"), QStringLiteral("energy"), QStringLiteral("--format"),
                                     QStringLiteral("png"), QStringLiteral("--out"), png},
                                    120000, headlessEnvironment());

        QVERIFY2(r.finished, "did not finish");
        QVERIFY2(r.exitStatus == QProcess::NormalExit && r.exitCode == 0, r.err.constData());
        QFile file(png);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY2(bytes.startsWith(QByteArray("\x89PNG\r\n\x1a\n", 8)), "not a PNG");
        QVERIFY2(bytes.size() > 10000, qPrintable(QStringLiteral("only %1 bytes").arg(bytes.size())));
        const QImage image = QImage::fromData(bytes, "PNG");
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), kPngSize);
        QCOMPARE(colourCount(image, 16), 16);
    }
};

QTEST_APPLESS_MAIN(TstCliExport)
#include "tst_cli_export.moc"
