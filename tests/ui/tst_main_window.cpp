// MainWindow on every sample project (offscreen): open, edit a layer, undo, solve and see the run;
// settings; and the kapla-studio binary's headless --solve/--screenshot path.

#include "architecture_editor.h"
#include "main_window.h"
#include "mesh_preview.h"
#include "network_editor.h"
#include "network_yaml_editor.h"
#include "project_panel.h"
#include "solve_status_widget.h"
#include "yaml_text_edit.h"

#include "session/autosaver.h"
#include "session/layer_table_model.h"
#include "session/project_document.h"
#include "session/run_list_model.h"
#include "session/solver_runner.h"

#include "io/project_io.h"
#include "timing_bound.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QHeaderView>
#include <QImage>
#include <QListView>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QSet>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUndoStack>

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

    QTemporaryDir m_settingsDir;

private Q_SLOTS:
    void initTestCase();
    void emptyWindow();
    void opensSampleProject_data();
    void opensSampleProject();
    void editLayerAndUndo_data();
    void editLayerAndUndo();
    void solveShowsRun_data();
    void solveShowsRun();
    void cancelFromWindow();
    void settingsPersist();
    void offersAutosaveRestore();
    void failedLoadKeepsWindow();
    void openProjectReportsErrors();
    void sortsAndUnsorts();
    void grabsNonBlankImage();
    void binaryScreenshot();
    void binarySolveScreenshot();
    void binaryRejectsBadProject();
    void binaryWithoutDisplay();
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setApplicationName(QStringLiteral("kapla-ui-tests"));
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
}

void TestMainWindow::emptyWindow()
{
    MainWindow window;
    QCOMPARE(window.windowTitle(), QStringLiteral("KAPLA Studio"));
    QCOMPARE(window.size(), QSize(1440, 900));
    QVERIFY(!window.solveAction()->isEnabled());
    QVERIFY(!window.cancelAction()->isEnabled());
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
    QCOMPARE(window.windowTitle(),
             QStringLiteral("KAPLA Studio — ") + QString::fromStdString(project->name) + QStringLiteral("[*]"));
    QVERIFY(!window.isWindowModified());
    QVERIFY(window.statusBar()->currentMessage().startsWith(QStringLiteral("Loaded ")));
    QVERIFY(window.statusBar()->currentMessage().endsWith(QFileInfo(path).fileName()));
    const QString header = window.headerText();
    QVERIFY2(header.contains(QStringLiteral(" layer")) && header.contains(QStringLiteral("batch ")),
             qPrintable(header));
    QVERIFY2(header.contains(QStringLiteral("PEs/node")), qPrintable(header));

    // Every part is on screen: the panel's summaries, the YAML text, the mesh preview.
    for (const auto section :
         {ProjectPanel::Section::Network, ProjectPanel::Section::Architecture, ProjectPanel::Section::Options})
        QVERIFY(!window.projectPanel()->sectionLines(section).isEmpty());
    const QString yaml = window.networkEditor()->yamlEditor()->textEdit()->toPlainText();
    QVERIFY(yaml.contains(QStringLiteral("name: ") + QString::fromStdString(project->network.layers().back().name)));
    QVERIFY(window.solveAction()->isEnabled());
    QVERIFY(window.architectureEditor()->isEnabled());
}

void TestMainWindow::editLayerAndUndo_data() { opensSampleProject_data(); }

void TestMainWindow::editLayerAndUndo()
{
    QFETCH(QString, path);
    MainWindow window;
    QVERIFY(window.loadProject(path, nullptr));
    ProjectDocument* doc = window.document();
    QAbstractItemModel* table = window.layerView()->model();
    const int last = table->rowCount() - 1;
    const QModelIndex nofm = table->index(last, static_cast<int>(LayerTableModel::Column::Nofm));
    const QString before = nofm.data().toString();
    const QString yamlBefore = window.networkEditor()->yamlEditor()->textEdit()->toPlainText();
    const int value = nofm.data(Qt::EditRole).toInt() + 1;

    // The last layer feeds nobody: more output channels keep the network valid.
    QVERIFY(table->setData(nofm, value));
    QCOMPARE(nofm.data(Qt::EditRole).toInt(), value);
    QVERIFY(doc->isNetworkValid());
    QVERIFY(window.isWindowModified());
    QVERIFY(window.undoAction()->isEnabled());
    const QString yamlAfter = window.networkEditor()->yamlEditor()->textEdit()->toPlainText();
    QVERIFY(yamlAfter != yamlBefore);
    QVERIFY(yamlAfter.contains(QStringLiteral("nofm: %1").arg(value)));

    window.undoAction()->trigger();
    QCOMPARE(nofm.data().toString(), before);
    QCOMPARE(window.networkEditor()->yamlEditor()->textEdit()->toPlainText(), yamlBefore);
    QVERIFY(!window.isWindowModified());
    window.redoAction()->trigger();
    QCOMPARE(nofm.data(Qt::EditRole).toInt(), value);
}

void TestMainWindow::solveShowsRun_data()
{
    QTest::addColumn<QString>("project");
    QTest::addColumn<int>("solver");
    QTest::newRow("exhaustive, setup A MLP-S")
        << kSource + "/sample_projects/golden/setup-a-mlp_s-b8.yaml" << static_cast<int>(kapla::SolverKind::Exhaustive);
    QTest::newRow("kapla, setup A MLP-S")
        << kSource + "/sample_projects/golden/setup-a-mlp_s-b8.yaml" << static_cast<int>(kapla::SolverKind::Kapla);
}

void TestMainWindow::solveShowsRun()
{
    QFETCH(QString, project);
    QFETCH(int, solver);
    const auto kind = static_cast<kapla::SolverKind>(solver);
    MainWindow window;
    window.show();
    QVERIFY(window.loadProject(project, nullptr));
    ProjectDocument* doc = window.document();
    QSignalSpy finished(doc->runs(), &RunListModel::runFinished);
    QListView* runs = window.projectPanel()->runs();
    QCOMPARE(runs->model()->rowCount(), 0);

    QVERIFY(window.solve(kind));
    QCOMPARE(runs->model()->rowCount(), 1);
    QCOMPARE(runs->model()->index(0, 0).data(RunListModel::StatusRole).toString(), QStringLiteral("running"));
    QVERIFY(window.cancelAction()->isEnabled());
    QVERIFY(finished.wait(240000));
    QVERIFY(!window.cancelAction()->isEnabled());
    QVERIFY(!window.solveStatus()->isVisible());

    const QModelIndex run = runs->model()->index(0, 0);
    const QString text = run.data().toString();
    const QString status = run.data(RunListModel::StatusRole).toString();
    const QString message = window.statusBar()->currentMessage();
    qInfo("%s | %s", qPrintable(text), qPrintable(message));
    QVERIFY2(text.startsWith(QStringLiteral("#1  %1").arg(QString::fromUtf8(kapla::solverKeyword(kind)))),
             qPrintable(text));
    QVERIFY2(message.startsWith(QStringLiteral("Run #1")), qPrintable(message));
    if (status == QLatin1String("failed")) {
        // A solver that is not built yet: the run is listed with the reason.
        const QString reason = QString::fromStdString(doc->runs()->at(0).run->message);
        QVERIFY(!reason.isEmpty());
        QVERIFY(message.contains(reason));
    } else {
        QVERIFY2(run.data(RunListModel::CostRole).isValid(), qPrintable(text));
        QVERIFY2(message.contains(QStringLiteral("total energy")), qPrintable(message)); // the shown run's summary
    }
}

void TestMainWindow::cancelFromWindow()
{
    MainWindow window;
    window.show();
    QVERIFY(window.loadProject(kSource + "/sample_projects/alexnet-16x16.yaml", nullptr));
    ProjectDocument* doc = window.document();
    QSignalSpy progress(doc->runner(), &SolverRunner::progressChanged);
    QSignalSpy finished(doc->runs(), &RunListModel::runFinished);
    QVERIFY(window.solve(kapla::SolverKind::Exhaustive));
    QVERIFY(progress.wait(10000));
    QTest::qWait(500); // past the solver's start-up, into the search
    QTRY_VERIFY(window.solveStatus()->isVisible());
    QVERIFY2(window.solveStatus()->detailsText().contains(QStringLiteral("elapsed")),
             qPrintable(window.solveStatus()->detailsText()));
    if (!finished.isEmpty())
        QSKIP("the solve ended before it could be cancelled");

    QElapsedTimer clock;
    clock.start();
    QTest::keyClick(&window, Qt::Key_Escape);
    QVERIFY(finished.wait(5000));
    const qint64 ms = clock.elapsed();
    qInfo("Esc to the cancelled run in the list: %lld ms", ms);
    QCOMPARE(doc->runs()->at(0).run->termination, kapla::Termination::Cancelled);
    QVERIFY(!window.solveStatus()->isVisible());
    KAPLA_VERIFY_TIMING(ms < 200, qPrintable(QStringLiteral("took %1 ms").arg(ms)));
}

void TestMainWindow::settingsPersist()
{
    const QString project = kSource + "/sample_projects/mobilenet-4x4.yaml";
    {
        MainWindow window;
        window.show();
        QVERIFY(window.loadProject(project, nullptr));
        window.resize(1200, 760);
        window.saveSettings();
    }
    MainWindow window;
    window.restoreSettings();
    QCOMPARE(window.size(), QSize(1200, 760));
    QCOMPARE(window.recentFiles().value(0), QFileInfo(project).absoluteFilePath());
}

void TestMainWindow::offersAutosaveRestore()
{
    QTemporaryDir dir;
    const QString project = dir.filePath(QStringLiteral("alexnet.yaml"));
    QVERIFY(QFile::copy(kSource + "/sample_projects/golden/setup-a-mlp_s-b8.yaml", project));
    // A copy of the sample tree is not needed: the project's includes are rebased on save.
    std::string edited;
    {
        ProjectDocument doc;
        QVERIFY(doc.load(kSource + "/sample_projects/golden/setup-a-mlp_s-b8.yaml", nullptr));
        QVERIFY(doc.saveAs(project, nullptr));
        doc.setBatch(77);
        edited = doc.toYaml(Autosaver::sidecarPath(project));
    }
    // What a crash leaves behind: the sidecar copy, newer than the project.
    QFile sidecar(Autosaver::sidecarPath(project));
    QVERIFY(sidecar.open(QIODevice::WriteOnly));
    sidecar.write(edited.data(), static_cast<qint64>(edited.size()));
    sidecar.close();

    MainWindow window;
    window.show();
    QString question;
    QTimer::singleShot(0, &window, [&question] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        if (!box)
            return;
        question = box->text();
        box->button(QMessageBox::Yes)->click();
    });
    window.openProject(project);
    QVERIFY2(question.contains(QStringLiteral("unsaved changes")), qPrintable(question));
    QCOMPARE(window.document()->project().batch, 77);
    QVERIFY(window.document()->isDirty());
    QVERIFY(window.isWindowModified());
    QCOMPARE(window.document()->filePath(), QFileInfo(project).absoluteFilePath());
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
    QVERIFY2(box->informativeText().startsWith(QStringLiteral("bad.yaml:4:10: error")),
             qPrintable(box->informativeText()));
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
    const qlonglong first =
        model->index(0, static_cast<int>(LayerTableModel::Column::Macs)).data(LayerTableModel::SortRole).toLongLong();
    for (int r = 1; r < model->rowCount(); ++r)
        QVERIFY(model->index(r, static_cast<int>(LayerTableModel::Column::Macs))
                    .data(LayerTableModel::SortRole)
                    .toLongLong()
                <= first);

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
    QCOMPARE(image.size() / image.devicePixelRatio(), QSize(1440, 900));
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
    QCOMPARE(image.size(), QSize(1440, 900));
    QVERIFY(distinctColours(image) > 16);
}

void TestMainWindow::binarySolveScreenshot()
{
    QTemporaryDir dir;
    const QString png = dir.filePath(QStringLiteral("solved.png"));
    QProcess studio;
    studio.start(kStudio, {kSource + "/sample_projects/golden/setup-a-mlp_s-b8.yaml", QStringLiteral("--solve"),
                           QStringLiteral("exhaustive"), QStringLiteral("--tab"), QStringLiteral("architecture"),
                           QStringLiteral("--screenshot"), png});
    QVERIFY(studio.waitForFinished(240000));
    const QString err = QString::fromLocal8Bit(studio.readAllStandardError());
    QVERIFY2(studio.exitCode() == 0, qPrintable(err));
    QVERIFY2(err.contains(QStringLiteral("#1  exhaustive")), qPrintable(err));
    QCOMPARE(QImage(png).size(), QSize(1440, 900));

    QProcess bad;
    bad.start(kStudio, {kSource + "/sample_projects/alexnet-16x16.yaml", QStringLiteral("--solve"),
                        QStringLiteral("magic"), QStringLiteral("--screenshot"), png});
    QVERIFY(bad.waitForFinished(60000));
    QCOMPARE(bad.exitCode(), 1);
    QVERIFY(QString::fromLocal8Bit(bad.readAllStandardError()).contains(QStringLiteral("unknown solver 'magic'")));
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
