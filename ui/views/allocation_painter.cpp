#include "views/allocation_painter.h"

#include "session/qt_text.h"

#include "report/vocabulary.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>
#include <QStringList>

#include <algorithm>
#include <cmath>

namespace {

using kapla::PhyDim2;

const kapla::GroupAllocation* groupOf(const kapla::SegmentAllocation& alloc, PhyDim2 node)
{
    for (const auto& g : alloc.groups)
        if (g.region.contains(node))
            return &g;
    return nullptr;
}

const kapla::NodeWork* workOf(const kapla::LayerAllocation& l, PhyDim2 node)
{
    for (const auto& w : l.nodes)
        if (w.coord == node)
            return &w;
    return nullptr;
}

// Levels of the partition hierarchy that split this layer (more than one block index among its nodes).
std::vector<std::size_t> splitLevels(const kapla::LayerAllocation& l)
{
    std::vector<std::size_t> out;
    for (std::size_t lvl = 0; lvl < kapla::kNumParallels; ++lvl)
        for (const auto& w : l.nodes)
            if (w.block[lvl] != l.nodes.front().block[lvl]) {
                out.push_back(lvl);
                break;
            }
    return out;
}

// Thickness of the line between two nodes of one layer: the outer the partition level they differ at, the thicker.
double separatorWidth(const kapla::NodeWork& a, const kapla::NodeWork& b, const std::vector<std::size_t>& levels,
                      double cell)
{
    for (std::size_t rank = 0; rank < levels.size(); ++rank)
        if (a.block[levels[rank]] != b.block[levels[rank]])
            return std::max(1.0, cell * (rank == 0 ? 0.12 : rank == 1 ? 0.05 : 0.025));
    return 0;
}

void paintSeparators(QPainter& p, const MeshGeometry& g, const kapla::LayerAllocation& l, const QColor& color)
{
    const auto levels = splitLevels(l);
    for (const auto& w : l.nodes)
        for (const PhyDim2 step : {PhyDim2{0, 1}, PhyDim2{1, 0}}) {
            const kapla::NodeWork* n = workOf(l, w.coord + step);
            if (!n)
                continue;
            const double width = separatorWidth(w, *n, levels, g.cell);
            if (width <= 0)
                continue;
            p.setPen(QPen(color, width, Qt::SolidLine, Qt::FlatCap));
            const QRectF a = g.cellRect(w.coord);
            if (step.w == 1)
                p.drawLine(QPointF(a.right(), a.top()), QPointF(a.right(), a.bottom()));
            else
                p.drawLine(QPointF(a.left(), a.bottom()), QPointF(a.right(), a.bottom()));
        }
}

// The layer's cells united, inset a little so neighbouring regions stay apart.
QPainterPath regionPath(const MeshGeometry& g, const kapla::LayerAllocation& l)
{
    QPainterPath path;
    path.setFillRule(Qt::WindingFill); // so simplified() unites the touching cells
    const double inset = g.cell * 0.04;
    for (const auto& w : l.nodes)
        path.addRect(g.cellRect(w.coord));
    QPainterPath out = path.simplified();
    QPainterPathStroker shrink;
    shrink.setWidth(2 * inset);
    shrink.setJoinStyle(Qt::MiterJoin);
    return out.subtracted(shrink.createStroke(out));
}

// The layer names (temporal order) and the shown layer's partition in a box: at the top of the region
// when node labels fill the tiles' lower halves, else in its centre; one name per line when the
// names do not fit on one; left out when nothing fits.
void paintLabel(QPainter& p, const MeshGeometry& g, const kapla::GroupAllocation& group,
                const kapla::LayerAllocation& shown, const ChartStyle& style, bool atTop)
{
    QRectF bounds;
    for (const auto& w : shown.nodes)
        bounds = bounds.united(g.tile(w.coord));
    QStringList names;
    for (const auto& l : group.layers)
        names << toQString(l.name);
    QFont tf = style.font;
    tf.setBold(true);
    const QFontMetricsF tm(tf), sm(style.small);
    const double room = bounds.width() + g.cell * 0.4;
    QStringList lines{names.join(QStringLiteral(" → "))};
    if (tm.horizontalAdvance(lines.front()) + 12 > room) {
        if (names.size() > 3) // a long temporal group: its ends and its length
            lines = QStringList{names.front(), QStringLiteral("→ … → %1").arg(names.back()),
                                QStringLiteral("(%1 layers)").arg(names.size())};
        else {
            lines = names;
            for (qsizetype i = 1; i < lines.size(); ++i)
                lines[i] = QStringLiteral("→ ") + lines[i];
        }
    }
    const QString sub = shown.partition != "none" ? toQString(shown.partition) : QString();
    double w = 0;
    for (const auto& l : lines)
        w = std::max(w, tm.horizontalAdvance(l));
    const bool withSub = !sub.isEmpty() && sm.horizontalAdvance(sub) + 12 <= room;
    if (withSub)
        w = std::max(w, sm.horizontalAdvance(sub));
    w += 12;
    const double h = tm.height() * static_cast<double>(lines.size()) + (withSub ? sm.height() : 0) + 6;
    if (w > room || h > bounds.height() + g.cell * 0.2)
        return;
    const double cy = atTop ? bounds.top() + std::max(h / 2 + 2, g.cell * 0.26) : bounds.center().y();
    const QRectF box(bounds.center().x() - w / 2, cy - h / 2, w, h);
    p.setPen(QPen(QColor(60, 60, 60), 1));
    p.setBrush(QColor(255, 255, 255, 230));
    p.drawRoundedRect(box, 4, 4);
    p.setPen(style.foreground);
    p.setFont(tf);
    double y = box.top() + 3;
    for (const auto& l : lines) {
        p.drawText(QRectF(box.left(), y, w, tm.height()), Qt::AlignCenter, l);
        y += tm.height();
    }
    if (withSub) {
        p.setFont(style.small);
        p.setPen(style.muted);
        p.drawText(QRectF(box.left(), y, w, sm.height()), Qt::AlignCenter, sub);
    }
}

// DRAM channels on the mesh edge are drawn as a labelled bar outside it, joined to their node; others
// (3D vaults) as a badge inside the node. The ring around the mesh is a quarter cell wide.
void paintDram(QPainter& p, const MeshGeometry& g, const kapla::SegmentAllocation& alloc, const ChartStyle& style)
{
    const QColor fill = style.dram;
    const double thick = std::max(6.0, g.cell * 0.18);
    const double length = std::max(12.0, g.cell * 0.62);
    QFont f = style.small;
    f.setBold(true);
    f.setPixelSize(std::max(6, static_cast<int>(thick * 0.7)));
    const QFontMetricsF fm(f);
    p.setFont(f);
    for (const PhyDim2 n : alloc.dramNodes) {
        const QRectF c = g.cellRect(n);
        const bool top = n.h == 0, bottom = n.h == alloc.mesh.h - 1, left = n.w == 0, right = n.w == alloc.mesh.w - 1;
        QRectF bar;
        QPointF joint;
        if (top || bottom) {
            const double y = top ? c.top() - thick - g.cell * 0.04 : c.bottom() + g.cell * 0.04;
            bar = QRectF(c.center().x() - length / 2, y, length, thick);
            joint = QPointF(c.center().x(), top ? c.top() + g.cell * 0.05 : c.bottom() - g.cell * 0.05);
        } else if (left || right) {
            const double x = left ? c.left() - thick - g.cell * 0.04 : c.right() + g.cell * 0.04;
            bar = QRectF(x, c.center().y() - length / 2, thick, length);
            joint = QPointF(left ? c.left() + g.cell * 0.05 : c.right() - g.cell * 0.05, c.center().y());
        } else {
            bar = QRectF(c.right() - g.cell * 0.1 - length * 0.6, c.top() + g.cell * 0.08, length * 0.6, thick);
            joint = bar.center();
        }
        p.setPen(QPen(fill, std::max(1.5, g.cell * 0.03)));
        p.drawLine(bar.center(), joint);
        p.setPen(Qt::NoPen);
        p.setBrush(fill);
        p.drawRoundedRect(bar, thick * 0.2, thick * 0.2);
        const bool vertical = bar.height() > bar.width();
        const QString label = toQString(std::string(kapla::termShortName(kapla::Term::Dram)));
        if (fm.horizontalAdvance(label) > (vertical ? bar.height() : bar.width()) - 4)
            continue;
        p.setPen(Qt::white);
        p.save();
        p.translate(bar.center());
        if (vertical)
            p.rotate(-90);
        p.drawText(QRectF(-length / 2, -thick / 2, length, thick), Qt::AlignCenter, label);
        p.restore();
    }
}

void paintNodeLabels(QPainter& p, const MeshGeometry& g, const kapla::LayerAllocation& l, const ChartStyle& style)
{
    QFont f = style.small;
    f.setPixelSize(
        std::clamp(static_cast<int>(g.cell * 0.2), 7, style.font.pixelSize() > 0 ? style.font.pixelSize() + 4 : 18));
    const QFontMetricsF fm(f);
    p.setFont(f);
    p.setPen(QColor(40, 40, 40));
    for (const auto& w : l.nodes) {
        const QRectF t = g.tile(w.coord);
        const QString text = toQString(w.label);
        if (!text.isEmpty() && fm.horizontalAdvance(text) < t.width() * 0.92)
            p.drawText(t.adjusted(0, t.height() * 0.5, 0, 0), Qt::AlignCenter, text);
    }
}

// A ring around the node in focus, thick enough to read on a small cell and on any layer colour.
void paintFocusRing(QPainter& p, const MeshGeometry& g, PhyDim2 node)
{
    const QRectF tile = g.tile(node);
    const double width = std::max(2.0, g.cell * 0.08);
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(QColor(255, 255, 255), width + 2));
    p.drawRect(tile.adjusted(width, width, -width, -width));
    p.setPen(QPen(focusNodeColor(), width));
    p.drawRect(tile.adjusted(width, width, -width, -width));
}

} // namespace

QRectF MeshGeometry::cellRect(PhyDim2 node) const
{
    return {mesh.left() + node.w * cell, mesh.top() + node.h * cell, cell, cell};
}

QRectF MeshGeometry::tile(PhyDim2 node) const
{
    const double gap = cell * 0.1;
    return {mesh.left() + node.w * cell + gap / 2, mesh.top() + node.h * cell + gap / 2, cell - gap, cell - gap};
}

std::optional<PhyDim2> MeshGeometry::nodeAt(const QPointF& pos) const
{
    if (cell <= 0 || !mesh.contains(pos))
        return std::nullopt;
    const PhyDim2 n{static_cast<int>((pos.y() - mesh.top()) / cell), static_cast<int>((pos.x() - mesh.left()) / cell)};
    if (n.h < 0 || n.w < 0 || n.h >= dim.h || n.w >= dim.w)
        return std::nullopt;
    return n;
}

MeshGeometry meshGeometry(const QRectF& rect, PhyDim2 dim)
{
    MeshGeometry g;
    g.dim = dim;
    if (dim.h <= 0 || dim.w <= 0)
        return g;
    // A quarter cell around the mesh for the DRAM markers.
    g.cell = std::min(rect.width() / (dim.w + 0.5), rect.height() / (dim.h + 0.5));
    const QSizeF size(g.cell * dim.w, g.cell * dim.h);
    g.mesh = QRectF(rect.center().x() - size.width() / 2, rect.center().y() - size.height() / 2, size.width(),
                    size.height());
    return g;
}

const kapla::LayerAllocation* displayedLayer(const kapla::GroupAllocation& group, int selectedLayer)
{
    for (const auto& l : group.layers)
        if (l.layer == selectedLayer)
            return &l;
    return group.layers.empty() ? nullptr : &group.layers.front();
}

void paintAllocation(QPainter& p, const QRectF& rect, const kapla::SegmentAllocation& alloc,
                     const AllocationPaintOptions& options)
{
    const MeshGeometry g = meshGeometry(rect, alloc.mesh);
    const bool nodeLabels = options.nodeLabels && g.cell >= 30;
    p.save();
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setPen(QPen(QColor(200, 200, 200), 1));
    p.setBrush(QColor(245, 245, 245));
    for (int h = 0; h < alloc.mesh.h; ++h)
        for (int w = 0; w < alloc.mesh.w; ++w)
            p.drawRect(g.tile({h, w}));
    for (const auto& group : alloc.groups) {
        const kapla::LayerAllocation* shown = displayedLayer(group, options.selectedLayer);
        if (!shown)
            continue;
        const bool selected = shown->layer == options.selectedLayer;
        const QPainterPath region = regionPath(g, *shown);
        const QColor color = layerColor(shown->layer);
        p.setPen(Qt::NoPen);
        p.setBrush(color);
        p.drawPath(region);
        p.save();
        p.setClipPath(region);
        paintSeparators(p, g, *shown, QColor(255, 255, 255));
        p.restore();
        if (nodeLabels)
            paintNodeLabels(p, g, *shown, options.style);
        p.setBrush(Qt::NoBrush);
        p.setPen(
            QPen(selected ? QColor(20, 20, 20) : color.darker(170), selected ? std::max(2.5, g.cell * 0.06) : 1.2));
        p.drawPath(region);
    }
    paintDram(p, g, alloc, options.style);
    for (const auto& group : alloc.groups)
        if (const auto* shown = displayedLayer(group, options.selectedLayer))
            paintLabel(p, g, group, *shown, options.style, nodeLabels);
    if (options.focusNode)
        paintFocusRing(p, g, *options.focusNode);
    p.restore();
}

QString allocationToolTip(const kapla::SegmentAllocation& alloc, PhyDim2 node, int selectedLayer)
{
    QStringList lines;
    lines << QStringLiteral("node (%1, %2)").arg(node.h).arg(node.w);
    if (std::find(alloc.dramNodes.begin(), alloc.dramNodes.end(), node) != alloc.dramNodes.end())
        lines << QStringLiteral("DRAM channel attached");
    const kapla::GroupAllocation* group = groupOf(alloc, node);
    if (!group || group->layers.empty()) {
        lines << QStringLiteral("idle in segment %1").arg(alloc.segment + 1);
        return lines.join(QLatin1Char('\n'));
    }
    for (const auto& l : group->layers) {
        const kapla::NodeWork* w = workOf(l, node);
        QString line = QStringLiteral("%1%2").arg(l.layer == selectedLayer ? QStringLiteral("▸ ") : QString(),
                                                  toQString(l.name));
        if (w && !w->label.empty())
            line += QStringLiteral(" · part %1").arg(toQString(w->label));
        if (w)
            line += QStringLiteral(" · %1% of its work").arg(100.0 * w->share, 0, 'f', w->share < 0.01 ? 2 : 1);
        lines << line;
    }
    const auto* shown = displayedLayer(*group, selectedLayer);
    lines << QStringLiteral("partition %1").arg(toQString(shown->partition));
    return lines.join(QLatin1Char('\n'));
}

int allocationLayerAt(const kapla::SegmentAllocation& alloc, PhyDim2 node, int selectedLayer)
{
    const kapla::GroupAllocation* group = groupOf(alloc, node);
    if (!group || group->layers.empty())
        return -1;
    for (std::size_t i = 0; i < group->layers.size(); ++i)
        if (group->layers[i].layer == selectedLayer)
            return group->layers[(i + 1) % group->layers.size()].layer;
    return group->layers.front().layer;
}
