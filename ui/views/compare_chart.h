#pragma once
// The chart of a run comparison: each layer's energy difference (B − A) as a diverging bar stacked by
// energy component, the layers with the largest difference first; and the whole comparison as a
// figure (inputs that differ and totals beside the chart) for `kapla compare --figure` and the view.

#include "report/run_compare.h"
#include "views/chart_style.h"
#include "views/figure_export.h"

#include <QString>

#include <cstddef>
#include <vector>

class QCustomPlot;

/// At most this many layers are drawn; the rest are summed up in the caption.
inline constexpr std::size_t kMaxChartLayers = 24;

/// The rows of `comparison.layers` the chart shows, left to right: largest energy difference first.
std::vector<std::size_t> chartLayers(const kapla::RunComparison& comparison, std::size_t maxLayers = kMaxChartLayers);

/// Fills an empty plot: per shown layer, the components that grew stacked above zero and those that
/// shrank below, a marker at the net difference, and a legend with each component's network difference.
void buildComparePlot(QCustomPlot& plot, const kapla::RunComparison& comparison, const std::vector<std::size_t>& layers,
                      const ChartStyle& style);

/// The exact numbers of layer row `row` of the comparison, one line each.
QString compareLayerToolTip(const kapla::RunComparison& comparison, std::size_t row);

/// "B − A" as text with a sign and unit, e.g. "+0.27 mJ" (energies) — the one format of the view and figure.
QString signedEnergyText(double value, const std::string& unit);
/// "1.0039" or "–" when undefined.
QString ratioText(const kapla::ComparedValue& value);

/// The figure of a comparison; `description` is the line under its title (which runs, which project).
PaintedFigure comparisonFigure(const kapla::RunComparison& comparison, const QString& description, const QString& day);
