#include "solve_status_widget.h"

#include "session/project_document.h"
#include "session/qt_text.h"
#include "session/run_list_model.h"
#include "session/solver_runner.h"

#include "report/chart_data.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QToolButton>

#include <cmath>

QString elapsedText(qint64 ms) { return durationText(static_cast<double>(ms) / 1000.0); }

SolveStatusWidget::SolveStatusWidget(ProjectDocument* document, QAction* cancelAction, QWidget* parent)
    : QWidget(parent)
    , m_doc(document)
    , m_bar(new QProgressBar)
    , m_details(new QLabel)
    , m_cancel(new QToolButton)
{
    m_bar->setRange(0, 1000);
    m_bar->setFormat(QStringLiteral("%p %"));
    m_bar->setFixedWidth(180);
    m_bar->setToolTip(tr("Fraction of the search space done"));
    m_details->setToolTip(tr("Best total cost found so far, time since the start, and the estimated time left"));
    m_cancel->setDefaultAction(cancelAction);
    m_cancel->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_cancel->setAutoRaise(true);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 4, 0);
    layout->setSpacing(8);
    layout->addWidget(m_details);
    layout->addWidget(m_bar);
    layout->addWidget(m_cancel);

    SolverRunner* runner = m_doc->runner();
    connect(runner, &SolverRunner::started, this, &SolveStatusWidget::onStarted);
    connect(runner, &SolverRunner::progressChanged, this,
            [this](quint64, const SolverProgress& progress) { onProgress(progress); });
    connect(runner, &SolverRunner::finished, this, &SolveStatusWidget::onIdle);
    connect(runner, &SolverRunner::discarded, this, &SolveStatusWidget::onIdle);
    connect(m_doc, &ProjectDocument::projectReset, this, &SolveStatusWidget::onIdle);
    connect(cancelAction, &QAction::triggered, this, &SolveStatusWidget::onStopping);
    setVisible(false);
}

QString SolveStatusWidget::detailsText() const { return m_details->text(); }

void SolveStatusWidget::onStarted()
{
    m_unit = m_doc->project().architecture.energyUnit;
    m_stopping = false;
    m_bar->setValue(0);
    m_details->setText(tr("Solving…"));
    setVisible(true);
}

void SolveStatusWidget::onProgress(const SolverProgress& progress)
{
    if (m_stopping)
        return; // the stop message stays until the run returns
    m_bar->setValue(static_cast<int>(std::lround(progress.fraction * 1000)));
    QStringList parts;
    if (!progress.stage.isEmpty())
        parts << progress.stage;
    parts << (progress.bestCost >= 0 ? tr("best %1").arg(toQString(kapla::formatEnergy(progress.bestCost, m_unit)))
                                     : tr("no schedule yet"));
    parts << tr("%1 elapsed").arg(elapsedText(progress.elapsedMs));
    parts << (progress.etaMs >= 0 ? tr("about %1 left").arg(elapsedText(progress.etaMs)) : tr("estimating…"));
    m_details->setText(parts.join(QStringLiteral(" · ")));
}

void SolveStatusWidget::onStopping()
{
    if (!m_doc->runner()->isRunning())
        return;
    m_stopping = true;
    m_details->setText(tr("Stopping: completing the best schedule found so far…"));
}

void SolveStatusWidget::onIdle()
{
    if (!m_doc->runner()->isRunning())
        setVisible(false);
}
