// ProjectDocument's edits: each public edit pushes one undo command (or a macro of them); the
// commands call the raw mutations below, which emit the signals the views follow.

#include "session/project_document.h"

#include "session/project_commands.h"

#include <QUndoStack>

#include <algorithm>

void ProjectDocument::pushLayerEdit(int row, const DraftLayer& layer, EditMode mode, const QString& text)
{
    m_undo->push(new SetLayerCommand(this, row, layer, mergeGeneration(mode), text));
}

void ProjectDocument::setLayer(int row, const DraftLayer& layer, EditMode mode)
{
    if (row < 0 || row >= static_cast<int>(m_draft.layers.size())
        || m_draft.layers[static_cast<std::size_t>(row)] == layer)
        return;
    pushLayerEdit(row, layer, mode, tr("Edit layer %1").arg(QString::fromStdString(layer.name)));
}

void ProjectDocument::renameLayer(int row, const QString& name)
{
    if (row < 0 || row >= static_cast<int>(m_draft.layers.size()))
        return;
    const std::string from = m_draft.layers[static_cast<std::size_t>(row)].name;
    const std::string to = name.toStdString();
    if (from == to)
        return;
    const bool unique = std::count_if(m_draft.layers.begin(), m_draft.layers.end(),
                                      [&](const DraftLayer& l) { return l.name == from; })
                     == 1;
    m_undo->beginMacro(tr("Rename layer %1 to %2").arg(QString::fromStdString(from), name));
    DraftLayer renamed = m_draft.layers[static_cast<std::size_t>(row)];
    renamed.name = to;
    pushLayerEdit(row, renamed, EditMode::Step, tr("Rename layer %1").arg(name));
    // Consumers follow the rename, so the network stays wired as it was.
    for (std::size_t i = 0; unique && i < m_draft.layers.size(); ++i) {
        DraftLayer consumer = m_draft.layers[i];
        if (std::find(consumer.prevs.begin(), consumer.prevs.end(), from) == consumer.prevs.end())
            continue;
        std::replace(consumer.prevs.begin(), consumer.prevs.end(), from, to);
        pushLayerEdit(static_cast<int>(i), consumer, EditMode::Step,
                      tr("Rewire layer %1").arg(QString::fromStdString(consumer.name)));
    }
    m_undo->endMacro();
}

void ProjectDocument::insertLayer(int row, const DraftLayer& layer)
{
    row = std::clamp(row, 0, static_cast<int>(m_draft.layers.size()));
    m_undo->push(new InsertLayerCommand(this, row, layer));
}

void ProjectDocument::removeLayers(QList<int> rows)
{
    std::sort(rows.begin(), rows.end(), std::greater<>());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    rows.erase(std::remove_if(rows.begin(), rows.end(),
                              [this](int r) { return r < 0 || r >= static_cast<int>(m_draft.layers.size()); }),
               rows.end());
    if (rows.isEmpty())
        return;
    if (rows.size() == 1) {
        m_undo->push(new RemoveLayerCommand(this, rows.front()));
        return;
    }
    m_undo->beginMacro(tr("Remove %n layers", nullptr, static_cast<int>(rows.size())));
    for (const int row : rows) // descending, so the rows still to remove keep their index
        m_undo->push(new RemoveLayerCommand(this, row));
    m_undo->endMacro();
}

void ProjectDocument::moveLayer(int from, int to)
{
    const int n = static_cast<int>(m_draft.layers.size());
    if (from < 0 || from >= n || to < 0 || to >= n || from == to)
        return;
    m_undo->push(new MoveLayerCommand(this, from, to));
}

void ProjectDocument::setNetwork(const kapla::Network& network)
{
    NetworkDraft draft = NetworkDraft::fromNetwork(network);
    if (draft == m_draft)
        return;
    m_undo->push(new ReplaceNetworkCommand(this, std::move(draft)));
}

void ProjectDocument::setArchitecture(const kapla::ArchitectureSpec& spec, const QString& field, EditMode mode)
{
    if (!m_loaded || spec == m_project.architecture)
        return;
    m_undo->push(new ArchitectureCommand(this, spec, field, mergeGeneration(mode)));
}

void ProjectDocument::setOptions(const kapla::Options& options, const QString& field, EditMode mode)
{
    if (!m_loaded || options == m_project.options)
        return;
    m_undo->push(new OptionsCommand(this, options, field, mergeGeneration(mode)));
}

void ProjectDocument::setBatch(int batch, EditMode mode)
{
    if (!m_loaded || batch == m_project.batch || batch < 1)
        return;
    m_undo->push(new BatchCommand(this, batch, mergeGeneration(mode)));
}

void ProjectDocument::setProjectName(const QString& name, EditMode mode)
{
    if (!m_loaded || name.toStdString() == m_project.name)
        return;
    m_undo->push(new ProjectNameCommand(this, name.toStdString(), mergeGeneration(mode)));
}

void ProjectDocument::recheck()
{
    m_check = checkDraft(m_draft);
    if (m_check.network)
        m_project.network = *m_check.network;
    refreshDerived();
}

void ProjectDocument::refreshDerived()
{
    // The one place the session resolves the architecture: once per state of the project.
    m_resolved = kapla::ResolvedProject::resolve(m_project);
    m_runs->setCurrentProject(m_project);
}

void ProjectDocument::applyLayer(int row, const DraftLayer& layer)
{
    m_draft.layers.at(static_cast<std::size_t>(row)) = layer;
    recheck();
    Q_EMIT layerChanged(row);
    Q_EMIT networkChanged();
    Q_EMIT contentChanged();
}

void ProjectDocument::applyInsert(int row, const DraftLayer& layer)
{
    Q_EMIT layerAboutToBeInserted(row);
    m_draft.layers.insert(m_draft.layers.begin() + row, layer);
    recheck();
    Q_EMIT layerInserted(row);
    Q_EMIT networkChanged();
    Q_EMIT contentChanged();
}

DraftLayer ProjectDocument::applyRemove(int row)
{
    Q_EMIT layerAboutToBeRemoved(row);
    DraftLayer removed = std::move(m_draft.layers.at(static_cast<std::size_t>(row)));
    m_draft.layers.erase(m_draft.layers.begin() + row);
    recheck();
    Q_EMIT layerRemoved(row);
    Q_EMIT networkChanged();
    Q_EMIT contentChanged();
    return removed;
}

void ProjectDocument::applyMove(int from, int to)
{
    Q_EMIT layerAboutToBeMoved(from, to);
    DraftLayer layer = std::move(m_draft.layers.at(static_cast<std::size_t>(from)));
    m_draft.layers.erase(m_draft.layers.begin() + from);
    m_draft.layers.insert(m_draft.layers.begin() + to, std::move(layer));
    recheck();
    Q_EMIT layerMoved(from, to);
    Q_EMIT networkChanged();
    Q_EMIT contentChanged();
}

void ProjectDocument::applyDraft(const NetworkDraft& draft)
{
    Q_EMIT networkAboutToBeReset();
    m_draft = draft;
    recheck();
    Q_EMIT networkReset();
    Q_EMIT networkChanged();
    Q_EMIT contentChanged();
}

void ProjectDocument::applyArchitecture(const kapla::ArchitectureSpec& spec)
{
    m_project.architecture = spec;
    refreshDerived();
    Q_EMIT architectureChanged();
    Q_EMIT contentChanged();
}

void ProjectDocument::applyOptions(const kapla::Options& options)
{
    m_project.options = options;
    refreshDerived();
    Q_EMIT optionsChanged();
    Q_EMIT contentChanged();
}

void ProjectDocument::applyBatch(int batch)
{
    m_project.batch = batch;
    refreshDerived();
    Q_EMIT batchChanged();
    Q_EMIT contentChanged();
}

void ProjectDocument::applyName(const std::string& name)
{
    m_project.name = name;
    refreshDerived();
    Q_EMIT nameChanged();
    Q_EMIT contentChanged();
}
