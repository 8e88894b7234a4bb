#include "cost/segment_constraint.h"

#include "cost/segment_constraint_symbols.h"

#include <algorithm>
#include <limits>
#include <map>

namespace kapla {

namespace {

using namespace segment_cstr;

int resolve(const std::optional<Term>& t, const std::map<std::string, int>& assignment)
{
    if (!t)
        return 0;
    if (!t->isSymbol())
        return t->value;
    const auto it = assignment.find(t->symbol);
    return it == assignment.end() ? 0 : it->second;
}

// SchedulingConstraintLayerPipeline: full buffering forces the top factor to 1; both channel top
// factors above 1 is a ValueError in the reference, so such a combination yields nothing.
std::optional<LayerConstraint> layerConstraint(const LayerArgs& a, const std::optional<LayerId>& lazyFrom,
                                               const std::map<std::string, int>& assignment)
{
    LayerConstraint c;
    c.top.topbat = resolve(a[TopBat], assignment);
    c.top.topifm = resolve(a[TopIfm], assignment);
    c.top.topofm = resolve(a[TopOfm], assignment);
    c.fbifm = resolve(a[FbIfm], assignment) != 0;
    c.fbofm = resolve(a[FbOfm], assignment) != 0;
    if (c.fbifm)
        c.top.topifm = 1;
    if (c.fbofm)
        c.top.topofm = 1;
    c.top.checkOrder = true;
    c.topofmFromLayer = lazyFrom;
    if (c.top.topifm > 1 && c.top.topofm > 1)
        return std::nullopt;
    return c;
}

std::optional<SegmentConstraintCombo> makeCombo(const SymbolicSegment& s, const std::map<std::string, int>& assignment,
                                                std::vector<int> hints)
{
    SegmentConstraintCombo combo;
    combo.hints = std::move(hints);
    for (std::size_t sp = 0; sp < s.args.size(); ++sp) {
        combo.layers.emplace_back();
        for (std::size_t tm = 0; tm < s.args[sp].size(); ++tm) {
            std::optional<LayerConstraint> c = layerConstraint(s.args[sp][tm], s.lazyFrom[sp][tm], assignment);
            if (!c)
                return std::nullopt;
            combo.layers.back().push_back(*c);
        }
    }
    return combo;
}

// gen_constraint's filter: a top batch factor below num_sp_fbs / max_time_overhead cannot hide the
// fully buffered groups' pipeline fill time.
void filterTopBat(std::map<std::string, std::vector<int>>& values, int numSpFbs, double maxTimeOverhead)
{
    const auto it = values.find(kTopBatSymbol);
    if (it == values.end())
        return;
    // Python divides by zero here; read a zero overhead as "any fully buffered group excludes all".
    const double minTopBat = maxTimeOverhead > 0 ? numSpFbs / maxTimeOverhead
                                                 : (numSpFbs > 0 ? std::numeric_limits<double>::infinity() : 0.);
    std::erase_if(it->second, [&](int t) { return static_cast<double>(t) < minTopBat; });
}

// itertools.product over the symbols in name order: the first symbol varies slowest.
void enumerateCombos(const SymbolicSegment& s, SegmentConstraints& out)
{
    const std::size_t n = out.symbols.size();
    if (std::any_of(out.symbolValues.begin(), out.symbolValues.end(), [](const auto& v) { return v.empty(); }))
        return;
    std::vector<std::size_t> index(n, 0);
    while (true) {
        std::map<std::string, int> assignment;
        std::vector<int> hints;
        for (std::size_t k = 0; k < n; ++k) {
            assignment[out.symbols[k]] = out.symbolValues[k][index[k]];
            hints.push_back(out.symbolValues[k][index[k]]);
        }
        if (std::optional<SegmentConstraintCombo> c = makeCombo(s, assignment, std::move(hints)))
            out.combos.push_back(std::move(*c));
        std::size_t k = n;
        while (k > 0 && ++index[k - 1] == out.symbolValues[k - 1].size())
            index[--k] = 0;
        if (k == 0)
            return;
    }
}

} // namespace

SegmentConstraints generateSegmentConstraints(const PipelineSegment& segment, const Network& network, double gbufWords,
                                              double maxTimeOverhead)
{
    SegmentConstraints out;
    if (!segment.valid()) {
        out.reason = "the segment is invalid: " + segment.reason;
        return out;
    }
    SymbolicSegment s = initSymbolicConstraints({&segment, &network, gbufWords});
    out.criticalPath = s.criticalPath;
    out.numSpFbs = s.numSpFbs;
    if (!s.valid) {
        out.reason = "no fully buffered scheme fits: " + s.reason;
        return out;
    }
    out.valid = true;
    filterTopBat(s.values, s.numSpFbs, maxTimeOverhead);
    for (const auto& [name, vals] : s.values) {
        out.symbols.push_back(name);
        out.symbolValues.push_back(vals);
    }
    if (out.symbols.empty()) {
        // The reference iterates a dummy symbol with the single value None; its hint is (1,).
        if (std::optional<SegmentConstraintCombo> c = makeCombo(s, {}, {1}))
            out.combos.push_back(std::move(*c));
        return out;
    }
    enumerateCombos(s, out);
    if (out.combos.empty())
        out.reason = "no combination is left: the top batch factor must reach " + std::to_string(s.numSpFbs)
                   + " fully buffered group(s) / max time overhead";
    return out;
}

} // namespace kapla
