#include "report/run_compare_json.h"

#include <cmath>
#include <string>

namespace kapla {

namespace {

using nlohmann::json;

json valueJson(const ComparedValue& v)
{
    const double ratio = v.ratio();
    return {{"a", v.a}, {"b", v.b}, {"diff", v.diff()}, {"ratio", std::isfinite(ratio) ? json(ratio) : json()}};
}

json componentsJson(const std::array<ComparedValue, kEnergyComponentNames.size()>& components)
{
    json out = json::object();
    for (std::size_t i = 0; i < components.size(); ++i)
        out[kEnergyComponentNames[i]] = valueJson(components[i]);
    return out;
}

json runJson(const std::string& label, const SegmentLayout& segments)
{
    return {{"label", label}, {"segments", segments}};
}

json layerJson(const LayerComparison& l)
{
    json directives = json::array();
    for (const DirectiveDifference& d : l.directives)
        directives.push_back({{"aspect", std::string(directiveAspectKeyword(d.aspect))}, {"a", d.a}, {"b", d.b}});
    return {{"name", l.name},
            {"in_a", l.indexA >= 0},
            {"in_b", l.indexB >= 0},
            {"energy", valueJson(l.energy)},
            {"time", valueJson(l.time)},
            {"breakdown", componentsJson(l.components)},
            {"directives", directives}};
}

} // namespace

nlohmann::json runComparisonJson(const RunComparison& c)
{
    json layers = json::array();
    for (const LayerComparison& l : c.layers)
        layers.push_back(layerJson(l));
    return {{"a", runJson(c.labelA, c.segmentsA)},
            {"b", runJson(c.labelB, c.segmentsB)},
            {"energy_unit", c.energyUnit},
            {"input_differences", c.inputDifferences},
            {"not_compared", c.notCompared},
            {"total", {{"energy", valueJson(c.energy)}, {"time", valueJson(c.time)}, {"edp", valueJson(c.edp)}}},
            {"breakdown", componentsJson(c.components)},
            {"layers", layers}};
}

} // namespace kapla
