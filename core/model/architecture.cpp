#include "model/architecture.h"

#include "model/limits.h"

#include <cmath>

namespace kapla {

NodeRegion dramRegionFor(MemType type, PhyDim2 nodes)
{
    if (type == MemType::ThreeD)
        return NodeRegion::make(nodes, {0, 0}, NodeRegion::Type::Dram);
    return NodeRegion::make({2, 2}, {0, 0}, NodeRegion::Type::Dram, nodes - PhyDim2{1, 1});
}

namespace {

std::string num(double v)
{
    if (std::isinf(v))
        return "inf";
    std::string s = std::to_string(v);
    while (!s.empty() && s.back() == '0')
        s.pop_back();
    if (!s.empty() && s.back() == '.')
        s.pop_back();
    return s;
}

void checkCommon(const Architecture& a, Diagnostics& errs)
{
    const auto need = [&errs](bool ok, const char* key, const std::string& what) {
        if (!ok)
            errs.push_back(makeError(key, what));
    };
    need(a.nodes.h > 0 && a.nodes.w > 0, "nodes", "node mesh must be at least 1x1, got " + a.nodes.toString());
    need(a.peArray.h > 0 && a.peArray.w > 0, "pe_array", "PE array must be at least 1x1, got " + a.peArray.toString());
    need(a.nodes.h <= limits::kMaxMeshSide && a.nodes.w <= limits::kMaxMeshSide, "nodes",
         "node mesh " + a.nodes.toString() + " is too large; expected at most " + std::to_string(limits::kMaxMeshSide)
             + " nodes per side");
    need(a.peArray.h <= limits::kMaxPeArraySide && a.peArray.w <= limits::kMaxPeArraySide, "pe_array",
         "PE array " + a.peArray.toString() + " is too large; expected at most "
             + std::to_string(limits::kMaxPeArraySide) + " PEs per side");
    need(a.wordBits > 0 && a.wordBits <= limits::kMaxWordBits, "word_bits",
         "word size must be between 1 and " + std::to_string(limits::kMaxWordBits) + " bits, got "
             + std::to_string(a.wordBits));
    need(a.gbufWords >= 1, "gbuf_words",
         "global buffer must hold at least one word, got " + num(a.gbufWords) + " words");
    need(a.regfWords >= 1, "regf_words",
         "register file must hold at least one word, got " + num(a.regfWords) + " words");
    need(a.arrayBusWidth > 0, "array_bus_width", "must be > 0 words/cycle (or inf), got " + num(a.arrayBusWidth));
    need(a.dramBandwidth > 0, "dram_bandwidth", "must be > 0 words/cycle (or inf), got " + num(a.dramBandwidth));
    const auto& e = a.energy;
    const bool finiteNonNeg = e.mac >= 0 && e.nocHop >= 0 && e.idle >= 0 && std::isfinite(e.mac)
                           && std::isfinite(e.nocHop) && std::isfinite(e.idle);
    need(finiteNonNeg, "energy", "energies must be finite and >= 0");
    for (const double c : e.access)
        if (!(c >= 0) || !std::isfinite(c)) {
            need(false, "energy", "access energies must be finite and >= 0, got " + num(c));
            break;
        }
}

// Why an explicit DRAM region is beyond the limits (its nodes are enumerated), or none.
std::optional<std::string> dramRegionTooLarge(const DramRegionSpec& d)
{
    if (d.dim.h > limits::kMaxMeshSide || d.dim.w > limits::kMaxMeshSide)
        return "dim " + d.dim.toString() + " is too large; expected at most " + std::to_string(limits::kMaxMeshSide)
             + " nodes per side";
    const auto last = [](int origin, int dim, int dist) {
        return static_cast<long long>(origin) + static_cast<long long>(dim - 1) * dist;
    };
    const long long h = last(d.origin.h, d.dim.h, d.dist.h), w = last(d.origin.w, d.dim.w, d.dist.w);
    if (d.origin.h < 0 || d.origin.w < 0 || h > limits::kMaxDramCoordinate || w > limits::kMaxDramCoordinate)
        return "its farthest node is at (" + std::to_string(h) + ", " + std::to_string(w)
             + "); expected origin + (dim - 1) x dist between 0 and " + std::to_string(limits::kMaxDramCoordinate)
             + " on each axis";
    return std::nullopt;
}

Architecture fromExplicit(const ArchitectureSpec& spec, const ExplicitHardware& hw)
{
    Architecture a;
    a.name = spec.name;
    a.energyUnit = spec.energyUnit;
    a.nodes = hw.nodes;
    a.peArray = hw.peArray;
    a.wordBits = hw.wordBits;
    a.gbufWords = hw.gbufWords;
    a.regfWords = hw.regfWords;
    a.arrayBusWidth = hw.arrayBusWidth;
    a.dramBandwidth = hw.dramBandwidth;
    a.memType = hw.memType;
    a.energy = hw.energy;
    a.procRegion = NodeRegion::make(hw.nodes, {0, 0}, NodeRegion::Type::Proc);
    a.dramRegion = hw.dramRegion ? NodeRegion::make(hw.dramRegion->dim, hw.dramRegion->origin, NodeRegion::Type::Dram,
                                                    hw.dramRegion->dist)
                                 : dramRegionFor(hw.memType, hw.nodes);
    return a;
}

Architecture fromKapla(const ArchitectureSpec& spec, const KaplaHardware& hw)
{
    Architecture a;
    a.name = spec.name;
    a.energyUnit = spec.energyUnit;
    a.fromKaplaHardware = true;
    a.nodes = hw.gbufArray;
    a.peArray = hw.regfArray;
    a.wordBits = hw.wordBit;
    const long long word = (hw.wordBit + 7) / 8;
    // KAPLA shrinks both buffers by 1 % to be conservative; its numbers depend on it.
    a.gbufWords = 0.99 * static_cast<double>(word > 0 ? hw.gbufSizeBytes / word : 0);
    a.regfWords = 0.99 * static_cast<double>(word > 0 ? hw.regfSizeBytes / word : 0);
    // KAPLA reads the array bus width from the DRAM block; 0 means unlimited.
    const int busWords = hw.wordBit > 0 ? hw.dramBusWidth / hw.wordBit : 0;
    a.arrayBusWidth = busWords == 0 ? kUnlimited : busWords;
    a.dramBandwidth = word > 0 ? std::floor(hw.dramBandwidth / static_cast<double>(word)) : 0;
    a.memType = hw.memType;
    a.energy.mac = hw.opCost;
    a.energy.access = {hw.dramAccessCost, hw.gbufAccessCost, hw.itcnAccessCost, hw.regfAccessCost};
    a.energy.nocHop = hw.hopCost;
    a.energy.idle = hw.idleCost;
    a.procRegion = NodeRegion::make(a.nodes, {0, 0}, NodeRegion::Type::Proc);
    a.dramRegion = dramRegionFor(a.memType, a.nodes);
    return a;
}

} // namespace

Result<Architecture> resolveArchitecture(const ArchitectureSpec& spec)
{
    Architecture a = std::visit(
        [&spec](const auto& hw) {
            if constexpr (std::is_same_v<std::decay_t<decltype(hw)>, ExplicitHardware>)
                return fromExplicit(spec, hw);
            else
                return fromKapla(spec, hw);
        },
        spec.hardware);
    Diagnostics errs;
    checkCommon(a, errs);
    if (const auto* hw = std::get_if<ExplicitHardware>(&spec.hardware); hw && hw->dramRegion) {
        const auto& d = *hw->dramRegion;
        if (d.dim.h <= 0 || d.dim.w <= 0 || d.dist.h < 0 || d.dist.w < 0)
            errs.push_back(makeError("dram_region", "dim must be >= 1x1 and dist >= 0, got dim " + d.dim.toString()
                                                        + " dist " + d.dist.toString()));
        else if (const auto problem = dramRegionTooLarge(d))
            errs.push_back(makeError("dram_region", *problem));
    }
    if (!errs.empty())
        return errs;
    return a;
}

} // namespace kapla
