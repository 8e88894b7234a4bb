#include "session/layer_remap_runner.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

#include <exception>
#include <string>

LayerRemapRunner::LayerRemapRunner(QObject* parent)
    : QObject(parent)
{
    m_pool.setMaxThreadCount(1);
}

LayerRemapRunner::~LayerRemapRunner() { m_pool.waitForDone(); }

void LayerRemapRunner::start(kapla::RunPtr run, int layer, kapla::MappingKind kind)
{
    const quint64 request = ++m_latest;
    m_running = true;
    auto* watcher = new QFutureWatcher<LayerRemapAnswerPtr>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, request] {
        watcher->deleteLater();
        if (request != m_latest)
            return;
        m_running = false;
        Q_EMIT finished(watcher->result());
    });
    auto work = [run = std::move(run), layer, kind]() -> LayerRemapAnswerPtr {
        auto answer = std::make_shared<LayerRemapAnswer>();
        answer->run = run;
        answer->layer = layer;
        answer->remapped.mapping = kind;
        try {
            if (run && run->evaluation)
                answer->remapped = kapla::solveLayerUnderMapping(run->project(), run->architecture(), *run->evaluation,
                                                                 layer, kind);
            else
                answer->remapped.problem = "the run has no evaluated schedule";
        } catch (const std::exception& e) {
            answer->remapped.problem = std::string{"internal error: "}.append(e.what());
        }
        return answer;
    };
    watcher->setFuture(QtConcurrent::run(&m_pool, std::move(work)));
}
