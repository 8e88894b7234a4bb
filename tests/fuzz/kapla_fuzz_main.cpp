// kapla-fuzz: a deterministic mutation fuzzer of the `kapla` verbs. Each case mutates a sample
// project, network, architecture, options or schedule file and runs validate, show, evaluate and
// solve on it in-process, each in a forked child bounded in time and memory; the outcomes are
// counted, and a crash, a hang or an internal error fails the run (exit 1) with the case to replay.

#include "fuzz_case.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <string>

namespace {

using namespace kapla::fuzz;

constexpr const char* kUsage =
    "usage: kapla-fuzz [--cases N] [--first K] [--seed S] [--seconds T] [--memory-mb M] [--full-solve]\n"
    "                  [--keep DIR] [--source DIR] [--verbose]\n"
    "  runs cases K .. K+N-1 (default 0 .. 499) of seed S (default 1): each mutates one input file and\n"
    "  runs the verbs that read it, each bounded by T seconds (default 30) and M MiB (default 2048,\n"
    "  0 = none). --full-solve also solves with the project's own solver. --keep copies the mutant of\n"
    "  every failing case, and of every case that validate accepted but another verb rejected, into DIR;\n"
    "  --verbose prints a line per run. Exit 1 when a verb crashed, hung or exited 4.\n";

struct Settings {
    std::uint64_t cases = 500;
    std::uint64_t first = 0;
    CaseSettings run;
    std::string keep;
    bool verbose = false;
};

template <typename T>
std::optional<T> number(const std::string& s)
{
    T v{};
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    return ec == std::errc() && ptr == s.data() + s.size() ? std::optional<T>(v) : std::nullopt;
}

std::optional<Settings> parse(int argc, char** argv)
{
    Settings s;
    s.run.sourceDir = KAPLA_SOURCE_DIR;
    for (int i = 1; i < argc; ++i) {
        const std::string k = argv[i];
        if (k == "--full-solve" || k == "--verbose") {
            (k == "--verbose" ? s.verbose : s.run.fullSolve) = true;
            continue;
        }
        if (i + 1 >= argc)
            return std::nullopt;
        const std::string v = argv[++i];
        std::optional<std::uint64_t> n = number<std::uint64_t>(v);
        if (k == "--source")
            s.run.sourceDir = v;
        else if (k == "--keep")
            s.keep = v;
        else if (!n)
            return std::nullopt;
        else if (k == "--cases")
            s.cases = *n;
        else if (k == "--first")
            s.first = *n;
        else if (k == "--seed")
            s.run.seed = *n;
        else if (k == "--seconds" && *n > 0)
            s.run.limits.seconds = static_cast<int>(*n);
        else if (k == "--memory-mb")
            s.run.limits.memoryBytes = static_cast<std::size_t>(*n) << 20;
        else
            return std::nullopt;
    }
    return s;
}

// What is printed of a failing run: enough to replay it.
void reportFailure(const CaseResult& c, const CaseRun& r)
{
    std::cout << "FAIL case " << c.index << " (" << outcomeName(r.run.outcome);
    if (r.run.signal)
        std::cout << ", signal " << r.run.signal;
    if (r.run.exitCode >= 0)
        std::cout << ", exit " << r.run.exitCode;
    std::cout << ") seed file " << c.seed->path << "\n  mutations:";
    for (const auto& m : c.mutations)
        std::cout << "\n    " << m;
    std::cout << "\n  kapla";
    for (const auto& a : r.args)
        std::cout << ' ' << a;
    std::cout << "\n  stderr: " << r.run.stderrText.substr(0, 600) << '\n';
}

// One line per run: the case, its outcome, the verb and the first line of stderr.
void printRun(const CaseResult& c, const CaseRun& r)
{
    const std::string& err = r.run.stderrText;
    std::cout << "case " << c.index << ' ' << outcomeName(r.run.outcome) << ' ' << r.args.front() << " ("
              << c.mutations.front() << "): " << err.substr(0, std::min<std::size_t>(err.find('\n'), 200)) << '\n';
}

void keepMutant(const std::string& folder, const CaseResult& c)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::create_directories(folder, ec);
    fs::copy_file(c.mutantPath, fs::path(folder) / ("case-" + std::to_string(c.index) + ".yaml"),
                  fs::copy_options::overwrite_existing, ec);
}

} // namespace

int main(int argc, char** argv)
{
    const auto settings = parse(argc, argv);
    if (!settings) {
        std::cerr << kUsage;
        return 2;
    }
    Settings s = *settings;
    s.run.scratch = makeScratch(s.run.sourceDir);
    if (s.run.scratch.empty()) {
        std::cerr << "kapla-fuzz: cannot make a scratch folder\n";
        return 2;
    }
    const std::vector<Seed> seeds = seedCorpus(s.run.sourceDir, s.run.scratch);
    std::array<std::uint64_t, kNumOutcomes> total{};
    std::map<std::string, std::array<std::uint64_t, kNumOutcomes>> perVerb;
    std::uint64_t failures = 0;
    for (std::uint64_t i = s.first; i < s.first + s.cases; ++i) {
        const CaseResult c = runCase(seeds, i, s.run);
        bool failed = false;
        bool missed = false;
        for (const CaseRun& r : c.runs) {
            missed = missed || r.run.outcome == Outcome::ValidateMissed;
            const auto o = static_cast<std::size_t>(r.run.outcome);
            ++total[o];
            ++perVerb[r.args.front()][o];
            if (s.verbose)
                printRun(c, r);
            if (isFailure(r.run.outcome)) {
                failed = true;
                reportFailure(c, r);
            }
        }
        failures += failed ? 1 : 0;
        if ((failed || missed) && !s.keep.empty())
            keepMutant(s.keep, c);
    }
    std::filesystem::remove_all(s.run.scratch);
    std::cout << "kapla-fuzz: " << s.cases << " cases (" << s.first << " .. " << s.first + s.cases - 1 << ", seed "
              << s.run.seed << ", " << seeds.size() << " seed files), " << failures << " failing\n";
    std::printf("%-28s %10s", "outcome", "runs");
    for (const auto& [verb, counts] : perVerb)
        std::printf(" %9s", verb.c_str());
    std::printf("\n");
    for (int o = 0; o < kNumOutcomes; ++o) {
        std::printf("%-28s %10llu", std::string(outcomeName(static_cast<Outcome>(o))).c_str(),
                    static_cast<unsigned long long>(total[static_cast<std::size_t>(o)]));
        for (const auto& [verb, counts] : perVerb)
            std::printf(" %9llu", static_cast<unsigned long long>(counts[static_cast<std::size_t>(o)]));
        std::printf("\n");
    }
    return failures > 0 ? 1 : 0;
}
