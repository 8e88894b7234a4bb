#pragma once
// The solve runs of a project, newest last, so several can be compared.

#include "session/result_snapshot.h"
#include "session/solver_runner.h"

#include "model/options.h"

#include <QAbstractListModel>
#include <QDateTime>

#include <optional>
#include <utility>
#include <vector>

/// One solve of the project: what was asked and what came back.
struct SolveRun {
    int id = 0;                ///< 1, 2, ... per document
    quint64 job = 0;           ///< the SolverRunner job
    kapla::Options options;    ///< the options snapshot (options.solver is the solver used)
    int batch = 1;
    std::string networkName;
    std::string energyUnit;
    QDateTime started;
    bool running = true;
    double fraction = 0;       ///< progress while running
    double seconds = 0;        ///< wall time once finished
    kapla::Termination termination = kapla::Termination::Failed;
    QString message;
    SolveResultPtr result;     ///< set once finished
    /// The project as it was solved (the solver set to the one used); the views need it.
    std::shared_ptr<const kapla::Project> project;
    /// What the result views show; set once finished with a schedule (for a saved run, once shown).
    ResultSnapshotPtr snapshot;
    /// Set for a run loaded from the project file: its totals and schedule as saved.
    std::optional<kapla::SavedRun> saved;
    /// Why a saved run's schedule may not show (the network changed since); empty when fine.
    QString warning;
};

/// The run as the project file keeps it.
kapla::SavedRun savedRunOf(const SolveRun& run);
/// Total cost (the architecture's energy unit) and time (cycles) of a run, if it has a schedule.
std::optional<double> runTotalCost(const SolveRun& run);
std::optional<qint64> runTotalTime(const SolveRun& run);

/// A list of SolveRun; rows are appended by ProjectDocument::solve() and updated as jobs report.
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
    };

    explicit RunListModel(QObject* parent = nullptr);

    /// Appends a running run; returns its id.
    int addRun(quint64 job, const kapla::Project& snapshot);
    void updateProgress(quint64 job, double fraction);
    void finishRun(quint64 job, const SolveResultPtr& result);
    /// The job was dropped before it returned (superseded or the project closed).
    void discardRun(quint64 job);
    /// Appends a finished run loaded from the project file (solved as `project`); returns its id.
    int addSavedRun(const kapla::SavedRun& saved, const kapla::Project& project, const QString& warning = {});
    /// The finished runs as the project file keeps them, oldest first.
    std::vector<kapla::SavedRun> savedRuns() const;
    /// Removes a run and returns it with its row (for undo).
    std::pair<int, SolveRun> takeRun(int id);
    /// Puts a taken run back at `row`.
    void insertRun(int row, SolveRun run);
    /// Remembers what a saved run shows once it has been evaluated.
    void setSnapshot(int id, ResultSnapshotPtr snapshot);
    void clear();

    const SolveRun& at(int row) const { return m_runs.at(static_cast<std::size_t>(row)); }
    /// The run with this id, or null.
    const SolveRun* runById(int id) const;
    int rowOfId(int id) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

signals:
    /// A run got its result (also for failed and cancelled runs).
    void runFinished(int id);

private:
    int rowOfJob(quint64 job) const;
    QString displayText(const SolveRun& run) const;
    QString toolTip(const SolveRun& run) const;

    std::vector<SolveRun> m_runs;
    int m_nextId = 1;
};

/// A cost with its unit: SI energies with a fitting prefix ("70.20 mJ"), whole numbers grouped
/// ("133,650,080"), anything else with 6 significant digits.
QString costText(double cost, const std::string& unit);
/// "850 ms", "12.4 s", "3 min 05 s".
QString durationText(double seconds);
