// kapla-export: writes result figures (PNG/PDF/SVG) and schedule files (YAML/JSON/CSV) without a
// display. `kapla export` runs it; the GUI's export writes the same files through the same functions.

#include "cli/export_usage.h"

#include "session/result_export.h"
#include "views/figure_export.h"

#include "cost/evaluator.h"
#include "io/project_file.h"
#include "io/project_io.h"
#include "io/schedule_io.h"
#include "run/run.h"
#include "solve/solver.h"

#include <QApplication>
#include <QDate>

#include <cstdio>
#include <exception>
#include <stop_token>
#include <string>
#include <string_view>

#include <unistd.h>

namespace {

enum Exit : int { Ok = 0, InvalidInput = 1, NoSchedule = 2, Cancelled = 3, InternalError = 4 };

struct ExportArgs {
    std::string project, schedule, solver, figure, format, out, date, solverLabel;
    int run = 0;
    int segment = 0; // 1-based; 0 = all
    bool percent = false;
    bool help = false;
    std::string error;
};

bool takeInt(std::string_view text, int& out)
{
    try {
        std::size_t used = 0;
        out = std::stoi(std::string(text), &used);
        return used == text.size() && out > 0;
    } catch (const std::exception&) {
        return false;
    }
}

ExportArgs parseArgs(int argc, char** argv)
{
    ExportArgs a;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        const bool hasValue = i + 1 < argc;
        if (arg == "-h" || arg == "--help")
            a.help = true;
        else if (arg == "--percent")
            a.percent = true;
        else if (hasValue && arg == "--schedule")
            a.schedule = argv[++i];
        else if (hasValue && arg == "--solve")
            a.solver = argv[++i];
        else if (hasValue && arg == "--figure")
            a.figure = argv[++i];
        else if (hasValue && arg == "--format")
            a.format = argv[++i];
        else if (hasValue && arg == "--out")
            a.out = argv[++i];
        else if (hasValue && arg == "--date")
            a.date = argv[++i];
        else if (hasValue && arg == "--solver-label")
            a.solverLabel = argv[++i];
        else if (hasValue && arg == "--run") {
            if (!takeInt(argv[++i], a.run))
                a.error = "--run needs a positive run number";
        } else if (hasValue && arg == "--segment") {
            if (!takeInt(argv[++i], a.segment))
                a.error = "--segment needs a positive segment number";
        } else if (!arg.starts_with('-') && a.project.empty())
            a.project = arg;
        else
            a.error = "unexpected argument '" + std::string(arg) + "'";
    }
    const int sources = !a.schedule.empty() + !a.solver.empty() + (a.run > 0);
    if (a.error.empty() && !a.help) {
        if (a.project.empty())
            a.error = "no project file given";
        else if (sources != 1)
            a.error = "give exactly one of --schedule, --solve and --run";
        else if (a.format.empty() || a.out.empty())
            a.error = "--format and --out are required";
    }
    return a;
}

void printDiagnostics(const kapla::Diagnostics& diags)
{
    for (const auto& d : diags)
        std::fprintf(stderr, "%s\n", d.format().c_str());
}

// The result to export, or an exit code.
struct Loaded {
    kapla::RunPtr result;
    int exit = Ok;
};

Loaded solveProject(kapla::Project project, const ExportArgs& a, const std::string& date)
{
    const auto kind = kapla::solverFromKeyword(a.solver);
    if (!kind) {
        std::fprintf(stderr, "kapla export: unknown solver '%s' (kapla, exhaustive, random, ml)\n", a.solver.c_str());
        return {nullptr, InvalidInput};
    }
    project.options.solver = *kind;
    std::stop_source stop;
    const kapla::SolveResult solved = kapla::solve(project, {}, stop.get_token());
    if (solved.schedule && solved.evaluation)
        if (auto resolved = kapla::ResolvedProject::resolve(project))
            return {kapla::makeRun(std::move(resolved).value(), solved, date), Ok};
    printDiagnostics(solved.diagnostics);
    std::fprintf(stderr, "kapla export: %s\n", solved.message.c_str());
    switch (solved.termination) {
    case kapla::Termination::NoSchedule: return {nullptr, NoSchedule};
    case kapla::Termination::Cancelled: return {nullptr, Cancelled};
    default: return {nullptr, solved.diagnostics.empty() ? InternalError : InvalidInput};
    }
}

Loaded savedRun(const ExportArgs& a)
{
    kapla::Diagnostics warnings;
    const auto file = kapla::io::loadProjectWithRuns(a.project, &warnings);
    printDiagnostics(warnings);
    if (!file) {
        printDiagnostics(file.diagnostics());
        return {nullptr, InvalidInput};
    }
    const auto count = static_cast<int>(file->runs.size());
    if (a.run > count) {
        const std::string range = count == 0 ? "it keeps no runs (save a solved project from KAPLA Studio)"
            : count == 1                     ? "it keeps 1 run (--run 1)"
                                             : "it keeps " + std::to_string(count) + " runs (--run 1 to " + std::to_string(count) + ")";
        std::fprintf(stderr, "kapla export: %s has no saved run %d; %s\n", a.project.c_str(), a.run, range.c_str());
        return {nullptr, InvalidInput};
    }
    const kapla::RunPtr& run = file->runs[static_cast<std::size_t>(a.run - 1)];
    if (!run->hasResult()) {
        const std::string why = run->schedule ? "its schedule no longer evaluates"
                                              : "it has no schedule (it ended " + std::string(kapla::terminationKeyword(run->termination)) + ")";
        std::fprintf(stderr, "kapla export: run %d of %s: %s\n", a.run, a.project.c_str(), why.c_str());
        return {nullptr, NoSchedule};
    }
    if (a.date.empty())
        return {run, Ok};
    auto dated = std::make_shared<kapla::Run>(*run);
    dated->date = a.date;
    return {dated, Ok};
}

Loaded load(const ExportArgs& a, const std::string& date)
{
    if (a.run > 0)
        return savedRun(a);
    kapla::Diagnostics warnings;
    const auto project = kapla::io::loadProjectFile(a.project, &warnings);
    printDiagnostics(warnings);
    if (!project) {
        printDiagnostics(project.diagnostics());
        return {nullptr, InvalidInput};
    }
    auto resolved = kapla::ResolvedProject::resolve(project.value());
    if (!resolved) {
        printDiagnostics(resolved.diagnostics());
        return {nullptr, InvalidInput};
    }
    if (!a.solver.empty())
        return solveProject(project.value(), a, date);
    const auto schedule = kapla::io::loadScheduleFile(a.schedule);
    if (!schedule) {
        printDiagnostics(schedule.diagnostics());
        return {nullptr, InvalidInput};
    }
    auto eval = kapla::evaluateSchedule(resolved.value(), schedule.value());
    if (!eval) {
        std::fprintf(stderr, "%s: the schedule does not fit %s:\n", a.schedule.c_str(), a.project.c_str());
        for (const auto& d : eval.diagnostics())
            std::fprintf(stderr, "  %s\n", d.message.c_str());
        return {nullptr, NoSchedule};
    }
    return {kapla::makeGivenRun(std::move(resolved).value(), schedule.value(), std::move(eval).value(), date, a.solverLabel), Ok};
}

int writeOutput(const kapla::Run& result, const ExportArgs& a)
{
    const QString out = QString::fromStdString(a.out);
    const QString format = QString::fromStdString(a.format);
    QString error;
    if (!a.figure.empty()) {
        const auto kind = figureKindFromName(QString::fromStdString(a.figure));
        const auto fmt = figureFormatFromName(format);
        if (!kind || !fmt) {
            std::fprintf(stderr, "kapla export: %s\n", !kind ? "--figure is energy, occupancy, allocation or timeline"
                                                             : "figures are written as png, pdf or svg");
            return InvalidInput;
        }
        if (a.segment > static_cast<int>(result.evaluation->segments.size())) {
            std::fprintf(stderr, "kapla export: the schedule has %zu segments\n", result.evaluation->segments.size());
            return InvalidInput;
        }
        error = exportFigure(result, *kind, *fmt, out, {a.percent, a.segment - 1});
    } else {
        const auto fmt = scheduleFormatFromName(format);
        if (!fmt) {
            std::fprintf(stderr, "kapla export: without --figure, --format is yaml, json or csv\n");
            return InvalidInput;
        }
        error = exportSchedule(result, *fmt, out);
    }
    if (!error.isEmpty()) {
        std::fprintf(stderr, "kapla export: %s\n", qPrintable(error));
        return InvalidInput;
    }
    return Ok;
}

} // namespace

int main(int argc, char** argv)
{
    const ExportArgs args = parseArgs(argc, argv);
    if (args.help) {
        std::fputs(kapla::cli::kExportUsage, stdout);
        return Ok;
    }
    if (!args.error.empty()) {
        std::fprintf(stderr, "kapla export: %s\n%s", args.error.c_str(), kapla::cli::kExportUsage);
        return InvalidInput;
    }
    // Figures never need a display, and offscreen rendering is the same on every machine.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    if (qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR")) // else Qt warns on every run; it creates the directory 0700
        qputenv("XDG_RUNTIME_DIR", QByteArray("/tmp/kapla-runtime-") + QByteArray::number(static_cast<qulonglong>(::getuid())));
    try {
        QApplication app(argc, argv);
        const std::string date = args.date.empty() ? QDate::currentDate().toString(Qt::ISODate).toStdString() : args.date;
        const Loaded loaded = load(args, date);
        if (!loaded.result)
            return loaded.exit;
        return writeOutput(*loaded.result, args);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "kapla export: internal error: %s\n", e.what());
        return InternalError;
    }
}
