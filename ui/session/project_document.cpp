#include "session/project_document.h"

#include "io/project_io.h"

#include <QFile>
#include <QFileInfo>

ProjectDocument::ProjectDocument(QObject* parent)
    : QObject(parent)
{
}

bool ProjectDocument::load(const QString& path, QStringList* errors)
{
    auto result = kapla::io::loadProjectFile(QFile::encodeName(path).toStdString());
    if (!result) {
        if (errors) {
            errors->clear();
            for (const auto& diag : result.diagnostics())
                errors->append(QString::fromStdString(diag.format()));
        }
        return false;
    }
    m_project = std::move(result).value();
    m_filePath = QFileInfo(path).absoluteFilePath();
    m_loaded = true;
    emit projectChanged();
    return true;
}

void ProjectDocument::clear()
{
    m_project = kapla::Project();
    m_filePath.clear();
    m_loaded = false;
    emit projectChanged();
}

QString ProjectDocument::displayName() const
{
    if (!m_loaded)
        return {};
    if (!m_project.name.empty())
        return QString::fromStdString(m_project.name);
    return QFileInfo(m_filePath).completeBaseName();
}
