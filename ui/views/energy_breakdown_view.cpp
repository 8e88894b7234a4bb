#include "views/energy_breakdown_view.h"

#include "session/qt_text.h"
#include "session/selection_context.h"
#include "views/qcp.h"

#include "report/vocabulary.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace {

// Joules get SI prefixes; other (normalised) units are scaled by powers of 1000 written as ×10ⁿ.
kapla::UnitScale plotScale(const kapla::EnergyChartData& d)
{
    if (d.percent)
        return {1.0, "%"};
    const double top = d.layerTotals.empty() ? 0 : *std::max_element(d.layerTotals.begin(), d.layerTotals.end());
    if (d.unit == "J")
        return kapla::energyScale(top, d.unit);
    static const char* kPowers[] = {"", "10³ ", "10⁶ ", "10⁹ ", "10¹² ", "10¹⁵ "};
    double factor = 1;
    std::size_t i = 0;
    while (i + 1 < std::size(kPowers) && top * factor >= 10000.0) {
        factor /= 1000.0;
        ++i;
    }
    return {factor, std::string(kPowers[i]) + d.unit};
}

QString percentText(double p) { return QStringLiteral("%1%").arg(p, 0, 'f', p < 0.1 && p > 0 ? 2 : 1); }

} // namespace

void buildEnergyPlot(QCustomPlot& plot, const kapla::EnergyChartData& d, const ChartStyle& style)
{
    stylePlot(plot, style);
    QCPAxisRect* rect = plot.axisRect();
    const kapla::UnitScale scale = plotScale(d);
    std::vector<QCPBars*> stack;
    QVector<double> keys;
    for (std::size_t i = 0; i < d.layers.size(); ++i)
        keys << static_cast<double>(i);
    for (std::size_t c = 0; c < kapla::kNumEnergyComponents; ++c) {
        auto* bars = new QCPBars(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
        QVector<double> values;
        for (const double v : d.shown[c])
            values << (d.percent ? v : v * scale.factor);
        bars->setData(keys, values, true);
        bars->setWidth(d.layers.size() > 40 ? 0.8 : 0.68);
        bars->setPen(d.layers.size() > 40 ? QPen(Qt::NoPen) : QPen(QColor(255, 255, 255), 0.6));
        bars->setBrush(energyComponentColor(c));
        bars->setName(QStringLiteral("%1  %2 · %3")
                          .arg(toQString(kapla::energyComponentLabel(c)),
                               toQString(kapla::formatEnergy(d.componentTotals[c], d.unit)),
                               percentText(d.componentPercent[c])));
        bars->setSelectable(QCP::stNone);
        if (!stack.empty())
            bars->moveAbove(stack.back());
        stack.push_back(bars);
    }
    // Legend top to bottom as the stack reads (last component on top); absent components left out.
    plot.legend->clearItems();
    for (std::size_t c = stack.size(); c-- > 0;)
        if (d.componentTotals[c] != 0)
            plot.legend->addItem(new QCPPlottableLegendItem(plot.legend, stack[c]));
    if (!d.percent && d.layers.size() <= 12)
        for (std::size_t i = 0; i < d.layers.size(); ++i) {
            auto* label = new QCPItemText(&plot);
            label->setClipAxisRect(rect);
            label->position->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
            label->position->setCoords(static_cast<double>(i), d.layerTotals[i] * scale.factor);
            label->setPositionAlignment(Qt::AlignHCenter | Qt::AlignBottom);
            label->setText(QString::number(d.layerTotals[i] * scale.factor, 'g', 3));
            label->setFont(style.small);
            label->setColor(style.muted);
        }
    placeLegendRight(plot, style, QStringLiteral("Total %1").arg(toQString(kapla::formatEnergy(d.total, d.unit))));

    setCategoryTicks(rect->axis(QCPAxis::atBottom), d.layers, style);
    QCPAxis* y = rect->axis(QCPAxis::atLeft);
    y->setLabel(d.percent ? QStringLiteral("Share of the layer's energy (%)")
                          : QStringLiteral("Energy (%1)").arg(toQString(scale.unit)));
    double top = 0;
    for (const double t : d.layerTotals)
        top = std::max(top, t * scale.factor);
    y->setRange(0, d.percent ? 100.0 : (top > 0 ? top * 1.06 : 1.0));
    y->setNumberFormat(QStringLiteral("gb"));
}

QString energyToolTip(const kapla::EnergyChartData& d, int layer, int component)
{
    if (layer < 0 || layer >= static_cast<int>(d.layers.size()))
        return {};
    const auto i = static_cast<std::size_t>(layer);
    const double total = d.layerTotals[i];
    QStringList lines;
    lines << QStringLiteral("%1: %2 (%3 of the network)")
                 .arg(toQString(d.layers[i]), toQString(kapla::formatEnergy(total, d.unit, kapla::NumberDetail::Full)),
                      percentText(d.total > 0 ? 100.0 * total / d.total : 0));
    for (std::size_t c = 0; c < kapla::kNumEnergyComponents; ++c) {
        if (component >= 0 && static_cast<std::size_t>(component) != c)
            continue;
        const double v = d.absolute[c][i];
        lines << QStringLiteral("%1%2: %3 (%4 of the layer)")
                     .arg(component >= 0 ? QStringLiteral("▸ ") : QStringLiteral("  "),
                          toQString(kapla::energyComponentLabel(c)),
                          toQString(kapla::formatEnergy(v, d.unit, kapla::NumberDetail::Full)),
                          percentText(total > 0 ? 100.0 * v / total : 0));
    }
    if (component == static_cast<int>(kapla::kNumEnergyComponents) - 1)
        lines << QStringLiteral("(static: the layer's share of the pipelined schedule's idle energy)");
    if (component >= 0)
        lines << toQString(kapla::termToolTip(kapla::energyComponentTerm(static_cast<std::size_t>(component))));
    return lines.join(QLatin1Char('\n'));
}

EnergyBreakdownView::EnergyBreakdownView(SelectionContext* selection, QWidget* parent)
    : QWidget(parent)
    , m_selection(selection)
    , m_style(screenChartStyle())
{
    m_layout = new QVBoxLayout(this);
    m_layout->setContentsMargins(0, 0, 0, 0);
    auto* bar = new QHBoxLayout;
    m_percent = new QCheckBox(tr("Percent of each layer"), this);
    bar->addWidget(new QLabel(tr("Energy per layer by component; click a bar to select its layer. "
                                 "Wheel: zoom, drag: scroll."),
                              this),
                   1);
    bar->addWidget(m_percent);
    auto* fit = new QPushButton(tr("Fit"), this);
    fit->setToolTip(tr("Show every layer again (or double-click the chart)"));
    bar->addWidget(fit);
    connect(fit, &QPushButton::clicked, this, [this] { fitChart(*m_plot); });
    m_layout->addLayout(bar);
    connect(m_percent, &QCheckBox::toggled, this, &EnergyBreakdownView::rebuild);
    connect(m_selection, &SelectionContext::resultChanged, this, &EnergyBreakdownView::rebuild);
    connect(m_selection, &SelectionContext::layerChanged, this, &EnergyBreakdownView::updateHighlight);
    rebuild();
}

bool EnergyBreakdownView::percent() const { return m_percent->isChecked(); }

void EnergyBreakdownView::setPercent(bool percent) { m_percent->setChecked(percent); }

void EnergyBreakdownView::rebuild()
{
    const auto& result = m_selection->result();
    m_data = result ? kapla::energyChartData(*result->evaluation, result->architecture().energyUnit, percent())
                    : kapla::EnergyChartData{};
    const auto click = [this](const QPoint& pos) { onPress(pos); };
    m_plot = replaceChartPlot(m_plot, m_layout, this, {click, [this](const QPoint& pos) { return toolTipAt(pos); }});
    buildEnergyPlot(*m_plot, m_data, m_style);
    enableZoomAndScroll(*m_plot, Qt::Horizontal);
    m_highlighted = -2;
    updateHighlight();
}

void EnergyBreakdownView::updateHighlight()
{
    const int layer = m_selection->layerIndex();
    if (layer == m_highlighted)
        return;
    m_highlighted = layer;
    setHighlightBand(*m_plot, m_plot->axisRect(), layer, m_style);
    replotWhenVisible(*m_plot);
}

QPoint EnergyBreakdownView::barCenter(int layer) const
{
    if (layer < 0 || layer >= static_cast<int>(m_data.layers.size()))
        return {};
    const QCPAxisRect* rect = m_plot->axisRect();
    const double x = rect->axis(QCPAxis::atBottom)->coordToPixel(layer);
    const double top = rect->axis(QCPAxis::atLeft)
                           ->coordToPixel(m_percent->isChecked() ? 50.0
                                                                 : m_data.layerTotals[static_cast<std::size_t>(layer)]
                                                                       * plotScale(m_data).factor / 2);
    return QPointF(x, top).toPoint();
}

QString EnergyBreakdownView::toolTipAt(const QPoint& pos) const
{
    const int layer = categoryAt(m_plot->axisRect(), pos, static_cast<int>(m_data.layers.size()));
    if (layer < 0)
        return {};
    const auto i = static_cast<std::size_t>(layer);
    const double value = m_plot->axisRect()->axis(QCPAxis::atLeft)->pixelToCoord(pos.y());
    const double factor = m_data.percent ? 1.0 : plotScale(m_data).factor;
    double below = 0;
    for (std::size_t c = 0; c < kapla::kNumEnergyComponents; ++c) {
        const double top = below + m_data.shown[c][i] * factor;
        if (value >= below && value < top)
            return energyToolTip(m_data, layer, static_cast<int>(c));
        below = top;
    }
    return energyToolTip(m_data, layer, -1);
}

void EnergyBreakdownView::onPress(const QPoint& pos)
{
    const int layer = categoryAt(m_plot->axisRect(), pos, static_cast<int>(m_data.layers.size()));
    if (layer >= 0)
        m_selection->selectLayerIndex(layer);
}
