#pragma once
// Live re-solve: while it is on, every edit of the project schedules a KAPLA solve after a short
// pause, shown in the runs list's one live entry. Its solves keep a memo of KAPLA's per-layer work,
// so a re-solve after a layer edit only solves what the edit changed.

#include "session/solver_runner.h"

#include "model/resolved_project.h"

#include <QObject>
#include <QTimer>

#include <memory>
#include <optional>

namespace kapla {
class KaplaMemo;
}

class ProjectDocument;

/// Owned by its document. Its solves run on a runner of their own, so a solve the user started is
/// never superseded by a live one; a new edit supersedes the running live solve.
class LiveSolve : public QObject
{
    Q_OBJECT

public:
    static constexpr int kDebounceMs = 400;

    explicit LiveSolve(ProjectDocument* document);
    ~LiveSolve() override;

    bool isEnabled() const { return m_enabled; }
    /// Turning it on solves the project as it is (after the pause); off stops the live solve.
    void setEnabled(bool enabled);
    /// The pause after the last edit before a solve starts.
    void setDebounce(int ms) { m_debounce.setInterval(ms); }
    /// The work kept across the live solves.
    const kapla::KaplaMemo& memo() const { return *m_memo; }
    SolverRunner* runner() const { return m_runner; }
    /// A solve is waiting for the pause to end or running.
    bool isPending() const { return m_debounce.isActive() || m_runner->isRunning(); }

Q_SIGNALS:
    void enabledChanged(bool enabled);
    /// A live solve finished and the live entry `runId` shows it.
    void solved(int runId);

private:
    void schedule();
    void start();
    void onFinished(quint64 job, const SolveResultPtr& result);

    ProjectDocument* m_document;
    SolverRunner* m_runner;
    QTimer m_debounce;
    std::shared_ptr<kapla::KaplaMemo> m_memo;
    std::optional<kapla::ResolvedProject> m_solving; ///< what the running live solve solves
    std::optional<kapla::Project> m_lastSolved;      ///< what the last live solve started on
    bool m_enabled = false;
};
