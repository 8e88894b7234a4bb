#pragma once
// Solving on a worker thread and requesting a stop after a delay: the cancellation tests of every solver.

#include "solve/solver.h"

#include <atomic>
#include <chrono>
#include <stop_token>
#include <thread>

namespace kapla::test {

/// The promised stop latency (100 ms), checked in the `timing` runs. Sanitizers slow every step of a
/// solve 2-15x (TSan measured 114 ms), so sanitized builds are held to ten times it.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
inline constexpr long long kStopLatencyBoundMs = 1000;
#else
inline constexpr long long kStopLatencyBoundMs = 100;
#endif

/// What a stopped solve gave and how long it took to return after the stop request.
struct StoppedSolve {
    double msAfterStop = 0; ///< milliseconds from the stop request to solve()'s return
    SolveResult result;
    bool progressed = false; ///< whether solve() reported progress before it returned
};

/// Runs solve() on a worker thread and requests a stop after `delay`.
inline StoppedSolve solveAndStopAfter(const Project& project, const SolveSettings& settings,
                                      std::chrono::milliseconds delay)
{
    std::stop_source stop;
    StoppedSolve out;
    std::atomic<bool> progressed{false};
    std::chrono::steady_clock::time_point returned;
    std::jthread worker([&] {
        out.result = solve(project, settings, stop.get_token(), [&](const SolveProgress&) { progressed = true; });
        returned = std::chrono::steady_clock::now();
    });
    std::this_thread::sleep_for(delay);
    const auto requested = std::chrono::steady_clock::now();
    stop.request_stop();
    worker.join();
    out.msAfterStop = std::chrono::duration<double, std::milli>(returned - requested).count();
    out.progressed = progressed.load();
    return out;
}

} // namespace kapla::test
