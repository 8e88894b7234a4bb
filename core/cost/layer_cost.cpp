#include "cost/layer_cost.h"

namespace kapla {

void fillLayerCost(LayerEvaluation& out, const LoopBlockingStats& s, const PerCategory<double>& unitNhops,
                   const EnergyCosts& e)
{
    out.ops = s.ops;
    out.time = s.time;
    out.procTime = s.procTime;
    out.busTime = s.busTime;
    out.dramTime = s.dramTime;
    out.access = s.access;
    out.remoteGbufAccess = s.remoteGbufAccess;
    out.fetch = s.fetch;
    out.storedInGbuf = s.storedInGbuf;
    out.gbufOccupancy = s.gbufDataSize;
    out.regfOccupancy = s.regfDataSize;
    out.blocking.orders = s.orders;
    out.unitNhops = unitNhops;

    double totalNhops = 0;
    for (std::size_t d = 0; d < kNumDataCategories; ++d) {
        out.nodeNhops[d] = s.nocAccess[d];
        // Data moves between its regions and the nodes once per DRAM-level fetch.
        out.memNhops[d] = unitNhops[d] * s.fetch[0][d];
        totalNhops += out.nodeNhops[d] + out.memNhops[d];
    }
    const auto levelSum = [&](MemLevel m) {
        const auto& a = s.access[static_cast<std::size_t>(m)];
        return a[0] + a[1] + a[2];
    };
    const double remote = s.remoteGbufAccess[0] + s.remoteGbufAccess[1] + s.remoteGbufAccess[2];
    EnergyBreakdown& b = out.energy;
    b.op = e.mac * s.ops;
    b.dram = e.access[0] * levelSum(MemLevel::Dram);
    b.gbuf = e.access[1] * levelSum(MemLevel::Gbuf) + e.access[1] * remote;
    b.itcn = e.access[2] * levelSum(MemLevel::Itcn);
    b.regf = e.access[3] * levelSum(MemLevel::Regf);
    b.noc = e.nocHop * totalNhops;
    b.stat = e.idle * static_cast<double>(s.time);
    // The reference sums op + access + noc + static in this grouping; keep its rounding.
    const double costAccess = b.dram + b.gbuf + b.itcn + b.regf;
    out.cost = b.op + costAccess + b.noc + b.stat;
}

} // namespace kapla
