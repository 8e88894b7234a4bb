#include "solve/search_budget.h"

#include <algorithm>

namespace kapla {

SearchBudget::SearchBudget(double seconds, std::int64_t evaluations, std::stop_token callerStop,
                           std::chrono::milliseconds grace, Now now)
    : m_now(std::move(now))
    , m_start(m_now())
    , m_seconds(seconds)
    , m_samplingSeconds(seconds - std::min(std::chrono::duration<double>(grace).count(), seconds / 2))
    , m_evaluationLimit(evaluations > 0 ? evaluations : 0)
    , m_callerStop(std::move(callerStop))
    , m_grace(grace)
{
}

double SearchBudget::elapsedSeconds() const { return std::chrono::duration<double>(m_now() - m_start).count(); }

// Starts the grace period at the first sighting of a stop request, and ends the search once it is over.
void SearchBudget::noteStopRequest() const
{
    const Clock::time_point now = m_now();
    if (!m_stopSeen.exchange(true)) {
        m_stopSeenAt = now.time_since_epoch().count();
        return;
    }
    if (now - Clock::time_point(Clock::duration(m_stopSeenAt.load())) > m_grace)
        m_searchStop.request_stop();
}

bool SearchBudget::exhausted() const
{
    if (m_callerStop.stop_requested()) {
        noteStopRequest();
        return true;
    }
    if (m_seconds <= 0 || m_searchStop.stop_requested())
        return m_budgetEnded.load();
    // The time budget's wind-down is measured from where it starts, not from when it is first seen.
    const double elapsed = elapsedSeconds();
    if (elapsed >= m_samplingSeconds)
        m_budgetEnded = true;
    if (elapsed > m_samplingSeconds + std::chrono::duration<double>(m_grace).count())
        m_searchStop.request_stop();
    return m_budgetEnded.load();
}

void SearchBudget::checkEvaluations() const
{
    if (m_evaluationLimit > 0 && m_evaluations.load() >= m_evaluationLimit)
        m_budgetEnded = true;
    exhausted();
}

double SearchBudget::timeFraction() const
{
    if (m_seconds <= 0)
        return -1;
    return elapsedSeconds() / m_seconds;
}

} // namespace kapla
