#pragma once
// The open project of a window: network (as an editable draft), architecture, options, batch and
// the solve runs, with undoable edits, atomic saving and an autosave copy.

#include "session/network_draft.h"
#include "session/result_snapshot.h"

#include "model/project.h"
#include "solve/solver.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <optional>

class Autosaver;
class RunListModel;
class SolverRunner;
class QUndoStack;

/// Owns the project being explored. Every user-visible edit is one QUndoCommand on undoStack();
/// views observe the signals and read the state back.
///
/// Include paths: parts loaded from an included file keep their `network: path.yaml` form when
/// saved, as long as they are not edited; an edited part is written inline, so a shared file (say a
/// sample architecture) is never rewritten behind the user's back and no edit is lost. Undoing back
/// to the loaded state restores the include. Paths are kept absolute in memory and written relative
/// to wherever the project is saved.
class ProjectDocument : public QObject
{
    Q_OBJECT

public:
    /// How an edit joins the history: Continuous edits of the same field (a spin-box drag, typing
    /// digits) merge into one undo step until endContinuousEdit().
    enum class EditMode { Step, Continuous };

    explicit ProjectDocument(QObject* parent = nullptr);
    ~ProjectDocument() override;

    /// Loads a project file through core io, with its saved runs. On failure the document keeps its
    /// previous project and `errors` (if given) receives the diagnostics as "file:line:col: error:
    /// ..." lines; problems that did not stop the load are in loadWarnings().
    bool load(const QString& path, QStringList* errors);
    /// The warnings of the last load, formatted like errors (e.g. a saved run that no longer fits).
    QStringList loadWarnings() const { return m_loadWarnings; }
    /// Loads the autosave copy of `projectPath` (see Autosaver) as that project, marked modified.
    bool restoreAutosave(const QString& projectPath, const QString& autosavePath, QStringList* errors);
    /// Starts an untitled project (a one-layer network on a single Eyeriss-like node).
    void newProject();
    /// Forgets the project (an empty document); cancels a running solve.
    void clear();

    /// Writes the project to filePath() atomically; fails for an untitled document or an invalid network.
    bool save(QStringList* errors);
    /// Writes the project to `path` atomically and makes it the document's file.
    bool saveAs(const QString& path, QStringList* errors);

    bool hasProject() const { return m_loaded; }
    bool isUntitled() const { return m_loaded && m_filePath.isEmpty(); }
    /// The project; its network is the last valid build of networkDraft().
    const kapla::Project& project() const { return m_project; }
    const NetworkDraft& networkDraft() const { return m_draft; }
    const DraftCheck& networkCheck() const { return m_check; }
    bool isNetworkValid() const { return m_check.ok(); }
    /// The problems that block saving and solving, one line each ("layer 'x': message").
    QStringList networkProblems() const;

    /// Absolute path of the file; empty for an untitled or empty document.
    QString filePath() const { return m_filePath; }
    /// The project's name, else the file name, else "Untitled".
    QString displayName() const;
    bool isDirty() const;
    QUndoStack* undoStack() const { return m_undo; }
    Autosaver* autosaver() const { return m_autosaver; }

    /// The project as it would be saved next to `projectPath` (default: filePath(); includes written
    /// relative to it, everything inline for an untitled document or `inlineAll`). Empty while the
    /// network is invalid.
    std::string toYaml(const QString& projectPath = {}, bool inlineAll = false) const;

    void setLayer(int row, const DraftLayer& layer, EditMode mode = EditMode::Step);
    /// Renames a layer and the references of its consumers (one undo step).
    void renameLayer(int row, const QString& name);
    void insertLayer(int row, const DraftLayer& layer);
    /// Removes the given rows (one undo step).
    void removeLayers(QList<int> rows);
    void moveLayer(int from, int to);
    /// Replaces the whole network (applying edited YAML text).
    void setNetwork(const kapla::Network& network);
    /// `field` names the edit ("GBUF size") in the undo text and keys continuous merging.
    void setArchitecture(const kapla::ArchitectureSpec& spec, const QString& field, EditMode mode = EditMode::Step);
    void setOptions(const kapla::Options& options, const QString& field, EditMode mode = EditMode::Step);
    void setBatch(int batch, EditMode mode = EditMode::Step);
    void setProjectName(const QString& name, EditMode mode = EditMode::Step);
    /// Ends the current continuous edit: the next edit starts a new undo step.
    void endContinuousEdit() { ++m_mergeGeneration; }

    RunListModel* runs() const { return m_runs; }
    SolverRunner* runner() const { return m_runner; }
    /// Solves a snapshot of the project on a worker thread (with `solver` instead of the options'
    /// one if given) and lists the run; returns its id, or -1 with the reason in `error`.
    int solve(QString* error, std::optional<kapla::SolverKind> solver = {}, const kapla::SolveSettings& settings = {});
    /// Asks the running solve to stop; its best schedule so far still arrives.
    void cancelSolve();
    /// Removes a finished run (one undo step); false for a running or unknown run.
    bool removeRun(int runId);
    /// What the result views show for a run: a solved run's result, or a saved run's schedule
    /// evaluated (once) on the current project. Null with the reason in `why` when there is none.
    ResultSnapshotPtr runSnapshot(int runId, QString* why);

signals:
    /// Everything was replaced (loaded, new, restored or cleared).
    void projectReset();
    void networkAboutToBeReset();
    void networkReset();
    void layerChanged(int row);
    void layerAboutToBeInserted(int row);
    void layerInserted(int row);
    void layerAboutToBeRemoved(int row);
    void layerRemoved(int row);
    void layerAboutToBeMoved(int from, int to);
    void layerMoved(int from, int to);
    /// After any network edit; the check of every row may have changed.
    void networkChanged();
    void architectureChanged();
    void optionsChanged();
    void batchChanged();
    void nameChanged();
    /// After any change of the content (edit, undo, redo, reset).
    void contentChanged();
    void dirtyChanged(bool dirty);
    void filePathChanged(const QString& path);
    void saved(const QString& path);
    /// Emitted before the project is forgotten or replaced (the autosave copy goes with it).
    void aboutToClose();

private:
    friend class DocumentCommand;

    void resetTo(kapla::Project project, const QString& filePath, const kapla::Diagnostics& warnings = {});
    void addSavedRuns(const std::vector<kapla::SavedRun>& runs, const kapla::Diagnostics& warnings);
    void onRunFinished();
    void recheck();
    void pushLayerEdit(int row, const DraftLayer& layer, EditMode mode, const QString& text);
    int mergeGeneration(EditMode mode) const { return mode == EditMode::Continuous ? m_mergeGeneration : 0; }

    // Raw mutations used by the undo commands; each emits its signals.
    void applyLayer(int row, const DraftLayer& layer);
    void applyInsert(int row, const DraftLayer& layer);
    DraftLayer applyRemove(int row);
    void applyMove(int from, int to);
    void applyDraft(const NetworkDraft& draft);
    void applyNetworkPath(const std::string& path) { m_project.networkPath = path; }
    void applyArchitecture(const kapla::ArchitectureSpec& spec, const std::string& path);
    void applyOptions(const kapla::Options& options, const std::string& path);
    void applyBatch(int batch);
    void applyName(const std::string& name);

    kapla::Project m_project;
    NetworkDraft m_draft;
    DraftCheck m_check;
    QString m_filePath;
    bool m_loaded = false;
    /// Runs finished since the last save: they change the file without an undo step.
    bool m_unsavedRuns = false;
    QStringList m_loadWarnings;
    int m_mergeGeneration = 1;
    QUndoStack* m_undo = nullptr;
    Autosaver* m_autosaver = nullptr;
    RunListModel* m_runs = nullptr;
    SolverRunner* m_runner = nullptr;
};
