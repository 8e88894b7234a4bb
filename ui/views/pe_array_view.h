#pragma once
// The selected layer step by step: the node region with the node in focus, the node's PE array
// coloured by what each PE holds under the mapping, and the filters, inputs and outputs as blocks with
// the tile the current step touches at DRAM, GBUF and REGF. A step/play control walks the loop nest
// (the walk's position and the picked loop live in the SelectionContext, so the loop nest follows).
// "Compare mappings" (on by default) draws the same pass under the other mapping's PE arrangement beside it.

#include "report/loop_walk.h"
#include "run/run.h"

#include <QWidget>

#include <optional>

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
    /// The same layer under the other mapping, drawn when comparing.
    const std::optional<kapla::LoopScheme>& otherMapping() const { return m_other; }
    QSlider* slider() const { return m_slider; }
    QCheckBox* compareBox() const { return m_compare; }
    QToolButton* playButton() const { return m_play; }
    QToolButton* stepButton() const { return m_forward; }

private:
    void refresh();
    void showStep();
    void advance();

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
    kapla::RunPtr m_run; ///< keeps what the schemes point into
    int m_layer = -2;
    std::optional<kapla::LoopScheme> m_scheme;
    std::optional<kapla::LoopScheme> m_other;
    kapla::LoopStep m_step;
};
