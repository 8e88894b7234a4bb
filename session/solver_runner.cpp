#include "session/solver_runner.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <exception>
#include <mutex>

struct SolverRunner::Job {
    quint64 id = 0;
    std::stop_source stop;
    QElapsedTimer clock;
    QFutureWatcher<kapla::SolveResult>* watcher = nullptr;

    // The mailbox between the solver's threads and the GUI's sampling timer.
    std::mutex mutex;
    kapla::SolveProgress latest;
};

namespace {

kapla::SolveResult failedResult(const std::string& message)
{
    kapla::SolveResult result;
    result.termination = kapla::Termination::Failed;
    result.message = message;
    result.diagnostics.push_back(kapla::makeError("", message));
    return result;
}

} // namespace

SolverRunner::SolverRunner(QObject* parent)
    : QObject(parent)
    , m_solve(&kapla::solve)
{
    qRegisterMetaType<SolverProgress>();
    qRegisterMetaType<SolveResultPtr>();
    // Superseded jobs may still be winding down while the next one runs.
    m_pool.setMaxThreadCount(4);
    m_progressTimer.setInterval(kProgressIntervalMs);
    connect(&m_progressTimer, &QTimer::timeout, this, &SolverRunner::sampleProgress);
}

SolverRunner::~SolverRunner()
{
    for (auto& [id, job] : m_jobs)
        job->stop.request_stop();
    m_pool.waitForDone();
}

void SolverRunner::setSolveFunction(SolveFunction solve) { m_solve = std::move(solve); }

quint64 SolverRunner::start(kapla::Project snapshot, const kapla::SolveSettings& settings)
{
    abandon();
    auto job = std::make_shared<Job>();
    job->id = m_nextId++;
    job->clock.start();
    job->watcher = new QFutureWatcher<kapla::SolveResult>(this);
    const quint64 id = job->id;
    connect(job->watcher, &QFutureWatcherBase::finished, this, [this, id] { onJobFinished(id); });
    m_jobs.emplace(id, job);
    m_current = id;

    // The worker owns its copies; it touches the job only through the stop token and the mailbox.
    auto work = [job, solve = m_solve, project = std::move(snapshot), settings]() -> kapla::SolveResult {
        const kapla::ProgressCallback report = [job](const kapla::SolveProgress& progress) {
            const std::lock_guard lock(job->mutex);
            job->latest = progress;
        };
        try {
            return solve(project, settings, job->stop.get_token(), report);
        } catch (const std::exception& e) {
            return failedResult(std::string("internal error: ") + e.what());
        } catch (...) {
            return failedResult("internal error: unknown exception");
        }
    };
    job->watcher->setFuture(QtConcurrent::run(&m_pool, std::move(work)));
    m_progressTimer.start();
    Q_EMIT started(id);
    return id;
}

void SolverRunner::cancel()
{
    if (const auto it = m_jobs.find(m_current); it != m_jobs.end())
        it->second->stop.request_stop();
}

void SolverRunner::abandon()
{
    cancel();
    m_current = 0;
    m_progressTimer.stop();
}

void SolverRunner::sampleProgress()
{
    const auto it = m_jobs.find(m_current);
    if (it == m_jobs.end())
        return;
    Job& job = *it->second;
    kapla::SolveProgress latest;
    {
        const std::lock_guard lock(job.mutex);
        latest = job.latest;
    }
    SolverProgress out;
    out.fraction = std::clamp(latest.fraction, 0.0, 1.0);
    out.bestCost = latest.bestCost;
    out.evaluations = latest.evaluations;
    out.stage = QString::fromStdString(latest.stage);
    out.elapsedMs = job.clock.elapsed();
    // Too early a fraction gives wild estimates; wait for 1 % and half a second.
    if (out.fraction >= 0.01 && out.elapsedMs >= 500)
        out.etaMs = static_cast<qint64>(static_cast<double>(out.elapsedMs) * (1.0 - out.fraction) / out.fraction);
    Q_EMIT progressChanged(job.id, out);
}

void SolverRunner::onJobFinished(quint64 id)
{
    const auto it = m_jobs.find(id);
    if (it == m_jobs.end())
        return;
    const std::shared_ptr<Job> job = it->second;
    m_jobs.erase(it);
    job->watcher->deleteLater();
    if (id != m_current) {
        Q_EMIT discarded(id);
        return;
    }
    sampleProgress();
    m_current = 0;
    m_progressTimer.stop();
    auto result = std::make_shared<const kapla::SolveResult>(job->watcher->future().takeResult());
    Q_EMIT finished(id, result);
}
