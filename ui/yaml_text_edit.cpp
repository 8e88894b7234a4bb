#include "yaml_text_edit.h"

#include <QFontDatabase>
#include <QHelpEvent>
#include <QPainter>
#include <QRegularExpression>
#include <QSyntaxHighlighter>
#include <QTextBlock>
#include <QToolTip>

#include <optional>

namespace {

const QColor kErrorColor(0xd3, 0x2f, 0x2f);

// Keys, comments, numbers and quoted strings, enough to read a network file at a glance. The colours
// follow the editor's background: the dark ones that read well on white are illegible on a dark theme.
class YamlHighlighter : public QSyntaxHighlighter
{
public:
    YamlHighlighter(QTextDocument* doc, QWidget* editor)
        : QSyntaxHighlighter(doc)
        , m_editor(editor)
    {
        m_comment.setFontItalic(true);
        pickColours();
        editor->installEventFilter(this);
    }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::PaletteChange && pickColours())
            rehighlight();
        return QSyntaxHighlighter::eventFilter(watched, event);
    }

    void highlightBlock(const QString& text) override
    {
        static const QRegularExpression key(QStringLiteral("([A-Za-z_][A-Za-z0-9_]*)\\s*:(?=\\s|$)"));
        static const QRegularExpression number(
            QStringLiteral("(?<![A-Za-z_0-9.])-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?(?![A-Za-z_0-9])"));
        static const QRegularExpression quoted(QStringLiteral("\"[^\"]*\"|'[^']*'"));
        for (auto it = number.globalMatch(text); it.hasNext();) {
            const auto m = it.next();
            setFormat(static_cast<int>(m.capturedStart()), static_cast<int>(m.capturedLength()), m_number);
        }
        for (auto it = key.globalMatch(text); it.hasNext();) {
            const auto m = it.next();
            setFormat(static_cast<int>(m.capturedStart(1)), static_cast<int>(m.capturedLength(1)), m_key);
        }
        for (auto it = quoted.globalMatch(text); it.hasNext();) {
            const auto m = it.next();
            setFormat(static_cast<int>(m.capturedStart()), static_cast<int>(m.capturedLength()), m_string);
        }
        const int hash = static_cast<int>(text.indexOf(QRegularExpression(QStringLiteral("(^|\\s)#"))));
        if (hash >= 0)
            setFormat(hash, static_cast<int>(text.size()) - hash, m_comment);
    }

private:
    /// True if the colours changed.
    bool pickColours()
    {
        const bool dark = m_editor->palette().color(QPalette::Base).lightness() < 128;
        if (m_dark && *m_dark == dark)
            return false;
        m_dark = dark;
        m_key.setForeground(dark ? QColor(0x6c, 0xb0, 0xf5) : QColor(0x1f, 0x5f, 0xa8));
        m_number.setForeground(dark ? QColor(0xc8, 0x9f, 0xf2) : QColor(0x8e, 0x44, 0xad));
        m_string.setForeground(dark ? QColor(0x86, 0xd0, 0x8c) : QColor(0x2e, 0x7d, 0x32));
        m_comment.setForeground(dark ? QColor(0x92, 0x97, 0x9f) : QColor(0x80, 0x80, 0x80));
        return true;
    }

    QWidget* m_editor;
    std::optional<bool> m_dark;
    QTextCharFormat m_key;
    QTextCharFormat m_number;
    QTextCharFormat m_string;
    QTextCharFormat m_comment;
};

class LineNumberArea : public QWidget
{
public:
    explicit LineNumberArea(YamlTextEdit* editor)
        : QWidget(editor)
        , m_editor(editor)
    {
    }
    QSize sizeHint() const override { return {m_editor->lineNumberAreaWidth(), 0}; }

protected:
    void paintEvent(QPaintEvent* event) override { m_editor->paintLineNumbers(event); }

private:
    YamlTextEdit* m_editor;
};

} // namespace

YamlTextEdit::YamlTextEdit(QWidget* parent)
    : QPlainTextEdit(parent)
    , m_lineNumbers(new LineNumberArea(this))
{
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    mono.setStyleHint(QFont::Monospace);
    setFont(mono);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setTabChangesFocus(false);
    setTabStopDistance(fontMetrics().horizontalAdvance(QLatin1Char(' ')) * 2);
    new YamlHighlighter(document(), this);
    connect(this, &QPlainTextEdit::blockCountChanged, this,
            [this] { setViewportMargins(lineNumberAreaWidth(), 0, 0, 0); });
    connect(this, &QPlainTextEdit::updateRequest, this, &YamlTextEdit::updateLineNumberArea);
    setViewportMargins(lineNumberAreaWidth(), 0, 0, 0);
}

int YamlTextEdit::lineNumberAreaWidth() const
{
    const int digits = std::max(3, static_cast<int>(QString::number(std::max(1, blockCount())).size()));
    return 12 + fontMetrics().horizontalAdvance(QLatin1Char('9')) * digits;
}

void YamlTextEdit::updateLineNumberArea(const QRect& rect, int dy)
{
    if (dy != 0)
        m_lineNumbers->scroll(0, dy);
    else
        m_lineNumbers->update(0, rect.y(), m_lineNumbers->width(), rect.height());
}

void YamlTextEdit::resizeEvent(QResizeEvent* event)
{
    QPlainTextEdit::resizeEvent(event);
    const QRect cr = contentsRect();
    m_lineNumbers->setGeometry(QRect(cr.left(), cr.top(), lineNumberAreaWidth(), cr.height()));
}

void YamlTextEdit::paintLineNumbers(QPaintEvent* event)
{
    QPainter painter(m_lineNumbers);
    painter.fillRect(event->rect(), palette().color(QPalette::AlternateBase));
    std::vector<int> markedLines;
    for (const auto& m : m_marks)
        markedLines.push_back(m.line - 1);
    QTextBlock block = firstVisibleBlock();
    int top = qRound(blockBoundingGeometry(block).translated(contentOffset()).top());
    const int width = m_lineNumbers->width() - 6;
    while (block.isValid() && top <= event->rect().bottom()) {
        const int height = qRound(blockBoundingRect(block).height());
        if (block.isVisible() && top + height >= event->rect().top()) {
            const bool marked = std::find(markedLines.begin(), markedLines.end(), block.blockNumber())
                             != markedLines.end();
            painter.setPen(marked ? kErrorColor : palette().color(QPalette::PlaceholderText));
            QFont f = font();
            f.setBold(marked);
            painter.setFont(f);
            painter.drawText(0, top, width, height, Qt::AlignRight | Qt::AlignVCenter,
                             QString::number(block.blockNumber() + 1));
        }
        block = block.next();
        top += height;
    }
}

void YamlTextEdit::setMarks(std::vector<TextMark> marks)
{
    m_marks = std::move(marks);
    updateSelections();
    m_lineNumbers->update();
}

void YamlTextEdit::setEntryLine(int block)
{
    if (block == m_entryLine)
        return;
    m_entryLine = block;
    updateSelections();
}

std::pair<int, int> YamlTextEdit::markRange(const TextMark& mark) const
{
    const QTextBlock block = document()->findBlockByNumber(std::max(0, mark.line - 1));
    const QString text = block.text();
    if (mark.column <= 0 || mark.column > text.size())
        return {block.position(), std::max<int>(1, static_cast<int>(text.size()))};
    int start = mark.column - 1;
    int end = start;
    static const QString stops = QStringLiteral(" ,}]\t");
    while (end < text.size() && !stops.contains(text.at(end)))
        ++end;
    return {block.position() + start, std::max(1, end - start)};
}

QString YamlTextEdit::markMessageAt(int position) const
{
    // The whole marked line answers, not just the underlined token: easier to hit with the mouse.
    const int line = document()->findBlock(position).blockNumber() + 1;
    QStringList messages;
    for (const auto& mark : m_marks)
        if (mark.line == line)
            messages << mark.message;
    return messages.join(QLatin1Char('\n'));
}

void YamlTextEdit::updateSelections()
{
    QList<QTextEdit::ExtraSelection> selections;
    if (m_entryLine >= 0) {
        QTextEdit::ExtraSelection entry;
        QColor tint = palette().color(QPalette::Highlight);
        tint.setAlpha(40);
        entry.format.setBackground(tint);
        entry.format.setProperty(QTextFormat::FullWidthSelection, true);
        entry.cursor = QTextCursor(document()->findBlockByNumber(m_entryLine));
        selections.append(entry);
    }
    for (const auto& mark : m_marks) {
        QTextEdit::ExtraSelection line;
        QColor tint = kErrorColor;
        tint.setAlpha(28);
        line.format.setBackground(tint);
        line.format.setProperty(QTextFormat::FullWidthSelection, true);
        line.cursor = QTextCursor(document()->findBlockByNumber(std::max(0, mark.line - 1)));
        selections.append(line);

        QTextEdit::ExtraSelection word;
        word.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        word.format.setUnderlineColor(kErrorColor);
        word.format.setToolTip(mark.message);
        const auto [start, length] = markRange(mark);
        word.cursor = QTextCursor(document());
        word.cursor.setPosition(start);
        word.cursor.setPosition(start + length, QTextCursor::KeepAnchor);
        selections.append(word);
    }
    setExtraSelections(selections);
}

bool YamlTextEdit::viewportEvent(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto* help = static_cast<QHelpEvent*>(event);
        const QString message = markMessageAt(cursorForPosition(help->pos()).position());
        if (message.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), message, viewport());
        return true;
    }
    return QPlainTextEdit::viewportEvent(event);
}
