#include "run/project_diff.h"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <set>

namespace kapla {

namespace {

using Lines = std::vector<std::string>;

std::string num(double v)
{
    if (std::isinf(v))
        return "unlimited";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    return buf;
}

std::string bytes(long long b)
{
    if (b >= 1024 && b % 1024 == 0)
        return std::to_string(b / 1024) + " KiB";
    return std::to_string(b) + " B";
}

std::string dims(PhyDim2 d) { return d.toString(); }
std::string yesNo(bool b) { return b ? "on" : "off"; }
std::string memType(MemType m) { return m == MemType::TwoD ? "2D" : "3D"; }

// Appends "what a → b" when the two values differ.
template <typename T, typename Fmt>
void compare(Lines& out, const std::string& what, const T& a, const T& b, Fmt fmt)
{
    if (!(a == b))
        out.push_back(what + " " + fmt(a) + " → " + fmt(b));
}

void compareEnergy(Lines& out, const EnergyCosts& a, const EnergyCosts& b)
{
    static const char* const kLevels[] = {"DRAM", "GBUF", "ITCN", "REGF"};
    compare(out, "MAC energy", a.mac, b.mac, num);
    for (std::size_t i = 0; i < a.access.size(); ++i)
        compare(out, kLevels[i] + std::string(" access energy"), a.access[i], b.access[i], num);
    compare(out, "NoC hop energy", a.nocHop, b.nocHop, num);
    compare(out, "idle energy", a.idle, b.idle, num);
}

void compareExplicit(Lines& out, const ExplicitHardware& a, const ExplicitHardware& b)
{
    compare(out, "mesh", a.nodes, b.nodes, dims);
    compare(out, "PE array", a.peArray, b.peArray, dims);
    compare(out, "word bits", a.wordBits, b.wordBits, [](int v) { return std::to_string(v); });
    compare(out, "GBUF", a.gbufWords, b.gbufWords, [](double v) { return num(v) + " words"; });
    compare(out, "REGF", a.regfWords, b.regfWords, [](double v) { return num(v) + " words"; });
    compare(out, "array bus width", a.arrayBusWidth, b.arrayBusWidth, [](double v) { return num(v) + " words/cycle"; });
    compare(out, "DRAM bandwidth", a.dramBandwidth, b.dramBandwidth, [](double v) { return num(v) + " words/cycle"; });
    compare(out, "DRAM placement", a.memType, b.memType, memType);
    if (a.dramRegion != b.dramRegion)
        out.push_back("DRAM region changed");
    compareEnergy(out, a.energy, b.energy);
}

void compareKapla(Lines& out, const KaplaHardware& a, const KaplaHardware& b)
{
    compare(out, "mesh", a.gbufArray, b.gbufArray, dims);
    compare(out, "PE array", a.regfArray, b.regfArray, dims);
    compare(out, "word bits", a.wordBit, b.wordBit, [](int v) { return std::to_string(v); });
    compare(out, "GBUF", a.gbufSizeBytes, b.gbufSizeBytes, bytes);
    compare(out, "REGF", a.regfSizeBytes, b.regfSizeBytes, bytes);
    compare(out, "DRAM bandwidth", a.dramBandwidth, b.dramBandwidth, [](double v) { return num(v) + " bytes/cycle"; });
    compare(out, "DRAM bus width", a.dramBusWidth, b.dramBusWidth, [](int v) { return std::to_string(v) + " bits"; });
    compare(out, "DRAM placement", a.memType, b.memType, memType);
    compare(out, "MAC energy", a.opCost, b.opCost, num);
    compare(out, "DRAM access energy", a.dramAccessCost, b.dramAccessCost, num);
    compare(out, "GBUF access energy", a.gbufAccessCost, b.gbufAccessCost, num);
    compare(out, "ITCN access energy", a.itcnAccessCost, b.itcnAccessCost, num);
    compare(out, "REGF access energy", a.regfAccessCost, b.regfAccessCost, num);
    compare(out, "NoC hop energy", a.hopCost, b.hopCost, num);
    compare(out, "idle energy", a.idleCost, b.idleCost, num);
}

void compareArchitecture(Lines& out, const ArchitectureSpec& a, const ArchitectureSpec& b)
{
    compare(out, "energy unit", a.energyUnit, b.energyUnit, [](const std::string& s) { return s; });
    const auto* ea = std::get_if<ExplicitHardware>(&a.hardware);
    const auto* eb = std::get_if<ExplicitHardware>(&b.hardware);
    if (ea && eb)
        compareExplicit(out, *ea, *eb);
    else if (!ea && !eb)
        compareKapla(out, std::get<KaplaHardware>(a.hardware), std::get<KaplaHardware>(b.hardware));
    else
        out.emplace_back(ea ? "hardware description explicit → KAPLA" : "hardware description KAPLA → explicit");
}

void compareOptions(Lines& out, const Options& a, const Options& b)
{
    auto word = [](std::string_view s) { return std::string(s); };
    compare(out, "goal", a.goal, b.goal, [&](Goal g) { return word(goalKeyword(g)); });
    compare(out, "mapping", a.mapping, b.mapping, [&](MappingKind m) { return word(mappingKeyword(m)); });
    compare(out, "refetch rule", a.refetchRule, b.refetchRule,
            [&](RefetchRule r) { return word(refetchRuleKeyword(r)); });
    static const char* const kBypass[] = {"filter", "ifmap", "ofmap"};
    for (std::size_t i = 0; i < a.gbufBypass.size(); ++i)
        compare(out, "GBUF bypass of " + std::string(kBypass[i]), a.gbufBypass[i], b.gbufBypass[i], yesNo);
    const std::pair<const char*, bool Options::*> flags[] = {{"loop-blocking solver", &Options::solveLoopblocking},
                                                             {"access forwarding", &Options::accessForwarding},
                                                             {"GBUF sharing", &Options::gbufSharing},
                                                             {"GBUF write-back saving", &Options::gbufSaveWriteback},
                                                             {"hybrid partitioning", &Options::partitionHybrid},
                                                             {"batch partitioning", &Options::partitionBatch},
                                                             {"ifmap partitioning", &Options::partitionIfmaps},
                                                             {"layer pipelining", &Options::partitionInterlayer},
                                                             {"optimised pipelining", &Options::layerPipelineOpt},
                                                             {"frontier pruning", &Options::frontierPruning}};
    for (const auto& [what, member] : flags)
        compare(out, what, a.*member, b.*member, yesNo);
    compare(out, "pipeline time overhead", a.layerPipelineTimeOverhead, b.layerPipelineTimeOverhead, num);
    compare(out, "pipeline degree", a.layerPipelineMaxDegree, b.layerPipelineMaxDegree, num);
    compare(out, "kept tops", a.ntops, b.ntops, [](int v) { return std::to_string(v); });
    compare(out, "seed", a.seed, b.seed, [](std::uint64_t v) { return std::to_string(v); });
    compare(out, "time budget", a.timeBudgetSeconds, b.timeBudgetSeconds, [](double v) { return num(v) + " s"; });
}

void compareNetwork(Lines& out, const Network& a, const Network& b)
{
    if (a == b)
        return;
    compare(out, "network input", a.input(), b.input(),
            [](const Layer& l) { return std::to_string(l.nofm()) + "x" + l.sofm().toString(); });
    std::set<std::string> namesA;
    for (const auto& l : a.layers())
        namesA.insert(l.name);
    std::set<std::string> namesB;
    for (const auto& l : b.layers())
        namesB.insert(l.name);
    Lines layerLines;
    for (const auto& l : a.layers())
        if (!namesB.contains(l.name))
            layerLines.push_back("layer " + l.name + " removed");
    for (const auto& l : b.layers()) {
        if (!namesA.contains(l.name))
            layerLines.push_back("layer " + l.name + " added");
        else if (const LayerId old = a.find(l.name); old.valid() && !(a.at(old) == l))
            layerLines.push_back("layer " + l.name + " changed");
    }
    constexpr std::size_t kMaxLayerLines = 5; // a tooltip, not a report
    if (layerLines.size() > kMaxLayerLines) {
        const std::size_t rest = layerLines.size() - (kMaxLayerLines - 1);
        layerLines.resize(kMaxLayerLines - 1);
        layerLines.push_back("and " + std::to_string(rest) + " more layer changes");
    }
    if (layerLines.empty())
        layerLines.push_back("network changed");
    out.insert(out.end(), layerLines.begin(), layerLines.end());
}

} // namespace

std::vector<std::string> projectDifferences(const Project& before, const Project& after)
{
    Lines out;
    compare(out, "batch", before.batch, after.batch, [](int v) { return std::to_string(v); });
    compareNetwork(out, before.network, after.network);
    compareArchitecture(out, before.architecture, after.architecture);
    compareOptions(out, before.options, after.options);
    return out;
}

} // namespace kapla
