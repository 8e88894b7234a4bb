#pragma once
// The JSON of a run comparison (`kapla compare --json`).

#include "report/run_compare.h"

#include <nlohmann/json.hpp>

namespace kapla {

/// `a` and `b` {label, segments}, `energy_unit`, `input_differences[]`, `total` {energy, time, edp},
/// `breakdown` {op, dram, gbuf, itcn, regf, noc, static} and `layers[]` {name, in_a, in_b, energy,
/// time, breakdown, directives[] {aspect, a, b}}. Each compared quantity is {a, b, diff, ratio}:
/// diff = b − a, ratio = b / a (null when a is 0). Energies in `energy_unit`, times in cycles.
nlohmann::json runComparisonJson(const RunComparison& comparison);

} // namespace kapla
