#pragma once
// Pareto fronts of a design-space exploration: the points no other point beats on both costs.

#include "sweep/sweep_result.h"

#include <cstddef>
#include <string_view>
#include <vector>

namespace kapla {

/// A cost a front trades energy against.
enum class ParetoAxis { Time, TotalPes, SramBytes };

/// Keyword of an axis ("time", "pes", "sram") as files and the command line name it.
std::string_view paretoAxisKeyword(ParetoAxis a);

/// The cost of a solved row along the axis.
double paretoCost(const SweepRow& row, ParetoAxis axis);

/// Indices (into `points`) of the points not dominated on (first, second), both minimised, ordered by
/// the first cost; of equal points the first is kept.
std::vector<std::size_t> paretoFront(const std::vector<std::pair<double, double>>& points);

/// Indices (into `rows`) of the solved rows on the front of energy against `axis`.
std::vector<std::size_t> energyFront(const std::vector<SweepRow>& rows, ParetoAxis axis);

} // namespace kapla
