#include "io/sweep_io.h"

#include "io/project_io.h"
#include "io/readers.h"
#include "sweep/sweep_parameters.h"
#include "util/file_access.h"

#include <cmath>
#include <filesystem>
#include <set>

namespace kapla::io {

namespace {

namespace fs = std::filesystem;

/// More values than this for one parameter, or points in the grid, is a mistake in the file.
constexpr std::size_t kMaxSweepPoints = 100000;

struct SweepReader {
    SweepReader(ReadContext& context, std::string dir)
        : ctx(context)
        , baseDir(std::move(dir))
    {
    }

    ReadContext& ctx;
    std::string baseDir;
    SweepSpec spec;

    std::optional<SweepValue> value(const SweepParameterInfo& info, const YAML::Node& n, const std::string& key);
    std::vector<SweepValue> range(const SweepParameterInfo& info, const YAML::Node& n, const std::string& key);
    std::optional<SweepParameter> parameter(const YAML::Node& name, const YAML::Node& values);
    void parameters(const YAML::Node& n, const YAML::Node& zip, bool zipAll);
    void constraint(const YAML::Node& n, std::size_t i);
    void constraintsLeavePoints(const YAML::Node& n);
    void base(const YAML::Node& n);
    void network(const YAML::Node& n, const std::string& key, const std::string& path);
};

std::optional<SweepValue> SweepReader::value(const SweepParameterInfo& info, const YAML::Node& n,
                                             const std::string& key)
{
    const auto min = static_cast<long long>(info.min);
    switch (info.kind) {
    case SweepValueKind::Integer:
        if (const auto v = toInteger(ctx, n, key, min))
            return static_cast<double>(*v);
        return std::nullopt;
    case SweepValueKind::Real:
        if (const auto v = toReal(ctx, n, key, true)) {
            if (*v >= info.min)
                return *v;
            ctx.error(n, key, "expected a number >= " + sweepValueText(info.min) + ", got " + n.Scalar());
        }
        return std::nullopt;
    case SweepValueKind::Dim2:
        if (const auto v = toDim2(ctx, n, key, static_cast<int>(min)))
            return *v;
        return std::nullopt;
    case SweepValueKind::Flag:
        if (n.IsScalar() && (n.Scalar() == "true" || n.Scalar() == "false"))
            return n.Scalar() == "true";
        ctx.error(n, key, "expected true or false");
        return std::nullopt;
    case SweepValueKind::Keyword: {
        const std::string s = n.IsScalar() ? n.Scalar() : "";
        if (std::find(info.keywords.begin(), info.keywords.end(), s) != info.keywords.end())
            return s;
        std::string msg = "expected " + listOf(info.keywords) + ", got '" + s + "'";
        if (const auto hint = didYouMean(s, info.keywords); !hint.empty())
            msg += "; did you mean `" + hint + "`?";
        ctx.error(n, key, msg);
        return std::nullopt;
    }
    case SweepValueKind::NetworkFile:
        if (!n.IsScalar() || n.Scalar().empty()) {
            ctx.error(n, key, "expected the path of a network file");
            return std::nullopt;
        }
        network(n, key, n.Scalar());
        return n.Scalar();
    }
    return std::nullopt;
}

void SweepReader::network(const YAML::Node& n, const std::string& key, const std::string& path)
{
    if (spec.networks.count(path))
        return;
    const std::string full = resolvePath(baseDir, path);
    if (const auto reason = unreadableReason(full)) {
        ctx.error(n, key, "network file '" + full + "' cannot be read: " + *reason);
        return;
    }
    auto loaded = loadNetworkFile(full);
    if (!loaded) {
        ctx.diags.insert(ctx.diags.end(), loaded.diagnostics().begin(), loaded.diagnostics().end());
        ctx.error(n, key, "network file '" + full + "' is not valid (see above)");
        return;
    }
    spec.networks.emplace(path, std::move(loaded).value());
}

// {from, to, step} (linear) or {from, to, factor} (geometric), `to` included when the steps reach it.
std::vector<SweepValue> SweepReader::range(const SweepParameterInfo& info, const YAML::Node& n, const std::string& key)
{
    MapReader m(ctx, n, key, {"from", "to", "step", "factor"});
    if (!m.valid())
        return {};
    m.finish();
    if (info.kind != SweepValueKind::Integer && info.kind != SweepValueKind::Real
        && info.kind != SweepValueKind::Dim2) {
        ctx.error(n, key, "a range needs a numeric parameter; give this one a list of values");
        return {};
    }
    const auto from = m.real("from", true), to = m.real("to", true);
    const bool linear = m.has("step");
    if (linear == m.has("factor")) {
        ctx.error(n, key, "expected exactly one of `step` (linear) or `factor` (geometric)");
        return {};
    }
    const auto by = m.real(linear ? "step" : "factor", true);
    if (!from || !to || !by)
        return {};
    if (linear ? *by <= 0 : *by <= 1) {
        ctx.error(m.field(linear ? "step" : "factor"), m.keyPath(linear ? "step" : "factor"),
                  linear ? "expected a step > 0" : "expected a factor > 1");
        return {};
    }
    std::vector<SweepValue> values;
    const double slack = 1e-9 * std::max(std::abs(*from), std::abs(*to));
    for (double v = *from; v <= *to + slack && values.size() <= kMaxSweepPoints;
         v = linear ? *from + static_cast<double>(values.size()) * *by : v * *by) {
        const double rounded = info.kind == SweepValueKind::Real ? v : std::round(v);
        if (info.kind == SweepValueKind::Dim2)
            values.emplace_back(PhyDim2{static_cast<int>(rounded), static_cast<int>(rounded)});
        else
            values.emplace_back(rounded);
    }
    if (values.empty())
        ctx.error(n, key,
                  "the range is empty: `from` " + sweepValueText(*from) + " is above `to` " + sweepValueText(*to));
    else if (values.size() > kMaxSweepPoints)
        ctx.error(n, key, "the range has more than " + std::to_string(kMaxSweepPoints) + " values");
    return values;
}

std::optional<SweepParameter> SweepReader::parameter(const YAML::Node& name, const YAML::Node& values)
{
    const std::string key = "sweep.parameters." + name.Scalar();
    const SweepParameterInfo* info = findSweepParameter(name.Scalar());
    if (!info) {
        std::string msg = "unknown parameter `" + name.Scalar() + "`";
        const auto names = sweepParameterNameList();
        if (const auto hint = didYouMean(name.Scalar(), names); !hint.empty())
            msg += "; did you mean `" + hint + "`?";
        else
            msg += "; expected one of " + listOf(names);
        ctx.error(name, key, msg);
        return std::nullopt;
    }
    SweepParameter p{name.Scalar(), {}};
    if (values.IsMap()) {
        p.values = range(*info, values, key);
    } else if (values.IsSequence()) {
        if (values.size() == 0)
            ctx.error(values, key, "the list of values is empty");
        for (std::size_t i = 0; i < values.size(); ++i)
            if (auto v = value(*info, values[i], key + "[" + std::to_string(i) + "]"))
                p.values.push_back(std::move(*v));
    } else {
        ctx.error(values, key, "expected a list of values or a range {from, to, step|factor}");
    }
    if (p.values.empty())
        return std::nullopt;
    return p;
}

// Each parameter is an axis of the grid, except those zipped together (or all of them for `combine: zip`).
void SweepReader::parameters(const YAML::Node& n, const YAML::Node& zip, bool zipAll)
{
    if (!n.IsMap() || n.size() == 0) {
        ctx.error(n, "sweep.parameters", "expected a mapping of parameter names to values");
        return;
    }
    std::vector<SweepParameter> params;
    for (const auto& kv : n)
        if (auto p = parameter(kv.first, kv.second))
            params.push_back(std::move(*p));
    if (ctx.failed())
        return;
    // Which axis each parameter joins: its zip group's, else its own.
    std::map<std::string, std::string> groupOf;
    if (zip.IsDefined()) {
        if (!zip.IsSequence())
            ctx.error(zip, "sweep.zip", "expected a list of lists of parameter names");
        for (std::size_t g = 0; zip.IsSequence() && g < zip.size(); ++g) {
            const YAML::Node group = zip[g];
            const std::string key = "sweep.zip[" + std::to_string(g) + "]";
            if (!group.IsSequence() || group.size() < 2) {
                ctx.error(group, key, "expected a list of two or more parameter names");
                continue;
            }
            for (const auto& name : group) {
                const std::string s = name.IsScalar() ? name.Scalar() : "";
                if (!n[s].IsDefined())
                    ctx.error(name, key, "`" + s + "` is not one of the sweep's parameters");
                else if (!groupOf.emplace(s, group[0].Scalar()).second)
                    ctx.error(name, key, "`" + s + "` is zipped twice");
            }
        }
    }
    for (auto& p : params) {
        const std::string group = zipAll ? std::string("*") : groupOf.count(p.name) ? groupOf[p.name] : p.name;
        auto axis = std::find_if(spec.axes.begin(), spec.axes.end(), [&](const SweepAxis& a) {
            const auto& first = a.parameters.front().name;
            return (zipAll ? std::string("*") : groupOf.count(first) ? groupOf[first] : first) == group;
        });
        if (axis == spec.axes.end()) {
            spec.axes.push_back({{std::move(p)}});
            continue;
        }
        if (axis->size() != p.values.size()) {
            ctx.error(n[p.name], "sweep.parameters." + p.name,
                      "zipped with `" + axis->parameters.front().name + "`, so expected " + std::to_string(axis->size())
                          + " values, got " + std::to_string(p.values.size()));
            continue;
        }
        axis->parameters.push_back(std::move(p));
    }
    if (!ctx.failed() && sweepGridSize(spec) > kMaxSweepPoints)
        ctx.error(n, "sweep.parameters",
                  "the grid has " + std::to_string(sweepGridSize(spec)) + " points; at most "
                      + std::to_string(kMaxSweepPoints) + " are allowed");
}

// "A * B <= 65536": products of parameters and numbers compared.
void SweepReader::constraint(const YAML::Node& n, std::size_t i)
{
    const std::string key = "sweep.constraints[" + std::to_string(i) + "]";
    if (!n.IsScalar()) {
        ctx.error(n, key, "expected a comparison such as `architecture.gbuf_bytes <= 65536`");
        return;
    }
    const std::string text = n.Scalar();
    static const std::vector<std::pair<std::string_view, CompareOp>> ops{{"<=", CompareOp::LessEqual},
                                                                         {">=", CompareOp::GreaterEqual},
                                                                         {"==", CompareOp::Equal},
                                                                         {"!=", CompareOp::NotEqual},
                                                                         {"<", CompareOp::Less},
                                                                         {">", CompareOp::Greater}};
    SweepConstraint c;
    c.text = text;
    std::size_t at = std::string::npos, len = 0;
    for (const auto& [word, op] : ops)
        if (const auto pos = text.find(word); pos != std::string::npos) {
            at = pos;
            len = word.size();
            c.op = op;
            break;
        }
    if (at == std::string::npos) {
        ctx.error(n, key, "expected a comparison (<=, <, >=, >, == or !=), got '" + text + "'");
        return;
    }
    const auto product = [&](std::string side, SweepProduct& out) {
        std::size_t start = 0;
        while (start <= side.size()) {
            const std::size_t end = std::min(side.find('*', start), side.size());
            std::string factor = side.substr(start, end - start);
            factor.erase(0, factor.find_first_not_of(" \t"));
            factor.erase(factor.find_last_not_of(" \t") + 1);
            char* stop = nullptr;
            const double v = std::strtod(factor.c_str(), &stop);
            if (!factor.empty() && stop == factor.c_str() + factor.size()) {
                out.constant *= v;
            } else if (const auto names = sweepParameterNames(spec);
                       std::find(names.begin(), names.end(), factor) == names.end()) {
                ctx.error(n, key, "`" + factor + "` is neither a number nor one of the sweep's parameters");
                return;
            } else if (const auto* info = findSweepParameter(factor);
                       info->kind == SweepValueKind::Keyword || info->kind == SweepValueKind::NetworkFile) {
                ctx.error(n, key, "`" + factor + "` is not a number; constraints compare numbers");
                return;
            } else {
                out.parameters.push_back(factor);
            }
            start = end + 1;
        }
    };
    product(text.substr(0, at), c.left);
    product(text.substr(at + len), c.right);
    c.at = SourceLocation{ctx.file, n.Mark().line + 1, n.Mark().column + 1};
    spec.constraints.push_back(std::move(c));
}

void SweepReader::constraintsLeavePoints(const YAML::Node& n)
{
    if (spec.constraints.empty() || !expandSweep(spec).empty())
        return;
    for (std::size_t i = 0; i < spec.constraints.size(); ++i) {
        SweepSpec alone = spec;
        alone.constraints = {spec.constraints[i]};
        if (expandSweep(alone).empty()) {
            ctx.error(n[i], "sweep.constraints[" + std::to_string(i) + "]",
                      "`" + spec.constraints[i].text + "` rejects every one of the "
                          + std::to_string(sweepGridSize(spec)) + " points");
            return;
        }
    }
    ctx.error(n, "sweep.constraints",
              "the constraints together reject every one of the " + std::to_string(sweepGridSize(spec)) + " points");
}

void SweepReader::base(const YAML::Node& n)
{
    if (!n.IsScalar()) {
        ctx.error(n, "sweep.base", "expected the path of the base project file");
        return;
    }
    spec.basePath = resolvePath(baseDir, n.Scalar());
    if (const auto reason = unreadableReason(spec.basePath)) {
        ctx.error(n, "sweep.base", "project file '" + spec.basePath + "' cannot be read: " + *reason);
        return;
    }
    auto project = loadProjectFile(spec.basePath);
    if (!project) {
        ctx.diags.insert(ctx.diags.end(), project.diagnostics().begin(), project.diagnostics().end());
        ctx.error(n, "sweep.base", "project file '" + spec.basePath + "' is not valid (see above)");
        return;
    }
    spec.base = std::move(project).value();
}

} // namespace

Result<SweepSpec> readSweepRoot(ReadContext& ctx, const YAML::Node& root, const std::string& baseDir,
                                const GivenBase& given)
{
    if (!root)
        return ctx.diags;
    MapReader top(ctx, root, "", {"version", "sweep"});
    if (!top.valid())
        return ctx.diags;
    top.finish();
    readVersion(ctx, top, false);
    MapReader m(ctx, top.field("sweep", true), "sweep",
                {"name", "base", "solver", "combine", "parameters", "zip", "constraints"});
    if (!m.valid())
        return ctx.diags;
    m.finish();
    SweepReader r(ctx, baseDir);
    r.spec.file = ctx.file;
    r.spec.digest = textDigest(ctx.text ? *ctx.text : std::string());
    r.spec.name = m.string("name", false).value_or(fs::path(ctx.file).stem().string());
    if (given.project) {
        r.spec.base = *given.project;
        r.spec.basePath = given.path;
    } else {
        r.base(m.field("base", true));
    }
    if (const auto solver = m.string("solver", false)) {
        r.spec.solver = solverFromKeyword(*solver);
        if (!r.spec.solver)
            ctx.error(m.field("solver"), "sweep.solver",
                      "expected kapla, exhaustive, random or ml, got '" + *solver + "'");
    }
    const std::string combine = m.string("combine", false).value_or("grid");
    if (combine != "grid" && combine != "zip")
        ctx.error(m.field("combine"), "sweep.combine", "expected grid or zip, got '" + combine + "'");
    r.parameters(m.field("parameters", true), m.field("zip"), combine == "zip");
    if (const YAML::Node cs = m.field("constraints"); cs.IsDefined() && !ctx.failed()) {
        if (!cs.IsSequence())
            ctx.error(cs, "sweep.constraints", "expected a list of comparisons");
        for (std::size_t i = 0; cs.IsSequence() && i < cs.size(); ++i)
            r.constraint(cs[i], i);
        if (!ctx.failed())
            r.constraintsLeavePoints(cs);
    }
    if (ctx.failed())
        return ctx.diags;
    return std::move(r.spec);
}

Result<SweepSpec> loadSweepFile(const std::string& path)
{
    ReadContext ctx;
    const YAML::Node root = parseYamlFile(path, ctx);
    return readSweepRoot(ctx, root, fs::path(path).parent_path().string());
}

Result<SweepSpec> parseSweep(const std::string& text, const std::string& fileName, const std::string& baseDir)
{
    ReadContext ctx;
    ctx.file = fileName;
    const YAML::Node root = parseYamlText(text, ctx);
    return readSweepRoot(ctx, root, baseDir);
}

Result<SweepSpec> parseSweepOver(const std::string& text, const std::string& fileName, const std::string& baseDir,
                                 const Project& base, const std::string& basePath)
{
    ReadContext ctx;
    ctx.file = fileName;
    const YAML::Node root = parseYamlText(text, ctx);
    return readSweepRoot(ctx, root, baseDir, GivenBase{&base, basePath});
}

} // namespace kapla::io
