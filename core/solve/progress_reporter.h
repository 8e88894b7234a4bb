#pragma once
// Throttled, monotonic progress reports of a search that runs in nested stages.

#include "solve/solver.h"

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>

namespace kapla {

/// Turns "part i of stage k" positions into SolveProgress reports: at most one per interval (the
/// last one is always sent), fractions never decrease. Callable from any thread.
class ProgressReporter
{
public:
    explicit ProgressReporter(ProgressCallback callback,
                              std::chrono::milliseconds interval = std::chrono::milliseconds(50));

    /// Starts a stage covering [begin, end] of the whole search.
    void beginStage(std::string stage, double begin, double end, double bestCost, std::int64_t evaluations);
    /// Narrows the following ticks to the [lo, hi] part (0..1) of the current stage.
    void setWindow(double lo, double hi);
    /// Reports that `inner` (0..1) of the current window is done.
    void tick(double inner);
    /// Reports completion (always sent).
    void finish(double bestCost, std::int64_t evaluations);

private:
    void emitLocked(double fraction, bool force);

    ProgressCallback m_callback;
    std::chrono::milliseconds m_interval;
    std::mutex m_mutex;
    std::string m_stage;
    double m_begin = 0, m_end = 0, m_lo = 0, m_hi = 1;
    double m_reported = 0;
    double m_best = -1;
    std::int64_t m_evaluations = 0;
    std::chrono::steady_clock::time_point m_last{};
};

} // namespace kapla
