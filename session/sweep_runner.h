#pragma once
// Solves the points of a sweep on worker threads for the GUI: each finished point arrives on the GUI
// thread as it ends, with done/total and an estimate of the time left; Stop keeps the finished points.

#include "sweep/sweep_result.h"

#include <QElapsedTimer>
#include <QMetaType>
#include <QObject>
#include <QThreadPool>

#include <atomic>
#include <memory>
#include <stop_token>
#include <vector>

/// A finished point, shared read-only between the runner, the table and the views.
using SweepOutcomePtr = std::shared_ptr<const kapla::SweepPointOutcome>;
Q_DECLARE_METATYPE(SweepOutcomePtr)

/// One sweep at a time. start() takes the sweep and its points by value, so nothing the window edits
/// races with the workers. `pointWorkers` points are solved at once, each solve with its share of the
/// cores; starting again stops the running sweep and drops what it still reports. The destructor
/// stops and waits: no thread outlives the runner.
class SweepRunner : public QObject
{
    Q_OBJECT

public:
    explicit SweepRunner(QObject* parent = nullptr);
    ~SweepRunner() override;

    /// Starts solving `points` of `spec` with `pointWorkers` points at a time (0: one per two cores,
    /// at least one); each solve gets the cores divided among the workers.
    void start(std::shared_ptr<const kapla::SweepSpec> spec, std::vector<kapla::SweepPoint> points,
               int pointWorkers = 0);
    /// Asks the workers to stop; the point being solved is dropped, finished ones are kept. finished()
    /// follows once every worker has returned.
    void stop();

    bool isRunning() const { return m_running; }
    int done() const { return m_done; }
    int total() const { return m_total; }
    /// Milliseconds since start.
    qint64 elapsedMs() const { return m_clock.isValid() ? m_clock.elapsed() : 0; }
    /// Time left estimated from the points finished so far; < 0 before the first.
    qint64 etaMs() const;
    /// Points solved at once by the running (or last) sweep.
    int pointWorkers() const { return m_workers; }

Q_SIGNALS:
    void started(int total);
    void pointFinished(const SweepOutcomePtr& outcome);
    void progressChanged(int done, int total);
    /// Every worker returned; `stopped` when stop() cut the sweep short.
    void finished(bool stopped);

private:
    struct Job;

    void onPoint(quint64 generation, const SweepOutcomePtr& outcome);
    void onWorkerDone(quint64 generation);

    QThreadPool m_pool;
    std::shared_ptr<Job> m_job;
    quint64 m_generation = 0;
    QElapsedTimer m_clock;
    bool m_running = false;
    bool m_stopped = false;
    int m_done = 0;
    int m_total = 0;
    int m_workers = 1;
    int m_workersLeft = 0;
};
