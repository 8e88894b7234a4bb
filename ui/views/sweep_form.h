#pragma once
// The form of the Sweep tab: one or two parameters of the sweep table (each a list of values or a
// range by step or factor), grid or zip, and the solver; each parameter's problem shown under it.

#include "session/sweep_draft.h"

#include <QWidget>

#include <array>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QStackedWidget;
class ScientificSpinBox;

class SweepForm : public QWidget
{
    Q_OBJECT

public:
    explicit SweepForm(QWidget* parent = nullptr);

    /// What the form says now.
    SweepDraft draft() const;
    /// Shows each parameter's problem under it and any other one at the bottom; empty clears them.
    void showProblems(const kapla::Diagnostics& problems);

    /// The parameter rows' widgets (0 or 1), for tests.
    QComboBox* nameBox(int p) const { return m_rows[static_cast<std::size_t>(p)].name; }
    QComboBox* valuesKindBox(int p) const { return m_rows[static_cast<std::size_t>(p)].kind; }
    QLineEdit* listEdit(int p) const { return m_rows[static_cast<std::size_t>(p)].list; }
    ScientificSpinBox* fromBox(int p) const { return m_rows[static_cast<std::size_t>(p)].from; }
    ScientificSpinBox* toBox(int p) const { return m_rows[static_cast<std::size_t>(p)].to; }
    ScientificSpinBox* byBox(int p) const { return m_rows[static_cast<std::size_t>(p)].by; }
    QLabel* problemLabel(int p) const { return m_rows[static_cast<std::size_t>(p)].problem; }
    QCheckBox* secondParameter() const { return m_second; }
    QComboBox* combineBox() const { return m_combine; }
    QComboBox* solverBox() const { return m_solver; }

Q_SIGNALS:
    void changed();

private:
    struct Row {
        QComboBox* name = nullptr;
        QComboBox* kind = nullptr;
        QStackedWidget* pages = nullptr;
        QLineEdit* list = nullptr;
        ScientificSpinBox* from = nullptr;
        ScientificSpinBox* to = nullptr;
        ScientificSpinBox* by = nullptr;
        QLabel* byLabel = nullptr;
        QLabel* problem = nullptr;
    };

    QWidget* buildRow(Row& row);
    void updateEnabled();
    SweepDraftParameter parameter(const Row& row) const;

    std::array<Row, 2> m_rows;
    QCheckBox* m_second = nullptr;
    QWidget* m_secondRow = nullptr;
    QComboBox* m_combine = nullptr;
    QComboBox* m_solver = nullptr;
    QLabel* m_problem = nullptr;
};
