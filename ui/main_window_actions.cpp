// MainWindow's actions, menus, toolbar, recent files and persisted settings.

#include "main_window.h"

#include "glossary_dialog.h"
#include "network_editor.h"
#include "primer_dialog.h"

#include "session/autosaver.h"
#include "session/live_solve.h"
#include "session/project_document.h"
#include "session/solver_runner.h"

#include "resources/app_icons.h"
#include "resources/app_theme.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QFileInfo>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QToolBar>
#include <QUndoStack>

#include <utility>

namespace {

constexpr int kMaxRecentFiles = 8;
const QString kGeometryKey = QStringLiteral("window/geometry");
const QString kStateKey = QStringLiteral("window/state");
const QString kRecentKey = QStringLiteral("recentFiles");
const QString kAutosaveKey = QStringLiteral("autosave/intervalSeconds");
const QString kLiveSolveKey = QStringLiteral("solve/live");

// Starting a solve supersedes the running one and drops its result: after minutes of search that
// deserves a question, not a keystroke.
bool mayReplaceRunningSolve(QWidget* parent, const ProjectDocument* document)
{
    if (!document->runner()->isRunning())
        return true;
    QMessageBox box(QMessageBox::Question, MainWindow::tr("Solve Running"), MainWindow::tr("A solve is running."),
                    QMessageBox::NoButton, parent);
    box.setInformativeText(MainWindow::tr("A new solve stops it and drops its result. To keep its best schedule, "
                                          "stop it with Cancel (Esc) instead."));
    QPushButton* replace = box.addButton(MainWindow::tr("Stop It and Solve"), QMessageBox::AcceptRole);
    QPushButton* keep = box.addButton(MainWindow::tr("Keep It Running"), QMessageBox::RejectRole);
    box.setDefaultButton(keep);
    box.setEscapeButton(keep);
    box.exec();
    return box.clickedButton() == replace;
}

} // namespace

void MainWindow::createActions()
{
    m_new = new QAction(actionIcon(QStringLiteral("document-new")), tr("&New"), this);
    m_new->setShortcut(QKeySequence::New);
    m_new->setToolTip(tr("Start an untitled project (Ctrl+N)"));
    connect(m_new, &QAction::triggered, this, &MainWindow::newDocument);

    m_open = new QAction(actionIcon(QStringLiteral("document-open")), tr("&Open…"), this);
    m_open->setShortcut(QKeySequence::Open);
    m_open->setToolTip(tr("Open a project file (Ctrl+O)"));
    connect(m_open, &QAction::triggered, this, &MainWindow::showOpenDialog);

    m_import = new QAction(actionIcon(QStringLiteral("document-import")), tr("&Import ONNX Model…"), this);
    m_import->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    m_import->setToolTip(tr("Import a network from an ONNX model as a new project with the current architecture and "
                            "options (Ctrl+I); the import report lists every operator"));
    connect(m_import, &QAction::triggered, this, &MainWindow::showImportDialog);

    m_save = new QAction(actionIcon(QStringLiteral("document-save")), tr("&Save"), this);
    m_save->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_S));
    m_save->setToolTip(tr("Save the project (Ctrl+S); edited parts are written inline, untouched includes stay"));
    connect(m_save, &QAction::triggered, this, &MainWindow::saveDocument);

    m_saveAs = new QAction(tr("Save &As…"), this);
    m_saveAs->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    connect(m_saveAs, &QAction::triggered, this, &MainWindow::saveDocumentAs);

    m_quit = new QAction(tr("&Quit"), this);
    m_quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    m_quit->setMenuRole(QAction::QuitRole);
    connect(m_quit, &QAction::triggered, this, &QWidget::close);

    QUndoStack* stack = m_document->undoStack();
    m_undo = stack->createUndoAction(this, tr("&Undo"));
    m_undo->setIcon(actionIcon(QStringLiteral("edit-undo")));
    m_undo->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Z));
    m_redo = stack->createRedoAction(this, tr("&Redo"));
    m_redo->setIcon(actionIcon(QStringLiteral("edit-redo")));
    m_redo->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});

    m_solve = new QAction(actionIcon(QStringLiteral("media-playback-start")), tr("&Solve"), this);
    m_solve->setShortcut(QKeySequence(Qt::Key_F5));
    m_solve->setToolTip(tr("Search the best schedule with the solver of the options (F5); runs on a worker thread"));
    connect(m_solve, &QAction::triggered, this, [this] {
        if (mayReplaceRunningSolve(this, m_document))
            solve();
    });

    m_cancel = new QAction(actionIcon(QStringLiteral("process-stop")), tr("&Cancel"), this);
    m_cancel->setShortcut(QKeySequence(Qt::Key_Escape));
    m_cancel->setToolTip(tr("Stop the running solve (Esc); the best schedule found so far is kept"));
    connect(m_cancel, &QAction::triggered, m_document, &ProjectDocument::cancelSolve);

    m_live = new QAction(actionIcon(QStringLiteral("view-refresh")), tr("&Live Re-solve"), this);
    m_live->setCheckable(true);
    m_live->setShortcut(QKeySequence(Qt::Key_F6));
    m_live->setToolTip(tr("Re-solve with KAPLA after each edit (F6): the runs list's \"live\" entry and the "
                          "result views follow the project; keep a live run to make it a normal run"));
    connect(m_live, &QAction::toggled, this, [this](bool on) {
        m_document->liveSolve()->setEnabled(on);
        QSettings().setValue(kLiveSolveKey, on);
    });
}

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_new);
    file->addAction(m_open);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    file->addAction(m_import);
    file->addSeparator();
    file->addAction(m_save);
    file->addAction(m_saveAs);
    file->addSeparator();
    file->addAction(m_quit);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(m_undo);
    edit->addAction(m_redo);
    edit->addSeparator();
    edit->addAction(m_network->addAction());
    edit->addAction(m_network->removeAction());
    edit->addAction(m_network->moveUpAction());
    edit->addAction(m_network->moveDownAction());

    QMenu* solveMenu = menuBar()->addMenu(tr("&Solve"));
    solveMenu->addAction(m_solve);
    QMenu* with = solveMenu->addMenu(tr("Solve &With"));
    for (const auto kind :
         {kapla::SolverKind::Kapla, kapla::SolverKind::Exhaustive, kapla::SolverKind::Random, kapla::SolverKind::Ml}) {
        QAction* a = with->addAction(QString::fromUtf8(kapla::solverKeyword(kind)), this, [this, kind] {
            if (mayReplaceRunningSolve(this, m_document))
                solve(kind);
        });
        a->setToolTip(tr("Solve once with this solver, leaving the options as they are"));
    }
    solveMenu->addAction(m_cancel);
    solveMenu->addAction(m_live);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_panelDock->toggleViewAction());
    view->addAction(m_importDock->toggleViewAction());
    view->addSeparator();
    const QStringList tabs{tr("&Network"), tr("&Architecture"), tr("&Options"),
                           tr("&Results"), tr("&Compare"),      tr("S&weep")};
    for (int i = 0; i < tabs.size(); ++i) {
        QAction* a = view->addAction(tabs[i], this, [this, i] { showTab(static_cast<Tab>(i)); });
        a->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + i)));
    }
    view->addSeparator();
    QMenu* themeMenu = view->addMenu(tr("&Theme"));
    auto* themes = new QActionGroup(themeMenu);
    const std::pair<Theme, QString> choices[]{{Theme::System, tr("&System")},
                                              {Theme::Light, tr("&Light")},
                                              {Theme::Dark, tr("&Dark")}};
    for (const auto& choice : choices) {
        const Theme theme = choice.first;
        QAction* a = themeMenu->addAction(choice.second, this, [this, theme] {
            applyTheme(theme);
            saveTheme(theme);
            updateHeader(); // its secondary line is coloured from the palette
        });
        a->setCheckable(true);
        a->setChecked(theme == currentTheme());
        a->setActionGroup(themes);
    }

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("Dataflow &primer"), this, [this] { showPrimer(this); });
    help->addAction(tr("&Glossary"), this, [this] { showGlossary(this); });
    help->addSeparator();
    help->addAction(tr("&About KAPLA Studio"), this, &MainWindow::showAbout)->setMenuRole(QAction::AboutRole);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt)->setMenuRole(QAction::AboutQtRole);
    updateRecentMenu();
}

void MainWindow::createToolBar()
{
    QToolBar* bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setMovable(false);
    bar->setIconSize(QSize(18, 18));
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->addAction(m_new);
    bar->addAction(m_open);
    bar->addAction(m_save);
    bar->addSeparator();
    bar->addAction(m_undo);
    bar->addAction(m_redo);
    bar->addSeparator();
    bar->addAction(m_solve);
    bar->addAction(m_cancel);
    bar->addAction(m_live);
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About KAPLA Studio"),
                       tr("<h3>KAPLA Studio %1</h3>"
                          "<p>A dataflow explorer for multi-node neural-network accelerators, "
                          "after KAPLA (ASP-DAC 2025) and the nn_dataflow cost model.</p>")
                           .arg(QStringLiteral(KAPLA_VERSION)));
}

void MainWindow::addRecentFile(const QString& path)
{
    if (path.isEmpty())
        return;
    m_recent.removeAll(path);
    m_recent.prepend(path);
    while (m_recent.size() > kMaxRecentFiles)
        m_recent.removeLast();
    updateRecentMenu();
}

void MainWindow::updateRecentMenu()
{
    m_recentMenu->clear();
    for (int i = 0; i < m_recent.size(); ++i) {
        const QString path = m_recent[i];
        QAction* a = m_recentMenu->addAction(QStringLiteral("&%1  %2").arg(i + 1).arg(QFileInfo(path).fileName()), this,
                                             [this, path] { openProject(path); });
        a->setToolTip(QDir::toNativeSeparators(path));
        a->setStatusTip(QDir::toNativeSeparators(path));
    }
    if (!m_recent.isEmpty()) {
        m_recentMenu->addSeparator();
        m_recentMenu->addAction(tr("Clear the List"), this, [this] {
            m_recent.clear();
            updateRecentMenu();
        });
    }
    m_recentMenu->setEnabled(!m_recent.isEmpty());
}

void MainWindow::restoreSettings()
{
    const QSettings settings;
    if (const QByteArray geometry = settings.value(kGeometryKey).toByteArray(); !geometry.isEmpty())
        restoreGeometry(geometry);
    else if (const QScreen* s = screen())
        resize(size().boundedTo(s->availableSize() * 9 / 10)); // first start on a small screen
    if (const QByteArray state = settings.value(kStateKey).toByteArray(); !state.isEmpty())
        restoreState(state);
    m_recent.clear();
    for (const QString& path : settings.value(kRecentKey).toStringList())
        if (QFileInfo::exists(path))
            m_recent << path;
    updateRecentMenu();
    const int seconds = settings.value(kAutosaveKey, Autosaver::kDefaultIntervalMs / 1000).toInt();
    m_document->autosaver()->setInterval(std::max(1, seconds) * 1000);
    m_live->setChecked(settings.value(kLiveSolveKey, false).toBool());
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue(kGeometryKey, saveGeometry());
    settings.setValue(kStateKey, saveState());
    settings.setValue(kRecentKey, m_recent);
    settings.setValue(kAutosaveKey, m_document->autosaver()->interval() / 1000);
}
