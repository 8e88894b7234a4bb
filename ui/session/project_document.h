#pragma once
// The open project of a window: the loaded kapla::Project and the file it came from.

#include "model/project.h"

#include <QObject>
#include <QString>
#include <QStringList>

/// Owns the project being explored; views observe projectChanged() and read project().
class ProjectDocument : public QObject
{
    Q_OBJECT

public:
    explicit ProjectDocument(QObject* parent = nullptr);

    /// Loads a project file through core io. On failure the document keeps its previous project
    /// and `errors` (if given) receives the diagnostics as "file:line:col: error: ..." lines.
    bool load(const QString& path, QStringList* errors);
    /// Forgets the project (an empty document).
    void clear();

    /// True once a project has been loaded.
    bool hasProject() const { return m_loaded; }
    const kapla::Project& project() const { return m_project; }
    /// Absolute path of the loaded file; empty without a project.
    QString filePath() const { return m_filePath; }
    /// The project's name, or the file name when the project has none.
    QString displayName() const;

signals:
    /// The whole project was replaced (loaded or cleared).
    void projectChanged();

private:
    kapla::Project m_project;
    QString m_filePath;
    bool m_loaded = false;
};
