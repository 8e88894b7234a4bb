#include "sweep/sweep_parameters.h"

#include "model/architecture.h"
#include "model/limits.h"

#include <cmath>

namespace kapla {

namespace {

double number(const SweepValue& v) { return std::get<double>(v); }
PhyDim2 pair(const SweepValue& v) { return std::get<PhyDim2>(v); }
bool flag(const SweepValue& v) { return std::get<bool>(v); }
const std::string& word(const SweepValue& v) { return std::get<std::string>(v); }

// Applies `explicitFn` or `kaplaFn` to whichever form the project's architecture has.
template <typename ExplicitFn, typename KaplaFn>
std::string onHardware(Project& p, ExplicitFn explicitFn, KaplaFn kaplaFn)
{
    if (auto* hw = std::get_if<ExplicitHardware>(&p.architecture.hardware))
        explicitFn(*hw);
    else
        kaplaFn(std::get<KaplaHardware>(p.architecture.hardware));
    return {};
}

int wordBytesOf(const ExplicitHardware& hw) { return (hw.wordBits + 7) / 8; }
int wordBytesOf(const KaplaHardware& hw) { return (hw.wordBit + 7) / 8; }

std::string setNodes(Project& p, const SweepValue& v, const SweepSpec&)
{
    return onHardware(
        p, [&](ExplicitHardware& hw) { hw.nodes = pair(v); }, [&](KaplaHardware& hw) { hw.gbufArray = pair(v); });
}

std::string setPeArray(Project& p, const SweepValue& v, const SweepSpec&)
{
    return onHardware(
        p, [&](ExplicitHardware& hw) { hw.peArray = pair(v); }, [&](KaplaHardware& hw) { hw.regfArray = pair(v); });
}

// Bytes become whole words (floor division, as the architecture reader converts `gbuf_bytes`).
std::string setGbufBytes(Project& p, const SweepValue& v, const SweepSpec&)
{
    return onHardware(
        p, [&](ExplicitHardware& hw) { hw.gbufWords = std::floor(number(v) / wordBytesOf(hw)); },
        [&](KaplaHardware& hw) { hw.gbufSizeBytes = static_cast<long long>(number(v)); });
}

std::string setRegfBytes(Project& p, const SweepValue& v, const SweepSpec&)
{
    return onHardware(
        p, [&](ExplicitHardware& hw) { hw.regfWords = std::floor(number(v) / wordBytesOf(hw)); },
        [&](KaplaHardware& hw) { hw.regfSizeBytes = static_cast<long long>(number(v)); });
}

// Words per cycle; KAPLA's files give the bus in bits.
std::string setArrayBusWidth(Project& p, const SweepValue& v, const SweepSpec&)
{
    return onHardware(
        p, [&](ExplicitHardware& hw) { hw.arrayBusWidth = number(v); },
        [&](KaplaHardware& hw) { hw.dramBusWidth = static_cast<int>(number(v) * hw.wordBit); });
}

// Words per cycle; KAPLA's files give the bandwidth in bytes per cycle.
std::string setDramBandwidth(Project& p, const SweepValue& v, const SweepSpec&)
{
    return onHardware(
        p, [&](ExplicitHardware& hw) { hw.dramBandwidth = number(v); },
        [&](KaplaHardware& hw) { hw.dramBandwidth = number(v) * wordBytesOf(hw); });
}

std::string setWordBits(Project& p, const SweepValue& v, const SweepSpec&)
{
    const int bits = static_cast<int>(number(v));
    return onHardware(
        p, [&](ExplicitHardware& hw) { hw.wordBits = bits; }, [&](KaplaHardware& hw) { hw.wordBit = bits; });
}

// An energy the file readers would refuse: a point with it could not be saved and read back.
std::string energyBeyondLimit(const SweepValue& v)
{
    if (number(v) <= limits::kMaxEventEnergy)
        return {};
    return "an energy per event is at most 1e+30 (in the architecture's energy unit)";
}

// An energy per event: `explicitField` of the explicit form's costs, `kaplaField` of KAPLA's.
template <double EnergyCosts::*ExplicitField, double KaplaHardware::*KaplaField>
std::string setEnergy(Project& p, const SweepValue& v, const SweepSpec&)
{
    if (std::string refused = energyBeyondLimit(v); !refused.empty())
        return refused;
    return onHardware(
        p, [&](ExplicitHardware& hw) { hw.energy.*ExplicitField = number(v); },
        [&](KaplaHardware& hw) { hw.*KaplaField = number(v); });
}

// An access energy of one memory level (the explicit form keeps them in an array).
template <int Level, double KaplaHardware::*KaplaField>
std::string setAccessEnergy(Project& p, const SweepValue& v, const SweepSpec&)
{
    if (std::string refused = energyBeyondLimit(v); !refused.empty())
        return refused;
    return onHardware(
        p, [&](ExplicitHardware& hw) { hw.energy.access[Level] = number(v); },
        [&](KaplaHardware& hw) { hw.*KaplaField = number(v); });
}

std::string setBatch(Project& p, const SweepValue& v, const SweepSpec&)
{
    p.batch = static_cast<int>(number(v));
    return {};
}

std::string setNetwork(Project& p, const SweepValue& v, const SweepSpec& spec)
{
    const auto it = spec.networks.find(word(v));
    if (it == spec.networks.end())
        return "the network file '" + word(v) + "' was not loaded";
    p.network = it->second;
    p.networkPath = word(v);
    return {};
}

// A keyword option, parsed by the model's own keyword function.
template <typename E, E Options::*Field, std::optional<E> (*Parse)(std::string_view)>
std::string setKeyword(Project& p, const SweepValue& v, const SweepSpec&)
{
    const auto parsed = Parse(word(v));
    if (!parsed)
        return "'" + word(v) + "' is not a value of this option";
    p.options.*Field = *parsed;
    return {};
}

template <bool Options::*Field>
std::string setFlag(Project& p, const SweepValue& v, const SweepSpec&)
{
    p.options.*Field = flag(v);
    return {};
}

template <double Options::*Field>
std::string setRealOption(Project& p, const SweepValue& v, const SweepSpec&)
{
    p.options.*Field = number(v);
    return {};
}

std::string setNtops(Project& p, const SweepValue& v, const SweepSpec&)
{
    p.options.ntops = static_cast<int>(number(v));
    return {};
}

using K = SweepValueKind;

} // namespace

const std::vector<SweepParameterInfo>& sweepParameterTable()
{
    static const std::vector<SweepParameterInfo> table{
        {"batch", K::Integer, 1, {}, setBatch, "Samples per inference batch"},
        {"network",
         K::NetworkFile,
         0,
         {},
         setNetwork,
         "A network file (path relative to the sweep file) solved instead of the base project's network"},
        {"architecture.nodes",
         K::Dim2,
         1,
         {},
         setNodes,
         "Node mesh: rows and columns, or one number for a square mesh"},
        {"architecture.pe_array",
         K::Dim2,
         1,
         {},
         setPeArray,
         "PE array of each node: rows and columns, or one number for a square array"},
        {"architecture.gbuf_bytes", K::Integer, 1, {}, setGbufBytes, "Global buffer (GBUF) per node, in bytes"},
        {"architecture.regf_bytes", K::Integer, 1, {}, setRegfBytes, "Register file (REGF) per PE, in bytes"},
        {"architecture.word_bits", K::Integer, 1, {}, setWordBits, "Bits per data word"},
        {"architecture.array_bus_width", K::Real, 1, {}, setArrayBusWidth, "Words per cycle on a node's PE-array bus"},
        {"architecture.dram_bandwidth", K::Real, 0, {}, setDramBandwidth, "DRAM words per cycle"},
        {"architecture.energy.mac",
         K::Real,
         0,
         {},
         setEnergy<&EnergyCosts::mac, &KaplaHardware::opCost>,
         "Energy of one multiply-accumulate (the architecture's energy unit)"},
        {"architecture.energy.dram",
         K::Real,
         0,
         {},
         setAccessEnergy<0, &KaplaHardware::dramAccessCost>,
         "Energy of one DRAM word access"},
        {"architecture.energy.gbuf",
         K::Real,
         0,
         {},
         setAccessEnergy<1, &KaplaHardware::gbufAccessCost>,
         "Energy of one GBUF word access"},
        {"architecture.energy.itcn",
         K::Real,
         0,
         {},
         setAccessEnergy<2, &KaplaHardware::itcnAccessCost>,
         "Energy of one word over a node's array interconnect"},
        {"architecture.energy.regf",
         K::Real,
         0,
         {},
         setAccessEnergy<3, &KaplaHardware::regfAccessCost>,
         "Energy of one REGF word access"},
        {"architecture.energy.noc_hop",
         K::Real,
         0,
         {},
         setEnergy<&EnergyCosts::nocHop, &KaplaHardware::hopCost>,
         "Energy of one word moving one hop on the network-on-chip"},
        {"architecture.energy.idle",
         K::Real,
         0,
         {},
         setEnergy<&EnergyCosts::idle, &KaplaHardware::idleCost>,
         "Static energy of a node per idle cycle"},
        {"options.goal",
         K::Keyword,
         0,
         {"e", "d", "ed"},
         setKeyword<Goal, &Options::goal, goalFromKeyword>,
         "What the search minimises: e (energy), d (delay) or ed (energy-delay product)"},
        {"options.solver",
         K::Keyword,
         0,
         {"kapla", "exhaustive", "random", "ml"},
         setKeyword<SolverKind, &Options::solver, solverFromKeyword>,
         "The search: kapla, exhaustive, random or ml"},
        {"options.mapping",
         K::Keyword,
         0,
         {"eyeriss", "systolic"},
         setKeyword<MappingKind, &Options::mapping, mappingFromKeyword>,
         "PE-array mapping template: eyeriss or systolic"},
        {"options.refetch_rule",
         K::Keyword,
         0,
         {"kapla", "original"},
         setKeyword<RefetchRule, &Options::refetchRule, refetchRuleFromKeyword>,
         "REGF-level fetch of non-reusable data: kapla or original (nn_dataflow)"},
        {"options.solve_loopblocking",
         K::Flag,
         0,
         {},
         setFlag<&Options::solveLoopblocking>,
         "Analytical loop-blocking solver instead of the exhaustive one"},
        {"options.access_forwarding",
         K::Flag,
         0,
         {},
         setFlag<&Options::accessForwarding>,
         "Nodes fetch disjoint parts of shared data and forward them to each other"},
        {"options.gbuf_sharing",
         K::Flag,
         0,
         {},
         setFlag<&Options::gbufSharing>,
         "Share GBUF capacity over the network-on-chip (implies access forwarding)"},
        {"options.gbuf_save_writeback",
         K::Flag,
         0,
         {},
         setFlag<&Options::gbufSaveWriteback>,
         "Temporal segments keep data on chip without write-back between layers"},
        {"options.partition_hybrid",
         K::Flag,
         0,
         {},
         setFlag<&Options::partitionHybrid>,
         "Allow hybrid intra-layer partitioning across nodes"},
        {"options.partition_batch",
         K::Flag,
         0,
         {},
         setFlag<&Options::partitionBatch>,
         "Allow partitioning the batch across nodes"},
        {"options.partition_ifmaps",
         K::Flag,
         0,
         {},
         setFlag<&Options::partitionIfmaps>,
         "Allow input-channel partitioning across nodes (needs hybrid)"},
        {"options.partition_interlayer",
         K::Flag,
         0,
         {},
         setFlag<&Options::partitionInterlayer>,
         "Allow spatial pipelining of layers over regions of the mesh"},
        {"options.layer_pipeline_opt",
         K::Flag,
         0,
         {},
         setFlag<&Options::layerPipelineOpt>,
         "Optimised layer pipelining"},
        {"options.frontier_pruning",
         K::Flag,
         0,
         {},
         setFlag<&Options::frontierPruning>,
         "Exhaustive search: skip constraint combinations dominated by one that already gave schedules"},
        {"options.layer_pipeline_time_overhead",
         K::Real,
         0,
         {},
         setRealOption<&Options::layerPipelineTimeOverhead>,
         "Largest time overhead of a pipeline segment"},
        {"options.layer_pipeline_max_degree",
         K::Real,
         0,
         {},
         setRealOption<&Options::layerPipelineMaxDegree>,
         "Largest number of layers in one pipeline segment"},
        {"options.ntops",
         K::Integer,
         1,
         {},
         setNtops,
         "How many best schedules the search keeps per step (beam width)"},
    };
    return table;
}

const SweepParameterInfo* findSweepParameter(std::string_view name)
{
    for (const auto& p : sweepParameterTable())
        if (p.name == name)
            return &p;
    return nullptr;
}

std::vector<std::string_view> sweepParameterNameList()
{
    std::vector<std::string_view> names;
    for (const auto& p : sweepParameterTable())
        names.push_back(p.name);
    return names;
}

} // namespace kapla
