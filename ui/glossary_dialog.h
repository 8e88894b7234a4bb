#pragma once
// Help → Glossary: every term of the program's vocabulary (core report/vocabulary.h) with its symbol,
// meaning and nn_dataflow name, filterable.

#include "report/vocabulary.h"

#include <QDialog>

#include <optional>

class QLineEdit;
class QUrl;
class QTableWidget;

/// A non-modal window listing the glossary; one per main window.
class GlossaryDialog : public QDialog
{
    Q_OBJECT

public:
    explicit GlossaryDialog(QWidget* parent = nullptr);

    QTableWidget* table() const { return m_table; }
    QLineEdit* filter() const { return m_filter; }

private:
    void applyFilter(const QString& text);

    QTableWidget* m_table = nullptr;
    QLineEdit* m_filter = nullptr;
};

/// Shows the glossary window of `parent`, creating it the first time.
GlossaryDialog* showGlossary(QWidget* parent);

/// Rich text with the glossary's terms (GBUF, row stationary, batch (N), tensor_w, …) made "term:" links,
/// so that a view can show their meaning on hover (termOfLink). `html` is already escaped.
QString linkGlossaryTerms(const QString& html);
/// The term of a link made by linkGlossaryTerms.
std::optional<kapla::Term> termOfLink(const QUrl& link);
