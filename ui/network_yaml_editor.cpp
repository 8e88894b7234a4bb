#include "network_yaml_editor.h"

#include "yaml_text_edit.h"

#include "session/file_text.h"
#include "session/project_document.h"

#include <QLabel>
#include <QRegularExpression>
#include <QScrollBar>
#include <QTextBlock>
#include <QVBoxLayout>

namespace {

// "  - {name: conv1, ..." or "  - name: conv1" (block style), under `layers:`.
const QRegularExpression& layerStart()
{
    static const QRegularExpression re(QStringLiteral("^\\s*-\\s*\\{?\\s*name:\\s*[\"']?([^,\"'}\\s]+)"));
    return re;
}

bool isTopLevelOrLayers(const QString& line)
{
    static const QRegularExpression re(QStringLiteral("^(\\S|\\s*layers:)"));
    return re.match(line).hasMatch();
}

} // namespace

NetworkYamlEditor::NetworkYamlEditor(ProjectDocument* document, QWidget* parent)
    : QWidget(parent)
    , m_doc(document)
    , m_edit(new YamlTextEdit)
    , m_status(new QLabel)
{
    m_edit->setToolTip(tr("The network as YAML (the file format of sample_projects/networks). Edits are checked "
                          "when you pause typing; valid text replaces the network as one undo step."));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setContentsMargins(4, 2, 4, 2);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_edit, 1);
    layout->addWidget(m_status);

    m_idle.setSingleShot(true);
    m_idle.setInterval(kIdleDelayMs);
    connect(&m_idle, &QTimer::timeout, this, &NetworkYamlEditor::applyNow);
    connect(m_edit, &QPlainTextEdit::textChanged, this, &NetworkYamlEditor::onTextChanged);
    connect(m_edit, &QPlainTextEdit::cursorPositionChanged, this, &NetworkYamlEditor::onCursorMoved);
    connect(m_doc, &ProjectDocument::networkChanged, this, [this] {
        if (!m_applying)
            reload();
    });
    connect(m_doc, &ProjectDocument::projectReset, this, &NetworkYamlEditor::reload);
    reload();
}

void NetworkYamlEditor::setStatus(const QString& text, bool error)
{
    m_status->setText(text);
    QPalette pal = palette();
    if (error)
        pal.setColor(QPalette::WindowText, QColor(0xc6, 0x28, 0x28));
    m_status->setPalette(pal);
}

QString NetworkYamlEditor::statusText() const { return m_status->text(); }

void NetworkYamlEditor::reload()
{
    m_idle.stop();
    const bool loaded = m_doc->hasProject();
    const bool valid = loaded && m_doc->isNetworkValid();
    const QString text = loaded ? networkYamlText(m_doc->project().network) : QString();
    if (text != m_edit->toPlainText()) {
        m_reloading = true;
        const int line = m_edit->textCursor().blockNumber();
        const int scroll = m_edit->verticalScrollBar()->value();
        m_edit->setPlainText(text);
        QTextCursor cursor(m_edit->document()->findBlockByNumber(std::min(line, m_edit->blockCount() - 1)));
        m_edit->setTextCursor(cursor);
        m_edit->verticalScrollBar()->setValue(scroll);
        m_reloading = false;
    }
    m_edit->setMarks({});
    m_edit->setReadOnly(!valid);
    if (!loaded)
        setStatus(QString(), false);
    else if (!valid)
        setStatus(tr("The layer table has problems (%1); fix them there. This text shows the last valid network "
                     "and is read-only meanwhile.")
                      .arg(m_doc->networkCheck().issues.size()),
                  true);
    else
        setStatus(tr("In sync with the layer table. Edits here are applied when you pause typing."), false);
    if (!m_cursorLayer.isEmpty())
        m_edit->setEntryLine(lineOfLayer(m_cursorLayer));
}

void NetworkYamlEditor::onTextChanged()
{
    if (m_reloading)
        return;
    m_idle.start();
    setStatus(tr("Editing…"), false);
}

bool NetworkYamlEditor::applyNow()
{
    m_idle.stop();
    if (!m_doc->hasProject())
        return false;
    const auto result = parseNetworkText(m_edit->toPlainText());
    if (!result) {
        std::vector<TextMark> marks;
        for (const auto& d : result.diagnostics()) {
            const QString message = QString::fromStdString(d.key.empty() ? d.message : d.key + ": " + d.message);
            if (d.location.line > 0)
                marks.push_back({d.location.line, d.location.column, message});
        }
        const auto& first = result.diagnostics().front();
        QString status = first.location.line > 0 ? tr("Line %1, column %2: %3")
                                                       .arg(first.location.line)
                                                       .arg(first.location.column)
                                                       .arg(QString::fromStdString(first.message))
                                                 : QString::fromStdString(first.message);
        if (result.diagnostics().size() > 1)
            status += tr(" (and %1 more; hover the marks)").arg(result.diagnostics().size() - 1);
        m_edit->setMarks(std::move(marks));
        setStatus(status, true);
        return false;
    }
    m_edit->setMarks({});
    if (result.value() == m_doc->project().network) {
        setStatus(tr("In sync with the layer table."), false);
        return true;
    }
    m_applying = true;
    m_doc->setNetwork(result.value());
    m_applying = false;
    setStatus(tr("Applied: %1 layers. Undo (Ctrl+Z) takes the change back.").arg(result->size()), false);
    return true;
}

int NetworkYamlEditor::lineOfLayer(const QString& name) const
{
    if (name.isEmpty())
        return -1;
    bool inLayers = false;
    for (QTextBlock block = m_edit->document()->begin(); block.isValid(); block = block.next()) {
        const QString text = block.text();
        if (text.trimmed().startsWith(QLatin1String("layers:"))) {
            inLayers = true;
            continue;
        }
        if (!inLayers)
            continue;
        const auto m = layerStart().match(text);
        if (m.hasMatch() && m.captured(1) == name)
            return block.blockNumber();
    }
    return -1;
}

QString NetworkYamlEditor::layerAtCursor() const
{
    for (QTextBlock block = m_edit->textCursor().block(); block.isValid(); block = block.previous()) {
        const QString text = block.text();
        if (const auto m = layerStart().match(text); m.hasMatch())
            return m.captured(1);
        if (isTopLevelOrLayers(text))
            return {};
    }
    return {};
}

bool NetworkYamlEditor::showLayer(const QString& name)
{
    const int line = lineOfLayer(name);
    m_cursorLayer = line >= 0 ? name : QString();
    m_edit->setEntryLine(line);
    if (line < 0)
        return false;
    const bool wasReloading = m_reloading;
    m_reloading = true; // a programmatic move: do not echo it back as an activation
    m_edit->setTextCursor(QTextCursor(m_edit->document()->findBlockByNumber(line)));
    m_edit->ensureCursorVisible();
    m_reloading = wasReloading;
    return true;
}

void NetworkYamlEditor::onCursorMoved()
{
    if (m_reloading)
        return;
    const QString name = layerAtCursor();
    m_edit->setEntryLine(lineOfLayer(name));
    if (name == m_cursorLayer)
        return;
    m_cursorLayer = name;
    Q_EMIT layerActivated(name);
}
