#include "session/live_solve.h"

#include "session/project_document.h"
#include "session/run_list_model.h"

#include "solve/kapla/kapla_memo.h"
#include "solve/kapla_solver.h"

#include <QUndoStack>

LiveSolve::LiveSolve(ProjectDocument* document)
    : QObject(document)
    , m_document(document)
    , m_runner(new SolverRunner(this))
    , m_memo(std::make_shared<kapla::KaplaMemo>())
{
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(kDebounceMs);
    connect(&m_debounce, &QTimer::timeout, this, &LiveSolve::start);
    m_runner->setSolveFunction([memo = m_memo](const kapla::Project& project, const kapla::SolveSettings& settings,
                                               std::stop_token stop, const kapla::ProgressCallback& progress) {
        return kapla::solve(project, settings, std::move(stop), progress, memo.get());
    });
    // Every undoable edit (and its undo and redo) moves the stack's index.
    connect(document->undoStack(), &QUndoStack::indexChanged, this, &LiveSolve::schedule);
    connect(document, &ProjectDocument::projectReset, this, [this] {
        m_runner->abandon();
        m_debounce.stop();
        m_lastSolved.reset();
        m_solving.reset();
        m_document->runs()->endLiveSolve();
        schedule();
    });
    connect(m_runner, &SolverRunner::finished, this, &LiveSolve::onFinished);
    connect(m_runner, &SolverRunner::progressChanged, this, [this](quint64, const SolverProgress& progress) {
        if (m_solving) // a report that arrives after the result is stale
            m_document->runs()->updateLiveProgress(progress.fraction);
    });
}

LiveSolve::~LiveSolve() = default;

void LiveSolve::setEnabled(bool enabled)
{
    if (enabled == m_enabled)
        return;
    m_enabled = enabled;
    if (enabled) {
        schedule();
    } else {
        m_debounce.stop();
        m_runner->abandon();
        m_lastSolved.reset();
        m_solving.reset();
        m_document->runs()->endLiveSolve();
    }
    Q_EMIT enabledChanged(enabled);
}

void LiveSolve::schedule()
{
    if (m_enabled)
        m_debounce.start();
}

void LiveSolve::start()
{
    const auto& resolved = m_document->resolved();
    if (!m_document->hasProject() || !m_document->isNetworkValid() || !resolved)
        return;
    kapla::Options options = m_document->project().options;
    options.solver = kapla::SolverKind::Kapla;
    kapla::ResolvedProject snapshot = resolved->withOptions(options);
    // An undoable step that leaves the project as it was last solved (a run renamed) needs no solve.
    if (m_lastSolved == snapshot.project())
        return;
    m_lastSolved = snapshot.project();
    m_runner->start(snapshot.project(), kapla::settingsFromOptions(options));
    m_document->runs()->startLiveSolve(snapshot);
    m_solving = std::move(snapshot);
}

void LiveSolve::onFinished(quint64, const SolveResultPtr& result)
{
    if (!m_solving || !result)
        return;
    const int id = m_document->runs()->setLiveRun(std::move(*m_solving), result);
    m_solving.reset();
    Q_EMIT solved(id);
}
