#include "main_window.h"

#include "architecture_editor.h"
#include "network_editor.h"
#include "options_editor.h"
#include "project_panel.h"
#include "solve_status_widget.h"

#include "session/autosaver.h"
#include "session/layer_table_model.h"
#include "session/live_solve.h"
#include "session/project_document.h"
#include "session/project_summary.h"
#include "session/qt_text.h"
#include "session/run_list_model.h"
#include "session/selection_context.h"
#include "session/solver_runner.h"

#include "model/architecture.h"
#include "report/chart_data.h"

#include <QAction>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMessageBox>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTextDocument>
#include <QTimer>
#include <QVBoxLayout>

#include <cmath>

namespace {

// More diagnostics than this go to the message box's details only.
constexpr int kMaxInlineErrors = 8;
constexpr int kStatusMessageMs = 8000;
// Wide enough for every column of the layer table next to the project panel.
constexpr QSize kDefaultSize(1440, 900);

// A secondary text colour that stays readable: text blended 40 % towards the background.
QColor mutedTextColor(const QPalette& palette)
{
    const QColor fg = palette.color(QPalette::WindowText);
    const QColor bg = palette.color(QPalette::Window);
    const auto mix = [](int a, int b) { return (a * 3 + b * 2) / 5; };
    return QColor(mix(fg.red(), bg.red()), mix(fg.green(), bg.green()), mix(fg.blue(), bg.blue()));
}

} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_document(new ProjectDocument(this))
{
    setObjectName(QStringLiteral("MainWindow"));
    m_header = new QLabel;
    m_header->setTextFormat(Qt::RichText);
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_header->setContentsMargins(4, 2, 4, 4);

    m_network = new NetworkEditor(m_document);
    m_architecture = new ArchitectureEditor(m_document);
    m_options = new OptionsEditor(m_document);
    m_tabs = new QTabWidget;
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_network, tr("Network"));
    m_tabs->addTab(m_architecture, tr("Architecture"));
    m_tabs->addTab(m_options, tr("Options"));
    m_tabs->setTabToolTip(0, tr("The layers of the network, as a table and as YAML text (Ctrl+1)"));
    m_tabs->setTabToolTip(1, tr("The accelerator: node mesh, PE arrays, buffers, DRAM and energies (Ctrl+2)"));
    m_tabs->setTabToolTip(2, tr("Batch, goal, solver and the model switches (Ctrl+3)"));
    m_tabs->addTab(createResultsPage(), tr("Results"));
    m_tabs->setTabToolTip(3, tr("The shown run in linked views: directive tree, energy, node allocation, buffers, "
                                "timeline, loop nest (Ctrl+4)"));
    m_tabs->addTab(createComparePage(), tr("Compare"));
    m_tabs->setTabToolTip(4, tr("Two runs side by side: what changed in the inputs and in the results (right-click a "
                                "run, Compare with…)"));
    m_tabs->addTab(createSweepPage(), tr("Sweep"));
    m_tabs->setTabToolTip(5, tr("Vary one or two parameters over the project: energy and time of every point, the "
                                "Pareto front; open a point as a run (Ctrl+6)"));

    auto* central = new QWidget;
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(6, 6, 6, 0);
    layout->setSpacing(4);
    layout->addWidget(m_header);
    layout->addWidget(m_tabs, 1);
    setCentralWidget(central);

    m_panel = new ProjectPanel(m_document);
    m_panelDock = new QDockWidget(tr("Project"));
    m_panelDock->setObjectName(QStringLiteral("projectDock"));
    m_panelDock->setWidget(m_panel);
    m_panelDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetClosable);
    addDockWidget(Qt::LeftDockWidgetArea, m_panelDock);
    resizeDocks({m_panelDock}, {260}, Qt::Horizontal);
    connect(m_panel, &ProjectPanel::sectionActivated, this,
            [this](ProjectPanel::Section s) { showTab(static_cast<Tab>(s)); });
    connect(m_panel, &ProjectPanel::runActivated, this, &MainWindow::runActivated);
    linkRunActions();

    createImportReportDock();
    createActions();
    createMenus();
    createToolBar();
    m_solveStatus = new SolveStatusWidget(m_document, m_cancel);
    statusBar()->addPermanentWidget(m_solveStatus);

    connect(m_document, &ProjectDocument::projectReset, this, &MainWindow::onProjectReset);
    connect(m_document, &ProjectDocument::dirtyChanged, this, &MainWindow::updateTitle);
    connect(m_document, &ProjectDocument::nameChanged, this, &MainWindow::updateTitle);
    connect(m_document, &ProjectDocument::filePathChanged, this, &MainWindow::updateTitle);
    for (const auto signal : {&ProjectDocument::networkChanged, &ProjectDocument::architectureChanged,
                              &ProjectDocument::batchChanged, &ProjectDocument::nameChanged})
        connect(m_document, signal, this, &MainWindow::updateHeader);
    connect(m_document, &ProjectDocument::optionsChanged, this, &MainWindow::updateHeader);
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::updateHeader);
    connect(m_document->runs(), &QAbstractItemModel::dataChanged, this, &MainWindow::updateHeader);
    connect(m_document->runs(), &RunListModel::runFinished, this, &MainWindow::onRunFinished);
    connect(m_document->runs(), &RunListModel::liveRunChanged, this, &MainWindow::onLiveRunChanged);
    connect(m_document->liveSolve()->runner(), &SolverRunner::progressChanged, this,
            [this](quint64, const SolverProgress& progress) { showLiveProgress(progress); });
    connect(m_document->runner(), &SolverRunner::started, this, &MainWindow::updateSolveActions);
    connect(m_document->runner(), &SolverRunner::finished, this, &MainWindow::updateSolveActions);
    connect(m_document->runner(), &SolverRunner::discarded, this, &MainWindow::updateSolveActions);
    connect(m_document->autosaver(), &Autosaver::failed, this,
            [this](const QString& message) { statusBar()->showMessage(message, kStatusMessageMs); });
    connect(m_network, &NetworkEditor::message, this,
            [this](const QString& text) { statusBar()->showMessage(text, kStatusMessageMs); });
    connect(m_network, &NetworkEditor::layerSelected, this, &MainWindow::layerSelected);
    linkLayerSelection();

    onProjectReset();
    statusBar()->showMessage(tr("No project loaded"));
    resize(kDefaultSize);
}

MainWindow::~MainWindow() = default;

LayerTableModel* MainWindow::layerModel() const { return m_network->model(); }

QTableView* MainWindow::layerView() const { return m_network->table(); }

void MainWindow::showTab(Tab tab) { m_tabs->setCurrentIndex(static_cast<int>(tab)); }

bool MainWindow::loadProject(const QString& path, QStringList* errors)
{
    if (!m_document->load(path, errors))
        return false;
    addRecentFile(m_document->filePath());
    const QStringList warnings = m_document->loadWarnings();
    QString text = tr("Loaded %1").arg(QDir::toNativeSeparators(m_document->filePath()));
    if (!warnings.isEmpty())
        text += tr(" — %n warning(s): %1", nullptr, static_cast<int>(warnings.size())).arg(warnings.front());
    statusBar()->showMessage(text);
    return true;
}

void MainWindow::openProject(const QString& path)
{
    if (!maybeSave())
        return;
    const QString copy = Autosaver::findFor(path);
    if (!copy.isEmpty()) {
        const auto answer = QMessageBox::question(
            this, tr("Restore Unsaved Changes"),
            tr("%1 has unsaved changes from %2 that were kept after KAPLA Studio ended unexpectedly. Restore them?")
                .arg(QFileInfo(path).fileName(),
                     QFileInfo(copy).lastModified().toString(QStringLiteral("yyyy-MM-dd HH:mm"))),
            QMessageBox::Yes | QMessageBox::Discard, QMessageBox::Yes);
        QStringList errors;
        if (answer == QMessageBox::Yes && m_document->restoreAutosave(path, copy, &errors)) {
            addRecentFile(m_document->filePath());
            statusBar()->showMessage(tr("Restored the unsaved changes of %1").arg(QDir::toNativeSeparators(path)));
            return;
        }
        if (answer == QMessageBox::Yes)
            showErrors(tr("Restore Unsaved Changes"), tr("The autosave copy %1 could not be read").arg(copy), errors);
        QFile::remove(copy);
    }
    QStringList errors;
    if (!loadProject(path, &errors)) {
        statusBar()->showMessage(tr("Could not open %1").arg(QDir::toNativeSeparators(path)));
        showErrors(tr("Open Project"), tr("Could not open %1").arg(QDir::toNativeSeparators(path)), errors);
    }
}

void MainWindow::offerUntitledRestore()
{
    const QStringList orphans = Autosaver::orphanedUntitled();
    if (orphans.isEmpty() || m_document->hasProject())
        return;
    const auto answer =
        QMessageBox::question(this, tr("Restore Unsaved Project"),
                              tr("An untitled project was not saved when KAPLA Studio ended unexpectedly. Restore it?"),
                              QMessageBox::Yes | QMessageBox::Discard, QMessageBox::Yes);
    if (answer == QMessageBox::Yes && m_document->restoreAutosave(QString(), orphans.front(), nullptr))
        return;
    for (const QString& file : orphans)
        QFile::remove(file);
}

void MainWindow::showOpenDialog()
{
    const QString dir = m_document->filePath().isEmpty() ? QDir::currentPath()
                                                         : QFileInfo(m_document->filePath()).absolutePath();
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Project"), dir,
                                                      tr("KAPLA projects (*.yaml *.yml);;All files (*)"));
    if (!path.isEmpty())
        openProject(path);
}

void MainWindow::newDocument()
{
    if (!maybeSave())
        return;
    m_document->newProject();
    statusBar()->showMessage(tr("New untitled project"), kStatusMessageMs);
}

bool MainWindow::saveDocument()
{
    if (m_document->isUntitled())
        return saveDocumentAs();
    QStringList errors;
    if (!m_document->save(&errors)) {
        showErrors(tr("Save Project"), tr("Could not save %1").arg(QDir::toNativeSeparators(m_document->filePath())),
                   errors);
        return false;
    }
    showSavedMessage();
    return true;
}

bool MainWindow::saveDocumentAs()
{
    const QString start = m_document->filePath().isEmpty() ? QDir::currentPath() + QStringLiteral("/project.yaml")
                                                           : m_document->filePath();
    const QString path = QFileDialog::getSaveFileName(this, tr("Save Project As"), start,
                                                      tr("KAPLA projects (*.yaml *.yml)"));
    if (path.isEmpty())
        return false;
    QStringList errors;
    if (!m_document->saveAs(path, &errors)) {
        showErrors(tr("Save Project"), tr("Could not save %1").arg(QDir::toNativeSeparators(path)), errors);
        return false;
    }
    addRecentFile(m_document->filePath());
    showSavedMessage();
    return true;
}

bool MainWindow::maybeSave()
{
    if (!m_document->hasProject() || !m_document->isDirty())
        return true;
    const auto answer = QMessageBox::warning(this, tr("Unsaved Changes"),
                                             tr("%1 has unsaved changes. Save them?").arg(m_document->displayName()),
                                             QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel,
                                             QMessageBox::Save);
    if (answer == QMessageBox::Save)
        return saveDocument();
    return answer == QMessageBox::Discard;
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    saveSettings();
    event->accept();
}

void MainWindow::showErrors(const QString& title, const QString& message, const QStringList& errors)
{
    auto* box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    // Locations relative to the current folder keep the lines short; the details keep them whole.
    const QString folder = QFileInfo(message.section(QLatin1Char(' '), -1)).path() + QLatin1Char('/');
    QStringList shown;
    for (const QString& error : errors.mid(0, kMaxInlineErrors))
        shown.append(error.startsWith(folder) ? error.mid(folder.size()) : error);
    if (errors.size() > kMaxInlineErrors)
        shown.append(tr("… and %1 more (see the details)").arg(errors.size() - kMaxInlineErrors));
    box->setInformativeText(shown.join(QStringLiteral("\n\n")));
    box->setDetailedText(errors.join(QLatin1Char('\n')));
    box->open();
}

bool MainWindow::solve(std::optional<kapla::SolverKind> solver)
{
    QString error;
    const int id = m_document->solve(&error, solver);
    if (id < 0) {
        statusBar()->showMessage(tr("Cannot solve: %1").arg(error), kStatusMessageMs);
        return false;
    }
    const RunEntry* run = m_document->runs()->runById(id);
    statusBar()->showMessage(tr("Run #%1: solving with %2…")
                                 .arg(id)
                                 .arg(QString::fromUtf8(kapla::solverKeyword(run->project().options.solver).data())));
    return true;
}

void MainWindow::showLiveProgress(const SolverProgress& progress)
{
    const kapla::Architecture* arch = m_document->architecture();
    const QString best =
        progress.bestCost >= 0 && arch
            ? tr(", best so far %1").arg(toQString(kapla::formatEnergy(progress.bestCost, arch->energyUnit)))
            : QString();
    statusBar()->showMessage(tr("Live re-solve: solving… %1 %").arg(std::lround(progress.fraction * 100)) + best);
}

void MainWindow::onLiveRunChanged(int runId)
{
    const RunEntry* entry = m_document->runs()->runById(runId);
    if (entry && entry->run && !entry->run->hasResult()) {
        // The views keep what they show: there is nothing else to show.
        const std::string& why = entry->run->message;
        statusBar()->showMessage(tr("Live re-solve found no schedule (%1)%2")
                                     .arg(QString::fromUtf8(kapla::terminationKeyword(entry->run->termination).data()),
                                          why.empty() ? QString() : QStringLiteral(": ") + toQString(why)));
        return;
    }
    // Only when the views show the live entry or nothing: a run the user opened stays.
    if (m_selection->result() && m_selection->runId() != runId)
        return;
    const QString layer = m_selection->layer();
    if (showRun(runId) && !layer.isEmpty())
        m_selection->selectLayer(layer);
}

void MainWindow::onRunFinished(int runId)
{
    const RunEntry* entry = m_document->runs()->runById(runId);
    if (!entry || !entry->run)
        return;
    const kapla::Run& run = *entry->run;
    updateSolveActions();
    // A run with a result is shown, and the status bar then describes it; otherwise say how it ended.
    if (run.hasResult() && showRun(runId)) {
        showTab(Tab::Results);
        return;
    }
    if (run.termination == kapla::Termination::Cancelled && !run.schedule) {
        statusBar()->showMessage(tr("Run #%1 (%2) stopped after %3 before any complete schedule was found: "
                                    "there is nothing to show")
                                     .arg(runId)
                                     .arg(QString::fromStdString(kapla::runLabel(run)), durationText(run.seconds)));
        return;
    }
    QString text = tr("Run #%1 (%2): %3 after %4")
                       .arg(runId)
                       .arg(QString::fromStdString(kapla::runLabel(run)),
                            QString::fromUtf8(kapla::terminationKeyword(run.termination).data()),
                            durationText(run.seconds));
    if (!run.message.empty())
        text += QStringLiteral(" — ") + QString::fromStdString(run.message);
    statusBar()->showMessage(text);
}

void MainWindow::showSavedMessage()
{
    // Says every file the save wrote besides the project (an edited network or architecture file).
    const QStringList parts = QStringList{tr("Saved %1").arg(QDir::toNativeSeparators(m_document->filePath()))}
                            + m_document->lastSaveNotes();
    statusBar()->showMessage(parts.join(QStringLiteral("; ")), kStatusMessageMs);
}

void MainWindow::onProjectReset()
{
    // A reopened project shows its newest run that has a result, as it was left.
    m_selection->setResult(nullptr);
    const RunListModel* runs = m_document->runs();
    for (int row = runs->rowCount() - 1; row >= 0; --row)
        if (const RunEntry& entry = runs->at(row); entry.run && entry.run->hasResult()) {
            m_selection->setResult(entry.run, entry.id);
            break;
        }
    updateTitle();
    updateHeader();
    updateSolveActions();
    // The report belongs to the import that made the project; importModel shows it again after this.
    m_importDock->hide();
    const bool loaded = m_document->hasProject();
    m_save->setEnabled(loaded);
    m_saveAs->setEnabled(loaded);
}

void MainWindow::updateSolveActions()
{
    const bool running = m_document->runner()->isRunning();
    m_solve->setEnabled(m_document->hasProject());
    m_cancel->setEnabled(running);
}

void MainWindow::updateTitle()
{
    const QString name = m_document->displayName();
    setWindowTitle(name.isEmpty() ? tr("KAPLA Studio") : tr("KAPLA Studio — %1[*]").arg(name));
    setWindowModified(m_document->isDirty());
    setWindowFilePath(m_document->filePath());
}

void MainWindow::updateHeader()
{
    if (!m_document->hasProject()) {
        m_header->setText(
            tr("<b>No project loaded.</b> Use File ▸ Open… (Ctrl+O) to open a project file, or File ▸ New (Ctrl+N)."));
        return;
    }
    // On the Results tab the header describes the project of the run on screen, which may differ
    // from the open one.
    const kapla::RunPtr& shown = m_selection->result();
    if (shown && m_tabs->currentIndex() == static_cast<int>(Tab::Results)) {
        setHeader(networkSummaryLine(shown->project(), shown->project().network.totalOps(1)),
                  architectureSummaryLine(shown->architecture()), shownRunNote());
        return;
    }
    const auto& project = m_document->project();
    const auto& resolved = m_document->resolved();
    QString archLine;
    if (resolved) {
        archLine = architectureSummaryLine(resolved->architecture());
    } else {
        QStringList problems;
        for (const auto& diag : resolved.diagnostics())
            problems.append(QString::fromStdString(diag.message));
        archLine = tr("Architecture problem: %1").arg(problems.join(QStringLiteral("; ")));
    }
    setHeader(networkSummaryLine(project, layerModel()->totalMacs()), archLine, {});
}

void MainWindow::setHeader(const QString& network, const QString& architecture, const QString& note)
{
    const QString muted = mutedTextColor(palette()).name();
    QString html = QStringLiteral("<span style=\"font-size:large; font-weight:600\">%1</span><br>"
                                  "<span style=\"color:%2\">%3</span>")
                       .arg(network.toHtmlEscaped(), muted, architecture.toHtmlEscaped());
    if (!note.isEmpty())
        html += QStringLiteral("<br><i>%1</i>").arg(note.toHtmlEscaped());
    m_header->setText(html);
}

QString MainWindow::shownRunNote() const
{
    // Said only when it matters: the run summary above the views already names the run.
    const RunEntry* entry = m_document->runs()->runById(m_selection->runId());
    if (!entry)
        return tr("Showing a run that is not in the project's list");
    if (entry->differences.isEmpty())
        return {};
    return tr("Showing run #%1 — the open project differs: %2")
        .arg(entry->id)
        .arg(entry->differences.join(QStringLiteral("; ")));
}

QString MainWindow::headerText() const
{
    QTextDocument doc;
    doc.setHtml(m_header->text());
    return doc.toPlainText();
}
