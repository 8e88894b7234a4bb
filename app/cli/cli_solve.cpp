#include "cli/cli_common.h"

#include "io/project_io.h"
#include "io/schedule_io.h"
#include "report/evaluation_csv.h"
#include "report/evaluation_json.h"
#include "solve/solver.h"

#include <atomic>
#include <charconv>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <mutex>
#include <thread>

#include <unistd.h>

namespace kapla::cli {

namespace {

constexpr const char* kUsage =
    "usage: kapla solve PROJECT [--solver kapla|exhaustive|random|ml] [--batch N] [--goal e|d|ed]\n"
    "                   [--threads N] [--json OUT|-] [--schedule OUT.yaml] [--csv OUT|-]\n";

// Set by the SIGINT handler (only a lock-free atomic store is async-signal-safe); a watcher thread
// turns it into a stop request.
std::atomic<bool> g_interrupted{false};
static_assert(std::atomic<bool>::is_always_lock_free);

extern "C" void onInterrupt(int) { g_interrupted.store(true); }

struct SolveArgs {
    std::string project;
    std::optional<SolverKind> solver;
    std::optional<int> batch;
    std::optional<Goal> goal;
    int threads = 0;
    std::string json, schedule, csv;
};

std::optional<int> parseInt(const std::string& s)
{
    int v = 0;
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || ptr != s.data() + s.size())
        return std::nullopt;
    return v;
}

// Parses the arguments; an error message (and no value) on a bad one.
std::optional<SolveArgs> parseArgs(const Args& args)
{
    SolveArgs a;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& k = args[i];
        const bool hasValue = i + 1 < args.size();
        const std::string v = hasValue ? args[i + 1] : std::string();
        const auto bad = [&](const std::string& what) {
            std::cerr << "kapla solve: " << k << ": " << what << '\n' << kUsage;
            return std::nullopt;
        };
        if (!k.starts_with("--")) {
            if (!a.project.empty())
                return bad("only one project may be given");
            a.project = k;
            continue;
        }
        if (!hasValue)
            return bad("needs a value");
        ++i;
        if (k == "--solver") {
            if (!(a.solver = solverFromKeyword(v)))
                return bad("expected kapla, exhaustive, random or ml, got '" + v + "'");
        } else if (k == "--batch") {
            if (!(a.batch = parseInt(v)) || *a.batch < 1)
                return bad("expected a positive integer, got '" + v + "'");
        } else if (k == "--goal") {
            if (!(a.goal = goalFromKeyword(v)))
                return bad("expected e, d or ed, got '" + v + "'");
        } else if (k == "--threads") {
            const auto t = parseInt(v);
            if (!t || *t < 0)
                return bad("expected a non-negative integer, got '" + v + "'");
            a.threads = *t;
        } else if (k == "--json") {
            a.json = v;
        } else if (k == "--schedule") {
            a.schedule = v;
        } else if (k == "--csv") {
            a.csv = v;
        } else {
            return bad("unknown option");
        }
    }
    if (a.project.empty()) {
        std::cerr << kUsage;
        return std::nullopt;
    }
    return a;
}

// A one-line status on a terminal's stderr, at most five times a second.
class ProgressLine {
public:
    ProgressLine() : m_enabled(isatty(STDERR_FILENO) != 0) {}
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

SolveResult runSolver(const Project& project, int threads)
{
    std::stop_source stop;
    g_interrupted = false;
    const auto previous = std::signal(SIGINT, onInterrupt);
    std::jthread watcher([&stop](const std::stop_token& done) {
        while (!done.stop_requested() && !g_interrupted.load())
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        if (g_interrupted.load())
            stop.request_stop();
    });
    SolveSettings settings;
    settings.threads = threads;
    SolveResult result;
    {
        ProgressLine line;
        result = solve(project, settings, stop.get_token(), [&line](const SolveProgress& p) { line(p); });
    }
    watcher.request_stop();
    watcher.join();
    std::signal(SIGINT, previous);
    return result;
}

bool writeText(const std::string& text, const std::string& out)
{
    if (out == "-") {
        std::cout << text;
        return true;
    }
    if (const Diagnostics d = io::writeFileAtomically(out, text); !d.empty()) {
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
        const SearchInfo info{solver, r.seconds, r.evaluations, std::string(terminationKeyword(r.termination))};
        ok = writeJson(evaluationJson(*r.evaluation, info, energyUnit), a.json) && ok;
    }
    if (r.schedule && !a.schedule.empty())
        ok = writeText(io::scheduleToYaml(*r.schedule), a.schedule) && ok;
    if (r.evaluation && !a.csv.empty())
        ok = writeText(evaluationCsv(*r.evaluation), a.csv) && ok;
    return ok;
}

} // namespace

int runSolve(const Args& args)
{
    const auto a = parseArgs(args);
    if (!a)
        return InvalidInput;
    auto loaded = io::loadProjectFile(a->project);
    if (!loaded) {
        printDiagnostics(loaded.diagnostics());
        return InvalidInput;
    }
    Project project = std::move(loaded).value();
    if (a->solver)
        project.options.solver = *a->solver;
    if (a->batch)
        project.batch = *a->batch;
    if (a->goal)
        project.options.goal = *a->goal;
    const auto arch = resolveArchitecture(project.architecture);
    if (!arch) {
        printDiagnostics(arch.diagnostics());
        return InvalidInput;
    }
    const SolveResult r = runSolver(project, a->threads);
    const std::string solver(solverKeyword(project.options.solver));
    const bool quiet = a->json == "-" || a->csv == "-" || a->schedule == "-";
    if (r.evaluation && !quiet)
        printEvaluationSummary(*r.evaluation, arch->energyUnit);
    const bool written = writeOutputs(*a, r, arch->energyUnit, solver);
    switch (r.termination) {
    case Termination::Converged:
    case Termination::Budget:
        printDiagnostics(r.diagnostics);
        return written ? Ok : InvalidInput;
    case Termination::Cancelled:
        std::cerr << "kapla solve: " << r.message << '\n';
        return Cancelled;
    case Termination::NoSchedule:
        std::cerr << a->project << ": " << r.message << '\n';
        for (const auto& d : r.diagnostics)
            std::cerr << "  " << d.message << '\n';
        return NoSchedule;
    case Termination::Failed:
        std::cerr << a->project << ": " << r.message << '\n';
        printDiagnostics(r.diagnostics);
        return r.message.starts_with("internal error") ? InternalError : InvalidInput;
    }
    return InternalError;
}

} // namespace kapla::cli
