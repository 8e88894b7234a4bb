#include "views/compare_chart.h"

#include "session/qt_text.h"
#include "views/figure_export.h"
#include "views/qcp.h"

#include "report/chart_data.h"

#include <QFontMetricsF>
#include <QStringList>

#include <algorithm>
#include <cmath>

namespace {

using kapla::ComparedValue;
using kapla::RunComparison;

constexpr std::size_t kNumComponents = kapla::kNumEnergyComponents;

kapla::UnitScale diffScale(const RunComparison& c, const std::vector<std::size_t>& layers)
{
    double top = 0;
    for (const std::size_t i : layers)
        top = std::max(top, std::abs(c.layers[i].energy.diff()));
    for (const ComparedValue& v : c.components)
        top = std::max(top, std::abs(v.diff()));
    return kapla::energyScale(top, c.energyUnit);
}

QString percentChange(const ComparedValue& v)
{
    const double r = v.ratio();
    if (!std::isfinite(r))
        return QStringLiteral("–");
    const double p = (r - 1) * 100;
    return QStringLiteral("%1%2 %")
        .arg(p > 0 ? QStringLiteral("+") : QString())
        .arg(p, 0, 'f', std::abs(p) < 1 ? 2 : 1);
}

// One text line of the figure's side panel.
struct PanelLine {
    QString text;
    const QFont* font;
    QColor color;
    double gapBefore = 0;
};

std::vector<PanelLine> panelLines(const RunComparison& c, const ChartStyle& style)
{
    std::vector<PanelLine> out;
    const auto heading = [&](const QString& text) { out.push_back({text, &style.font, style.foreground, 8}); };
    const auto line = [&](const QString& text, QColor color = {}) {
        out.push_back({text, &style.small, color.isValid() ? color : style.foreground, 0});
    };
    heading(QStringLiteral("What changed in the inputs (A → B)"));
    if (c.inputDifferences.empty())
        line(QStringLiteral("nothing: the same problem"), style.muted);
    for (const std::string& d : c.inputDifferences)
        line(QStringLiteral("• ") + toQString(d));
    heading(QStringLiteral("Totals: A → B (B − A)"));
    line(QStringLiteral("energy %1 → %2 (%3, %4)")
             .arg(toQString(kapla::formatEnergy(c.energy.a, c.energyUnit)),
                  toQString(kapla::formatEnergy(c.energy.b, c.energyUnit)),
                  signedEnergyText(c.energy.diff(), c.energyUnit), percentChange(c.energy)));
    line(QStringLiteral("time %1 → %2 cycles (%3)")
             .arg(groupDigitsText(std::llround(c.time.a)), groupDigitsText(std::llround(c.time.b)),
                  percentChange(c.time)));
    line(QStringLiteral("energy × delay %1").arg(percentChange(c.edp)));
    heading(QStringLiteral("Energy by component (B − A)"));
    for (std::size_t i = 0; i < kNumComponents; ++i)
        if (c.components[i].a != 0 || c.components[i].b != 0)
            line(QStringLiteral("%1  %2 (%3)")
                     .arg(toQString(kapla::energyComponentLabel(i)),
                          signedEnergyText(c.components[i].diff(), c.energyUnit), percentChange(c.components[i])),
                 energyComponentColor(i).darker(130));
    heading(QStringLiteral("Schedules"));
    line(QStringLiteral("segments: A %1, B %2 (%3)")
             .arg(c.segmentsA.size())
             .arg(c.segmentsB.size())
             .arg(c.segmentsA == c.segmentsB ? QStringLiteral("the same") : QStringLiteral("they differ")));
    line(QStringLiteral("%1 of %2 layers scheduled differently")
             .arg(c.layersWithDifferentDirectives())
             .arg(c.layers.size()));
    return out;
}

void paintPanel(QPainter& p, const std::vector<PanelLine>& lines, const QRectF& area)
{
    double y = area.top();
    for (const PanelLine& l : lines) {
        p.setFont(*l.font);
        p.setPen(l.color);
        y += l.gapBefore;
        const QRectF box(area.left(), y, area.width(), area.bottom() - y);
        if (box.height() <= 0)
            return;
        QRectF used;
        p.drawText(box, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, l.text, &used);
        y += used.height() + 1;
    }
}

void paintFigureHeader(QPainter& p, const RunComparison& c, const QString& description, const ChartStyle& style,
                       const QRectF& area)
{
    const QFontMetricsF tm(style.title);
    const QFontMetricsF fm(style.font);
    p.setFont(style.title);
    p.setPen(style.foreground);
    const QString title = QStringLiteral("Run comparison: %1 → %2").arg(toQString(c.labelA), toQString(c.labelB));
    p.drawText(QRectF(area.left(), area.top(), area.width(), tm.height()), Qt::AlignLeft | Qt::AlignVCenter,
               tm.elidedText(title, Qt::ElideRight, area.width() * 0.62));
    p.drawText(QRectF(area.left(), area.top(), area.width(), tm.height()), Qt::AlignRight | Qt::AlignVCenter,
               QStringLiteral("energy %1 · time %2").arg(percentChange(c.energy), percentChange(c.time)));
    p.setFont(style.font);
    p.setPen(style.muted);
    p.drawText(QRectF(area.left(), area.top() + tm.height() + 2, area.width(), fm.height()),
               Qt::AlignLeft | Qt::AlignVCenter, fm.elidedText(description, Qt::ElideRight, area.width()));
    p.setPen(QPen(style.grid, 1));
    p.drawLine(QPointF(area.left(), area.bottom()), QPointF(area.right(), area.bottom()));
}

void paintComparison(QCPPainter& p, const RunComparison& c, const QString& description)
{
    const ChartStyle style = printChartStyle();
    constexpr double kMargin = 18;
    constexpr double kHeader = 66;
    constexpr double kPanelWidth = 330;
    p.fillRect(QRectF(0, 0, kFigureWidth, kFigureHeight), style.background);
    paintFigureHeader(p, c, description, style, QRectF(kMargin, 10, kFigureWidth - 2 * kMargin, kHeader - 12));
    paintPanel(p, panelLines(c, style),
               QRectF(kMargin, kHeader + 2, kPanelWidth - kMargin, kFigureHeight - kHeader - 12));
    QCustomPlot plot;
    const QRectF chart(kPanelWidth, kHeader + 4, kFigureWidth - kPanelWidth - kMargin / 2,
                       kFigureHeight - kHeader - 10);
    plot.resize(static_cast<int>(chart.width()), static_cast<int>(chart.height()));
    buildComparePlot(plot, c, chartLayers(c), style);
    paintPlot(p, plot, chart);
}

} // namespace

QString signedEnergyText(double value, const std::string& unit)
{
    return (value > 0 ? QStringLiteral("+") : QString()) + toQString(kapla::formatEnergy(value, unit));
}

QString ratioText(const ComparedValue& value)
{
    const double r = value.ratio();
    return std::isfinite(r) ? QString::number(r, 'f', 4) : QStringLiteral("–");
}

std::vector<std::size_t> chartLayers(const RunComparison& c, std::size_t maxLayers)
{
    std::vector<std::size_t> order = c.layersByImpact();
    if (order.size() > maxLayers)
        order.resize(maxLayers);
    return order;
}

void buildComparePlot(QCustomPlot& plot, const RunComparison& c, const std::vector<std::size_t>& layers,
                      const ChartStyle& style)
{
    stylePlot(plot, style);
    QCPAxisRect* rect = plot.axisRect();
    QCPAxis* x = rect->axis(QCPAxis::atBottom);
    QCPAxis* y = rect->axis(QCPAxis::atLeft);
    const kapla::UnitScale scale = diffScale(c, layers);
    QVector<double> keys;
    std::vector<std::string> names;
    for (std::size_t k = 0; k < layers.size(); ++k) {
        keys << static_cast<double>(k);
        names.push_back(c.layers[layers[k]].name);
    }
    // Components stack away from zero on each side (QCPBars stacks a value on the bars below of its sign).
    std::vector<QCPBars*> stack;
    for (std::size_t comp = 0; comp < kNumComponents; ++comp) {
        auto* bars = new QCPBars(x, y);
        QVector<double> values;
        for (const std::size_t i : layers)
            values << c.layers[i].components[comp].diff() * scale.factor;
        bars->setData(keys, values, true);
        bars->setWidth(0.66);
        bars->setPen(QPen(style.background, 0.6));
        bars->setBrush(energyComponentColor(comp));
        bars->setName(QStringLiteral("%1  %2").arg(toQString(kapla::energyComponentLabel(comp)),
                                                   signedEnergyText(c.components[comp].diff(), c.energyUnit)));
        bars->setSelectable(QCP::stNone);
        if (!stack.empty())
            bars->moveAbove(stack.back());
        stack.push_back(bars);
    }
    auto* net = new QCPGraph(x, y);
    QVector<double> nets;
    for (const std::size_t i : layers)
        nets << c.layers[i].energy.diff() * scale.factor;
    net->setData(keys, nets, true);
    net->setLineStyle(QCPGraph::lsNone);
    net->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDiamond, style.foreground, style.background, 9));
    net->setName(QStringLiteral("net  %1").arg(signedEnergyText(c.energy.diff(), c.energyUnit)));
    net->setSelectable(QCP::stNone);
    plot.legend->clearItems();
    plot.legend->addItem(new QCPPlottableLegendItem(plot.legend, net));
    for (std::size_t comp = stack.size(); comp-- > 0;)
        if (c.components[comp].a != 0 || c.components[comp].b != 0)
            plot.legend->addItem(new QCPPlottableLegendItem(plot.legend, stack[comp]));
    const std::size_t hidden = c.layers.size() - layers.size();
    placeLegendRight(plot, style, QStringLiteral("Network B − A"),
                     hidden > 0 ? QStringLiteral("%1 smaller layer differences not shown").arg(hidden) : QString());
    auto* zero = new QCPItemStraightLine(&plot);
    zero->setClipAxisRect(rect);
    zero->point1->setAxes(x, y);
    zero->point2->setAxes(x, y);
    zero->point1->setCoords(0, 0);
    zero->point2->setCoords(1, 0);
    zero->setPen(QPen(style.foreground, 1));

    setCategoryTicks(x, names, style);
    y->setLabel(QStringLiteral("Energy B − A (%1): above 0 B costs more").arg(toQString(scale.unit)));
    double top = 0;
    double bottom = 0;
    for (const std::size_t i : layers) {
        double up = 0;
        double down = 0;
        for (const ComparedValue& v : c.layers[i].components)
            (v.diff() > 0 ? up : down) += v.diff() * scale.factor;
        top = std::max(top, up);
        bottom = std::min(bottom, down);
    }
    const double pad = std::max(top - bottom, 1e-12) * 0.08;
    y->setRange(bottom - pad, top + pad);
    y->setNumberFormat(QStringLiteral("gb"));
}

QString compareLayerToolTip(const RunComparison& c, std::size_t row)
{
    if (row >= c.layers.size())
        return {};
    const kapla::LayerComparison& l = c.layers[row];
    QStringList lines;
    lines << QStringLiteral("<b>%1</b>").arg(toQString(l.name).toHtmlEscaped());
    if (!l.inBoth())
        lines << (l.indexA < 0 ? QStringLiteral("only in B") : QStringLiteral("only in A"));
    lines << QStringLiteral("energy %1 → %2 (%3)")
                 .arg(toQString(kapla::formatEnergy(l.energy.a, c.energyUnit, kapla::NumberDetail::Full)),
                      toQString(kapla::formatEnergy(l.energy.b, c.energyUnit, kapla::NumberDetail::Full)),
                      signedEnergyText(l.energy.diff(), c.energyUnit));
    lines << QStringLiteral("time %1 → %2 cycles")
                 .arg(groupDigitsText(std::llround(l.time.a)), groupDigitsText(std::llround(l.time.b)));
    for (std::size_t i = 0; i < kNumComponents; ++i)
        if (l.components[i].diff() != 0)
            lines << QStringLiteral("%1 %2").arg(toQString(kapla::energyComponentLabel(i)),
                                                 signedEnergyText(l.components[i].diff(), c.energyUnit));
    for (const kapla::DirectiveDifference& d : l.directives)
        lines << QStringLiteral("%1: %2 → %3")
                     .arg(toQString(std::string(kapla::directiveAspectLabel(d.aspect))), toQString(d.a).toHtmlEscaped(),
                          toQString(d.b).toHtmlEscaped());
    if (l.inBoth() && l.directives.empty())
        lines << QStringLiteral("scheduled alike");
    return lines.join(QStringLiteral("<br>"));
}

PaintedFigure comparisonFigure(const RunComparison& c, const QString& description, const QString& day)
{
    PaintedFigure f;
    f.pdfTitle = QStringLiteral("Run comparison");
    f.title = QStringLiteral("Run comparison — %1 → %2").arg(toQString(c.labelA), toQString(c.labelB));
    f.description = description;
    f.day = day;
    f.solver = c.labelA == c.labelB ? toQString(c.labelA) : toQString(c.labelA + ", " + c.labelB);
    // The figure keeps its own copy: a PaintedFigure may outlive the comparison it was made from.
    f.paint = [c, description](QCPPainter& p) { paintComparison(p, c, description); };
    return f;
}
