// The solver controls of the window (offscreen): F5 during a solve asks before superseding it, a stop
// says what it keeps (or that nothing complete exists yet), and the random and ML searches' seed and
// time budget are options, edited in the form and used by the solve.

#include "form_fields.h"
#include "main_window.h"
#include "options_editor.h"
#include "solve_status_widget.h"

#include "session/project_document.h"
#include "session/run_list_model.h"
#include "session/solver_runner.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QMessageBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTest>
#include <QTimer>

#include <chrono>
#include <cmath>
#include <limits>
#include <thread>

namespace {

const QString kSource = QStringLiteral(KAPLA_SOURCE_DIR);

// A search that finds nothing and runs until it is stopped.
kapla::SolveResult searchUntilStopped(const kapla::Project&, const kapla::SolveSettings&, std::stop_token stop,
                                      const kapla::ProgressCallback&)
{
    while (!stop.stop_requested())
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    kapla::SolveResult result;
    result.termination = kapla::Termination::Cancelled;
    result.message = "stopped";
    return result;
}

// Answers the next modal question box by clicking the button labelled `answer`; keeps its text.
void answerNextQuestion(QObject* context, const QString& answer, QString* asked)
{
    QTimer::singleShot(0, context, [answer, asked] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        if (!box)
            return;
        *asked = box->text();
        for (QAbstractButton* button : box->buttons())
            if (button->text() == answer)
                button->click();
    });
}

template <typename Field>
Field* fieldWithTip(QWidget* editor, const QString& tipStart)
{
    for (Field* field : editor->findChildren<Field*>())
        if (field->toolTip().startsWith(tipStart))
            return field;
    return nullptr;
}

} // namespace

class TestSolveControls : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void f5AsksBeforeSuperseding();
    void samplingOptionsInTheForm();
};

void TestSolveControls::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setApplicationName(QStringLiteral("kapla-ui-tests"));
}

void TestSolveControls::f5AsksBeforeSuperseding()
{
    MainWindow window;
    QVERIFY(window.loadProject(kSource + "/sample_projects/golden/setup-a-mlp_s-b8.yaml", nullptr));
    ProjectDocument* doc = window.document();
    doc->runner()->setSolveFunction(searchUntilStopped);

    window.solveAction()->trigger(); // nothing runs: no question
    QVERIFY(doc->runner()->isRunning());
    QCOMPARE(doc->runs()->rowCount(), 1);

    QString asked;
    answerNextQuestion(&window, QStringLiteral("Keep It Running"), &asked);
    window.solveAction()->trigger();
    QCOMPARE(asked, QStringLiteral("A solve is running."));
    QCOMPARE(doc->runs()->rowCount(), 1);
    QVERIFY(doc->runner()->isRunning());

    asked.clear();
    answerNextQuestion(&window, QStringLiteral("Stop It and Solve"), &asked);
    window.solveAction()->trigger();
    QVERIFY(!asked.isEmpty());
    QCOMPARE(doc->runs()->rowCount(), 2);
    QVERIFY(doc->runner()->isRunning());

    // A stop: the status bar says the search is completing its best schedule, then that none existed.
    window.cancelAction()->trigger();
    QVERIFY2(window.solveStatus()->detailsText().startsWith(QStringLiteral("Stopping")),
             qPrintable(window.solveStatus()->detailsText()));
    QTRY_VERIFY_WITH_TIMEOUT(!doc->runner()->isRunning(), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(window.statusBar()->currentMessage().contains(
                                 QStringLiteral("before any complete schedule was found")),
                             5000);
}

void TestSolveControls::samplingOptionsInTheForm()
{
    MainWindow window;
    QVERIFY(window.loadProject(kSource + "/sample_projects/alexnet-16x16.yaml", nullptr));
    ProjectDocument* doc = window.document();
    QCOMPARE(doc->project().options.seed, std::uint64_t{1});
    QCOMPARE(doc->project().options.timeBudgetSeconds, 10.0); // the default: seconds, not hours

    OptionsEditor* editor = window.optionsEditor();
    auto* seed = fieldWithTip<CountSpinBox>(editor, QStringLiteral("Random and ML search: the seed"));
    auto* budget = fieldWithTip<ScientificSpinBox>(editor, QStringLiteral("Random and ML search: after"));
    QVERIFY(seed && budget);
    QCOMPARE(seed->value(), 1);
    QCOMPARE(budget->number(), 10.0);
    QCOMPARE(budget->suffix(), QStringLiteral(" s"));

    seed->setValue(42);
    Q_EMIT seed->editingFinished();
    budget->setNumber(2.5);
    Q_EMIT budget->editingFinished();
    QCOMPARE(doc->project().options.seed, std::uint64_t{42});
    QCOMPARE(doc->project().options.timeBudgetSeconds, 2.5);
    const std::string yaml = doc->toYaml({}, ProjectDocument::Inline::All);
    QVERIFY(yaml.find("seed: 42") != std::string::npos);
    QVERIFY(yaml.find("time_budget: 2.5") != std::string::npos);

    budget->setNumber(std::numeric_limits<double>::infinity()); // "unlimited" is 0 in the file
    QCOMPARE(budget->text(), QStringLiteral("unlimited"));
    QCOMPARE(doc->project().options.timeBudgetSeconds, 0.0);
    Q_EMIT budget->editingFinished();
    window.undoAction()->trigger();
    QCOMPARE(budget->number(), 2.5);
}

QTEST_MAIN(TestSolveControls)
#include "tst_solve_controls.moc"
