// ProjectDocument's saving: the included parts that were edited, the project file when what it holds
// changed, and the runs folder.

#include "session/project_document.h"

#include "session/project_files.h"
#include "session/run_list_model.h"

#include "io/project_file.h"
#include "io/project_io.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace {

// Writes one included part back to its file when it was edited; notes what it wrote.
template <typename T, typename ToYaml>
void savePart(const std::string& path, const T& now, const T& before, ToYaml toYaml, const QString& what,
              const QDir& projectDir, QStringList& notes, QStringList& problems)
{
    if (path.empty() || now == before)
        return;
    const QString file = QFile::decodeName(path.c_str());
    if (writeTextFile(file, toYaml(now), problems))
        notes << ProjectDocument::tr("Saved the %1 to %2")
                     .arg(what, QDir::toNativeSeparators(projectDir.relativeFilePath(file)));
}

// The window never leaves a project file it cannot open again: the file written is read back and
// must hold what was saved (a name the writer could not represent would show here). Only what the
// project file itself holds is compared: an included file may have been changed by another program.
void verifyReadsBack(const QString& target, const kapla::Project& saved, QStringList& problems)
{
    const auto back = kapla::io::loadProjectFile(QFile::encodeName(target).toStdString());
    const QString file = QDir::toNativeSeparators(target);
    if (!back) {
        problems
            << ProjectDocument::tr("The saved project %1 cannot be read back; it was not saved correctly:").arg(file)
            << formatDiagnostics(back.diagnostics());
        return;
    }
    kapla::Project p = back.value();
    makePathsAbsolute(p, QFileInfo(target).absolutePath());
    if (!(projectFileView(std::move(p)) == projectFileView(saved)))
        problems << ProjectDocument::tr("The saved project %1 reads back different from the project in the window; it "
                                        "was not saved correctly")
                        .arg(file);
}

} // namespace

bool ProjectDocument::writeProjectFiles(const QString& target, QStringList& problems)
{
    m_saveNotes.clear();
    const QDir dir = QFileInfo(target).absoluteDir();
    savePart(m_project.networkPath, m_project.network, m_onDisk.network, kapla::io::networkToYaml, tr("network"), dir,
             m_saveNotes, problems);
    savePart(m_project.architecturePath, m_project.architecture, m_onDisk.architecture, kapla::io::architectureToYaml,
             tr("architecture"), dir, m_saveNotes, problems);
    savePart(m_project.optionsPath, m_project.options, m_onDisk.options, kapla::io::optionsToYaml, tr("options"), dir,
             m_saveNotes, problems);
    // A project file that still says what the project is stays as the user wrote it (comments too).
    const bool unchanged = target == m_filePath && !m_legacyRuns && QFileInfo::exists(target)
                        && projectFileView(m_project) == projectFileView(m_onDisk);
    if (!unchanged && writeTextFile(target, toYaml(target), problems))
        verifyReadsBack(target, m_project, problems);
    const kapla::Diagnostics runs = kapla::io::saveRuns(QFile::encodeName(target).toStdString(),
                                                        m_runs->finishedRuns());
    problems << formatDiagnostics(runs);
    return problems.isEmpty();
}
