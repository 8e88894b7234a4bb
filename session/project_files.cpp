#include "session/project_files.h"

#include "io/project_io.h"
#include "util/file_access.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

void makePathsAbsolute(kapla::Project& project, const QString& baseDir)
{
    const QDir dir(baseDir);
    for (std::string* path : {&project.networkPath, &project.architecturePath, &project.optionsPath})
        if (!path->empty())
            *path = QFile::encodeName(QDir::cleanPath(dir.absoluteFilePath(QFile::decodeName(path->c_str()))))
                        .toStdString();
}

void makePathsRelative(kapla::Project& project, const QString& baseDir)
{
    const QDir dir(baseDir);
    for (std::string* path : {&project.networkPath, &project.architecturePath, &project.optionsPath})
        if (!path->empty())
            *path = QFile::encodeName(dir.relativeFilePath(QFile::decodeName(path->c_str()))).toStdString();
}

void inlineEditedParts(kapla::Project& project, const kapla::Project& onDisk)
{
    if (!project.networkPath.empty() && !(project.network == onDisk.network))
        project.networkPath.clear();
    if (!project.architecturePath.empty() && !(project.architecture == onDisk.architecture))
        project.architecturePath.clear();
    if (!project.optionsPath.empty() && !(project.options == onDisk.options))
        project.optionsPath.clear();
}

kapla::Project projectFileView(kapla::Project project)
{
    if (!project.networkPath.empty())
        project.network = kapla::Network();
    if (!project.architecturePath.empty())
        project.architecture = kapla::ArchitectureSpec();
    if (!project.optionsPath.empty())
        project.options = kapla::Options();
    return project;
}

kapla::Project projectOnDisk(const QString& path)
{
    auto loaded = kapla::io::loadProjectFile(QFile::encodeName(path).toStdString());
    if (!loaded)
        return kapla::Project();
    kapla::Project project = std::move(loaded).value();
    makePathsAbsolute(project, QFileInfo(path).absolutePath());
    return project;
}

QStringList formatDiagnostics(const kapla::Diagnostics& diags)
{
    QStringList out;
    for (const auto& d : diags)
        out.append(QString::fromStdString(d.format()));
    return out;
}

bool writeTextFile(const QString& path, const std::string& text, QStringList& problems)
{
    const kapla::Diagnostics written = kapla::writeFileText(QFile::encodeName(path).toStdString(), text);
    problems << formatDiagnostics(written);
    return written.empty();
}
