#pragma once
// The result views in one widget for the main window: directive tree, charts in tabs, loop nest,
// all linked through one SelectionContext; exports of figures and of the schedule.

#include "run/run.h"
#include "session/result_export.h"
#include "views/figure_export.h"

#include <QWidget>

#include <optional>

class BufferOccupancyView;
class DirectiveTreeView;
class EnergyBreakdownView;
class LoopNestView;
class NodeAllocationView;
class PeArrayView;
class PipelineTimelineView;
class QSortFilterProxyModel;
class QTableView;
class QTabWidget;
class ResultLayerModel;
class SelectionContext;

/// Hosts every result view; the host gives it the selection and result snapshots.
class ResultsPanel : public QWidget
{
    Q_OBJECT

public:
    enum class Tab { Energy, Allocation, Occupancy, Timeline, Layers, PeArray };

    explicit ResultsPanel(SelectionContext* selection, QWidget* parent = nullptr);

    /// Shows a result (null clears the views); the same as selection()->setResult().
    void setResult(kapla::RunPtr result);
    SelectionContext* selection() const { return m_selection; }

    DirectiveTreeView* directiveTree() const { return m_tree; }
    EnergyBreakdownView* energyView() const { return m_energy; }
    NodeAllocationView* allocationView() const { return m_allocation; }
    BufferOccupancyView* occupancyView() const { return m_occupancy; }
    PipelineTimelineView* timelineView() const { return m_timeline; }
    LoopNestView* loopNestView() const { return m_loopNest; }
    PeArrayView* peArrayView() const { return m_peArray; }
    QTableView* layerTable() const { return m_layerTable; }
    QTabWidget* tabs() const { return m_tabs; }
    void showTab(Tab tab);

    /// The figure of the current tab, if it has one.
    std::optional<FigureKind> currentFigure() const;
    /// The options the views show now (percent mode, the allocation's segment).
    FigureOptions figureOptions(FigureKind kind) const;
    /// Writes a figure exactly as `kapla export` does; an error message, empty on success.
    QString exportFigureTo(FigureKind kind, FigureFormat format, const QString& path) const;
    /// Writes the schedule (YAML), the evaluation (JSON) or the per-layer table (CSV).
    QString exportScheduleTo(ScheduleFormat format, const QString& path) const;

public Q_SLOTS:
    /// Asks for a file name and exports the current tab's figure (format from the extension).
    void exportFigureInteractive();
    /// Asks for a file name and exports the schedule (YAML, JSON or CSV by the extension).
    void exportScheduleInteractive();

private:
    QWidget* createLayerTable();
    void syncLayerTable();

    SelectionContext* m_selection;
    DirectiveTreeView* m_tree = nullptr;
    EnergyBreakdownView* m_energy = nullptr;
    NodeAllocationView* m_allocation = nullptr;
    BufferOccupancyView* m_occupancy = nullptr;
    PipelineTimelineView* m_timeline = nullptr;
    LoopNestView* m_loopNest = nullptr;
    PeArrayView* m_peArray = nullptr;
    ResultLayerModel* m_layerModel = nullptr;
    QSortFilterProxyModel* m_layerProxy = nullptr;
    QTableView* m_layerTable = nullptr;
    QTabWidget* m_tabs = nullptr;
};
