#include "solve/wind_down.h"

#include <condition_variable>
#include <mutex>

namespace kapla {

WindDown::WindDown(std::chrono::milliseconds limit)
    : m_timer([this, limit](const std::stop_token& destroyed) {
        // Sleeps until the limit, or until the object is destroyed first (the jthread's stop wakes it).
        std::mutex mutex;
        std::condition_variable_any wake;
        std::unique_lock lock(mutex);
        wake.wait_for(lock, destroyed, limit, [] { return false; });
        m_expired.request_stop();
    })
{
}

WindDown::~WindDown()
{
    m_timer.request_stop();
    m_timer.join();
}

} // namespace kapla
