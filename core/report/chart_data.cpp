#include "report/chart_data.h"

#include "report/vocabulary.h"

#include "schedule/schedule.h"
#include "util/text_format.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string_view>
#include <utility>

namespace kapla {

std::string energyComponentLabel(std::size_t component)
{
    return std::string(termShortName(energyComponentTerm(component)));
}

double energyComponent(const EnergyBreakdown& b, std::size_t component)
{
    switch (component) {
    case 0: return b.op;
    case 1: return b.dram;
    case 2: return b.gbuf;
    case 3: return b.itcn;
    case 4: return b.regf;
    case 5: return b.noc;
    case 6: return b.stat;
    default: return 0;
    }
}

std::vector<EnergyBreakdown> layerEnergyShares(const Evaluation& eval)
{
    double sumStatic = 0;
    for (const auto& l : eval.layers)
        sumStatic += l.energy.stat;
    const double rebase = sumStatic > 0 ? eval.breakdown.stat / sumStatic : 1.0;
    std::vector<EnergyBreakdown> out;
    out.reserve(eval.layers.size());
    for (const auto& l : eval.layers) {
        EnergyBreakdown b = l.energy;
        b.stat *= rebase;
        out.push_back(b);
    }
    return out;
}

namespace {

// The size of one unit in joules, 0 for a unit that is not one of joules.
double joulesPerUnit(const std::string& unit)
{
    static constexpr std::array<std::pair<std::string_view, double>, 6> kJoules{
        {{"J", 1}, {"mJ", 1e-3}, {"uJ", 1e-6}, {"µJ", 1e-6}, {"nJ", 1e-9}, {"pJ", 1e-12}}};
    for (const auto& [name, joules] : kJoules)
        if (unit == name)
            return joules;
    return 0;
}

// Commas between the thousands of the integer part of a number written by printf.
std::string groupIntegerPart(std::string text)
{
    const std::size_t begin = text.find_first_of("0123456789");
    const std::size_t end = std::min(text.find('.'), text.size());
    if (begin == std::string::npos || end < begin)
        return text;
    for (std::size_t i = end; i > begin + 3; i -= 3)
        text.insert(i - 3, 1, ',');
    return text;
}

// `value` in fixed notation with `digits` significant digits (more when the integer part is longer),
// the integer part grouped; `trim` drops trailing zeros of the fraction.
std::string significantText(double value, int digits, bool trim)
{
    if (value == 0 || !std::isfinite(value)) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%g", value);
        return buf;
    }
    const int magnitude = static_cast<int>(std::floor(std::log10(std::abs(value))));
    const int decimals = std::clamp(digits - 1 - magnitude, 0, 30);
    char buf[400]; // the longest double in fixed notation has 309 integer digits
    std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
    std::string text = buf;
    if (trim && text.find('.') != std::string::npos) {
        text.erase(text.find_last_not_of('0') + 1);
        if (text.back() == '.')
            text.pop_back();
    }
    return groupIntegerPart(std::move(text));
}

} // namespace

UnitScale energyScale(double maxValue, const std::string& unit)
{
    const double joules = joulesPerUnit(unit);
    if (joules == 0)
        return {1.0, unit};
    static constexpr std::array<const char*, 6> kPrefixed{"pJ", "nJ", "µJ", "mJ", "J", "kJ"};
    double factor = joules * 1e12;
    std::size_t i = 0;
    while (i + 1 < kPrefixed.size() && std::abs(maxValue) * factor >= 1000.0) {
        factor /= 1000.0;
        ++i;
    }
    return {factor, kPrefixed[i]};
}

std::string formatEnergy(double value, const std::string& unit, NumberDetail detail)
{
    const UnitScale s = energyScale(value, unit);
    const double shown = value * s.factor;
    // Counts of a normalised unit are often whole: they read best as they are.
    if (joulesPerUnit(unit) == 0 && std::abs(shown) < 1e15 && shown == std::round(shown))
        return groupDigits(static_cast<std::int64_t>(shown)).append(" ").append(s.unit);
    const bool full = detail == NumberDetail::Full;
    return significantText(shown, full ? kFullDigits : kCompactDigits, full).append(" ").append(s.unit);
}

std::string formatWords(double words)
{
    if (std::abs(words - std::round(words)) < 1e-6)
        return groupDigits(static_cast<std::int64_t>(std::round(words)))
             + (std::round(words) == 1 ? " word" : " words");
    const auto whole = static_cast<std::int64_t>(words);
    const int tenth = static_cast<int>(std::lround((words - static_cast<double>(whole)) * 10));
    return tenth == 10 ? groupDigits(whole + 1) + " words"
                       : groupDigits(whole) + "." + std::to_string(tenth) + " words";
}

std::string formatCycles(std::int64_t cycles) { return groupDigits(cycles) + (cycles == 1 ? " cycle" : " cycles"); }

EnergyChartData energyChartData(const Evaluation& eval, const std::string& unit, bool percent)
{
    EnergyChartData d;
    d.percent = percent;
    d.unit = unit;
    d.total = eval.totalCost;
    const auto shares = layerEnergyShares(eval);
    for (std::size_t c = 0; c < kNumEnergyComponents; ++c) {
        d.absolute[c].reserve(shares.size());
        d.shown[c].reserve(shares.size());
    }
    for (std::size_t i = 0; i < shares.size(); ++i) {
        d.layers.push_back(eval.layers[i].name);
        const double layerTotal = shares[i].total();
        d.layerTotals.push_back(layerTotal);
        for (std::size_t c = 0; c < kNumEnergyComponents; ++c) {
            const double v = energyComponent(shares[i], c);
            d.absolute[c].push_back(v);
            d.shown[c].push_back(percent ? (layerTotal > 0 ? 100.0 * v / layerTotal : 0.0) : v);
            d.componentTotals[c] += v;
        }
    }
    double sum = 0;
    for (const double v : d.componentTotals)
        sum += v;
    for (std::size_t c = 0; c < kNumEnergyComponents; ++c)
        d.componentPercent[c] = sum > 0 ? 100.0 * d.componentTotals[c] / sum : 0.0;
    return d;
}

std::vector<LayerOccupancy> occupancyChartData(const Evaluation& eval)
{
    std::vector<LayerOccupancy> out;
    out.reserve(eval.layers.size());
    for (const auto& l : eval.layers)
        out.push_back({l.name, {l.gbufOccupancy, l.gbufCapacity}, {l.regfOccupancy, l.regfCapacity}});
    return out;
}

std::string_view parallelLetter(Parallel p) { return termInfo(partitionTerm(p)).symbol; }

std::string partitionText(const PartitionScheme& p)
{
    std::string out;
    for (const Parallel par : p.order) {
        const PhyDim2 d = p.pdim(par);
        if (d.size() <= 1)
            continue;
        if (!out.empty())
            out += " · ";
        out += termLabel(partitionTerm(par)) + " " + d.toString();
    }
    return out.empty() ? "none" : out;
}

std::string partitionShortText(const PartitionScheme& p)
{
    std::string out;
    for (const Parallel par : p.order) {
        const PhyDim2 d = p.pdim(par);
        if (d.size() > 1)
            out += (out.empty() ? "" : " ") + std::string(parallelLetter(par)) + d.toString();
    }
    return out.empty() ? "1 node" : out;
}

namespace {

int flat(PhyDim2 idx, PhyDim2 dim) { return idx.h * dim.w + idx.w; }

std::size_t layersIn(const SegmentEvaluation& seg)
{
    std::size_t n = 0;
    for (const auto& g : seg.groups)
        n += g.size();
    return n;
}

LayerAllocation allocateLayer(const Evaluation& eval, const Network& network, int layer)
{
    const LayerEvaluation& le = eval.layers[static_cast<std::size_t>(layer)];
    LayerAllocation la{layer, le.name, partitionText(le.partition), {}};
    const LayerId id = network.find(le.name);
    FmapRange full;
    if (id.valid()) {
        const Layer& l = network.at(id).layer;
        full.end = {eval.batch, l.nofm(), l.sofm().h, l.sofm().w};
    }
    const double fullSize = static_cast<double>(full.size());
    const double inpp = static_cast<double>(le.partition.pdim(Parallel::Inpp).size());
    for (const PartitionIndex& pidx : le.partition.genPidx()) {
        NodeWork w;
        w.coord = le.partition.coordinate(le.region, pidx);
        for (std::size_t lvl = 0; lvl < kNumParallels; ++lvl) {
            const Parallel par = le.partition.order[lvl];
            const PhyDim2 dim = le.partition.pdim(par);
            const int index = flat(pidx[static_cast<std::size_t>(par)], dim);
            w.block[lvl] = index;
            if (dim.size() > 1)
                w.label += (w.label.empty() ? "" : " ") + std::string(parallelLetter(par)) + std::to_string(index);
        }
        const double part = fullSize > 0 ? static_cast<double>(le.partition.fmapRange(full, pidx).size()) / fullSize
                                         : 1.0 / static_cast<double>(le.partition.size());
        w.share = part / inpp;
        la.nodes.push_back(std::move(w));
    }
    return la;
}

} // namespace

SegmentAllocation allocationData(const Evaluation& eval, const Network& network, const Architecture& arch, int segment)
{
    SegmentAllocation out;
    out.segment = segment;
    out.mesh = arch.nodes;
    for (const auto& n : arch.dramRegion.nodes())
        if (std::find(out.dramNodes.begin(), out.dramNodes.end(), n) == out.dramNodes.end())
            out.dramNodes.push_back(n);
    if (segment < 0 || segment >= static_cast<int>(eval.segments.size()))
        return out;
    const SegmentEvaluation& seg = eval.segments[static_cast<std::size_t>(segment)];
    for (std::size_t g = 0; g < seg.groups.size(); ++g) {
        GroupAllocation ga;
        if (g < seg.regions.size())
            ga.region = seg.regions[g];
        for (const auto& name : seg.groups[g]) {
            const int idx = layerIndex(eval, name);
            if (idx >= 0)
                ga.layers.push_back(allocateLayer(eval, network, idx));
        }
        if (!ga.layers.empty())
            ga.region = eval.layers[static_cast<std::size_t>(ga.layers.front().layer)].region;
        out.groups.push_back(std::move(ga));
    }
    return out;
}

TimelineData timelineData(const Evaluation& eval)
{
    TimelineData out;
    double start = 0;
    for (std::size_t s = 0; s < eval.segments.size(); ++s) {
        const SegmentEvaluation& seg = eval.segments[s];
        for (std::size_t g = 0; g < seg.groups.size(); ++g) {
            const std::int64_t nodes = g < seg.regions.size() ? seg.regions[g].dim.size() : 0;
            const std::string where =
                (seg.groups.size() > 1 ? "S" + std::to_string(s + 1) + "." + std::to_string(g + 1) + " · " : "")
                + std::to_string(nodes) + (nodes == 1 ? " node" : " nodes");
            for (const auto& name : seg.groups[g]) {
                const int idx = layerIndex(eval, name);
                if (idx < 0)
                    continue;
                const LayerEvaluation& l = eval.layers[static_cast<std::size_t>(idx)];
                const int row = static_cast<int>(out.rows.size());
                out.rows.push_back({static_cast<int>(s), static_cast<int>(g), l.name + " · " + where});
                TimelineBar bar{idx,
                                l.name,
                                row,
                                start + static_cast<double>(l.startTime),
                                start + static_cast<double>(l.doneTime),
                                l.time,
                                {}};
                // Group k runs k critical-time steps after the first: (startXb + k·C)/G … (doneXb + k·C)/G.
                // A lone layer's groups just follow each other: one bar.
                const int groups = layersIn(seg) > 1 ? std::max(1, seg.batchGroups) : 1;
                const double step = static_cast<double>(seg.criticalTime) / groups;
                for (int k = 0; k < groups; ++k)
                    bar.chunks.emplace_back(bar.start + k * step, bar.done - (groups - 1 - k) * step);
                out.bars.push_back(std::move(bar));
            }
        }
        const double end = start + static_cast<double>(seg.time);
        out.segments.push_back({start, end, seg.batchGroups, seg.criticalTime});
        start = end;
    }
    out.end = start;
    return out;
}

int layerIndex(const Evaluation& eval, const std::string& name)
{
    for (std::size_t i = 0; i < eval.layers.size(); ++i)
        if (eval.layers[i].name == name)
            return static_cast<int>(i);
    return -1;
}

} // namespace kapla
