#pragma once
// How the document's project maps onto files: include paths, edited parts and the diagnostics of io.

#include "model/project.h"
#include "util/diagnostic.h"

#include <QString>
#include <QStringList>

/// Include paths are kept absolute in memory, so that Save As to another folder keeps them working.
void makePathsAbsolute(kapla::Project& project, const QString& baseDir);
/// Include paths relative to `baseDir`, as the project file written there names them.
void makePathsRelative(kapla::Project& project, const QString& baseDir);
/// Clears the include path of every part whose content differs from `onDisk`'s (written inline).
void inlineEditedParts(kapla::Project& project, const kapla::Project& onDisk);
/// What the project file itself holds: the included parts' content is not part of it.
kapla::Project projectFileView(kapla::Project project);
/// The project file at `path` as it is on disk (paths absolute), or an empty project when unreadable.
kapla::Project projectOnDisk(const QString& path);
/// "file:line:col: error: ..." lines.
QStringList formatDiagnostics(const kapla::Diagnostics& diags);
/// Writes `text` to `path` (kapla::writeFileText: atomically, through links); false with the reason in
/// `problems`.
bool writeTextFile(const QString& path, const std::string& text, QStringList& problems);
