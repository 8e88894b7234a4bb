#pragma once
// Energy per layer as stacked bars by component (MAC, DRAM, GBUF, ITCN, REGF, NoC, static).

#include "report/chart_data.h"
#include "views/chart_style.h"

#include <QWidget>

class QCheckBox;
class QCustomPlot;
class QVBoxLayout;
class SelectionContext;

/// Fills an empty plot with the stacked bars, the legend with per-component totals and the axes.
void buildEnergyPlot(QCustomPlot& plot, const kapla::EnergyChartData& data, const ChartStyle& style);

/// The exact numbers of one layer (and one component, or all when -1) with units.
QString energyToolTip(const kapla::EnergyChartData& data, int layer, int component);

/// Stacked energy bars linked to the selection: a click selects the layer, hovering shows numbers.
class EnergyBreakdownView : public QWidget
{
    Q_OBJECT

public:
    explicit EnergyBreakdownView(SelectionContext* selection, QWidget* parent = nullptr);

    bool percent() const;
    void setPercent(bool percent);
    QCustomPlot* plot() const { return m_plot; }
    const kapla::EnergyChartData& chartData() const { return m_data; }
    /// The layer highlighted now (-1 none).
    int highlightedLayer() const { return m_highlighted; }
    /// Centre of a layer's bar in plot widget coordinates.
    QPoint barCenter(int layer) const;
    /// The tooltip shown at a plot widget position; empty outside the bars.
    QString toolTipAt(const QPoint& pos) const;

private:
    void rebuild();
    void updateHighlight();
    void onPress(const QPoint& pos);

    SelectionContext* m_selection;
    QVBoxLayout* m_layout = nullptr;
    QCheckBox* m_percent = nullptr;
    QCustomPlot* m_plot = nullptr;
    kapla::EnergyChartData m_data;
    ChartStyle m_style;
    int m_highlighted = -1;
};
