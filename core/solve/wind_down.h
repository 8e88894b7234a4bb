#pragma once
// The time a stopped search has left to complete a schedule (SolveSettings::windDown): a stop token
// that fires once that time has passed.

#include <chrono>
#include <stop_token>
#include <thread>

namespace kapla {

/// A stop token that fires `limit` after construction, or when the object is destroyed.
class WindDown
{
public:
    explicit WindDown(std::chrono::milliseconds limit);
    ~WindDown();
    WindDown(const WindDown&) = delete;
    WindDown& operator=(const WindDown&) = delete;

    /// The token the completing search obeys.
    std::stop_token token() const { return m_expired.get_token(); }
    /// True once the time is over.
    bool expired() const { return m_expired.stop_requested(); }

private:
    std::stop_source m_expired;
    std::jthread m_timer;
};

} // namespace kapla
