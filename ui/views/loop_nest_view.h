#pragma once
// The selected layer's schedule as a readable loop nest with a plain-language explanation (teaching).

#include "report/loop_nest.h"
#include "report/loop_scheme.h"
#include "run/run.h"

#include <QWidget>

#include <cstddef>
#include <optional>

class QTextBrowser;
class SelectionContext;

/// Loop nest, buffers, explanation and KAPLA's tensor-centric directives of the selected layer. The
/// loop the selection picked, or else the loop that advanced at the walk's current step, is
/// highlighted; clicking a loop's "for" picks it.
class LoopNestView : public QWidget
{
    Q_OBJECT

public:
    explicit LoopNestView(SelectionContext* selection, QWidget* parent = nullptr);

    /// The plain text shown (title, loop nest, buffers, explanation, tensor directives).
    QString plainText() const;
    /// The layer shown (-1 none).
    int shownLayer() const { return m_layer; }
    /// The highlighted loop (LoopScheme::loops() index), if any.
    std::optional<std::size_t> highlightedLoop() const { return m_highlight; }
    /// The text browser (its "loop:N" links pick loops).
    QTextBrowser* browser() const { return m_text; }

private:
    void refresh();
    void render();
    QString nodeShareHtml() const;

    SelectionContext* m_selection;
    QTextBrowser* m_text = nullptr;
    int m_layer = -2;
    const void* m_result = nullptr;
    kapla::RunPtr m_run; ///< keeps what m_scheme points into
    kapla::LoopNest m_nest;
    std::optional<kapla::LoopScheme> m_scheme;
    std::optional<std::size_t> m_highlight;
};
