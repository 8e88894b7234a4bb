#include "solve/search_budget.h"

namespace kapla {

SearchBudget::SearchBudget(double seconds, std::int64_t evaluations, std::stop_token callerStop,
                           std::chrono::milliseconds grace)
    : m_start(Clock::now())
    , m_seconds(seconds)
    , m_evaluationLimit(evaluations > 0 ? evaluations : 0)
    , m_callerStop(std::move(callerStop))
    , m_grace(grace)
{
}

// Starts the grace period at the first sighting of a stop request, and ends the search once it is over.
void SearchBudget::noteStopRequest() const
{
    const Clock::time_point now = Clock::now();
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
    if (m_budgetEnded.load())
        return true;
    if (m_seconds > 0 && std::chrono::duration<double>(Clock::now() - m_start).count() >= m_seconds)
        m_budgetEnded = true;
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
    return std::chrono::duration<double>(Clock::now() - m_start).count() / m_seconds;
}

} // namespace kapla
