#include "views/results_panel.h"

#include "session/result_layer_model.h"
#include "session/selection_context.h"
#include "views/buffer_occupancy_view.h"
#include "views/directive_tree_view.h"
#include "views/energy_breakdown_view.h"
#include "views/loop_nest_view.h"
#include "views/node_allocation_view.h"
#include "views/pe_array_view.h"
#include "views/pipeline_timeline_view.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QMessageBox>
#include <QSignalBlocker>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

ResultsPanel::ResultsPanel(SelectionContext* selection, QWidget* parent)
    : QWidget(parent)
    , m_selection(selection)
{
    m_tree = new DirectiveTreeView(selection, this);
    m_energy = new EnergyBreakdownView(selection, this);
    m_allocation = new NodeAllocationView(selection, this);
    m_occupancy = new BufferOccupancyView(selection, this);
    m_timeline = new PipelineTimelineView(selection, this);
    m_loopNest = new LoopNestView(selection, this);
    m_peArray = new PeArrayView(selection, this);

    m_tabs = new QTabWidget(this);
    m_tabs->addTab(m_energy, tr("Energy"));
    m_tabs->addTab(m_allocation, tr("Node allocation"));
    m_tabs->addTab(m_occupancy, tr("Buffer occupancy"));
    m_tabs->addTab(m_timeline, tr("Timeline"));
    m_tabs->addTab(createLayerTable(), tr("Layers"));
    m_tabs->addTab(m_peArray, tr("PE array"));

    auto* figureButton = new QToolButton(this);
    figureButton->setText(tr("Export figure…"));
    figureButton->setToolTip(tr("Save the current chart as PNG, PDF or SVG (print style, fixed size)"));
    auto* scheduleButton = new QToolButton(this);
    scheduleButton->setText(tr("Export schedule…"));
    scheduleButton->setToolTip(tr("Save the schedule as YAML, the evaluation as JSON or the layer table as CSV"));
    auto* corner = new QWidget(this);
    auto* cornerLayout = new QHBoxLayout(corner);
    cornerLayout->setContentsMargins(0, 0, 0, 0);
    cornerLayout->addWidget(figureButton);
    cornerLayout->addWidget(scheduleButton);
    m_tabs->setCornerWidget(corner);
    connect(figureButton, &QToolButton::clicked, this, &ResultsPanel::exportFigureInteractive);
    connect(scheduleButton, &QToolButton::clicked, this, &ResultsPanel::exportScheduleInteractive);
    connect(m_tabs, &QTabWidget::currentChanged, this,
            [this, figureButton] { figureButton->setEnabled(currentFigure().has_value()); });

    auto* right = new QSplitter(Qt::Vertical, this);
    right->addWidget(m_tabs);
    right->addWidget(m_loopNest);
    right->setStretchFactor(0, 3);
    right->setStretchFactor(1, 2);
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_tree);
    split->addWidget(right);
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 1);
    split->setSizes({520, 980});
    right->setSizes({560, 380});
    connect(m_tabs, &QTabWidget::currentChanged, this, [this, right] {
        if (m_tabs->currentWidget() != m_peArray)
            return;
        // The step view draws an array, the region and nine tensor blocks: it takes up to two thirds of
        // the height, the loop nest below keeps the rest.
        const QList<int> sizes = right->sizes();
        const int total = sizes.value(0) + sizes.value(1);
        if (sizes.value(0) < total * 2 / 3)
            right->setSizes({total * 2 / 3, total - total * 2 / 3});
    });
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);
}

QWidget* ResultsPanel::createLayerTable()
{
    m_layerModel = new ResultLayerModel(this);
    m_layerProxy = new QSortFilterProxyModel(this);
    m_layerProxy->setSourceModel(m_layerModel);
    m_layerProxy->setSortRole(ResultLayerModel::SortRole);
    m_layerTable = new QTableView(this);
    m_layerTable->setModel(m_layerProxy);
    m_layerTable->setSortingEnabled(true);
    m_layerTable->sortByColumn(-1, Qt::AscendingOrder);
    m_layerTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_layerTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_layerTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    connect(m_selection, &SelectionContext::resultChanged, this,
            [this] { m_layerModel->setResult(m_selection->result()); });
    connect(m_selection, &SelectionContext::layerChanged, this, &ResultsPanel::syncLayerTable);
    connect(m_layerTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& index) {
                if (index.isValid())
                    m_selection->selectLayer(index.data(ResultLayerModel::IdRole).toString());
            });
    return m_layerTable;
}

void ResultsPanel::syncLayerTable()
{
    const int row = m_layerModel->rowOfLayer(m_selection->layer());
    const QModelIndex index = m_layerProxy->mapFromSource(m_layerModel->index(row, 0));
    if (!index.isValid() || index.row() == m_layerTable->currentIndex().row())
        return;
    const QSignalBlocker block(m_layerTable->selectionModel());
    m_layerTable->setCurrentIndex(index);
    m_layerTable->selectRow(index.row());
    m_layerTable->viewport()->update();
}

void ResultsPanel::setResult(kapla::RunPtr result) { m_selection->setResult(std::move(result)); }

void ResultsPanel::showTab(Tab tab) { m_tabs->setCurrentIndex(static_cast<int>(tab)); }

std::optional<FigureKind> ResultsPanel::currentFigure() const
{
    switch (static_cast<Tab>(m_tabs->currentIndex())) {
    case Tab::Energy: return FigureKind::Energy;
    case Tab::Allocation: return FigureKind::Allocation;
    case Tab::Occupancy: return FigureKind::Occupancy;
    case Tab::Timeline: return FigureKind::Timeline;
    case Tab::Layers:
    case Tab::PeArray: break;
    }
    return std::nullopt;
}

FigureOptions ResultsPanel::figureOptions(FigureKind kind) const
{
    FigureOptions options;
    if (kind == FigureKind::Energy)
        options.percent = m_energy->percent();
    if (kind == FigureKind::Allocation)
        options.segment = m_allocation->shownSegment();
    return options;
}

QString ResultsPanel::exportFigureTo(FigureKind kind, FigureFormat format, const QString& path) const
{
    const auto& result = m_selection->result();
    if (!result)
        return tr("There is no result to export.");
    return exportFigure(*result, kind, format, path, figureOptions(kind));
}

QString ResultsPanel::exportScheduleTo(ScheduleFormat format, const QString& path) const
{
    const auto& result = m_selection->result();
    if (!result)
        return tr("There is no result to export.");
    return exportSchedule(*result, format, path);
}

void ResultsPanel::exportFigureInteractive()
{
    const auto kind = currentFigure();
    if (!kind || !m_selection->result())
        return;
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export figure"), figureKindName(*kind) + QStringLiteral(".png"),
                                     tr("PNG image (*.png);;PDF document (*.pdf);;SVG drawing (*.svg)"));
    if (path.isEmpty())
        return;
    const auto format = figureFormatFromName(QFileInfo(path).suffix());
    const QString error = format ? exportFigureTo(*kind, *format, path) : tr("Use a .png, .pdf or .svg file name.");
    if (!error.isEmpty())
        QMessageBox::warning(this, tr("Export figure"), error);
}

void ResultsPanel::exportScheduleInteractive()
{
    if (!m_selection->result())
        return;
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export schedule"), QStringLiteral("schedule.yaml"),
                                     tr("Schedule YAML (*.yaml);;Evaluation JSON (*.json);;Layer table CSV (*.csv)"));
    if (path.isEmpty())
        return;
    const auto format = scheduleFormatFromName(QFileInfo(path).suffix());
    const QString error = format ? exportScheduleTo(*format, path) : tr("Use a .yaml, .json or .csv file name.");
    if (!error.isEmpty())
        QMessageBox::warning(this, tr("Export schedule"), error);
}
