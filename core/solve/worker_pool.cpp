#include "solve/worker_pool.h"

#include <utility>

namespace kapla {

WorkerPool::WorkerPool(int threads)
{
    for (int i = 1; i < threads; ++i)
        m_workers.emplace_back([this](const std::stop_token& stop) { workerLoop(stop); });
}

WorkerPool::~WorkerPool()
{
    for (auto& w : m_workers)
        w.request_stop();
    m_wake.notify_all();
    m_workers.clear();
}

void WorkerPool::run(std::size_t count, const std::function<void(std::size_t)>& fn)
{
    if (count == 0)
        return;
    if (m_workers.empty() || count == 1) {
        for (std::size_t i = 0; i < count; ++i)
            fn(i);
        return;
    }
    {
        std::lock_guard lock(m_mutex);
        m_job = &fn;
        m_count = count;
        m_next = 0;
        m_busy = static_cast<int>(m_workers.size());
        m_error = nullptr;
        ++m_generation;
    }
    m_wake.notify_all();
    drain();
    std::unique_lock lock(m_mutex);
    m_done.wait(lock, [this] { return m_busy == 0; });
    m_job = nullptr;
    if (m_error)
        std::rethrow_exception(std::exchange(m_error, nullptr));
}

void WorkerPool::workerLoop(const std::stop_token& stop)
{
    std::uint64_t seen = 0;
    for (;;) {
        {
            std::unique_lock lock(m_mutex);
            if (!m_wake.wait(lock, stop, [&] { return m_generation != seen; }))
                return;
            seen = m_generation;
        }
        drain();
        std::lock_guard lock(m_mutex);
        if (--m_busy == 0)
            m_done.notify_one();
    }
}

void WorkerPool::drain()
{
    for (std::size_t i = m_next.fetch_add(1); i < m_count; i = m_next.fetch_add(1)) {
        try {
            (*m_job)(i);
        } catch (...) {
            std::lock_guard lock(m_mutex);
            if (!m_error)
                m_error = std::current_exception();
        }
    }
}

} // namespace kapla
