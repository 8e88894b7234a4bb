#pragma once
// The Qt platform of the verbs that draw figures (a GUI build only).

#include <QByteArray>
#include <QtGlobal>

#include <unistd.h>

namespace kapla::cli {

/// Figures never need a display, and offscreen rendering is the same on every machine, so the
/// platform is offscreen unless the caller chose one.
inline void prepareHeadlessQt()
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    if (qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR")) // else Qt warns on every run; it creates the directory 0700
        qputenv("XDG_RUNTIME_DIR",
                QByteArray("/tmp/kapla-runtime-") + QByteArray::number(static_cast<qulonglong>(::getuid())));
}

} // namespace kapla::cli
