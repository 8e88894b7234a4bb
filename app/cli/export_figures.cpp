// `kapla export` in a GUI build: figures (PNG/PDF/SVG) and schedule files (YAML/JSON/CSV) written
// through the same functions as the GUI's export, so both write the same files.

#include "cli/cli_sweep.h"
#include "cli/export_request.h"
#include "cli/export_source.h"
#include "cli/headless_qt.h"

#include "run/run.h"
#include "session/result_export.h"
#include "views/figure_export.h"
#include "views/sweep_figure.h"

#include <QDate>
#include <QString>

#include <exception>
#include <iostream>
#include <string>

namespace kapla::cli {

namespace {

// Ok for an empty error message; else the message goes to stderr.
ExitCode written(const QString& error)
{
    if (error.isEmpty())
        return ExitCode::Ok;
    std::cerr << "kapla export: " << error.toStdString() << '\n';
    return ExitCode::InvalidInput;
}

ExitCode writeFigure(const Run& result, const ExportRequest& r)
{
    const auto kind = figureKindFromName(QString::fromStdString(r.figure));
    const auto format = figureFormatFromName(QString::fromStdString(r.format));
    if (!kind || !format) {
        std::cerr << "kapla export: "
                  << (!kind ? "--figure is energy, occupancy, allocation or timeline"
                            : "figures are written as png, pdf or svg")
                  << '\n';
        return ExitCode::InvalidInput;
    }
    if (r.segment > static_cast<int>(result.evaluation->segments.size())) {
        std::cerr << "kapla export: the schedule has " << result.evaluation->segments.size() << " segments\n";
        return ExitCode::InvalidInput;
    }
    return written(exportFigure(result, *kind, *format, QString::fromStdString(r.out), {r.percent, r.segment - 1}));
}

ExitCode writeSchedule(const Run& result, const ExportRequest& r)
{
    const auto format = scheduleFormatFromName(QString::fromStdString(r.format));
    if (!format) {
        std::cerr << "kapla export: without --figure, --format is yaml, json or csv\n";
        return ExitCode::InvalidInput;
    }
    return written(exportSchedule(result, *format, QString::fromStdString(r.out)));
}

} // namespace

ExitCode exportResult(const ExportRequest& request)
{
    try {
        const HeadlessApp app;
        const ExportSource source = loadExportSource(request, QDate::currentDate().toString(Qt::ISODate).toStdString());
        if (!source.result)
            return source.exit;
        return request.figure.empty() ? writeSchedule(*source.result, request) : writeFigure(*source.result, request);
    } catch (const std::exception& e) {
        std::cerr << "kapla export: internal error: " << e.what() << '\n';
        return ExitCode::InternalError;
    }
}

ExitCode plotSweep(const SweepTable& table, const std::string& figure, const std::string& out)
{
    const auto kind = sweepFigureKindFromName(QString::fromStdString(figure));
    if (!kind) {
        std::cerr << "kapla sweep: --figure is parameter, heatmap, pareto-time, pareto-pes or pareto-sram, got '"
                  << figure << "'\n";
        return ExitCode::InvalidInput;
    }
    const HeadlessApp app;
    const QString error = exportSweepFigure(table, *kind, QString::fromStdString(out));
    if (error.isEmpty())
        return ExitCode::Ok;
    std::cerr << "kapla sweep: " << error.toStdString() << '\n';
    return ExitCode::InvalidInput;
}

} // namespace kapla::cli
