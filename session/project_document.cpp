#include "session/project_document.h"

#include "session/autosaver.h"
#include "session/project_commands.h"
#include "session/run_list_model.h"
#include "session/solver_runner.h"

#include "io/project_io.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QUndoStack>

#include <utility>

namespace {

// Include paths are kept absolute in memory so that Save As to another folder keeps them working.
void makePathsAbsolute(kapla::Project& project, const QString& baseDir)
{
    const QDir dir(baseDir);
    for (std::string* path : {&project.networkPath, &project.architecturePath, &project.optionsPath})
        if (!path->empty())
            *path = QFile::encodeName(QDir::cleanPath(dir.absoluteFilePath(QFile::decodeName(path->c_str())))).toStdString();
}

void makePathsRelative(kapla::Project& project, const QString& baseDir)
{
    const QDir dir(baseDir);
    for (std::string* path : {&project.networkPath, &project.architecturePath, &project.optionsPath})
        if (!path->empty())
            *path = QFile::encodeName(dir.relativeFilePath(QFile::decodeName(path->c_str()))).toStdString();
}

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

QStringList formatDiagnostics(const kapla::Diagnostics& diags)
{
    QStringList out;
    for (const auto& d : diags)
        out.append(QString::fromStdString(d.format()));
    return out;
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
    connect(m_undo, &QUndoStack::cleanChanged, this, [this](bool clean) { emit dirtyChanged(!clean); });
    connect(m_runner, &SolverRunner::progressChanged, m_runs,
            [this](quint64 job, const SolverProgress& p) { m_runs->updateProgress(job, p.fraction); });
    connect(m_runner, &SolverRunner::finished, m_runs, &RunListModel::finishRun);
    connect(m_runner, &SolverRunner::discarded, m_runs, &RunListModel::discardRun);
    connect(m_runs, &RunListModel::runFinished, this, &ProjectDocument::onRunFinished);
}

void ProjectDocument::onRunFinished()
{
    const bool wasDirty = isDirty();
    m_unsavedRuns = true;
    if (!wasDirty)
        emit dirtyChanged(true);
    emit contentChanged();
}

ProjectDocument::~ProjectDocument()
{
    m_autosaver->discard();
}

bool ProjectDocument::load(const QString& path, QStringList* errors)
{
    kapla::Diagnostics warnings;
    auto result = kapla::io::loadProjectFile(QFile::encodeName(path).toStdString(), &warnings);
    if (!result) {
        if (errors)
            *errors = formatDiagnostics(result.diagnostics());
        return false;
    }
    const QFileInfo info(path);
    kapla::Project project = std::move(result).value();
    makePathsAbsolute(project, info.absolutePath());
    resetTo(std::move(project), info.absoluteFilePath(), warnings);
    return true;
}

bool ProjectDocument::restoreAutosave(const QString& projectPath, const QString& autosavePath, QStringList* errors)
{
    auto result = kapla::io::loadProjectFile(QFile::encodeName(autosavePath).toStdString());
    if (!result) {
        if (errors)
            *errors = formatDiagnostics(result.diagnostics());
        return false;
    }
    kapla::Project project = std::move(result).value();
    makePathsAbsolute(project, QFileInfo(autosavePath).absolutePath());
    resetTo(std::move(project), projectPath.isEmpty() ? QString() : QFileInfo(projectPath).absoluteFilePath());
    if (projectPath.isEmpty())
        m_autosaver->adopt(autosavePath);
    m_undo->resetClean();
    // Replacing the document removed the previous copy, which may have been this very file.
    m_autosaver->saveNow();
    return true;
}

void ProjectDocument::addSavedRuns(const std::vector<kapla::SavedRun>& runs, const kapla::Diagnostics& warnings)
{
    m_loadWarnings = formatDiagnostics(warnings);
    for (std::size_t i = 0; i < runs.size(); ++i) {
        // A warning about run i names it by its key, "project.runs[i]...".
        const std::string key = "project.runs[" + std::to_string(i) + "]";
        QString warning;
        for (const auto& d : warnings)
            if (d.key.starts_with(key))
                warning = QString::fromStdString(d.message);
        m_runs->addSavedRun(runs[i], m_project, warning);
    }
}

void ProjectDocument::newProject() { resetTo(untitledProject(), QString()); }

void ProjectDocument::clear()
{
    if (!m_loaded)
        return;
    emit aboutToClose();
    m_autosaver->discard();
    m_runner->abandon();
    m_runs->clear();
    emit networkAboutToBeReset();
    m_project = kapla::Project();
    m_draft = NetworkDraft();
    m_check = checkDraft(m_draft);
    m_filePath.clear();
    m_loaded = false;
    m_unsavedRuns = false;
    m_loadWarnings.clear();
    m_undo->clear();
    emit networkReset();
    emit projectReset();
    emit filePathChanged(m_filePath);
    emit contentChanged();
}

void ProjectDocument::resetTo(kapla::Project project, const QString& filePath, const kapla::Diagnostics& warnings)
{
    clear();
    emit networkAboutToBeReset();
    m_draft = NetworkDraft::fromNetwork(project.network);
    // The runs list is the one place runs live while the document is open; toYaml() puts them back.
    const std::vector<kapla::SavedRun> runs = std::move(project.runs);
    project.runs.clear();
    m_project = std::move(project);
    addSavedRuns(runs, warnings);
    m_filePath = filePath;
    m_loaded = true;
    recheck();
    emit networkReset();
    emit projectReset();
    emit filePathChanged(m_filePath);
    emit contentChanged();
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
    const std::string yaml = problems.isEmpty() ? toYaml(target) : std::string();
    if (problems.isEmpty()) {
        QSaveFile file(target);
        if (!file.open(QIODevice::WriteOnly)
            || file.write(yaml.data(), static_cast<qint64>(yaml.size())) != static_cast<qint64>(yaml.size())
            || !file.commit())
            problems << tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(target), file.errorString());
    }
    if (!problems.isEmpty()) {
        if (errors)
            *errors = problems;
        return false;
    }
    m_autosaver->discard();
    const bool moved = target != m_filePath;
    m_filePath = target;
    const bool runsWereUnsaved = std::exchange(m_unsavedRuns, false);
    if (runsWereUnsaved && m_undo->isClean())
        emit dirtyChanged(false);
    m_undo->setClean();
    if (moved)
        emit filePathChanged(m_filePath);
    emit saved(m_filePath);
    return true;
}

std::string ProjectDocument::toYaml(const QString& projectPath, bool inlineAll) const
{
    if (!m_loaded || !isNetworkValid())
        return {};
    const QString target = projectPath.isEmpty() ? m_filePath : projectPath;
    kapla::Project project = m_project;
    const bool everythingInline = inlineAll || target.isEmpty();
    if (everythingInline)
        project.networkPath = project.architecturePath = project.optionsPath = {};
    else
        makePathsRelative(project, QFileInfo(target).absolutePath());
    project.runs = m_runs->savedRuns();
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
            out << tr("layer '%1': %2").arg(QString::fromStdString(m_draft.layers[static_cast<std::size_t>(issue.row)].name), message);
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

int ProjectDocument::solve(QString* error, std::optional<kapla::SolverKind> solver, const kapla::SolveSettings& settings)
{
    QString reason;
    if (!m_loaded)
        reason = tr("Open a project first.");
    else if (!isNetworkValid())
        reason = tr("The network has errors: %1").arg(networkProblems().value(0));
    if (!reason.isEmpty()) {
        if (error)
            *error = reason;
        return -1;
    }
    kapla::Project snapshot = m_project;
    if (solver)
        snapshot.options.solver = *solver;
    const quint64 job = m_runner->start(snapshot, settings);
    return m_runs->addRun(job, snapshot);
}

void ProjectDocument::cancelSolve() { m_runner->cancel(); }

bool ProjectDocument::removeRun(int runId)
{
    const SolveRun* run = m_runs->runById(runId);
    if (!run || run->running)
        return false;
    m_undo->push(new RemoveRunCommand(this, runId));
    return true;
}

ResultSnapshotPtr ProjectDocument::runSnapshot(int runId, QString* why)
{
    const SolveRun* run = m_runs->runById(runId);
    if (run && !run->snapshot && run->saved) {
        // One evaluation of one schedule: milliseconds even for the largest networks of the zoo.
        std::string error;
        if (auto snapshot = makeSavedRunSnapshot(m_project, *run->saved, runId, &error))
            m_runs->setSnapshot(runId, std::move(snapshot));
        else if (why)
            *why = tr("Run #%1 cannot be shown: %2").arg(runId).arg(QString::fromStdString(error));
        return run->snapshot;
    }
    if (why && !run)
        *why = tr("There is no run #%1").arg(runId);
    else if (why && !run->snapshot)
        *why = run->running ? tr("Run #%1 is still running").arg(runId) : tr("Run #%1 has no schedule to show").arg(runId);
    return run ? run->snapshot : nullptr;
}
