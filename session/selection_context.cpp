#include "session/selection_context.h"

#include "report/chart_data.h"

#include <QStringList>

#include <algorithm>

SelectionContext::SelectionContext(QObject* parent)
    : QObject(parent)
{
}

QString SelectionContext::pathOf(int segment, const QString& layer, const QString& key)
{
    QString path = QStringLiteral("s%1").arg(segment + 1);
    if (!layer.isEmpty())
        path += QLatin1Char('/') + layer;
    if (!layer.isEmpty() && !key.isEmpty())
        path += QLatin1Char('/') + key;
    return path;
}

void SelectionContext::setResult(kapla::RunPtr result, int runId)
{
    // The views draw a schedule's evaluation: a run without one shows as no result.
    if (result && !result->hasResult())
        result.reset();
    m_runId = result ? runId : 0;
    m_result = std::move(result);
    m_segment = -1;
    m_layerIndex = -1;
    m_layer.clear();
    m_directive.clear();
    m_loopStep = 0;
    m_loop = -1;
    m_node.reset();
    Q_EMIT resultChanged();
    if (m_result && !m_result->evaluation->layers.empty())
        apply(m_result->evaluation->layers.front().segment, 0, {});
    else
        Q_EMIT selectionChanged();
}

void SelectionContext::selectRun(int runId)
{
    if (runId != this->runId())
        Q_EMIT runRequested(runId);
}

void SelectionContext::selectLayer(const QString& layer)
{
    if (!m_result)
        return;
    selectLayerIndex(kapla::layerIndex(*m_result->evaluation, layer.toStdString()));
}

void SelectionContext::selectLayerIndex(int index)
{
    if (!m_result || index < 0 || index >= static_cast<int>(m_result->evaluation->layers.size()))
        return;
    const auto& l = m_result->evaluation->layers[static_cast<std::size_t>(index)];
    apply(l.segment, index, pathOf(l.segment, QString::fromStdString(l.name)));
}

void SelectionContext::selectSegment(int segment)
{
    if (!m_result || segment < 0 || segment >= static_cast<int>(m_result->evaluation->segments.size()))
        return;
    apply(segment, layerInSegment(segment), pathOf(segment));
}

int SelectionContext::layerInSegment(int segment) const
{
    const auto& layers = m_result->evaluation->layers;
    if (m_layerIndex >= 0 && layers[static_cast<std::size_t>(m_layerIndex)].segment == segment)
        return m_layerIndex;
    for (std::size_t i = 0; i < layers.size(); ++i)
        if (layers[i].segment == segment)
            return static_cast<int>(i);
    return -1;
}

void SelectionContext::selectDirective(const QString& path)
{
    if (!m_result)
        return;
    const QStringList parts = path.split(QLatin1Char('/'));
    bool ok = false;
    const int segment = parts.front().startsWith(QLatin1Char('s')) ? parts.front().mid(1).toInt(&ok) - 1 : -1;
    if (!ok || segment < 0 || segment >= static_cast<int>(m_result->evaluation->segments.size())) {
        apply(m_segment, m_layerIndex, path); // the network root or an unknown path: keep the layer
        return;
    }
    int index = -1;
    // Layer names may contain '/': take the longest prefix that names a layer.
    for (qsizetype n = parts.size() - 1; n >= 1 && index < 0; --n)
        index = kapla::layerIndex(*m_result->evaluation, parts.mid(1, n).join(QLatin1Char('/')).toStdString());
    apply(segment, index >= 0 ? index : layerInSegment(segment), path);
}

void SelectionContext::apply(int segment, int layerIndex, const QString& directive)
{
    const QString layer = m_result && layerIndex >= 0 ? QString::fromStdString(
                              m_result->evaluation->layers[static_cast<std::size_t>(layerIndex)].name)
                                                      : QString();
    const QString path = directive.isEmpty() && layerIndex >= 0 ? pathOf(segment, layer) : directive;
    const bool segmentMoved = segment != m_segment;
    const bool layerMoved = layerIndex != m_layerIndex;
    const bool directiveMoved = path != m_directive;
    m_segment = segment;
    m_layerIndex = layerIndex;
    m_layer = layer;
    m_directive = path;
    if (layerMoved) {
        // A loop step, loop or node belongs to one layer.
        m_loopStep = 0;
        m_loop = -1;
        m_node.reset();
    }
    if (segmentMoved)
        Q_EMIT segmentChanged(segment);
    if (layerMoved)
        Q_EMIT layerChanged(layer);
    if (directiveMoved)
        Q_EMIT directiveChanged(path);
    if (segmentMoved || layerMoved || directiveMoved)
        Q_EMIT selectionChanged();
}

void SelectionContext::selectLoopStep(qint64 step)
{
    step = std::max<qint64>(0, step);
    if (step == m_loopStep)
        return;
    m_loopStep = step;
    Q_EMIT loopStepChanged(step);
}

void SelectionContext::selectLoop(int loop)
{
    loop = std::max(-1, loop);
    if (loop == m_loop)
        return;
    m_loop = loop;
    Q_EMIT loopChanged(loop);
}

std::optional<kapla::PhyDim2> SelectionContext::focusNode() const
{
    if (m_node)
        return m_node;
    if (!m_result || m_layerIndex < 0)
        return std::nullopt;
    return m_result->evaluation->layers[static_cast<std::size_t>(m_layerIndex)].region.rel2abs({0, 0});
}

void SelectionContext::selectNode(kapla::PhyDim2 node)
{
    if (!m_result || m_layerIndex < 0 || m_node == node)
        return;
    if (!m_result->evaluation->layers[static_cast<std::size_t>(m_layerIndex)].region.contains(node))
        return;
    m_node = node;
    Q_EMIT nodeChanged();
}
