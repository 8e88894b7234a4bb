#include "bench_run.h"

#include "solve/solver.h"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <optional>
#include <thread>

#include <poll.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace kapla::bench {

namespace {

// How long a search may keep running after its stop request before the child is killed.
constexpr double kStopGraceSeconds = 120;

template <typename T>
void putOptional(nlohmann::json& j, const char* key, const std::optional<T>& v)
{
    j[key] = v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

template <typename T>
std::optional<T> getOptional(const nlohmann::json& j, const char* key)
{
    if (!j.contains(key) || j[key].is_null())
        return std::nullopt;
    return j[key].get<T>();
}

using Clock = std::chrono::steady_clock;

// Stops the search when the limit passes, noting when (in `requestedAt`, read after the join); the
// solvers answer a stop request within milliseconds.
std::jthread limitWatchdog(std::stop_source stop, double limitSeconds, std::optional<Clock::time_point>& requestedAt)
{
    if (limitSeconds <= 0)
        return {};
    return std::jthread([stop, limitSeconds, &requestedAt](const std::stop_token& done) mutable {
        const auto end = Clock::now() + std::chrono::duration<double>(limitSeconds);
        while (!done.stop_requested() && Clock::now() < end)
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        if (!done.stop_requested()) {
            requestedAt = Clock::now();
            stop.request_stop();
        }
    });
}

RunRecord solveHere(const BenchCase& c, SolverKind solver, const RunSettings& rs)
{
    Project project = c.project;
    project.options.solver = solver;
    SolveSettings settings;
    settings.threads = rs.threads;
    settings.timeBudgetSeconds = rs.timeBudgetSeconds;
    settings.seed = rs.seed;
    std::stop_source stop;
    const auto start = Clock::now();
    std::optional<Clock::time_point> requestedAt;
    SolveResult r;
    Clock::time_point returned;
    {
        const std::jthread watchdog = limitWatchdog(stop, rs.limitSeconds, requestedAt);
        r = solve(project, settings, stop.get_token());
        returned = Clock::now();
    }
    RunRecord rec;
    rec.wallSeconds = std::chrono::duration<double>(returned - start).count();
    if (requestedAt && *requestedAt <= returned) // else the search ended on its own first
        rec.stopLatencySeconds = std::chrono::duration<double>(returned - *requestedAt).count();
    rec.termination = std::string(terminationKeyword(r.termination));
    rec.message = r.message;
    if (r.termination == Termination::Cancelled && rs.limitSeconds > 0)
        rec.message = "stopped at the limit of " + std::to_string(static_cast<long>(rs.limitSeconds)) + " s";
    if (r.evaluation) {
        rec.energy = r.evaluation->totalCost;
        rec.cycles = r.evaluation->totalTime;
    }
    rec.seconds = r.seconds;
    rec.evaluations = r.evaluations;
    return rec;
}

// Reads the child's whole output, giving up at the deadline (false then).
bool readUntil(int fd, std::string& text, std::chrono::steady_clock::time_point deadline)
{
    char buf[4096];
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline
                                                                                - std::chrono::steady_clock::now());
        if (left.count() <= 0)
            return false;
        pollfd p{fd, POLLIN, 0};
        const int ready = poll(&p, 1, static_cast<int>(std::min<long long>(left.count(), 1000)));
        if (ready < 0 && errno != EINTR)
            return true;
        if (ready <= 0)
            continue;
        const ssize_t n = read(fd, buf, sizeof buf);
        if (n <= 0)
            return true;
        text.append(buf, static_cast<std::size_t>(n));
    }
}

[[noreturn]] void runChild(int fd, const BenchCase& c, SolverKind solver, const RunSettings& settings)
{
    std::string text;
    try {
        text = toJson(solveHere(c, solver, settings)).dump();
    } catch (const std::exception& e) {
        text = nlohmann::json{{"termination", "failed"}, {"message", e.what()}}.dump();
    }
    for (std::size_t done = 0; done < text.size();) {
        const ssize_t n = write(fd, text.data() + done, text.size() - done);
        if (n <= 0)
            break;
        done += static_cast<std::size_t>(n);
    }
    close(fd);
    _exit(0);
}

RunRecord childFailure(const std::string& termination, const std::string& message)
{
    RunRecord r;
    r.termination = termination;
    r.message = message;
    return r;
}

} // namespace

nlohmann::json toJson(const RunRecord& r)
{
    nlohmann::json j = {{"case", r.caseName},
                        {"solver", r.solver},
                        {"termination", r.termination},
                        {"message", r.message},
                        {"energy_unit", r.energyUnit},
                        {"seconds", r.seconds},
                        {"wall_seconds", r.wallSeconds},
                        {"evaluations", r.evaluations},
                        {"layers", r.layers},
                        {"threads", r.threads},
                        {"peak_rss_mib", r.peakRssMib},
                        {"time_budget_seconds", r.timeBudgetSeconds},
                        {"limit_seconds", r.limitSeconds},
                        {"cached", r.cached}};
    putOptional(j, "energy", r.energy);
    putOptional(j, "cycles", r.cycles);
    putOptional(j, "ratio", r.ratio);
    putOptional(j, "stop_latency_seconds", r.stopLatencySeconds);
    return j;
}

RunRecord runRecordFromJson(const nlohmann::json& j)
{
    RunRecord r;
    r.caseName = j.value("case", "");
    r.solver = j.value("solver", "");
    r.termination = j.value("termination", "failed");
    r.message = j.value("message", "");
    r.energyUnit = j.value("energy_unit", "");
    r.seconds = j.value("seconds", 0.0);
    r.wallSeconds = j.value("wall_seconds", 0.0);
    r.evaluations = j.value("evaluations", std::int64_t{0});
    r.layers = j.value("layers", 0);
    r.threads = j.value("threads", 1);
    r.peakRssMib = j.value("peak_rss_mib", 0.0);
    r.timeBudgetSeconds = j.value("time_budget_seconds", 0.0);
    r.limitSeconds = j.value("limit_seconds", 0.0);
    r.cached = j.value("cached", false);
    r.energy = getOptional<double>(j, "energy");
    r.cycles = getOptional<std::int64_t>(j, "cycles");
    r.ratio = getOptional<double>(j, "ratio");
    r.stopLatencySeconds = getOptional<double>(j, "stop_latency_seconds");
    return r;
}

RunRecord runIsolated(const BenchCase& c, SolverKind solver, const RunSettings& settings)
{
    int fds[2];
    if (pipe(fds) != 0)
        return childFailure("failed", std::string("pipe: ") + std::strerror(errno));
    const pid_t pid = fork();
    if (pid < 0)
        return childFailure("failed", std::string("fork: ") + std::strerror(errno));
    if (pid == 0) {
        close(fds[0]);
        runChild(fds[1], c, solver, settings);
    }
    close(fds[1]);
    // Without a limit, a budget still bounds random and ML; the rest run as long as they need.
    const double patience = settings.limitSeconds > 0 ? settings.limitSeconds + kStopGraceSeconds : 1e9;
    std::string text;
    const auto deadline = std::chrono::steady_clock::now()
                        + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                              std::chrono::duration<double>(patience));
    const bool inTime = readUntil(fds[0], text, deadline);
    if (!inTime)
        kill(pid, SIGKILL);
    close(fds[0]);
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    RunRecord r;
    if (!inTime)
        r = childFailure("killed", "did not stop within " + std::to_string(static_cast<long>(kStopGraceSeconds))
                                       + " s of the stop request at the limit");
    else if (WIFSIGNALED(status))
        r = childFailure("crashed", std::string("child died of signal ") + strsignal(WTERMSIG(status)));
    else if (text.empty())
        r = childFailure("crashed", "child exited without a result");
    else
        r = runRecordFromJson(nlohmann::json::parse(text));
    r.caseName = c.name;
    r.solver = std::string(solverKeyword(solver));
    r.energyUnit = c.project.architecture.energyUnit;
    r.layers = static_cast<int>(c.project.network.size());
    r.peakRssMib = static_cast<double>(usage.ru_maxrss) / 1024.0;
    r.threads = settings.threads;
    r.timeBudgetSeconds = settings.timeBudgetSeconds;
    r.limitSeconds = settings.limitSeconds;
    if (r.termination == "killed" || r.termination == "crashed")
        r.wallSeconds = r.seconds = 0;
    return r;
}

} // namespace kapla::bench
