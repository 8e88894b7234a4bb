#pragma once
// Helpers shared by the session tests: sample paths and a writable copy of the sample tree.

#include <QDir>
#include <QFile>
#include <QString>
#include <QStringList>

namespace kapla::test {

inline QString sampleDir() { return QStringLiteral(KAPLA_SOURCE_DIR "/sample_projects"); }

inline QString samplePath(const QString& rel) { return sampleDir() + QLatin1Char('/') + rel; }

/// Every project in sample_projects/ and sample_projects/golden/.
inline QStringList sampleProjects()
{
    QStringList paths;
    for (const QString& sub : {QString(), QStringLiteral("/golden")}) {
        const QDir dir(sampleDir() + sub);
        for (const QString& name : dir.entryList({QStringLiteral("*.yaml")}, QDir::Files, QDir::Name))
            paths.append(dir.filePath(name));
    }
    return paths;
}

/// Copies sample_projects/ (projects, networks, architectures, golden) under `target`, so that
/// tests may write next to the projects (autosave sidecars, saves) without touching the sources.
inline bool copySampleTree(const QString& target)
{
    for (const QString& sub :
         {QString(), QStringLiteral("/networks"), QStringLiteral("/architectures"), QStringLiteral("/golden")}) {
        const QDir from(sampleDir() + sub);
        if (!QDir().mkpath(target + sub))
            return false;
        for (const QString& name : from.entryList({QStringLiteral("*.yaml")}, QDir::Files))
            if (!QFile::copy(from.filePath(name), target + sub + QLatin1Char('/') + name))
                return false;
    }
    return true;
}

} // namespace kapla::test
