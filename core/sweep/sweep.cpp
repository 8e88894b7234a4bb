#include "sweep/sweep.h"

#include "sweep/sweep_parameters.h"
#include "util/text_format.h"

#include <algorithm>
#include <cstdio>

namespace kapla {

namespace {

template <class... Fs>
struct Overloaded : Fs... {
    using Fs::operator()...;
};
template <class... Fs>
Overloaded(Fs...) -> Overloaded<Fs...>;

std::optional<double> productOf(const SweepProduct& p, const std::vector<std::pair<std::string, SweepValue>>& values)
{
    double result = p.constant;
    for (const std::string& name : p.parameters) {
        const auto it = std::find_if(values.begin(), values.end(), [&](const auto& v) { return v.first == name; });
        if (it == values.end())
            return std::nullopt;
        const auto n = sweepValueNumber(it->second);
        if (!n)
            return std::nullopt;
        result *= *n;
    }
    return result;
}

} // namespace

std::string sweepValueText(const SweepValue& value)
{
    return std::visit(Overloaded{[](double v) { return shortestNumber(v); }, [](PhyDim2 v) { return v.toString(); },
                                 [](bool v) { return std::string(v ? "true" : "false"); },
                                 [](const std::string& v) { return v; }},
                      value);
}

std::optional<double> sweepValueNumber(const SweepValue& value)
{
    return std::visit(Overloaded{[](double v) { return std::optional(v); },
                                 [](PhyDim2 v) { return std::optional(static_cast<double>(v.size())); },
                                 [](bool v) { return std::optional(v ? 1.0 : 0.0); },
                                 [](const std::string&) { return std::optional<double>(); }},
                      value);
}

std::string SweepPoint::id() const
{
    char buf[24];
    std::snprintf(buf, sizeof buf, "p%04d", index);
    return buf;
}

std::vector<std::string> sweepParameterNames(const SweepSpec& spec)
{
    std::vector<std::string> names;
    for (const auto& axis : spec.axes)
        for (const auto& p : axis.parameters)
            names.push_back(p.name);
    return names;
}

std::size_t sweepGridSize(const SweepSpec& spec)
{
    std::size_t n = spec.axes.empty() ? 0 : 1;
    for (const auto& axis : spec.axes)
        n *= axis.size();
    return n;
}

bool satisfies(const SweepConstraint& c, const std::vector<std::pair<std::string, SweepValue>>& values)
{
    const auto l = productOf(c.left, values), r = productOf(c.right, values);
    if (!l || !r)
        return false;
    switch (c.op) {
    case CompareOp::Less: return *l < *r;
    case CompareOp::LessEqual: return *l <= *r;
    case CompareOp::Greater: return *l > *r;
    case CompareOp::GreaterEqual: return *l >= *r;
    case CompareOp::Equal: return *l == *r;
    case CompareOp::NotEqual: return *l != *r;
    }
    return false;
}

std::vector<SweepPoint> expandSweep(const SweepSpec& spec)
{
    std::vector<SweepPoint> points;
    const std::size_t total = sweepGridSize(spec);
    for (std::size_t index = 0; index < total; ++index) {
        SweepPoint point;
        point.index = static_cast<int>(index);
        // Mixed-radix digits of the index, the last axis varying fastest.
        std::vector<std::size_t> digit(spec.axes.size());
        std::size_t rest = index;
        for (std::size_t a = spec.axes.size(); a-- > 0;) {
            digit[a] = rest % spec.axes[a].size();
            rest /= spec.axes[a].size();
        }
        for (std::size_t a = 0; a < spec.axes.size(); ++a)
            for (const auto& p : spec.axes[a].parameters)
                point.values.emplace_back(p.name, p.values[digit[a]]);
        const bool accepted = std::all_of(spec.constraints.begin(), spec.constraints.end(),
                                          [&](const SweepConstraint& c) { return satisfies(c, point.values); });
        if (accepted)
            points.push_back(std::move(point));
    }
    return points;
}

Result<Project> applySweepPoint(const SweepSpec& spec, const SweepPoint& point)
{
    Project project = spec.base;
    if (spec.solver)
        project.options.solver = *spec.solver;
    for (const auto& [name, value] : point.values) {
        const SweepParameterInfo* info = findSweepParameter(name);
        if (!info)
            return makeError(name, "not a sweep parameter");
        if (std::string problem = info->apply(project, value, spec); !problem.empty())
            return makeError(name, std::move(problem));
    }
    return project;
}

std::string textDigest(const std::string& text)
{
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (const char c : text)
        h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
    char buf[20];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return buf;
}

} // namespace kapla
