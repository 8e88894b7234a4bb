// kapla-studio: the desktop application. `--screenshot OUT.png` renders the window and exits;
// with `--solve SOLVER` it solves first (on the worker thread, as in the GUI).

#include "exit_code.h"
#include "glossary_dialog.h"
#include "main_window.h"
#include "network_editor.h"
#include "primer_dialog.h"
#include "views/pe_array_view.h"
#include "views/results_panel.h"
#include "views/sweep_view.h"

#include "session/project_document.h"
#include "session/run_list_model.h"
#include "session/solver_runner.h"
#include "session/sweep_runner.h"

#include "resources/app_icons.h"
#include "resources/app_theme.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QLabel>
#include <QPixmap>
#include <QStatusBar>
#include <QTimer>

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace {

constexpr const char* kUsage = R"(usage: kapla-studio [PROJECT] [--import MODEL.onnx [--skip-unsupported]]
                    [--solve SOLVER] [--screenshot OUT.png]
                    [--tab network|architecture|options|results|compare|sweep|energy|allocation|
                           occupancy|timeline|pe-array|primer|glossary] [--select LAYER]
                    [--compare A B] [--sweep SWEEP.yaml] [--timeout SECONDS]

  PROJECT               a KAPLA Studio project file (.yaml) to open
  --import MODEL.onnx   import an ONNX model as a new project (with PROJECT's architecture and
                        options when given), as File > Import ONNX Model; the report shows in a dock
  --skip-unsupported    leave the model's unsupported operators out (listed in the report)
                        instead of asking (with --screenshot: instead of failing)
  --solve SOLVER        solve the project with kapla, exhaustive, random or ml (as Solve in the GUI);
                        with --screenshot, wait for the run (at most --timeout seconds, default 600)
  --screenshot OUT.png  render the window to OUT.png and exit (0 ok, 1 on failure,
                        3 if the solve was cancelled at the timeout)
  --tab TAB             show the network, architecture or options editor, the results, the
                        comparison or the sweep (default: network; results once a --solve
                        finished, sweep with --sweep); energy, allocation, occupancy, timeline or
                        pe-array: that view of the results (pe-array: the selected layer's loop
                        nest step by step); with --screenshot,
                        primer or glossary: that Help window instead of the main window
  --select LAYER        select a layer in the editor and, after a solve, in every result view
  --compare A B         compare the project's saved runs A and B (1 = the oldest) in the Compare tab
  --sweep SWEEP.yaml    open a sweep file in the Sweep tab; with --screenshot, run it and wait for
                        every point (at most --timeout seconds)
  -h, --help            this text

Without a display, run it under Xvfb or with Qt's offscreen platform:
  xvfb-run -a kapla-studio PROJECT
  QT_QPA_PLATFORM=offscreen kapla-studio PROJECT --screenshot OUT.png
)";

using kapla::ExitCode;
using kapla::exitStatus;

constexpr int kDefaultTimeoutSeconds = 600;

struct StudioArgs {
    std::string project;
    std::string model; ///< an ONNX model to import
    bool skipUnsupported = false;
    std::string screenshot;
    std::optional<kapla::SolverKind> solver;
    std::string layer;
    std::optional<std::pair<int, int>> compare; ///< saved runs to compare (1-based)
    std::string sweep;                          ///< a sweep file for the Sweep tab
    std::optional<MainWindow::Tab> tab;         ///< as given; else the window's choice
    std::optional<ResultsPanel::Tab> chart;     ///< a results chart named by --tab
    std::string helpWindow;                     ///< "primer" or "glossary": screenshot that window
    int timeoutSeconds = kDefaultTimeoutSeconds;
    bool help = false;
    bool platformGiven = false; ///< Qt's own -platform argument
    std::string error;
};

// The results' chart tabs by the names --tab takes.
std::optional<ResultsPanel::Tab> chartTab(std::string_view name)
{
    if (name == "energy")
        return ResultsPanel::Tab::Energy;
    if (name == "allocation")
        return ResultsPanel::Tab::Allocation;
    if (name == "occupancy")
        return ResultsPanel::Tab::Occupancy;
    if (name == "timeline")
        return ResultsPanel::Tab::Timeline;
    if (name == "pe-array")
        return ResultsPanel::Tab::PeArray;
    return std::nullopt;
}

StudioArgs parseArgs(int argc, char** argv)
{
    StudioArgs args;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "-h" || arg == "--help") {
            args.help = true;
        } else if (arg == "--import" && i + 1 < argc) {
            args.model = argv[++i];
        } else if (arg == "--skip-unsupported") {
            args.skipUnsupported = true;
        } else if (arg == "--screenshot" && i + 1 < argc) {
            args.screenshot = argv[++i];
        } else if (arg == "--solve" && i + 1 < argc) {
            args.solver = kapla::solverFromKeyword(argv[++i]);
            if (!args.solver)
                args.error = "unknown solver '" + std::string(argv[i]) + "'; expected kapla, exhaustive, random or ml";
        } else if (arg == "--tab" && i + 1 < argc) {
            const std::string_view tab = argv[++i];
            if (tab == "network")
                args.tab = MainWindow::Tab::Network;
            else if (tab == "architecture")
                args.tab = MainWindow::Tab::Architecture;
            else if (tab == "options")
                args.tab = MainWindow::Tab::Options;
            else if (tab == "results")
                args.tab = MainWindow::Tab::Results;
            else if (tab == "compare")
                args.tab = MainWindow::Tab::Compare;
            else if (tab == "sweep")
                args.tab = MainWindow::Tab::Sweep;
            else if (const auto chart = chartTab(tab)) {
                args.tab = MainWindow::Tab::Results;
                args.chart = chart;
            } else if (tab == "primer" || tab == "glossary")
                args.helpWindow = tab;
            else
                args.error = "unknown tab '" + std::string(tab)
                           + "'; expected network, architecture, options, results, compare, sweep, energy, allocation, "
                             "occupancy, timeline, pe-array, primer or glossary";
        } else if (arg == "--compare" && i + 2 < argc) {
            const int a = std::atoi(argv[++i]);
            const int b = std::atoi(argv[++i]);
            if (a <= 0 || b <= 0)
                args.error = "--compare needs two run numbers (1 = the oldest saved run)";
            args.compare = std::pair{a, b};
        } else if (arg == "--sweep" && i + 1 < argc) {
            args.sweep = argv[++i];
        } else if (arg == "--select" && i + 1 < argc) {
            args.layer = argv[++i];
        } else if (arg == "--timeout" && i + 1 < argc) {
            args.timeoutSeconds = std::atoi(argv[++i]);
            if (args.timeoutSeconds <= 0)
                args.error = "--timeout needs a positive number of seconds";
        } else if ((arg == "-platform" || arg == "--platform") && i + 1 < argc) {
            args.platformGiven = true;
            ++i;
        } else if (arg.starts_with('-') || !args.project.empty()) {
            args.error = "unexpected argument '" + std::string(arg) + "'";
        } else {
            args.project = arg;
        }
    }
    return args;
}

// Without a display QApplication aborts; say how to run instead (X11/Wayland systems only).
bool displayAvailable(const StudioArgs& args)
{
#if defined(Q_OS_UNIX) && !defined(Q_OS_MACOS)
    return args.platformGiven || !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")
        || !qEnvironmentVariableIsEmpty("DISPLAY") || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY");
#else
    Q_UNUSED(args);
    return true;
#endif
}

// Solves as the GUI does and waits for the run, keeping the event loop (and the window) alive.
ExitCode solveAndWait(MainWindow& window, kapla::SolverKind solver, int timeoutSeconds)
{
    ProjectDocument* doc = window.document();
    QString why;
    if (doc->solve(&why, solver) < 0) {
        std::fprintf(stderr, "kapla-studio: cannot solve: %s\n", qPrintable(why));
        return ExitCode::InvalidInput;
    }
    QEventLoop loop;
    QObject::connect(doc->runs(), &RunListModel::runFinished, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutSeconds * 1000, &loop, &QEventLoop::quit);
    loop.exec();
    ExitCode status = ExitCode::Ok;
    if (doc->runner()->isRunning()) {
        std::fprintf(stderr, "kapla-studio: the solve did not finish within %d s; cancelling it\n", timeoutSeconds);
        doc->cancelSolve();
        QEventLoop wait;
        QObject::connect(doc->runs(), &RunListModel::runFinished, &wait, &QEventLoop::quit);
        QTimer::singleShot(5000, &wait, &QEventLoop::quit);
        wait.exec();
        status = ExitCode::Cancelled;
    }
    const auto* model = doc->runs();
    if (model->rowCount() > 0) {
        const RunEntry& entry = model->at(model->rowCount() - 1);
        std::fprintf(stderr, "kapla-studio: %s\n", qPrintable(model->index(model->rowCount() - 1).data().toString()));
        if (entry.run && !entry.run->message.empty() && !entry.run->hasResult())
            std::fprintf(stderr, "kapla-studio: %s\n", entry.run->message.c_str());
    }
    return status;
}

// Opens a sweep file in the Sweep tab, runs it and waits for its points, as Run Sweep in the GUI.
ExitCode sweepAndWait(MainWindow& window, const QString& path, int timeoutSeconds)
{
    SweepView* view = window.sweepView();
    QStringList errors;
    if (!view->loadSweepFile(path, &errors)) {
        std::fprintf(stderr, "kapla-studio: cannot open the sweep %s\n", qPrintable(path));
        for (const auto& e : errors)
            std::fprintf(stderr, "%s\n", qPrintable(e));
        return ExitCode::InvalidInput;
    }
    window.showTab(MainWindow::Tab::Sweep);
    if (!view->run())
        return ExitCode::InvalidInput;
    QEventLoop loop;
    QObject::connect(view->runner(), &SweepRunner::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutSeconds * 1000, &loop, &QEventLoop::quit);
    loop.exec();
    if (!view->runner()->isRunning()) {
        // The charts redraw a moment after the last points: let them settle before the screenshot.
        QEventLoop settle;
        QTimer::singleShot(500, &settle, &QEventLoop::quit);
        settle.exec();
        std::fprintf(stderr, "kapla-studio: %s\n", qPrintable(view->progressLabel()->text()));
        return ExitCode::Ok;
    }
    std::fprintf(stderr, "kapla-studio: the sweep did not finish within %d s; stopping it\n", timeoutSeconds);
    view->stop();
    QEventLoop wait;
    QObject::connect(view->runner(), &SweepRunner::finished, &wait, &QEventLoop::quit);
    wait.exec();
    return ExitCode::Cancelled;
}

// Compares saved runs by their place in the list (1 = the oldest), as the runs list numbers them.
bool compareSavedRuns(MainWindow& window, std::pair<int, int> runs)
{
    const RunListModel* model = window.document()->runs();
    const auto idOf = [model](int number) { return number <= model->rowCount() ? model->at(number - 1).id : 0; };
    if (!window.compareRuns(idOf(runs.first), idOf(runs.second))) {
        std::fprintf(stderr, "kapla-studio: cannot compare runs %d and %d: %s\n", runs.first, runs.second,
                     qPrintable(window.statusBar()->currentMessage()));
        return false;
    }
    window.showTab(MainWindow::Tab::Compare);
    return true;
}

// The PE-array view solves the selected layer under the other mapping in the background: the
// screenshot shows that solve, not its "Solving…" placeholder.
void waitForOtherMapping(MainWindow& window, int timeoutSeconds)
{
    PeArrayView* view = window.resultsPanel()->peArrayView();
    if (!view->isSolvingOther())
        return;
    QEventLoop loop;
    QObject::connect(view, &PeArrayView::otherMappingReady, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutSeconds * 1000, &loop, &QEventLoop::quit);
    loop.exec();
}

ExitCode saveScreenshot(MainWindow& window, const QString& out)
{
    window.show();
    QCoreApplication::processEvents();
    QCoreApplication::processEvents();
    if (!window.grab().save(out)) {
        std::fprintf(stderr, "kapla-studio: cannot write the screenshot %s\n", qPrintable(out));
        return ExitCode::InvalidInput;
    }
    return ExitCode::Ok;
}

// Help → Dataflow primer (once its example is solved) or Help → Glossary, as a window of its own.
ExitCode saveHelpScreenshot(MainWindow& window, const std::string& which, const QString& out)
{
    window.show();
    QWidget* shown = nullptr;
    if (which == "primer") {
        PrimerDialog* primer = showPrimer(&window);
        QEventLoop loop;
        QObject::connect(primer, &PrimerDialog::exampleReady, &loop, &QEventLoop::quit);
        QTimer::singleShot(60000, &loop, &QEventLoop::quit);
        if (!primer->exampleRun())
            loop.exec();
        shown = primer;
    } else {
        shown = showGlossary(&window);
    }
    QCoreApplication::processEvents();
    QCoreApplication::processEvents();
    if (!shown->grab().save(out)) {
        std::fprintf(stderr, "kapla-studio: cannot write the screenshot %s\n", qPrintable(out));
        return ExitCode::InvalidInput;
    }
    return ExitCode::Ok;
}

int run(int& argc, char** argv, const StudioArgs& args)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("KAPLA Studio"));
    QApplication::setOrganizationName(QStringLiteral("KAPLA"));
    QApplication::setApplicationDisplayName(QStringLiteral("KAPLA Studio"));
    QApplication::setWindowIcon(applicationIcon());
    // Wayland shells find the window's icon and name through the installed kapla-studio.desktop.
    QApplication::setDesktopFileName(QStringLiteral("kapla-studio"));
    // Screenshots too show the theme the user chose, as the window would.
    applyTheme(savedTheme());

    MainWindow window;
    const QString project = QString::fromLocal8Bit(args.project.c_str());
    if (!args.screenshot.empty()) {
        QStringList errors;
        if (!project.isEmpty() && !window.loadProject(project, &errors)) {
            std::fprintf(stderr, "kapla-studio: cannot open %s\n", qPrintable(project));
            for (const auto& e : errors)
                std::fprintf(stderr, "%s\n", qPrintable(e));
            return exitStatus(ExitCode::InvalidInput);
        }
        const QString model = QString::fromLocal8Bit(args.model.c_str());
        if (!model.isEmpty() && !window.importModel(model, args.skipUnsupported, &errors)) {
            std::fprintf(stderr, "kapla-studio: cannot import %s\n", qPrintable(model));
            for (const auto& e : errors)
                std::fprintf(stderr, "%s\n", qPrintable(e));
            return exitStatus(ExitCode::InvalidInput);
        }
        window.showTab(args.tab.value_or(MainWindow::Tab::Network));
        window.show();
        QCoreApplication::processEvents();
        ExitCode status = ExitCode::Ok;
        if (args.solver)
            status = solveAndWait(window, *args.solver, args.timeoutSeconds);
        if (status == ExitCode::Ok && !args.sweep.empty())
            status = sweepAndWait(window, QString::fromLocal8Bit(args.sweep.c_str()), args.timeoutSeconds);
        if (status == ExitCode::InvalidInput)
            return exitStatus(status);
        // After the solve, so the result views follow the selection too (and an explicit tab
        // wins over the switch to the results that a finished solve makes).
        if (args.compare && !compareSavedRuns(window, *args.compare))
            return exitStatus(ExitCode::InvalidInput);
        if (!args.layer.empty())
            window.networkEditor()->selectLayer(QString::fromStdString(args.layer));
        if (args.tab)
            window.showTab(*args.tab);
        if (args.chart)
            window.resultsPanel()->showTab(*args.chart);
        if (!args.helpWindow.empty()) {
            const ExitCode shot = saveHelpScreenshot(window, args.helpWindow,
                                                     QString::fromLocal8Bit(args.screenshot.c_str()));
            return exitStatus(shot != ExitCode::Ok ? shot : status);
        }
        waitForOtherMapping(window, args.timeoutSeconds);
        const ExitCode shot = saveScreenshot(window, QString::fromLocal8Bit(args.screenshot.c_str()));
        return exitStatus(shot != ExitCode::Ok ? shot : status);
    }
    window.restoreSettings();
    window.showTab(args.tab.value_or(MainWindow::Tab::Network));
    window.show();
    if (!project.isEmpty())
        window.openProject(project);
    else if (args.model.empty())
        QTimer::singleShot(0, &window, &MainWindow::offerUntitledRestore);
    if (!args.model.empty()) {
        const QString model = QString::fromLocal8Bit(args.model.c_str());
        const bool skip = args.skipUnsupported;
        QTimer::singleShot(0, &window, [&window, model, skip] { window.importModelInteractively(model, skip); });
    }
    if (args.solver && !project.isEmpty())
        QTimer::singleShot(0, &window, [&window, &args] { window.solve(*args.solver); });
    if (!args.sweep.empty())
        QTimer::singleShot(0, &window, [&window, &args] {
            QStringList errors;
            if (window.sweepView()->loadSweepFile(QString::fromLocal8Bit(args.sweep.c_str()), &errors))
                window.showTab(MainWindow::Tab::Sweep);
            else
                std::fprintf(stderr, "%s\n", qPrintable(errors.join(QLatin1Char('\n'))));
        });
    return QApplication::exec();
}

} // namespace

int main(int argc, char** argv)
{
    const StudioArgs args = parseArgs(argc, argv);
    if (args.help) {
        std::fputs(kUsage, stdout);
        return exitStatus(ExitCode::Ok);
    }
    if (!args.error.empty()) {
        std::fprintf(stderr, "kapla-studio: %s\n%s", args.error.c_str(), kUsage);
        return exitStatus(ExitCode::InvalidInput);
    }
    if (!displayAvailable(args)) {
        std::fputs("kapla-studio: no display (neither DISPLAY, WAYLAND_DISPLAY nor QT_QPA_PLATFORM is set).\n"
                   "Run it under a virtual X server or with Qt's offscreen platform:\n"
                   "  xvfb-run -a kapla-studio [PROJECT]\n"
                   "  QT_QPA_PLATFORM=offscreen kapla-studio PROJECT --screenshot OUT.png\n",
                   stderr);
        return exitStatus(ExitCode::InvalidInput);
    }
    try {
        return run(argc, argv, args);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "kapla-studio: internal error: %s\n", e.what());
        return exitStatus(ExitCode::InternalError);
    }
}
