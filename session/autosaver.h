#pragma once
// Periodic autosave copies of a ProjectDocument, and finding them again after a crash.

#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>

#include <memory>

class ProjectDocument;
class QLockFile;

/// Writes the document every interval() ms while it has unsaved changes. A titled project goes to
/// the sidecar `<dir>/<base>.autosave.yaml` (includes stay relative, so it loads like the project);
/// an untitled one, or one in a folder we cannot write, goes inline under the application data
/// location. The copy is removed when the document is saved, closed or undone back to its file.
/// A copy that cannot be written yet (the network has errors) keeps the previous one.
class Autosaver : public QObject
{
    Q_OBJECT

public:
    static constexpr int kDefaultIntervalMs = 30'000;

    explicit Autosaver(ProjectDocument* document);
    ~Autosaver() override;

    void setInterval(int ms);
    int interval() const { return m_timer.interval(); }

    /// Where the document's copy goes now; empty without a project.
    QString currentPath() const;
    /// The sidecar copy of a project file.
    static QString sidecarPath(const QString& projectPath);
    /// An autosave copy of `projectPath` at least as new as the file, or empty.
    static QString findFor(const QString& projectPath);
    /// Copies of untitled projects whose process is gone (it crashed), newest first.
    static QStringList orphanedUntitled();

    /// Writes the copy now if the document changed since the last write; true if written.
    bool saveNow();
    /// Removes the current copy (after saving or closing).
    void discard();
    /// Keeps writing to `path`, the untitled copy the document was just restored from.
    void adopt(const QString& path);

Q_SIGNALS:
    void written(const QString& path);
    void failed(const QString& message);

private:
    static QString fallbackPath(const QString& projectPath);
    QString untitledPath();
    void releaseUntitled(bool remove);

    ProjectDocument* m_doc;
    QTimer m_timer;
    bool m_pending = false;
    QString m_untitledPath;
    std::unique_ptr<QLockFile> m_lock;
};
