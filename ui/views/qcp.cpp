#include "views/qcp.h"

#include <QApplication>
#include <QBoxLayout>
#include <QFontMetricsF>
#include <QToolTip>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace {

void styleAxis(QCPAxis* a, const ChartStyle& s)
{
    a->setLabelFont(s.font);
    a->setTickLabelFont(s.small);
    a->setLabelColor(s.foreground);
    a->setTickLabelColor(s.foreground);
    a->setBasePen(QPen(s.foreground, 1));
    a->setTickPen(QPen(s.foreground, 1));
    a->setSubTickPen(QPen(s.foreground, 1));
    a->grid()->setPen(QPen(s.grid, 1, Qt::SolidLine));
    a->grid()->setSubGridVisible(false);
    a->grid()->setZeroLinePen(Qt::NoPen);
}

// Replots a plot that changed while hidden as soon as it is shown.
class StaleReplotter : public QObject
{
public:
    using QObject::QObject;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::Show && watched->property("stale").toBool()) {
            watched->setProperty("stale", false);
            static_cast<QCustomPlot*>(watched)->replot(QCustomPlot::rpQueuedReplot);
        }
        return false;
    }
};

} // namespace

void replotWhenVisible(QCustomPlot& plot)
{
    if (plot.isVisible()) {
        plot.replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    if (!plot.property("stale").isValid())
        plot.installEventFilter(new StaleReplotter(&plot));
    plot.setProperty("stale", true);
}

void stylePlot(QCustomPlot& plot, const ChartStyle& style)
{
    plot.setBackground(style.background);
    plot.legend->setFont(style.font);
    plot.legend->setTextColor(style.foreground);
    plot.legend->setBorderPen(Qt::NoPen);
    plot.legend->setBrush(Qt::NoBrush);
    plot.setNoAntialiasingOnDrag(true);
    for (QCPAxisRect* r : plot.axisRects())
        styleAxisRect(r, style);
}

void styleAxisRect(QCPAxisRect* rect, const ChartStyle& style)
{
    for (QCPAxis* a : rect->axes())
        styleAxis(a, style);
    rect->setBackground(Qt::NoBrush);
}

namespace {

// Thins category labels to what the axis holds now: rotated labels need a line height (over the sine
// of the angle) between neighbours, level ones their width. Returns whether the ticks changed.
bool fitCategoryTicks(QCPAxis* axis, const QStringList& labels, int& shownEvery)
{
    const QFontMetricsF fm(axis->tickLabelFont());
    const double angle = std::abs(axis->tickLabelRotation()) * std::numbers::pi / 180.0;
    double widest = 0;
    for (const QString& l : labels)
        widest = std::max(widest, fm.horizontalAdvance(l));
    const double needed = angle > 0 ? (fm.height() + 2) / std::sin(angle) : widest + 8;
    const double perCategory = axis->axisRect()->width() / std::max(axis->range().size(), 1e-9);
    const int every = thinningStep(needed, perCategory, static_cast<int>(labels.size()));
    if (every == shownEvery)
        return false;
    shownEvery = every;
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    for (int i = 0; i < labels.size(); i += every)
        ticker->addTick(i, labels[i]);
    axis->setTicker(ticker);
    return true;
}

} // namespace

int thinningStep(double neededPixels, double pixelsPerItem, int count)
{
    if (pixelsPerItem * count <= neededPixels)
        return std::max(1, count);
    return std::max(1, static_cast<int>(std::ceil(neededPixels / pixelsPerItem)));
}

void refitAfterLayout(QCustomPlot& plot, QObject* context, std::function<bool()> fit)
{
    fit();
    QObject::connect(&plot, &QCustomPlot::afterLayout, context, [p = &plot, fit = std::move(fit)] {
        if (fit())
            p->replot(QCustomPlot::rpQueuedReplot);
    });
}

void setCategoryTicks(QCPAxis* axis, const std::vector<std::string>& names, const ChartStyle& style)
{
    QStringList labels;
    std::size_t longest = 0;
    for (const auto& n : names) {
        labels << QString::fromStdString(n);
        longest = std::max(longest, n.size());
    }
    const int n = static_cast<int>(names.size());
    axis->setTickLabelRotation(n > 6 || longest > 8 ? (style.print ? -45 : -60) : 0);
    axis->setSubTicks(false);
    axis->setTickLength(0, 4);
    axis->grid()->setVisible(false);
    axis->setRange(-0.6, n - 0.4);
    refitAfterLayout(*axis->parentPlot(), axis,
                     [axis, labels, every = 0]() mutable { return fitCategoryTicks(axis, labels, every); });
}

void enableZoomAndScroll(QCustomPlot& plot, Qt::Orientations orientations)
{
    QCPAxisRect* rect = plot.axisRect();
    plot.setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    rect->setRangeDrag(orientations);
    rect->setRangeZoom(orientations);
    for (QCPAxis* axis : {rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft)}) {
        const QCPRange full = axis->range();
        axis->setProperty("fullRange", QPointF(full.lower, full.upper));
        QObject::connect(axis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), axis,
                         [axis, full](const QCPRange& r) {
                             const QCPRange kept = r.size() >= full.size() ? full : r.bounded(full.lower, full.upper);
                             if (kept != r)
                                 axis->setRange(kept);
                         });
    }
    QObject::connect(&plot, &QCustomPlot::mouseDoubleClick, &plot, [p = &plot] { fitChart(*p); });
}

void shareKeyAxis(QCustomPlot& plot)
{
    QCPAxis* key = plot.axisRect()->axis(QCPAxis::atBottom);
    for (QCPAxisRect* rect : plot.axisRects()) {
        QCPAxis* other = rect->axis(QCPAxis::atBottom);
        if (other == key)
            continue;
        other->setRange(key->range());
        rect->setRangeDrag(Qt::Horizontal);
        rect->setRangeZoom(Qt::Horizontal);
        // Either axis may be dragged or zoomed; each copies the other's current range (not the signal's,
        // which the first axis' clamping may already have replaced).
        QObject::connect(key, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), other, [key, other] {
            if (other->range() != key->range())
                other->setRange(key->range());
        });
        QObject::connect(other, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), key, [key, other] {
            if (key->range() != other->range())
                key->setRange(other->range());
        });
    }
}

void fitChart(QCustomPlot& plot)
{
    for (QCPAxis* axis : plot.axisRect()->axes()) {
        const QVariant full = axis->property("fullRange");
        if (full.isValid())
            axis->setRange(full.toPointF().x(), full.toPointF().y());
    }
    plot.replot(QCustomPlot::rpQueuedReplot);
}

void setHighlightBand(QCustomPlot& plot, QCPAxisRect* rect, int key, const ChartStyle& style)
{
    QCPItemRect* band = nullptr;
    const QString name = QStringLiteral("highlight-%1").arg(reinterpret_cast<quintptr>(rect));
    for (int i = 0; i < plot.itemCount(); ++i)
        if (plot.item(i)->objectName() == name)
            band = qobject_cast<QCPItemRect*>(plot.item(i));
    if (!band) {
        band = new QCPItemRect(&plot);
        band->setObjectName(name);
        band->setClipAxisRect(rect);
        band->setLayer(QStringLiteral("background"));
        band->setPen(Qt::NoPen);
        band->setBrush(style.highlight);
        band->topLeft->setType(QCPItemPosition::ptPlotCoords);
        band->topLeft->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
        band->bottomRight->setType(QCPItemPosition::ptPlotCoords);
        band->bottomRight->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
        band->topLeft->setTypeY(QCPItemPosition::ptAxisRectRatio);
        band->bottomRight->setTypeY(QCPItemPosition::ptAxisRectRatio);
        band->topLeft->setAxisRect(rect);
        band->bottomRight->setAxisRect(rect);
    }
    band->setVisible(key >= 0);
    band->topLeft->setCoords(key - 0.5, 0);
    band->bottomRight->setCoords(key + 0.5, 1);
}

int categoryAt(QCPAxisRect* rect, const QPointF& pos, int count)
{
    if (!rect || !rect->rect().contains(pos.toPoint()))
        return -1;
    const int key = static_cast<int>(std::lround(rect->axis(QCPAxis::atBottom)->pixelToCoord(pos.x())));
    return key >= 0 && key < count ? key : -1;
}

void placeLegendRight(QCustomPlot& plot, const ChartStyle& style, const QString& heading, const QString& note,
                      const QColor& noteColor)
{
    auto* side = new QCPLayoutGrid;
    plot.plotLayout()->addElement(0, 1, side);
    const auto addText = [&](const QString& text, const QFont& font, const QColor& color) {
        auto* element = new QCPTextElement(&plot, text, font);
        element->setTextColor(color);
        element->setTextFlags(Qt::AlignLeft | Qt::AlignVCenter);
        side->addElement(side->rowCount(), 0, element);
    };
    if (!heading.isEmpty())
        addText(heading, style.font, style.foreground);
    side->addElement(side->rowCount(), 0, plot.legend);
    if (!note.isEmpty())
        addText(note, style.small, noteColor.isValid() ? noteColor : style.muted);
    const int fixedRows = side->rowCount();
    side->addElement(fixedRows, 0, new QCPLayoutElement(&plot));
    for (int r = 0; r < fixedRows; ++r)
        side->setRowStretchFactor(r, 0.001);
    side->setRowStretchFactor(fixedRows, 1);
    plot.legend->setVisible(true);
    plot.legend->setMargins(QMargins(4, 2, 6, 2));
    plot.plotLayout()->setColumnStretchFactor(1, 0.001);
}

QCustomPlot* replaceChartPlot(QCustomPlot* old, QBoxLayout* layout, QObject* owner, ChartMouseHooks hooks)
{
    delete old;
    auto* plot = new QCustomPlot(layout->parentWidget());
    plot->setMouseTracking(true);
    layout->addWidget(plot, 1);
    // A click selects; a press that drags scrolls the chart instead.
    QObject::connect(plot, &QCustomPlot::mousePress, owner,
                     [plot](QMouseEvent* e) { plot->setProperty("pressedAt", e->position().toPoint()); });
    QObject::connect(plot, &QCustomPlot::mouseRelease, owner,
                     [plot, click = std::move(hooks.leftClick)](QMouseEvent* e) {
                         const QPoint at = e->position().toPoint();
                         const QVariant pressed = plot->property("pressedAt");
                         if (e->button() == Qt::LeftButton && click && pressed.isValid()
                             && (pressed.toPoint() - at).manhattanLength() <= QApplication::startDragDistance())
                             click(at);
                     });
    QObject::connect(plot, &QCustomPlot::mouseMove, owner, [plot, tip = std::move(hooks.toolTip)](QMouseEvent* e) {
        const QString text = tip ? tip(e->position().toPoint()) : QString();
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(e->globalPosition().toPoint(), text, plot);
    });
    return plot;
}
