// ProjectDocument: undo/redo of every edit kind, merging, dirty state, include paths, saving and
// loading back, and the autosave copy (written on time, restored after a SIGKILL).

#include "session/autosaver.h"
#include "session/project_document.h"
#include "session_test_util.h"

#include "io/project_io.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <functional>

using Edit = std::function<void(ProjectDocument&)>;
Q_DECLARE_METATYPE(Edit)

namespace {

using kapla::test::samplePath;

const QString kCrashChild = QStringLiteral(KAPLA_CRASH_CHILD);

DraftLayer layerAt(const ProjectDocument& doc, int row)
{
    return doc.networkDraft().layers.at(static_cast<std::size_t>(row));
}

QString readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

// The whole project as text, included parts inline: what an edit of any part changes.
std::string fullText(const ProjectDocument& doc) { return doc.toYaml({}, ProjectDocument::Inline::All); }

} // namespace

class TestProjectDocument : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void undoRedoRestoresExactDocument_data();
    void undoRedoRestoresExactDocument();
    void continuousEditsMerge();
    void renameIsOneStep();
    void dirtyState();
    void includesKeptAndEditedFilesSaved();
    void secondSaveIsByteStable_data();
    void secondSaveIsByteStable();
    void saveLoadRoundTrip_data();
    void saveLoadRoundTrip();
    void saveAsRebasesIncludes();
    void saveFailsCleanly();
    void namesWithAnyCharacterSaveAndReadBack();
    void saveThatDoesNotReadBackIsAnError();
    void untitledProject();
    void autosaveWritesAfterInterval();
    void autosaveSurvivesKill();
    void untitledAutosaveFoundAfterKill();
};

void TestProjectDocument::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setApplicationName(QStringLiteral("kapla-session-tests"));
}

void TestProjectDocument::undoRedoRestoresExactDocument_data()
{
    QTest::addColumn<QString>("project");
    QTest::addColumn<Edit>("edit");
    QTest::addColumn<bool>("validAfter");
    const QString alex = samplePath(QStringLiteral("alexnet-16x16.yaml"));
    const QString mlp = samplePath(QStringLiteral("golden/setup-a-mlp_s-b8.yaml"));

    QTest::newRow("layer field") << alex << Edit([](ProjectDocument& d) {
        DraftLayer l = layerAt(d, 18);
        l.params.nofm = 10;
        d.setLayer(18, l);
    }) << true;
    QTest::newRow("layer field, invalid") << alex << Edit([](ProjectDocument& d) {
        DraftLayer l = layerAt(d, 0);
        l.params.nofm = 64;
        d.setLayer(0, l);
    }) << false;
    QTest::newRow("rename (macro)") << alex << Edit([](ProjectDocument& d) {
        d.renameLayer(16, QStringLiteral("classifier1"));
    }) << true;
    QTest::newRow("add layer") << mlp << Edit([](ProjectDocument& d) {
        DraftLayer l{"fc4", {}, {"fc3"}};
        l.params.type = kapla::LayerType::FC;
        l.params.nifm = 10;
        l.params.nofm = 2;
        d.insertLayer(3, l);
    }) << true;
    QTest::newRow("remove layer") << mlp << Edit([](ProjectDocument& d) { d.removeLayers({2}); }) << true;
    QTest::newRow("remove layers (macro)") << alex << Edit([](ProjectDocument& d) {
        d.removeLayers({17, 18});
    }) << true;
    QTest::newRow("reorder") << alex << Edit([](ProjectDocument& d) { d.moveLayer(1, 0); }) << true;
    QTest::newRow("reorder, invalid") << alex << Edit([](ProjectDocument& d) { d.moveLayer(18, 0); }) << false;
    QTest::newRow("network text") << alex << Edit([](ProjectDocument& d) {
        d.setNetwork(kapla::io::loadNetworkFile(KAPLA_SOURCE_DIR "/sample_projects/networks/mlp_m.yaml").value());
    }) << true;
    QTest::newRow("architecture field") << alex << Edit([](ProjectDocument& d) {
        kapla::ArchitectureSpec spec = d.project().architecture;
        std::get<kapla::KaplaHardware>(spec.hardware).gbufSizeBytes = 65536;
        d.setArchitecture(spec, QStringLiteral("GBUF size"));
    }) << true;
    QTest::newRow("architecture preset") << mlp << Edit([](ProjectDocument& d) {
        d.setArchitecture(kapla::io::loadArchitectureFile(KAPLA_SOURCE_DIR
                                                          "/sample_projects/architectures/setup-b-4x4.yaml")
                              .value(),
                          QStringLiteral("preset"));
    }) << true;
    QTest::newRow("options") << alex << Edit([](ProjectDocument& d) {
        kapla::Options o = d.project().options;
        o.goal = kapla::Goal::EnergyDelay;
        o.partitionBatch = !o.partitionBatch;
        d.setOptions(o, QStringLiteral("goal"));
    }) << true;
    QTest::newRow("batch") << alex << Edit([](ProjectDocument& d) { d.setBatch(64); }) << true;
    QTest::newRow("name") << alex << Edit([](ProjectDocument& d) { d.setProjectName(QStringLiteral("Renamed")); })
                          << true;
}

void TestProjectDocument::undoRedoRestoresExactDocument()
{
    QFETCH(QString, project);
    QFETCH(Edit, edit);
    QFETCH(bool, validAfter);

    ProjectDocument doc;
    QVERIFY(doc.load(project, nullptr));
    const std::string before = fullText(doc);
    const NetworkDraft draftBefore = doc.networkDraft();
    const kapla::Project projectBefore = doc.project();
    QVERIFY(!before.empty());

    edit(doc);
    QCOMPARE(doc.undoStack()->count(), 1);
    QCOMPARE(doc.isNetworkValid(), validAfter);
    const std::string after = fullText(doc);
    const NetworkDraft draftAfter = doc.networkDraft();
    QVERIFY(after != before);
    QCOMPARE(after.empty(), !validAfter);

    doc.undoStack()->undo();
    QCOMPARE(fullText(doc), before);
    QVERIFY(doc.networkDraft() == draftBefore);
    QVERIFY(doc.project() == projectBefore);
    QVERIFY(!doc.isDirty());

    doc.undoStack()->redo();
    QCOMPARE(fullText(doc), after);
    QVERIFY(doc.networkDraft() == draftAfter);
    doc.undoStack()->undo();
    QCOMPARE(fullText(doc), before);
}

void TestProjectDocument::continuousEditsMerge()
{
    ProjectDocument doc;
    QVERIFY(doc.load(samplePath(QStringLiteral("alexnet-16x16.yaml")), nullptr));
    const std::string before = doc.toYaml();
    // A spin-box drag: 17, 18, ... 24, then released.
    for (int b = 17; b <= 24; ++b)
        doc.setBatch(b, ProjectDocument::EditMode::Continuous);
    doc.endContinuousEdit();
    QCOMPARE(doc.undoStack()->count(), 1);
    doc.setBatch(32, ProjectDocument::EditMode::Continuous);
    QCOMPARE(doc.undoStack()->count(), 2);

    // Different fields do not merge, even within one continuous edit.
    kapla::ArchitectureSpec spec = doc.project().architecture;
    auto& hw = std::get<kapla::KaplaHardware>(spec.hardware);
    hw.gbufSizeBytes = 40000;
    doc.setArchitecture(spec, QStringLiteral("GBUF size"), ProjectDocument::EditMode::Continuous);
    hw.gbufSizeBytes = 50000;
    doc.setArchitecture(spec, QStringLiteral("GBUF size"), ProjectDocument::EditMode::Continuous);
    hw.regfSizeBytes = 128;
    doc.setArchitecture(spec, QStringLiteral("REGF size"), ProjectDocument::EditMode::Continuous);
    QCOMPARE(doc.undoStack()->count(), 4);

    doc.undoStack()->undo();
    doc.undoStack()->undo();
    QCOMPARE(std::get<kapla::KaplaHardware>(doc.project().architecture.hardware).gbufSizeBytes, 32768);
    doc.undoStack()->undo();
    QCOMPARE(doc.project().batch, 24);
    doc.undoStack()->undo();
    QCOMPARE(doc.toYaml(), before);

    // A drag that ends where it started leaves no step.
    doc.setBatch(17, ProjectDocument::EditMode::Continuous);
    doc.setBatch(16, ProjectDocument::EditMode::Continuous);
    QCOMPARE(doc.undoStack()->index(), 0);
    QVERIFY(!doc.isDirty());
}

void TestProjectDocument::renameIsOneStep()
{
    ProjectDocument doc;
    QVERIFY(doc.load(samplePath(QStringLiteral("alexnet-16x16.yaml")), nullptr));
    doc.renameLayer(6, QStringLiteral("p2a")); // pool2_a feeds conv3_a and conv3_b
    QCOMPARE(doc.undoStack()->count(), 1);
    QCOMPARE(doc.undoStack()->text(0), QStringLiteral("Rename layer pool2_a to p2a"));
    QVERIFY(doc.isNetworkValid());
    QCOMPARE(layerAt(doc, 8).prevs, (std::vector<std::string>{"p2a", "pool2_b"}));
    QCOMPARE(layerAt(doc, 9).prevs, (std::vector<std::string>{"p2a", "pool2_b"}));
}

void TestProjectDocument::dirtyState()
{
    ProjectDocument doc;
    QSignalSpy dirty(&doc, &ProjectDocument::dirtyChanged);
    QVERIFY(doc.load(samplePath(QStringLiteral("alexnet-16x16.yaml")), nullptr));
    QVERIFY(!doc.isDirty());
    doc.setBatch(8);
    QVERIFY(doc.isDirty());
    QCOMPARE(dirty.count(), 1);
    QCOMPARE(dirty.last().at(0).toBool(), true);
    doc.undoStack()->undo();
    QVERIFY(!doc.isDirty());
    QCOMPARE(dirty.last().at(0).toBool(), false);
}

void TestProjectDocument::includesKeptAndEditedFilesSaved()
{
    QTemporaryDir dir;
    QVERIFY(kapla::test::copySampleTree(dir.path()));
    const QString project = dir.filePath(QStringLiteral("alexnet-16x16.yaml"));
    const QString network = dir.filePath(QStringLiteral("networks/alex_net.yaml"));
    const QString architecture = dir.filePath(QStringLiteral("architectures/kapla-multi-node-16x16.yaml"));
    const QString projectText = readFile(project);
    const QString architectureText = readFile(architecture);
    ProjectDocument doc;
    QVERIFY(doc.load(project, nullptr));
    const QString loaded = QString::fromStdString(doc.toYaml());
    QVERIFY2(loaded.contains(QStringLiteral("network: networks/alex_net.yaml")), qPrintable(loaded));
    QVERIFY(loaded.contains(QStringLiteral("architecture: architectures/kapla-multi-node-16x16.yaml")));

    DraftLayer l = layerAt(doc, 18);
    l.params.nofm = 10;
    doc.setLayer(18, l);
    // The project keeps its references; the autosave copy carries the edited network inline.
    QCOMPARE(QString::fromStdString(doc.toYaml()), loaded);
    const QString copy = QString::fromStdString(doc.toYaml({}, ProjectDocument::Inline::Edited));
    QVERIFY(!copy.contains(QStringLiteral("networks/alex_net.yaml")));
    QVERIFY(copy.contains(QStringLiteral("name: fc3, type: fc, nifm: 4096, nofm: 10")));
    QVERIFY(copy.contains(QStringLiteral("architecture: architectures/kapla-multi-node-16x16.yaml")));

    // Saving writes the edited network to its file and says so; the rest is left as written.
    QStringList errors;
    QVERIFY2(doc.save(&errors), qPrintable(errors.join('\n')));
    QCOMPARE(doc.lastSaveNotes(), QStringList{QStringLiteral("Saved the network to networks/alex_net.yaml")});
    QCOMPARE(readFile(project), projectText); // comments and all
    QCOMPARE(readFile(architecture), architectureText);
    QVERIFY(readFile(network).contains(QStringLiteral("name: fc3, type: fc, nifm: 4096, nofm: 10")));
    ProjectDocument reloaded;
    QVERIFY(reloaded.load(project, nullptr));
    QVERIFY(reloaded.project().network == doc.project().network);
    QVERIFY(doc.save(&errors));
    QVERIFY(doc.lastSaveNotes().isEmpty()); // nothing edited since: nothing written
}

void TestProjectDocument::secondSaveIsByteStable_data()
{
    QTest::addColumn<QString>("project");
    for (const QString& path : kapla::test::sampleProjects())
        QTest::newRow(qPrintable(QFileInfo(path).fileName())) << QFileInfo(path).fileName();
}

void TestProjectDocument::secondSaveIsByteStable()
{
    QFETCH(QString, project);
    QTemporaryDir dir;
    QVERIFY(kapla::test::copySampleTree(dir.path()));
    QString path = dir.filePath(project);
    if (!QFileInfo::exists(path))
        path = dir.filePath(QStringLiteral("golden/") + project);
    const QString original = readFile(path);
    ProjectDocument doc;
    QVERIFY(doc.load(path, nullptr));
    QStringList errors;
    QVERIFY2(doc.save(&errors), qPrintable(errors.join('\n')));
    QCOMPARE(readFile(path), original); // unchanged: not rewritten, comments kept
    doc.setBatch(doc.project().batch + 1);
    QVERIFY(doc.save(&errors));
    const QString first = readFile(path);
    QVERIFY(first != original);
    ProjectDocument reloaded;
    QVERIFY(reloaded.load(path, nullptr));
    QCOMPARE(reloaded.project().batch, doc.project().batch);
    // Written again (next to it, so the includes read the same), the text is the same bytes.
    const QString again = QFileInfo(path).dir().filePath(QStringLiteral("again.yaml"));
    QVERIFY(reloaded.saveAs(again, &errors));
    QCOMPARE(readFile(again), first);
}

void TestProjectDocument::saveLoadRoundTrip_data()
{
    QTest::addColumn<QString>("project");
    for (const QString& path : kapla::test::sampleProjects())
        QTest::newRow(qPrintable(QFileInfo(path).fileName())) << path;
}

void TestProjectDocument::saveLoadRoundTrip()
{
    QFETCH(QString, project);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    ProjectDocument doc;
    QVERIFY(doc.load(project, nullptr));
    doc.setBatch(doc.project().batch + 1); // an edit, so the saved file differs from the sample

    const QString target = dir.filePath(QStringLiteral("saved.yaml"));
    QSignalSpy saved(&doc, &ProjectDocument::saved);
    QStringList errors;
    QVERIFY2(doc.saveAs(target, &errors), qPrintable(errors.join('\n')));
    QCOMPARE(saved.count(), 1);
    QCOMPARE(doc.filePath(), target);
    QVERIFY(!doc.isDirty());
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("saved.yaml")}); // no temporaries left

    ProjectDocument reloaded;
    QVERIFY2(reloaded.load(target, &errors), qPrintable(errors.join('\n')));
    QVERIFY(reloaded.project() == doc.project());
    QCOMPARE(reloaded.toYaml(), doc.toYaml());
    QCOMPARE(readFile(target).toStdString(), doc.toYaml());
}

void TestProjectDocument::saveAsRebasesIncludes()
{
    QTemporaryDir dir;
    ProjectDocument doc;
    QVERIFY(doc.load(samplePath(QStringLiteral("alexnet-16x16.yaml")), nullptr));
    const QString target = dir.filePath(QStringLiteral("deeper/folder/copy.yaml"));
    QVERIFY(QDir().mkpath(QFileInfo(target).absolutePath()));
    QStringList errors;
    QVERIFY2(doc.saveAs(target, &errors), qPrintable(errors.join('\n')));
    const QString text = readFile(target);
    // The includes still point at the sample files, now relative to the new folder.
    QVERIFY2(text.contains(QStringLiteral("alex_net.yaml")) && text.contains(QStringLiteral("network: ../")),
             qPrintable(text));
    ProjectDocument reloaded;
    QVERIFY2(reloaded.load(target, &errors), qPrintable(errors.join('\n')));
    QVERIFY(reloaded.project().network == doc.project().network);
}

void TestProjectDocument::saveFailsCleanly()
{
    ProjectDocument doc;
    QStringList errors;
    QVERIFY(!doc.save(&errors));
    QVERIFY(doc.load(samplePath(QStringLiteral("alexnet-16x16.yaml")), nullptr));
    QVERIFY(!doc.saveAs(QStringLiteral("/nonexistent-folder/x/project.yaml"), &errors));
    QVERIFY2(errors.join('\n').contains(QStringLiteral("cannot create a file in the folder")),
             qPrintable(errors.join('\n')));
    QCOMPARE(doc.filePath(), samplePath(QStringLiteral("alexnet-16x16.yaml")));
}

// Quotes, backslashes, `: #`, a newline, NUL and outer spaces in a name: the file saved reads back
// with the same name.
void TestProjectDocument::namesWithAnyCharacterSaveAndReadBack()
{
    QTemporaryDir dir;
    ProjectDocument doc;
    QVERIFY(doc.load(samplePath(QStringLiteral("alexnet-16x16.yaml")), nullptr));
    const QString name = QStringLiteral(" a \"quoted\" \\ name: #1\n") + QChar(0) + QStringLiteral(" \u00e9 ");
    doc.setProjectName(name);
    const QString target = dir.filePath(QStringLiteral("names.yaml"));
    QStringList errors;
    QVERIFY2(doc.saveAs(target, &errors), qPrintable(errors.join('\n')));
    ProjectDocument reloaded;
    QVERIFY2(reloaded.load(target, &errors), qPrintable(errors.join('\n')));
    QCOMPARE(QString::fromStdString(reloaded.project().name), name);
}

// A save whose file does not read back (here: the null device, which the write goes into without
// replacing it) fails with a visible error, and the document keeps its file.
void TestProjectDocument::saveThatDoesNotReadBackIsAnError()
{
    ProjectDocument doc;
    QVERIFY(doc.load(samplePath(QStringLiteral("alexnet-16x16.yaml")), nullptr));
    doc.setBatch(doc.project().batch + 1);
    QStringList errors;
    QVERIFY(!doc.saveAs(QStringLiteral("/dev/null"), &errors));
    QVERIFY2(errors.join('\n').contains(QStringLiteral("cannot be read back")), qPrintable(errors.join('\n')));
    QCOMPARE(doc.filePath(), samplePath(QStringLiteral("alexnet-16x16.yaml")));
    QVERIFY(doc.isDirty());
    QVERIFY(QFileInfo(QStringLiteral("/dev/null")).exists() && !QFileInfo(QStringLiteral("/dev/null")).isFile());
}

void TestProjectDocument::untitledProject()
{
    ProjectDocument doc;
    doc.newProject();
    QVERIFY(doc.hasProject());
    QVERIFY(doc.isUntitled());
    QVERIFY(doc.isNetworkValid());
    QStringList errors;
    QVERIFY(!doc.save(&errors)); // needs Save As
    QTemporaryDir dir;
    const QString target = dir.filePath(QStringLiteral("new.yaml"));
    QVERIFY2(doc.saveAs(target, &errors), qPrintable(errors.join('\n')));
    QVERIFY(!doc.isUntitled());
    ProjectDocument reloaded;
    QVERIFY(reloaded.load(target, nullptr));
    QVERIFY(reloaded.project() == doc.project());
}

void TestProjectDocument::autosaveWritesAfterInterval()
{
    QTemporaryDir dir;
    QVERIFY(kapla::test::copySampleTree(dir.path()));
    const QString project = dir.filePath(QStringLiteral("alexnet-16x16.yaml"));
    const QString sidecar = dir.filePath(QStringLiteral("alexnet-16x16.autosave.yaml"));
    QCOMPARE(Autosaver::sidecarPath(project), sidecar);

    std::string edited;
    {
        ProjectDocument doc;
        QVERIFY(doc.load(project, nullptr));
        doc.autosaver()->setInterval(150);
        QSignalSpy written(doc.autosaver(), &Autosaver::written);
        QTest::qWait(400);
        QVERIFY(!QFile::exists(sidecar)); // nothing to save while clean
        doc.setBatch(3);
        DraftLayer l = layerAt(doc, 18);
        l.params.nofm = 7;
        doc.setLayer(18, l);
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(sidecar), 3000);
        QCOMPARE(written.count(), 1);
        QCOMPARE(Autosaver::findFor(project), sidecar);
        edited = fullText(doc);

        {
            // A fresh document (as after a crash) gets everything back.
            ProjectDocument fresh;
            QVERIFY(fresh.restoreAutosave(project, sidecar, nullptr));
            QCOMPARE(fresh.filePath(), project);
            QVERIFY(fresh.isDirty());
            QCOMPARE(fullText(fresh), edited);
            QCOMPARE(fresh.project().batch, 3);
        }
        QVERIFY(doc.autosaver()->saveNow()); // `fresh` took the copy with it when it closed

        // Saving removes the copy; so does undoing back to the file.
        QVERIFY(doc.save(nullptr));
        QVERIFY(!QFile::exists(sidecar));
        doc.setBatch(5);
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(sidecar), 3000);
        doc.undoStack()->undo();
        QTRY_VERIFY_WITH_TIMEOUT(!QFile::exists(sidecar), 3000);
        doc.setBatch(6);
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(sidecar), 3000);
    }
    QVERIFY(!QFile::exists(sidecar)); // closed: removed
}

void TestProjectDocument::autosaveSurvivesKill()
{
    QTemporaryDir dir;
    QVERIFY(kapla::test::copySampleTree(dir.path()));
    const QString project = dir.filePath(QStringLiteral("alexnet-16x16.yaml"));
    const int interval = 300;

    QProcess child;
    child.start(kCrashChild, {project, QString::number(interval)});
    QVERIFY(child.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(child.canReadLine() || child.state() != QProcess::Running, 20000);
    QCOMPARE(child.readLine().trimmed(), QByteArray("edited"));
    QElapsedTimer clock;
    clock.start();
    // The edit is autosaved within one interval; kill right after (SIGKILL: no cleanup at all).
    QTRY_VERIFY_WITH_TIMEOUT(child.canReadLine(), 20000);
    const qint64 savedAfter = clock.elapsed();
    QCOMPARE(child.readLine().trimmed(), QByteArray("autosaved"));
    child.kill();
    QVERIFY(child.waitForFinished(5000));
    QCOMPARE(child.exitStatus(), QProcess::CrashExit);
    qInfo("autosave written %lld ms after the edit (interval %d ms), then the child was killed", savedAfter, interval);

    const QString copy = Autosaver::findFor(project);
    QVERIFY(!copy.isEmpty());
    ProjectDocument doc;
    QStringList errors;
    QVERIFY2(doc.restoreAutosave(project, copy, &errors), qPrintable(errors.join('\n')));
    QCOMPARE(doc.project().batch, 77);
    QCOMPARE(doc.project().name, std::string("after the crash"));
    QCOMPARE(doc.project().network.at(kapla::LayerId{18}).layer.nofm(), 10);
    QVERIFY(doc.isDirty());
}

void TestProjectDocument::untitledAutosaveFoundAfterKill()
{
    const QStringList before = Autosaver::orphanedUntitled();
    QProcess child;
    child.start(kCrashChild, {QStringLiteral("--untitled"), QStringLiteral("100")});
    QVERIFY(child.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(child.canReadLine(), 20000);
    QCOMPARE(child.readLine().trimmed(), QByteArray("edited"));
    QTRY_VERIFY_WITH_TIMEOUT(child.canReadLine(), 20000);
    QCOMPARE(child.readLine().trimmed(), QByteArray("autosaved"));
    // Alive: its copy is locked, so nobody offers to restore it.
    QCOMPARE(Autosaver::orphanedUntitled().size(), before.size());
    child.kill();
    QVERIFY(child.waitForFinished(5000));

    const QStringList orphans = Autosaver::orphanedUntitled();
    QCOMPARE(orphans.size(), before.size() + 1);
    ProjectDocument doc;
    QVERIFY(doc.restoreAutosave(QString(), orphans.front(), nullptr));
    QVERIFY(doc.isUntitled());
    QCOMPARE(doc.project().batch, 77);
    // Adopted: no longer an orphan, and gone once the document closes.
    QCOMPARE(Autosaver::orphanedUntitled().size(), before.size());
    doc.clear();
    QVERIFY(!QFile::exists(orphans.front()));
}

QTEST_GUILESS_MAIN(TestProjectDocument)
#include "tst_project_document.moc"
