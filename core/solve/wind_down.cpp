#include "solve/wind_down.h"

#include <condition_variable>
#include <mutex>

namespace kapla {

WindDown::WindDown(std::chrono::milliseconds limit)
{
    if (limit <= std::chrono::milliseconds::zero()) { // no time at all: over before anything starts
        m_expired.request_stop();
        return;
    }
    m_timer = std::jthread([this, limit](const std::stop_token& destroyed) {
        // Sleeps until the limit, or until the object is destroyed first (the jthread's stop wakes it).
        std::mutex mutex;
        std::condition_variable_any wake;
        std::unique_lock lock(mutex);
        wake.wait_for(lock, destroyed, limit, [] { return false; });
        m_expired.request_stop();
    });
}

WindDown::~WindDown()
{
    if (!m_timer.joinable())
        return;
    m_timer.request_stop();
    m_timer.join();
}

} // namespace kapla
