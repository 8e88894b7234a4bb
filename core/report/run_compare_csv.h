#pragma once
// The per-layer CSV of a run comparison (`kapla compare --csv`), spreadsheet-friendly.

#include "report/run_compare.h"

#include <string>

namespace kapla {

/// Header `layer,in_a,in_b,energy_a,energy_b,energy_diff,energy_ratio,time_a,time_b,time_diff,time_ratio`,
/// then `<component>_diff` for op, dram, gbuf, itcn, regf, noc and static, then `directives` (the
/// keywords of the directives that differ, space-separated); one row per layer in the comparison's
/// order. Energies in the comparison's unit (a layer's static share included, as in the evaluation
/// CSV), times in cycles; diff = b − a, ratio = b / a (empty when a is 0); in_a/in_b are 1 or 0.
std::string runComparisonCsv(const RunComparison& comparison);

} // namespace kapla
