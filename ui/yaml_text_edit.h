#pragma once
// A plain-text editor for YAML: monospace, line numbers, light syntax colouring, error marks with
// tooltips, and a highlighted "current entry" line.

#include <QPlainTextEdit>

#include <vector>

/// A problem to underline: 1-based line and column (column 0 marks the whole line).
struct TextMark {
    int line = 0;
    int column = 0;
    QString message;
};

class YamlTextEdit : public QPlainTextEdit
{
    Q_OBJECT

public:
    explicit YamlTextEdit(QWidget* parent = nullptr);

    /// Underlines each mark (wavy red, from its column to the end of the token) and tints its line.
    void setMarks(std::vector<TextMark> marks);
    const std::vector<TextMark>& marks() const { return m_marks; }
    /// The message of the mark at a document position, or empty.
    QString markMessageAt(int position) const;
    /// Tints one line (0-based block number; -1 for none) as the current entry.
    void setEntryLine(int block);
    int entryLine() const { return m_entryLine; }

    int lineNumberAreaWidth() const;
    void paintLineNumbers(QPaintEvent* event);

protected:
    void resizeEvent(QResizeEvent* event) override;
    bool viewportEvent(QEvent* event) override;

private:
    void updateSelections();
    void updateLineNumberArea(const QRect& rect, int dy);
    /// Document range [start, start + length) a mark underlines.
    std::pair<int, int> markRange(const TextMark& mark) const;

    QWidget* m_lineNumbers;
    std::vector<TextMark> m_marks;
    int m_entryLine = -1;
};
