#include "io/project_io.h"

#include "io/readers.h"
#include "model/limits.h"
#include "model/resolved_project.h"
#include "util/file_access.h"

#include <filesystem>
#include <optional>
#include <string>

namespace kapla::io {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kTopKeys[] = {"project", "network", "architecture", "options", "schedule", "run", "sweep"};

// Checks `version:` and that `key` is the only content key; returns its node.
YAML::Node topLevel(ReadContext& ctx, const YAML::Node& root, std::string_view key, bool versionRequired)
{
    MapReader m(ctx, root, "", {"version", key});
    if (!m.valid())
        return YAML::Node(YAML::NodeType::Undefined);
    m.finish();
    readVersion(ctx, m, versionRequired);
    return m.field(key, true);
}

template <typename T, typename ReadFn>
Result<T> parseTop(ReadContext& ctx, const YAML::Node& root, std::string_view key, ReadFn read)
{
    if (!root)
        return ctx.diags;
    const YAML::Node body = topLevel(ctx, root, key, false);
    if (ctx.failed() || !body.IsDefined())
        return ctx.diags;
    auto value = read(ctx, body, std::string(key));
    if (!value || ctx.failed())
        return ctx.diags;
    return std::move(*value);
}

// A project part is either a path to a file of that kind or the part's mapping inline; `kind` names
// the file kind in messages.
template <typename T, typename LoadFn, typename ReadFn>
std::optional<T> readPart(ReadContext& ctx, const YAML::Node& n, const PartKey& key, std::string_view kind,
                          std::string& pathOut, LoadFn load, ReadFn read)
{
    if (!n.IsDefined())
        return std::nullopt;
    if (n.IsScalar()) {
        pathOut = n.Scalar();
        const std::string full = resolvePath(key.baseDir, pathOut);
        if (const auto reason = unreadableReason(full)) {
            ctx.error(n, key.path,
                      "included file '" + full + "' "
                          + (*reason == kMissingFileReason ? "does not exist" : "cannot be read: " + *reason));
            return std::nullopt;
        }
        auto loaded = load(full);
        if (!loaded) {
            for (const auto& d : loaded.diagnostics())
                ctx.diags.push_back(d);
            // The diagnostics above name the included file; this one says where it was included.
            ctx.error(n, key.path,
                      "included file '" + full + "' is invalid (see the errors above); expected a valid "
                          + std::string(kind) + " file");
            return std::nullopt;
        }
        return std::move(loaded).value();
    }
    return read(ctx, n, key.path);
}

// The first of kTopKeys a parsed file has, which tells its kind (unless it is an evaluation).
std::optional<std::size_t> topKeyIndex(const YAML::Node& root)
{
    for (std::size_t i = 0; i < std::size(kTopKeys); ++i)
        if (root[std::string(kTopKeys[i])].IsDefined())
            return i;
    return std::nullopt;
}

// The kind of a parsed file by its top-level key.
FileKind kindOf(const YAML::Node& root)
{
    // An evaluation names its network too: its totals and layers tell it from a network file.
    if (root.IsMap() && root["total"].IsDefined() && root["layers"].IsDefined() && root["energy_unit"].IsDefined())
        return FileKind::Evaluation;
    const FileKind kinds[] = {FileKind::Project,  FileKind::Network, FileKind::Architecture, FileKind::Options,
                              FileKind::Schedule, FileKind::Run,     FileKind::Sweep};
    const auto index = topKeyIndex(root);
    return index ? kinds[*index] : FileKind::Unknown;
}

// A file of no known kind: names each key that is not `version`, with the closest known one.
void reportUnknownTopLevel(ReadContext& ctx, const YAML::Node& root)
{
    const std::vector<std::string_view> kinds(std::begin(kTopKeys), std::end(kTopKeys));
    const std::string expected = "expected one of the top-level keys " + listOf(kinds);
    bool named = false;
    for (auto it = root.begin(); it != root.end(); ++it) {
        const std::string key = it->first.IsScalar() ? it->first.Scalar() : std::string("<non-text key>");
        if (key == "version")
            continue;
        named = true;
        const std::string hint = didYouMean(key, kinds);
        ctx.error(it->first, key,
                  "unknown top-level key `" + key + "`; " + (hint.empty() ? expected : "did you mean `" + hint + "`?"));
    }
    if (!named)
        ctx.error(root, "", "no content; " + expected);
}

// A file of another known kind where a project belongs (an options or a network file): one error that
// names its kind, rather than one per key a project does not take. False if the file is no such file.
bool refusedAsOtherKind(ReadContext& ctx, const YAML::Node& root)
{
    const FileKind kind = kindOf(root);
    if (kind == FileKind::Project || kind == FileKind::Unknown || !root.IsMap())
        return false;
    // Reported at the key that tells the kind (for an evaluation, its first key besides `version`).
    const auto index = topKeyIndex(root);
    const std::string kindKey = kind == FileKind::Evaluation || !index ? std::string() : std::string(kTopKeys[*index]);
    for (auto it = root.begin(); it != root.end(); ++it) {
        const std::string key = it->first.IsScalar() ? it->first.Scalar() : std::string();
        if (key == "version" || (!kindKey.empty() && key != kindKey))
            continue;
        ctx.error(it->first, key,
                  std::string("expected a project file (top-level `project`), but this is ")
                      + (kindKey.empty() ? std::string("an evaluation (the JSON `kapla solve --json` writes)")
                                         : (kindKey.starts_with('a') || kindKey.starts_with('o') ? "an " : "a ")
                                               + kindKey + " file (top-level `" + kindKey + "`)"));
        return true;
    }
    return false;
}

Result<Project> readProjectRoot(ReadContext& ctx, const YAML::Node& root, const std::string& baseDir,
                                std::vector<RunPtr>* legacyRuns)
{
    if (!root)
        return ctx.diags;
    if (refusedAsOtherKind(ctx, root))
        return ctx.diags;
    const YAML::Node body = topLevel(ctx, root, "project", true);
    if (ctx.failed() || !body.IsDefined())
        return ctx.diags;
    std::vector<RunPtr> ignored;
    auto project = readProjectMap(ctx, body, "project", baseDir, legacyRuns ? legacyRuns : &ignored);
    if (!project || ctx.failed())
        return ctx.diags;
    return std::move(*project);
}

Result<RunPtr> readRunRoot(ReadContext& ctx, const YAML::Node& root, const std::string& baseDir)
{
    if (!root)
        return ctx.diags;
    const YAML::Node body = topLevel(ctx, root, "run", true);
    if (ctx.failed() || !body.IsDefined())
        return ctx.diags;
    auto run = readRunMap(ctx, body, "run", baseDir, nullptr);
    if (!run || ctx.failed())
        return ctx.diags;
    return std::move(*run);
}

// The warnings a successful read left in `ctx`.
template <typename T>
Result<T> withWarnings(Result<T> result, const ReadContext& ctx, Diagnostics* warnings)
{
    if (warnings && result)
        *warnings = ctx.diags;
    return result;
}

} // namespace

std::string resolvePath(const std::string& baseDir, const std::string& rel)
{
    const fs::path p(rel);
    return p.is_absolute() || baseDir.empty() ? p.string() : (fs::path(baseDir) / p).lexically_normal().string();
}

void readVersion(ReadContext& ctx, MapReader& top, bool required)
{
    if (const auto v = top.integer("version", required, 0); v && *v != 1)
        ctx.error(top.field("version"), "version",
                  "unsupported version " + std::to_string(*v) + "; this build reads version 1");
}

std::optional<Project> readProjectMap(ReadContext& ctx, const YAML::Node& node, const std::string& path,
                                      const std::string& baseDir, std::vector<RunPtr>* legacyRuns)
{
    std::vector<std::string_view> keys{"name", "batch", "network", "architecture", "options"};
    if (legacyRuns)
        keys.push_back("runs");
    MapReader m(ctx, node, path, std::move(keys));
    if (!m.valid())
        return std::nullopt;
    m.finish();
    Project p;
    p.name = m.string("name", false).value_or("");
    p.batch = static_cast<int>(m.integer("batch", true, 1, limits::kMaxBatch).value_or(1));
    auto net = readNetworkPart(ctx, m.field("network", true), {m.keyPath("network"), baseDir}, p.networkPath);
    auto arch = readArchitecturePart(ctx, m.field("architecture", true), {m.keyPath("architecture"), baseDir},
                                     p.architecturePath);
    auto opts = readOptionsPart(ctx, m.field("options"), {m.keyPath("options"), baseDir}, p.optionsPath);
    if (ctx.failed() || !net || !arch)
        return std::nullopt;
    p.network = std::move(*net);
    if (const auto tooLarge = problemTooLarge(p.network, p.batch)) {
        ctx.error(m.field("batch"), m.keyPath("batch"), tooLarge->message);
        return std::nullopt;
    }
    p.architecture = std::move(*arch);
    p.options = opts.value_or(Options{});
    if (legacyRuns)
        if (const YAML::Node runs = m.field("runs"); runs.IsDefined())
            *legacyRuns = readRunList(ctx, runs, m.keyPath("runs"), baseDir, p);
    if (ctx.failed())
        return std::nullopt;
    return p;
}

std::optional<Network> readNetworkPart(ReadContext& ctx, const YAML::Node& node, const PartKey& key,
                                       std::string& pathOut)
{
    return readPart<Network>(ctx, node, key, "network", pathOut, loadNetworkFile, readNetworkMap);
}

std::optional<ArchitectureSpec> readArchitecturePart(ReadContext& ctx, const YAML::Node& node, const PartKey& key,
                                                     std::string& pathOut)
{
    return readPart<ArchitectureSpec>(ctx, node, key, "architecture", pathOut, loadArchitectureFile,
                                      readArchitectureMap);
}

std::optional<Options> readOptionsPart(ReadContext& ctx, const YAML::Node& node, const PartKey& key,
                                       std::string& pathOut)
{
    return readPart<Options>(ctx, node, key, "options", pathOut, loadOptionsFile, readOptionsMap);
}

Result<Network> parseNetwork(const std::string& text, const std::string& fileName)
{
    ReadContext ctx{fileName, {}, {}};
    return parseTop<Network>(ctx, parseYamlText(text, ctx), "network", readNetworkMap);
}

Result<ArchitectureSpec> parseArchitecture(const std::string& text, const std::string& fileName)
{
    ReadContext ctx{fileName, {}, {}};
    return parseTop<ArchitectureSpec>(ctx, parseYamlText(text, ctx), "architecture", readArchitectureMap);
}

Result<Options> parseOptions(const std::string& text, const std::string& fileName)
{
    ReadContext ctx{fileName, {}, {}};
    return parseTop<Options>(ctx, parseYamlText(text, ctx), "options", readOptionsMap);
}

Result<Project> parseProject(const std::string& text, const std::string& fileName, const std::string& baseDir,
                             Diagnostics* warnings)
{
    ReadContext ctx{fileName, {}, {}};
    return withWarnings(readProjectRoot(ctx, parseYamlText(text, ctx), baseDir, nullptr), ctx, warnings);
}

Result<Network> loadNetworkFile(const std::string& path)
{
    ReadContext ctx;
    return parseTop<Network>(ctx, parseYamlFile(path, ctx), "network", readNetworkMap);
}

Result<ArchitectureSpec> loadArchitectureFile(const std::string& path)
{
    ReadContext ctx;
    return parseTop<ArchitectureSpec>(ctx, parseYamlFile(path, ctx), "architecture", readArchitectureMap);
}

Result<Options> loadOptionsFile(const std::string& path)
{
    ReadContext ctx;
    return parseTop<Options>(ctx, parseYamlFile(path, ctx), "options", readOptionsMap);
}

Result<Project> loadProjectFile(const std::string& path, Diagnostics* warnings, std::vector<RunPtr>* legacyRuns)
{
    ReadContext ctx;
    const YAML::Node root = parseYamlFile(path, ctx);
    return withWarnings(readProjectRoot(ctx, root, fs::path(path).parent_path().string(), legacyRuns), ctx, warnings);
}

Result<RunPtr> loadRunFile(const std::string& path, Diagnostics* warnings)
{
    ReadContext ctx;
    const YAML::Node root = parseYamlFile(path, ctx);
    return withWarnings(readRunRoot(ctx, root, fs::path(path).parent_path().string()), ctx, warnings);
}

Result<std::variant<Network, Project>> loadNetworkOrProjectFile(const std::string& path)
{
    ReadContext ctx;
    const YAML::Node root = parseYamlFile(path, ctx);
    if (root && kindOf(root) == FileKind::Network) {
        auto network = parseTop<Network>(ctx, root, "network", readNetworkMap);
        if (!network)
            return network.diagnostics();
        return std::variant<Network, Project>(std::move(network).value());
    }
    auto project = readProjectRoot(ctx, root, fs::path(path).parent_path().string(), nullptr);
    if (!project)
        return project.diagnostics();
    return std::variant<Network, Project>(std::move(project).value());
}

std::vector<std::string> projectInputFiles(const std::string& projectPath, const Project& project)
{
    const std::string dir = fs::path(projectPath).parent_path().string();
    std::vector<std::string> files{projectPath};
    for (const std::string* part : {&project.networkPath, &project.architecturePath, &project.optionsPath})
        if (!part->empty())
            files.push_back(resolvePath(dir, *part));
    return files;
}

FileKind detectFileKind(const std::string& path)
{
    ReadContext ctx;
    const YAML::Node root = parseYamlFile(path, ctx);
    return root ? kindOf(root) : FileKind::Unknown;
}

// Parses the file once (a big file takes a while) and reads the tree as the kind it is.
Diagnostics validateFile(const std::string& path)
{
    ReadContext ctx;
    const YAML::Node root = parseYamlFile(path, ctx);
    if (!root)
        return ctx.diags;
    switch (kindOf(root)) {
    case FileKind::Project: {
        const auto project = readProjectRoot(ctx, root, fs::path(path).parent_path().string(), nullptr);
        return project ? ctx.diags : project.diagnostics(); // warnings of a valid project too
    }
    case FileKind::Run: {
        const auto run = readRunRoot(ctx, root, fs::path(path).parent_path().string());
        return run ? ctx.diags : run.diagnostics();
    }
    case FileKind::Network: return parseTop<Network>(ctx, root, "network", readNetworkMap).diagnostics();
    case FileKind::Architecture:
        return parseTop<ArchitectureSpec>(ctx, root, "architecture", readArchitectureMap).diagnostics();
    case FileKind::Options: return parseTop<Options>(ctx, root, "options", readOptionsMap).diagnostics();
    case FileKind::Schedule: return readScheduleRoot(ctx, root).diagnostics();
    case FileKind::Sweep: return readSweepRoot(ctx, root, fs::path(path).parent_path().string()).diagnostics();
    case FileKind::Evaluation: readEvaluationRoot(ctx, root); return ctx.diags;
    case FileKind::Unknown: break;
    }
    reportUnknownTopLevel(ctx, root);
    return ctx.diags;
}

} // namespace kapla::io
