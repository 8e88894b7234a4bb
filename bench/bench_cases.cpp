#include "bench_cases.h"

#include "io/project_io.h"

// The benchmark is a tool outside the application layers; core/io has no reader for a list of
// cases, so the list is read here and every case goes through io::parseProject as a project.
#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <filesystem>
#include <set>
#include <stdexcept>

namespace kapla::bench {

namespace {

namespace fs = std::filesystem;

// FNV-1a: stable across runs and builds, unlike std::hash, so cache keys survive a rebuild.
std::string fnv1aHex(const std::string& text)
{
    std::uint64_t h = 14695981039346656037ull;
    for (const unsigned char c : text) {
        h ^= c;
        h *= 1099511628211ull;
    }
    constexpr const char* kDigits = "0123456789abcdef";
    std::string out(16, '0');
    for (int i = 15; i >= 0; --i, h >>= 4)
        out[static_cast<std::size_t>(i)] = kDigits[h & 0xf];
    return out;
}

// A case's keys over the file's `defaults:`.
YAML::Node withDefaults(const YAML::Node& defaults, const YAML::Node& entry)
{
    YAML::Node merged(YAML::NodeType::Map);
    for (const YAML::Node* source : {&defaults, &entry})
        if (source->IsMap())
            for (const auto& kv : *source)
                merged[kv.first.Scalar()] = kv.second;
    return merged;
}

// `options:` is a preset keyword, a path to an options file, or an inline options mapping.
YAML::Node projectOptions(const YAML::Node& options)
{
    if (!options)
        return YAML::Load("{preset: default}");
    if (options.IsScalar() && presetFromKeyword(options.Scalar())) {
        YAML::Node preset(YAML::NodeType::Map);
        preset["preset"] = options.Scalar();
        return preset;
    }
    return options;
}

std::string optionsLabel(const YAML::Node& options)
{
    if (!options)
        return "default";
    if (options.IsScalar())
        return fs::path(options.Scalar()).stem().string();
    if (options["preset"])
        return options["preset"].Scalar();
    return "custom";
}

std::string defaultName(const YAML::Node& c)
{
    return fs::path(c["network"].Scalar()).stem().string() + "-b" + c["batch"].Scalar() + "-" + optionsLabel(c["options"]);
}

BenchCase loadCase(const YAML::Node& c, const std::string& where, const std::string& baseDir)
{
    static const std::set<std::string> kAllowed{"name", "network", "batch", "architecture", "options"};
    for (const auto& kv : c)
        if (!kAllowed.contains(kv.first.Scalar()))
            throw std::runtime_error(where + ": unknown key `" + kv.first.Scalar()
                                     + "` (allowed: name, network, batch, architecture, options)");
    for (const char* key : {"network", "batch", "architecture"})
        if (!c[key])
            throw std::runtime_error(where + ": missing `" + key + ":`");
    const std::string name = c["name"] ? c["name"].Scalar() : defaultName(c);
    YAML::Node project(YAML::NodeType::Map);
    project["name"] = name;
    project["batch"] = c["batch"];
    project["network"] = c["network"];
    project["architecture"] = c["architecture"];
    project["options"] = projectOptions(c["options"]);
    YAML::Node root(YAML::NodeType::Map);
    root["version"] = 1;
    root["project"] = project;
    YAML::Emitter text;
    text << root;
    auto parsed = io::parseProject(text.c_str(), where + " (" + name + ")", baseDir);
    if (!parsed) {
        std::string message;
        for (const auto& d : parsed.diagnostics())
            message += "\n  " + d.format();
        throw std::runtime_error(where + ": case " + name + " is not a valid project:" + message);
    }
    Project p = std::move(parsed).value();
    return {name, p, fnv1aHex(io::projectToYaml(p, true))};
}

} // namespace

std::vector<BenchCase> loadCases(const std::string& path)
{
    YAML::Node root;
    try {
        root = YAML::LoadFile(path);
    } catch (const YAML::Exception& e) {
        throw std::runtime_error(path + ": " + e.what());
    }
    const YAML::Node list = root["cases"];
    if (!list || !list.IsSequence())
        throw std::runtime_error(path + ": expected a `cases:` list");
    const std::string baseDir = fs::path(path).parent_path().string();
    std::vector<BenchCase> out;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string where = path + ": cases[" + std::to_string(i) + "]";
        out.push_back(loadCase(withDefaults(root["defaults"], list[i]), where, baseDir));
    }
    return out;
}

} // namespace kapla::bench
