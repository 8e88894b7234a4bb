// `kapla compare --figure` in a GUI build: the figure drawn by the same code as the window's compare view.

#include "cli/compare_figure.h"
#include "cli/headless_qt.h"

#include "views/compare_chart.h"
#include "views/figure_export.h"

#include <QFileInfo>
#include <QString>

#include <iostream>

namespace kapla::cli {

ExitCode writeComparisonFigure(const RunComparison& comparison, const std::string& description, const std::string& day,
                               const std::string& path)
{
    const QString out = QString::fromStdString(path);
    const auto format = figureFormatFromName(QFileInfo(out).suffix());
    if (!format) {
        std::cerr << "kapla compare: --figure " << path << ": the extension names no figure format; expected .png, "
                  << ".pdf or .svg\n";
        return ExitCode::InvalidInput;
    }
    const HeadlessApp app;
    const QString error = exportPaintedFigure(comparisonFigure(comparison, QString::fromStdString(description),
                                                               QString::fromStdString(day)),
                                              *format, out);
    if (error.isEmpty())
        return ExitCode::Ok;
    std::cerr << "kapla compare: " << error.toStdString() << '\n';
    return ExitCode::InvalidInput;
}

} // namespace kapla::cli
