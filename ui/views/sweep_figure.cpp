#include "views/sweep_figure.h"

#include "util/file_access.h"
#include "views/qcp.h"

#include <QBuffer>
#include <QPdfWriter>
#include <QPixmap>
#ifdef KAPLA_HAVE_SVG
#include <QSvgGenerator>
#endif

#include <algorithm>
#include <cmath>
#include <limits>

namespace {

constexpr int kWidth = 1000;
constexpr int kHeight = 560;
constexpr int kPngScale = 2;

QString toQString(const std::string& s) { return QString::fromStdString(s); }

void addTitle(QCustomPlot& plot, const QString& title, const ChartStyle& style)
{
    plot.plotLayout()->insertRow(0);
    plot.plotLayout()->addElement(0, 0, new QCPTextElement(&plot, title, style.title));
}

QCPGraph* addSeries(QCustomPlot& plot, QCPAxis* value, const QColor& color, QCPScatterStyle::ScatterShape shape,
                    bool line)
{
    QCPGraph* g = plot.addGraph(plot.xAxis, value);
    g->setPen(QPen(color, 2));
    g->setLineStyle(line ? QCPGraph::lsLine : QCPGraph::lsNone);
    g->setScatterStyle(QCPScatterStyle(shape, color, line ? color : QColor(Qt::white), 7));
    return g;
}

// Energy (left axis) and time (right axis) against the one swept parameter, one category per point.
QString buildParameterPlot(QCustomPlot& plot, const kapla::SweepTable& t, const ChartStyle& style)
{
    if (t.parameters.size() != 1)
        return QStringLiteral("the parameter figure needs a sweep of one parameter; this one has %1 (draw a Pareto "
                              "figure instead)")
            .arg(t.parameters.size());
    std::vector<std::string> labels;
    QVector<double> keys, energy, time;
    for (const kapla::SweepRow& r : t.rows) {
        labels.push_back(r.values.front());
        if (r.status != kapla::PointStatus::Ok)
            continue;
        keys << static_cast<double>(labels.size() - 1);
        energy << r.energy;
        time << static_cast<double>(r.time);
    }
    addSeries(plot, plot.yAxis, energyComponentColor(1), QCPScatterStyle::ssCircle, true)->setData(keys, energy);
    addSeries(plot, plot.yAxis2, categoryColor(2), QCPScatterStyle::ssSquare, true)->setData(keys, time);
    plot.graph(0)->setName(QStringLiteral("energy (%1)").arg(toQString(t.energyUnit)));
    plot.graph(1)->setName(QStringLiteral("time (cycles)"));
    setCategoryTicks(plot.xAxis, labels, style);
    plot.xAxis->setLabel(toQString(t.parameters.front()));
    plot.yAxis->setLabel(QStringLiteral("energy (%1)").arg(toQString(t.energyUnit)));
    plot.yAxis2->setLabel(QStringLiteral("time (cycles)"));
    plot.yAxis2->setVisible(true);
    plot.rescaleAxes();
    plot.xAxis->setRange(-0.5, static_cast<double>(labels.size()) - 0.5);
    for (QCPAxis* axis : {plot.yAxis, plot.yAxis2}) {
        const QCPRange r = axis->range();
        axis->setRange(r.lower - 0.05 * r.size(), r.upper + 0.05 * r.size());
    }
    plot.legend->setVisible(true);
    return {};
}

int positionOf(const std::vector<std::string>& values, const std::string& v)
{
    return static_cast<int>(std::find(values.begin(), values.end(), v) - values.begin());
}

// Each cell's energy written in it (light text on the dark half of the gradient), or why it has none,
// while the cells are few enough to hold the text.
void labelCells(QCustomPlot& plot, const QCPColorMap& map, const kapla::SweepTable& t,
                const std::vector<std::string>& xs, const std::vector<std::string>& ys, const ChartStyle& style)
{
    constexpr std::size_t kMostLabelledCells = 64;
    if (xs.size() * ys.size() > kMostLabelledCells)
        return;
    const QCPRange range = map.dataRange();
    for (const kapla::SweepRow& r : t.rows) {
        auto* label = new QCPItemText(&plot);
        label->position->setCoords(positionOf(xs, r.values[0]), positionOf(ys, r.values[1]));
        label->setFont(style.small);
        if (r.status == kapla::PointStatus::Ok) {
            const double shade = range.size() > 0 ? (r.energy - range.lower) / range.size() : 0;
            label->setText(QString::number(r.energy, 'g', 4));
            label->setColor(shade < 0.6 ? QColor(Qt::white) : QColor(Qt::black));
        } else {
            label->setText(toQString(std::string(kapla::pointStatusKeyword(r.status))));
            label->setColor(style.muted);
        }
    }
}

// Energy over a grid of two parameters, one cell per point; cells without a schedule stay empty.
QString buildHeatMap(QCustomPlot& plot, const kapla::SweepTable& t, const ChartStyle& style)
{
    if (t.parameters.size() != 2)
        return QStringLiteral("the heat map needs a sweep of two parameters; this one has %1").arg(t.parameters.size());
    if (t.rows.empty())
        return QStringLiteral("no point of the sweep has finished");
    const std::vector<std::string> xs = sweepAxisValues(t, 0), ys = sweepAxisValues(t, 1);
    auto* map = new QCPColorMap(plot.xAxis, plot.yAxis);
    map->data()->setSize(static_cast<int>(xs.size()), static_cast<int>(ys.size()));
    map->data()->setRange(QCPRange(0, static_cast<double>(xs.size()) - 1),
                          QCPRange(0, static_cast<double>(ys.size()) - 1));
    map->data()->fill(std::numeric_limits<double>::quiet_NaN());
    for (const kapla::SweepRow& r : t.rows)
        if (r.status == kapla::PointStatus::Ok)
            map->data()->setCell(positionOf(xs, r.values[0]), positionOf(ys, r.values[1]), r.energy);
    auto* scale = new QCPColorScale(&plot);
    plot.plotLayout()->addElement(plot.plotLayout()->rowCount() - 1, 1, scale);
    scale->setType(QCPAxis::atRight);
    scale->axis()->setLabel(QStringLiteral("energy (%1)").arg(toQString(t.energyUnit)));
    scale->axis()->setLabelFont(style.font);
    scale->axis()->setTickLabelFont(style.small);
    // The map takes the scale's gradient and range when joined to it: join first, then set them.
    map->setColorScale(scale);
    // Viridis: ordered in lightness and readable for colour-blind readers and in grey print.
    QCPColorGradient gradient;
    gradient.setColorStops({{0.0, QColor(68, 1, 84)},
                            {0.25, QColor(59, 82, 139)},
                            {0.5, QColor(33, 145, 140)},
                            {0.75, QColor(94, 201, 98)},
                            {1.0, QColor(253, 231, 37)}});
    gradient.setNanHandling(QCPColorGradient::nhTransparent);
    map->setGradient(gradient);
    map->setInterpolate(false);
    map->rescaleDataRange(true);
    labelCells(plot, *map, t, xs, ys, style);
    auto* margins = new QCPMarginGroup(&plot);
    plot.axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    scale->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    setCategoryTicks(plot.xAxis, xs, style);
    setCategoryTicks(plot.yAxis, ys, style);
    plot.xAxis->setLabel(toQString(t.parameters[0]));
    plot.yAxis->setLabel(toQString(t.parameters[1]));
    plot.xAxis->setRange(-0.5, static_cast<double>(xs.size()) - 0.5);
    plot.yAxis->setRange(-0.5, static_cast<double>(ys.size()) - 0.5);
    return {};
}

// Every solved point, and the front of energy against `axis` joined by a line, its points named.
QString buildParetoPlot(QCustomPlot& plot, const kapla::SweepTable& t, kapla::ParetoAxis axis, const ChartStyle& style)
{
    QVector<double> xs, ys, fx, fy;
    std::vector<QCPItemText*> labels;
    for (const kapla::SweepRow& r : t.rows)
        if (r.status == kapla::PointStatus::Ok) {
            xs << kapla::paretoCost(r, axis);
            ys << r.energy;
        }
    if (xs.isEmpty())
        return QStringLiteral("no point of the sweep has a schedule");
    addSeries(plot, plot.yAxis, style.muted, QCPScatterStyle::ssCircle, false)->setData(xs, ys, true);
    plot.graph(0)->setName(QStringLiteral("design points"));
    QCPGraph* front = addSeries(plot, plot.yAxis, style.warning, QCPScatterStyle::ssDisc, true);
    front->setName(QStringLiteral("Pareto front"));
    for (const std::size_t i : kapla::energyFront(t.rows, axis)) {
        const kapla::SweepRow& r = t.rows[i];
        fx << kapla::paretoCost(r, axis);
        fy << r.energy;
        auto* label = new QCPItemText(&plot);
        label->position->setCoords(fx.back(), fy.back());
        label->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
        label->setFont(style.small);
        label->setColor(style.foreground);
        QStringList values;
        for (const std::string& v : r.values)
            values << toQString(v);
        label->setText(values.join(QStringLiteral(", ")));
        labels.push_back(label);
    }
    front->setData(fx, fy, true);
    const QString x = axis == kapla::ParetoAxis::Time     ? QStringLiteral("time (cycles)")
                    : axis == kapla::ParetoAxis::TotalPes ? QStringLiteral("total PEs")
                                                          : QStringLiteral("SRAM (bytes, GBUF + REGF)");
    plot.xAxis->setLabel(x);
    plot.yAxis->setLabel(QStringLiteral("energy (%1)").arg(toQString(t.energyUnit)));
    if (axis != kapla::ParetoAxis::Time) {
        plot.xAxis->setScaleType(QCPAxis::stLogarithmic);
        plot.xAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    }
    plot.rescaleAxes();
    for (QCPAxis* a : {plot.xAxis, plot.yAxis}) {
        const QCPRange r = a->range();
        if (a->scaleType() == QCPAxis::stLogarithmic)
            a->setRange(r.lower / 1.5, r.upper * 2);
        else
            a->setRange(r.lower - 0.06 * r.size(), r.upper + 0.25 * r.size());
    }
    // Labels of points on the right half go to their left, so that none runs off the plot.
    for (QCPItemText* label : labels) {
        const bool right = plot.xAxis->scaleType() == QCPAxis::stLogarithmic
                             ? label->position->key() > std::sqrt(plot.xAxis->range().lower * plot.xAxis->range().upper)
                             : label->position->key() > plot.xAxis->range().center();
        label->setPositionAlignment((right ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignBottom);
        label->setText(right ? label->text() + QLatin1Char(' ') : QLatin1Char(' ') + label->text());
    }
    plot.legend->setVisible(true);
    return {};
}

QString figureTitle(const kapla::SweepTable& t, SweepFigureKind kind)
{
    switch (kind) {
    case SweepFigureKind::Parameter: return QStringLiteral("%1: energy and time").arg(toQString(t.name));
    case SweepFigureKind::HeatMap: return QStringLiteral("%1: energy").arg(toQString(t.name));
    case SweepFigureKind::ParetoTime: return QStringLiteral("%1: energy against time").arg(toQString(t.name));
    case SweepFigureKind::ParetoPes: return QStringLiteral("%1: energy against total PEs").arg(toQString(t.name));
    case SweepFigureKind::ParetoSram: return QStringLiteral("%1: energy against SRAM").arg(toQString(t.name));
    }
    return {};
}

} // namespace

std::vector<std::string> sweepAxisValues(const kapla::SweepTable& table, std::size_t p)
{
    std::vector<std::string> values;
    for (const kapla::SweepRow& r : table.rows)
        if (std::find(values.begin(), values.end(), r.values.at(p)) == values.end())
            values.push_back(r.values.at(p));
    return values;
}

QString buildSweepFigure(QCustomPlot& plot, const kapla::SweepTable& t, SweepFigureKind kind, const ChartStyle& style)
{
    stylePlot(plot, style);
    styleAxisRect(plot.axisRect(), style);
    addTitle(plot, figureTitle(t, kind), style);
    switch (kind) {
    case SweepFigureKind::Parameter: return buildParameterPlot(plot, t, style);
    case SweepFigureKind::HeatMap: return buildHeatMap(plot, t, style);
    case SweepFigureKind::ParetoTime: return buildParetoPlot(plot, t, kapla::ParetoAxis::Time, style);
    case SweepFigureKind::ParetoPes: return buildParetoPlot(plot, t, kapla::ParetoAxis::TotalPes, style);
    case SweepFigureKind::ParetoSram: return buildParetoPlot(plot, t, kapla::ParetoAxis::SramBytes, style);
    }
    return {};
}

namespace {

// The figure's bytes in the format the extension names, or an error message.
QString render(QCustomPlot& plot, const QString& path, QByteArray& bytes)
{
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (path.endsWith(QStringLiteral(".png"), Qt::CaseInsensitive)) {
        plot.toPixmap(kWidth, kHeight, kPngScale).save(&buffer, "PNG");
        return {};
    }
    if (path.endsWith(QStringLiteral(".pdf"), Qt::CaseInsensitive)) {
        QPdfWriter writer(&buffer);
        writer.setPageSize(QPageSize(QSizeF(kWidth, kHeight), QPageSize::Point, QString(), QPageSize::ExactMatch));
        writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout::Point);
        writer.setResolution(72);
        QCPPainter painter(&writer);
        painter.setMode(QCPPainter::pmVectorized);
        plot.toPainter(&painter, kWidth, kHeight);
        return {};
    }
    if (path.endsWith(QStringLiteral(".svg"), Qt::CaseInsensitive)) {
#ifdef KAPLA_HAVE_SVG
        QSvgGenerator svg;
        svg.setOutputDevice(&buffer);
        svg.setSize(QSize(kWidth, kHeight));
        svg.setViewBox(QRect(0, 0, kWidth, kHeight));
        QCPPainter painter(&svg);
        painter.setMode(QCPPainter::pmVectorized);
        plot.toPainter(&painter, kWidth, kHeight);
        return {};
#else
        return QStringLiteral("%1: this build has no SVG support (Qt6::Svg was not found)").arg(path);
#endif
    }
    return QStringLiteral("%1: expected a file name ending in .png, .pdf or .svg").arg(path);
}

} // namespace

std::optional<SweepFigureKind> sweepFigureKindFromName(const QString& name)
{
    if (name == QStringLiteral("parameter"))
        return SweepFigureKind::Parameter;
    if (name == QStringLiteral("heatmap"))
        return SweepFigureKind::HeatMap;
    if (name == QStringLiteral("pareto-time"))
        return SweepFigureKind::ParetoTime;
    if (name == QStringLiteral("pareto-pes"))
        return SweepFigureKind::ParetoPes;
    if (name == QStringLiteral("pareto-sram"))
        return SweepFigureKind::ParetoSram;
    return std::nullopt;
}

QString exportSweepFigure(const kapla::SweepTable& table, SweepFigureKind kind, const QString& path)
{
    QCustomPlot plot;
    plot.resize(kWidth, kHeight);
    if (QString error = buildSweepFigure(plot, table, kind, printChartStyle()); !error.isEmpty())
        return error;
    QByteArray bytes;
    if (QString error = render(plot, path, bytes); !error.isEmpty())
        return error;
    const kapla::Diagnostics problems = kapla::writeFileText(path.toStdString(),
                                                             std::string(bytes.constData(),
                                                                         static_cast<std::size_t>(bytes.size())));
    return problems.empty() ? QString() : QString::fromStdString(problems.front().format());
}
