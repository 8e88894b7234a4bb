// kapla-studio: the desktop application. `--screenshot OUT.png` renders the window and exits.

#include "main_window.h"

#include <QApplication>
#include <QPixmap>

#include <cstdio>
#include <exception>
#include <string>
#include <string_view>

namespace {

constexpr const char* kUsage = R"(usage: kapla-studio [PROJECT] [--screenshot OUT.png]

  PROJECT               a KAPLA Studio project file (.yaml) to open
  --screenshot OUT.png  render the window to OUT.png and exit (0 ok, 1 on failure)
  -h, --help            this text

Without a display, run it under Xvfb or with Qt's offscreen platform:
  xvfb-run -a kapla-studio PROJECT
  QT_QPA_PLATFORM=offscreen kapla-studio PROJECT --screenshot OUT.png
)";

// The CLI contract's exit codes (DESIGN.md).
constexpr int kExitOk = 0;
constexpr int kExitInvalidInput = 1;
constexpr int kExitInternalError = 4;

struct StudioArgs {
    std::string project;
    std::string screenshot;
    bool help = false;
    bool platformGiven = false; ///< Qt's own -platform argument
    std::string error;
};

StudioArgs parseArgs(int argc, char** argv)
{
    StudioArgs args;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "-h" || arg == "--help") {
            args.help = true;
        } else if (arg == "--screenshot" && i + 1 < argc) {
            args.screenshot = argv[++i];
        } else if ((arg == "-platform" || arg == "--platform") && i + 1 < argc) {
            args.platformGiven = true;
            ++i;
        } else if (arg.starts_with('-') || !args.project.empty()) {
            args.error = "unexpected argument '" + std::string(arg) + "'";
        } else {
            args.project = arg;
        }
    }
    return args;
}

// Without a display QApplication aborts; say how to run instead (X11/Wayland systems only).
bool displayAvailable(const StudioArgs& args)
{
#if defined(Q_OS_UNIX) && !defined(Q_OS_MACOS)
    return args.platformGiven || !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")
        || !qEnvironmentVariableIsEmpty("DISPLAY") || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY");
#else
    Q_UNUSED(args);
    return true;
#endif
}

int saveScreenshot(MainWindow& window, const QString& out)
{
    window.show();
    QCoreApplication::processEvents();
    QCoreApplication::processEvents();
    if (!window.grab().save(out)) {
        std::fprintf(stderr, "kapla-studio: cannot write the screenshot %s\n", qPrintable(out));
        return kExitInvalidInput;
    }
    return kExitOk;
}

int run(int& argc, char** argv, const StudioArgs& args)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("KAPLA Studio"));
    QApplication::setOrganizationName(QStringLiteral("KAPLA"));
    QApplication::setApplicationDisplayName(QStringLiteral("KAPLA Studio"));

    MainWindow window;
    const QString project = QString::fromLocal8Bit(args.project.c_str());
    if (!args.screenshot.empty()) {
        QStringList errors;
        if (!project.isEmpty() && !window.loadProject(project, &errors)) {
            std::fprintf(stderr, "kapla-studio: cannot open %s\n", qPrintable(project));
            for (const auto& e : errors)
                std::fprintf(stderr, "%s\n", qPrintable(e));
            return kExitInvalidInput;
        }
        return saveScreenshot(window, QString::fromLocal8Bit(args.screenshot.c_str()));
    }
    window.show();
    if (!project.isEmpty())
        window.openProject(project);
    return QApplication::exec();
}

} // namespace

int main(int argc, char** argv)
{
    const StudioArgs args = parseArgs(argc, argv);
    if (args.help) {
        std::fputs(kUsage, stdout);
        return kExitOk;
    }
    if (!args.error.empty()) {
        std::fprintf(stderr, "kapla-studio: %s\n%s", args.error.c_str(), kUsage);
        return kExitInvalidInput;
    }
    if (!displayAvailable(args)) {
        std::fputs("kapla-studio: no display (neither DISPLAY, WAYLAND_DISPLAY nor QT_QPA_PLATFORM is set).\n"
                   "Run it under a virtual X server or with Qt's offscreen platform:\n"
                   "  xvfb-run -a kapla-studio [PROJECT]\n"
                   "  QT_QPA_PLATFORM=offscreen kapla-studio PROJECT --screenshot OUT.png\n",
                   stderr);
        return kExitInvalidInput;
    }
    try {
        return run(argc, argv, args);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "kapla-studio: internal error: %s\n", e.what());
        return kExitInternalError;
    }
}
