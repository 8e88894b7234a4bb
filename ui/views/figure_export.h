#pragma once
// Exported figures: every chart rendered at a fixed size in print style to PNG, PDF or SVG, with the
// project name, solver and date in the file's metadata. The GUI and `kapla export` both call this.

#include "run/run.h"

#include <QSize>
#include <QString>

#include <functional>
#include <optional>

class QCPPainter;
class QCustomPlot;
class QRectF;

enum class FigureKind { Energy, Occupancy, Allocation, Timeline };
enum class FigureFormat { Png, Pdf, Svg };

/// Smallest logical figure size: pixels in SVG, points in PDF; PNGs have kFigurePngScale times more
/// pixels. Figures of big networks grow (figureSize) so that every layer keeps a readable label.
inline constexpr int kFigureWidth = 1000;
inline constexpr int kFigureHeight = 560;
inline constexpr int kFigurePngScale = 2;

/// Keywords: energy, occupancy, allocation, timeline.
std::optional<FigureKind> figureKindFromName(const QString& name);
QString figureKindName(FigureKind kind);
/// Keywords: png, pdf, svg.
std::optional<FigureFormat> figureFormatFromName(const QString& name);

/// Choices that change a figure.
struct FigureOptions {
    bool percent = false; ///< energy: bars normalised to 100 % per layer
    int segment = -1;     ///< allocation: one segment (0-based), or every segment side by side (-1)
};

/// The figure's title, e.g. "Energy per layer".
QString figureTitle(FigureKind kind);
/// "project · network, batch · solver · date": the line under the title and the metadata text.
QString figureDescription(const kapla::Run& result);

/// The logical size of a figure: at least kFigureWidth × kFigureHeight, wider for many layers per bar
/// chart, taller for many timeline rows or allocation panels.
QSize figureSize(const kapla::Run& result, FigureKind kind, const FigureOptions& options);

/// Paints a plot into `area` of a figure, laid out once at that size first (labels thinned to the
/// pixels they get need it).
void paintPlot(QCPPainter& painter, QCustomPlot& plot, const QRectF& area);

/// Paints a figure (header and chart) on a painter whose device is figureSize() large.
void paintFigure(QCPPainter& painter, const kapla::Run& result, FigureKind kind, const FigureOptions& options);

/// A figure of any kind: what its file says about it, and how it is painted on a painter whose
/// device is `size` large.
struct PaintedFigure {
    QString title;       ///< PNG and SVG title
    QString pdfTitle;    ///< PDF title, before " — " and the description
    QString description; ///< metadata text
    QString day;         ///< ISO 8601 date (PNG creation time, the PDF's date)
    QString solver;
    QSize size{kFigureWidth, kFigureHeight}; ///< page size in points (pixels before kFigurePngScale)
    std::function<void(QCPPainter&)> paint;
};

/// Writes a painted figure as PNG (at kFigurePngScale), PDF or SVG; an error message, empty on success.
QString exportPaintedFigure(const PaintedFigure& figure, FigureFormat format, const QString& path);

/// Writes a figure file; returns an error message, empty on success.
QString exportFigure(const kapla::Run& result, FigureKind kind, FigureFormat format, const QString& path,
                     const FigureOptions& options = {});
