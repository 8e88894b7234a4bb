// MainWindow on every sample project (offscreen), and the kapla-studio binary's --screenshot path.

#include "main_window.h"
#include "session/layer_table_model.h"
#include "session/project_document.h"

#include "io/project_io.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QHeaderView>
#include <QImage>
#include <QMessageBox>
#include <QProcess>
#include <QSet>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString kSource = QStringLiteral(KAPLA_SOURCE_DIR);
const QString kStudio = QStringLiteral(KAPLA_STUDIO_EXE);

QStringList sampleProjects()
{
    QStringList paths;
    for (const QString& sub : {QStringLiteral("sample_projects"), QStringLiteral("sample_projects/golden")}) {
        const QDir dir(kSource + '/' + sub);
        for (const QString& name : dir.entryList({QStringLiteral("*.yaml")}, QDir::Files, QDir::Name))
            paths.append(dir.filePath(name));
    }
    return paths;
}

// A blank or failed render has one or two colours; a table with text has many antialiased shades.
int distinctColours(const QImage& image)
{
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 2)
        for (int x = 0; x < image.width(); x += 2)
            colours.insert(image.pixel(x, y));
    return static_cast<int>(colours.size());
}

QString writeBadProject(const QTemporaryDir& dir)
{
    const QString path = dir.filePath(QStringLiteral("bad.yaml"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write("version: 1\nproject:\n  name: broken\n  batch: 0\n");
    return path;
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void emptyWindow();
    void opensSampleProject_data();
    void opensSampleProject();
    void failedLoadKeepsWindow();
    void openProjectReportsErrors();
    void sortsAndUnsorts();
    void grabsNonBlankImage();
    void binaryScreenshot();
    void binaryRejectsBadProject();
    void binaryWithoutDisplay();
};

void TestMainWindow::emptyWindow()
{
    MainWindow window;
    QCOMPARE(window.windowTitle(), QStringLiteral("KAPLA Studio"));
    QCOMPARE(window.size(), QSize(1280, 800));
    QCOMPARE(window.layerView()->model()->rowCount(), 0);
    QVERIFY(window.headerText().contains(QStringLiteral("No project loaded")));
}

void TestMainWindow::opensSampleProject_data()
{
    QTest::addColumn<QString>("path");
    const QStringList paths = sampleProjects();
    QVERIFY(paths.size() >= 10);
    for (const QString& path : paths)
        QTest::newRow(qPrintable(QDir(kSource).relativeFilePath(path))) << path;
}

void TestMainWindow::opensSampleProject()
{
    QFETCH(QString, path);
    const auto project = kapla::io::loadProjectFile(QFile::encodeName(path).toStdString());
    QVERIFY2(project.ok(), project.ok() ? "" : project.diagnostics().front().format().c_str());

    MainWindow window;
    QStringList errors;
    QVERIFY2(window.loadProject(path, &errors), qPrintable(errors.join('\n')));
    QCOMPARE(window.layerView()->model()->rowCount(), static_cast<int>(project->network.size()));
    QCOMPARE(window.windowTitle(), QStringLiteral("KAPLA Studio — ") + QString::fromStdString(project->name));
    QVERIFY(window.statusBar()->currentMessage().startsWith(QStringLiteral("Loaded ")));
    QVERIFY(window.statusBar()->currentMessage().endsWith(QFileInfo(path).fileName()));
    const QString header = window.headerText();
    QVERIFY2(header.contains(QStringLiteral(" layer")) && header.contains(QStringLiteral("batch ")), qPrintable(header));
    QVERIFY2(header.contains(QStringLiteral("PEs/node")), qPrintable(header));
}

void TestMainWindow::failedLoadKeepsWindow()
{
    QTemporaryDir dir;
    const QString bad = writeBadProject(dir);
    QVERIFY(!bad.isEmpty());
    MainWindow window;
    QStringList errors;
    QVERIFY(!window.loadProject(bad, &errors));
    QVERIFY(!errors.isEmpty());
    QCOMPARE(window.layerView()->model()->rowCount(), 0);
    QCOMPARE(window.windowTitle(), QStringLiteral("KAPLA Studio"));

    QVERIFY(window.loadProject(kSource + "/sample_projects/alexnet-16x16.yaml", &errors));
    QVERIFY(!window.loadProject(bad, &errors));
    QCOMPARE(window.layerView()->model()->rowCount(), 19);
}

void TestMainWindow::openProjectReportsErrors()
{
    QTemporaryDir dir;
    const QString bad = writeBadProject(dir);
    MainWindow window;
    window.show();
    window.openProject(bad);
    auto* box = window.findChild<QMessageBox*>();
    QVERIFY(box);
    QTRY_VERIFY(box->isVisible());
    QVERIFY2(box->informativeText().startsWith(QStringLiteral("bad.yaml:4:10: error")), qPrintable(box->informativeText()));
    QVERIFY2(box->detailedText().startsWith(bad + QStringLiteral(":4:10: error")), qPrintable(box->detailedText()));
    QCOMPARE(window.layerView()->model()->rowCount(), 0);
    QVERIFY(window.statusBar()->currentMessage().startsWith(QStringLiteral("Could not open")));
    box->accept();
}

void TestMainWindow::sortsAndUnsorts()
{
    MainWindow window;
    QVERIFY(window.loadProject(kSource + "/sample_projects/alexnet-16x16.yaml", nullptr));
    auto* model = window.layerView()->model();
    const auto nameAt = [&](int row) { return model->index(row, 0).data(LayerTableModel::IdRole).toString(); };
    QCOMPARE(nameAt(0), QStringLiteral("conv1_a"));
    QCOMPARE(nameAt(18), QStringLiteral("fc3"));

    window.layerView()->sortByColumn(static_cast<int>(LayerTableModel::Column::Macs), Qt::DescendingOrder);
    const qlonglong first = model->index(0, static_cast<int>(LayerTableModel::Column::Macs))
                                .data(LayerTableModel::SortRole)
                                .toLongLong();
    for (int r = 1; r < model->rowCount(); ++r)
        QVERIFY(model->index(r, static_cast<int>(LayerTableModel::Column::Macs)).data(LayerTableModel::SortRole).toLongLong() <= first);

    window.layerView()->sortByColumn(-1, Qt::AscendingOrder);
    QCOMPARE(nameAt(0), QStringLiteral("conv1_a"));
    QCOMPARE(nameAt(18), QStringLiteral("fc3"));
}

void TestMainWindow::grabsNonBlankImage()
{
    MainWindow window;
    QVERIFY(window.loadProject(kSource + "/sample_projects/alexnet-16x16.yaml", nullptr));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    QTemporaryDir dir;
    const QString png = dir.filePath(QStringLiteral("window.png"));
    QVERIFY(window.grab().save(png));
    const QImage image(png);
    QVERIFY(!image.isNull());
    QCOMPARE(image.size() / image.devicePixelRatio(), QSize(1280, 800));
    QVERIFY2(distinctColours(image) > 16, qPrintable(QString::number(distinctColours(image))));
}

void TestMainWindow::binaryScreenshot()
{
    QTemporaryDir dir;
    const QString png = dir.filePath(QStringLiteral("shot.png"));
    QProcess studio;
    studio.start(kStudio, {kSource + "/sample_projects/resnet50-16x16.yaml", QStringLiteral("--screenshot"), png});
    QVERIFY(studio.waitForFinished(60000));
    QCOMPARE(studio.exitStatus(), QProcess::NormalExit);
    QVERIFY2(studio.exitCode() == 0, studio.readAllStandardError().constData());
    const QImage image(png);
    QCOMPARE(image.size(), QSize(1280, 800));
    QVERIFY(distinctColours(image) > 16);
}

void TestMainWindow::binaryRejectsBadProject()
{
    QTemporaryDir dir;
    const QString bad = writeBadProject(dir);
    const QString png = dir.filePath(QStringLiteral("shot.png"));
    QProcess studio;
    studio.start(kStudio, {bad, QStringLiteral("--screenshot"), png});
    QVERIFY(studio.waitForFinished(60000));
    QCOMPARE(studio.exitCode(), 1);
    const QString err = QString::fromLocal8Bit(studio.readAllStandardError());
    QVERIFY2(err.contains(bad + QStringLiteral(":")) && err.contains(QStringLiteral(": error")), qPrintable(err));
    QVERIFY(!QFile::exists(png));
}

void TestMainWindow::binaryWithoutDisplay()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    QProcess studio;
    studio.setProcessEnvironment(env);
    studio.start(kStudio, {kSource + "/sample_projects/alexnet-16x16.yaml"});
    QVERIFY(studio.waitForFinished(60000));
    QCOMPARE(studio.exitStatus(), QProcess::NormalExit);
    QCOMPARE(studio.exitCode(), 1);
    const QString err = QString::fromLocal8Bit(studio.readAllStandardError());
    QVERIFY2(err.contains(QStringLiteral("xvfb-run -a")) && err.contains(QStringLiteral("QT_QPA_PLATFORM=offscreen")),
             qPrintable(err));
}

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
