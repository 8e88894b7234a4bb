#pragma once
// Runs kapla::solve on a worker thread for the GUI: job ids, throttled progress, cancel, no stale results.

#include "solve/solver.h"

#include <QElapsedTimer>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QThreadPool>
#include <QTimer>

#include <functional>
#include <map>
#include <memory>

/// A progress report as the GUI shows it (sampled on the GUI thread).
struct SolverProgress {
    double fraction = 0;  ///< 0..1
    double bestCost = -1; ///< best total cost so far (the architecture's energy unit); < 0 when none
    qint64 evaluations = 0;
    QString stage;
    qint64 elapsedMs = 0;
    qint64 etaMs = -1; ///< remaining time estimated from the fraction; < 0 when unknown
};
Q_DECLARE_METATYPE(SolverProgress)

/// A finished solve, shared read-only with every view.
using SolveResultPtr = std::shared_ptr<const kapla::SolveResult>;
Q_DECLARE_METATYPE(SolveResultPtr)

/// One solve at a time in the foreground. start() takes a snapshot made on the GUI thread, so
/// edits during the solve do not race with it; starting again supersedes the running job, whose
/// result is then dropped (discarded() instead of finished()). Progress from the worker lands in a
/// mailbox that a GUI-side timer samples at about 10 Hz, however often the solver reports.
/// The destructor cancels and waits: no thread outlives the runner.
class SolverRunner : public QObject
{
    Q_OBJECT

public:
    /// The function a job runs; kapla::solve unless a test substitutes one.
    using SolveFunction = std::function<kapla::SolveResult(const kapla::Project&, const kapla::SolveSettings&,
                                                           std::stop_token, const kapla::ProgressCallback&)>;

    static constexpr int kProgressIntervalMs = 100;

    explicit SolverRunner(QObject* parent = nullptr);
    ~SolverRunner() override;

    void setSolveFunction(SolveFunction solve);
    void setProgressInterval(int ms) { m_progressTimer.setInterval(ms); }

    /// Starts solving `snapshot`; supersedes a running job. Returns the new job's id (> 0).
    quint64 start(kapla::Project snapshot, const kapla::SolveSettings& settings = {});
    /// Asks the current job to stop; returns at once. Its result (Cancelled, with the best schedule
    /// found so far if any) still arrives through finished().
    void cancel();
    /// Stops the current job and drops its result.
    void abandon();

    bool isRunning() const { return m_current != 0; }
    quint64 currentJob() const { return m_current; }
    /// Jobs whose threads have not returned yet (the current one and superseded ones).
    int activeJobs() const { return static_cast<int>(m_jobs.size()); }

Q_SIGNALS:
    void started(quint64 job);
    void progressChanged(quint64 job, const SolverProgress& progress);
    void finished(quint64 job, const SolveResultPtr& result);
    /// A superseded or abandoned job returned; its result was dropped.
    void discarded(quint64 job);

private:
    struct Job;

    void onJobFinished(quint64 id);
    void sampleProgress();

    SolveFunction m_solve;
    QThreadPool m_pool;
    std::map<quint64, std::shared_ptr<Job>> m_jobs;
    quint64 m_nextId = 1;
    quint64 m_current = 0;
    QTimer m_progressTimer;
};
