#pragma once
// Figures of a sweep: energy and time against the swept parameter, and the Pareto fronts of energy
// against time, total PEs or SRAM bytes, drawn in print style to PNG, PDF or SVG.

#include "report/sweep_table.h"

#include <QString>

#include <optional>

enum class SweepFigureKind { Parameter, ParetoTime, ParetoPes, ParetoSram };

/// Keywords: parameter, pareto-time, pareto-pes, pareto-sram.
std::optional<SweepFigureKind> sweepFigureKindFromName(const QString& name);

/// Writes the figure as the file name's extension says (.png, .pdf or .svg); an error message, empty
/// on success. `parameter` plots the first parameter of a sweep with one parameter axis.
QString exportSweepFigure(const kapla::SweepTable& table, SweepFigureKind kind, const QString& path);
