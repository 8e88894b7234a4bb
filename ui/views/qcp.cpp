#include "views/qcp.h"

#include <QBoxLayout>
#include <QToolTip>

#include <algorithm>
#include <cmath>

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

void setCategoryTicks(QCPAxis* axis, const std::vector<std::string>& names, const ChartStyle& style)
{
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    const int n = static_cast<int>(names.size());
    const int every = std::max(1, static_cast<int>(std::ceil(n / 40.0)));
    std::size_t longest = 0;
    for (int i = 0; i < n; i += every) {
        ticker->addTick(i, QString::fromStdString(names[static_cast<std::size_t>(i)]));
        longest = std::max(longest, names[static_cast<std::size_t>(i)].size());
    }
    axis->setTicker(ticker);
    axis->setTickLabelRotation(n > 6 || longest > 8 ? (style.print ? -45 : -60) : 0);
    axis->setSubTicks(false);
    axis->setTickLength(0, 4);
    axis->grid()->setVisible(false);
    axis->setRange(-0.6, n - 0.4);
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
    QObject::connect(plot, &QCustomPlot::mousePress, owner, [click = std::move(hooks.leftClick)](QMouseEvent* e) {
        if (e->button() == Qt::LeftButton && click)
            click(e->position().toPoint());
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
