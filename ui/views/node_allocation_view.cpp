#include "views/node_allocation_view.h"

#include "session/qt_text.h"
#include "session/selection_context.h"
#include "views/allocation_painter.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHelpEvent>
#include <QLabel>
#include <QMouseEvent>
#include <QPainter>
#include <QSignalBlocker>
#include <QToolTip>
#include <QVBoxLayout>

/// The painted mesh; asks its view for the allocation and the selection.
class MeshWidget : public QWidget
{
public:
    MeshWidget(const kapla::SegmentAllocation* alloc, SelectionContext* selection, QWidget* parent)
        : QWidget(parent)
        , m_alloc(alloc)
        , m_selection(selection)
        , m_style(screenChartStyle())
    {
        setMouseTracking(true);
        setMinimumSize(240, 240);
    }

    QRectF meshRect() const { return QRectF(rect()).adjusted(8, 8, -8, -8); }
    MeshGeometry meshGeom() const { return meshGeometry(meshRect(), m_alloc->mesh); }

    QString toolTipAt(const QPoint& pos) const
    {
        const auto node = meshGeom().nodeAt(pos);
        return node ? allocationToolTip(*m_alloc, *node, m_selection->layerIndex()) : QString();
    }

protected:
    void paintEvent(QPaintEvent*) override
    {
        QPainter p(this);
        p.fillRect(rect(), m_style.background);
        AllocationPaintOptions options{m_style, m_selection->layerIndex(), true, m_selection->node()};
        paintAllocation(p, meshRect(), *m_alloc, options);
    }

    // A click on a node of the selected layer focuses that node; a click on the focused node (or on
    // another layer's region) steps to the next layer sharing the node.
    void mousePressEvent(QMouseEvent* e) override
    {
        const auto node = meshGeom().nodeAt(e->position());
        if (e->button() != Qt::LeftButton || !node)
            return;
        if (selectedLayerHolds(*node) && m_selection->node() != node) {
            m_selection->selectNode(*node);
            return;
        }
        const int layer = allocationLayerAt(*m_alloc, *node, m_selection->layerIndex());
        if (layer < 0)
            return;
        m_selection->selectLayerIndex(layer);
        m_selection->selectNode(*node);
    }

    bool event(QEvent* e) override
    {
        if (e->type() == QEvent::ToolTip) {
            auto* help = static_cast<QHelpEvent*>(e);
            const QString tip = toolTipAt(help->pos());
            if (tip.isEmpty())
                QToolTip::hideText();
            else
                QToolTip::showText(help->globalPos(), tip, this);
            return true;
        }
        return QWidget::event(e);
    }

private:
    bool selectedLayerHolds(kapla::PhyDim2 node) const
    {
        const auto& result = m_selection->result();
        const int layer = m_selection->layerIndex();
        return result && layer >= 0
            && result->evaluation->layers[static_cast<std::size_t>(layer)].region.contains(node);
    }

    const kapla::SegmentAllocation* m_alloc;
    SelectionContext* m_selection;
    ChartStyle m_style;
};

NodeAllocationView::NodeAllocationView(SelectionContext* selection, QWidget* parent)
    : QWidget(parent)
    , m_selection(selection)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Segment:"), this));
    m_segments = new QComboBox(this);
    // Long segments list many layers: a fixed width keeps the view from widening the window.
    m_segments->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_segments->setMinimumContentsLength(28);
    bar->addWidget(m_segments);
    m_caption = new QLabel(this);
    m_caption->setWordWrap(true);
    bar->addWidget(m_caption, 1);
    layout->addLayout(bar);
    m_mesh = new MeshWidget(&m_alloc, selection, this);
    layout->addWidget(m_mesh, 1);
    auto* legend =
        new QLabel(tr("Each colour is a layer's node region; thick lines separate partition blocks "
                      "(outer levels thicker); the dark bars marked DRAM are the DRAM channels. Click a node to "
                      "focus it (the PE array tab and the loop nest show its share); click it again to step through "
                      "the layers that share it."),
                   this);
    legend->setWordWrap(true);
    layout->addWidget(legend);
    connect(m_segments, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (index >= 0)
            m_selection->selectSegment(index);
    });
    connect(m_selection, &SelectionContext::resultChanged, this, &NodeAllocationView::rebuild);
    connect(m_selection, &SelectionContext::selectionChanged, this, &NodeAllocationView::onSelection);
    connect(m_selection, &SelectionContext::nodeChanged, m_mesh, qOverload<>(&QWidget::update));
    rebuild();
}

QWidget* NodeAllocationView::mesh() const { return m_mesh; }

int NodeAllocationView::shownSegment() const { return m_selection->result() ? m_alloc.segment : -1; }

void NodeAllocationView::rebuild()
{
    const QSignalBlocker block(m_segments);
    m_segments->clear();
    const auto& result = m_selection->result();
    if (result)
        for (std::size_t s = 0; s < result->evaluation->segments.size(); ++s) {
            QStringList names;
            for (const auto& g : result->evaluation->segments[s].groups)
                for (const auto& n : g)
                    names << toQString(n);
            m_segments->addItem(QStringLiteral("%1: %2").arg(s + 1).arg(names.join(QStringLiteral(", "))));
        }
    m_alloc = kapla::SegmentAllocation{};
    showSegment(result ? std::max(0, m_selection->segment()) : -1);
}

void NodeAllocationView::showSegment(int segment)
{
    const auto& result = m_selection->result();
    if (!result || segment < 0) {
        m_alloc = kapla::SegmentAllocation{};
        m_caption->clear();
        m_mesh->update();
        return;
    }
    if (segment != m_alloc.segment || m_alloc.groups.empty())
        m_alloc = kapla::allocationData(*result->evaluation, result->project().network, result->architecture(),
                                        segment);
    {
        const QSignalBlocker block(m_segments);
        m_segments->setCurrentIndex(segment);
    }
    const auto& seg = result->evaluation->segments[static_cast<std::size_t>(segment)];
    m_caption->setText(tr("%1 mesh · %2 spatial group(s) · %3")
                           .arg(toQString(result->architecture().nodes.toString()))
                           .arg(seg.groups.size())
                           .arg(toQString(kapla::formatCycles(seg.time))));
    m_mesh->update();
}

void NodeAllocationView::onSelection()
{
    if (m_selection->result() && m_selection->segment() >= 0)
        showSegment(m_selection->segment());
    else
        m_mesh->update();
}

QPoint NodeAllocationView::nodeCenter(kapla::PhyDim2 node) const
{
    return m_mesh->meshGeom().tile(node).center().toPoint();
}

QString NodeAllocationView::toolTipAt(const QPoint& pos) const { return m_mesh->toolTipAt(pos); }
