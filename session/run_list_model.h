#pragma once
// The runs of the open project, oldest first, so several can be compared.

#include "session/solver_runner.h"

#include "run/run.h"

#include <QAbstractListModel>
#include <QDateTime>
#include <QStringList>

#include <memory>
#include <utility>
#include <vector>

/// One row of the runs list: a solve still running, or a finished kapla::Run.
struct RunEntry {
    int id = 0;      ///< 1, 2, ... per document, stable
    quint64 job = 0; ///< the SolverRunner job while running
    QDateTime started;
    double fraction = 0; ///< progress while running
    /// What is solved; for a finished run the same as run->problem.
    std::shared_ptr<const kapla::ResolvedProject> problem;
    kapla::RunPtr run; ///< set once finished (at once for a saved run)
    /// How the open project differs from the run's ("GBUF 64 KiB → 32 KiB"); empty when it does not.
    QStringList differences;
    /// The live re-solve's entry: replaced by each live solve, not saved until the user keeps it.
    bool live = false;
    /// The live entry while a live solve runs (its progress in `fraction`); it still holds the
    /// previous live result, if any, for the views to show meanwhile.
    bool solving = false;

    bool running() const { return !run; }
    const kapla::Project& project() const { return problem->project(); }
};

/// A list of RunEntry; rows are appended by ProjectDocument::solve() and updated as jobs report.
class RunListModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role {
        SortRole = Qt::UserRole + 1, ///< the run id
        IdRole,                      ///< the run id, stable
        SolverRole,                  ///< solver keyword
        StatusRole,                  ///< "running" or the termination keyword
        CostRole,                    ///< total cost of the result (double), invalid without one
        TimeRole,                    ///< total time in cycles (qlonglong), invalid without one
        DiffersRole,                 ///< true when the open project differs from the run's
        LiveRole,                    ///< true for the live re-solve's entry
    };

    /// The label of the live re-solve's entry.
    static constexpr const char* kLiveLabel = "live";

    explicit RunListModel(QObject* parent = nullptr);

    /// Appends a running solve of `problem`; returns its id.
    int addRun(quint64 job, kapla::ResolvedProject problem);
    void updateProgress(quint64 job, double fraction);
    void finishRun(quint64 job, const SolveResultPtr& result);
    /// The job was dropped before it returned (superseded or the project closed).
    void discardRun(quint64 job);
    /// Appends a finished run (one loaded with the project); returns its id.
    int addFinishedRun(kapla::RunPtr run);
    /// Shows a live solve's result in the one live entry (replacing its run, keeping its id), or in a
    /// new one; returns the entry's id. Emits liveRunChanged(), not runFinished(): it is not kept.
    int setLiveRun(kapla::ResolvedProject problem, const SolveResultPtr& result);
    /// Marks the live entry as solving `problem` from 0 %, listing a new one when there is none;
    /// returns its id.
    int startLiveSolve(const kapla::ResolvedProject& problem);
    /// The running live solve's progress.
    void updateLiveProgress(double fraction);
    /// The live solve stopped without a result (live re-solve turned off): an entry with no
    /// earlier result goes, one with a result shows it again.
    void endLiveSolve();
    /// The live entry's id, 0 without one.
    int liveRunId() const;
    /// Makes the live entry `id` a normal run (named by what changed, saved with the project); the
    /// next live solve starts a new live entry. Emits keptChanged(). False unless `id` is the live
    /// entry and holds a result.
    bool keepLiveRun(int id);
    /// Turns the kept run `id` back into the live entry (the undo of keepLiveRun). A newer live entry
    /// gives way, as there is only one. Emits keptChanged().
    void makeLive(int id);
    /// The finished runs that are kept, oldest first (what the project's runs folder keeps).
    std::vector<kapla::RunPtr> finishedRuns() const;
    /// Removes a run and returns it with its row (for undo).
    std::pair<int, RunEntry> takeRun(int id);
    /// Puts a taken run back at `row`.
    void insertRun(int row, RunEntry run);
    /// Gives a finished run another label (an empty one names it by its solver); the run is replaced
    /// by a copy, as runs are immutable once shared.
    void setRunLabel(int id, const std::string& label);
    /// Recomputes every run's differences from `current` (after each edit of the open project).
    void setCurrentProject(const kapla::Project& current);
    void clear();

    const RunEntry& at(int row) const { return m_runs.at(static_cast<std::size_t>(row)); }
    /// The run with this id, or null.
    const RunEntry* runById(int id) const;
    int rowOfId(int id) const;
    /// The id of the entry holding this run, or 0.
    int idOfRun(const kapla::RunPtr& run) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    /// Finished runs are editable: the edit role is the label.
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    /// An edit of the label is not applied here but asked for with labelEdited(), so the document
    /// makes it an undoable step.
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;

Q_SIGNALS:
    /// A run got its result (also for failed and cancelled runs), or the live run was kept.
    void runFinished(int id);
    /// The live entry holds a new result.
    void liveRunChanged(int id);
    /// Run `id` was kept, or turned back into the live entry.
    void keptChanged(int id);
    /// The user typed a new label for a run.
    void labelEdited(int id, const QString& label);

private:
    int rowOfJob(quint64 job) const;
    int append(RunEntry entry);
    void finish(int row, kapla::RunPtr run);
    const kapla::Project* previousProject(int row) const;
    QString displayText(const RunEntry& entry) const;
    QString statusLine(const RunEntry& entry, const QString& head) const;
    QString toolTip(const RunEntry& entry) const;

    std::vector<RunEntry> m_runs;
    std::shared_ptr<const kapla::Project> m_current; ///< the open project, for the differences
    int m_nextId = 1;
};

/// How `current` differs from the project `run` solved, one line each; empty when it does not.
QStringList runDifferences(const kapla::Run& run, const kapla::Project& current);
/// The run's key parameters for a tooltip and the list's second line:
/// "16x16 mesh · 8x8 PEs · GBUF 32 KiB · batch 16 · goal e · kapla".
QString runParameters(const kapla::Project& project);
/// "850 ms", "12.4 s", "3 min 05 s".
QString durationText(double seconds);
