#include "views/figure_export.h"

#include "session/qt_text.h"
#include "views/allocation_painter.h"
#include "views/buffer_occupancy_view.h"
#include "views/energy_breakdown_view.h"
#include "views/pipeline_timeline_view.h"
#include "views/qcp.h"

#include "util/file_access.h"

#include <QBuffer>
#include <QDate>
#include <QFile>
#include <QFontMetricsF>
#include <QHashSeed>
#include <QImage>
#include <QPdfWriter>
#ifdef KAPLA_HAVE_SVG
#include <QSvgGenerator>
#endif

#include <algorithm>
#include <cmath>
#include <string>

namespace {

// A figure is written like every other output (kapla::writeFileText: atomically, through links, into
// devices); the error names the path and the reason, or is empty.
QString writeBytes(const QString& path, const QByteArray& bytes)
{
    const kapla::Diagnostics problems = kapla::writeFileText(QFile::encodeName(path).toStdString(),
                                                             std::string(bytes.constData(),
                                                                         static_cast<std::size_t>(bytes.size())));
    return problems.empty() ? QString() : QString::fromStdString(problems.front().format());
}

constexpr double kHeaderHeight = 66;
constexpr double kMargin = 18;

QString summaryText(const kapla::Run& r)
{
    return QStringLiteral("total %1 · %2")
        .arg(toQString(kapla::formatEnergy(r.evaluation->totalCost, r.architecture().energyUnit)),
             toQString(kapla::formatCycles(r.evaluation->totalTime)));
}

// Room per bar (a rotated label's line height) and per timeline row in exported figures.
constexpr double kBarPitch = 28;
constexpr double kRowPitch = 18;
// Beside the bars: the axis and the legend with its per-component totals.
constexpr double kBarChartFrame = 430;
// Above and below the timeline rows: segment labels and the time axis.
constexpr double kTimelineFrame = 110;
// Many segments' meshes: rows of this many panels, each row this tall.
constexpr int kAllocationColumns = 6;
constexpr double kAllocationRowPitch = 190;

void paintHeader(QPainter& p, const kapla::Run& r, FigureKind kind, const ChartStyle& style, double width)
{
    const QRectF area(kMargin, 10, width - 2 * kMargin, kHeaderHeight - 14);
    p.setPen(style.foreground);
    p.setFont(style.title);
    const QFontMetricsF tm(style.title);
    p.drawText(QRectF(area.left(), area.top(), area.width(), tm.height()), Qt::AlignLeft | Qt::AlignVCenter,
               figureTitle(kind));
    p.setFont(style.font);
    p.setPen(style.muted);
    const QFontMetricsF fm(style.font);
    const QRectF sub(area.left(), area.top() + tm.height() + 2, area.width(), fm.height());
    p.drawText(sub, Qt::AlignLeft | Qt::AlignVCenter,
               fm.elidedText(figureDescription(r), Qt::ElideRight, area.width()));
    p.drawText(QRectF(area.left(), area.top(), area.width(), tm.height()), Qt::AlignRight | Qt::AlignVCenter,
               summaryText(r));
    p.setPen(QPen(style.grid, 1));
    p.drawLine(QPointF(kMargin, kHeaderHeight - 2), QPointF(width - kMargin, kHeaderHeight - 2));
}

// "5.53 M" style cycle counts for the small captions of many panels.
QString compactCycles(std::int64_t c)
{
    if (c >= 1000000)
        return QStringLiteral("%1 M cycles").arg(static_cast<double>(c) / 1e6, 0, 'g', 3);
    if (c >= 10000)
        return QStringLiteral("%1 k cycles").arg(static_cast<double>(c) / 1e3, 0, 'g', 3);
    return toQString(kapla::formatCycles(c));
}

// "Segment 1 · 697,837 cycles"; the layers are named in the mesh and the list below it.
QString segmentCaption(const kapla::Run& r, int segment, bool compact)
{
    const auto& seg = r.evaluation->segments[static_cast<std::size_t>(segment)];
    return QStringLiteral("Segment %1 · %2")
        .arg(segment + 1)
        .arg(compact ? compactCycles(seg.time) : toQString(kapla::formatCycles(seg.time)));
}

void paintAllocationLegend(QPainter& p, const QRectF& area, const ChartStyle& style)
{
    p.setFont(style.small);
    p.setPen(style.muted);
    const double y = area.bottom() - 18;
    p.setBrush(style.dram);
    p.setPen(Qt::NoPen);
    p.drawRoundedRect(QRectF(area.left(), y + 5, 16, 7), 1.5, 1.5);
    p.setPen(style.muted);
    p.drawText(QRectF(area.left() + 21, y, area.width() - 21, 18), Qt::AlignLeft | Qt::AlignVCenter,
               QStringLiteral("DRAM channel    white lines: partition blocks (outer level thicker)    "
                              "partition: K out-channels, P fmap, N batch, C in-channels    grey: idle"));
}

// One line per layer under a segment's mesh: colour, name (temporal order), nodes, partition in letters.
void paintLayerList(QPainter& p, const kapla::Run& r, const kapla::SegmentAllocation& alloc, const QRectF& area,
                    const ChartStyle& style)
{
    const QFontMetricsF fm(style.small);
    p.setFont(style.small);
    double y = area.top();
    for (const auto& g : alloc.groups)
        for (const auto& l : g.layers) {
            if (y + fm.height() > area.bottom() + 1)
                return;
            p.setPen(Qt::NoPen);
            p.setBrush(layerColor(l.layer));
            p.drawRect(QRectF(area.left(), y + 2, fm.height() - 4, fm.height() - 4));
            const QString text = QStringLiteral("%1 · %2 · %3")
                                     .arg(toQString(l.name))
                                     .arg(g.region.dim.size())
                                     .arg(toQString(kapla::partitionShortText(
                                         r.evaluation->layers[static_cast<std::size_t>(l.layer)].partition)));
            p.setPen(style.foreground);
            p.drawText(QRectF(area.left() + fm.height(), y, area.width() - fm.height(), fm.height()),
                       Qt::AlignLeft | Qt::AlignVCenter,
                       fm.elidedText(text, Qt::ElideRight, area.width() - fm.height()));
            y += fm.height();
        }
}

void paintAllocationFigure(QPainter& p, const kapla::Run& r, const FigureOptions& options, const ChartStyle& style,
                           const QRectF& area)
{
    const int count = static_cast<int>(r.evaluation->segments.size());
    std::vector<kapla::SegmentAllocation> allocs;
    for (int s = 0; s < count; ++s)
        if (options.segment < 0 || options.segment >= count || s == options.segment)
            allocs.push_back(kapla::allocationData(*r.evaluation, r.project().network, r.architecture(), s));
    const QRectF body = area.adjusted(0, 0, 0, -22);
    const int n = static_cast<int>(allocs.size());
    const double captionH = 22;
    const double lineH = QFontMetricsF(style.small).height();
    std::size_t listLines = 0; // the longest layer list of a panel
    for (const auto& a : allocs) {
        std::size_t lines = 0;
        for (const auto& g : a.groups)
            lines += g.layers.size();
        listLines = std::max(listLines, lines);
    }
    const kapla::PhyDim2 mesh = r.architecture().nodes;
    // The grid (and whether the layer lists fit) that gives the largest nodes.
    int cols = 1;
    bool lists = false;
    double best = 0;
    for (int c = 1; c <= std::max(1, n); ++c)
        for (const bool withList : {true, false}) {
            const int rows = (n + c - 1) / c;
            const double h = body.height() / rows - captionH - (withList ? lineH * listLines + 6 : 0);
            const double cell = std::min(body.width() / c / (mesh.w + 0.5), h / (mesh.h + 0.5));
            if (cell > best * 1.15 || (cell > best * 0.85 && withList && !lists)) {
                best = cell;
                cols = c;
                lists = withList;
            }
        }
    const int rows = std::max(1, (n + cols - 1) / cols);
    const QSizeF panel(body.width() / cols, body.height() / rows);
    const QFontMetricsF fm(style.font);
    for (int i = 0; i < n; ++i) {
        const QRectF cell(body.left() + (i % cols) * panel.width(), body.top() + (i / cols) * panel.height(),
                          panel.width(), panel.height());
        p.setFont(style.font);
        p.setPen(style.foreground);
        p.drawText(QRectF(cell.left() + 4, cell.top(), cell.width() - 8, captionH), Qt::AlignHCenter | Qt::AlignVCenter,
                   fm.elidedText(segmentCaption(r, allocs[static_cast<std::size_t>(i)].segment, n > 1), Qt::ElideMiddle,
                                 cell.width() - 8));
        // The mesh and its layer list as one block, centred in the panel below the caption.
        const double listH = lists ? lineH * static_cast<double>(listLines) + 6 : 0;
        const QRectF free = cell.adjusted(6, captionH, -6, -6);
        const double meshH = std::min(free.height() - listH, free.width() * (mesh.h + 0.5) / (mesh.w + 0.5));
        const double top = free.top() + (free.height() - listH - meshH) / 2;
        const QRectF meshArea(free.left(), top, free.width(), meshH);
        paintAllocation(p, meshArea, allocs[static_cast<std::size_t>(i)], AllocationPaintOptions{style, -1, true, {}});
        if (lists) {
            const MeshGeometry g = meshGeometry(meshArea, mesh);
            const double left = std::max(cell.left() + 8, g.mesh.left());
            paintLayerList(p, r, allocs[static_cast<std::size_t>(i)],
                           QRectF(left, meshArea.bottom() + 6, cell.right() - 8 - left, listH - 6), style);
        }
    }
    paintAllocationLegend(p, area, style);
}

QString writePng(const PaintedFigure& f, const QString& path)
{
    QImage image(f.size * kFigurePngScale, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(kFigurePngScale);
    image.setDotsPerMeterX(3780 * kFigurePngScale);
    image.setDotsPerMeterY(3780 * kFigurePngScale);
    image.fill(Qt::white);
    {
        QCPPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing, true);
        painter.setRenderHint(QPainter::TextAntialiasing, true);
        painter.setMode(QCPPainter::pmNoCaching);
        f.paint(painter);
    }
    image.setText(QStringLiteral("Title"), f.title);
    image.setText(QStringLiteral("Description"), f.description);
    image.setText(QStringLiteral("Software"), QStringLiteral("KAPLA Studio"));
    image.setText(QStringLiteral("Creation Time"), f.day);
    image.setText(QStringLiteral("Solver"), f.solver);
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    if (!image.save(&buffer, "PNG"))
        return QStringLiteral("%1: cannot encode the PNG image").arg(path);
    return writeBytes(path, png);
}

// Qt stamps the PDF with the current time; the run's date in its place (same length, so the
// cross-reference offsets stay valid) makes the file a function of the result alone.
void stampPdfDate(QByteArray& pdf, const std::string& date)
{
    const QDate d = QDate::fromString(toQString(date), Qt::ISODate);
    const QByteArray key("/CreationDate (D:");
    const qsizetype at = pdf.indexOf(key);
    if (!d.isValid() || at < 0 || at + key.size() + 14 > pdf.size())
        return;
    pdf.replace(at + key.size(), 14, d.toString(QStringLiteral("yyyyMMdd")).toLatin1() + "000000");
}

QString writePdf(const PaintedFigure& f, const QString& path)
{
    QByteArray pdf;
    {
        // Qt's PDF engine writes its fonts in QHash order: a fixed seed while it exists keeps the file
        // the same from run to run (hashes made meanwhile elsewhere merely get a fixed seed too).
        struct DeterministicHashes {
            DeterministicHashes() { QHashSeed::setDeterministicGlobalSeed(); }
            ~DeterministicHashes() { QHashSeed::resetRandomGlobalSeed(); }
        } deterministic;
        QBuffer buffer(&pdf);
        buffer.open(QIODevice::WriteOnly);
        QPdfWriter writer(&buffer);
        writer.setPageSize(QPageSize(QSizeF(f.size), QPageSize::Point, QString(), QPageSize::ExactMatch));
        writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout::Point);
        writer.setResolution(72);
        writer.setTitle(QStringLiteral("%1 — %2").arg(f.pdfTitle, f.description));
        writer.setCreator(QStringLiteral("KAPLA Studio (solver %1, %2)").arg(f.solver, f.day));
        QCPPainter painter(&writer);
        painter.setMode(QCPPainter::pmVectorized);
        painter.setMode(QCPPainter::pmNoCaching);
        f.paint(painter);
    }
    stampPdfDate(pdf, f.day.toStdString());
    return writeBytes(path, pdf);
}

QString writeSvg(const PaintedFigure& f, const QString& path)
{
#ifdef KAPLA_HAVE_SVG
    QByteArray text;
    QBuffer buffer(&text);
    buffer.open(QIODevice::WriteOnly);
    {
        QSvgGenerator svg;
        svg.setOutputDevice(&buffer);
        svg.setSize(f.size);
        svg.setViewBox(QRect(QPoint(0, 0), f.size));
        svg.setResolution(96);
        svg.setTitle(f.title);
        svg.setDescription(f.description);
        QCPPainter painter(&svg);
        painter.setMode(QCPPainter::pmVectorized);
        painter.setMode(QCPPainter::pmNoCaching);
        f.paint(painter);
    }
    return writeBytes(path, text);
#else
    Q_UNUSED(f)
    return QStringLiteral("%1: this build has no SVG support (Qt6::Svg was not found)").arg(path);
#endif
}

} // namespace

void paintPlot(QCPPainter& p, QCustomPlot& plot, const QRectF& area)
{
    // One layout at the final size first: labels thinned to the pixels they get need it.
    plot.setViewport(QRect(0, 0, static_cast<int>(area.width()), static_cast<int>(area.height())));
    plot.replot(QCustomPlot::rpImmediateRefresh);
    p.save();
    p.translate(area.topLeft());
    plot.toPainter(&p, static_cast<int>(area.width()), static_cast<int>(area.height()));
    p.restore();
}

std::optional<FigureKind> figureKindFromName(const QString& name)
{
    for (const FigureKind k : {FigureKind::Energy, FigureKind::Occupancy, FigureKind::Allocation, FigureKind::Timeline})
        if (name.compare(figureKindName(k), Qt::CaseInsensitive) == 0)
            return k;
    return std::nullopt;
}

QString figureKindName(FigureKind kind)
{
    switch (kind) {
    case FigureKind::Energy: return QStringLiteral("energy");
    case FigureKind::Occupancy: return QStringLiteral("occupancy");
    case FigureKind::Allocation: return QStringLiteral("allocation");
    case FigureKind::Timeline: return QStringLiteral("timeline");
    }
    return {};
}

std::optional<FigureFormat> figureFormatFromName(const QString& name)
{
    const QString n = name.toLower();
    if (n == QLatin1String("png"))
        return FigureFormat::Png;
    if (n == QLatin1String("pdf"))
        return FigureFormat::Pdf;
    if (n == QLatin1String("svg"))
        return FigureFormat::Svg;
    return std::nullopt;
}

QString figureTitle(FigureKind kind)
{
    switch (kind) {
    case FigureKind::Energy: return QStringLiteral("Energy per layer");
    case FigureKind::Occupancy: return QStringLiteral("Buffer occupancy per layer");
    case FigureKind::Allocation: return QStringLiteral("Node allocation per segment");
    case FigureKind::Timeline: return QStringLiteral("Pipeline timeline");
    }
    return {};
}

QString figureDescription(const kapla::Run& r)
{
    QStringList parts;
    if (!r.project().name.empty())
        parts << toQString(r.project().name);
    if (r.project().name.find(r.evaluation->network) == std::string::npos)
        parts << QStringLiteral("%1, batch %2").arg(toQString(r.evaluation->network)).arg(r.evaluation->batch);
    parts << QStringLiteral("%1 mesh").arg(toQString(r.architecture().nodes.toString()));
    parts << QStringLiteral("solver %1").arg(toQString(r.solverName()));
    if (!r.day().empty())
        parts << toQString(r.day());
    return parts.join(QStringLiteral(" · "));
}

QSize figureSize(const kapla::Run& r, FigureKind kind, const FigureOptions& options)
{
    const auto layers = static_cast<double>(r.evaluation->layers.size());
    switch (kind) {
    case FigureKind::Energy:
    case FigureKind::Occupancy:
        return {std::max(kFigureWidth, static_cast<int>(std::ceil(layers * kBarPitch + kBarChartFrame))),
                kFigureHeight};
    case FigureKind::Timeline:
        return {kFigureWidth, std::max(kFigureHeight, static_cast<int>(std::ceil(kHeaderHeight + kTimelineFrame
                                                                                 + layers * kRowPitch)))};
    case FigureKind::Allocation: {
        const auto segments = static_cast<int>(r.evaluation->segments.size());
        const bool all = options.segment < 0 || options.segment >= segments;
        const int rows = all ? (segments + kAllocationColumns - 1) / kAllocationColumns : 1;
        return {kFigureWidth,
                std::max(kFigureHeight, static_cast<int>(kHeaderHeight + 40 + rows * kAllocationRowPitch))};
    }
    }
    return {kFigureWidth, kFigureHeight};
}

void paintFigure(QCPPainter& painter, const kapla::Run& r, FigureKind kind, const FigureOptions& options)
{
    const ChartStyle style = printChartStyle();
    const QSize size = figureSize(r, kind, options);
    painter.fillRect(QRectF(QPointF(0, 0), QSizeF(size)), style.background);
    paintHeader(painter, r, kind, style, size.width());
    const QRectF area(kMargin / 2, kHeaderHeight + 4, size.width() - kMargin, size.height() - kHeaderHeight - 10);
    if (kind == FigureKind::Allocation) {
        paintAllocationFigure(painter, r, options, style, area);
        return;
    }
    QCustomPlot plot;
    plot.resize(static_cast<int>(area.width()), static_cast<int>(area.height()));
    switch (kind) {
    case FigureKind::Energy:
        buildEnergyPlot(plot, kapla::energyChartData(*r.evaluation, r.architecture().energyUnit, options.percent),
                        style);
        break;
    case FigureKind::Occupancy: buildOccupancyPlot(plot, kapla::occupancyChartData(*r.evaluation), style); break;
    case FigureKind::Timeline: buildTimelinePlot(plot, kapla::timelineData(*r.evaluation), style); break;
    case FigureKind::Allocation: break;
    }
    paintPlot(painter, plot, area);
}

QString exportFigure(const kapla::Run& r, FigureKind kind, FigureFormat format, const QString& path,
                     const FigureOptions& options)
{
    PaintedFigure figure;
    figure.title = QStringLiteral("%1 — %2").arg(figureTitle(kind), toQString(r.project().name));
    figure.pdfTitle = figureTitle(kind);
    figure.description = figureDescription(r);
    figure.day = toQString(r.day());
    figure.solver = toQString(r.solverName());
    figure.size = figureSize(r, kind, options);
    figure.paint = [&](QCPPainter& painter) { paintFigure(painter, r, kind, options); };
    return exportPaintedFigure(figure, format, path);
}

QString exportPaintedFigure(const PaintedFigure& figure, FigureFormat format, const QString& path)
{
    switch (format) {
    case FigureFormat::Png: return writePng(figure, path);
    case FigureFormat::Pdf: return writePdf(figure, path);
    case FigureFormat::Svg: return writeSvg(figure, path);
    }
    return QStringLiteral("unknown figure format");
}
