#include "io/project_io.h"
#include "io/schedule_io.h"
#include "io/yaml_text.h"

#include <charconv>
#include <cmath>
#include <sstream>

namespace kapla::io {

namespace {

// Shortest text that reads back as the same double, so saving never changes a number.
std::string number(double v)
{
    if (std::isinf(v))
        return "inf";
    char buf[64];
    const auto res = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, res.ptr);
}

std::string dim(PhyDim2 d)
{
    return d.h == d.w ? std::to_string(d.h) : "[" + std::to_string(d.h) + ", " + std::to_string(d.w) + "]";
}

std::string pair(PhyDim2 d) { return "[" + std::to_string(d.h) + ", " + std::to_string(d.w) + "]"; }

std::string boolText(bool b) { return b ? "true" : "false"; }

std::string layerLine(const NetworkLayer& nl)
{
    const LayerParams& p = nl.layer.params;
    const LayerType t = p.type;
    std::ostringstream os;
    os << "{name: " << yamlScalar(nl.name) << ", type: " << layerTypeKeyword(t);
    const bool conv = nl.layer.isConvLike();
    const bool fc = t == LayerType::FC || t == LayerType::FCBackAct || t == LayerType::FCBackWeight;
    const bool lr = nl.layer.isLocalRegionLike();
    const bool pool = t == LayerType::Pooling || t == LayerType::PoolingBack;
    const bool eltw = t == LayerType::Eltwise || t == LayerType::EltwiseBack;
    if (conv)
        os << ", nifm: " << p.nifm;
    os << ", nofm: " << p.nofm;
    if (!fc)
        os << ", sofm: " << dim(p.sofm);
    if (lr && !eltw)
        os << ", sreg: " << dim(p.sfil);
    else if (!eltw && (!fc || p.sfil != PhyDim2{1, 1}))
        os << ", sfil: " << dim(p.sfil);
    if ((lr && !pool) || eltw)
        os << ", nreg: " << p.nreg;
    if ((t == LayerType::LocalRegion || t == LayerType::LocalRegionBack) && p.ntrd != 1)
        os << ", ntrd: " << p.ntrd;
    if (p.strd && !eltw && !fc)
        os << ", strd: " << dim(*p.strd);
    if (p.crop)
        os << ", crop: true";
    if (p.rawSofm)
        os << ", raw_sofm: " << dim(*p.rawSofm);
    if (p.rawNofm)
        os << ", raw_nofm: " << *p.rawNofm;
    os << ", prevs: [";
    for (std::size_t i = 0; i < nl.prevs.size(); ++i)
        os << (i ? ", " : "") << yamlScalar(nl.prevs[i]);
    os << "]}";
    return os.str();
}

void writeNetworkBody(std::ostringstream& os, const Network& net, const std::string& indent)
{
    os << indent << "name: " << yamlScalar(net.name()) << "\n";
    os << indent << "input: {nofm: " << net.input().nofm() << ", sofm: " << dim(net.input().sofm()) << "}\n";
    if (!net.externals().empty()) {
        os << indent << "externals:\n";
        for (const auto& e : net.externals())
            os << indent << "  - {name: " << yamlScalar(e.name) << ", nofm: " << e.layer.nofm()
               << ", sofm: " << dim(e.layer.sofm()) << "}\n";
    }
    os << indent << "layers:\n";
    for (const auto& l : net.layers())
        os << indent << "  - " << layerLine(l) << "\n";
}

void writeExplicit(std::ostringstream& os, const ExplicitHardware& hw, const std::string& in)
{
    os << in << "nodes: " << pair(hw.nodes) << "\n";
    os << in << "pe_array: " << pair(hw.peArray) << "\n";
    os << in << "word_bits: " << hw.wordBits << "\n";
    os << in << "gbuf_words: " << number(hw.gbufWords) << "\n";
    os << in << "regf_words: " << number(hw.regfWords) << "\n";
    os << in << "array_bus_width: " << number(hw.arrayBusWidth) << "\n";
    os << in << "dram_bandwidth: " << number(hw.dramBandwidth) << "\n";
    os << in << "mem_type: " << (hw.memType == MemType::TwoD ? "2D" : "3D") << "\n";
    if (hw.dramRegion)
        os << in << "dram_region: {dim: " << pair(hw.dramRegion->dim) << ", origin: " << pair(hw.dramRegion->origin)
           << ", dist: " << pair(hw.dramRegion->dist) << "}\n";
    const auto& e = hw.energy;
    os << in << "energy:\n";
    os << in << "  mac: " << number(e.mac) << "\n";
    os << in << "  dram: " << number(e.access[0]) << "\n";
    os << in << "  gbuf: " << number(e.access[1]) << "\n";
    os << in << "  itcn: " << number(e.access[2]) << "\n";
    os << in << "  regf: " << number(e.access[3]) << "\n";
    os << in << "  noc_hop: " << number(e.nocHop) << "\n";
    os << in << "  idle: " << number(e.idle) << "\n";
}

void writeKapla(std::ostringstream& os, const KaplaHardware& hw, const std::string& in)
{
    os << in << "kapla_hardware:\n";
    const std::string i2 = in + "  ";
    os << i2 << "word_bit: " << hw.wordBit << "\n";
    os << i2 << "op_cost: " << number(hw.opCost) << "\n";
    os << i2 << "DRAM: {access_cost: " << number(hw.dramAccessCost) << ", bandwidth: " << number(hw.dramBandwidth)
       << ", bus_width: " << hw.dramBusWidth << "}\n";
    os << i2 << "GBUF: {size: " << hw.gbufSizeBytes << ", array: " << pair(hw.gbufArray)
       << ", access_cost: " << number(hw.gbufAccessCost) << ", hop_cost: " << number(hw.hopCost)
       << ", idle_cost: " << number(hw.idleCost) << ", mem_type: " << (hw.memType == MemType::TwoD ? "2D" : "3D")
       << "}\n";
    os << i2 << "ITCN: {access_cost: " << number(hw.itcnAccessCost) << "}\n";
    os << i2 << "REGF: {size: " << hw.regfSizeBytes << ", array: " << pair(hw.regfArray)
       << ", access_cost: " << number(hw.regfAccessCost) << "}\n";
}

void writeArchitectureBody(std::ostringstream& os, const ArchitectureSpec& a, const std::string& in)
{
    os << in << "name: " << yamlScalar(a.name) << "\n";
    os << in << "energy_unit: " << a.energyUnit << "\n";
    if (const auto* hw = std::get_if<ExplicitHardware>(&a.hardware))
        writeExplicit(os, *hw, in);
    else
        writeKapla(os, std::get<KaplaHardware>(a.hardware), in);
}

void writeOptionsBody(std::ostringstream& os, const Options& o, const std::string& in)
{
    os << in << "preset: " << presetKeyword(o.preset) << "\n";
    os << in << "goal: " << goalKeyword(o.goal) << "\n";
    os << in << "solver: " << solverKeyword(o.solver) << "\n";
    os << in << "mapping: " << mappingKeyword(o.mapping) << "\n";
    os << in << "refetch_rule: " << refetchRuleKeyword(o.refetchRule) << "\n";
    os << in << "gbuf_bypass: [" << boolText(o.gbufBypass[0]) << ", " << boolText(o.gbufBypass[1]) << ", "
       << boolText(o.gbufBypass[2]) << "]\n";
    os << in << "solve_loopblocking: " << boolText(o.solveLoopblocking) << "\n";
    os << in << "access_forwarding: " << boolText(o.accessForwarding) << "\n";
    os << in << "gbuf_sharing: " << boolText(o.gbufSharing) << "\n";
    os << in << "gbuf_save_writeback: " << boolText(o.gbufSaveWriteback) << "\n";
    os << in << "partition_hybrid: " << boolText(o.partitionHybrid) << "\n";
    os << in << "partition_batch: " << boolText(o.partitionBatch) << "\n";
    os << in << "partition_ifmaps: " << boolText(o.partitionIfmaps) << "\n";
    os << in << "partition_interlayer: " << boolText(o.partitionInterlayer) << "\n";
    os << in << "layer_pipeline_time_overhead: " << number(o.layerPipelineTimeOverhead) << "\n";
    os << in << "layer_pipeline_max_degree: " << number(o.layerPipelineMaxDegree) << "\n";
    os << in << "layer_pipeline_opt: " << boolText(o.layerPipelineOpt) << "\n";
    os << in << "ntops: " << o.ntops << "\n";
    os << in << "threads: " << o.threads << "\n";
    os << in << "frontier_pruning: " << boolText(o.frontierPruning) << "\n";
    os << in << "seed: " << o.seed << "\n";
    os << in << "time_budget: " << number(o.timeBudgetSeconds) << "\n";
}

// The schedule file's `schedule:` body, indented to sit under a key at `in`.
void writeScheduleBody(std::ostringstream& os, const Schedule& schedule, const std::string& in)
{
    std::istringstream lines(scheduleToYaml(schedule));
    std::string line;
    while (std::getline(lines, line))
        if (line.starts_with("  ")) // skips `version:` and `schedule:`; the body is indented by two
            os << in << line.substr(2) << "\n";
}

void writeProjectBody(std::ostringstream& os, const Project& p, const std::string& in, bool inlineAll)
{
    os << in << "name: " << yamlScalar(p.name) << "\n";
    os << in << "batch: " << p.batch << "\n";
    if (!inlineAll && !p.networkPath.empty()) {
        os << in << "network: " << yamlScalar(p.networkPath) << "\n";
    } else {
        os << in << "network:\n";
        writeNetworkBody(os, p.network, in + "  ");
    }
    if (!inlineAll && !p.architecturePath.empty()) {
        os << in << "architecture: " << yamlScalar(p.architecturePath) << "\n";
    } else {
        os << in << "architecture:\n";
        writeArchitectureBody(os, p.architecture, in + "  ");
    }
    if (!inlineAll && !p.optionsPath.empty()) {
        os << in << "options: " << yamlScalar(p.optionsPath) << "\n";
    } else {
        os << in << "options:\n";
        writeOptionsBody(os, p.options, in + "  ");
    }
}

} // namespace

std::string networkToYaml(const Network& network)
{
    std::ostringstream os;
    os << "version: 1\nnetwork:\n";
    writeNetworkBody(os, network, "  ");
    return os.str();
}

std::string architectureToYaml(const ArchitectureSpec& arch)
{
    std::ostringstream os;
    os << "version: 1\narchitecture:\n";
    writeArchitectureBody(os, arch, "  ");
    return os.str();
}

std::string optionsToYaml(const Options& options)
{
    std::ostringstream os;
    os << "version: 1\noptions:\n";
    writeOptionsBody(os, options, "  ");
    return os.str();
}

std::string projectToYaml(const Project& p, bool inlineAll)
{
    std::ostringstream os;
    os << "version: 1\nproject:\n";
    writeProjectBody(os, p, "  ", inlineAll);
    return os.str();
}

std::string runToYaml(const Run& run)
{
    std::ostringstream os;
    os << "version: 1\nrun:\n";
    if (!run.label.empty())
        os << "  label: " << yamlScalar(run.label) << "\n";
    os << "  solver: " << solverKeyword(run.project().options.solver) << "\n";
    os << "  date: " << yamlScalar(run.date) << "\n";
    os << "  seconds: " << number(run.seconds) << "\n";
    os << "  termination: " << terminationKeyword(run.termination) << "\n";
    if (!run.message.empty())
        os << "  message: " << yamlScalar(run.message) << "\n";
    os << "  evaluations: " << run.evaluations << "\n";
    if (run.evaluation) // for people reading the file; recomputed when it is loaded
        os << "  total: {energy: " << number(run.evaluation->totalCost) << ", time: " << run.evaluation->totalTime
           << "}\n";
    os << "  project:\n";
    writeProjectBody(os, run.project(), "    ", true);
    if (run.schedule) {
        os << "  schedule:\n";
        writeScheduleBody(os, *run.schedule, "    ");
    }
    return os.str();
}

} // namespace kapla::io
