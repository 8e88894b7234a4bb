#pragma once
// GBUF and REGF use per layer, split by data category, against the buffer capacity.

#include "report/chart_data.h"
#include "views/chart_style.h"

#include <QWidget>

#include <vector>

class QCustomPlot;
class QVBoxLayout;
class SelectionContext;

/// Fills an empty plot: two panels (GBUF per node, REGF per PE) of stacked bars in % of capacity, the
/// capacity line at 100 % and a label on nearly full bars.
void buildOccupancyPlot(QCustomPlot& plot, const std::vector<kapla::LayerOccupancy>& data, const ChartStyle& style);

/// The use of a layer's buffers in words per category, with the capacities.
QString occupancyToolTip(const kapla::LayerOccupancy& layer);

/// Buffer occupancy bars linked to the selection (click selects a layer, hover shows words).
class BufferOccupancyView : public QWidget
{
    Q_OBJECT

public:
    explicit BufferOccupancyView(SelectionContext* selection, QWidget* parent = nullptr);

    QCustomPlot* plot() const { return m_plot; }
    int highlightedLayer() const { return m_highlighted; }
    /// Centre of a layer's GBUF bar in plot widget coordinates.
    QPoint barCenter(int layer) const;
    QString toolTipAt(const QPoint& pos) const;

private:
    void rebuild();
    void updateHighlight();
    int layerAt(const QPoint& pos) const;

    SelectionContext* m_selection;
    QVBoxLayout* m_layout = nullptr;
    QCustomPlot* m_plot = nullptr;
    std::vector<kapla::LayerOccupancy> m_data;
    ChartStyle m_style;
    int m_highlighted = -1;
};
