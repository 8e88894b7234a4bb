#pragma once
// Figures of a sweep: energy and time against the swept parameter, and the Pareto fronts of energy
// against time, total PEs or SRAM bytes, drawn in print style to PNG, PDF or SVG.

#include "report/sweep_table.h"

#include <QString>

#include <optional>
#include <string>
#include <vector>

class QCustomPlot;
struct ChartStyle;

enum class SweepFigureKind { Parameter, HeatMap, ParetoTime, ParetoPes, ParetoSram };

/// Keywords: parameter, heatmap, pareto-time, pareto-pes, pareto-sram.
std::optional<SweepFigureKind> sweepFigureKindFromName(const QString& name);

/// The distinct values of parameter `p` in the order the rows first have them: the heat map's axes.
std::vector<std::string> sweepAxisValues(const kapla::SweepTable& table, std::size_t p);

/// Draws the figure into a fresh plot (the window's panel draws the same figures in screen style); an
/// error message, empty when drawn. `heatmap` shows the energy over the two parameters of a sweep of
/// two: their values along the axes, in the order the points have them.
QString buildSweepFigure(QCustomPlot& plot, const kapla::SweepTable& table, SweepFigureKind kind,
                         const ChartStyle& style);

/// Writes the figure as the file name's extension says (.png, .pdf or .svg); an error message, empty
/// on success. `parameter` plots the first parameter of a sweep with one parameter axis.
QString exportSweepFigure(const kapla::SweepTable& table, SweepFigureKind kind, const QString& path);
