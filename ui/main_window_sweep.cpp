// MainWindow's Sweep tab: a point opened as a run is shown in the Results tab, two points compared in
// the Compare tab; the sweep's progress goes to the status bar.

#include "main_window.h"

#include "views/sweep_view.h"

#include <QStatusBar>

namespace {

constexpr int kStatusMessageMs = 8000;

} // namespace

QWidget* MainWindow::createSweepPage()
{
    m_sweep = new SweepView(m_document);
    connect(m_sweep, &SweepView::runOpened, this, [this](int runId) {
        if (showRun(runId))
            showTab(Tab::Results);
    });
    connect(m_sweep, &SweepView::compareRequested, this, [this](int a, int b) {
        if (compareRuns(a, b))
            showTab(Tab::Compare);
    });
    connect(m_sweep, &SweepView::message, this,
            [this](const QString& text) { statusBar()->showMessage(text, kStatusMessageMs); });
    return m_sweep;
}
