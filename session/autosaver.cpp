#include "session/autosaver.h"

#include "session/project_document.h"
#include "session/run_list_model.h"

#include "io/project_file.h"
#include "util/file_access.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QStandardPaths>

#include <algorithm>

namespace {

const QString kSuffix = QStringLiteral(".autosave.yaml");

QString autosaveDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/autosave");
}

bool writeText(const QString& path, const std::string& text, QString* error)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    const kapla::Diagnostics problems = kapla::writeFileText(QFile::encodeName(path).toStdString(), text);
    if (!problems.empty()) {
        *error = QStringLiteral("cannot write the autosave copy %1: %2")
                     .arg(QDir::toNativeSeparators(path), QString::fromStdString(problems.front().message));
        return false;
    }
    return true;
}

// Removes a copy and the runs saved with it.
void removeCopy(const QString& path)
{
    QFile::remove(path);
    kapla::io::saveRuns(QFile::encodeName(path).toStdString(), {});
}

} // namespace

Autosaver::Autosaver(ProjectDocument* document)
    : QObject(document)
    , m_doc(document)
{
    m_timer.setInterval(kDefaultIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (m_pending)
            saveNow();
    });
    connect(m_doc, &ProjectDocument::contentChanged, this, [this] { m_pending = true; });
    m_timer.start();
}

Autosaver::~Autosaver() { releaseUntitled(false); }

void Autosaver::setInterval(int ms) { m_timer.start(std::max(ms, 1)); }

QString Autosaver::sidecarPath(const QString& projectPath)
{
    const QFileInfo info(projectPath);
    return info.absoluteDir().filePath(info.completeBaseName() + kSuffix);
}

// For a project in a folder we may not write: a name unique per project path.
QString Autosaver::fallbackPath(const QString& projectPath)
{
    const QFileInfo info(projectPath);
    const QByteArray hash =
        QCryptographicHash::hash(info.absoluteFilePath().toUtf8(), QCryptographicHash::Sha1).toHex().left(12);
    return autosaveDir() + QLatin1Char('/') + info.completeBaseName() + QLatin1Char('-') + QString::fromLatin1(hash)
         + kSuffix;
}

QString Autosaver::currentPath() const
{
    if (!m_doc->hasProject())
        return {};
    if (m_doc->isUntitled())
        return m_untitledPath; // chosen at the first write
    const QFileInfo dir(QFileInfo(m_doc->filePath()).absolutePath());
    return dir.isWritable() ? sidecarPath(m_doc->filePath()) : fallbackPath(m_doc->filePath());
}

QString Autosaver::findFor(const QString& projectPath)
{
    const QFileInfo project(projectPath);
    for (const QString& candidate : {sidecarPath(projectPath), fallbackPath(projectPath)}) {
        const QFileInfo copy(candidate);
        if (copy.exists() && copy.lastModified() >= project.lastModified())
            return copy.absoluteFilePath();
    }
    return {};
}

QStringList Autosaver::orphanedUntitled()
{
    QFileInfoList files =
        QDir(autosaveDir()).entryInfoList({QStringLiteral("untitled-*") + kSuffix}, QDir::Files, QDir::Time);
    QStringList out;
    for (const QFileInfo& file : files) {
        QLockFile lock(file.absoluteFilePath() + QStringLiteral(".lock"));
        // A live process holds its copy's lock; a crashed one left it stale, and tryLock takes it over.
        if (lock.tryLock(0)) {
            lock.unlock();
            out.append(file.absoluteFilePath());
        }
    }
    return out;
}

QString Autosaver::untitledPath()
{
    if (!m_untitledPath.isEmpty())
        return m_untitledPath;
    static int counter = 0;
    const QString path = autosaveDir()
                       + QStringLiteral("/untitled-%1-%2-%3")
                             .arg(QCoreApplication::applicationPid())
                             .arg(QDateTime::currentMSecsSinceEpoch())
                             .arg(++counter)
                       + kSuffix;
    adopt(path);
    return m_untitledPath;
}

void Autosaver::adopt(const QString& path)
{
    releaseUntitled(false);
    QDir().mkpath(QFileInfo(path).absolutePath());
    m_untitledPath = path;
    m_lock = std::make_unique<QLockFile>(path + QStringLiteral(".lock"));
    m_lock->tryLock(0);
}

void Autosaver::releaseUntitled(bool remove)
{
    if (remove && !m_untitledPath.isEmpty())
        removeCopy(m_untitledPath);
    m_lock.reset();
    m_untitledPath.clear();
}

bool Autosaver::saveNow()
{
    m_pending = false;
    if (!m_doc->hasProject())
        return false;
    if (!m_doc->isDirty()) {
        discard(); // undone back to the file: nothing to restore
        return false;
    }
    const QString path = m_doc->isUntitled() ? untitledPath() : currentPath();
    const bool sidecar = !m_doc->isUntitled() && path == sidecarPath(m_doc->filePath());
    const std::string yaml = m_doc->toYaml(sidecar ? m_doc->filePath() : QString(),
                                           sidecar ? ProjectDocument::Inline::Edited : ProjectDocument::Inline::All);
    if (yaml.empty())
        return false;
    QString error;
    if (!writeText(path, yaml, &error)) {
        Q_EMIT failed(error);
        return false;
    }
    // The runs finished since the last save go with the copy (unchanged run files are not rewritten).
    if (const auto problems = kapla::io::saveRuns(QFile::encodeName(path).toStdString(), m_doc->runs()->finishedRuns());
        !problems.empty()) {
        Q_EMIT failed(QString::fromStdString(problems.front().format()));
        return false;
    }
    Q_EMIT written(path);
    return true;
}

void Autosaver::discard()
{
    m_pending = false;
    if (!m_doc->hasProject())
        return;
    if (m_doc->isUntitled()) {
        releaseUntitled(true);
        return;
    }
    removeCopy(sidecarPath(m_doc->filePath()));
    removeCopy(fallbackPath(m_doc->filePath()));
}
