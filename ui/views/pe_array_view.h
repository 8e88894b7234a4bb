#pragma once
// The selected layer step by step: the node region with the node in focus, the node's PE array
// coloured by what each PE holds under the mapping, and the filters, inputs and outputs as blocks with
// the tile the current step touches at DRAM, GBUF and REGF. A step/play control walks the loop nest
// (the walk's position and the picked loop live in the SelectionContext, so the loop nest follows).
// "Compare mappings" (on by default) solves the layer alone under the other mapping on a worker thread
// (same partition, region and buffers) and draws that mapping's own walk beside it, both with the
// layer's energy and cycles.

#include "model/phy_dim2.h"
#include "report/loop_walk.h"
#include "run/run.h"
#include "session/layer_remap_runner.h"

#include <QPoint>
#include <QWidget>

#include <optional>
#include <string>

class QCheckBox;
class QLabel;
class QSlider;
class QSpinBox;
class QTimer;
class QToolButton;
class SelectionContext;
class PeStepCanvas;

/// The PE array and tensor tiles of the selected layer at one step of its loop nest.
class PeArrayView : public QWidget
{
    Q_OBJECT

public:
    explicit PeArrayView(SelectionContext* selection, QWidget* parent = nullptr);

    /// The scheme of the layer shown, if any.
    const std::optional<kapla::LoopScheme>& scheme() const { return m_scheme; }
    /// The step drawn (valid when scheme() is).
    const kapla::LoopStep& step() const { return m_step; }
    /// The blocking level highlighted (0 DRAM, 1 GBUF, 2 REGF): the picked loop's, else the advanced one's.
    std::optional<std::size_t> highlightedLevel() const;
    /// The same layer solved under the other mapping, drawn when comparing (none while it is being
    /// solved or when the layer cannot be mapped that way).
    const std::optional<kapla::LoopScheme>& otherMapping() const { return m_other; }
    /// The other mapping's step at the same point of the layer's work (valid when otherMapping() is).
    const kapla::LoopStep& otherStep() const { return m_otherStep; }
    /// The mapping compared with, whether or not its solve has finished.
    kapla::MappingKind otherKind() const;
    /// Why the other mapping has no drawing: it is being solved, or the layer cannot be mapped that way.
    QString otherProblem() const;
    /// True while the layer is being solved under the other mapping.
    bool isSolvingOther() const { return m_remapRunner->isRunning(); }
    /// The node whose share the view shows: the selection's node, else the region's first node.
    kapla::PhyDim2 focusNode() const;
    /// What the focused node owns of the layer's tensors, e.g. "node (2,1): batch (N) 0-7, …".
    QString nodeCaption() const;
    /// Centre of a node of the region thumbnail in canvas coordinates (after a paint; none outside it).
    std::optional<QPoint> nodeCenter(kapla::PhyDim2 node) const;
    QWidget* canvas() const;
    SelectionContext* selection() const { return m_selection; }
    /// The unit of the energies shown (the run's).
    const std::string& energyUnit() const;
    QSlider* slider() const { return m_slider; }
    QCheckBox* compareBox() const { return m_compare; }
    QToolButton* playButton() const { return m_play; }
    QToolButton* stepButton() const { return m_forward; }

Q_SIGNALS:
    /// The other mapping's solve finished (otherMapping() or otherProblem() tells how).
    void otherMappingReady();

private:
    void refresh();
    void showStep();
    void advance();
    void onRemapped(const LayerRemapAnswerPtr& answer);

    SelectionContext* m_selection;
    PeStepCanvas* m_canvas = nullptr;
    QToolButton* m_reset = nullptr;
    QToolButton* m_back = nullptr;
    QToolButton* m_forward = nullptr;
    QToolButton* m_play = nullptr;
    QSlider* m_slider = nullptr;
    QLabel* m_position = nullptr;
    QSpinBox* m_speed = nullptr;
    QCheckBox* m_compare = nullptr;
    QTimer* m_timer = nullptr;
    LayerRemapRunner* m_remapRunner = nullptr;
    kapla::RunPtr m_run; ///< keeps what the schemes point into
    int m_layer = -2;
    std::optional<kapla::LoopScheme> m_scheme;
    LayerRemapAnswerPtr m_remap; ///< keeps what the other scheme points into
    std::optional<kapla::LoopScheme> m_other;
    kapla::LoopStep m_step;
    kapla::LoopStep m_otherStep;
};
