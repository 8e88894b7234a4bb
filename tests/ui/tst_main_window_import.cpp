// File > Import ONNX Model: the model becomes a new untitled, unsaved project that keeps the open
// project's architecture, options and batch; the report dock lists what was mapped and skipped; a
// failed import leaves the open project as it was; and kapla-studio --import does the same headless.

#include "main_window.h"

#include "onnx_bad_models.h"
#include "onnx_zoo_models.h"

#include "session/project_document.h"

#include "io/project_io.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QFile>
#include <QImage>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProcess>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUndoStack>

namespace {

const QString kSource = QStringLiteral(KAPLA_SOURCE_DIR);
const QString kResNetProject = kSource + QStringLiteral("/sample_projects/resnet50-16x16.yaml");

} // namespace

class TestMainWindowImport : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QTemporaryDir m_settingsDir;

    QString save(const kapla::test::OnnxBuilder& b, const QString& name)
    {
        const QString path = m_dir.filePath(name);
        if (!b.save(path.toStdString()))
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setApplicationName(QStringLiteral("kapla-ui-tests"));
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    }

    void fileMenuHasTheImport()
    {
        MainWindow window;
        const QMenu* file = window.menuBar()->findChild<QMenu*>();
        QVERIFY(file);
        QVERIFY(file->actions().contains(window.importAction()));
        QCOMPARE(window.importAction()->text(), QStringLiteral("&Import ONNX Model…"));
        QVERIFY(!window.importReportDock()->isVisibleTo(&window));
    }

    void importKeepsTheAcceleratorInANewUnsavedProject()
    {
        MainWindow window;
        QStringList errors;
        QVERIFY(window.loadProject(kResNetProject, &errors));
        ProjectDocument* doc = window.document();
        const kapla::Project before = doc->project();
        const QString model = save(kapla::test::mobilenet(), QStringLiteral("mobilenet.onnx"));

        QVERIFY2(window.importModel(model, false, &errors), qPrintable(errors.join('\n')));
        const kapla::Project& p = doc->project();
        QVERIFY(doc->isUntitled());
        QVERIFY(doc->isDirty());
        QVERIFY(!doc->undoStack()->canUndo());
        QCOMPARE(p.name, std::string("mobilenet"));
        QCOMPARE(p.network.name(), std::string("MobileNet"));
        QCOMPARE(p.network.size(), std::size_t(29));
        QCOMPARE(p.network.totalOps(), 568'790'528LL);
        QVERIFY(p.architecture == before.architecture);
        QVERIFY(p.options == before.options);
        QCOMPARE(p.batch, before.batch);
        QVERIFY(p.networkPath.empty() && p.architecturePath.empty() && p.optionsPath.empty());
        QVERIFY(window.windowTitle().contains(QStringLiteral("mobilenet")));

        QVERIFY(window.importReportDock()->isVisibleTo(&window));
        const QString report = window.importReportView()->toPlainText();
        QVERIFY2(report.startsWith(QStringLiteral(
                     "Imported mobilenet.onnx: 29 layers, 568,790,528 MACs per sample, 100.0% of the model's")),
                 qPrintable(report));
        QVERIFY(report.contains(QStringLiteral("operators: 29 mapped, 55 folded, 0 skipped (84 in all)")));
        QVERIFY(report.contains(QStringLiteral("dep_conv13_relu")));

        // Saving writes everything inline into the one new file; then the project is clean.
        const QString saved = m_dir.filePath(QStringLiteral("mobilenet-project.yaml"));
        QVERIFY2(doc->saveAs(saved, &errors), qPrintable(errors.join('\n')));
        QVERIFY(!doc->isDirty());
        const auto reloaded = kapla::io::loadProjectFile(saved.toStdString());
        QVERIFY(reloaded.ok());
        QVERIFY(reloaded.value().network == p.network);
        QVERIFY(reloaded.value().networkPath.empty());

        // Another project hides the report of this import.
        QVERIFY(window.loadProject(kResNetProject, &errors));
        QVERIFY(!window.importReportDock()->isVisibleTo(&window));
    }

    void failedImportKeepsTheProject()
    {
        MainWindow window;
        QStringList errors;
        QVERIFY(window.loadProject(kResNetProject, &errors));
        const QString model = save(kapla::test::unsupportedModel(false), QStringLiteral("resize.onnx"));
        QVERIFY(!window.importModel(model, false, &errors));
        QCOMPARE(errors.size(), 1);
        QVERIFY2(errors.front().contains(QStringLiteral("node 'mystery' (Resize): unsupported operator")),
                 qPrintable(errors.front()));
        QCOMPARE(window.document()->filePath(), QFileInfo(kResNetProject).absoluteFilePath());
        QVERIFY(!window.document()->isDirty());
        QVERIFY(!window.importReportDock()->isVisibleTo(&window));
    }

    void skippedOperatorsAreListed()
    {
        MainWindow window;
        QStringList errors;
        const QString model = save(kapla::test::unsupportedModel(false), QStringLiteral("resize.onnx"));
        QVERIFY2(window.importModel(model, true, &errors), qPrintable(errors.join('\n')));
        QCOMPARE(window.importReportDock()->windowTitle(), QStringLiteral("Import Report: 1 operator skipped"));
        const QString report = window.importReportView()->toPlainText();
        QVERIFY(report.contains(QStringLiteral("; 1 operator skipped (its work is not in the network)")));
        QVERIFY(report.contains(QStringLiteral("Skipped (unsupported), so the network lacks them:\n  node 'mystery' "
                                               "(Resize): Resize has no layer kind")));
        QCOMPARE(window.document()->project().network.externals().size(), std::size_t(1));
    }

    // Interactively, unsupported operators are named and left out only when the user says so.
    void askBeforeSkipping()
    {
        const QString model = save(kapla::test::unsupportedModel(false), QStringLiteral("resize.onnx"));
        for (const bool accept : {false, true}) {
            MainWindow window;
            QString asked;
            QTimer::singleShot(0, &window, [&asked, accept] {
                auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
                QVERIFY(box);
                asked = box->informativeText();
                for (QAbstractButton* b : box->buttons())
                    if ((b->text() == QStringLiteral("Import Without Them")) == accept
                        && box->buttonRole(b) != QMessageBox::ActionRole)
                        b->click();
            });
            window.importModelInteractively(model);
            QVERIFY2(asked.startsWith(QStringLiteral("node 'mystery' (Resize): unsupported operator: Resize has no "
                                                     "layer kind")),
                     qPrintable(asked));
            QCOMPARE(window.document()->hasProject(), accept);
            QCOMPARE(window.importReportDock()->isVisibleTo(&window), accept);
        }
    }

    void binaryImportsHeadless()
    {
        const QString model = save(kapla::test::resnet50(kapla::test::ResNetStride::On3x3), QStringLiteral("r.onnx"));
        const QString shot = m_dir.filePath(QStringLiteral("import.png"));
        QProcess p;
        p.start(QStringLiteral(KAPLA_STUDIO_EXE),
                {kResNetProject, QStringLiteral("--import"), model, QStringLiteral("--screenshot"), shot});
        QVERIFY(p.waitForFinished(60000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        QVERIFY(!QImage(shot).isNull());

        const QString bad = save(kapla::test::cycleModel(), QStringLiteral("cycle.onnx"));
        p.start(QStringLiteral(KAPLA_STUDIO_EXE),
                {QStringLiteral("--import"), bad, QStringLiteral("--screenshot"), m_dir.filePath("no.png")});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 1);
        QVERIFY(p.readAllStandardError().contains("error: graph: the graph has a cycle"));
    }
};

QTEST_MAIN(TestMainWindowImport)
#include "tst_main_window_import.moc"
