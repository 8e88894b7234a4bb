#include "session/project_document.h"

#include "session/autosaver.h"
#include "session/live_solve.h"
#include "session/project_commands.h"
#include "session/project_files.h"
#include "session/run_list_model.h"
#include "session/solver_runner.h"

#include "io/project_file.h"
#include "io/project_io.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QUndoStack>

#include <utility>

namespace {

kapla::Project untitledProject()
{
    kapla::Project p;
    p.name = "Untitled";
    p.batch = 1;
    p.network = kapla::Network("Network", kapla::makeInputLayer(3, {32, 32}));
    kapla::LayerParams conv;
    conv.type = kapla::LayerType::Conv;
    conv.nifm = 3;
    conv.nofm = 16;
    conv.sofm = {32, 32};
    conv.sfil = {3, 3};
    p.network.add("conv1", kapla::makeLayer(conv).value());
    p.architecture.name = "Single node";
    p.architecture.hardware = kapla::ExplicitHardware{};
    return p;
}

} // namespace

ProjectDocument::ProjectDocument(QObject* parent)
    : QObject(parent)
    , m_undo(new QUndoStack(this))
    , m_runs(new RunListModel(this))
    , m_runner(new SolverRunner(this))
{
    m_check = checkDraft(m_draft);
    m_autosaver = new Autosaver(this);
    m_live = new LiveSolve(this);
    connect(m_undo, &QUndoStack::cleanChanged, this, [this](bool clean) { Q_EMIT dirtyChanged(!clean); });
    connect(m_runner, &SolverRunner::progressChanged, m_runs,
            [this](quint64 job, const SolverProgress& p) { m_runs->updateProgress(job, p.fraction); });
    connect(m_runner, &SolverRunner::finished, m_runs, &RunListModel::finishRun);
    connect(m_runner, &SolverRunner::discarded, m_runs, &RunListModel::discardRun);
    connect(m_runs, &RunListModel::runFinished, this, &ProjectDocument::onRunFinished);
    connect(m_runs, &RunListModel::labelEdited, this, [this](int id, const QString& label) { renameRun(id, label); });
}

void ProjectDocument::onRunFinished()
{
    const bool wasDirty = isDirty();
    m_unsavedRuns = true;
    if (!wasDirty)
        Q_EMIT dirtyChanged(true);
    Q_EMIT contentChanged();
}

ProjectDocument::~ProjectDocument() { m_autosaver->discard(); }

bool ProjectDocument::load(const QString& path, QStringList* errors)
{
    kapla::Diagnostics warnings;
    const std::string file = QFile::encodeName(path).toStdString();
    auto result = kapla::io::loadProjectWithRuns(file, &warnings);
    if (!result) {
        if (errors)
            *errors = formatDiagnostics(result.diagnostics());
        return false;
    }
    const QFileInfo info(path);
    kapla::io::ProjectFile loaded = std::move(result).value();
    makePathsAbsolute(loaded.project, info.absolutePath());
    resetTo(std::move(loaded.project), info.absoluteFilePath(), loaded.runs, warnings);
    m_legacyRuns = loaded.inlineRuns > 0;
    return true;
}

bool ProjectDocument::restoreAutosave(const QString& projectPath, const QString& autosavePath, QStringList* errors)
{
    kapla::Diagnostics warnings;
    auto result = kapla::io::loadProjectWithRuns(QFile::encodeName(autosavePath).toStdString(), &warnings);
    if (!result) {
        if (errors)
            *errors = formatDiagnostics(result.diagnostics());
        return false;
    }
    kapla::io::ProjectFile restored = std::move(result).value();
    makePathsAbsolute(restored.project, QFileInfo(autosavePath).absolutePath());
    resetTo(std::move(restored.project), projectPath.isEmpty() ? QString() : QFileInfo(projectPath).absoluteFilePath(),
            restored.runs, warnings);
    // What the files hold is what a save compares with, not the copy.
    m_onDisk = projectPath.isEmpty() ? kapla::Project() : projectOnDisk(projectPath);
    if (projectPath.isEmpty())
        m_autosaver->adopt(autosavePath);
    m_undo->resetClean();
    // Replacing the document removed the previous copy, which may have been this very file.
    m_autosaver->saveNow();
    return true;
}

void ProjectDocument::newProject() { resetTo(untitledProject(), QString()); }

void ProjectDocument::startImportedProject(const kapla::Network& network, const QString& name, int modelBatch)
{
    // The accelerator being explored stays; only the network is the model's. Inline, so that a
    // save never writes into the files the previous project included.
    kapla::Project project = m_loaded ? m_project : untitledProject();
    project.name = name.toStdString();
    project.network = network;
    project.networkPath = project.architecturePath = project.optionsPath = {};
    if (modelBatch > 1)
        project.batch = modelBatch;
    resetTo(std::move(project), QString());
    m_undo->resetClean();
}

void ProjectDocument::startProjectFrom(kapla::Project project)
{
    project.networkPath = project.architecturePath = project.optionsPath = {};
    resetTo(std::move(project), QString());
    m_undo->resetClean();
}

void ProjectDocument::clear()
{
    if (!m_loaded)
        return;
    Q_EMIT aboutToClose();
    m_autosaver->discard();
    m_runner->abandon();
    m_runs->clear();
    Q_EMIT networkAboutToBeReset();
    m_project = kapla::Project();
    m_onDisk = kapla::Project();
    m_legacyRuns = false;
    m_draft = NetworkDraft();
    m_check = checkDraft(m_draft);
    m_resolved = kapla::Diagnostics{};
    m_filePath.clear();
    m_loaded = false;
    m_unsavedRuns = false;
    m_loadWarnings.clear();
    m_saveNotes.clear();
    m_undo->clear();
    Q_EMIT networkReset();
    Q_EMIT projectReset();
    Q_EMIT filePathChanged(m_filePath);
    Q_EMIT contentChanged();
}

void ProjectDocument::resetTo(kapla::Project project, const QString& filePath, const std::vector<kapla::RunPtr>& runs,
                              const kapla::Diagnostics& warnings)
{
    clear();
    Q_EMIT networkAboutToBeReset();
    m_draft = NetworkDraft::fromNetwork(project.network);
    m_project = std::move(project);
    m_onDisk = filePath.isEmpty() ? kapla::Project() : m_project;
    m_filePath = filePath;
    m_loaded = true;
    m_loadWarnings = formatDiagnostics(warnings);
    recheck();
    for (const kapla::RunPtr& run : runs)
        m_runs->addFinishedRun(run);
    Q_EMIT networkReset();
    Q_EMIT projectReset();
    Q_EMIT filePathChanged(m_filePath);
    Q_EMIT contentChanged();
}

bool ProjectDocument::save(QStringList* errors)
{
    if (m_filePath.isEmpty()) {
        if (errors)
            *errors = QStringList{tr("The project has no file yet; use Save As.")};
        return false;
    }
    return saveAs(m_filePath, errors);
}

bool ProjectDocument::saveAs(const QString& path, QStringList* errors)
{
    QStringList problems;
    if (!m_loaded)
        problems << tr("There is no project to save.");
    else if (!isNetworkValid())
        problems << tr("The network has errors; fix them before saving:") << networkProblems();
    const QString target = QFileInfo(path).absoluteFilePath();
    if (problems.isEmpty())
        writeProjectFiles(target, problems);
    if (!problems.isEmpty()) {
        if (errors)
            *errors = problems;
        return false;
    }
    m_autosaver->discard();
    const bool moved = target != m_filePath;
    m_filePath = target;
    m_onDisk = m_project;
    m_legacyRuns = false;
    const bool runsWereUnsaved = std::exchange(m_unsavedRuns, false);
    if (runsWereUnsaved && m_undo->isClean())
        Q_EMIT dirtyChanged(false);
    m_undo->setClean();
    if (moved)
        Q_EMIT filePathChanged(m_filePath);
    Q_EMIT saved(m_filePath);
    return true;
}

std::string ProjectDocument::toYaml(const QString& projectPath, Inline parts) const
{
    if (!m_loaded || !isNetworkValid())
        return {};
    const QString target = projectPath.isEmpty() ? m_filePath : projectPath;
    kapla::Project project = m_project;
    const bool everythingInline = parts == Inline::All || target.isEmpty();
    if (everythingInline) {
        project.networkPath = project.architecturePath = project.optionsPath = {};
    } else {
        if (parts == Inline::Edited)
            inlineEditedParts(project, m_onDisk);
        makePathsRelative(project, QFileInfo(target).absolutePath());
    }
    return kapla::io::projectToYaml(project, everythingInline);
}

QStringList ProjectDocument::networkProblems() const
{
    QStringList out;
    for (const auto& issue : m_check.issues) {
        const QString message = QString::fromStdString(issue.message);
        if (issue.row < 0)
            out << tr("network: %1").arg(message);
        else
            out << tr("layer '%1': %2")
                       .arg(QString::fromStdString(m_draft.layers[static_cast<std::size_t>(issue.row)].name), message);
    }
    return out;
}

QString ProjectDocument::displayName() const
{
    if (!m_loaded)
        return {};
    if (!m_project.name.empty())
        return QString::fromStdString(m_project.name);
    if (!m_filePath.isEmpty())
        return QFileInfo(m_filePath).completeBaseName();
    return tr("Untitled");
}

bool ProjectDocument::isDirty() const { return !m_undo->isClean() || m_unsavedRuns; }

int ProjectDocument::solve(QString* error, std::optional<kapla::SolverKind> solver)
{
    QString reason;
    if (!m_loaded)
        reason = tr("Open a project first.");
    else if (!isNetworkValid())
        reason = tr("The network has errors: %1").arg(networkProblems().value(0));
    else if (!m_resolved)
        reason =
            tr("The architecture is invalid: %1").arg(QString::fromStdString(m_resolved.diagnostics().front().message));
    if (!reason.isEmpty()) {
        if (error)
            *error = reason;
        return -1;
    }
    kapla::Options options = m_project.options;
    if (solver)
        options.solver = *solver;
    const kapla::SolveSettings settings = kapla::settingsFromOptions(options);
    kapla::ResolvedProject snapshot = m_resolved->withOptions(std::move(options));
    const quint64 job = m_runner->start(snapshot.project(), settings);
    return m_runs->addRun(job, std::move(snapshot));
}

void ProjectDocument::cancelSolve() { m_runner->cancel(); }

int ProjectDocument::addRun(kapla::RunPtr run)
{
    auto* command = new AddRunCommand(this, std::move(run));
    m_undo->push(command);
    return command->runId();
}

bool ProjectDocument::removeRun(int runId)
{
    const RunEntry* run = m_runs->runById(runId);
    if (!run || run->running())
        return false;
    m_undo->push(new RemoveRunCommand(this, runId));
    return true;
}

bool ProjectDocument::renameRun(int runId, const QString& label)
{
    const RunEntry* run = m_runs->runById(runId);
    if (!run || run->running())
        return false;
    m_undo->push(new RenameRunCommand(this, runId, run->run->label, label.trimmed().toStdString()));
    return true;
}

bool ProjectDocument::keepLiveRun()
{
    const RunEntry* live = m_runs->runById(m_runs->liveRunId());
    if (!live || !live->run)
        return false;
    m_undo->push(new KeepLiveRunCommand(this, live->id));
    return true;
}

kapla::RunPtr ProjectDocument::runResult(int runId, QString* why) const
{
    const RunEntry* entry = m_runs->runById(runId);
    QString reason;
    if (!entry)
        reason = tr("There is no run #%1").arg(runId);
    else if (entry->running())
        reason = tr("Run #%1 is still running").arg(runId);
    else if (!entry->run->schedule)
        reason = tr("Run #%1 has no schedule to show (it ended %2)")
                     .arg(runId)
                     .arg(QString::fromUtf8(kapla::terminationKeyword(entry->run->termination).data()));
    else if (!entry->run->evaluation)
        reason = tr("Run #%1 cannot be shown: its schedule no longer evaluates (see the load warnings)").arg(runId);
    if (why)
        *why = reason;
    return reason.isEmpty() ? entry->run : nullptr;
}
