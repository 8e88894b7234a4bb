#include "session/sweep_runner.h"

#include <QMetaObject>

#include <algorithm>
#include <thread>

struct SweepRunner::Job {
    std::shared_ptr<const kapla::SweepSpec> spec;
    std::vector<kapla::SweepPoint> points;
    kapla::SolveSettings settings;
    std::atomic<std::size_t> next{0}; ///< the next point a worker takes
    std::stop_source stop;
};

namespace {

int coreCount() { return std::max(1, static_cast<int>(std::thread::hardware_concurrency())); }

} // namespace

SweepRunner::SweepRunner(QObject* parent)
    : QObject(parent)
{
    qRegisterMetaType<SweepOutcomePtr>();
}

SweepRunner::~SweepRunner()
{
    if (m_job)
        m_job->stop.request_stop();
    m_pool.waitForDone();
}

void SweepRunner::start(std::shared_ptr<const kapla::SweepSpec> spec, std::vector<kapla::SweepPoint> points,
                        int pointWorkers)
{
    if (m_job)
        m_job->stop.request_stop();
    auto job = std::make_shared<Job>();
    job->spec = std::move(spec);
    job->points = std::move(points);
    const int cores = coreCount();
    m_workers = std::clamp(pointWorkers > 0 ? pointWorkers : cores / 2, 1,
                           std::max(1, static_cast<int>(job->points.size())));
    job->settings.threads = std::max(1, cores / m_workers);
    m_job = job;
    const quint64 generation = ++m_generation;
    m_total = static_cast<int>(job->points.size());
    m_done = 0;
    m_running = true;
    m_stopped = false;
    m_workersLeft = m_workers;
    m_pool.setMaxThreadCount(std::max(m_pool.maxThreadCount(), m_workers + 2));
    m_clock.start();
    Q_EMIT started(m_total);
    for (int w = 0; w < m_workers; ++w)
        m_pool.start([this, job, generation] {
            const std::stop_token stop = job->stop.get_token();
            for (std::size_t i = job->next++; i < job->points.size() && !stop.stop_requested(); i = job->next++) {
                auto outcome = std::make_shared<const kapla::SweepPointOutcome>(
                    kapla::solveSweepPoint(*job->spec, job->points[i], job->settings, stop));
                if (outcome->cancelled)
                    break;
                QMetaObject::invokeMethod(
                    this, [this, generation, outcome] { onPoint(generation, outcome); }, Qt::QueuedConnection);
            }
            QMetaObject::invokeMethod(
                this, [this, generation] { onWorkerDone(generation); }, Qt::QueuedConnection);
        });
}

void SweepRunner::stop()
{
    if (!m_running || !m_job)
        return;
    m_stopped = true;
    m_job->stop.request_stop();
}

qint64 SweepRunner::etaMs() const
{
    if (m_done == 0)
        return -1;
    return elapsedMs() * (m_total - m_done) / m_done;
}

void SweepRunner::onPoint(quint64 generation, const SweepOutcomePtr& outcome)
{
    if (generation != m_generation)
        return;
    ++m_done;
    Q_EMIT pointFinished(outcome);
    Q_EMIT progressChanged(m_done, m_total);
}

void SweepRunner::onWorkerDone(quint64 generation)
{
    if (generation != m_generation || --m_workersLeft > 0)
        return;
    m_running = false;
    Q_EMIT finished(m_stopped);
}
