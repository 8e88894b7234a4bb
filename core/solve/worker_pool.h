#pragma once
// A fixed set of worker threads that share index ranges with the calling thread (parallel for).

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace kapla {

/// Runs `fn(i)` for every i of a range on `threads` threads (the caller is one of them). Which thread
/// runs which index is unspecified, so callers write results into per-index slots and merge them in
/// index order: the outcome then does not depend on the thread count.
class WorkerPool
{
public:
    /// A pool of `threads` threads in total (at least 1; the caller counts as one).
    explicit WorkerPool(int threads);
    /// Stops and joins the workers.
    ~WorkerPool();
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    /// Threads taking part in run(), the caller included.
    int threads() const { return static_cast<int>(m_workers.size()) + 1; }

    /// Runs fn(0) … fn(count-1) and returns when all have finished; rethrows the first exception.
    void run(std::size_t count, const std::function<void(std::size_t)>& fn);

private:
    void workerLoop(const std::stop_token& stop);
    void drain();

    std::mutex m_mutex;
    std::condition_variable_any m_wake;
    std::condition_variable m_done;
    const std::function<void(std::size_t)>* m_job = nullptr;
    std::size_t m_count = 0;
    std::atomic<std::size_t> m_next{0};
    std::uint64_t m_generation = 0;
    int m_busy = 0;
    std::exception_ptr m_error;
    std::vector<std::jthread> m_workers; // last: joined first on destruction
};

} // namespace kapla
