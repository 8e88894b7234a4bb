#pragma once
// Two runs side by side: first what differs in their inputs, then the totals, the energy components,
// each layer's energy difference (largest first) with the directives that differ, and the segments.
// A layer clicked in the chart or the table is selected in the shared selection (so the result views
// follow) and its two schedules are shown next to each other.

#include "report/run_compare.h"
#include "run/run.h"
#include "views/figure_export.h"

#include <QWidget>

#include <optional>
#include <vector>

class QCustomPlot;
class QLabel;
class QTableWidget;
class QVBoxLayout;
class SelectionContext;

class CompareView : public QWidget
{
    Q_OBJECT

public:
    explicit CompareView(SelectionContext* selection, QWidget* parent = nullptr);

    /// Compares run A (the reference, listed as #idA) with run B; false, with the reason shown in the
    /// view, when either has no evaluated schedule.
    bool setRuns(kapla::RunPtr a, int idA, kapla::RunPtr b, int idB);
    /// Shows nothing (after either run left the project).
    void clear();
    const std::optional<kapla::RunComparison>& comparison() const { return m_comparison; }
    int runIdA() const { return m_idA; }
    int runIdB() const { return m_idB; }

    /// The layer shown in detail (empty: none).
    const QString& selectedLayer() const { return m_layer; }
    /// Shows a layer in detail and highlights it in the chart and the table (unknown names clear it).
    void showLayer(const QString& name);

    QCustomPlot* plot() const { return m_plot; }
    QTableWidget* table() const { return m_table; }
    QLabel* inputsLabel() const { return m_inputs; }
    QLabel* detailLabel() const { return m_detail; }
    /// Centre of a layer's bar in plot widget coordinates (null point when the chart does not show it).
    QPoint barCenter(const QString& layer) const;

    /// Writes the comparison figure as `kapla compare --figure` does; an error message, empty on success.
    QString exportFigureTo(FigureFormat format, const QString& path) const;
    /// Writes the per-layer CSV as `kapla compare --csv` does.
    QString exportCsvTo(const QString& path) const;

public Q_SLOTS:
    /// Asks for a file name and writes the figure (PNG, PDF, SVG) or the CSV, by its extension.
    void exportInteractive();

Q_SIGNALS:
    /// Asks the host to show run A or B in the result views.
    void showRunRequested(int runId);

private:
    void rebuild();
    void fillSummary();
    void fillTable();
    void onLayerClicked(const QString& name);
    QString description() const;

    SelectionContext* m_selection;
    kapla::RunPtr m_a;
    kapla::RunPtr m_b;
    int m_idA = 0;
    int m_idB = 0;
    std::optional<kapla::RunComparison> m_comparison;
    std::vector<std::size_t> m_chartRows; ///< comparison rows in chart order
    QString m_layer;

    QLabel* m_title = nullptr;
    QLabel* m_inputs = nullptr;
    QLabel* m_totals = nullptr;
    QLabel* m_detail = nullptr;
    QVBoxLayout* m_chartLayout = nullptr;
    QCustomPlot* m_plot = nullptr;
    QTableWidget* m_table = nullptr;
};
