#pragma once
// The options form: project name and batch, the search (goal, solver, threads), the dataflow
// model switches and the partitioning/pipelining switches, checked as they change.

#include "session/project_document.h"

#include "model/options.h"

#include <QWidget>

#include <functional>
#include <vector>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QSpinBox;

/// Edits the document's options, batch and name; every change is an undo command.
class OptionsEditor : public QWidget
{
    Q_OBJECT

public:
    explicit OptionsEditor(ProjectDocument* document, QWidget* parent = nullptr);

    QComboBox* solverCombo() const { return m_solver; }
    QSpinBox* batchBox() const { return m_batch; }
    /// The text under the form listing the option conflicts (empty when none).
    QString problemsText() const;

private:
    using Mode = ProjectDocument::EditMode;

    QWidget* buildProjectGroup();
    QWidget* buildSearchGroup();
    QWidget* buildModelGroup();
    QWidget* buildPipelineGroup();
    /// The random and ML searches' seed and time budget.
    void addSamplingFields(QFormLayout* form);
    void change(const QString& field, Mode mode, const std::function<void(kapla::Options&)>& edit);
    /// A combo over an enum's values (with display texts); the data of each item is the enum's int.
    template <typename Enum>
    QComboBox* addChoice(QFormLayout* form, const QString& label, const QString& tip,
                         const std::vector<std::pair<Enum, QString>>& items, Enum kapla::Options::*member);
    QCheckBox* addSwitch(QFormLayout* form, const QString& text, const QString& tip, bool kapla::Options::*member);
    void applyPreset(int index);
    void refresh();

    ProjectDocument* m_doc;
    QLineEdit* m_name = nullptr;
    QSpinBox* m_batch = nullptr;
    QComboBox* m_preset = nullptr;
    QComboBox* m_solver = nullptr;
    QLabel* m_problems = nullptr;
    std::vector<std::function<void(const kapla::Options&)>> m_refreshers;
};
