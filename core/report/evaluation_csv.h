#pragma once
// The per-layer CSV export of an evaluation (one row per layer, spreadsheet-friendly).

#include "cost/evaluation.h"

#include <string>

namespace kapla {

/// Header `layer,segment,nodes,partition,tvals,op,dram,gbuf,itcn,regf,noc,static,energy,time`, then one
/// row per layer in scheduling order. `segment` is the 0-based segment index (as in the JSON), energies
/// are in the architecture's unit with round-trip precision, time in cycles; fields with commas are quoted.
/// `static` is the layer's share of the network's static energy (layerEnergyShares(): a pipelined
/// segment's idle time included) and `energy` the row's sum, so each energy column adds up to the
/// network total (breakdown and total.energy of the JSON).
std::string evaluationCsv(const Evaluation& eval);

} // namespace kapla
