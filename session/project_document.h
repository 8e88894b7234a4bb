#pragma once
// The open project of a window: network (as an editable draft), architecture, options, batch and
// the solve runs, with undoable edits, atomic saving and an autosave copy.

#include "session/network_draft.h"

#include "model/project.h"
#include "model/resolved_project.h"
#include "run/run.h"
#include "solve/solver.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <optional>

class Autosaver;
class LiveSolve;
class RunListModel;
class SolverRunner;
class QUndoStack;

/// Owns the project being explored. Every user-visible edit is one QUndoCommand on undoStack();
/// views observe the signals and read the state back.
///
/// Files: a project that includes its network, architecture or options from files keeps those
/// references when saved; an edited part is written back to its file (lastSaveNotes() names it), and
/// a file whose content did not change is not rewritten, so its comments stay. Paths are kept
/// absolute in memory and written relative to wherever the project is saved. Runs are saved in the
/// runs folder beside the project file (io::runsFolderFor). The autosave copy writes edited parts
/// inline, since their files are only written by a save.
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
    /// ..." lines; problems that did not stop the load (a damaged run file) are in loadWarnings().
    bool load(const QString& path, QStringList* errors);
    /// The warnings of the last load, formatted like errors (e.g. a saved run that no longer fits).
    QStringList loadWarnings() const { return m_loadWarnings; }
    /// Loads the autosave copy of `projectPath` (see Autosaver) as that project, marked modified.
    bool restoreAutosave(const QString& projectPath, const QString& autosavePath, QStringList* errors);
    /// Starts an untitled project (a one-layer network on a single Eyeriss-like node).
    void newProject();
    /// Starts an untitled project holding `network` (an imported model) named `name`, with the
    /// architecture, options and batch of the project open now (or of a new one) written inline;
    /// a model whose own batch is larger than 1 sets the batch. It is unsaved until saved.
    void startImportedProject(const kapla::Network& network, const QString& name, int modelBatch);
    /// Starts a new untitled project that is `project` with every part inline (e.g. the project a
    /// run solved), so that saving it never writes into files another project includes.
    void startProjectFrom(kapla::Project project);
    /// Forgets the project (an empty document); cancels a running solve.
    void clear();

    /// Writes the project to filePath() atomically; fails for an untitled document or an invalid network.
    bool save(QStringList* errors);
    /// Writes the project to `path` atomically and makes it the document's file.
    bool saveAs(const QString& path, QStringList* errors);
    /// What the last save wrote besides the project file ("Saved the network to networks/x.yaml").
    QStringList lastSaveNotes() const { return m_saveNotes; }

    bool hasProject() const { return m_loaded; }
    bool isUntitled() const { return m_loaded && m_filePath.isEmpty(); }
    /// The project; its network is the last valid build of networkDraft().
    const kapla::Project& project() const { return m_project; }
    const NetworkDraft& networkDraft() const { return m_draft; }
    const DraftCheck& networkCheck() const { return m_check; }
    bool isNetworkValid() const { return m_check.ok(); }
    /// The project with its architecture resolved, or why the architecture is invalid; recomputed
    /// once per edit, so views never resolve it themselves.
    const kapla::Result<kapla::ResolvedProject>& resolved() const { return m_resolved; }
    /// The resolved architecture of the project, or null while it is invalid.
    const kapla::Architecture* architecture() const { return m_resolved ? &m_resolved->architecture() : nullptr; }
    /// The problems that block saving and solving, one line each ("layer 'x': message").
    QStringList networkProblems() const;

    /// Absolute path of the file; empty for an untitled or empty document.
    QString filePath() const { return m_filePath; }
    /// The project's name, else the file name, else "Untitled".
    QString displayName() const;
    bool isDirty() const;
    QUndoStack* undoStack() const { return m_undo; }
    Autosaver* autosaver() const { return m_autosaver; }

    /// Which parts toYaml() writes inline instead of as an include.
    enum class Inline {
        None,   ///< every include stays (the parts' files are written by save())
        Edited, ///< parts edited since they were read from their files (the autosave copy)
        All,    ///< everything (a self-contained copy)
    };
    /// The project file's text as it would be saved next to `projectPath` (default: filePath();
    /// includes written relative to it; everything inline for an untitled document). Empty while
    /// the network is invalid.
    std::string toYaml(const QString& projectPath = {}, Inline parts = Inline::None) const;

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
    /// The live re-solve of this project (off until turned on).
    LiveSolve* liveSolve() const { return m_live; }
    /// Solves a snapshot of the project on a worker thread (with `solver` instead of the options'
    /// one if given; seed and time budget from the options) and lists the run; returns its id, or -1
    /// with the reason in `error`.
    int solve(QString* error, std::optional<kapla::SolverKind> solver = {});
    /// Asks the running solve to stop; its best schedule so far still arrives.
    void cancelSolve();
    /// Lists a run made elsewhere (a point of a sweep) as one undo step; returns its id.
    int addRun(kapla::RunPtr run);
    /// Removes a finished run (one undo step); false for a running or unknown run.
    bool removeRun(int runId);
    /// Gives a finished run a new label (undoable; an empty label names it by its solver); false for
    /// an unknown or running run.
    bool renameRun(int runId, const QString& label);
    /// Makes the live re-solve's run a normal run of the project (one undo step); false without a
    /// live run that holds a result.
    bool keepLiveRun();
    /// The finished run with this id when it has a result the views can show; null with the reason
    /// in `why` otherwise.
    kapla::RunPtr runResult(int runId, QString* why) const;

Q_SIGNALS:
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

    void resetTo(kapla::Project project, const QString& filePath, const std::vector<kapla::RunPtr>& runs = {},
                 const kapla::Diagnostics& warnings = {});
    bool writeProjectFiles(const QString& target, QStringList& problems);
    void refreshDerived();
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
    void applyArchitecture(const kapla::ArchitectureSpec& spec);
    void applyOptions(const kapla::Options& options);
    void applyBatch(int batch);
    void applyName(const std::string& name);

    kapla::Project m_project;
    /// The project as its files hold it (last loaded or saved): tells edited included parts.
    kapla::Project m_onDisk;
    /// The project file still keeps runs inline (an older version wrote it): the next save moves them.
    bool m_legacyRuns = false;
    NetworkDraft m_draft;
    DraftCheck m_check;
    kapla::Result<kapla::ResolvedProject> m_resolved{kapla::Diagnostics{}};
    QStringList m_saveNotes;
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
    LiveSolve* m_live = nullptr;
};
