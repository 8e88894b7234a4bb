#include "views/buffer_occupancy_view.h"

#include "session/qt_text.h"
#include "session/selection_context.h"

#include "views/qcp.h"

#include "report/vocabulary.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace {

QString categoryLabel(std::size_t d) { return toQString(kapla::termLabel(kapla::categoryTerm(d))); }

void addPanel(QCustomPlot& plot, QCPAxisRect* rect, const std::vector<kapla::LayerOccupancy>& data, bool gbuf,
              const ChartStyle& style)
{
    const auto use = [gbuf](const kapla::LayerOccupancy& l) -> const kapla::BufferUse& {
        return gbuf ? l.gbuf : l.regf;
    };
    QCPAxis* x = rect->axis(QCPAxis::atBottom);
    QCPAxis* y = rect->axis(QCPAxis::atLeft);
    QVector<double> keys;
    for (std::size_t i = 0; i < data.size(); ++i)
        keys << static_cast<double>(i);
    QCPBars* below = nullptr;
    for (std::size_t d = 0; d < 3; ++d) {
        auto* bars = new QCPBars(x, y);
        QVector<double> values;
        for (const auto& l : data)
            values << (use(l).capacity > 0 ? 100.0 * use(l).words[d] / use(l).capacity : 0.0);
        bars->setData(keys, values, true);
        bars->setWidth(data.size() > 40 ? 0.8 : 0.62); // as `width` below
        bars->setPen(Qt::NoPen);
        bars->setBrush(categoryColor(d));
        bars->setName(categoryLabel(d));
        bars->setSelectable(QCP::stNone);
        if (below)
            bars->moveAbove(below);
        below = bars;
        if (!gbuf)
            bars->removeFromLegend();
    }
    double top = 100;
    const double width = data.size() > 40 ? 0.8 : 0.62;
    for (std::size_t i = 0; i < data.size(); ++i) {
        const double fill = 100.0 * use(data[i]).fraction();
        top = std::max(top, fill);
        const bool near = use(data[i]).nearFull();
        if (near) { // outlined, its fill written inside the top of the bar
            auto* frame = new QCPItemRect(&plot);
            frame->setClipAxisRect(rect);
            frame->topLeft->setAxes(x, y);
            frame->bottomRight->setAxes(x, y);
            frame->topLeft->setCoords(static_cast<double>(i) - width / 2, fill);
            frame->bottomRight->setCoords(static_cast<double>(i) + width / 2, 0);
            frame->setPen(QPen(style.warning, 2));
            frame->setBrush(Qt::NoBrush);
        }
        if (data.size() > 12) // no room for numbers; the frame still marks nearly full buffers
            continue;
        auto* label = new QCPItemText(&plot);
        label->setClipAxisRect(rect);
        label->position->setAxes(x, y);
        label->position->setCoords(static_cast<double>(i), fill);
        label->setPositionAlignment(Qt::AlignHCenter | (near ? Qt::AlignTop : Qt::AlignBottom));
        label->setText(QStringLiteral("%1%").arg(fill, 0, 'f', fill < 10 ? 1 : 0));
        QFont font = style.small;
        font.setBold(near);
        label->setFont(font);
        label->setColor(near ? QColor(Qt::white) : style.muted);
        if (near)
            label->setPadding(QMargins(0, 2, 0, 0));
    }
    auto* cap = new QCPItemStraightLine(&plot);
    cap->setClipAxisRect(rect);
    cap->point1->setAxes(x, y);
    cap->point2->setAxes(x, y);
    cap->point1->setCoords(0, 100);
    cap->point2->setCoords(1, 100);
    cap->setPen(QPen(style.warning, 1.5, Qt::DashLine));
    const double capacity = data.empty() ? 0 : use(data.front()).capacity;
    auto* capText = new QCPItemText(&plot);
    capText->setClipAxisRect(rect);
    capText->position->setType(QCPItemPosition::ptAxisRectRatio);
    capText->position->setAxisRect(rect);
    capText->position->setCoords(0.995, 0.02);
    capText->setPositionAlignment(Qt::AlignRight | Qt::AlignTop);
    capText->setText(QStringLiteral("capacity %1 %2")
                         .arg(toQString(kapla::formatWords(capacity)),
                              gbuf ? QStringLiteral("per node") : QStringLiteral("per PE")));
    capText->setFont(style.small);
    capText->setColor(style.warning);
    capText->setBrush(QColor(255, 255, 255, 210));
    y->setRange(0, top * 1.12);
    y->setLabel(gbuf ? QStringLiteral("GBUF use (%)") : QStringLiteral("REGF use (%)"));
    std::vector<std::string> names;
    for (const auto& l : data)
        names.push_back(l.name);
    setCategoryTicks(x, names, style);
    x->setTickLabels(!gbuf);
}

} // namespace

void buildOccupancyPlot(QCustomPlot& plot, const std::vector<kapla::LayerOccupancy>& data, const ChartStyle& style)
{
    QCPAxisRect* top = plot.axisRect();
    auto* bottom = new QCPAxisRect(&plot);
    plot.plotLayout()->addElement(1, 0, bottom);
    auto* group = new QCPMarginGroup(&plot);
    top->setMarginGroup(QCP::msLeft | QCP::msRight, group);
    bottom->setMarginGroup(QCP::msLeft | QCP::msRight, group);
    stylePlot(plot, style);
    addPanel(plot, top, data, true, style);
    addPanel(plot, bottom, data, false, style);
    plot.plotLayout()->setRowStretchFactor(0, 1);
    plot.plotLayout()->setRowStretchFactor(1, 1.25); // room for the rotated layer names
    placeLegendRight(plot, style, QStringLiteral("Data held"),
                     QStringLiteral("orange frame: ≥ %1% full").arg(kapla::kNearFullFraction * 100, 0, 'f', 0),
                     style.warning);
}

QString occupancyToolTip(const kapla::LayerOccupancy& l)
{
    QStringList lines{toQString(l.name)};
    const auto add = [&](kapla::Term level, const kapla::BufferUse& u, const char* per) {
        lines << QStringLiteral("%1 (%2): %3 of %4 (%5%)%6")
                     .arg(toQString(std::string(kapla::termShortName(level))), QLatin1String(per),
                          toQString(kapla::formatWords(u.used())), toQString(kapla::formatWords(u.capacity)))
                     .arg(100.0 * u.fraction(), 0, 'f', 1)
                     .arg(u.nearFull() ? QStringLiteral(" — nearly full") : QString());
        for (std::size_t d = 0; d < 3; ++d)
            lines << QStringLiteral("    %1: %2").arg(categoryLabel(d), toQString(kapla::formatWords(u.words[d])));
    };
    add(kapla::Term::Gbuf, l.gbuf, "per node");
    add(kapla::Term::Regf, l.regf, "per PE");
    return lines.join(QLatin1Char('\n'));
}

BufferOccupancyView::BufferOccupancyView(SelectionContext* selection, QWidget* parent)
    : QWidget(parent)
    , m_selection(selection)
    , m_style(screenChartStyle())
{
    m_layout = new QVBoxLayout(this);
    m_layout->setContentsMargins(0, 0, 0, 0);
    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Buffer use per layer by data category, in % of capacity (dashed line). "
                                 "Wheel: zoom, drag: scroll."),
                              this),
                   1);
    auto* fit = new QPushButton(tr("Fit"), this);
    fit->setToolTip(tr("Show every layer again (or double-click the chart)"));
    bar->addWidget(fit);
    connect(fit, &QPushButton::clicked, this, [this] { fitChart(*m_plot); });
    m_layout->addLayout(bar);
    connect(m_selection, &SelectionContext::resultChanged, this, &BufferOccupancyView::rebuild);
    connect(m_selection, &SelectionContext::layerChanged, this, &BufferOccupancyView::updateHighlight);
    rebuild();
}

void BufferOccupancyView::rebuild()
{
    const auto& result = m_selection->result();
    m_data = result ? kapla::occupancyChartData(*result->evaluation) : std::vector<kapla::LayerOccupancy>{};
    const auto click = [this](const QPoint& pos) {
        if (const int layer = layerAt(pos); layer >= 0)
            m_selection->selectLayerIndex(layer);
    };
    m_plot = replaceChartPlot(m_plot, m_layout, this, {click, [this](const QPoint& pos) { return toolTipAt(pos); }});
    buildOccupancyPlot(*m_plot, m_data, m_style);
    enableZoomAndScroll(*m_plot, Qt::Horizontal);
    shareKeyAxis(*m_plot);
    m_highlighted = -2;
    updateHighlight();
}

void BufferOccupancyView::updateHighlight()
{
    const int layer = m_selection->layerIndex();
    if (layer == m_highlighted)
        return;
    m_highlighted = layer;
    for (QCPAxisRect* rect : m_plot->axisRects())
        setHighlightBand(*m_plot, rect, layer, m_style);
    replotWhenVisible(*m_plot);
}

int BufferOccupancyView::layerAt(const QPoint& pos) const
{
    for (QCPAxisRect* rect : m_plot->axisRects()) {
        const int layer = categoryAt(rect, pos, static_cast<int>(m_data.size()));
        if (layer >= 0)
            return layer;
    }
    return -1;
}

QPoint BufferOccupancyView::barCenter(int layer) const
{
    QCPAxisRect* rect = m_plot->axisRect(0);
    if (!rect || layer < 0 || layer >= static_cast<int>(m_data.size()))
        return {};
    const double x = rect->axis(QCPAxis::atBottom)->coordToPixel(layer);
    return QPointF(x, rect->rect().center().y()).toPoint();
}

QString BufferOccupancyView::toolTipAt(const QPoint& pos) const
{
    const int layer = layerAt(pos);
    return layer < 0 ? QString() : occupancyToolTip(m_data[static_cast<std::size_t>(layer)]);
}
