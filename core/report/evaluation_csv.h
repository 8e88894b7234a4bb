#pragma once
// The per-layer CSV export of an evaluation (one row per layer, spreadsheet-friendly).

#include "cost/evaluation.h"

#include <string>

namespace kapla {

/// Header `layer,segment,nodes,partition,tvals,op,dram,gbuf,itcn,regf,noc,static,energy,time`, then one
/// row per layer in scheduling order. `segment` is the 0-based segment index (as in the JSON), energies
/// are in the architecture's unit with round-trip precision, time in cycles; fields with commas are quoted.
std::string evaluationCsv(const Evaluation& eval);

} // namespace kapla
