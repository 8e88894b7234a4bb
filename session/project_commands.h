#pragma once
// The undo commands of ProjectDocument (internal to the session layer): one class per edit kind.

#include "session/project_document.h"
#include "session/run_list_model.h"

#include <QUndoCommand>

/// Base of every document command: reaches the document's raw mutations.
class DocumentCommand : public QUndoCommand
{
public:
    /// Merge ids; commands of other kinds never merge.
    enum MergeId { LayerMerge = 1, ArchitectureMerge, OptionsMerge, BatchMerge, NameMerge };

protected:
    DocumentCommand(ProjectDocument* doc, const QString& text, QUndoCommand* parent = nullptr)
        : QUndoCommand(text, parent)
        , m_doc(doc)
    {
    }

    ProjectDocument* doc() const { return m_doc; }
    void applyLayer(int row, const DraftLayer& layer) { m_doc->applyLayer(row, layer); }
    void applyInsert(int row, const DraftLayer& layer) { m_doc->applyInsert(row, layer); }
    DraftLayer applyRemove(int row) { return m_doc->applyRemove(row); }
    void applyMove(int from, int to) { m_doc->applyMove(from, to); }
    void applyDraft(const NetworkDraft& draft) { m_doc->applyDraft(draft); }
    void applyArchitecture(const kapla::ArchitectureSpec& spec) { m_doc->applyArchitecture(spec); }
    void applyOptions(const kapla::Options& options) { m_doc->applyOptions(options); }
    void applyBatch(int batch) { m_doc->applyBatch(batch); }
    void applyName(const std::string& name) { m_doc->applyName(name); }

private:
    ProjectDocument* m_doc;
};

/// A network edit: the network is written inline from then on, until it is undone.
class NetworkCommand : public DocumentCommand
{
public:
    void redo() final;
    void undo() final;

protected:
    NetworkCommand(ProjectDocument* doc, const QString& text)
        : DocumentCommand(doc, text)
    {
    }
    virtual void redoEdit() = 0;
    virtual void undoEdit() = 0;
};

/// Changes the fields of one layer; continuous edits of the same layer merge.
class SetLayerCommand : public NetworkCommand
{
public:
    SetLayerCommand(ProjectDocument* doc, int row, DraftLayer after, int generation, const QString& text);
    int id() const override { return m_generation != 0 ? LayerMerge : -1; }
    bool mergeWith(const QUndoCommand* other) override;

protected:
    void redoEdit() override { applyLayer(m_row, m_after); }
    void undoEdit() override { applyLayer(m_row, m_before); }

private:
    int m_row;
    DraftLayer m_before;
    DraftLayer m_after;
    int m_generation;
};

/// Inserts a layer at a row.
class InsertLayerCommand : public NetworkCommand
{
public:
    InsertLayerCommand(ProjectDocument* doc, int row, DraftLayer layer);

protected:
    void redoEdit() override { applyInsert(m_row, m_layer); }
    void undoEdit() override { applyRemove(m_row); }

private:
    int m_row;
    DraftLayer m_layer;
};

/// Removes the layer at a row.
class RemoveLayerCommand : public NetworkCommand
{
public:
    RemoveLayerCommand(ProjectDocument* doc, int row);

protected:
    void redoEdit() override { applyRemove(m_row); }
    void undoEdit() override { applyInsert(m_row, m_layer); }

private:
    int m_row;
    DraftLayer m_layer;
};

/// Moves a layer from one row to another.
class MoveLayerCommand : public NetworkCommand
{
public:
    MoveLayerCommand(ProjectDocument* doc, int from, int to);

protected:
    void redoEdit() override { applyMove(m_from, m_to); }
    void undoEdit() override { applyMove(m_to, m_from); }

private:
    int m_from;
    int m_to;
};

/// Replaces the whole network (applied YAML text).
class ReplaceNetworkCommand : public NetworkCommand
{
public:
    ReplaceNetworkCommand(ProjectDocument* doc, NetworkDraft after);

protected:
    void redoEdit() override { applyDraft(m_after); }
    void undoEdit() override { applyDraft(m_before); }

private:
    NetworkDraft m_before;
    NetworkDraft m_after;
};

/// Replaces the architecture; continuous edits of the same field merge. The part becomes inline.
class ArchitectureCommand : public DocumentCommand
{
public:
    ArchitectureCommand(ProjectDocument* doc, kapla::ArchitectureSpec after, const QString& field, int generation);
    int id() const override { return m_generation != 0 ? ArchitectureMerge : -1; }
    bool mergeWith(const QUndoCommand* other) override;
    void redo() override { applyArchitecture(m_after); }
    void undo() override { applyArchitecture(m_before); }

private:
    kapla::ArchitectureSpec m_before;
    kapla::ArchitectureSpec m_after;
    QString m_field;
    int m_generation;
};

/// Replaces the options; continuous edits of the same field merge. The part becomes inline.
class OptionsCommand : public DocumentCommand
{
public:
    OptionsCommand(ProjectDocument* doc, kapla::Options after, const QString& field, int generation);
    int id() const override { return m_generation != 0 ? OptionsMerge : -1; }
    bool mergeWith(const QUndoCommand* other) override;
    void redo() override { applyOptions(m_after); }
    void undo() override { applyOptions(m_before); }

private:
    kapla::Options m_before;
    kapla::Options m_after;
    QString m_field;
    int m_generation;
};

/// Changes the batch size; continuous edits merge.
class BatchCommand : public DocumentCommand
{
public:
    BatchCommand(ProjectDocument* doc, int after, int generation);
    int id() const override { return m_generation != 0 ? BatchMerge : -1; }
    bool mergeWith(const QUndoCommand* other) override;
    void redo() override { applyBatch(m_after); }
    void undo() override { applyBatch(m_before); }

private:
    int m_before;
    int m_after;
    int m_generation;
};

/// Changes the project's name; continuous edits (typing) merge.
class ProjectNameCommand : public DocumentCommand
{
public:
    ProjectNameCommand(ProjectDocument* doc, std::string after, int generation);
    int id() const override { return m_generation != 0 ? NameMerge : -1; }
    bool mergeWith(const QUndoCommand* other) override;
    void redo() override { applyName(m_after); }
    void undo() override { applyName(m_before); }

private:
    std::string m_before;
    std::string m_after;
    int m_generation;
};

/// Lists a finished run made elsewhere (a point of a sweep) in the runs list.
class AddRunCommand : public DocumentCommand
{
public:
    AddRunCommand(ProjectDocument* doc, kapla::RunPtr run);
    void redo() override;
    void undo() override;
    /// The run's id once listed.
    int runId() const { return m_runId; }

private:
    kapla::RunPtr m_run;
    int m_runId = 0;
    int m_row = -1;
    RunEntry m_entry; ///< the listed run while undone, so that redo lists it again under its id
};

/// Removes a finished run from the runs list (and from the project file at the next save).
class RemoveRunCommand : public DocumentCommand
{
public:
    RemoveRunCommand(ProjectDocument* doc, int runId);
    void redo() override;
    void undo() override;

private:
    int m_runId;
    int m_row = -1;
    RunEntry m_run;
};

/// Makes the live entry a normal run. Undone, it is the live entry again, as it was before the user
/// kept it: undo takes back the decision to keep it (not the solve), so the result stays in view
/// and the next live solve replaces it as before; removing it would lose a result the user wanted.
class KeepLiveRunCommand : public DocumentCommand
{
public:
    KeepLiveRunCommand(ProjectDocument* doc, int runId);
    void redo() override;
    void undo() override;

private:
    int m_runId;
};

/// Gives a finished run another label.
class RenameRunCommand : public DocumentCommand
{
public:
    RenameRunCommand(ProjectDocument* doc, int runId, std::string before, std::string after);
    void redo() override;
    void undo() override;

private:
    int m_runId;
    std::string m_before;
    std::string m_after;
};
