#include "verb_runner.h"

#include "cli/cli_common.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <exception>
#include <iostream>
#include <new>
#include <regex>
#include <sstream>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace kapla::fuzz {

namespace {

constexpr std::size_t kKeptStderr = 64 * 1024;

// AddressSanitizer reserves terabytes of address space: a bound on it would stop every child.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kAddressSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kAddressSanitizer = true;
#else
constexpr bool kAddressSanitizer = false;
#endif
#else
constexpr bool kAddressSanitizer = false;
#endif

ExitCode dispatch(const std::vector<std::string>& args)
{
    const std::string& verb = args.front();
    const cli::Args rest(args.begin() + 1, args.end());
    if (verb == "validate")
        return cli::runValidate(rest);
    if (verb == "show")
        return cli::runShow(rest);
    if (verb == "evaluate")
        return cli::runEvaluate(rest);
    if (verb == "solve")
        return cli::runSolve(rest);
    std::cerr << "kapla-fuzz: unknown verb " << verb << '\n';
    return ExitCode::InternalError;
}

[[noreturn]] void runChild(const std::vector<std::string>& args, const RunLimits& limits, int errFd)
{
    const int devNull = ::open("/dev/null", O_RDWR);
    ::dup2(devNull, STDOUT_FILENO);
    ::dup2(devNull, STDIN_FILENO);
    ::dup2(errFd, STDERR_FILENO);
    if (limits.memoryBytes > 0 && !kAddressSanitizer) {
        const rlimit bound{limits.memoryBytes, limits.memoryBytes};
        ::setrlimit(RLIMIT_AS, &bound);
    }
    int code = exitStatus(ExitCode::InternalError);
    try {
        code = exitStatus(dispatch(args));
    } catch (const std::bad_alloc&) {
        std::cerr << "kapla: internal error: out of memory\n";
    } catch (const std::exception& e) {
        std::cerr << "kapla: internal error: " << e.what() << '\n';
    }
    std::cout.flush();
    std::cerr.flush();
    std::fflush(nullptr);
    ::_exit(code);
}

// Reads the child's stderr until it closes or the deadline passes; false at the deadline.
bool drain(int fd, std::string& kept, std::chrono::steady_clock::time_point deadline)
{
    std::array<char, 65536> buf{};
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline
                                                                                - std::chrono::steady_clock::now());
        if (left.count() <= 0)
            return false;
        pollfd p{fd, POLLIN, 0};
        const int ready = ::poll(&p, 1, static_cast<int>(left.count()));
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready <= 0)
            return false;
        const ssize_t n = ::read(fd, buf.data(), buf.size());
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return true;
        if (kept.size() < kKeptStderr)
            kept.append(buf.data(), std::min(static_cast<std::size_t>(n), kKeptStderr - kept.size()));
    }
}

// Waits for the child's end until the deadline (it may keep running after closing stderr).
bool reap(pid_t pid, int& status, std::chrono::steady_clock::time_point deadline)
{
    for (;;) {
        const pid_t done = ::waitpid(pid, &status, WNOHANG);
        if (done == pid)
            return true;
        if (done < 0 && errno != EINTR)
            return true;
        if (std::chrono::steady_clock::now() >= deadline)
            return false;
        ::usleep(2000);
    }
}

bool located(const std::string& line)
{
    // "file:line:column: error: ..." or, for a problem with the whole file, "file: error: ...".
    static const std::regex withPosition(R"(^.+:[0-9]+:[0-9]+: error: .*)");
    static const std::regex fileLevel(R"(^[^ ].*: error: .*)");
    return std::regex_match(line, withPosition) || std::regex_match(line, fileLevel);
}

} // namespace

std::string_view outcomeName(Outcome outcome)
{
    static constexpr std::array<std::string_view, kNumOutcomes> names{"ok",
                                                                      "diagnostic",
                                                                      "diagnostic-without-position",
                                                                      "no-schedule",
                                                                      "cancelled",
                                                                      "validate-missed",
                                                                      "exit-0-on-invalid",
                                                                      "exit-4",
                                                                      "signal",
                                                                      "hang"};
    return names[static_cast<std::size_t>(outcome)];
}

bool isFailure(Outcome outcome)
{
    return outcome == Outcome::InternalError || outcome == Outcome::Signal || outcome == Outcome::Hang;
}

Outcome classifyExit(int exitCode, const std::string& stderrText)
{
    switch (exitCode) {
    case 0: return Outcome::Ok;
    case 2: return Outcome::NoSchedule;
    case 3: return Outcome::Cancelled;
    case 1: break;
    default: return Outcome::InternalError;
    }
    std::istringstream in(stderrText);
    bool anyError = false;
    for (std::string line; std::getline(in, line);) {
        if (line.find("error: ") == std::string::npos)
            continue;
        anyError = true;
        if (!located(line))
            return Outcome::UnlocatedDiagnostic;
    }
    return anyError ? Outcome::Diagnostic : Outcome::UnlocatedDiagnostic;
}

VerbRun runVerb(const std::vector<std::string>& args, const RunLimits& limits)
{
    VerbRun run;
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) {
        run.outcome = Outcome::InternalError;
        run.stderrText = "kapla-fuzz: cannot make a pipe";
        return run;
    }
    std::fflush(nullptr);
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::close(fds[0]);
        runChild(args, limits, fds[1]);
    }
    ::close(fds[1]);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(limits.seconds);
    int status = 0;
    const bool finished = pid > 0 && drain(fds[0], run.stderrText, deadline) && reap(pid, status, deadline);
    ::close(fds[0]);
    if (!finished) {
        if (pid > 0) {
            ::kill(pid, SIGKILL);
            ::waitpid(pid, &status, 0);
        }
        run.outcome = Outcome::Hang;
        return run;
    }
    if (WIFSIGNALED(status)) {
        run.signal = WTERMSIG(status);
        run.outcome = Outcome::Signal;
        return run;
    }
    run.exitCode = WEXITSTATUS(status);
    run.outcome = classifyExit(run.exitCode, run.stderrText);
    return run;
}

} // namespace kapla::fuzz
