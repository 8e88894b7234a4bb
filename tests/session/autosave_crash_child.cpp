// Child process of tst_project_document: opens a project (or an untitled one), edits it, prints
// "edited", prints "autosaved" once the autosave copy is written, and waits to be killed.
// usage: autosave_crash_child PROJECT|--untitled INTERVAL_MS

#include "session/autosaver.h"
#include "session/project_document.h"

#include <QCoreApplication>
#include <QStandardPaths>

#include <cstdio>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("kapla-session-tests"));
    QStandardPaths::setTestModeEnabled(true);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() != 3)
        return 2;

    ProjectDocument doc;
    if (args.at(1) == QLatin1String("--untitled"))
        doc.newProject();
    else if (!doc.load(args.at(1), nullptr))
        return 1;
    doc.autosaver()->setInterval(args.at(2).toInt());
    bool reported = false;
    QObject::connect(doc.autosaver(), &Autosaver::written, &app, [&reported] {
        if (!reported)
            std::puts("autosaved");
        reported = true;
        std::fflush(stdout);
    });

    doc.setBatch(77);
    doc.setProjectName(QStringLiteral("after the crash"));
    if (!doc.isUntitled()) {
        DraftLayer last = doc.networkDraft().layers.back();
        last.params.nofm = 10;
        doc.setLayer(static_cast<int>(doc.networkDraft().layers.size()) - 1, last);
    }
    std::puts("edited");
    std::fflush(stdout);
    return QCoreApplication::exec();
}
