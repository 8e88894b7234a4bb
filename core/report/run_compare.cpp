#include "report/run_compare.h"

#include "report/chart_data.h"
#include "report/vocabulary.h"
#include "run/project_diff.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <numeric>

namespace kapla {

namespace {

// A loop by its symbol in the vocabulary (C, K, N).
std::string_view loopSymbol(std::size_t loop) { return termInfo(loopTerm(static_cast<LoopDim>(loop))).symbol; }

std::string loopsText(const PerLoop<int>& t)
{
    std::string out;
    for (std::size_t l = 0; l < t.size(); ++l)
        out.append(out.empty() ? "" : " · ").append(loopSymbol(l)).append(" ").append(std::to_string(t[l]));
    return out;
}

// Loops outer to inner by their order positions (0 = innermost).
std::string orderText(const PerLoop<int>& order)
{
    std::string out;
    for (int pos = 2; pos >= 0; --pos)
        for (std::size_t l = 0; l < order.size(); ++l)
            if (order[l] == pos)
                out.append(out.empty() ? "" : " > ").append(loopSymbol(l));
    return out;
}

std::string partitionAspect(const LayerEvaluation& l)
{
    return partitionText(l.partition) + " on " + std::to_string(l.region.dim.size()) + " nodes";
}

std::string mappingAspect(const LayerEvaluation& l)
{
    return std::to_string(l.replIfms) + " input × " + std::to_string(l.replOfms) + " output channels per pass";
}

std::string blockingAspect(const LayerEvaluation& l)
{
    const auto& t = l.blocking.tvals;
    return "DRAM " + loopsText(t[0]) + "; GBUF " + loopsText(t[1]) + "; REGF " + loopsText(t[2]);
}

std::string loopOrderAspect(const LayerEvaluation& l)
{
    return "DRAM " + orderText(l.blocking.orders[0]) + "; GBUF " + orderText(l.blocking.orders[1]);
}

// What the GBUF of a node holds: the words in use, and the data that bypass it.
std::string bufferUseAspect(const LayerEvaluation& l)
{
    static const char* const kData[] = {"filters", "inputs", "outputs"};
    const double words = l.gbufOccupancy[0] + l.gbufOccupancy[1] + l.gbufOccupancy[2];
    std::string out = "GBUF " + formatWords(std::round(words));
    std::string bypass;
    for (std::size_t d = 0; d < l.storedInGbuf.size(); ++d)
        if (!l.storedInGbuf[d])
            bypass.append(bypass.empty() ? "" : ", ").append(kData[d]);
    return bypass.empty() ? out : out + "; " + bypass + " bypass it";
}

std::vector<DirectiveDifference> directiveDifferences(const LayerEvaluation& a, const LayerEvaluation& b)
{
    using Text = std::string (*)(const LayerEvaluation&);
    const std::pair<DirectiveAspect, Text> aspects[] = {
        {DirectiveAspect::Partition, partitionAspect}, {DirectiveAspect::Mapping, mappingAspect},
        {DirectiveAspect::Blocking, blockingAspect},   {DirectiveAspect::LoopOrder, loopOrderAspect},
        {DirectiveAspect::BufferUse, bufferUseAspect},
    };
    std::vector<DirectiveDifference> out;
    for (const auto& [aspect, text] : aspects)
        if (std::string ta = text(a), tb = text(b); ta != tb)
            out.push_back({aspect, std::move(ta), std::move(tb)});
    return out;
}

SegmentLayout segmentLayout(const Evaluation& e)
{
    SegmentLayout out;
    for (const auto& s : e.segments)
        out.push_back(s.groups);
    return out;
}

std::vector<std::string> inputDifferences(const Run& a, const Run& b)
{
    std::vector<std::string> out;
    // A given schedule's "solver" is only who made it: not an input of the problem.
    const bool solved = a.origin == RunOrigin::Solve && b.origin == RunOrigin::Solve;
    if (solved && a.solverName() != b.solverName())
        out.push_back("solver " + a.solverName() + " → " + b.solverName());
    const std::vector<std::string> problem = projectDifferences(a.project(), b.project());
    out.insert(out.end(), problem.begin(), problem.end());
    return out;
}

// What two evaluations tell of their problems: the network's name, the batch and the energy unit.
std::vector<std::string> evaluationDifferences(const Evaluation& a, const Evaluation& b)
{
    std::vector<std::string> out;
    if (a.network != b.network)
        out.push_back("network " + a.network + " → " + b.network);
    if (a.batch != b.batch)
        out.push_back("batch " + std::to_string(a.batch) + " → " + std::to_string(b.batch));
    if (a.energyUnit != b.energyUnit)
        out.push_back("energy unit " + a.energyUnit + " → " + b.energyUnit);
    return out;
}

// Fills one side (`side` 0: A, 1: B) of the layer rows from an evaluation, adding rows for new names.
void addLayers(std::vector<LayerComparison>& rows, const Evaluation& e, int side)
{
    const std::vector<EnergyBreakdown> shares = layerEnergyShares(e);
    std::map<std::string, std::size_t> rowOf;
    for (std::size_t r = 0; r < rows.size(); ++r)
        rowOf.emplace(rows[r].name, r);
    for (std::size_t i = 0; i < e.layers.size(); ++i) {
        const LayerEvaluation& l = e.layers[i];
        auto [it, added] = rowOf.emplace(l.name, rows.size());
        if (added) {
            rows.emplace_back();
            rows.back().name = l.name;
        }
        LayerComparison& row = rows[it->second];
        const auto pick = [side](ComparedValue& v) -> double& { return side == 0 ? v.a : v.b; };
        (side == 0 ? row.indexA : row.indexB) = static_cast<int>(i);
        pick(row.energy) = shares[i].total();
        pick(row.time) = static_cast<double>(l.time);
        for (std::size_t c = 0; c < row.components.size(); ++c)
            pick(row.components[c]) = energyComponent(shares[i], c);
    }
}

std::string percentChange(const ComparedValue& v)
{
    const double r = v.ratio();
    if (!std::isfinite(r))
        return "n/a";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%+.2f %%", (r - 1) * 100);
    return buf;
}

} // namespace

std::string comparisonHeadline(const RunComparison& c)
{
    std::string out = "B against A: energy " + percentChange(c.energy) + ", time " + percentChange(c.time);
    std::vector<std::size_t> order(c.components.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&c](std::size_t x, std::size_t y) {
        return std::abs(c.components[x].diff()) > std::abs(c.components[y].diff());
    });
    constexpr std::size_t kShown = 3;
    std::string parts;
    for (std::size_t k = 0; k < kShown && k < order.size(); ++k) {
        const double d = c.components[order[k]].diff();
        if (d == 0)
            break;
        parts.append(parts.empty() ? "" : ", ")
            .append(energyComponentLabel(order[k]))
            .append(" ")
            .append(d > 0 ? "+" : "")
            .append(formatEnergy(d, c.energyUnit));
    }
    if (!parts.empty())
        out.append("; most changed: ").append(parts);
    out.append(c.segmentsA == c.segmentsB ? "; the same segments" : "; the segments differ");
    out.append("; ")
        .append(std::to_string(c.layersWithDifferentDirectives()))
        .append(" of ")
        .append(std::to_string(c.layers.size()))
        .append(" layers scheduled differently");
    return out;
}

std::string_view directiveAspectKeyword(DirectiveAspect aspect)
{
    switch (aspect) {
    case DirectiveAspect::Partition: return "partition";
    case DirectiveAspect::Mapping: return "mapping";
    case DirectiveAspect::Blocking: return "blocking";
    case DirectiveAspect::LoopOrder: return "loop_order";
    case DirectiveAspect::BufferUse: return "buffer_use";
    }
    return "partition";
}

std::string_view directiveAspectLabel(DirectiveAspect aspect)
{
    switch (aspect) {
    case DirectiveAspect::Partition: return "Partition";
    case DirectiveAspect::Mapping: return "Mapping";
    case DirectiveAspect::Blocking: return "Blocking";
    case DirectiveAspect::LoopOrder: return "Loop order";
    case DirectiveAspect::BufferUse: return "Buffer use";
    }
    return "Partition";
}

std::string segmentText(const std::vector<std::vector<std::string>>& groups)
{
    std::string out;
    for (const auto& group : groups) {
        if (!out.empty())
            out += " | ";
        for (std::size_t i = 0; i < group.size(); ++i)
            out.append(i ? ", " : "").append(group[i]);
    }
    return out;
}

std::vector<std::size_t> RunComparison::layersByImpact() const
{
    std::vector<std::size_t> order(layers.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [this](std::size_t x, std::size_t y) {
        return std::abs(layers[x].energy.diff()) > std::abs(layers[y].energy.diff());
    });
    return order;
}

std::size_t RunComparison::layersWithDifferentDirectives() const
{
    return static_cast<std::size_t>(
        std::count_if(layers.begin(), layers.end(), [](const LayerComparison& l) { return !l.directives.empty(); }));
}

Result<RunComparison> compareRuns(const Run& a, const Run& b)
{
    for (const Run* run : {&a, &b})
        if (!run->hasResult())
            return makeError("run", "run '" + runLabel(*run)
                                        + "' has no evaluated schedule; only runs with a result can be compared");
    return compareSides({runLabel(a), &*a.evaluation, &a}, {runLabel(b), &*b.evaluation, &b});
}

RunComparison compareSides(const ComparedSide& a, const ComparedSide& b)
{
    const Evaluation& ea = *a.evaluation;
    const Evaluation& eb = *b.evaluation;
    RunComparison c;
    c.labelA = a.label;
    c.labelB = b.label;
    c.energyUnit = ea.energyUnit;
    if (a.run && b.run) {
        c.inputDifferences = inputDifferences(*a.run, *b.run);
    } else {
        c.inputDifferences = evaluationDifferences(ea, eb);
        for (const ComparedSide* side : {&a, &b})
            if (!side->run)
                c.notCompared.push_back("the architecture and options: " + side->label
                                        + " is an evaluation, which names its network and batch but holds neither");
    }
    c.energy = {ea.totalCost, eb.totalCost};
    c.time = {static_cast<double>(ea.totalTime), static_cast<double>(eb.totalTime)};
    c.edp = {c.energy.a * c.time.a, c.energy.b * c.time.b};
    for (std::size_t i = 0; i < c.components.size(); ++i)
        c.components[i] = {energyComponent(ea.breakdown, i), energyComponent(eb.breakdown, i)};
    addLayers(c.layers, ea, 0);
    addLayers(c.layers, eb, 1);
    for (LayerComparison& row : c.layers)
        if (row.inBoth())
            row.directives = directiveDifferences(ea.layers[static_cast<std::size_t>(row.indexA)],
                                                  eb.layers[static_cast<std::size_t>(row.indexB)]);
    c.segmentsA = segmentLayout(ea);
    c.segmentsB = segmentLayout(eb);
    return c;
}

} // namespace kapla
