#pragma once
// The time and evaluation budget of a sampling search, and how it winds down on a stop request.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <stop_token>

namespace kapla {

/// Tracks a sampling search's budget. Once the budget ends or the caller asks to stop, the search is
/// "exhausted": it keeps sampling the minimum (one element per stage) so that it still completes a
/// schedule quickly. If that wind-down has not finished `grace` after a stop request, or after the
/// end of the sampling time, searchStop() is triggered and the search gives up without a schedule. A
/// time budget holds its wind-down: sampling ends `grace` (at most half the budget) before the budget
/// does, so that the whole search ends within it. An evaluation budget's wind-down is not bounded in
/// time: where it ends the search must not depend on the clock. Thread-safe.
class SearchBudget
{
public:
    using Clock = std::chrono::steady_clock;
    /// Where the budget reads the time (the steady clock; tests give their own).
    using Now = std::function<Clock::time_point()>;

    /// `seconds` <= 0 and `evaluations` <= 0 mean no limit.
    SearchBudget(double seconds, std::int64_t evaluations, std::stop_token callerStop,
                 std::chrono::milliseconds grace = std::chrono::milliseconds(50), Now now = &Clock::now);

    /// True once the budget ended or a stop was requested; checks the clock and the caller's token.
    bool exhausted() const;
    /// Checks the evaluation count; call only where the search is serial, so that an evaluation budget
    /// ends the search at the same point whatever the thread count.
    void checkEvaluations() const;

    /// The token the search itself obeys: it fires only when the wind-down overruns its grace time.
    std::stop_token searchStop() const { return m_searchStop.get_token(); }
    /// True if the caller asked to stop.
    bool cancelled() const { return m_callerStop.stop_requested(); }
    /// True if the time or evaluation budget ended (and the caller did not stop first).
    bool budgetEnded() const { return m_budgetEnded.load() && !cancelled(); }

    /// Evaluations so far (loop-blocking evaluations, counted by the search).
    std::atomic<std::int64_t>& evaluations() { return m_evaluations; }
    /// Evaluations so far.
    std::int64_t evaluationCount() const { return m_evaluations.load(); }
    /// The evaluation budget, or 0 for none.
    std::int64_t evaluationLimit() const { return m_evaluationLimit; }
    /// Fraction (0..1) of the time budget used, or -1 without one.
    double timeFraction() const;

private:
    void noteStopRequest() const;
    double elapsedSeconds() const;

    Now m_now;
    Clock::time_point m_start;
    double m_seconds;
    double m_samplingSeconds; ///< the time budget less the wind-down it holds
    std::int64_t m_evaluationLimit;
    std::stop_token m_callerStop;
    std::chrono::milliseconds m_grace;
    mutable std::stop_source m_searchStop;
    std::atomic<std::int64_t> m_evaluations{0};
    mutable std::atomic<bool> m_budgetEnded{false};
    mutable std::atomic<bool> m_stopSeen{false};
    mutable std::atomic<Clock::rep> m_stopSeenAt{0};
};

} // namespace kapla
