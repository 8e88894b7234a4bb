// MainWindow's Compare tab and the commands of a run's context menu (show, compare, export, duplicate).

#include "main_window.h"

#include "project_panel.h"

#include "session/project_document.h"
#include "session/run_list_model.h"
#include "session/selection_context.h"
#include "views/compare_view.h"
#include "views/results_panel.h"

#include <QStatusBar>

namespace {

constexpr int kStatusMessageMs = 8000;

} // namespace

QWidget* MainWindow::createComparePage()
{
    m_compare = new CompareView(m_selection);
    connect(m_compare, &CompareView::showRunRequested, this, [this](int runId) {
        if (showRun(runId))
            showTab(Tab::Results);
    });
    // A compared run that leaves the project leaves the comparison (undo lists it again, to be compared again).
    connect(m_document->runs(), &QAbstractItemModel::rowsRemoved, this, [this] {
        const RunListModel* runs = m_document->runs();
        if (m_compare->comparison() && (!runs->runById(m_compare->runIdA()) || !runs->runById(m_compare->runIdB())))
            m_compare->clear();
    });
    connect(m_document->runs(), &QAbstractItemModel::modelReset, m_compare, &CompareView::clear);
    return m_compare;
}

void MainWindow::linkRunActions()
{
    connect(m_panel, &ProjectPanel::compareRequested, this, [this](int a, int b) {
        if (compareRuns(a, b))
            showTab(Tab::Compare);
    });
    connect(m_panel, &ProjectPanel::exportRequested, this, &MainWindow::exportRunInteractive);
    connect(m_panel, &ProjectPanel::duplicateRequested, this, &MainWindow::duplicateRunAsProject);
    // A renamed run is a new Run object: the views showing the old one take it, keeping their layer.
    connect(m_document->runs(), &QAbstractItemModel::dataChanged, this, [this] {
        const RunListModel* runs = m_document->runs();
        const auto current = [runs](int id) {
            const RunEntry* entry = runs->runById(id);
            return entry ? entry->run : nullptr;
        };
        const QString layer = m_selection->layer();
        if (const kapla::RunPtr shown = current(m_selection->runId());
            shown && m_selection->result() && shown != m_selection->result()) {
            m_selection->setResult(shown, m_selection->runId());
            m_selection->selectLayer(layer);
        }
        const auto* compared = m_compare->comparison() ? &*m_compare->comparison() : nullptr;
        if (compared) {
            const kapla::RunPtr a = current(m_compare->runIdA());
            const kapla::RunPtr b = current(m_compare->runIdB());
            if (a && b && (kapla::runLabel(*a) != compared->labelA || kapla::runLabel(*b) != compared->labelB))
                m_compare->setRuns(a, m_compare->runIdA(), b, m_compare->runIdB());
        }
    });
}

bool MainWindow::compareRuns(int runIdA, int runIdB)
{
    QString why;
    const kapla::RunPtr a = m_document->runResult(runIdA, &why);
    const kapla::RunPtr b = a ? m_document->runResult(runIdB, &why) : nullptr;
    if (!a || !b) {
        statusBar()->showMessage(why, kStatusMessageMs);
        return false;
    }
    return m_compare->setRuns(a, runIdA, b, runIdB);
}

void MainWindow::exportRunInteractive(int runId)
{
    // The export writes the shown run, as Export Schedule does from the Results tab.
    if (showRun(runId))
        m_results->exportScheduleInteractive();
}

void MainWindow::duplicateRunAsProject(int runId)
{
    const RunEntry* entry = m_document->runs()->runById(runId);
    if (!entry || !entry->run || !maybeSave())
        return;
    kapla::Project project = entry->run->project();
    project.name = tr("%1 (run #%2)").arg(QString::fromStdString(project.name)).arg(runId).toStdString();
    m_document->startProjectFrom(std::move(project));
    statusBar()->showMessage(tr("A new untitled project holds what run #%1 solved; save it to keep it").arg(runId),
                             kStatusMessageMs);
}
