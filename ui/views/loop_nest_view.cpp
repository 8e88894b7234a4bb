#include "views/loop_nest_view.h"

#include "glossary_dialog.h"
#include "session/qt_text.h"
#include "session/selection_context.h"

#include "report/loop_walk.h"
#include "report/node_ranges.h"

#include <QCursor>
#include <QFontDatabase>
#include <QLineEdit>
#include <QScrollBar>
#include <QTextBrowser>
#include <QToolTip>
#include <QVBoxLayout>

#include <string>

namespace {

QString lines(const std::vector<std::string>& text)
{
    QStringList out;
    for (const auto& l : text)
        out << linkGlossaryTerms(QString::fromStdString(l).toHtmlEscaped());
    return out.join(QLatin1Char('\n'));
}

const QString kLoopScheme = QStringLiteral("loop");

// The code with each loop's "for …:" a link that picks it and the highlighted loop on a coloured band.
QString codeHtml(const kapla::LoopNest& nest, std::optional<std::size_t> highlight)
{
    QStringList out;
    for (std::size_t i = 0; i < nest.code.size(); ++i)
        out << linkGlossaryTerms(QString::fromStdString(nest.code[i]).toHtmlEscaped());
    for (std::size_t loop = 0; loop < nest.loopLines.size(); ++loop) {
        const QString line = QString::fromStdString(nest.code[nest.loopLines[loop]]);
        const qsizetype comment = line.indexOf(QStringLiteral("//"));
        const QString head = line.left(comment < 0 ? line.size() : comment);
        qsizetype indent = 0;
        while (indent < head.size() && head[indent] == QLatin1Char(' '))
            ++indent;
        const QString loopText = head.mid(indent).trimmed();
        const QString rest = line.mid(indent + loopText.size());
        QString html =
            head.left(indent)
            + QStringLiteral("<a href=\"%1:%2\">%3</a>").arg(kLoopScheme).arg(loop).arg(loopText.toHtmlEscaped())
            + linkGlossaryTerms(rest.toHtmlEscaped());
        if (highlight == loop)
            html = QStringLiteral("<span style=\"background-color:#ffd966\">%1</span>").arg(html);
        out[static_cast<qsizetype>(nest.loopLines[loop])] = html;
    }
    return out.join(QLatin1Char('\n'));
}

QString paragraphs(const std::vector<std::string>& text)
{
    QString out;
    for (const auto& l : text)
        out += QStringLiteral("<li>%1</li>").arg(linkGlossaryTerms(QString::fromStdString(l).toHtmlEscaped()));
    return QStringLiteral("<ul>%1</ul>").arg(out);
}

} // namespace

LoopNestView::LoopNestView(SelectionContext* selection, QWidget* parent)
    : QWidget(parent)
    , m_selection(selection)
{
    m_text = new QTextBrowser(this);
    m_text->setOpenLinks(false);
    // Terms are links: hovering one shows its glossary entry, clicking opens the glossary.
    m_text->document()->setDefaultStyleSheet(QStringLiteral("a { text-decoration: none; }"));
    connect(m_text, &QTextBrowser::highlighted, this, [this](const QUrl& link) {
        if (const auto term = termOfLink(link))
            QToolTip::showText(QCursor::pos(), toQString(kapla::termToolTip(*term)), m_text);
        else
            QToolTip::hideText();
    });
    connect(m_text, &QTextBrowser::anchorClicked, this, [this](const QUrl& link) {
        if (link.scheme() == kLoopScheme) {
            const int loop = link.path().toInt();
            m_selection->selectLoop(m_selection->loop() == loop ? -1 : loop);
            return;
        }
        if (const auto term = termOfLink(link))
            showGlossary(window())->filter()->setText(toQString(std::string(kapla::termInfo(*term).name)));
    });
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_text);
    connect(m_selection, &SelectionContext::resultChanged, this, &LoopNestView::refresh);
    connect(m_selection, &SelectionContext::layerChanged, this, &LoopNestView::refresh);
    connect(m_selection, &SelectionContext::loopStepChanged, this, &LoopNestView::render);
    connect(m_selection, &SelectionContext::loopChanged, this, &LoopNestView::render);
    connect(m_selection, &SelectionContext::nodeChanged, this, &LoopNestView::render);
    refresh();
}

QString LoopNestView::plainText() const { return m_text->toPlainText(); }

void LoopNestView::refresh()
{
    const auto& result = m_selection->result();
    const int layer = m_selection->layerIndex();
    if (layer == m_layer && result.get() == m_result)
        return;
    m_layer = layer;
    m_result = result.get();
    m_run = result;
    m_scheme.reset();
    m_nest = {};
    if (result && layer >= 0) {
        m_nest = kapla::loopNest(result->project(), result->architecture(), *result->evaluation, layer);
        m_scheme = kapla::loopScheme(result->project(), result->architecture(), *result->evaluation, layer);
    }
    render();
}

// Which node's share the nest is shown for: the loops are the same on every node of the region.
QString LoopNestView::nodeShareHtml() const
{
    const auto node = m_selection->focusNode();
    const std::string share = node && m_run ? kapla::describeNodeShare(*m_scheme, m_run->evaluation->batch, *node)
                                            : std::string();
    if (share.empty())
        return {};
    const QString shareHtml = linkGlossaryTerms(QString::fromStdString(share).toHtmlEscaped());
    const int nodes = m_scheme->evaluation->region.dim.size();
    if (nodes == 1)
        return tr("The layer runs on one node, %1.").arg(shareHtml);
    return tr("Each of the layer's %1 nodes runs this nest on its own share. In focus (click a node in the "
              "Allocation or PE array tab): %2.")
        .arg(nodes)
        .arg(shareHtml);
}

void LoopNestView::render()
{
    if (!m_scheme || m_nest.title.empty()) {
        m_highlight.reset();
        m_text->setHtml(tr("<p>Select a layer to see its loop nest.</p>"));
        return;
    }
    const int picked = m_selection->loop();
    m_highlight = picked >= 0 && static_cast<std::size_t>(picked) < m_nest.loopLines.size()
                    ? std::optional<std::size_t>(static_cast<std::size_t>(picked))
                    : kapla::walkStep(*m_scheme, m_selection->loopStep()).changed;
    const kapla::LoopNest& nest = m_nest;
    const int scroll = m_text->verticalScrollBar()->value();
    const QString mono = QFontDatabase::systemFont(QFontDatabase::FixedFont).family().toHtmlEscaped();
    m_text->setHtml(QStringLiteral("<h3>%1</h3><p>%7</p>"
                                   "<h4>Loop nest</h4><pre style=\"font-family:'%2'\">%3</pre>"
                                   "<h4>What happens</h4>%4"
                                   "<h4>Buffers</h4>%5"
                                   "<h4>Tensor-centric directives (KAPLA)</h4><pre style=\"font-family:'%2'\">%6</pre>")
                        .arg(QString::fromStdString(nest.title).toHtmlEscaped(), mono, codeHtml(nest, m_highlight),
                             paragraphs(nest.explanation), paragraphs(nest.buffers), lines(nest.tensor),
                             nodeShareHtml()));
    m_text->verticalScrollBar()->setValue(scroll);
}
