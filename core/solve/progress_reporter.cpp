#include "solve/progress_reporter.h"

#include <algorithm>

namespace kapla {

ProgressReporter::ProgressReporter(ProgressCallback callback, std::chrono::milliseconds interval)
    : m_callback(std::move(callback))
    , m_interval(interval)
{
}

void ProgressReporter::beginStage(std::string stage, double begin, double end, double bestCost,
                                  std::int64_t evaluations)
{
    std::lock_guard lock(m_mutex);
    m_stage = std::move(stage);
    m_begin = begin;
    m_end = end;
    m_lo = 0;
    m_hi = 1;
    m_best = bestCost;
    m_evaluations = evaluations;
    emitLocked(begin, false);
}

void ProgressReporter::setWindow(double lo, double hi)
{
    std::lock_guard lock(m_mutex);
    m_lo = lo;
    m_hi = hi;
}

void ProgressReporter::tick(double inner)
{
    std::lock_guard lock(m_mutex);
    const double inStage = m_lo + (m_hi - m_lo) * std::clamp(inner, 0.0, 1.0);
    emitLocked(m_begin + (m_end - m_begin) * inStage, false);
}

void ProgressReporter::finish(double bestCost, std::int64_t evaluations)
{
    std::lock_guard lock(m_mutex);
    m_best = bestCost;
    m_evaluations = evaluations;
    emitLocked(1, true);
}

void ProgressReporter::emitLocked(double fraction, bool force)
{
    m_reported = std::clamp(std::max(m_reported, fraction), 0.0, 1.0);
    if (!m_callback)
        return;
    const auto now = std::chrono::steady_clock::now();
    if (!force && now - m_last < m_interval)
        return;
    m_last = now;
    m_callback({m_reported, m_best, m_evaluations, m_stage});
}

} // namespace kapla
