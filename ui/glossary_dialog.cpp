#include "glossary_dialog.h"

#include "session/qt_text.h"

#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QTableWidget>
#include <QUrl>
#include <QVBoxLayout>

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

QString text(std::string_view s) { return toQString(std::string(s)); }

// The words that stand for a term in generated text: its label ("batch (N)"), its symbol when it is
// distinctive (GBUF, NoC), its name when that is not an everyday word, and KAPLA's directive names.
std::vector<std::pair<QString, kapla::Term>> termWords()
{
    using kapla::Term;
    std::vector<std::pair<QString, Term>> out;
    for (const kapla::TermInfo& t : kapla::glossary()) {
        if (t.symbol.size() >= 2 && t.symbol.find('/') == std::string_view::npos)
            out.emplace_back(text(t.symbol), t.term);
        if (!t.symbol.empty() && t.symbol.size() == 1)
            out.emplace_back(toQString(kapla::termLabel(t.term)), t.term);
    }
    for (const Term t : {Term::Dram, Term::RowStationary, Term::Systolic, Term::BatchGroups, Term::BufferSharing,
                         Term::Stack, Term::Update})
        out.emplace_back(text(kapla::termInfo(t).name), t);
    for (const char* w : {"tensor_w", "tensor_i", "tensor_o"})
        out.emplace_back(QLatin1String(w), Term::TensorBlock);
    out.emplace_back(QStringLiteral("words"), Term::Word);
    // Longest first, so that where two words start at the same place the longer one is linked.
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
    return out;
}

} // namespace

GlossaryDialog::GlossaryDialog(QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Glossary"));
    setObjectName(QStringLiteral("glossary"));
    m_filter = new QLineEdit(this);
    m_filter->setPlaceholderText(tr("Find a term, symbol or nn_dataflow name"));
    m_filter->setClearButtonEnabled(true);
    const auto terms = kapla::glossary();
    m_table = new QTableWidget(static_cast<int>(terms.size()), 4, this);
    m_table->setHorizontalHeaderLabels({tr("Term"), tr("Symbol"), tr("Meaning"), tr("nn_dataflow")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(true);
    m_table->verticalHeader()->hide();
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const kapla::TermInfo& t = terms[static_cast<std::size_t>(row)];
        const QString tip = toQString(kapla::termToolTip(t.term));
        const QString cells[] = {text(t.name), text(t.symbol), text(t.meaning), text(t.nnDataflow)};
        for (int c = 0; c < 4; ++c) {
            auto* item = new QTableWidgetItem(cells[c]);
            item->setToolTip(tip);
            m_table->setItem(row, c, item);
        }
    }
    m_table->resizeColumnToContents(0);
    m_table->resizeColumnToContents(1);
    m_table->resizeColumnToContents(3);
    m_table->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    m_table->resizeRowsToContents();

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("The words the views, figures and the command line use, and what nn_dataflow "
                                    "calls them. The same text is the tooltip wherever a term appears."),
                                 this));
    layout->addWidget(m_filter);
    layout->addWidget(m_table, 1);
    resize(900, 620);
    connect(m_filter, &QLineEdit::textChanged, this, &GlossaryDialog::applyFilter);
}

void GlossaryDialog::applyFilter(const QString& needle)
{
    for (int row = 0; row < m_table->rowCount(); ++row) {
        bool match = needle.isEmpty();
        for (int c = 0; c < m_table->columnCount() && !match; ++c)
            match = m_table->item(row, c)->text().contains(needle, Qt::CaseInsensitive);
        m_table->setRowHidden(row, !match);
    }
}

GlossaryDialog* showGlossary(QWidget* parent)
{
    auto* dialog = parent->findChild<GlossaryDialog*>();
    if (!dialog)
        dialog = new GlossaryDialog(parent);
    dialog->show();
    dialog->raise();
    dialog->activateWindow();
    return dialog;
}

QString linkGlossaryTerms(const QString& html)
{
    static const auto words = termWords();
    static const QRegularExpression pattern = [] {
        QStringList alternatives;
        for (const auto& [word, term] : words)
            alternatives << QRegularExpression::escape(word);
        return QRegularExpression(QStringLiteral("(?<![\\w])(%1)(?![\\w])").arg(alternatives.join(QLatin1Char('|'))));
    }();
    QString out;
    qsizetype from = 0;
    for (auto it = pattern.globalMatch(html); it.hasNext();) {
        const auto match = it.next();
        const QString word = match.captured(1);
        const auto found = std::find_if(words.begin(), words.end(), [&](const auto& w) { return w.first == word; });
        out += html.mid(from, match.capturedStart(1) - from);
        out += QStringLiteral("<a href=\"term:%1\">%2</a>").arg(static_cast<int>(found->second)).arg(word);
        from = match.capturedEnd(1);
    }
    return out + html.mid(from);
}

std::optional<kapla::Term> termOfLink(const QUrl& link)
{
    if (link.scheme() != QLatin1String("term"))
        return std::nullopt;
    bool ok = false;
    const int index = link.path().toInt(&ok);
    if (!ok || index < 0 || index >= static_cast<int>(kapla::glossary().size()))
        return std::nullopt;
    return static_cast<kapla::Term>(index);
}
