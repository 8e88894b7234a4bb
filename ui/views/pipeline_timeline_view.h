#pragma once
// The pipeline timeline (Gantt chart): segments one after another, spatial groups side by side, and
// when each layer runs on its node region (staggered batch groups when the segment pipelines them).

#include "report/chart_data.h"
#include "views/chart_style.h"

#include <QWidget>

#include <vector>

class QCustomPlot;
class QVBoxLayout;
class SelectionContext;

/// Fills an empty plot with the Gantt chart of `data`.
void buildTimelinePlot(QCustomPlot& plot, const kapla::TimelineData& data, const ChartStyle& style);
/// Outlines one layer's bars (-1: none).
void setTimelineHighlight(QCustomPlot& plot, int layer);
/// The layers whose bars are outlined now, ascending.
std::vector<int> outlinedTimelineLayers(const QCustomPlot& plot);
/// The times of a bar with units.
QString timelineToolTip(const kapla::TimelineData& data, const kapla::TimelineBar& bar);

/// The Gantt chart linked to the selection: a click on a bar selects its layer.
class PipelineTimelineView : public QWidget
{
    Q_OBJECT

public:
    explicit PipelineTimelineView(SelectionContext* selection, QWidget* parent = nullptr);

    QCustomPlot* plot() const { return m_plot; }
    const kapla::TimelineData& timeline() const { return m_data; }
    int highlightedLayer() const { return m_highlighted; }
    /// Centre of a layer's first bar in plot widget coordinates.
    QPoint barCenter(int layer) const;
    QString toolTipAt(const QPoint& pos) const;

private:
    void rebuild();
    void updateHighlight();
    const kapla::TimelineBar* barAt(const QPoint& pos) const;

    SelectionContext* m_selection;
    QVBoxLayout* m_layout = nullptr;
    QCustomPlot* m_plot = nullptr;
    kapla::TimelineData m_data;
    ChartStyle m_style;
    int m_highlighted = -1;
};
