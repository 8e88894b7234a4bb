#pragma once
// The selected layer's schedule as a readable loop nest with a plain-language explanation (teaching).

#include <QWidget>

class QTextBrowser;
class SelectionContext;

/// Loop nest, buffers, explanation and KAPLA's tensor-centric directives of the selected layer.
class LoopNestView : public QWidget
{
    Q_OBJECT

public:
    explicit LoopNestView(SelectionContext* selection, QWidget* parent = nullptr);

    /// The plain text shown (title, loop nest, buffers, explanation, tensor directives).
    QString plainText() const;
    /// The layer shown (-1 none).
    int shownLayer() const { return m_layer; }

private:
    void refresh();

    SelectionContext* m_selection;
    QTextBrowser* m_text = nullptr;
    int m_layer = -2;
    const void* m_result = nullptr;
};
