#pragma once
// The KAPLA Studio main window: project panel, the network/architecture/options editors, the
// result views of the shown run, menus, a toolbar, and a status bar with the running solve's progress.

#include "session/model_import.h"

#include "model/options.h"

#include <QMainWindow>
#include <QStringList>

#include <optional>

class ArchitectureEditor;
class CompareView;
class LayerTableModel;
class NetworkEditor;
class OptionsEditor;
class ProjectDocument;
class ProjectPanel;
class ResultsPanel;
class SelectionContext;
class QAction;
class QDockWidget;
class QLabel;
class QMenu;
class QPlainTextEdit;
class QStackedWidget;
class QTabWidget;
class QTableView;
class SolveStatusWidget;
struct SolverProgress;
class SweepView;

/// One window per project; owns the document and the views on it.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    /// The tabs, in order: the three editors, the results of the shown run, the comparison of two runs,
    /// the sweep of parameters over the project.
    enum class Tab { Network, Architecture, Options, Results, Compare, Sweep };

    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Loads a project without any dialog; on failure `errors` gets the diagnostics and the
    /// window keeps what it showed before.
    bool loadProject(const QString& path, QStringList* errors);
    /// Loads a project interactively: offers to restore an autosave copy, reports failures in a
    /// message box.
    void openProject(const QString& path);
    /// Imports an ONNX model as a new untitled project (the current architecture and options kept)
    /// without any dialog and shows the import report; on failure `errors` gets the diagnostics and
    /// the window keeps what it showed before.
    bool importModel(const QString& path, bool skipUnsupported, QStringList* errors);
    /// Imports interactively: offers to leave unsupported operators out (unless `skipUnsupported`
    /// already does), reports failures in a message box.
    void importModelInteractively(const QString& path, bool skipUnsupported = false);
    /// The dock with the last import's report (hidden until an import, and after another project opens).
    QDockWidget* importReportDock() const { return m_importDock; }
    QPlainTextEdit* importReportView() const { return m_importReport; }
    QAction* importAction() const { return m_import; }
    /// Starts solving the project (with `solver` instead of the options' one); false, with the
    /// reason in the status bar, if it cannot start.
    bool solve(std::optional<kapla::SolverKind> solver = {});
    void showTab(Tab tab);
    /// Shows a finished run in the result views (the Results tab); false if it has no schedule.
    bool showRun(int runId);
    /// Compares two finished runs in the Compare tab (A the reference); false, with the reason in the
    /// status bar, if either has no evaluated schedule.
    bool compareRuns(int runIdA, int runIdB);
    CompareView* compareView() const { return m_compare; }
    SweepView* sweepView() const { return m_sweep; }
    /// At startup without a project: offers to restore an untitled project a crash left behind.
    void offerUntitledRestore();

    /// Window geometry, dock layout, recent files and the autosave interval, from QSettings.
    void restoreSettings();
    void saveSettings() const;
    QStringList recentFiles() const { return m_recent; }

    ProjectDocument* document() const { return m_document; }
    LayerTableModel* layerModel() const;
    QTableView* layerView() const;
    NetworkEditor* networkEditor() const { return m_network; }
    ArchitectureEditor* architectureEditor() const { return m_architecture; }
    OptionsEditor* optionsEditor() const { return m_options; }
    ProjectPanel* projectPanel() const { return m_panel; }
    SolveStatusWidget* solveStatus() const { return m_solveStatus; }
    QTabWidget* editorTabs() const { return m_tabs; }
    ResultsPanel* resultsPanel() const { return m_results; }
    /// The one selection (run, segment, layer, directive) every view follows.
    SelectionContext* selection() const { return m_selection; }
    QAction* undoAction() const { return m_undo; }
    QAction* redoAction() const { return m_redo; }
    QAction* solveAction() const { return m_solve; }
    QAction* cancelAction() const { return m_cancel; }
    /// Live re-solve on or off (checkable; remembered in QSettings).
    QAction* liveSolveAction() const { return m_live; }
    /// The header text above the editors (network and architecture summary).
    QString headerText() const;

Q_SIGNALS:
    /// A layer was selected in an editor (for views that follow the selection).
    void layerSelected(const QString& name);
    /// A run of the runs list was activated.
    void runActivated(int runId);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createActions();
    void createMenus();
    void createToolBar();
    void showOpenDialog();
    void showImportDialog();
    void createImportReportDock();
    /// Imports and, when it worked, opens the result and shows its report.
    ModelImport runImport(const QString& path, bool skipUnsupported);
    void showImportReport(const QString& headline, const QStringList& skipped, const QString& report);
    bool saveDocument();
    bool saveDocumentAs();
    void newDocument();
    /// Asks to save unsaved changes; false if the user cancelled.
    bool maybeSave();
    void showAbout();
    void showErrors(const QString& title, const QString& message, const QStringList& errors);
    void addRecentFile(const QString& path);
    void updateRecentMenu();
    void onProjectReset();
    void onRunFinished(int runId);
    /// Shows the live entry's new result in place: no tab switch, the selected layer kept.
    void onLiveRunChanged(int runId);
    /// The live solve's progress in the status bar (the runs list's live entry shows it too).
    void showLiveProgress(const SolverProgress& progress);
    QWidget* createResultsPage();
    QWidget* createComparePage();
    QWidget* createSweepPage();
    /// The run list's context menu: show, compare, export, duplicate as a project.
    void linkRunActions();
    /// Asks for a file and writes a run's schedule (YAML), evaluation (JSON) or layer table (CSV).
    void exportRunInteractive(int runId);
    /// Opens the project a run solved as a new untitled project.
    void duplicateRunAsProject(int runId);
    void linkLayerSelection();
    void updateTitle();
    void updateHeader();
    void showSavedMessage();
    void setHeader(const QString& network, const QString& architecture, const QString& note);
    QString shownRunNote() const;
    void updateSolveActions();

    ProjectDocument* m_document = nullptr;
    QLabel* m_header = nullptr;
    QTabWidget* m_tabs = nullptr;
    NetworkEditor* m_network = nullptr;
    ArchitectureEditor* m_architecture = nullptr;
    OptionsEditor* m_options = nullptr;
    SelectionContext* m_selection = nullptr;
    ResultsPanel* m_results = nullptr;
    CompareView* m_compare = nullptr;
    SweepView* m_sweep = nullptr;
    QStackedWidget* m_resultsStack = nullptr;
    ProjectPanel* m_panel = nullptr;
    QDockWidget* m_panelDock = nullptr;
    QDockWidget* m_importDock = nullptr;
    QPlainTextEdit* m_importReport = nullptr;
    SolveStatusWidget* m_solveStatus = nullptr;
    QMenu* m_recentMenu = nullptr;
    QStringList m_recent;

    QAction* m_new = nullptr;
    QAction* m_open = nullptr;
    QAction* m_import = nullptr;
    QAction* m_save = nullptr;
    QAction* m_saveAs = nullptr;
    QAction* m_quit = nullptr;
    QAction* m_undo = nullptr;
    QAction* m_redo = nullptr;
    QAction* m_solve = nullptr;
    QAction* m_cancel = nullptr;
    QAction* m_live = nullptr;
};
