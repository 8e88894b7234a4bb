#pragma once
// Solves one layer of a result under the other PE-array mapping on a worker thread, so the window
// stays responsive while the loop-blocking search runs. A newer request supersedes an older one: only
// the latest request's answer is delivered.

#include "report/layer_remap.h"
#include "run/run.h"

#include <QObject>
#include <QThreadPool>

#include <memory>

/// The answer to one request: the run and layer asked about, and the layer under the other mapping.
struct LayerRemapAnswer {
    kapla::RunPtr run;
    int layer = -1;
    kapla::RemappedLayer remapped;
};
using LayerRemapAnswerPtr = std::shared_ptr<const LayerRemapAnswer>;

/// Runs kapla::solveLayerUnderMapping off the GUI thread. The destructor waits for a running search.
class LayerRemapRunner : public QObject
{
    Q_OBJECT

public:
    explicit LayerRemapRunner(QObject* parent = nullptr);
    ~LayerRemapRunner() override;

    /// Solves `run`'s layer `layer` under `kind`; the answer of an earlier request is dropped.
    void start(kapla::RunPtr run, int layer, kapla::MappingKind kind);
    /// Drops the answer of the running request, if any.
    void abandon()
    {
        ++m_latest;
        m_running = false;
    }
    /// True while the latest request has not been answered.
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    void finished(const LayerRemapAnswerPtr& answer);

private:
    QThreadPool m_pool;
    quint64 m_latest = 0;
    bool m_running = false;
};
