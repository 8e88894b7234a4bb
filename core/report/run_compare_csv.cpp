#include "report/run_compare_csv.h"

#include "util/text_format.h"

#include <cmath>

namespace kapla {

namespace {

// ",a,b,diff,ratio" of one quantity.
std::string valueFields(const ComparedValue& v)
{
    const double ratio = v.ratio();
    std::string out;
    for (const double x : {v.a, v.b, v.diff()})
        out.append(",").append(shortestNumber(x));
    return out.append(",").append(std::isfinite(ratio) ? shortestNumber(ratio) : std::string());
}

std::string directiveKeywords(const LayerComparison& l)
{
    std::string out;
    for (const DirectiveDifference& d : l.directives)
        out.append(out.empty() ? "" : " ").append(directiveAspectKeyword(d.aspect));
    return out;
}

} // namespace

std::string runComparisonCsv(const RunComparison& c)
{
    std::string out = "layer,in_a,in_b,energy_a,energy_b,energy_diff,energy_ratio,time_a,time_b,time_diff,time_ratio";
    for (const char* name : kEnergyComponentNames)
        out.append(",").append(name).append("_diff");
    out += ",directives\n";
    for (const LayerComparison& l : c.layers) {
        out.append(csvField(l.name))
            .append(l.indexA >= 0 ? ",1" : ",0")
            .append(l.indexB >= 0 ? ",1" : ",0")
            .append(valueFields(l.energy))
            .append(valueFields(l.time));
        for (const ComparedValue& v : l.components)
            out.append(",").append(shortestNumber(v.diff()));
        out.append(",").append(directiveKeywords(l)).append("\n");
    }
    return out;
}

} // namespace kapla
