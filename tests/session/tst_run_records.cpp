// Runs are self-contained records: a run made, the architecture edited, the project saved and
// reopened — the run still shows and exports the same, and is flagged with what differs.
#include "session/project_document.h"
#include "session/result_export.h"
#include "session/run_list_model.h"
#include "session_test_util.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

namespace {

constexpr int kSolveTimeoutMs = 120000;

kapla::ArchitectureSpec withGbuf(kapla::ArchitectureSpec spec, long long bytes)
{
    std::get<kapla::KaplaHardware>(spec.hardware).gbufSizeBytes = bytes;
    return spec;
}

} // namespace

class TestRunRecords : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void runSurvivesEditsSaveAndReopen();
    void differencesFollowEveryEdit();
    void labelsNameWhatChangedAndRenameIsUndoable();
};

void TestRunRecords::runSurvivesEditsSaveAndReopen()
{
    QTemporaryDir dir;
    QVERIFY(kapla::test::copySampleTree(dir.path()));
    const QString path = dir.filePath(QStringLiteral("alexnet-16x16.yaml"));
    ProjectDocument doc;
    QVERIFY(doc.load(path, nullptr));
    QSignalSpy done(doc.runs(), &RunListModel::runFinished);
    QString error;
    const int id = doc.solve(&error, kapla::SolverKind::Kapla);
    QVERIFY2(id > 0, qPrintable(error));
    QVERIFY(done.wait(kSolveTimeoutMs));
    const kapla::RunPtr solved = doc.runResult(id, &error);
    QVERIFY2(solved, qPrintable(error));
    const std::string yaml = scheduleExportText(*solved, ScheduleFormat::Yaml);
    const std::string json = scheduleExportText(*solved, ScheduleFormat::Json);
    const std::string csv = scheduleExportText(*solved, ScheduleFormat::Csv);
    QVERIFY(doc.runs()->at(0).differences.isEmpty());

    // An edit of the (included) architecture file: the run keeps the hardware it was solved on.
    doc.setArchitecture(withGbuf(doc.project().architecture, 65536), QStringLiteral("GBUF size"));
    const QStringList expected{QStringLiteral("GBUF 32 KiB → 64 KiB")};
    QCOMPARE(doc.runs()->at(0).differences, expected);
    QVERIFY(
        doc.runs()->index(0).data().toString().section(QLatin1Char('\n'), 0, 0).endsWith(QStringLiteral("(differs)")));
    QVERIFY(doc.runs()->index(0).data(RunListModel::DiffersRole).toBool());
    QStringList errors;
    QVERIFY2(doc.save(&errors), qPrintable(errors.join('\n')));
    QVERIFY(doc.lastSaveNotes().join(' ').contains(QStringLiteral("architecture")));

    ProjectDocument reopened;
    QAbstractItemModelTester tester(reopened.runs(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(reopened.load(path, &errors));
    QVERIFY2(reopened.loadWarnings().isEmpty(), qPrintable(reopened.loadWarnings().join('\n')));
    QCOMPARE(std::get<kapla::KaplaHardware>(reopened.project().architecture.hardware).gbufSizeBytes, 65536LL);
    QCOMPARE(reopened.runs()->rowCount(), 1);
    const RunEntry& back = reopened.runs()->at(0);
    QCOMPARE(back.differences, expected);
    QVERIFY(back.run->project() == solved->project());
    QCOMPARE(back.run->architecture().nodes, solved->architecture().nodes);
    const kapla::RunPtr shown = reopened.runResult(back.id, &error);
    QVERIFY2(shown, qPrintable(error));
    QCOMPARE(shown->evaluation->totalCost, solved->evaluation->totalCost);
    QCOMPARE(shown->evaluation->totalTime, solved->evaluation->totalTime);
    QCOMPARE(scheduleExportText(*shown, ScheduleFormat::Yaml), yaml);
    QCOMPARE(scheduleExportText(*shown, ScheduleFormat::Json), json);
    QCOMPARE(scheduleExportText(*shown, ScheduleFormat::Csv), csv);

    // Back to the architecture it was solved on: the run no longer differs.
    reopened.setArchitecture(withGbuf(reopened.project().architecture, 32768), QStringLiteral("GBUF size"));
    QVERIFY(reopened.runs()->at(0).differences.isEmpty());
}

void TestRunRecords::differencesFollowEveryEdit()
{
    ProjectDocument doc;
    QVERIFY(doc.load(kapla::test::samplePath(QStringLiteral("golden/setup-a-mlp_s-b8.yaml")), nullptr));
    QSignalSpy done(doc.runs(), &RunListModel::runFinished);
    QString error;
    QVERIFY2(doc.solve(&error, kapla::SolverKind::Kapla) > 0, qPrintable(error));
    QVERIFY(done.wait(kSolveTimeoutMs));
    QSignalSpy changed(doc.runs(), &QAbstractItemModel::dataChanged);
    doc.setBatch(4);
    QCOMPARE(doc.runs()->at(0).differences, QStringList{QStringLiteral("batch 8 → 4")});
    QCOMPARE(changed.count(), 1);
    kapla::Options options = doc.project().options;
    options.goal = kapla::Goal::Delay;
    doc.setOptions(options, QStringLiteral("goal"));
    QCOMPARE(doc.runs()->at(0).differences, (QStringList{QStringLiteral("batch 8 → 4"), QStringLiteral("goal e → d")}));
    doc.undoStack()->undo();
    doc.undoStack()->undo();
    QVERIFY(doc.runs()->at(0).differences.isEmpty());
    QVERIFY(!doc.runs()->index(0).data(RunListModel::DiffersRole).toBool());
    QVERIFY(doc.runs()->index(0).data(Qt::ToolTipRole).toString().contains(QStringLiteral("batch 8")));
}

// A new run is named by its solver and what changed since the run before it; the user renames it
// in the list as an undoable step, and the label is saved with the run.
void TestRunRecords::labelsNameWhatChangedAndRenameIsUndoable()
{
    QTemporaryDir dir;
    QVERIFY(kapla::test::copySampleTree(dir.path()));
    const QString path = dir.filePath(QStringLiteral("golden/setup-c-mlp_s-b16.yaml"));
    ProjectDocument doc;
    QVERIFY(doc.load(path, nullptr));
    QSignalSpy done(doc.runs(), &RunListModel::runFinished);
    QString error;
    QVERIFY2(doc.solve(&error, kapla::SolverKind::Kapla) > 0, qPrintable(error));
    QVERIFY(done.wait(kSolveTimeoutMs));
    kapla::ArchitectureSpec spec = doc.project().architecture;
    std::get<kapla::ExplicitHardware>(spec.hardware).gbufWords = 8192;
    doc.setArchitecture(spec, QStringLiteral("GBUF size"));
    QVERIFY2(doc.solve(&error, kapla::SolverKind::Kapla) > 0, qPrintable(error));
    QVERIFY(done.wait(kSolveTimeoutMs));
    RunListModel* runs = doc.runs();
    QCOMPARE(runs->rowCount(), 2);
    QCOMPARE(runs->index(0).data(Qt::EditRole).toString(), QStringLiteral("kapla"));
    QCOMPARE(runs->index(1).data(Qt::EditRole).toString(), QStringLiteral("kapla · GBUF 32768 words → 8192 words"));
    QVERIFY(
        runs->index(1).data().toString().startsWith(QStringLiteral("#2  kapla · GBUF 32768 words → 8192 words — ")));

    QVERIFY(runs->flags(runs->index(1)) & Qt::ItemIsEditable);
    QVERIFY(runs->setData(runs->index(1), QStringLiteral("  small buffer ")));
    QCOMPARE(runs->index(1).data(Qt::EditRole).toString(), QStringLiteral("small buffer"));
    QCOMPARE(doc.undoStack()->undoText(), QStringLiteral("Rename Run #2"));
    doc.undoStack()->undo();
    QCOMPARE(runs->index(1).data(Qt::EditRole).toString(), QStringLiteral("kapla · GBUF 32768 words → 8192 words"));
    doc.undoStack()->redo();
    QStringList errors;
    QVERIFY2(doc.save(&errors), qPrintable(errors.join('\n')));
    ProjectDocument reopened;
    QVERIFY(reopened.load(path, nullptr));
    QCOMPARE(reopened.runs()->rowCount(), 2);
    QCOMPARE(reopened.runs()->index(1).data(Qt::EditRole).toString(), QStringLiteral("small buffer"));
}

QTEST_GUILESS_MAIN(TestRunRecords)
#include "tst_run_records.moc"
