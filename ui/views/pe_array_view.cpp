#include "views/pe_array_view.h"

#include "session/qt_text.h"
#include "session/selection_context.h"
#include "views/chart_style.h"

#include "report/chart_data.h"
#include "report/node_ranges.h"
#include "report/vocabulary.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <optional>

namespace {

using kapla::IndexRange;
using kapla::TensorTile;

constexpr std::array<kapla::Term, 3> kLevelTerm{kapla::Term::Dram, kapla::Term::Gbuf, kapla::Term::Regf};
constexpr std::array<const char*, 3> kLevelRole{"fills the GBUF", "fills the REGFs", "one array pass"};

// Level colours, light to dark: a REGF tile sits inside its GBUF tile inside its DRAM tile.
QColor levelColor(std::size_t level)
{
    static const std::array<QColor, 3> colors{QColor(158, 202, 225), QColor(66, 146, 198), QColor(8, 69, 148)};
    return colors[level];
}

// What moved the walk into `step`.
QString stepEvent(const kapla::LoopStep& step)
{
    if (step.changed)
        return PeArrayView::tr("loop %1 advanced").arg(*step.changed + 1);
    if (step.foldRound > 0)
        return PeArrayView::tr("the next fold round of the same pass");
    return PeArrayView::tr("start");
}

// The other mapping's tiles are outlined in this colour.
const QColor kOtherTileColor(213, 94, 0);

QString rangeText(const char* dim, IndexRange r, IndexRange whole)
{
    if (whole.size() == 0)
        return {};
    if (r == whole)
        return QStringLiteral("%1 all %2").arg(QLatin1String(dim)).arg(whole.size());
    if (r.size() == 1)
        return QStringLiteral("%1 %2").arg(QLatin1String(dim)).arg(r.begin);
    return QStringLiteral("%1 %2–%3").arg(QLatin1String(dim)).arg(r.begin).arg(r.end - 1);
}

// The two dimensions a tensor block is drawn over: channels across, samples (or filters' input
// channels) down.
struct BlockAxes {
    IndexRange TensorTile::*across;
    IndexRange TensorTile::*down;
    const char* acrossName;
    const char* downName;
};

BlockAxes axesOf(std::size_t category)
{
    switch (category) {
    case 0: return {&TensorTile::k, &TensorTile::c, "K", "C"};
    case 1: return {&TensorTile::c, &TensorTile::n, "C", "N"};
    default: return {&TensorTile::k, &TensorTile::n, "K", "N"};
    }
}

// "GBUF", "REGF", and "DRAM" (whose name is its short form).
QString levelName(std::size_t level)
{
    const kapla::TermInfo& info = kapla::termInfo(kLevelTerm[level]);
    return toQString(std::string(info.symbol.empty() ? info.name : info.symbol));
}

QString mappingName(kapla::MappingKind kind)
{
    return toQString(
        kapla::termLabel(kind == kapla::MappingKind::Eyeriss ? kapla::Term::RowStationary : kapla::Term::Systolic));
}

kapla::MappingKind otherThan(kapla::MappingKind kind)
{
    return kind == kapla::MappingKind::Eyeriss ? kapla::MappingKind::Systolic : kapla::MappingKind::Eyeriss;
}

// The step of `to`'s walk at the same fraction of the layer's work as `index` of a walk of `length`.
std::int64_t sameProgress(std::int64_t index, std::int64_t length, const kapla::LoopScheme& to)
{
    const std::int64_t otherLength = kapla::walkLength(to);
    return length <= 1 ? 0 : static_cast<std::int64_t>(static_cast<long double>(index) * otherLength / length);
}

QColor copyColor(int copy)
{
    static const std::array<QColor, 6> colors{QColor(230, 159, 0),  QColor(86, 180, 233),  QColor(0, 158, 115),
                                              QColor(240, 228, 66), QColor(204, 121, 167), QColor(213, 94, 0)};
    return colors[static_cast<std::size_t>(copy) % colors.size()];
}

} // namespace

/// Paints the step: the PE array(s) with the node region beside them, and the tensors' tiles per
/// level below. Laid out for kDesignSize; a smaller canvas is drawn scaled down (to kMinScale), so the
/// whole step is in view at the window's default size.
class PeStepCanvas : public QWidget
{
public:
    static constexpr QSizeF kDesignSize{780, 480};
    static constexpr double kMinScale = 0.7;

    explicit PeStepCanvas(PeArrayView* view)
        : QWidget(view)
        , m_view(view)
    {
        setMinimumSize((kDesignSize * kMinScale).toSize());
    }

    /// Centre of a node of the region thumbnail as last painted; none outside it.
    std::optional<QPoint> nodeCenter(kapla::PhyDim2 node) const;

protected:
    void paintEvent(QPaintEvent*) override;
    void mousePressEvent(QMouseEvent* e) override;

private:
    void paintRegion(QPainter& p, const QRectF& box);
    /// The region thumbnail's node under a canvas position, if any.
    std::optional<kapla::PhyDim2> nodeAt(QPointF pos) const;
    QStringList sideTitle(const kapla::LoopScheme& s, const QString& origin, bool cheaper) const;
    QRectF paintPeArray(QPainter& p, QPointF at, const kapla::LoopScheme& scheme, const kapla::LoopStep& step,
                        const QStringList& title);
    void paintTensors(QPainter& p, QPointF at);
    void paintBlock(QPainter& p, const QRectF& r, std::size_t category, std::size_t level);

    PeArrayView* m_view;
    // Where the last paint put the region thumbnail (design coordinates) and how much it was scaled.
    QPointF m_meshOrigin;
    double m_meshCell = 0;
    kapla::PhyDim2 m_mesh{0, 0};
    double m_scale = 1;
};

void PeStepCanvas::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.fillRect(rect(), Qt::white);
    p.setRenderHint(QPainter::Antialiasing);
    const auto& scheme = m_view->scheme();
    if (!scheme) {
        p.drawText(rect(), Qt::AlignCenter, tr("Select a layer to walk its loop nest."));
        return;
    }
    const double scale = std::min({1.0, width() / kDesignSize.width(), height() / kDesignSize.height()});
    p.scale(scale, scale);
    m_scale = scale;
    const auto& other = m_view->otherMapping();
    const bool comparing = m_view->compareBox()->isChecked();
    // The cheaper side (by the layer's energy) is marked once both are known.
    const auto cheaper = [&](const kapla::LoopScheme& s, const kapla::LoopScheme& than) {
        return comparing && other && s.evaluation->cost < than.evaluation->cost;
    };
    constexpr double kTop = 8, kGap = 22;
    QRectF arrays = paintPeArray(p, {8, kTop}, *scheme, m_view->step(),
                                 sideTitle(*scheme, tr("the schedule's"), other && cheaper(*scheme, *other)));
    if (comparing && other) {
        arrays |= paintPeArray(p, {arrays.right() + kGap, kTop}, *other, m_view->otherStep(),
                               sideTitle(*other, tr("solved alone"), cheaper(*other, *scheme)));
    } else if (comparing) {
        const QRectF note(arrays.right() + kGap, kTop, 220, 120);
        p.setPen(QColor(90, 90, 90));
        p.drawText(note, Qt::AlignLeft | Qt::TextWordWrap, m_view->otherProblem());
        arrays |= note;
    }
    const double regionLeft = arrays.right() + kGap;
    paintRegion(p, QRectF(regionLeft, kTop, std::max(180.0, kDesignSize.width() - regionLeft - 8), arrays.height()));
    paintTensors(p, {8, arrays.bottom() + 10});
}

void PeStepCanvas::mousePressEvent(QMouseEvent* e)
{
    const auto node = e->button() == Qt::LeftButton ? nodeAt(e->position() / m_scale) : std::nullopt;
    if (node)
        m_view->selection()->selectNode(*node);
}

std::optional<kapla::PhyDim2> PeStepCanvas::nodeAt(QPointF pos) const
{
    if (m_meshCell <= 0)
        return std::nullopt;
    const QPointF rel = (pos - m_meshOrigin) / m_meshCell;
    const kapla::PhyDim2 node{static_cast<int>(std::floor(rel.y())), static_cast<int>(std::floor(rel.x()))};
    if (node.h < 0 || node.w < 0 || node.h >= m_mesh.h || node.w >= m_mesh.w)
        return std::nullopt;
    return node;
}

std::optional<QPoint> PeStepCanvas::nodeCenter(kapla::PhyDim2 node) const
{
    if (m_meshCell <= 0 || node.h < 0 || node.w < 0 || node.h >= m_mesh.h || node.w >= m_mesh.w)
        return std::nullopt;
    const QPointF centre = m_meshOrigin + QPointF(node.w + 0.5, node.h + 0.5) * m_meshCell;
    return (centre * m_scale).toPoint();
}

// The layer's nodes on the mesh with the focused node dark (click one to focus it), what that node
// owns of the tensors, what one node computes and what moved the walk, wrapped into `box`.
void PeStepCanvas::paintRegion(QPainter& p, const QRectF& box)
{
    const kapla::LoopScheme& s = *m_view->scheme();
    const kapla::NodeRegion& region = s.evaluation->region;
    const kapla::PhyDim2 mesh{std::max(region.origin.h + region.dim.h, 1), std::max(region.origin.w + region.dim.w, 1)};
    const double cell = std::clamp(64.0 / std::max(mesh.h, mesh.w), 2.0, 12.0);
    p.setPen(Qt::black);
    const QString caption = tr("%1 on %2 nodes (the node in focus is dark; click one to focus it)")
                                .arg(toQString(s.evaluation->name))
                                .arg(region.dim.size());
    QRectF used;
    p.drawText(QRectF(box.left(), box.top(), box.width(), 40), Qt::AlignLeft | Qt::TextWordWrap, caption, &used);
    const QPointF origin(box.left(), used.bottom() + 4);
    m_meshOrigin = origin;
    m_meshCell = cell;
    m_mesh = mesh;
    const kapla::PhyDim2 focusNode = m_view->focusNode();
    for (int h = 0; h < mesh.h; ++h)
        for (int w = 0; w < mesh.w; ++w) {
            const bool in = region.contains({h, w});
            const bool focus = focusNode == kapla::PhyDim2{h, w};
            p.setPen(Qt::NoPen);
            p.setBrush(focus ? focusNodeColor() : in ? QColor(158, 202, 225) : QColor(235, 235, 235));
            p.drawRect(QRectF(origin.x() + w * cell, origin.y() + h * cell, cell - 1, cell - 1));
        }
    const kapla::Layer& l = s.part.layer;
    const QString facts = tr("%1\n\nOne node computes %2 → %3 channels, %4 output, %5 sample(s).\n\nStep %6: %7.")
                              .arg(m_view->nodeCaption())
                              .arg(l.nifm)
                              .arg(l.nofm())
                              .arg(toQString(l.sofm().toString()))
                              .arg(s.part.batch)
                              .arg(m_view->step().index + 1)
                              .arg(stepEvent(m_view->step()));
    p.setPen(Qt::black);
    p.drawText(QRectF(box.left(), origin.y() + mesh.h * cell + 8, box.width(), 200), Qt::AlignLeft | Qt::TextWordWrap,
               facts);
}

// "Row stationary · the schedule's" over "3.70 mJ · 119,808 cycles", the cheaper side marked.
QStringList PeStepCanvas::sideTitle(const kapla::LoopScheme& s, const QString& origin, bool cheaper) const
{
    const std::string& unit = m_view->energyUnit();
    const QString figures = tr("%1 · %2 cycles")
                                .arg(toQString(kapla::formatEnergy(s.evaluation->cost, unit)),
                                     groupDigitsText(s.evaluation->time));
    return {tr("%1 · %2").arg(mappingName(s.mapping), origin), cheaper ? tr("%1 · cheaper").arg(figures) : figures};
}

// One PE array under its title: each PE coloured by its copy, labelled with what it holds (when the
// cells are big enough to read), then what the labels and colours mean; returns its bounds.
QRectF PeStepCanvas::paintPeArray(QPainter& p, QPointF at, const kapla::LoopScheme& s, const kapla::LoopStep& step,
                                  const QStringList& title)
{
    const std::vector<kapla::PeWork> work = kapla::peWork(s, step);
    const kapla::PhyDim2 array = s.peArray;
    const double cell = std::clamp(160.0 / std::max(array.h, array.w), 6.0, 22.0);
    const bool rs = s.mapping == kapla::MappingKind::Eyeriss;
    const auto busy = std::count_if(work.begin(), work.end(), [](const kapla::PeWork& w) { return w.copy >= 0; });
    QStringList lines = title;
    lines << tr("step %1 of %2 · %3 of %4 PEs busy")
                 .arg(step.index + 1)
                 .arg(kapla::walkLength(s))
                 .arg(busy)
                 .arg(array.size());
    if (s.foldRounds > 1) {
        // The filter rows do not fit the array's height: each pass runs them in rounds.
        const kapla::IndexRange rows = kapla::foldRoundRows(s, step.foldRound);
        lines << tr("fold round %1 of %2: filter rows %3–%4")
                     .arg(step.foldRound + 1)
                     .arg(s.foldRounds)
                     .arg(rows.begin)
                     .arg(rows.end - 1);
    }
    double width = array.w * cell;
    double y = at.y();
    for (int i = 0; i < lines.size(); ++i) {
        QFont f = font();
        f.setBold(i == 0);
        p.setFont(f);
        p.setPen(Qt::black);
        y += p.fontMetrics().height();
        p.drawText(QPointF(at.x(), y - p.fontMetrics().descent()), lines[i]);
        width = std::max(width, p.fontMetrics().horizontalAdvance(lines[i]) + 0.0);
    }
    p.setFont(font());
    const QPointF origin(at.x(), y + 4);
    QFont small = font();
    small.setPointSizeF(std::max(5.0, cell / 3.6));
    p.setFont(small);
    for (int r = 0; r < array.h; ++r)
        for (int c = 0; c < array.w; ++c) {
            const kapla::PeWork& w = work[static_cast<std::size_t>(r * array.w + c)];
            const QRectF cellRect(origin.x() + c * cell, origin.y() + r * cell, cell - 2, cell - 2);
            p.setPen(QPen(QColor(150, 150, 150), 1));
            p.setBrush(w.copy < 0 ? QColor(240, 240, 240) : copyColor(w.copy));
            p.drawRect(cellRect);
            if (w.copy < 0 || cell < 16)
                continue;
            p.setPen(Qt::black);
            const QString label =
                rs ? QStringLiteral("r%1\nP%2").arg(w.filterRow).arg(w.outputRow)
                   : QStringLiteral("p%1,%2\nK%3").arg(w.outputRow).arg(w.outputCol).arg(w.outputChannel);
            p.drawText(cellRect, Qt::AlignCenter, label);
        }
    p.setFont(font());
    // Legend: what a PE's label means and which channels each copy takes.
    const double legendY = origin.y() + array.h * cell + p.fontMetrics().ascent() + 2;
    p.setPen(Qt::black);
    const QString legend = rs ? tr("rN: filter row N · PN: output row N")
                              : tr("p r,c: output pixel · KN: output channel");
    p.drawText(QPointF(origin.x(), legendY), legend);
    width = std::max(width, p.fontMetrics().horizontalAdvance(legend) + 0.0);
    int copies = 0;
    for (const auto& w : work)
        copies = std::max(copies, w.copy + 1);
    double x = origin.x();
    for (int copy = 0; copy < copies && copy < 4; ++copy) {
        const auto it = std::find_if(work.begin(), work.end(),
                                     [copy](const kapla::PeWork& w) { return w.copy == copy; });
        if (it == work.end())
            continue;
        p.setBrush(copyColor(copy));
        p.setPen(Qt::NoPen);
        p.drawRect(QRectF(x, legendY + 6, 10, 10));
        p.setPen(Qt::black);
        const QString text = it->inputChannel >= 0 && it->inputChannel != it->outputChannel
                               ? tr("C%1→K%2, N%3").arg(it->inputChannel).arg(it->outputChannel).arg(it->sample)
                               : tr("K%1, N%2").arg(it->outputChannel).arg(it->sample);
        p.drawText(QPointF(x + 13, legendY + 16), text);
        x += 13 + p.fontMetrics().horizontalAdvance(text) + 8;
    }
    // The legend's lines count too: the next array is placed after the widest of them.
    width = std::max(width, x - at.x());
    return QRectF(at, QSizeF(width, legendY + 20 - at.y()));
}

// Filters, inputs and outputs (rows) at DRAM, GBUF and REGF (columns).
void PeStepCanvas::paintTensors(QPainter& p, QPointF at)
{
    const auto highlighted = m_view->highlightedLevel();
    constexpr double kLabel = 70, kW = 210, kH = 28, kGapX = 20, kGapY = 34;
    for (std::size_t level = 0; level < 3; ++level) {
        const double x = at.x() + kLabel + level * (kW + kGapX);
        p.setPen(Qt::black);
        QFont bold = font();
        bold.setBold(highlighted == level);
        p.setFont(bold);
        p.drawText(QPointF(x, at.y() + 12), tr("%1: %2").arg(levelName(level), tr(kLevelRole[level])));
        p.setFont(font());
        if (highlighted == level) {
            p.setPen(QPen(QColor(230, 159, 0), 3));
            p.setBrush(Qt::NoBrush);
            p.drawRoundedRect(QRectF(x - 6, at.y() - 4, kW + 12, 3 * (kH + kGapY) + 20), 6, 6);
        }
    }
    for (std::size_t d = 0; d < 3; ++d) {
        const double y = at.y() + 20 + d * (kH + kGapY);
        p.setPen(Qt::black);
        p.drawText(QRectF(at.x(), y, kLabel - 6, kH), Qt::AlignLeft | Qt::AlignVCenter,
                   toQString(std::string(kapla::termInfo(kapla::categoryTerm(d)).name)));
        for (std::size_t level = 0; level < 3; ++level)
            paintBlock(p, QRectF(at.x() + kLabel + level * (kW + kGapX), y, kW, kH), d, level);
    }
    if (m_view->compareBox()->isChecked() && m_view->otherMapping()) {
        p.setPen(kOtherTileColor);
        p.drawText(QPointF(at.x() + kLabel, at.y() + 20 + 3 * (kH + kGapY) + 6),
                   tr("Dashed: the tile %1 works on at the same point of the layer's work")
                       .arg(mappingName(m_view->otherMapping()->mapping)));
    }
}

// The whole per-node tensor with the level's tile filled, and the tile's ranges below it.
void PeStepCanvas::paintBlock(QPainter& p, const QRectF& r, std::size_t category, std::size_t level)
{
    const TensorTile& whole = m_view->step().whole[category];
    const TensorTile& tile = m_view->step().tiles[level][category];
    const BlockAxes axes = axesOf(category);
    const IndexRange wa = whole.*axes.across, wd = whole.*axes.down;
    p.setPen(QPen(QColor(120, 120, 120), 1));
    p.setBrush(QColor(245, 245, 245));
    p.drawRect(r);
    if (wa.size() == 0 && (whole.*axes.down).size() == 0) {
        p.drawText(r, Qt::AlignCenter, tr("none"));
        return;
    }
    const auto span = [](IndexRange t, IndexRange w, double from, double length) {
        if (w.size() == 0)
            return std::pair<double, double>{from, length};
        const double a = from + length * (t.begin - w.begin) / w.size();
        return std::pair<double, double>{a, std::max(2.0, length * t.size() / w.size())};
    };
    const auto [x, w] = span(tile.*axes.across, wa, r.left(), r.width());
    const auto [y, h] = span(tile.*axes.down, wd, r.top(), r.height());
    p.setPen(Qt::NoPen);
    p.setBrush(levelColor(level));
    p.drawRect(QRectF(x, y, w, h));
    if (m_view->compareBox()->isChecked() && m_view->otherMapping()) {
        // The other mapping's tile at the same point of the work, outlined over the same tensor.
        const TensorTile& other = m_view->otherStep().tiles[level][category];
        const auto [ox, ow] = span(other.*axes.across, wa, r.left(), r.width());
        const auto [oy, oh] = span(other.*axes.down, wd, r.top(), r.height());
        p.setPen(QPen(kOtherTileColor, 2, Qt::DashLine));
        p.setBrush(Qt::NoBrush);
        p.drawRect(QRectF(ox, oy, ow, oh));
    }
    p.setPen(QColor(80, 80, 80));
    QStringList parts;
    for (const auto& [dim, range] :
         {std::pair{"N", &TensorTile::n}, std::pair{"C", &TensorTile::c}, std::pair{"K", &TensorTile::k},
          std::pair{category == 0 ? "R" : "rows", &TensorTile::rows},
          std::pair{category == 0 ? "S" : "cols", &TensorTile::cols}}) {
        const QString text = rangeText(dim, tile.*range, whole.*range);
        if (!text.isEmpty())
            parts << text;
    }
    p.drawText(QRectF(r.left(), r.bottom() + 1, r.width() + 16, 32), Qt::AlignLeft | Qt::TextWordWrap,
               parts.join(QStringLiteral(" · ")));
}

PeArrayView::PeArrayView(SelectionContext* selection, QWidget* parent)
    : QWidget(parent)
    , m_selection(selection)
{
    const auto button = [this](const QString& text, const QString& tip) {
        auto* b = new QToolButton(this);
        b->setText(text);
        b->setToolTip(tip);
        return b;
    };
    m_reset = button(tr("Reset"), tr("Back to the first step"));
    m_back = button(tr("◀ Step"), tr("One step back"));
    m_forward = button(tr("Step ▶"), tr("One step of the innermost loop"));
    m_play = button(tr("Play"), tr("Walk the loop nest"));
    m_play->setCheckable(true);
    m_slider = new QSlider(Qt::Horizontal, this);
    m_position = new QLabel(this);
    m_speed = new QSpinBox(this);
    m_speed->setRange(1, 50);
    m_speed->setValue(4);
    m_speed->setSuffix(tr(" steps/s"));
    m_compare = new QCheckBox(tr("Compare mappings"), this);
    m_compare->setToolTip(tr("Solve this layer under the other PE-array mapping (same partition and buffers) and "
                             "walk it beside the schedule's"));
    m_compare->setChecked(true);
    m_timer = new QTimer(this);
    m_remapRunner = new LayerRemapRunner(this);
    m_canvas = new PeStepCanvas(this);

    auto* controls = new QHBoxLayout;
    for (QWidget* w : std::initializer_list<QWidget*>{m_reset, m_back, m_forward, m_play})
        controls->addWidget(w);
    controls->addWidget(m_slider, 1);
    controls->addWidget(m_position);
    controls->addWidget(m_speed);
    controls->addWidget(m_compare);
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(m_canvas);
    scroll->setWidgetResizable(true);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(controls);
    layout->addWidget(scroll, 1);

    connect(m_reset, &QToolButton::clicked, this, [this] { m_selection->selectLoopStep(0); });
    connect(m_back, &QToolButton::clicked, this, [this] { m_selection->selectLoopStep(m_step.index - 1); });
    connect(m_forward, &QToolButton::clicked, this, &PeArrayView::advance);
    connect(m_slider, &QSlider::valueChanged, this, [this](int v) { m_selection->selectLoopStep(v); });
    connect(m_play, &QToolButton::toggled, this, [this](bool on) {
        m_play->setText(on ? tr("Pause") : tr("Play"));
        if (on)
            m_timer->start(1000 / m_speed->value());
        else
            m_timer->stop();
    });
    connect(m_speed, &QSpinBox::valueChanged, this, [this](int v) { m_timer->setInterval(1000 / v); });
    connect(m_timer, &QTimer::timeout, this, &PeArrayView::advance);
    connect(m_compare, &QCheckBox::toggled, m_canvas, qOverload<>(&QWidget::update));
    connect(m_remapRunner, &LayerRemapRunner::finished, this, &PeArrayView::onRemapped);
    connect(m_selection, &SelectionContext::resultChanged, this, &PeArrayView::refresh);
    connect(m_selection, &SelectionContext::layerChanged, this, &PeArrayView::refresh);
    connect(m_selection, &SelectionContext::loopStepChanged, this, &PeArrayView::showStep);
    connect(m_selection, &SelectionContext::loopChanged, m_canvas, qOverload<>(&QWidget::update));
    connect(m_selection, &SelectionContext::nodeChanged, m_canvas, qOverload<>(&QWidget::update));
    refresh();
}

std::optional<std::size_t> PeArrayView::highlightedLevel() const
{
    if (!m_scheme)
        return std::nullopt;
    const auto loops = m_scheme->loops();
    const int picked = m_selection->loop();
    if (picked >= 0 && static_cast<std::size_t>(picked) < loops.size())
        return loops[static_cast<std::size_t>(picked)].level;
    if (m_step.changed)
        return loops[*m_step.changed].level;
    if (m_step.foldRound > 0)
        return kapla::kNumBlockingLevels - 1; // another round of the same array pass
    return std::nullopt;
}

kapla::MappingKind PeArrayView::otherKind() const
{
    return otherThan(m_scheme ? m_scheme->mapping : kapla::MappingKind::Eyeriss);
}

QString PeArrayView::otherProblem() const
{
    if (!m_scheme || m_other)
        return {};
    const QString layer = toQString(m_scheme->evaluation->name);
    if (m_remapRunner->isRunning() || !m_remap)
        return tr("Solving %1 under %2 (same partition and buffers)…").arg(layer, mappingName(otherKind()));
    return tr("%1 cannot be mapped %2: %3").arg(layer, mappingName(otherKind()), toQString(m_remap->remapped.problem));
}

kapla::PhyDim2 PeArrayView::focusNode() const { return m_selection->focusNode().value_or(kapla::PhyDim2{0, 0}); }

QString PeArrayView::nodeCaption() const
{
    if (!m_scheme || !m_run || !m_run->evaluation)
        return {};
    return toQString(kapla::describeNodeShare(*m_scheme, m_run->evaluation->batch, focusNode()));
}

std::optional<QPoint> PeArrayView::nodeCenter(kapla::PhyDim2 node) const { return m_canvas->nodeCenter(node); }

QWidget* PeArrayView::canvas() const { return m_canvas; }

const std::string& PeArrayView::energyUnit() const
{
    static const std::string none;
    return m_run && m_run->evaluation ? m_run->evaluation->energyUnit : none;
}

void PeArrayView::refresh()
{
    const auto& result = m_selection->result();
    const int layer = m_selection->layerIndex();
    if (result == m_run && layer == m_layer)
        return;
    m_run = result;
    m_layer = layer;
    m_scheme.reset();
    m_other.reset();
    m_remap.reset();
    m_remapRunner->abandon();
    if (result && result->evaluation && layer >= 0)
        m_scheme = kapla::loopScheme(result->project(), result->architecture(), *result->evaluation, layer);
    if (m_scheme)
        m_remapRunner->start(result, layer, otherKind());
    m_play->setChecked(false);
    const qint64 steps = m_scheme ? kapla::walkLength(*m_scheme) : 1;
    const QSignalBlocker block(m_slider);
    m_slider->setRange(0, static_cast<int>(std::min<qint64>(steps - 1, std::numeric_limits<int>::max())));
    for (QWidget* w : std::initializer_list<QWidget*>{m_reset, m_back, m_forward, m_play, m_slider, m_compare})
        w->setEnabled(m_scheme.has_value());
    showStep();
}

void PeArrayView::onRemapped(const LayerRemapAnswerPtr& answer)
{
    if (!m_scheme || answer->run != m_run || answer->layer != m_layer)
        return;
    m_remap = answer;
    if (const auto& le = answer->remapped.evaluation)
        m_other = kapla::loopScheme(m_run->project(), m_run->architecture(), *le, m_run->evaluation->batch,
                                    answer->remapped.mapping);
    showStep();
    Q_EMIT otherMappingReady();
}

void PeArrayView::showStep()
{
    if (m_scheme)
        m_step = kapla::walkStep(*m_scheme, m_selection->loopStep());
    else
        m_step = {};
    m_otherStep = m_other
                    ? kapla::walkStep(*m_other, sameProgress(m_step.index, kapla::walkLength(*m_scheme), *m_other))
                    : kapla::LoopStep{};
    {
        const QSignalBlocker block(m_slider);
        m_slider->setValue(static_cast<int>(m_step.index));
    }
    m_position->setText(m_scheme ? tr("step %1 of %2").arg(m_step.index + 1).arg(kapla::walkLength(*m_scheme))
                                 : QString());
    m_canvas->update();
}

void PeArrayView::advance()
{
    if (!m_scheme)
        return;
    const qint64 next = m_step.index + 1;
    if (next >= kapla::walkLength(*m_scheme)) {
        m_play->setChecked(false);
        return;
    }
    m_selection->selectLoopStep(next);
}
