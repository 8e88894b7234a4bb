// kapla-bench: runs the solvers on a list of cases (a YAML cases file) and prints, per case and
// solver, the total energy, its ratio to the exhaustive optimum, the search time, the evaluations
// and the termination, then per solver the energy overhead against the exhaustive search and
// KAPLA's speedup. Every solve runs in a child process (peak RSS per run). It prints figures and
// never passes or fails on timing.

#include "bench_args.h"
#include "bench_cases.h"
#include "bench_report.h"
#include "bench_run.h"
#include "deep_chain.h"
#include "live_bench.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string_view>

namespace {

using namespace kapla;
using namespace kapla::bench;
namespace fs = std::filesystem;

constexpr const char* kUsage =
    "usage: kapla-bench [CASES.yaml] [--solvers exhaustive,kapla,random,ml] [--threads N]\n"
    "                   [--exhaustive-limit SECONDS] [--same-time-as kapla] [--only SUBSTR[,SUBSTR...]]\n"
    "                   [--cache DIR] [--seed N] [--json OUT] [--csv OUT]\n"
    "  CASES.yaml defaults to bench/cases/zoo-16x16.yaml of the source tree.\n"
    "       kapla-bench --deep-chain [OPTIONS]   (deep chains on one node; --deep-chain --help)\n"
    "       kapla-bench --live [PROJECT.yaml ...] (KAPLA solve and live re-solve times; --live --help)\n";

// The order runs happen in: the exhaustive first (ratios), KAPLA before random and ML (time budget).
constexpr SolverKind kRunOrder[] = {SolverKind::Exhaustive, SolverKind::Kapla, SolverKind::Random, SolverKind::Ml};

struct BenchArgs {
    std::string casesFile = std::string(KAPLA_SOURCE_DIR) + "/bench/cases/zoo-16x16.yaml";
    std::vector<SolverKind> solvers{std::begin(kRunOrder), std::end(kRunOrder)};
    int threads = 1;
    double exhaustiveLimit = 1800;
    bool sameTimeAsKapla = false;
    std::string only;
    std::string cacheDir;
    std::uint64_t seed = 1;
    std::string json, csv;
    bool help = false; ///< -h or --help: print the usage and run nothing
};

std::vector<SolverKind> parseSolvers(const std::string& list)
{
    std::vector<SolverKind> out;
    for (const std::string& item : splitList(list)) {
        const auto s = solverFromKeyword(item);
        if (!s)
            throw std::invalid_argument("--solvers: expected exhaustive, kapla, random or ml, got '" + item + "'");
        out.push_back(*s);
    }
    return out;
}

void applyOption(BenchArgs& a, const std::string& k, const std::string& v)
{
    if (k == "--solvers")
        a.solvers = parseSolvers(v);
    else if (k == "--threads")
        a.threads = parseNumber<int>(k, v);
    else if (k == "--exhaustive-limit")
        a.exhaustiveLimit = parseNumber<double>(k, v);
    else if (k == "--same-time-as") {
        if (v != "kapla")
            throw std::invalid_argument("--same-time-as: only 'kapla' is supported, got '" + v + "'");
        a.sameTimeAsKapla = true;
    } else if (k == "--only")
        a.only = v;
    else if (k == "--cache")
        a.cacheDir = v;
    else if (k == "--seed")
        a.seed = parseNumber<std::uint64_t>(k, v);
    else if (k == "--json")
        a.json = v;
    else if (k == "--csv")
        a.csv = v;
    else
        throw std::invalid_argument(k + ": unknown option");
}

BenchArgs parseArgs(int argc, char** argv)
{
    BenchArgs a;
    const auto isHelp = [](std::string_view arg) { return arg == "-h" || arg == "--help"; };
    a.help = std::any_of(argv + 1, argv + argc, isHelp);
    if (a.help)
        return a;
    for (int i = 1; i < argc; ++i) {
        const std::string k = argv[i];
        if (!k.starts_with("--")) {
            a.casesFile = k;
            continue;
        }
        if (i + 1 >= argc)
            throw std::invalid_argument(k + ": needs a value");
        applyOption(a, k, argv[++i]);
    }
    const auto wants = [&a](SolverKind s) {
        return std::find(a.solvers.begin(), a.solvers.end(), s) != a.solvers.end();
    };
    if (a.sameTimeAsKapla && !wants(SolverKind::Kapla))
        throw std::invalid_argument("--same-time-as kapla needs kapla in --solvers");
    std::vector<SolverKind> ordered;
    for (const SolverKind s : kRunOrder)
        if (wants(s))
            ordered.push_back(s);
    a.solvers = ordered;
    return a;
}

std::string cachePath(const BenchArgs& a, const BenchCase& c)
{
    std::string safe = c.name;
    std::replace_if(
        safe.begin(), safe.end(), [](char ch) { return ch == '/' || ch == ' '; }, '_');
    return (fs::path(a.cacheDir) / (safe + "-" + c.contentHash + ".json")).string();
}

// A cached exhaustive run answers if it finished, or if it had at least the current limit.
std::optional<RunRecord> cachedExhaustive(const BenchArgs& a, const BenchCase& c)
{
    if (a.cacheDir.empty())
        return std::nullopt;
    std::ifstream in(cachePath(a, c));
    if (!in)
        return std::nullopt;
    RunRecord r = runRecordFromJson(nlohmann::json::parse(in, nullptr, false, true));
    const bool coversLimit = a.exhaustiveLimit > 0 && r.limitSeconds >= a.exhaustiveLimit;
    if (r.threads != a.threads || !(r.finished() || coversLimit))
        return std::nullopt;
    r.cached = true;
    r.layers = static_cast<int>(c.project.network.size());
    return r;
}

void storeExhaustive(const BenchArgs& a, const BenchCase& c, const RunRecord& r)
{
    if (a.cacheDir.empty())
        return;
    fs::create_directories(a.cacheDir);
    std::ofstream(cachePath(a, c)) << toJson(r).dump(2) << '\n';
}

RunRecord runExhaustive(const BenchArgs& a, const BenchCase& c)
{
    if (auto cached = cachedExhaustive(a, c))
        return *cached;
    const RunRecord r = runIsolated(c, SolverKind::Exhaustive, {a.threads, 0, a.exhaustiveLimit, a.seed});
    storeExhaustive(a, c, r);
    return r;
}

RunRecord runOne(const BenchArgs& a, const BenchCase& c, SolverKind s, const std::vector<RunRecord>& caseRuns)
{
    if (s == SolverKind::Exhaustive)
        return runExhaustive(a, c);
    double budget = 0;
    if (a.sameTimeAsKapla && (s == SolverKind::Random || s == SolverKind::Ml))
        for (const auto& r : caseRuns)
            if (r.solver == "kapla")
                budget = r.wallSeconds;
    return runIsolated(c, s, {a.threads, budget, 0, a.seed});
}

nlohmann::json resultJson(const BenchArgs& a, const std::vector<RunRecord>& runs, const std::string& command)
{
    nlohmann::json j = {{"command", command},
                        {"cases_file", a.casesFile},
                        {"threads", a.threads},
                        {"exhaustive_limit_seconds", a.exhaustiveLimit},
                        {"same_time_as_kapla", a.sameTimeAsKapla},
                        {"runs", nlohmann::json::array()},
                        {"summary", nlohmann::json::array()},
                        {"exhaustive_unfinished", nlohmann::json::array()}};
    for (const auto& r : runs) {
        j["runs"].push_back(toJson(r));
        if (r.solver == "exhaustive" && !r.finished())
            j["exhaustive_unfinished"].push_back(
                {{"case", r.caseName}, {"termination", r.termination}, {"reason", r.message}});
    }
    for (const auto& s : summarize(runs))
        j["summary"].push_back(toJson(s));
    return j;
}

// Rewritten after every case, so that a long run that is stopped still leaves its figures.
void writeOutputs(const BenchArgs& a, const std::vector<RunRecord>& runs, const std::string& command)
{
    if (!a.json.empty())
        std::ofstream(a.json) << resultJson(a, runs, command).dump(2) << '\n';
    if (!a.csv.empty())
        std::ofstream(a.csv) << runsCsv(runs);
}

void printEpilogue(const std::vector<RunRecord>& runs)
{
    std::vector<const RunRecord*> unfinished;
    for (const auto& r : runs)
        if (r.solver == "exhaustive" && !r.finished())
            unfinished.push_back(&r);
    if (!unfinished.empty()) {
        std::printf("\nexhaustive search did not finish on %zu case(s):\n", unfinished.size());
        for (const auto* r : unfinished)
            std::printf("  %s: %s (%s)\n", r->caseName.c_str(), r->termination.c_str(), r->message.c_str());
    }
    std::printf("\n");
    for (const auto& s : summarize(runs))
        std::printf("%s\n", summaryLine(s).c_str());
}

// --only takes comma-separated substrings; a case runs if its name contains any of them.
bool selected(const BenchArgs& a, const BenchCase& c)
{
    if (a.only.empty())
        return true;
    std::stringstream ss(a.only);
    for (std::string part; std::getline(ss, part, ',');)
        if (!part.empty() && c.name.find(part) != std::string::npos)
            return true;
    return false;
}

std::string commandLine(int argc, char** argv)
{
    std::string out;
    for (int i = 0; i < argc; ++i)
        out += (i ? " " : "") + std::string(argv[i]);
    return out;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc > 1 && std::string_view(argv[1]) == "--deep-chain")
        return runDeepChain(std::vector<std::string>(argv + 2, argv + argc));
    if (argc > 1 && std::string_view(argv[1]) == "--live")
        return runLiveBench(std::vector<std::string>(argv + 2, argv + argc));
    BenchArgs args;
    try {
        args = parseArgs(argc, argv);
        if (args.help) {
            std::cout << kUsage;
            return 0;
        }
    } catch (const std::exception& e) {
        std::cerr << "kapla-bench: " << e.what() << '\n' << kUsage;
        return 1;
    }
    auto loaded = loadCases(args.casesFile);
    if (!loaded) {
        for (const Diagnostic& diag : loaded.diagnostics())
            std::cerr << diag.format() << '\n';
        return 1;
    }
    const std::vector<BenchCase> cases = std::move(loaded).value();
    const std::string command = commandLine(argc, argv);
    std::vector<RunRecord> runs;
    std::printf("%s\n", tableHeader().c_str());
    for (const BenchCase& c : cases) {
        if (!selected(args, c))
            continue;
        std::vector<RunRecord> caseRuns;
        for (const SolverKind s : args.solvers) {
            caseRuns.push_back(runOne(args, c, s, caseRuns));
            fillRatios(caseRuns);
            std::printf("%s\n", tableLine(caseRuns.back()).c_str());
            std::fflush(stdout);
        }
        runs.insert(runs.end(), caseRuns.begin(), caseRuns.end());
        writeOutputs(args, runs, command);
    }
    printEpilogue(runs);
    writeOutputs(args, runs, command);
    return 0;
}
