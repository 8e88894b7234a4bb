#include "session/project_commands.h"

#include <tuple>

void NetworkCommand::redo() { redoEdit(); }

void NetworkCommand::undo() { undoEdit(); }

SetLayerCommand::SetLayerCommand(ProjectDocument* doc, int row, DraftLayer after, int generation, const QString& text)
    : NetworkCommand(doc, text)
    , m_row(row)
    , m_before(doc->networkDraft().layers.at(static_cast<std::size_t>(row)))
    , m_after(std::move(after))
    , m_generation(generation)
{
}

bool SetLayerCommand::mergeWith(const QUndoCommand* other)
{
    const auto* o = static_cast<const SetLayerCommand*>(other);
    if (o->m_row != m_row || o->m_generation != m_generation)
        return false;
    m_after = o->m_after;
    setObsolete(m_after == m_before);
    return true;
}

InsertLayerCommand::InsertLayerCommand(ProjectDocument* doc, int row, DraftLayer layer)
    : NetworkCommand(doc, ProjectDocument::tr("Add layer %1").arg(QString::fromStdString(layer.name)))
    , m_row(row)
    , m_layer(std::move(layer))
{
}

RemoveLayerCommand::RemoveLayerCommand(ProjectDocument* doc, int row)
    : NetworkCommand(doc, QString())
    , m_row(row)
    , m_layer(doc->networkDraft().layers.at(static_cast<std::size_t>(row)))
{
    setText(ProjectDocument::tr("Remove layer %1").arg(QString::fromStdString(m_layer.name)));
}

MoveLayerCommand::MoveLayerCommand(ProjectDocument* doc, int from, int to)
    : NetworkCommand(doc, ProjectDocument::tr("Move layer %1")
                              .arg(QString::fromStdString(
                                  doc->networkDraft().layers.at(static_cast<std::size_t>(from)).name)))
    , m_from(from)
    , m_to(to)
{
}

ReplaceNetworkCommand::ReplaceNetworkCommand(ProjectDocument* doc, NetworkDraft after)
    : NetworkCommand(doc, ProjectDocument::tr("Edit network text"))
    , m_before(doc->networkDraft())
    , m_after(std::move(after))
{
}

ArchitectureCommand::ArchitectureCommand(ProjectDocument* doc, kapla::ArchitectureSpec after, const QString& field,
                                         int generation)
    : DocumentCommand(doc, ProjectDocument::tr("Change %1").arg(field))
    , m_before(doc->project().architecture)
    , m_after(std::move(after))
    , m_field(field)
    , m_generation(generation)
{
}

bool ArchitectureCommand::mergeWith(const QUndoCommand* other)
{
    const auto* o = static_cast<const ArchitectureCommand*>(other);
    if (o->m_field != m_field || o->m_generation != m_generation)
        return false;
    m_after = o->m_after;
    setObsolete(m_after == m_before);
    return true;
}

OptionsCommand::OptionsCommand(ProjectDocument* doc, kapla::Options after, const QString& field, int generation)
    : DocumentCommand(doc, ProjectDocument::tr("Change %1").arg(field))
    , m_before(doc->project().options)
    , m_after(std::move(after))
    , m_field(field)
    , m_generation(generation)
{
}

bool OptionsCommand::mergeWith(const QUndoCommand* other)
{
    const auto* o = static_cast<const OptionsCommand*>(other);
    if (o->m_field != m_field || o->m_generation != m_generation)
        return false;
    m_after = o->m_after;
    setObsolete(m_after == m_before);
    return true;
}

BatchCommand::BatchCommand(ProjectDocument* doc, int after, int generation)
    : DocumentCommand(doc, ProjectDocument::tr("Change batch to %1").arg(after))
    , m_before(doc->project().batch)
    , m_after(after)
    , m_generation(generation)
{
}

bool BatchCommand::mergeWith(const QUndoCommand* other)
{
    const auto* o = static_cast<const BatchCommand*>(other);
    if (o->m_generation != m_generation)
        return false;
    m_after = o->m_after;
    setText(ProjectDocument::tr("Change batch to %1").arg(m_after));
    setObsolete(m_after == m_before);
    return true;
}

ProjectNameCommand::ProjectNameCommand(ProjectDocument* doc, std::string after, int generation)
    : DocumentCommand(doc, ProjectDocument::tr("Rename project"))
    , m_before(doc->project().name)
    , m_after(std::move(after))
    , m_generation(generation)
{
}

bool ProjectNameCommand::mergeWith(const QUndoCommand* other)
{
    const auto* o = static_cast<const ProjectNameCommand*>(other);
    if (o->m_generation != m_generation)
        return false;
    m_after = o->m_after;
    setObsolete(m_after == m_before);
    return true;
}

AddRunCommand::AddRunCommand(ProjectDocument* doc, kapla::RunPtr run)
    : DocumentCommand(doc, QObject::tr("Add Run %1").arg(QString::fromStdString(kapla::runLabel(*run))))
    , m_run(std::move(run))
{
}

void AddRunCommand::redo()
{
    if (m_runId == 0) {
        m_runId = doc()->runs()->addFinishedRun(m_run);
    } else {
        doc()->runs()->insertRun(m_row, std::move(m_entry));
        m_entry = {};
    }
    Q_EMIT doc()->contentChanged();
}

void AddRunCommand::undo()
{
    std::tie(m_row, m_entry) = doc()->runs()->takeRun(m_runId);
    Q_EMIT doc()->contentChanged();
}

RemoveRunCommand::RemoveRunCommand(ProjectDocument* doc, int runId)
    : DocumentCommand(doc, QObject::tr("Remove Run #%1").arg(runId))
    , m_runId(runId)
{
}

void RemoveRunCommand::redo()
{
    std::tie(m_row, m_run) = doc()->runs()->takeRun(m_runId);
    Q_EMIT doc()->contentChanged();
}

void RemoveRunCommand::undo()
{
    doc()->runs()->insertRun(m_row, std::move(m_run));
    m_run = {};
    Q_EMIT doc()->contentChanged();
}

KeepLiveRunCommand::KeepLiveRunCommand(ProjectDocument* doc, int runId)
    : DocumentCommand(doc, QObject::tr("Keep Live Run #%1").arg(runId))
    , m_runId(runId)
{
}

void KeepLiveRunCommand::redo() { doc()->runs()->keepLiveRun(m_runId); }

void KeepLiveRunCommand::undo() { doc()->runs()->makeLive(m_runId); }

RenameRunCommand::RenameRunCommand(ProjectDocument* doc, int runId, std::string before, std::string after)
    : DocumentCommand(doc, QObject::tr("Rename Run #%1").arg(runId))
    , m_runId(runId)
    , m_before(std::move(before))
    , m_after(std::move(after))
{
}

void RenameRunCommand::redo()
{
    doc()->runs()->setRunLabel(m_runId, m_after);
    Q_EMIT doc()->contentChanged();
}

void RenameRunCommand::undo()
{
    doc()->runs()->setRunLabel(m_runId, m_before);
    Q_EMIT doc()->contentChanged();
}
