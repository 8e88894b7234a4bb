#pragma once
// The one selection shared by the result views: current run (result), segment, layer and directive.

#include "model/phy_dim2.h"
#include "run/run.h"

#include <QObject>
#include <QString>

#include <optional>

/// Views observe it and request changes through it; they never know each other. A directive path
/// is "s<segment>" (1-based), "s<segment>/<layer>" or "s<segment>/<layer>/<directive key>", or
/// "network" for the root.
class SelectionContext : public QObject
{
    Q_OBJECT

public:
    explicit SelectionContext(QObject* parent = nullptr);

    /// Shows another run's result (or none; a run without an evaluated schedule shows none); selects
    /// its first layer. `runId` is its id in the runs list (0: not listed). Emits resultChanged() then the rest.
    void setResult(kapla::RunPtr result, int runId = 0);
    const kapla::RunPtr& result() const { return m_result; }
    /// The run of the current result, 0 without one.
    int runId() const { return m_runId; }
    /// 0-based segment, -1 without a selection.
    int segment() const { return m_segment; }
    /// The selected layer's name, empty without one.
    const QString& layer() const { return m_layer; }
    /// Index of the selected layer in the evaluation's layers, -1 without one.
    int layerIndex() const { return m_layerIndex; }
    const QString& directive() const { return m_directive; }
    /// The step of the selected layer's loop nest being walked (0 with a new layer or result).
    qint64 loopStep() const { return m_loopStep; }
    /// The loop of the nest picked for a closer look (LoopScheme::loops() index), -1 without one.
    int loop() const { return m_loop; }
    /// The node of the selected layer's region in focus (absolute mesh coordinate), none without one.
    const std::optional<kapla::PhyDim2>& node() const { return m_node; }
    /// The node whose share the views explain: the focused node, else the first node of the selected
    /// layer's region; none without a layer.
    std::optional<kapla::PhyDim2> focusNode() const;

    /// The path of a segment (0-based) or of a layer in it, optionally with a directive key.
    static QString pathOf(int segment, const QString& layer = {}, const QString& key = {});

public Q_SLOTS:
    /// Asks the host to show another run (it answers with setResult()).
    void selectRun(int runId);
    /// Selects a layer of the current result by name and its segment; unknown names are ignored.
    void selectLayer(const QString& layer);
    /// Selects a layer by its index in the evaluation.
    void selectLayerIndex(int index);
    /// Selects a segment (0-based) and keeps the layer if it is in it, else its first layer.
    void selectSegment(int segment);
    /// Selects a directive path; its segment and layer follow.
    void selectDirective(const QString& path);
    /// Moves the walk of the selected layer's loop nest to a step (negative steps are 0).
    void selectLoopStep(qint64 step);
    /// Picks a loop of the selected layer's nest (-1: none).
    void selectLoop(int loop);
    /// Focuses a node of the selected layer's region (the layer stays selected); other nodes are ignored.
    void selectNode(kapla::PhyDim2 node);

Q_SIGNALS:
    void runRequested(int runId);
    void resultChanged();
    void segmentChanged(int segment);
    void layerChanged(const QString& layer);
    void directiveChanged(const QString& path);
    /// After any of the above changes (once per request).
    void selectionChanged();
    /// The walk of the nest moved (a play control emits it many times a second, so it stays out of
    /// selectionChanged()); a new layer or result resets it without this signal.
    void loopStepChanged(qint64 step);
    /// Another loop was picked; a new layer or result resets it without this signal.
    void loopChanged(int loop);
    /// Another node was focused; a new layer or result resets it without this signal.
    void nodeChanged();

private:
    void apply(int segment, int layerIndex, const QString& directive);
    int layerInSegment(int segment) const;

    kapla::RunPtr m_result;
    int m_runId = 0;
    int m_segment = -1;
    int m_layerIndex = -1;
    QString m_layer;
    QString m_directive;
    qint64 m_loopStep = 0;
    int m_loop = -1;
    std::optional<kapla::PhyDim2> m_node;
};
