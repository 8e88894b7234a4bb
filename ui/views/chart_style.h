#pragma once
// Colours and fonts shared by the result charts, for the screen and for exported (print) figures.

#include <QColor>
#include <QFont>

#include <cstddef>

/// How a chart is drawn. Print style uses pixel-sized fonts, so exported files do not depend on the
/// screen's resolution, and a white background.
struct ChartStyle {
    bool print = false;
    QFont font;  ///< axis labels, legend
    QFont small; ///< tick labels, labels inside bars
    QFont title; ///< figure title
    QColor background = Qt::white;
    QColor foreground = Qt::black;
    QColor grid{220, 220, 220};
    QColor muted{110, 110, 110};       ///< secondary text
    QColor highlight{255, 200, 0, 70}; ///< band behind the selected layer
    QColor warning{213, 94, 0};        ///< near-full buffers, capacity line
    QColor dram{45, 55, 72};           ///< DRAM channels on the node mesh
};

/// The style of the on-screen views (application font, white plot background).
ChartStyle screenChartStyle();
/// The style of exported figures.
ChartStyle printChartStyle();

/// Colour of an energy component (kEnergyComponentNames order); Okabe–Ito, colour-blind safe.
QColor energyComponentColor(std::size_t component);
/// Colour of a data category (FIL, IFM, OFM).
QColor categoryColor(std::size_t category);
/// Colour of a layer by its index in the evaluation (light enough for dark text on it).
QColor layerColor(int layerIndex);
/// The node in focus (the selection's node) wherever a view draws nodes.
QColor focusNodeColor();
