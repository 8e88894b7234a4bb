#include "views/sweep_figure.h"

#include "util/file_access.h"
#include "views/qcp.h"

#include <QBuffer>
#include <QPdfWriter>
#include <QPixmap>
#ifdef KAPLA_HAVE_SVG
#include <QSvgGenerator>
#endif

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

// Every solved point, and the front of energy against `axis` joined by a line, its points named.
QString buildParetoPlot(QCustomPlot& plot, const kapla::SweepTable& t, kapla::ParetoAxis axis, const ChartStyle& style)
{
    QVector<double> xs, ys, fx, fy;
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
        label->setText(QStringLiteral(" %1").arg(values.join(QStringLiteral(", "))));
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
    plot.legend->setVisible(true);
    return {};
}

QString figureTitle(const kapla::SweepTable& t, SweepFigureKind kind)
{
    switch (kind) {
    case SweepFigureKind::Parameter: return QStringLiteral("%1: energy and time").arg(toQString(t.name));
    case SweepFigureKind::ParetoTime: return QStringLiteral("%1: energy against time").arg(toQString(t.name));
    case SweepFigureKind::ParetoPes: return QStringLiteral("%1: energy against total PEs").arg(toQString(t.name));
    case SweepFigureKind::ParetoSram: return QStringLiteral("%1: energy against SRAM").arg(toQString(t.name));
    }
    return {};
}

QString build(QCustomPlot& plot, const kapla::SweepTable& t, SweepFigureKind kind, const ChartStyle& style)
{
    stylePlot(plot, style);
    styleAxisRect(plot.axisRect(), style);
    addTitle(plot, figureTitle(t, kind), style);
    switch (kind) {
    case SweepFigureKind::Parameter: return buildParameterPlot(plot, t, style);
    case SweepFigureKind::ParetoTime: return buildParetoPlot(plot, t, kapla::ParetoAxis::Time, style);
    case SweepFigureKind::ParetoPes: return buildParetoPlot(plot, t, kapla::ParetoAxis::TotalPes, style);
    case SweepFigureKind::ParetoSram: return buildParetoPlot(plot, t, kapla::ParetoAxis::SramBytes, style);
    }
    return {};
}

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
    if (QString error = build(plot, table, kind, printChartStyle()); !error.isEmpty())
        return error;
    QByteArray bytes;
    if (QString error = render(plot, path, bytes); !error.isEmpty())
        return error;
    const kapla::Diagnostics problems = kapla::writeFileText(path.toStdString(),
                                                             std::string(bytes.constData(),
                                                                         static_cast<std::size_t>(bytes.size())));
    return problems.empty() ? QString() : QString::fromStdString(problems.front().format());
}
