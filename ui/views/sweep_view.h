#pragma once
// The Sweep tab: a sweep over the open project set up in a form (or read from a sweep file), solved
// on worker threads with its points streaming into a table and the figures `kapla sweep --plot`
// draws (energy and time against one parameter, a heat map of the energy over two, the Pareto front
// of energy against time, total PEs or SRAM). A point opens as a run of the project, so that two
// points can be compared.

#include "session/sweep_point_model.h"
#include "views/sweep_figure.h"

#include <QWidget>

#include <map>
#include <memory>

class ProjectDocument;
class QComboBox;
class QGroupBox;
class QCustomPlot;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableView;
class QVBoxLayout;
class SweepForm;
class SweepRunner;

class SweepView : public QWidget
{
    Q_OBJECT

public:
    explicit SweepView(ProjectDocument* document, QWidget* parent = nullptr);

    /// Reads a sweep file to run instead of the form; on failure `errors` gets its diagnostics
    /// (file:line:column) and the view keeps what it had.
    bool loadSweepFile(const QString& path, QStringList* errors);
    /// Goes back to the sweep the form describes.
    void useForm();
    /// Starts the sweep (the file's, else the form's); false, with the reason shown, if it cannot.
    bool run();
    void stop();
    /// Lists the point at `row` of the table as a run of the project (once: again returns the same
    /// run while it is listed); its id, or 0 with the reason shown.
    int openAsRun(int row);
    /// Opens both points as runs and asks for their comparison (A the first).
    bool compareRows(int rowA, int rowB);

    /// The sweep's table (points.csv as `kapla sweep` writes it).
    QString exportTableTo(const QString& path) const;
    /// The Pareto fronts' points (pareto.csv).
    QString exportParetoTo(const QString& path) const;
    /// A figure (by its file name's extension: PNG, PDF or SVG).
    QString exportFigureTo(SweepFigureKind kind, const QString& path) const;

    SweepForm* form() const { return m_form; }
    SweepRunner* runner() const { return m_runner; }
    SweepPointModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    QCustomPlot* plot() const { return m_plot; }
    QCustomPlot* paretoPlot() const { return m_pareto; }
    QComboBox* paretoAxisBox() const { return m_paretoAxis; }
    QLabel* summaryLabel() const { return m_summary; }
    QLabel* progressLabel() const { return m_progress; }
    QPushButton* runButton() const { return m_run; }
    QPushButton* stopButton() const { return m_stop; }
    /// The figure beside the Pareto front: parameter (one parameter) or heat map (two).
    std::optional<SweepFigureKind> mainFigure() const;
    /// The selected rows of the table, in order.
    QList<int> selectedRows() const;
    void selectRow(int row);

Q_SIGNALS:
    /// The point's run was listed (or already was): show it.
    void runOpened(int runId);
    /// Two points' runs are listed: compare them.
    void compareRequested(int runIdA, int runIdB);
    /// A line for the status bar (progress, why something could not be done).
    void message(const QString& text);

private:
    QWidget* buildControls();
    QWidget* buildResults();
    /// The sweep to run now, or why there is none (shown under the form).
    kapla::Result<kapla::SweepSpec> currentSweep() const;
    void refreshSummary();
    void updateButtons();
    void onPoint(const SweepOutcomePtr& outcome);
    void onFinished(bool stopped);
    void showProgress();
    void rebuildCharts();
    void rebuildMainPlot();
    void rebuildParetoPlot();
    kapla::ParetoAxis paretoAxis() const;
    /// The row of the table under a position of a chart, or -1.
    int rowAtMain(const QPoint& pos) const;
    int rowAtPareto(const QPoint& pos) const;
    QString rowToolTip(int row) const;
    void showContextMenu(const QPoint& pos);
    void exportInteractive(int what);

    ProjectDocument* m_document;
    SweepRunner* m_runner;
    SweepPointModel* m_model;
    std::shared_ptr<const kapla::SweepSpec> m_fileSweep; ///< a sweep file read, run instead of the form
    std::map<int, int> m_runIds;                         ///< point index → id of its listed run

    QGroupBox* m_controls = nullptr;
    SweepForm* m_form = nullptr;
    QLabel* m_source = nullptr;
    QPushButton* m_useForm = nullptr;
    QLabel* m_summary = nullptr;
    QPushButton* m_run = nullptr;
    QPushButton* m_stop = nullptr;
    QProgressBar* m_bar = nullptr;
    QLabel* m_progress = nullptr;
    QPushButton* m_open = nullptr;
    QPushButton* m_compare = nullptr;
    QComboBox* m_paretoAxis = nullptr;
    QVBoxLayout* m_plotLayout = nullptr;
    QVBoxLayout* m_paretoLayout = nullptr;
    QCustomPlot* m_plot = nullptr;
    QCustomPlot* m_pareto = nullptr;
    QTableView* m_table = nullptr;
    bool m_chartsDue = false;
};
