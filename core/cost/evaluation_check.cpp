#include "cost/evaluation_check.h"

#include "util/math_util.h"

#include <cmath>
#include <cstdio>
#include <string>

namespace kapla {

namespace {

std::string number(double v)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.6g", v);
    return text;
}

bool sound(double v) { return std::isfinite(v) && v >= 0; }

std::string energyInputs(const Architecture& arch, int batch)
{
    const EnergyCosts& e = arch.energy;
    return std::string("energy per MAC ")
        .append(number(e.mac))
        .append(", per access (DRAM, GBUF, ITCN, REGF) ")
        .append(number(e.access[0]) + ", " + number(e.access[1]) + ", " + number(e.access[2]) + ", "
                + number(e.access[3]))
        .append(", per NoC hop ")
        .append(number(e.nocHop))
        .append(", idle ")
        .append(number(e.idle))
        .append(", batch ")
        .append(std::to_string(batch));
}

std::string timeInputs(const Architecture& arch, int batch)
{
    return std::string("dram_bandwidth ")
        .append(number(arch.dramBandwidth))
        .append(" and array_bus_width ")
        .append(number(arch.arrayBusWidth))
        .append(" words/cycle, PE array ")
        .append(arch.peArray.toString())
        .append(", batch ")
        .append(std::to_string(batch));
}

} // namespace

Diagnostics numericProblems(const Evaluation& e, const Architecture& arch)
{
    Diagnostics out;
    const EnergyBreakdown& b = e.breakdown;
    const bool energyOk = sound(e.totalCost) && sound(b.op) && sound(b.dram) && sound(b.gbuf) && sound(b.itcn)
                       && sound(b.regf) && sound(b.noc) && sound(b.stat);
    if (!energyOk)
        out.push_back(makeError("energy", "the total energy overflows (" + number(e.totalCost)
                                              + "): the inputs are too large for double precision; inputs: "
                                              + energyInputs(arch, e.batch)));
    bool timeOk = e.totalTime >= 0 && e.totalTime < kMaxCycles;
    for (const LayerEvaluation& l : e.layers)
        timeOk = timeOk && l.time >= 0 && l.time < kMaxCycles && l.dramTime < kMaxCycles && l.busTime < kMaxCycles;
    if (!timeOk)
        out.push_back(makeError("time", "the time reaches the limit of " + number(static_cast<double>(kMaxCycles))
                                            + " cycles (a bandwidth too small for the data moved?); inputs: "
                                            + timeInputs(arch, e.batch)));
    const bool countsOk = sound(e.totalOps) && sound(e.totalNocHops) && sound(e.totalAccesses[0])
                       && sound(e.totalAccesses[1]) && sound(e.totalAccesses[2]) && sound(e.totalAccesses[3]);
    if (!countsOk)
        out.push_back(makeError("counts", "the operation or access counts overflow; inputs: batch "
                                              + std::to_string(e.batch) + ", network " + e.network));
    return out;
}

} // namespace kapla
