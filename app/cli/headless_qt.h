#pragma once
// The Qt platform of the verbs that draw figures (a GUI build only).

#include <QApplication>
#include <QByteArray>
#include <QtGlobal>

#include <array>
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

/// The application the figure code needs, on the headless platform. QApplication keeps references to
/// argc and argv for its whole life, so they live here beside it.
class HeadlessApp
{
public:
    HeadlessApp()
        : m_app((prepareHeadlessQt(), m_argc), m_argv.data())
    {
    }

private:
    int m_argc = 1;
    char m_name[6] = {'k', 'a', 'p', 'l', 'a', '\0'};
    std::array<char*, 2> m_argv{m_name, nullptr};
    QApplication m_app;
};

} // namespace kapla::cli
