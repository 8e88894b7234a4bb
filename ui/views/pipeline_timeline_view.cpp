#include "views/pipeline_timeline_view.h"

#include "session/qt_text.h"
#include "session/selection_context.h"
#include "views/qcp.h"

#include <QFontMetricsF>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace {

QString cycles(double c) { return groupDigitsText(std::llround(c)); }

constexpr double kHalfBar = 0.34;

// Cycles shown in k or M when the schedule is long.
std::pair<double, QString> timeScale(double end)
{
    if (end >= 5e6)
        return {1e-6, QStringLiteral("Time (million cycles)")};
    if (end >= 5e3)
        return {1e-3, QStringLiteral("Time (thousand cycles)")};
    return {1.0, QStringLiteral("Time (cycles)")};
}

QCPItemRect* addRect(QCustomPlot& plot, QCPAxisRect* rect, QRectF r, const QBrush& brush, const QPen& pen)
{
    auto* item = new QCPItemRect(&plot);
    item->setClipAxisRect(rect);
    for (QCPItemPosition* p : {item->topLeft, item->bottomRight})
        p->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    item->topLeft->setCoords(r.left(), r.top());
    item->bottomRight->setCoords(r.right(), r.bottom());
    item->setBrush(brush);
    item->setPen(pen);
    return item;
}

QCPItemText* addText(QCustomPlot& plot, QCPAxisRect* rect, const QString& text, const QFont& font, const QColor& color)
{
    auto* item = new QCPItemText(&plot);
    item->setClipAxisRect(rect);
    item->position->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    item->setText(text);
    item->setFont(font);
    item->setColor(color);
    return item;
}

// The layer a bar item draws. Not "layer": every QCustomPlot item has a property of that name (its
// drawing layer), which would make every bar look like the first layer's.
constexpr const char* kBarLayer = "barLayer";

// Segment labels left to right, each shown unless it would overlap the one shown before it (narrow
// segments lend their neighbours room); zooming in shows them all. Measured once: this runs on every replot.
bool fitSegmentLabels(QCustomPlot* plot)
{
    const QCPAxis* x = plot->axisRect()->axis(QCPAxis::atBottom);
    double shownRight = -1e300;
    for (int i = 0; i < plot->itemCount(); ++i) {
        auto* text = qobject_cast<QCPItemText*>(plot->item(i));
        if (!text || !text->property("span").isValid())
            continue;
        if (!text->property("width").isValid())
            text->setProperty("width", QFontMetricsF(text->font()).horizontalAdvance(text->text()) + 8);
        const QPointF span = text->property("span").toPointF();
        const double width = text->property("width").toDouble();
        const double centre = (x->coordToPixel(span.x()) + x->coordToPixel(span.y())) / 2;
        const bool shown = centre - width / 2 >= shownRight && centre + width / 2 > x->axisRect()->left()
                        && centre - width / 2 < x->axisRect()->right();
        text->setVisible(shown);
        if (shown)
            shownRight = centre + width / 2;
    }
    return false; // items are drawn after the layout: nothing to redo
}

// Row labels: every k-th row when the rows are thinner than a line of text, each elided to a width
// that leaves the bars the room (the full label is the tooltip). Returns whether the ticks changed.
bool fitRowLabels(QCPAxis* y, const QStringList& labels, double maxWidth, int& shownEvery)
{
    const QFontMetricsF fm(y->tickLabelFont());
    const double perRow = y->axisRect()->height() / std::max(y->range().size(), 1e-9);
    const int every = thinningStep(fm.height() + 1, perRow, static_cast<int>(labels.size()));
    if (every == shownEvery)
        return false;
    shownEvery = every;
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    for (int r = 0; r < labels.size(); r += every)
        ticker->addTick(r, fm.elidedText(labels[r], Qt::ElideRight, maxWidth));
    y->setTicker(ticker);
    return true;
}

} // namespace

void buildTimelinePlot(QCustomPlot& plot, const kapla::TimelineData& d, const ChartStyle& style)
{
    stylePlot(plot, style);
    QCPAxisRect* rect = plot.axisRect();
    const auto [scale, label] = timeScale(d.end);
    QCPAxis* x = rect->axis(QCPAxis::atBottom);
    QCPAxis* y = rect->axis(QCPAxis::atLeft);
    for (std::size_t s = 0; s < d.segments.size(); ++s) {
        const auto& seg = d.segments[s];
        if (s % 2 == 1)
            addRect(plot, rect,
                    QRectF(QPointF(seg.start * scale, -2),
                           QPointF(seg.end * scale, static_cast<double>(d.rows.size()))),
                    QColor(0, 0, 0, 10), Qt::NoPen)
                ->setLayer(QStringLiteral("background"));
        auto* t = addText(plot, rect, QStringLiteral("S%1").arg(s + 1), style.small, style.muted);
        t->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
        t->position->setAxisRect(rect);
        t->position->setCoords((seg.start + seg.end) / 2 * scale, 0.0);
        t->setPositionAlignment(Qt::AlignHCenter | Qt::AlignTop);
        t->setProperty("span", QPointF(seg.start * scale, seg.end * scale));
    }
    for (const auto& bar : d.bars) {
        const QColor fill = layerColor(bar.layer);
        for (const auto& [from, to] : bar.chunks) {
            auto* item = addRect(plot, rect,
                                 QRectF(QPointF(from * scale, bar.row - kHalfBar),
                                        QPointF(to * scale, bar.row + kHalfBar)),
                                 fill, QPen(fill.darker(160), 1));
            item->setProperty(kBarLayer, bar.layer);
        }
    }
    // A line between spatial groups and between segments (rows are layers, grouped by node region).
    for (std::size_t r = 1; r < d.rows.size(); ++r) {
        const bool newSegment = d.rows[r].segment != d.rows[r - 1].segment;
        if (!newSegment && d.rows[r].group == d.rows[r - 1].group)
            continue;
        auto* line = new QCPItemStraightLine(&plot);
        line->setClipAxisRect(rect);
        line->point1->setAxes(x, y);
        line->point2->setAxes(x, y);
        line->point1->setCoords(0, static_cast<double>(r) - 0.5);
        line->point2->setCoords(1, static_cast<double>(r) - 0.5);
        line->setPen(QPen(newSegment ? style.muted : style.grid, 1, newSegment ? Qt::SolidLine : Qt::DashLine));
        line->setLayer(QStringLiteral("background"));
    }
    QStringList rowLabels;
    for (const auto& row : d.rows)
        rowLabels << toQString(row.label);
    const double maxLabelWidth = QFontMetricsF(style.small).averageCharWidth() * 30;
    refitAfterLayout(plot, y, [y, rowLabels, maxLabelWidth, every = 0]() mutable {
        return fitRowLabels(y, rowLabels, maxLabelWidth, every);
    });
    y->setSubTicks(false);
    y->setTickLength(0, 0);
    y->grid()->setVisible(false);
    y->setRangeReversed(true);
    // A free band above the first row holds the segment labels.
    y->setRange(-0.6 - std::max(0.6, static_cast<double>(d.rows.size()) * 0.04),
                static_cast<double>(d.rows.size()) - 0.4);
    x->setLabel(label);
    x->setRange(0, std::max(1.0, d.end * scale) * 1.01);
    x->setNumberFormat(QStringLiteral("gb"));
    refitAfterLayout(plot, &plot, [p = &plot] { return fitSegmentLabels(p); });
}

void setTimelineHighlight(QCustomPlot& plot, int layer)
{
    for (int i = 0; i < plot.itemCount(); ++i) {
        auto* item = qobject_cast<QCPItemRect*>(plot.item(i));
        if (!item || !item->property(kBarLayer).isValid())
            continue;
        const bool on = item->property(kBarLayer).toInt() == layer;
        const QColor fill = item->brush().color();
        item->setPen(on ? QPen(Qt::black, 2.5) : QPen(fill.darker(160), 1));
    }
}

std::vector<int> outlinedTimelineLayers(const QCustomPlot& plot)
{
    std::vector<int> layers;
    for (int i = 0; i < plot.itemCount(); ++i) {
        const auto* item = qobject_cast<const QCPItemRect*>(plot.item(i));
        if (item && item->property(kBarLayer).isValid() && item->pen().color() == QColor(Qt::black))
            layers.push_back(item->property(kBarLayer).toInt());
    }
    std::sort(layers.begin(), layers.end());
    layers.erase(std::unique(layers.begin(), layers.end()), layers.end());
    return layers;
}

QString timelineToolTip(const kapla::TimelineData& d, const kapla::TimelineBar& bar)
{
    const auto& row = d.rows[static_cast<std::size_t>(bar.row)];
    const auto& seg = d.segments[static_cast<std::size_t>(row.segment)];
    QStringList lines;
    lines << QStringLiteral("%1 (%2)").arg(toQString(bar.name), toQString(row.label));
    lines << QStringLiteral("runs %1 … %2 (cycles from the start)").arg(cycles(bar.start), cycles(bar.done));
    lines << QStringLiteral("busy %1").arg(toQString(kapla::formatCycles(bar.busy)));
    lines << QStringLiteral("segment %1: %2 … %3").arg(row.segment + 1).arg(cycles(seg.start), cycles(seg.end));
    if (seg.batchGroups > 1)
        lines << QStringLiteral("%1 batch groups stream through the segment").arg(seg.batchGroups);
    return lines.join(QLatin1Char('\n'));
}

PipelineTimelineView::PipelineTimelineView(SelectionContext* selection, QWidget* parent)
    : QWidget(parent)
    , m_selection(selection)
    , m_style(screenChartStyle())
{
    m_layout = new QVBoxLayout(this);
    m_layout->setContentsMargins(0, 0, 0, 0);
    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("When each layer runs: segments one after another, spatial groups side by side. "
                                 "Wheel: zoom, drag: scroll."),
                              this),
                   1);
    auto* fit = new QPushButton(tr("Fit"), this);
    fit->setToolTip(tr("Show the whole schedule again (or double-click the chart)"));
    bar->addWidget(fit);
    m_layout->addLayout(bar);
    connect(fit, &QPushButton::clicked, this, [this] { fitChart(*m_plot); });
    connect(m_selection, &SelectionContext::resultChanged, this, &PipelineTimelineView::rebuild);
    connect(m_selection, &SelectionContext::layerChanged, this, &PipelineTimelineView::updateHighlight);
    rebuild();
}

void PipelineTimelineView::rebuild()
{
    const auto& result = m_selection->result();
    m_data = result ? kapla::timelineData(*result->evaluation) : kapla::TimelineData{};
    const auto click = [this](const QPoint& pos) {
        if (const kapla::TimelineBar* bar = barAt(pos))
            m_selection->selectLayerIndex(bar->layer);
    };
    m_plot = replaceChartPlot(m_plot, m_layout, this, {click, [this](const QPoint& pos) { return toolTipAt(pos); }});
    buildTimelinePlot(*m_plot, m_data, m_style);
    enableZoomAndScroll(*m_plot, Qt::Horizontal | Qt::Vertical);
    m_highlighted = -2;
    updateHighlight();
}

void PipelineTimelineView::updateHighlight()
{
    const int layer = m_selection->layerIndex();
    if (layer == m_highlighted)
        return;
    m_highlighted = layer;
    setTimelineHighlight(*m_plot, layer);
    replotWhenVisible(*m_plot);
}

const kapla::TimelineBar* PipelineTimelineView::barAt(const QPoint& pos) const
{
    const QCPAxisRect* rect = m_plot->axisRect();
    if (!rect->rect().contains(pos))
        return nullptr;
    const double key = rect->axis(QCPAxis::atBottom)->pixelToCoord(pos.x()) / timeScale(m_data.end).first;
    const double row = rect->axis(QCPAxis::atLeft)->pixelToCoord(pos.y());
    for (const auto& bar : m_data.bars)
        if (std::abs(row - bar.row) <= kHalfBar && key >= bar.start && key <= bar.done)
            return &bar;
    return nullptr;
}

QPoint PipelineTimelineView::barCenter(int layer) const
{
    for (const auto& bar : m_data.bars) {
        if (bar.layer != layer || bar.chunks.empty())
            continue;
        const QCPAxisRect* rect = m_plot->axisRect();
        const double mid = (bar.chunks.front().first + bar.chunks.front().second) / 2 * timeScale(m_data.end).first;
        return QPointF(rect->axis(QCPAxis::atBottom)->coordToPixel(mid),
                       rect->axis(QCPAxis::atLeft)->coordToPixel(bar.row))
            .toPoint();
    }
    return {};
}

QString PipelineTimelineView::toolTipAt(const QPoint& pos) const
{
    if (const kapla::TimelineBar* bar = barAt(pos))
        return timelineToolTip(m_data, *bar);
    // Left of the bars: the full label of the row (the axis may show it elided or not at all).
    const QCPAxisRect* rect = m_plot->axisRect();
    if (pos.x() >= rect->left() || pos.y() < rect->top() || pos.y() > rect->bottom())
        return {};
    const long row = std::lround(rect->axis(QCPAxis::atLeft)->pixelToCoord(pos.y()));
    return row >= 0 && row < static_cast<long>(m_data.rows.size())
             ? toQString(m_data.rows[static_cast<std::size_t>(row)].label)
             : QString();
}
