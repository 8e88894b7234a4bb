#include "io/bench_cases_io.h"

#include "io/readers.h"

#include <filesystem>

namespace kapla::io {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view kCaseKeys[] = {"name", "network", "batch", "architecture", "options"};

std::vector<std::string_view> caseKeys() { return {std::begin(kCaseKeys), std::end(kCaseKeys)}; }

// The keys of one case or of `defaults:`, each read and checked; nullopt where absent or invalid.
struct CaseKeys {
    std::optional<std::string> name;
    std::optional<int> batch;
    std::string batchText; ///< the batch as written: generated names (and so cache keys) use it
    std::optional<Network> network;
    std::optional<ArchitectureSpec> architecture;
    std::optional<Options> options;
    std::string networkPath, architecturePath, optionsPath; ///< resolved; empty when inline
    std::string optionsLabel = "default";                   ///< the last part of a generated name
};

std::string resolvedOrEmpty(const std::string& baseDir, const std::string& written)
{
    return written.empty() ? written : resolvePath(baseDir, written);
}

// `options:` is a preset keyword, a path to an options file or an inline options mapping.
void readCaseOptions(ReadContext& ctx, MapReader& m, const std::string& baseDir, CaseKeys& k)
{
    const YAML::Node n = m.field("options");
    if (!n.IsDefined())
        return;
    if (n.IsScalar()) {
        k.optionsLabel = fs::path(n.Scalar()).stem().string();
        if (const auto preset = presetFromKeyword(n.Scalar())) {
            k.options = optionsPreset(*preset);
            return;
        }
    } else {
        const YAML::Node preset = n.IsMap() ? n["preset"] : YAML::Node();
        k.optionsLabel = preset.IsDefined() && preset.IsScalar() ? preset.Scalar() : "custom";
    }
    k.options = readOptionsPart(ctx, n, {m.keyPath("options"), baseDir}, k.optionsPath);
    k.optionsPath = resolvedOrEmpty(baseDir, k.optionsPath);
}

CaseKeys readCaseKeys(ReadContext& ctx, MapReader& m, const std::string& baseDir)
{
    CaseKeys k;
    k.name = m.string("name", false);
    if (const YAML::Node batch = m.field("batch"); batch.IsDefined())
        if (const auto v = toInteger(ctx, batch, m.keyPath("batch"), 1)) {
            k.batch = static_cast<int>(*v);
            k.batchText = batch.Scalar();
        }
    k.network = readNetworkPart(ctx, m.field("network"), {m.keyPath("network"), baseDir}, k.networkPath);
    k.networkPath = resolvedOrEmpty(baseDir, k.networkPath);
    k.architecture = readArchitecturePart(ctx, m.field("architecture"), {m.keyPath("architecture"), baseDir},
                                          k.architecturePath);
    k.architecturePath = resolvedOrEmpty(baseDir, k.architecturePath);
    readCaseOptions(ctx, m, baseDir, k);
    return k;
}

// A case's keys over the defaults': a key the case gives hides the default, even when invalid.
CaseKeys overDefaults(CaseKeys own, const MapReader& m, const CaseKeys& defaults)
{
    if (!m.has("name"))
        own.name = defaults.name;
    if (!m.has("batch")) {
        own.batch = defaults.batch;
        own.batchText = defaults.batchText;
    }
    if (!m.has("network")) {
        own.network = defaults.network;
        own.networkPath = defaults.networkPath;
    }
    if (!m.has("architecture")) {
        own.architecture = defaults.architecture;
        own.architecturePath = defaults.architecturePath;
    }
    if (!m.has("options")) {
        own.options = defaults.options;
        own.optionsPath = defaults.optionsPath;
        own.optionsLabel = defaults.optionsLabel;
    }
    return own;
}

// Reports the required keys that neither the case nor `defaults:` gives.
void checkRequired(ReadContext& ctx, const MapReader& m, const MapReader& defaults)
{
    for (const std::string_view key : {"network", "batch", "architecture"})
        if (!m.has(key) && !defaults.has(key))
            ctx.error(m.node(), m.keyPath(key),
                      "missing required key `" + std::string(key) + "`; expected it in the case or under `defaults:`");
}

std::optional<Project> readCase(ReadContext& ctx, const YAML::Node& node, const std::string& path,
                                const MapReader& defaultsReader, const CaseKeys& defaults, const std::string& baseDir)
{
    MapReader m(ctx, node, path, caseKeys());
    if (!m.valid())
        return std::nullopt;
    m.finish();
    checkRequired(ctx, m, defaultsReader);
    const CaseKeys k = overDefaults(readCaseKeys(ctx, m, baseDir), m, defaults);
    if (!k.batch || !k.network || !k.architecture)
        return std::nullopt; // reported; any error fails the whole file
    Project p;
    p.name = k.name.value_or(fs::path(k.networkPath).stem().string() + "-b" + k.batchText + "-" + k.optionsLabel);
    p.batch = *k.batch;
    p.network = *k.network;
    p.architecture = *k.architecture;
    p.options = k.options.value_or(optionsPreset(OptionsPreset::Default));
    p.networkPath = k.networkPath;
    p.architecturePath = k.architecturePath;
    p.optionsPath = k.optionsPath;
    return p;
}

Result<std::vector<Project>> readCasesRoot(ReadContext& ctx, const YAML::Node& root, const std::string& baseDir)
{
    if (!root)
        return ctx.diags;
    MapReader top(ctx, root, "", {"version", "defaults", "cases"});
    top.finish();
    readVersion(ctx, top, false);
    // `defaults:` with nothing under it (every default commented out, say) gives no defaults.
    const YAML::Node defaultsNode = top.field("defaults");
    MapReader defaultsReader(ctx, defaultsNode.IsNull() ? YAML::Node(YAML::NodeType::Undefined) : defaultsNode,
                             "defaults", caseKeys());
    defaultsReader.finish();
    const CaseKeys defaults = readCaseKeys(ctx, defaultsReader, baseDir);
    const YAML::Node list = top.field("cases", true);
    if (list.IsDefined() && !list.IsSequence())
        ctx.error(list, "cases", "expected a list of cases (mappings with network, batch, architecture and options)");
    std::vector<Project> cases;
    for (std::size_t i = 0; list.IsSequence() && i < list.size(); ++i)
        if (auto p = readCase(ctx, list[i], "cases[" + std::to_string(i) + "]", defaultsReader, defaults, baseDir))
            cases.push_back(std::move(*p));
    if (ctx.failed())
        return ctx.diags;
    return cases;
}

} // namespace

Result<std::vector<Project>> loadBenchCasesFile(const std::string& path)
{
    ReadContext ctx;
    const YAML::Node root = parseYamlFile(path, ctx);
    return readCasesRoot(ctx, root, fs::path(path).parent_path().string());
}

Result<std::vector<Project>> parseBenchCases(const std::string& text, const std::string& fileName,
                                             const std::string& baseDir)
{
    ReadContext ctx{fileName, {}, {}};
    return readCasesRoot(ctx, parseYamlText(text, ctx), baseDir);
}

} // namespace kapla::io
