#include "report/evaluation_csv.h"

#include "report/chart_data.h"
#include "schedule/schedule.h"
#include "util/text_format.h"

namespace kapla {

namespace {

// "OFMP>BATP>INPP>OUTP OUTP=4x4 OFMP=1x1 BATP=1x1 INPP=1x1": hierarchy order top first, then the factors.
std::string partitionField(const PartitionScheme& p)
{
    std::string out;
    for (std::size_t i = 0; i < p.order.size(); ++i)
        out += (i ? ">" : "") + std::string(parallelKeyword(p.order[i]));
    for (std::size_t i = 0; i < kNumParallels; ++i)
        out += " " + std::string(parallelKeyword(static_cast<Parallel>(i))) + "=" + p.pdims[i].toString();
    return out;
}

std::string tvalsText(const BlockingSpec& b)
{
    std::string out = "[";
    for (std::size_t lvl = 0; lvl < b.tvals.size(); ++lvl) {
        out += lvl ? ",[" : "[";
        for (std::size_t l = 0; l < 3; ++l)
            out += (l ? "," : "") + std::to_string(b.tvals[lvl][l]);
        out += "]";
    }
    return out + "]";
}

} // namespace

std::string evaluationCsv(const Evaluation& eval)
{
    std::string out = "layer,segment,nodes,partition,tvals";
    for (const char* c : kEnergyComponentNames)
        out += std::string(",") + c;
    out += ",energy,time\n";
    // Static energy as each layer's share of the network's (idle pipeline time included), so every
    // energy column sums to the network total as a spreadsheet adds it up.
    const std::vector<EnergyBreakdown> shares = layerEnergyShares(eval);
    for (std::size_t i = 0; i < eval.layers.size(); ++i) {
        const LayerEvaluation& l = eval.layers[i];
        const EnergyBreakdown& e = shares[i];
        out += csvField(l.name) + "," + std::to_string(l.segment) + "," + std::to_string(l.region.dim.size()) + ","
             + csvField(partitionField(l.partition)) + "," + csvField(tvalsText(l.blocking));
        for (const double v : {e.op, e.dram, e.gbuf, e.itcn, e.regf, e.noc, e.stat})
            out += "," + shortestNumber(v);
        out += "," + shortestNumber(e.total()) + "," + std::to_string(l.time) + "\n";
    }
    return out;
}

} // namespace kapla
