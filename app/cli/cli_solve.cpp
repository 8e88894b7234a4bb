#include "cli/cli_common.h"

#include "io/project_io.h"
#include "io/schedule_io.h"
#include "model/limits.h"
#include "report/evaluation_csv.h"
#include "report/evaluation_json.h"
#include "solve/solve_setup.h"
#include "solve/solver.h"
#include "util/file_access.h"

#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <iostream>
#include <mutex>
#include <stop_token>
#include <utility>

#include <unistd.h>

namespace kapla::cli {

const char* const kSolveUsage =
    "usage: kapla solve PROJECT [--solver kapla|exhaustive|random|ml] [--batch N] [--goal e|d|ed]\n"
    "                   [--mapping rs|systolic] [--threads N] [--seed N] [--time-budget SECONDS]\n"
    "                   [--eval-budget N] [--json OUT|-] [--schedule OUT.yaml] [--csv OUT|-]\n"
    "  --solver       the search (default: the project's option)\n"
    "  --mapping      PE-array mapping: rs (row stationary, Eyeriss; also 'eyeriss') or systolic\n"
    "  --seed         seed of the random and ML searches (default 1)\n"
    "  --time-budget  stop the search after SECONDS (0 = none). random and ml wind down within it\n"
    "                 and keep the best schedule found; exhaustive stops and, within 0.5 s, completes\n"
    "                 its best partial schedule layer by layer (else exit 3); kapla takes no budget\n"
    "                 (exit 1)\n"
    "  --eval-budget  the same after N loop-blocking evaluations (0 = none); exhaustive checks it\n"
    "                 at every layer step, so it stops at the same place for any --threads\n"
    "  --json, --csv  write the evaluation as JSON, or one CSV row per layer (- for stdout);\n"
    "  --schedule     write the schedule (YAML, re-loadable by kapla evaluate)\n"
    "Exit codes: 0 ok, 1 invalid input, 2 no valid schedule, 3 cancelled (Ctrl-C) or budget ended\n"
    "without a schedule, 4 internal error; the best schedule found is written whenever there is one.\n";

namespace {

struct SolveArgs {
    std::string project;
    std::optional<SolverKind> solver;
    std::optional<int> batch;
    std::optional<Goal> goal;
    std::optional<MappingKind> mapping;
    int threads = 0;
    std::uint64_t seed = 1;
    double timeBudgetSeconds = 0;
    std::int64_t evaluationBudget = 0;
    std::string json, schedule, csv;
};

// "rs" is the name the KAPLA papers use for the Eyeriss row-stationary mapping.
std::optional<MappingKind> parseMapping(const std::string& s)
{
    return s == "rs" ? std::optional(MappingKind::Eyeriss) : mappingFromKeyword(s);
}

// A finite, non-negative number of seconds; from_chars also accepts "inf" and "nan", which are no budget.
std::optional<double> parseSeconds(const std::string& s)
{
    const auto v = parseNumber<double>(s);
    return v && std::isfinite(*v) && *v >= 0 ? v : std::nullopt;
}

// Sets the numeric option from `v`; false if `v` is not a value `valid` accepts.
template <typename T, typename Valid>
bool setNumber(T& field, std::optional<T> v, Valid valid)
{
    if (!v || !valid(*v))
        return false;
    field = *v;
    return true;
}

// Sets the option `k` from its value `v`; what is wrong with it, or an empty string.
std::string applyOption(SolveArgs& a, const std::string& k, const std::string& v)
{
    const std::string got = ", got '" + v + "'";
    const std::string integer = "expected a non-negative integer" + got;
    const std::string seconds = "expected a non-negative number of seconds" + got;
    const auto nonNegative = [](auto n) { return n >= 0; };
    const auto any = [](std::uint64_t) { return true; };
    if (k == "--solver")
        return (a.solver = solverFromKeyword(v)) ? "" : "expected kapla, exhaustive, random or ml" + got;
    if (k == "--batch")
        return (a.batch = parseNumber<int>(v)) && *a.batch >= 1 && *a.batch <= limits::kMaxBatch
                 ? ""
                 : "expected an integer between 1 and " + std::to_string(limits::kMaxBatch) + got;
    if (k == "--goal")
        return (a.goal = goalFromKeyword(v)) ? "" : "expected e, d or ed" + got;
    if (k == "--mapping")
        return (a.mapping = parseMapping(v)) ? "" : "expected rs or systolic" + got;
    if (k == "--seed")
        return setNumber(a.seed, parseNumber<std::uint64_t>(v), any) ? "" : integer;
    if (k == "--time-budget")
        return setNumber(a.timeBudgetSeconds, parseSeconds(v), nonNegative) ? "" : seconds;
    if (k == "--eval-budget")
        return setNumber(a.evaluationBudget, parseNumber<std::int64_t>(v), nonNegative) ? "" : integer;
    if (k == "--threads")
        return setNumber(a.threads, parseNumber<int>(v),
                         [](int n) { return n >= 0 && n <= limits::kMaxThreadsSetting; })
                 ? ""
                 : "expected an integer between 0 (all cores) and " + std::to_string(limits::kMaxThreadsSetting) + got;
    if (k == "--json")
        a.json = v;
    else if (k == "--schedule")
        a.schedule = v;
    else if (k == "--csv")
        a.csv = v;
    else
        return "unknown option";
    return "";
}

// Parses the arguments; an error message (and no value) on a bad one.
std::optional<SolveArgs> parseArgs(const Args& args)
{
    SolveArgs a;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& k = args[i];
        const auto bad = [&](const std::string& what) {
            std::cerr << "kapla solve: " << k << ": " << what << '\n' << kSolveUsage;
            return std::nullopt;
        };
        if (!k.starts_with("--")) {
            if (!a.project.empty())
                return bad("only one project may be given");
            a.project = k;
            continue;
        }
        if (i + 1 >= args.size())
            return bad("needs a value");
        if (const std::string error = applyOption(a, k, args[++i]); !error.empty())
            return bad(error);
    }
    if (a.project.empty()) {
        std::cerr << kSolveUsage;
        return std::nullopt;
    }
    return a;
}

// A one-line status on a terminal's stderr, at most five times a second.
class ProgressLine
{
public:
    ProgressLine()
        : m_enabled(isatty(STDERR_FILENO) != 0)
    {
    }
    void operator()(const SolveProgress& p)
    {
        if (!m_enabled)
            return;
        std::lock_guard lock(m_mutex);
        const auto now = std::chrono::steady_clock::now();
        if (now - m_last < std::chrono::milliseconds(200))
            return;
        m_last = now;
        std::fprintf(stderr, "\r\033[K[%3.0f%%] %s", 100 * p.fraction, p.stage.c_str());
        if (p.bestCost >= 0)
            std::fprintf(stderr, "  best so far %.6g", p.bestCost);
        m_shown = true;
    }
    ~ProgressLine()
    {
        if (m_shown)
            std::fprintf(stderr, "\r\033[K");
    }

private:
    bool m_enabled;
    bool m_shown = false;
    std::mutex m_mutex;
    std::chrono::steady_clock::time_point m_last{};
};

// The project with the command line's overrides.
Project withOverrides(Project project, const SolveArgs& a)
{
    if (a.solver)
        project.options.solver = *a.solver;
    if (a.batch)
        project.batch = *a.batch;
    if (a.goal)
        project.options.goal = *a.goal;
    if (a.mapping)
        project.options.mapping = *a.mapping;
    return project;
}

// KAPLA's DP has a schedule only at its end, so a budget could only turn its seconds into none; the
// core would fail the solve, but this is a usage error. True (with the message) if a budget is refused.
bool budgetRejected(SolverKind solver, const SolveArgs& a)
{
    if (solver != SolverKind::Kapla || (a.timeBudgetSeconds <= 0 && a.evaluationBudget <= 0))
        return false;
    std::cerr << "kapla solve: " << (a.timeBudgetSeconds > 0 ? "--time-budget" : "--eval-budget")
              << ": the kapla solver takes no budget (it runs its method to the end, in seconds, and stopping it "
                 "early leaves no schedule); budgets apply to --solver exhaustive, random and ml\n"
              << kSolveUsage;
    return true;
}

SolveSettings solveSettings(const SolveArgs& a)
{
    SolveSettings settings;
    settings.threads = a.threads;
    settings.seed = a.seed;
    settings.timeBudgetSeconds = a.timeBudgetSeconds;
    settings.evaluationBudget = a.evaluationBudget;
    return settings;
}

SolveResult runSolver(const Project& project, const SolveSettings& settings, std::stop_token stop)
{
    ProgressLine line;
    return solve(project, settings, std::move(stop), [&line](const SolveProgress& p) { line(p); });
}

bool writeText(const std::string& text, const std::string& out)
{
    if (out == "-") {
        std::cout << text;
        return true;
    }
    if (const Diagnostics d = writeFileText(out, text); !d.empty()) {
        printDiagnostics(d);
        return false;
    }
    return true;
}

// Writes every requested output of a result that has a schedule; false if a file cannot be written.
bool writeOutputs(const SolveArgs& a, const SolveResult& r, const std::string& energyUnit, const std::string& solver)
{
    bool ok = true;
    if (r.evaluation && !a.json.empty()) {
        const SearchInfo info{solver, r.seconds, r.evaluations, std::string(terminationKeyword(r.termination)),
                              r.message};
        ok = writeJson(evaluationJson(*r.evaluation, info, energyUnit), a.json) && ok;
    }
    if (r.schedule && !a.schedule.empty())
        ok = writeText(io::scheduleToYaml(*r.schedule), a.schedule) && ok;
    if (r.evaluation && !a.csv.empty())
        ok = writeText(evaluationCsv(*r.evaluation), a.csv) && ok;
    return ok;
}

// More threads than the machine can use only cost memory: the solve caps them, and says so here.
void warnIfThreadsCapped(const SolveSettings& settings, const Options& options)
{
    if (const int requested = requestedThreads(settings, options); requested > threadCap())
        std::cerr << "kapla solve: warning: " << requested << " threads asked for; using " << threadCap() << " ("
                  << limits::kThreadsPerCore << " per hardware thread of this machine)\n";
}

// Reports how the solve ended on stderr and returns the exit code.
ExitCode exitCode(const SolveResult& r, const std::string& projectFile, bool written)
{
    switch (r.termination) {
    case Termination::Budget:
        // Says what the budget left out; without a schedule (the exhaustive search stopped before its
        // last layer) it is like a cancel: more time may give one.
        std::cerr << "kapla solve: " << r.message << '\n';
        if (!r.schedule)
            return ExitCode::Cancelled;
        [[fallthrough]];
    case Termination::Converged:
        printDiagnostics(r.diagnostics);
        return written ? ExitCode::Ok : ExitCode::InvalidInput;
    case Termination::Cancelled:
        std::cerr << "kapla solve: " << r.message << '\n';
        if (!r.schedule)
            std::cerr << "kapla solve: no complete schedule was found before the stop, so nothing was written\n";
        return ExitCode::Cancelled;
    case Termination::NoSchedule:
        std::cerr << projectFile << ": " << r.message << '\n';
        for (const auto& d : r.diagnostics)
            std::cerr << "  " << d.message << '\n';
        return ExitCode::NoSchedule;
    case Termination::Failed:
        std::cerr << projectFile << ": " << r.message << '\n';
        printDiagnostics(r.diagnostics);
        return r.message.starts_with("internal error") ? ExitCode::InternalError : ExitCode::InvalidInput;
    }
    return ExitCode::InternalError;
}

} // namespace

ExitCode runSolve(const Args& args)
{
    const auto a = parseArgs(args);
    if (!a)
        return ExitCode::InvalidInput;
    // Ctrl-C is caught from before the project is read until the outputs are written: one while reading
    // stops the search at its start, and one at the end of the search (or while writing) can never kill
    // the process between the two and lose the result.
    const StopOnInterrupt interrupt;
    auto loaded = io::loadProjectFile(a->project);
    if (!loaded) {
        printDiagnostics(loaded.diagnostics());
        return ExitCode::InvalidInput;
    }
    // Checked before the search: its minutes must not end in a refused write, nor destroy an input.
    if (!outputsSpareInputs({a->json, a->schedule, a->csv}, io::projectInputFiles(a->project, loaded.value())))
        return ExitCode::InvalidInput;
    const Project project = withOverrides(std::move(loaded).value(), *a);
    if (budgetRejected(project.options.solver, *a))
        return ExitCode::InvalidInput;
    warnIfThreadsCapped(solveSettings(*a), project.options);
    const SolveResult r = runSolver(project, solveSettings(*a), interrupt.token());
    const std::string solver(solverKeyword(project.options.solver));
    const bool quiet = a->json == "-" || a->csv == "-" || a->schedule == "-";
    const std::string energyUnit = project.architecture.energyUnit;
    if (r.evaluation && !quiet)
        printEvaluationSummary(*r.evaluation, energyUnit);
    const bool written = writeOutputs(*a, r, energyUnit, solver);
    return exitCode(r, a->project, written);
}

} // namespace kapla::cli
