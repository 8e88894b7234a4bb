// MainWindow's Results tab: the result views of the shown run, and the one layer selection that
// links them with the network editor.

#include "main_window.h"

#include "network_editor.h"
#include "project_panel.h"

#include "session/project_document.h"
#include "session/qt_text.h"
#include "session/run_list_model.h"
#include "session/selection_context.h"
#include "views/results_panel.h"

#include "report/chart_data.h"

#include <QLabel>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QTextDocument>
#include <QVBoxLayout>

namespace {

constexpr int kStatusMessageMs = 8000;

// One line that says which run the views show and what it achieved.
QString runSummary(int runId, const kapla::Run& run)
{
    const auto& eval = *run.evaluation;
    return MainWindow::tr("<b>Run #%1</b> — %2, %3 after %4 · total energy <b>%5</b> · %6 cycles · "
                          "%7 layers in %8 segments")
        .arg(runId)
        .arg(QString::fromStdString(kapla::runLabel(run)),
             QString::fromUtf8(kapla::terminationKeyword(run.termination).data()), durationText(run.seconds),
             QString::fromStdString(kapla::formatEnergy(eval.totalCost, eval.energyUnit)),
             QString::fromStdString(kapla::groupDigits(eval.totalTime)))
        .arg(eval.layers.size())
        .arg(eval.segments.size());
}

// The totals in full, for telling apart runs whose summaries round alike.
QString runSummaryToolTip(const kapla::Run& run)
{
    const auto& eval = *run.evaluation;
    return MainWindow::tr("Total energy %1\nTotal time %2")
        .arg(QString::fromStdString(kapla::formatEnergy(eval.totalCost, eval.energyUnit, kapla::NumberDetail::Full)),
             QString::fromStdString(kapla::formatCycles(eval.totalTime)));
}

} // namespace

QWidget* MainWindow::createResultsPage()
{
    m_selection = new SelectionContext(this);
    m_results = new ResultsPanel(m_selection);
    auto* summary = new QLabel;
    summary->setObjectName(QStringLiteral("runSummary"));
    summary->setTextFormat(Qt::RichText);
    summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    summary->setContentsMargins(2, 4, 2, 4);
    summary->setWordWrap(true); // a long line must not widen the window
    auto* page = new QWidget;
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(summary);
    layout->addWidget(m_results, 1);

    auto* placeholder = new QLabel(tr("No results to show yet.\n\nSolve the project (F5), or double-click a run in the "
                                      "Runs list of the project panel."));
    placeholder->setAlignment(Qt::AlignCenter);
    placeholder->setWordWrap(true);
    m_resultsStack = new QStackedWidget;
    m_resultsStack->addWidget(placeholder);
    m_resultsStack->addWidget(page);

    connect(m_selection, &SelectionContext::resultChanged, this, [this, page, placeholder, summary] {
        const auto& result = m_selection->result();
        const QString text = result ? runSummary(m_selection->runId(), *result) : QString();
        summary->setText(text);
        summary->setToolTip(result ? runSummaryToolTip(*result) : QString());
        m_resultsStack->setCurrentWidget(result ? page : placeholder);
        // The list, the header and the status bar follow the run on screen.
        m_panel->highlightRun(m_selection->runId());
        updateHeader();
        if (result) {
            QTextDocument plain;
            plain.setHtml(text);
            statusBar()->showMessage(plain.toPlainText());
        }
    });
    connect(m_selection, &SelectionContext::runRequested, this, &MainWindow::showRun);
    // A removed run leaves the views (undo brings it back to the list, to be shown again).
    connect(m_document->runs(), &QAbstractItemModel::rowsRemoved, this, [this] {
        if (m_selection->result() && !m_document->runs()->runById(m_selection->runId()))
            m_selection->setResult(nullptr);
    });
    connect(this, &MainWindow::runActivated, this, [this](int runId) {
        if (showRun(runId))
            showTab(Tab::Results);
    });
    return m_resultsStack;
}

void MainWindow::linkLayerSelection()
{
    // The editor requests a layer through the selection like any view; the selection tells the
    // editor back, so a click in a chart also moves the layer table (the editor then re-emits
    // layerSelected, which the selection ignores as it already holds that layer).
    connect(m_network, &NetworkEditor::layerSelected, m_selection, &SelectionContext::selectLayer);
    connect(m_selection, &SelectionContext::layerChanged, m_network, [this](const QString& name) {
        if (!name.isEmpty() && m_network->currentLayer() != name)
            m_network->selectLayer(name);
    });
}

bool MainWindow::showRun(int runId)
{
    QString why;
    const kapla::RunPtr run = m_document->runResult(runId, &why);
    if (!run) {
        statusBar()->showMessage(why, kStatusMessageMs);
        return false;
    }
    if (m_selection->result() != run) {
        const QString layer = m_network->currentLayer();
        m_selection->setResult(run, runId);
        // Keep the layer the user is looking at, if the run has it.
        m_selection->selectLayer(layer);
    }
    return true;
}
