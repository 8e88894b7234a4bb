// The Sweep tab's two charts: energy and time against the parameter (or the heat map of two), and
// the Pareto front; a click selects the point in the table, a double click opens it as a run.

#include "views/sweep_view.h"

#include "views/qcp.h"

#include "session/qt_text.h"

#include "report/chart_data.h"

#include <QComboBox>

#include <algorithm>
#include <cmath>

namespace {

constexpr double kPickPixels = 12;

// A message in the middle of an empty chart (why there is nothing to draw yet).
void showNote(QCustomPlot& plot, const QString& text)
{
    plot.xAxis->setVisible(false);
    plot.yAxis->setVisible(false);
    auto* note = new QCPItemText(&plot);
    note->position->setType(QCPItemPosition::ptAxisRectRatio);
    note->position->setCoords(0.5, 0.5);
    note->setText(text);
    note->setColor(screenChartStyle().muted);
}

} // namespace

std::optional<SweepFigureKind> SweepView::mainFigure() const
{
    const std::size_t n = m_model->table().parameters.size();
    if (n == 1)
        return SweepFigureKind::Parameter;
    if (n == 2)
        return SweepFigureKind::HeatMap;
    return std::nullopt;
}

kapla::ParetoAxis SweepView::paretoAxis() const
{
    return static_cast<kapla::ParetoAxis>(m_paretoAxis->currentData().toInt());
}

void SweepView::rebuildCharts()
{
    rebuildMainPlot();
    rebuildParetoPlot();
}

void SweepView::rebuildMainPlot()
{
    m_plot = replaceChartPlot(m_plot, m_plotLayout, this,
                              {[this](const QPoint& pos) { selectRow(rowAtMain(pos)); },
                               [this](const QPoint& pos) { return rowToolTip(rowAtMain(pos)); }});
    connect(m_plot, &QCustomPlot::mouseDoubleClick, this,
            [this](QMouseEvent* e) { openAsRun(rowAtMain(e->position().toPoint())); });
    const auto kind = mainFigure();
    QString error;
    if (m_model->rowCount() == 0)
        error = m_model->spec() ? tr("The points appear here as they finish.")
                                : tr("Set up a sweep on the left and run it:\nenergy and time against one parameter,\n"
                                     "a heat map of the energy over two.");
    else if (!kind)
        error =
            tr("A sweep of %1 parameters: see the Pareto front and the table.").arg(m_model->table().parameters.size());
    else
        error = buildSweepFigure(*m_plot, m_model->table(), *kind, screenChartStyle());
    if (!error.isEmpty())
        showNote(*m_plot, error);
    replotWhenVisible(*m_plot);
}

void SweepView::rebuildParetoPlot()
{
    m_pareto = replaceChartPlot(m_pareto, m_paretoLayout, this,
                                {[this](const QPoint& pos) { selectRow(rowAtPareto(pos)); },
                                 [this](const QPoint& pos) { return rowToolTip(rowAtPareto(pos)); }});
    connect(m_pareto, &QCustomPlot::mouseDoubleClick, this,
            [this](QMouseEvent* e) { openAsRun(rowAtPareto(e->position().toPoint())); });
    const SweepFigureKind kind = paretoAxis() == kapla::ParetoAxis::Time     ? SweepFigureKind::ParetoTime
                               : paretoAxis() == kapla::ParetoAxis::TotalPes ? SweepFigureKind::ParetoPes
                                                                             : SweepFigureKind::ParetoSram;
    const QString error = m_model->rowCount() == 0
                            ? tr("The Pareto front of the solved points:\nnone beats another on both costs.")
                            : buildSweepFigure(*m_pareto, m_model->table(), kind, screenChartStyle());
    if (!error.isEmpty())
        showNote(*m_pareto, error);
    replotWhenVisible(*m_pareto);
}

int SweepView::rowAtMain(const QPoint& pos) const
{
    const kapla::SweepTable& t = m_model->table();
    if (!m_plot || t.rows.empty() || !mainFigure())
        return -1;
    if (*mainFigure() == SweepFigureKind::Parameter)
        return categoryAt(m_plot->axisRect(), pos, static_cast<int>(t.rows.size()));
    // Heat map: the cell's values name the point (the axes list values as the rows first have them).
    if (!m_plot->axisRect()->rect().contains(pos))
        return -1;
    const std::vector<std::string> xs = sweepAxisValues(t, 0), ys = sweepAxisValues(t, 1);
    const auto x = std::lround(m_plot->xAxis->pixelToCoord(pos.x()));
    const auto y = std::lround(m_plot->yAxis->pixelToCoord(pos.y()));
    if (x < 0 || y < 0 || x >= static_cast<long>(xs.size()) || y >= static_cast<long>(ys.size()))
        return -1;
    const std::string& vx = xs[static_cast<std::size_t>(x)];
    const std::string& vy = ys[static_cast<std::size_t>(y)];
    for (std::size_t i = 0; i < t.rows.size(); ++i)
        if (t.rows[i].values[0] == vx && t.rows[i].values[1] == vy)
            return static_cast<int>(i);
    return -1;
}

int SweepView::rowAtPareto(const QPoint& pos) const
{
    const kapla::SweepTable& t = m_model->table();
    if (!m_pareto || !m_pareto->xAxis->visible())
        return -1;
    int best = -1;
    double bestDistance = kPickPixels;
    for (std::size_t i = 0; i < t.rows.size(); ++i) {
        const kapla::SweepRow& r = t.rows[i];
        if (r.status != kapla::PointStatus::Ok)
            continue;
        const double dx = m_pareto->xAxis->coordToPixel(kapla::paretoCost(r, paretoAxis())) - pos.x();
        const double dy = m_pareto->yAxis->coordToPixel(r.energy) - pos.y();
        if (const double d = std::hypot(dx, dy); d < bestDistance) {
            bestDistance = d;
            best = static_cast<int>(i);
        }
    }
    return best;
}

QString SweepView::rowToolTip(int row) const
{
    if (row < 0)
        return {};
    const kapla::SweepRow& r = m_model->rowAt(row);
    QString text = QStringLiteral("<b>%1</b> %2<br>").arg(toQString(r.id), m_model->pointLabel(row).toHtmlEscaped());
    if (r.status == kapla::PointStatus::Ok)
        text +=
            tr("energy %1 · time %2 cycles<br>double-click to open it as a run")
                .arg(toQString(kapla::formatEnergy(r.energy, m_model->table().energyUnit, kapla::NumberDetail::Full)),
                     groupDigitsText(r.time));
    else
        text += toQString(r.reason).toHtmlEscaped();
    return text;
}
