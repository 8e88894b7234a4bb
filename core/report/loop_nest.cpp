#include "report/loop_nest.h"

#include "cost/map_strategy.h"
#include "report/chart_data.h"
#include "report/loop_scheme.h"
#include "report/vocabulary.h"
#include "schedule/schedule.h"
#include "util/text_format.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace kapla {

namespace {

constexpr std::array<const char*, 3> kLoopVar{"c", "k", "n"};
constexpr std::array<const char*, 3> kCategory{"filters", "inputs", "outputs"};
constexpr std::array<const char*, 3> kCategorySingular{"filter", "input", "output"};
constexpr std::size_t kIfm = 0, kOfm = 1, kBat = 2;

std::string words(double w) { return formatWords(w); }

std::string counted(std::int64_t n, const char* one, const char* many)
{
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string percentText(double part, double whole)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f%%", whole > 0 ? 100.0 * part / whole : 0.0);
    return buf;
}

// Everything the text is derived from, computed once.
struct NestContext {
    const LoopScheme& scheme;
    const LayerEvaluation& le;
    const Layer& layer;
    const PartitionedLayer& part;
    const NestedLoopDesc& nld;
    const ArrayMappingInfo& info;
    MappingKind mapping;
    int foldW = 1;              // ofmap slices per sample merged into the batch loop
    PerLoop<int> unit{1, 1, 1}; // channels / batch units of one innermost unit per loop
    PerCategory<TensorFacts> facts{};
};

int stepOf(const NestContext& c, std::size_t lvl, std::size_t l)
{
    return c.scheme.stepOf(lvl, static_cast<LoopDim>(l));
}

std::string loopMeaning(const NestContext& c, std::size_t lvl, std::size_t l)
{
    const int step = stepOf(c, lvl, l);
    if (l == kBat) {
        if (c.foldW > 1) {
            int units = 1;
            for (std::size_t m = lvl + 1; m < 3; ++m)
                units *= c.le.blocking.tvals[m][l];
            return termLabel(Term::Batch) + ": " + std::to_string(units) + " slice(s) of 1/" + std::to_string(c.foldW)
                 + " sample";
        }
        return termLabel(Term::Batch) + ": " + std::to_string(step) + (step == 1 ? " sample" : " samples")
             + " per step";
    }
    return termLabel(l == kIfm ? Term::InputChannels : Term::OutputChannels) + ": " + std::to_string(step)
         + " per step";
}

std::vector<std::size_t> outerToInner(const NestContext& c, std::size_t lvl)
{
    std::vector<std::size_t> loops;
    for (const LoopDim d : c.scheme.outerToInner(lvl))
        loops.push_back(static_cast<std::size_t>(d));
    return loops;
}

std::string shapeText(const Layer& l)
{
    std::string s = std::string(layerTypeLabel(l.type())) + " " + std::to_string(l.nifm) + " → "
                  + std::to_string(l.nofm()) + " channels";
    if (l.sofm().size() > 1)
        s += ", " + l.sofm().toString() + " output";
    if (l.sfil().size() > 1)
        s += ", " + l.sfil().toString() + (l.isConvLike() || l.isDepthwise() ? " filter" : " window");
    if (l.strd.size() > 1)
        s += ", stride " + l.strd.toString();
    return s;
}

void emitLevel(const NestContext& c, std::size_t lvl, std::string& indent, std::vector<std::string>& out,
               std::vector<std::size_t>& loopLines)
{
    static constexpr std::array<const char*, 3> kLevel{"DRAM level: one iteration fills the GBUF",
                                                       "GBUF level: one iteration fills the REGFs",
                                                       "REGF level: inside one REGF fill"};
    const auto loops = outerToInner(c, lvl);
    if (loops.empty()) {
        out.push_back(indent + "// " + kLevel[lvl] + " (no loop: everything fits at once)");
        return;
    }
    out.push_back(indent + "// " + kLevel[lvl]);
    for (const std::size_t l : loops) {
        const std::string var = std::string(kLoopVar[l]) + std::to_string(2 - lvl);
        loopLines.push_back(out.size());
        out.push_back(indent + "for " + var + " in 0 ..< " + std::to_string(c.le.blocking.tvals[lvl][l]) + ":   // "
                      + loopMeaning(c, lvl, l));
        indent += "  ";
    }
}

std::string holdsText(const PerCategory<double>& w, const PerCategory<bool>& stored, double capacity)
{
    std::string s;
    for (std::size_t d = 0; d < 3; ++d) {
        if (w[d] <= 0)
            continue;
        s += (s.empty() ? "" : ", ") + std::string(kCategory[d]) + " " + words(w[d]);
        if (!stored[d])
            s += " (bypassed)";
    }
    return (s.empty() ? std::string("nothing") : s) + " of " + words(capacity) + " ("
         + percentText(w[0] + w[1] + w[2], capacity) + ")";
}

std::string peText(const NestContext& c)
{
    const ArrayMappingInfo& i = c.info;
    if (c.mapping == MappingKind::Systolic)
        return "systolic: " + counted(i.flpeset.h, "output pixel", "output pixels") + " x "
             + counted(i.flpeset.w, "output channel", "output channels") + ", " + std::to_string(i.activePes())
             + " PEs busy";
    // Pools and element-wise layers have no filter: their PEs hold rows of the window they combine.
    const bool weights = c.facts[0].present;
    std::string s = "row stationary: "
                  + counted(i.flpeset.h, weights ? "filter row" : "window row", weights ? "filter rows" : "window rows")
                  + " x " + counted(i.flpeset.w, "output row", "output rows");
    if (i.repl.size() > 1)
        s += ", " + std::to_string(i.repl.size()) + " copies";
    return s + ", " + std::to_string(i.activePes()) + " PEs busy";
}

std::vector<std::string> codeLines(const NestContext& c, const Architecture& arch, std::vector<std::size_t>& loopLines)
{
    std::vector<std::string> out;
    std::string indent;
    if (c.le.region.dim.size() > 1) {
        out.push_back("parallel for node in " + c.le.region.dim.toString() + " nodes:   // partition "
                      + partitionText(c.le.partition));
        indent = "  ";
    }
    out.push_back(indent + "// per node: " + std::to_string(c.part.layer.nifm) + " → "
                  + std::to_string(c.part.layer.nofm()) + " channels, " + c.part.layer.sofm().toString() + " output, "
                  + std::to_string(c.part.batch) + (c.part.batch == 1 ? " sample" : " samples"));
    for (std::size_t lvl = 0; lvl < 3; ++lvl) {
        emitLevel(c, lvl, indent, out, loopLines);
        if (lvl == 0)
            out.push_back(indent + "// GBUF holds "
                          + holdsText(c.le.gbufOccupancy, c.le.storedInGbuf, c.le.gbufCapacity));
        if (lvl == 1)
            out.push_back(indent + "// each REGF holds "
                          + holdsText(c.le.regfOccupancy, {true, true, true}, c.le.regfCapacity));
    }
    out.push_back(indent + "parallel for pe in " + arch.peArray.toString() + " PEs:   // " + peText(c));
    const std::string unit = std::to_string(c.unit[kIfm]) + " input x " + std::to_string(c.unit[kOfm])
                           + " output channel(s)"
                           + (c.foldW > 1 ? ", 1/" + std::to_string(c.foldW) + " sample" : ", 1 sample");
    const double ops = c.nld.unitOps;
    const std::string opsText = std::abs(ops - std::round(ops)) < 1e-9
                                  ? groupDigits(static_cast<std::int64_t>(std::round(ops)))
                                  : "about " + groupDigits(std::llround(ops));
    out.push_back(indent + "  unit pass: " + unit + ", " + opsText + " MACs in " + formatCycles(c.nld.unitTime));
    return out;
}

std::string timesText(double f)
{
    const long long n = std::llround(f);
    return n == 1 ? "once" : n == 2 ? "twice" : std::to_string(n) + " times";
}

// Where a tensor's words come from (or, for outputs, go to), as the facts say.
std::string sourceName(const TensorFacts& f)
{
    switch (f.place) {
    case DataPlace::Dram: return std::string(termShortName(Term::Dram));
    case DataPlace::OnChip: return "the other nodes' GBUFs";
    case DataPlace::DramAndOnChip: return "DRAM and the other nodes' GBUFs";
    case DataPlace::Nowhere: break;
    }
    return "its source";
}

// How often a word moves from `from` into the buffer below; outputs (partial sums) also go back.
std::string fetchText(double f, std::size_t d, bool written, const std::string& from)
{
    if (f <= 0)
        return std::string("each ") + kCategorySingular[d] + " word stays pinned (never re-read from " + from + ")";
    if (written)
        return f <= 1 ? std::string("each ") + kCategorySingular[d] + " word is written to " + from + " once"
                      : "partial sums move between " + from + " and the level below " + timesText(f) + " per "
                            + kCategorySingular[d] + " word";
    return std::string("each ") + kCategorySingular[d] + " word is read from " + from + " " + timesText(f);
}

std::vector<std::string> bufferLines(const NestContext& c)
{
    std::vector<std::string> out;
    out.push_back("GBUF (per node): " + holdsText(c.le.gbufOccupancy, c.le.storedInGbuf, c.le.gbufCapacity));
    out.push_back("REGF (per PE): " + holdsText(c.le.regfOccupancy, {true, true, true}, c.le.regfCapacity));
    for (std::size_t d = 0; d < 3; ++d) {
        const TensorFacts& f = c.facts[d];
        if (!f.present || (c.le.gbufOccupancy[d] <= 0 && c.le.regfOccupancy[d] <= 0))
            continue;
        const bool written = d == static_cast<std::size_t>(c.layer.rwData());
        out.push_back(std::string(kCategory[d]) + ": " + fetchText(f.dramFetches, d, written, sourceName(f)) + "; "
                      + fetchText(f.gbufFetches, d, written, "the GBUF"));
    }
    return out;
}

// The categories a level keeps while its innermost non-trivial loop runs (data not indexed by that loop).
std::string stationaryText(const NestContext& c, std::size_t lvl, const char* buffer)
{
    const auto loops = outerToInner(c, lvl);
    if (loops.empty())
        return "";
    const std::size_t inner = loops.back();
    const auto dataLoops = c.layer.dataLoops();
    std::string kept;
    for (std::size_t d = 0; d < 3; ++d)
        if (dataLoops[d] != 0 && !(dataLoops[d] & (1u << inner)))
            kept += (kept.empty() ? "" : " and ") + std::string(kCategory[d]);
    if (kept.empty())
        return "";
    const int n = c.le.blocking.tvals[lvl][inner];
    const std::string what = inner == kBat ? "batch blocks stream through"
                           : inner == kIfm ? "input-channel blocks are accumulated"
                                           : "output-channel blocks are computed";
    return kept + " stay in the " + buffer + " while " + std::to_string(n) + " " + what + ".";
}

// One sentence per tensor: where its words come from or go, with the evaluation's counts. The written
// tensor is the outputs, or the filters of a weight-gradient layer.
std::string placeSentence(const TensorFacts& f, std::size_t d, bool written)
{
    const std::string name = d == 0 ? "Filters" : d == 1 ? "Inputs" : "Outputs";
    const std::string dram = words(f.dramWords);
    const std::string onChip = words(f.onChipWords);
    if (written) {
        switch (f.place) {
        case DataPlace::Dram:
            return name + ": " + dram + " of DRAM traffic"
                 + (f.dramFetches > 1 ? " (partial sums go back and forth " + timesText(f.dramFetches) + ")."
                                      : ", each word written once.");
        case DataPlace::OnChip:
            return name + ": stay on chip, " + onChip + " to the next layer's nodes; nothing goes to DRAM.";
        case DataPlace::DramAndOnChip:
            return name + ": " + onChip + " stay on chip for the next layer and " + dram + " go to DRAM.";
        case DataPlace::Nowhere: break;
        }
        return name + ": no traffic beyond the node.";
    }
    switch (f.place) {
    case DataPlace::Dram: return name + ": " + dram + " read from DRAM, each word " + timesText(f.dramFetches) + ".";
    case DataPlace::OnChip:
        return name + ": " + onChip + " from the nodes of the layer that produced them; nothing from DRAM.";
    case DataPlace::DramAndOnChip:
        return name + ": " + onChip + " from the producing layer's nodes and " + dram + " from DRAM.";
    case DataPlace::Nowhere: break;
    }
    return name + ": no DRAM reads (kept in the global buffers).";
}

std::vector<std::string> explanationLines(const NestContext& c)
{
    std::vector<std::string> out;
    const auto nodes = c.le.region.dim.size();
    if (nodes > 1)
        out.push_back("The layer runs on " + std::to_string(nodes) + " nodes, split as " + partitionText(c.le.partition)
                      + "; each node computes about 1/" + std::to_string(nodes) + " of it.");
    else
        out.push_back("The layer runs on a single node.");
    if (!c.facts[0].present)
        out.push_back(c.layer.type() == LayerType::Eltwise || c.layer.type() == LayerType::EltwiseBack
                          ? "An element-wise layer has no weights: it combines its inputs value by value."
                          : "This layer has no weights: it only combines input values (a window or a channel region).");
    const auto written = static_cast<std::size_t>(c.layer.rwData());
    for (std::size_t d = 0; d < 3; ++d)
        if (c.facts[d].present)
            out.push_back(placeSentence(c.facts[d], d, d == written));
    const std::string gbuf = stationaryText(c, 0, "global buffer");
    bool once = true;
    for (const auto& f : c.facts)
        once = once && (!f.present || f.dramFetches <= 1);
    if (!gbuf.empty())
        out.push_back("At the DRAM level, " + gbuf);
    else if (once)
        out.push_back("The whole per-node layer fits in the global buffer: each word enters it at most once.");
    const std::string regf = stationaryText(c, 1, "register files");
    if (!regf.empty())
        out.push_back("At the GBUF level, " + regf);
    if (c.mapping == MappingKind::Eyeriss && c.layer.sfil().size() > 1 && c.facts[0].present)
        out.push_back("Inside a PE, a filter row of " + std::to_string(c.layer.sfil().w)
                      + " weights stays in the register file and slides along an input row (row stationary).");
    else if (c.mapping == MappingKind::Eyeriss && c.layer.sfil().size() > 1)
        out.push_back("Inside a PE, a window row of " + std::to_string(c.layer.sfil().w)
                      + " inputs is combined as it slides along an input row (row stationary, without weights).");
    else if (c.mapping == MappingKind::Eyeriss)
        out.push_back("The PE array works on " + std::to_string(c.unit[kIfm]) + " input and "
                      + std::to_string(c.unit[kOfm]) + " output channels at a time; partial sums stay in the PEs.");
    for (std::size_t d = 0; d < 3; ++d)
        if (c.facts[d].present && !c.facts[d].inGbuf)
            out.push_back(std::string("The ") + kCategory[d] + " bypass the global buffer: they stream from "
                          + sourceName(c.facts[d]) + " straight to the PEs.");
    return out;
}

// Dimension extents of the tensor block held when loops run `levels` and below (KAPLA §2.3 names).
std::string tensorText(const NestContext& c, std::size_t fromLevel)
{
    const int cExt = stepOf(c, fromLevel - 1, kIfm);
    const int kExt = stepOf(c, fromLevel - 1, kOfm);
    int nUnits = 1;
    for (std::size_t m = fromLevel; m < 3; ++m)
        nUnits *= c.le.blocking.tvals[m][kBat];
    const Layer& l = c.part.layer;
    const std::string n = c.foldW > 1 ? std::to_string(nUnits) + "/" + std::to_string(c.foldW) : std::to_string(nUnits);
    const PhyDim2 o = fromLevel == 1 ? l.sofm() : PhyDim2{1, 1};
    const PhyDim2 f = c.layer.sfil();
    const PhyDim2 in = fromLevel == 1 ? l.sifm : PhyDim2{1, f.w};
    const std::string fil = "tensor_w {C:" + std::to_string(cExt) + " K:" + std::to_string(kExt)
                          + " R:" + std::to_string(f.w) + " S:" + std::to_string(fromLevel == 1 ? f.h : 1) + "}";
    const std::string ifm = "tensor_i {N:" + n + " C:" + std::to_string(cExt) + " Xi:" + std::to_string(in.w)
                          + " Yi:" + std::to_string(in.h) + "}";
    const std::string ofm = "tensor_o {N:" + n + " K:" + std::to_string(kExt) + " Xo:" + std::to_string(o.w)
                          + " Yo:" + std::to_string(o.h) + "}";
    return (c.layer.dataLoops()[0] ? fil + "; " : std::string()) + ifm + "; " + ofm;
}

std::string updateText(const NestContext& c, std::size_t lvl)
{
    static constexpr std::array<const char*, 3> kDim{"C", "K", "N"};
    auto loops = outerToInner(c, lvl);
    std::reverse(loops.begin(), loops.end());
    std::string s = lvl == 1 && c.mapping == MappingKind::Eyeriss ? "(Xi," + std::to_string(c.layer.strd.w) + ",Xo,1)"
                                                                  : "";
    for (const std::size_t l : loops)
        s += "(" + std::string(kDim[l]) + "," + std::to_string(stepOf(c, lvl, l)) + ")x"
           + std::to_string(c.le.blocking.tvals[lvl][l]);
    return s.empty() ? "none" : s;
}

std::string nodeStackText(const NestContext& c)
{
    std::string s;
    for (const Parallel p : c.le.partition.order) {
        const PhyDim2 d = c.le.partition.pdim(p);
        if (d.size() <= 1)
            continue;
        const auto count = std::to_string(d.size());
        switch (p) {
        case Parallel::Outp: s += "(K," + std::to_string(c.part.layer.nofm()) + "," + count + ")"; break;
        case Parallel::Batp: s += "(N," + std::to_string(c.part.batch) + "," + count + ")"; break;
        case Parallel::Inpp: s += "(C," + std::to_string(c.part.layer.nifm) + "," + count + ")"; break;
        case Parallel::Ofmp:
            s += "(Yo," + std::to_string(c.part.layer.sofm().h) + "," + std::to_string(d.h) + ")(Xo,"
               + std::to_string(c.part.layer.sofm().w) + "," + std::to_string(d.w) + ")";
            break;
        }
    }
    return s.empty() ? "none (one node)" : s;
}

std::vector<std::string> tensorLines(const NestContext& c)
{
    std::vector<std::string> out;
    out.push_back("GBUF: " + tensorText(c, 1));
    out.push_back("      stack " + nodeStackText(c) + "; update " + updateText(c, 0));
    out.push_back("REGF: " + tensorText(c, 2));
    std::string stack;
    if (c.mapping == MappingKind::Eyeriss) {
        stack = "(Yi," + std::to_string(c.layer.strd.h) + ",Yo,1," + std::to_string(c.info.flpeset.w) + ")(S,1,Yi,1,"
              + std::to_string(c.info.flpeset.h) + ")";
        if (c.unit[kIfm] > 1)
            stack += "(C,1," + std::to_string(c.unit[kIfm]) + ")";
        if (c.unit[kOfm] > 1)
            stack += "(K,1," + std::to_string(c.unit[kOfm]) + ")";
    } else {
        stack = "(XY,1," + std::to_string(c.info.flpeset.h) + ")(K,1," + std::to_string(c.info.flpeset.w) + ")";
    }
    out.push_back("      stack " + stack + "; update " + updateText(c, 1));
    return out;
}

} // namespace

PerCategory<TensorFacts> tensorFacts(const Layer& layer, const LayerEvaluation& le)
{
    const auto dataLoops = layer.dataLoops();
    PerCategory<TensorFacts> out{};
    for (std::size_t d = 0; d < 3; ++d) {
        TensorFacts& f = out[d];
        f.present = dataLoops[d] != 0 && (d != 0 || layer.totalFilterSize() > 0);
        f.dramWords = le.access[static_cast<std::size_t>(MemLevel::Dram)][d];
        f.onChipWords = le.remoteGbufAccess[d];
        f.place = f.dramWords > 0 ? (f.onChipWords > 0 ? DataPlace::DramAndOnChip : DataPlace::Dram)
                                  : (f.onChipWords > 0 ? DataPlace::OnChip : DataPlace::Nowhere);
        f.dramFetches = le.fetch[0][d];
        f.gbufFetches = le.fetch[1][d];
        f.inGbuf = le.storedInGbuf[d];
    }
    return out;
}

std::string LoopNest::text() const
{
    std::string out = title + "\n\nLoop nest\n";
    for (const auto& l : code)
        out += "  " + l + "\n";
    out += "\nBuffers\n";
    for (const auto& l : buffers)
        out += "  " + l + "\n";
    out += "\nWhat happens\n";
    for (const auto& l : explanation)
        out += "  " + l + "\n";
    out += "\nTensor-centric directives (KAPLA)\n";
    for (const auto& l : tensor)
        out += "  " + l + "\n";
    return out;
}

LoopNest loopNest(const Project& project, const Architecture& arch, const Evaluation& eval, int layer)
{
    LoopNest out;
    const auto scheme = loopScheme(project, arch, eval, layer);
    if (!scheme)
        return out;
    const LayerEvaluation& le = *scheme->evaluation;
    const Layer& l = *scheme->layer;
    NestContext c{*scheme, le, l, scheme->part, scheme->nld, scheme->info, scheme->mapping};
    c.foldW = std::max(1, c.nld.loopcnt[kBat] / std::max(1, c.part.batch));
    c.unit = scheme->unit;
    c.facts = tensorFacts(l, le);

    out.title = le.name + ": " + shapeText(l) + ", batch " + std::to_string(eval.batch) + " · segment "
              + std::to_string(le.segment + 1) + " · " + std::to_string(le.region.dim.size())
              + (le.region.dim.size() == 1 ? " node" : " nodes");
    out.code = codeLines(c, arch, out.loopLines);
    out.buffers = bufferLines(c);
    out.explanation = explanationLines(c);
    out.tensor = tensorLines(c);
    out.facts = c.facts;
    return out;
}

} // namespace kapla
