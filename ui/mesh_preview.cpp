#include "mesh_preview.h"

#include "session/project_summary.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace {

const QColor kNodeFill(0xdc, 0xe8, 0xf7);
const QColor kNodeEdge(0x4a, 0x78, 0xb5);
const QColor kDramFill(0xf3, 0xa2, 0x3c);
const QColor kDramEdge(0xb8, 0x6a, 0x0c);
const QColor kLink(0xa8, 0xb8, 0xcc);

constexpr double kMaxCell = 56;
constexpr double kMargin = 14;

} // namespace

MeshPreview::MeshPreview(QWidget* parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setToolTip(tr("The node mesh: each square is a node (a PE array with its global buffer); the "
                  "orange nodes are where DRAM attaches (the four corners in 2D, every node in 3D)."));
}

void MeshPreview::setArchitecture(const kapla::Architecture& arch)
{
    m_arch = arch;
    m_problem.clear();
    update();
}

void MeshPreview::setProblem(const QString& message)
{
    m_arch.reset();
    m_problem = message;
    update();
}

void MeshPreview::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF frame = QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5);
    p.setPen(palette().color(QPalette::Mid));
    p.setBrush(palette().color(QPalette::Base));
    p.drawRoundedRect(frame, 6, 6);

    const QRectF inner = frame.adjusted(kMargin, kMargin, -kMargin, -kMargin);
    if (!m_arch) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(inner, Qt::AlignCenter | Qt::TextWordWrap,
                   m_problem.isEmpty() ? tr("No architecture") : tr("Cannot draw the mesh:\n%1").arg(m_problem));
        return;
    }
    const QFontMetricsF fm(font());
    const double lineHeight = fm.height();
    QFont titleFont = font();
    titleFont.setBold(true);
    p.setFont(titleFont);
    p.setPen(palette().color(QPalette::Text));
    const QRectF titleRect(inner.left(), inner.top(), inner.width(), lineHeight);
    p.drawText(titleRect, Qt::AlignLeft | Qt::AlignVCenter,
               tr("%1 × %2 node mesh").arg(m_arch->nodes.h).arg(m_arch->nodes.w));
    p.setFont(font());

    const double legendHeight = 2 * lineHeight + 8;
    const QRectF meshArea(inner.left(), titleRect.bottom() + 8, inner.width(),
                          inner.height() - lineHeight - legendHeight - 16);
    paintMesh(p, meshArea);
    paintLegend(p, QRectF(inner.left(), inner.bottom() - legendHeight, inner.width(), legendHeight));
}

void MeshPreview::paintMesh(QPainter& p, const QRectF& area) const
{
    const int rows = std::max(m_arch->nodes.h, 1);
    const int cols = std::max(m_arch->nodes.w, 1);
    const double pitch = std::min({area.width() / cols, area.height() / rows, kMaxCell});
    const double gap = std::max(1.0, pitch * 0.22);
    const double cell = pitch - gap;
    const QPointF origin(area.center().x() - pitch * cols / 2 + gap / 2,
                         area.center().y() - pitch * rows / 2 + gap / 2);
    const auto cellRect = [&](int r, int c) {
        return QRectF(origin.x() + c * pitch, origin.y() + r * pitch, cell, cell);
    };

    // NoC links first, so the nodes sit on top of them.
    if (gap >= 3) {
        p.setPen(QPen(kLink, std::max(1.0, gap * 0.25)));
        for (int r = 0; r < rows; ++r)
            for (int c = 0; c < cols; ++c) {
                const QPointF centre = cellRect(r, c).center();
                if (c + 1 < cols)
                    p.drawLine(centre, cellRect(r, c + 1).center());
                if (r + 1 < rows)
                    p.drawLine(centre, cellRect(r + 1, c).center());
            }
    }
    const double radius = std::min(4.0, cell * 0.15);
    const bool labels = cell >= 22;
    QFont small = font();
    small.setPointSizeF(std::max(6.0, std::min(font().pointSizeF(), cell * 0.32)));
    p.setFont(small);
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c) {
            const bool dram = m_arch->dramRegion.contains({r, c});
            p.setPen(QPen(dram ? kDramEdge : kNodeEdge, cell >= 8 ? 1.2 : 0.6));
            p.setBrush(dram ? kDramFill : kNodeFill);
            const QRectF box = cellRect(r, c);
            p.drawRoundedRect(box, radius, radius);
            if (labels && dram) {
                p.setPen(Qt::white);
                p.drawText(box, Qt::AlignCenter, QStringLiteral("D"));
            }
        }
    p.setFont(font());
}

void MeshPreview::paintLegend(QPainter& p, const QRectF& area) const
{
    const QFontMetricsF fm(font());
    const double sw = fm.height() * 0.8;
    const auto swatch = [&](double y, const QColor& fill, const QColor& edge, const QString& text) {
        const QRectF box(area.left(), y + (fm.height() - sw) / 2, sw, sw);
        p.setPen(QPen(edge, 1.2));
        p.setBrush(fill);
        p.drawRoundedRect(box, 2, 2);
        p.setPen(palette().color(QPalette::Text));
        p.drawText(QRectF(box.right() + 6, y, area.width() - sw - 6, fm.height()), Qt::AlignLeft | Qt::AlignVCenter,
                   fm.elidedText(text, Qt::ElideRight, area.width() - sw - 6));
    };
    const auto& a = *m_arch;
    swatch(area.top(), kNodeFill, kNodeEdge,
           tr("node: %1 × %2 PEs, GBUF %3 words, REGF %4 words/PE")
               .arg(a.peArray.h)
               .arg(a.peArray.w)
               .arg(quantityText(a.gbufWords), quantityText(a.regfWords)));
    const auto dramNodes = a.dramRegion.dim.size();
    swatch(area.top() + fm.height() + 8, kDramFill, kDramEdge,
           tr("DRAM attached (%1, %2, %3 words/cycle)")
               .arg(dramNodes == 1 ? tr("1 node") : tr("%1 nodes").arg(dramNodes),
                    a.memType == kapla::MemType::TwoD ? tr("2D") : tr("3D stacked"), quantityText(a.dramBandwidth)));
}
