#include "report/network_summary.h"

#include "util/text_format.h"

#include <cmath>
#include <iomanip>
#include <sstream>

namespace kapla {

namespace {

std::string sizeText(PhyDim2 d) { return d.h == d.w ? std::to_string(d.h) : d.toString(); }

nlohmann::json pairJson(PhyDim2 d) { return nlohmann::json::array({d.h, d.w}); }

std::string numberText(double v)
{
    if (std::isinf(v))
        return "unlimited";
    std::ostringstream os;
    os << std::setprecision(6) << v;
    return os.str();
}

nlohmann::json realJson(double v) { return std::isinf(v) ? nlohmann::json("inf") : nlohmann::json(v); }

const char* onOff(bool on) { return on ? "on" : "off"; }

} // namespace

std::vector<LayerSummary> summarizeLayers(const Network& network)
{
    std::vector<LayerSummary> rows;
    rows.reserve(network.size());
    for (const auto& nl : network.layers()) {
        const Layer& l = nl.layer;
        LayerSummary s;
        s.name = nl.name;
        s.type = std::string(layerTypeKeyword(l.type()));
        s.typeLabel = std::string(layerTypeLabel(l.type()));
        s.nifm = l.nifm;
        s.nofm = l.nofm();
        s.sifm = l.sifm;
        s.sofm = l.sofm();
        s.sfil = l.sfil();
        s.strd = l.strd;
        for (std::size_t i = 0; i < nl.prevs.size(); ++i)
            s.prevs += (i ? ", " : "") + (nl.prevs[i] == Network::kInputName ? std::string("(input)") : nl.prevs[i]);
        s.macs = l.totalOps(1);
        s.ifmapWords = l.totalIfmapSize(1);
        s.ofmapWords = l.totalOfmapSize(1);
        s.filterWords = l.totalFilterSize();
        rows.push_back(std::move(s));
    }
    return rows;
}

std::string layerTable(const Network& network)
{
    const auto rows = summarizeLayers(network);
    std::size_t nameWidth = 5;
    for (const auto& r : rows)
        nameWidth = std::max(nameWidth, r.name.size());
    std::ostringstream os;
    os << std::left << std::setw(static_cast<int>(nameWidth)) << "layer"
       << "  " << std::setw(8) << "type" << std::right << std::setw(7) << "nifm" << std::setw(7) << "nofm"
       << std::setw(9) << "sifm" << std::setw(9) << "sofm" << std::setw(7) << "fil" << std::setw(6) << "strd"
       << std::setw(16) << "MACs/sample" << std::setw(13) << "ifmap words" << std::setw(13) << "ofmap words"
       << std::setw(14) << "filter words"
       << "  prevs\n";
    std::int64_t total = 0;
    for (const auto& r : rows) {
        total += r.macs;
        os << std::left << std::setw(static_cast<int>(nameWidth)) << r.name << "  " << std::setw(8) << r.typeLabel
           << std::right << std::setw(7) << r.nifm << std::setw(7) << r.nofm << std::setw(9) << sizeText(r.sifm)
           << std::setw(9) << sizeText(r.sofm) << std::setw(7) << sizeText(r.sfil) << std::setw(6) << sizeText(r.strd)
           << std::setw(16) << groupDigits(r.macs) << std::setw(13) << groupDigits(r.ifmapWords) << std::setw(13)
           << groupDigits(r.ofmapWords) << std::setw(14) << groupDigits(r.filterWords) << "  " << r.prevs << "\n";
    }
    os << network.name() << ": " << rows.size() << " layers, " << groupDigits(total) << " MACs per sample\n";
    return os.str();
}

std::string architectureText(const Architecture& a)
{
    std::ostringstream os;
    os << "architecture " << (a.name.empty() ? "(unnamed)" : a.name) << ": " << a.nodes.toString() << " nodes of "
       << a.peArray.toString() << " PEs, " << a.wordBits << "-bit words\n";
    os << "  GBUF " << numberText(a.gbufWords) << " words/node, REGF " << numberText(a.regfWords) << " words/PE"
       << (a.fromKaplaHardware ? " (KAPLA 0.99 derating)" : "") << "\n";
    os << "  array bus " << numberText(a.arrayBusWidth) << " words/cycle, DRAM " << numberText(a.dramBandwidth)
       << " words/cycle, DRAM at " << a.dramRegion.dim.size() << " node(s) ("
       << (a.memType == MemType::TwoD ? "2D" : "3D") << ")\n";
    const auto& e = a.energy;
    os << "  energy [" << a.energyUnit << "]: MAC " << numberText(e.mac) << ", DRAM " << numberText(e.access[0])
       << ", GBUF " << numberText(e.access[1]) << ", ITCN " << numberText(e.access[2]) << ", REGF "
       << numberText(e.access[3]) << ", hop " << numberText(e.nocHop) << ", idle " << numberText(e.idle) << "/cycle\n";
    return os.str();
}

std::string optionsText(const Options& o)
{
    std::ostringstream os;
    os << "options: preset " << presetKeyword(o.preset) << ", goal " << goalKeyword(o.goal) << ", solver "
       << solverKeyword(o.solver) << " (frontier pruning " << onOff(o.frontierPruning) << "), mapping "
       << mappingKeyword(o.mapping) << "\n";
    if (o.solver == SolverKind::Random || o.solver == SolverKind::Ml)
        os << "  sampling: seed " << o.seed << ", time budget "
           << (o.timeBudgetSeconds > 0 ? numberText(o.timeBudgetSeconds).append(" s") : std::string("none")) << "\n";
    os << "  partitioning: hybrid " << onOff(o.partitionHybrid) << ", batch " << onOff(o.partitionBatch) << ", ifmaps "
       << onOff(o.partitionIfmaps) << "; pipelining " << onOff(o.partitionInterlayer) << " (up to "
       << numberText(o.layerPipelineMaxDegree) << " layers a segment), GBUF sharing " << onOff(o.gbufSharing) << "\n";
    return os.str();
}

nlohmann::json optionsJson(const Options& o)
{
    const auto keyword = [](std::string_view s) { return std::string(s); };
    return {{"preset", keyword(presetKeyword(o.preset))},
            {"goal", keyword(goalKeyword(o.goal))},
            {"solver", keyword(solverKeyword(o.solver))},
            {"frontier_pruning", o.frontierPruning},
            {"mapping", keyword(mappingKeyword(o.mapping))},
            {"partition_hybrid", o.partitionHybrid},
            {"partition_batch", o.partitionBatch},
            {"partition_ifmaps", o.partitionIfmaps},
            {"partition_interlayer", o.partitionInterlayer},
            {"layer_pipeline_max_degree", realJson(o.layerPipelineMaxDegree)},
            {"gbuf_sharing", o.gbufSharing}};
}

nlohmann::json networkJson(const Network& network)
{
    nlohmann::json layers = nlohmann::json::array();
    std::int64_t total = 0;
    for (const auto& r : summarizeLayers(network)) {
        total += r.macs;
        const LayerId id = network.find(r.name);
        nlohmann::json prevs = nlohmann::json::array();
        for (const auto& p : network.at(id).prevs)
            prevs.push_back(p);
        layers.push_back({{"name", r.name},
                          {"type", r.type},
                          {"nifm", r.nifm},
                          {"nofm", r.nofm},
                          {"sifm", pairJson(r.sifm)},
                          {"sofm", pairJson(r.sofm)},
                          {"sfil", pairJson(r.sfil)},
                          {"strd", pairJson(r.strd)},
                          {"prevs", prevs},
                          {"macs_per_sample", r.macs},
                          {"ifmap_words_per_sample", r.ifmapWords},
                          {"ofmap_words_per_sample", r.ofmapWords},
                          {"filter_words", r.filterWords}});
    }
    return {{"network", network.name()},
            {"input", {{"nofm", network.input().nofm()}, {"sofm", pairJson(network.input().sofm())}}},
            {"layers", layers},
            {"total_macs_per_sample", total}};
}

nlohmann::json architectureJson(const Architecture& a)
{
    const auto& e = a.energy;
    return {{"name", a.name},
            {"nodes", pairJson(a.nodes)},
            {"pe_array", pairJson(a.peArray)},
            {"word_bits", a.wordBits},
            {"gbuf_words", a.gbufWords},
            {"regf_words", a.regfWords},
            {"array_bus_width", realJson(a.arrayBusWidth)},
            {"dram_bandwidth", realJson(a.dramBandwidth)},
            {"dram_nodes", a.dramRegion.dim.size()},
            {"energy_unit", a.energyUnit},
            {"energy",
             {{"mac", e.mac},
              {"dram", e.access[0]},
              {"gbuf", e.access[1]},
              {"itcn", e.access[2]},
              {"regf", e.access[3]},
              {"noc_hop", e.nocHop},
              {"idle", e.idle}}}};
}

} // namespace kapla
