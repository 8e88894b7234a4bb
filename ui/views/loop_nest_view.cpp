#include "views/loop_nest_view.h"

#include "glossary_dialog.h"
#include "session/qt_text.h"
#include "session/selection_context.h"

#include "report/loop_nest.h"

#include <QCursor>
#include <QFontDatabase>
#include <QLineEdit>
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
        if (const auto term = termOfLink(link))
            showGlossary(window())->filter()->setText(toQString(std::string(kapla::termInfo(*term).name)));
    });
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_text);
    connect(m_selection, &SelectionContext::resultChanged, this, &LoopNestView::refresh);
    connect(m_selection, &SelectionContext::layerChanged, this, &LoopNestView::refresh);
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
    if (!result || layer < 0) {
        m_text->setHtml(tr("<p>Select a layer to see its loop nest.</p>"));
        return;
    }
    const kapla::LoopNest nest = kapla::loopNest(result->project(), result->architecture(), *result->evaluation, layer);
    const QString mono = QFontDatabase::systemFont(QFontDatabase::FixedFont).family().toHtmlEscaped();
    m_text->setHtml(QStringLiteral("<h3>%1</h3>"
                                   "<h4>Loop nest</h4><pre style=\"font-family:'%2'\">%3</pre>"
                                   "<h4>What happens</h4>%4"
                                   "<h4>Buffers</h4>%5"
                                   "<h4>Tensor-centric directives (KAPLA)</h4><pre style=\"font-family:'%2'\">%6</pre>")
                        .arg(QString::fromStdString(nest.title).toHtmlEscaped(), mono, lines(nest.code),
                             paragraphs(nest.explanation), paragraphs(nest.buffers), lines(nest.tensor)));
}
