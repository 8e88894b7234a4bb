#include "fuzz_case.h"

#include "io/project_io.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

namespace kapla::fuzz {

namespace fs = std::filesystem;

namespace {

// An options file of every key, the seed of the options mutants.
constexpr const char* kOptionsSeed = R"(version: 1
options:
  preset: default
  goal: e
  solver: kapla
  mapping: eyeriss
  refetch_rule: kapla
  gbuf_bypass: [false, false, false]
  solve_loopblocking: false
  access_forwarding: false
  gbuf_sharing: true
  gbuf_save_writeback: true
  partition_hybrid: true
  partition_batch: true
  partition_ifmaps: false
  partition_interlayer: true
  layer_pipeline_time_overhead: inf
  layer_pipeline_max_degree: inf
  layer_pipeline_opt: true
  ntops: 1
  threads: 2
  frontier_pruning: false
)";

std::string readText(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void writeText(const std::string& path, const std::string& text)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
}

std::vector<std::string> yamlFiles(const fs::path& folder)
{
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(folder))
        if (e.is_regular_file() && e.path().extension() == ".yaml")
            out.push_back(e.path().string());
    std::sort(out.begin(), out.end()); // directory order is not deterministic
    return out;
}

// A project of `network` on `architecture` (both absolute paths), batch 4.
std::string projectText(const std::string& network, const std::string& architecture, const std::string& options)
{
    return "version: 1\nproject:\n  name: fuzz\n  batch: 4\n  network: " + network + "\n  architecture: " + architecture
         + "\n  options: " + options + "\n";
}

std::string quoted(const std::string& path) { return "'" + path + "'"; }

// The verbs a case runs, by the role of its seed; `mutant` is the mutated file.
std::vector<std::vector<std::string>> commands(const Seed& seed, const std::string& mutant, const CaseSettings& s)
{
    const std::string out = s.scratch + "/out/";
    const std::string samples = s.sourceDir + "/sample_projects/";
    const std::vector<std::string> quickSolve{"--solver", "random", "--eval-budget", "50", "--threads", "1"};
    const auto solve = [&](const std::string& project) {
        std::vector<std::vector<std::string>> c;
        std::vector<std::string> args{"solve", project, "--json", out + "solve.json"};
        args.insert(args.end(), quickSolve.begin(), quickSolve.end());
        c.push_back(args);
        if (s.fullSolve)
            c.push_back({"solve", project, "--threads", "1", "--schedule", out + "schedule.yaml"});
        return c;
    };
    std::vector<std::vector<std::string>> c;
    switch (seed.role) {
    case SeedRole::Project: {
        c = {{"validate", mutant}, {"show", mutant, "--json", out + "show.json"}};
        if (!seed.schedule.empty())
            c.push_back({"evaluate", mutant, "--schedule", seed.schedule, "--json", out + "eval.json"});
        for (auto& a : solve(mutant))
            c.push_back(a);
        return c;
    }
    case SeedRole::Network: {
        const std::string project = s.scratch + "/network-project.yaml";
        writeText(project,
                  projectText(quoted(mutant), quoted(samples + "architectures/setup-b-4x4.yaml"), "{solver: random}"));
        c = {{"validate", mutant}, {"show", mutant, "--json", out + "show.json"}};
        for (auto& a : solve(project))
            c.push_back(a);
        return c;
    }
    case SeedRole::Architecture: {
        const std::string project = s.scratch + "/architecture-project.yaml";
        writeText(project, projectText(quoted(samples + "networks/mlp_s.yaml"), quoted(mutant), "{solver: random}"));
        c = {{"validate", mutant}, {"show", project, "--json", out + "show.json"}};
        for (auto& a : solve(project))
            c.push_back(a);
        return c;
    }
    case SeedRole::Options: {
        const std::string project = s.scratch + "/options-project.yaml";
        writeText(project, projectText(quoted(samples + "networks/mlp_s.yaml"),
                                       quoted(samples + "architectures/setup-b-4x4.yaml"), quoted(mutant)));
        c = {{"validate", mutant}, {"show", project}};
        for (auto& a : solve(project))
            c.push_back(a);
        return c;
    }
    case SeedRole::Schedule:
        return {{"validate", mutant}, {"evaluate", seed.project, "--schedule", mutant, "--json", out + "eval.json"}};
    }
    return c;
}

} // namespace

std::string makeScratch(const std::string& sourceDir)
{
    std::string pattern = (fs::temp_directory_path() / "kapla-fuzz-XXXXXX").string();
    if (!::mkdtemp(pattern.data()))
        return {};
    const fs::path root(pattern);
    fs::create_directories(root / "golden");
    fs::create_directories(root / "out");
    for (const char* part : {"networks", "architectures"})
        fs::create_directory_symlink(fs::path(sourceDir) / "sample_projects" / part, root / part);
    writeText((root / "options-seed.yaml").string(), kOptionsSeed);
    return root.string();
}

std::vector<Seed> seedCorpus(const std::string& sourceDir, const std::string& scratch)
{
    const fs::path samples = fs::path(sourceDir) / "sample_projects";
    const fs::path schedules = fs::path(sourceDir) / "tests/data/schedules";
    std::vector<Seed> seeds;
    for (const auto& p : yamlFiles(samples))
        seeds.push_back({p, SeedRole::Project, "", "", ""});
    for (const auto& p : yamlFiles(samples / "golden")) {
        const fs::path schedule = schedules / fs::path(p).filename();
        seeds.push_back({p, SeedRole::Project, "golden", fs::exists(schedule) ? schedule.string() : "", ""});
    }
    for (const auto& p : yamlFiles(samples / "networks"))
        seeds.push_back({p, SeedRole::Network, "", "", ""});
    for (const auto& p : yamlFiles(samples / "architectures"))
        seeds.push_back({p, SeedRole::Architecture, "", "", ""});
    for (const auto& p : yamlFiles(schedules)) {
        const fs::path project = samples / "golden" / fs::path(p).filename();
        if (fs::exists(project))
            seeds.push_back({p, SeedRole::Schedule, "", "", project.string()});
    }
    seeds.push_back({scratch + "/options-seed.yaml", SeedRole::Options, "", "", ""});
    return seeds;
}

namespace {

// The kind of file a seed of this role is.
io::FileKind seedKind(SeedRole role)
{
    switch (role) {
    case SeedRole::Project: return io::FileKind::Project;
    case SeedRole::Network: return io::FileKind::Network;
    case SeedRole::Architecture: return io::FileKind::Architecture;
    case SeedRole::Options: return io::FileKind::Options;
    case SeedRole::Schedule: return io::FileKind::Schedule;
    }
    return io::FileKind::Unknown;
}

} // namespace

CaseResult runCase(const std::vector<Seed>& seeds, std::uint64_t index, const CaseSettings& settings)
{
    CaseResult result;
    result.index = index;
    Rng rng(settings.seed * 0x9e3779b97f4a7c15ULL + index);
    const Seed& seed = seeds[rng.below(seeds.size())];
    result.seed = &seed;
    std::string text = readText(seed.path);
    result.mutations = mutateRandomly(text, rng);
    const fs::path folder = fs::path(settings.scratch) / seed.folder;
    result.mutantPath = (folder / ("mutant-" + fs::path(seed.path).filename().string())).string();
    writeText(result.mutantPath, text);
    std::optional<bool> validated;
    // A mutant that became a valid file of another kind (a project whose `options:` moved to the top
    // is an options file) is rightly accepted by validate and refused by the verbs that need its kind.
    // Asked only once validate accepted the file, so that parsing it here is known to be safe.
    std::optional<bool> kindChanged;
    const auto changedKind = [&] {
        if (!kindChanged)
            kindChanged = io::detectFileKind(result.mutantPath) != seedKind(seed.role);
        return *kindChanged;
    };
    for (auto& args : commands(seed, result.mutantPath, settings)) {
        CaseRun run{args, runVerb(args, settings.limits)};
        if (args.front() == "validate") {
            validated = run.run.outcome == Outcome::Ok;
        } else if (validated) { // every other verb reads the mutant, itself or through a project
            if (!*validated && run.run.outcome == Outcome::Ok)
                run.run.outcome = Outcome::AcceptedInvalid;
            if (*validated
                && (run.run.outcome == Outcome::Diagnostic || run.run.outcome == Outcome::UnlocatedDiagnostic)
                && !changedKind())
                run.run.outcome = Outcome::ValidateMissed;
        }
        result.runs.push_back(std::move(run));
    }
    return result;
}

} // namespace kapla::fuzz
