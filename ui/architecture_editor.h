#pragma once
// The architecture form: mesh, PE array, buffers, DRAM and energies, with a live mesh preview and
// presets from sample_projects/architectures/ (shipped as Qt resources).

#include "session/project_document.h"

#include "model/architecture.h"

#include <QList>
#include <QWidget>

#include <functional>
#include <vector>

class ScientificSpinBox;
class MeshPreview;
class QAbstractSpinBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QStackedWidget;

/// Edits the document's architecture; every change is an undo command (spin-box drags merge).
/// Explicit-parameter and KAPLA-hardware descriptions each get their own form, in their own units
/// (words, or KAPLA's bytes), each size shown converted to the other unit beside its field.
class ArchitectureEditor : public QWidget
{
    Q_OBJECT

public:
    explicit ArchitectureEditor(ProjectDocument* document, QWidget* parent = nullptr);

    MeshPreview* preview() const { return m_preview; }
    QComboBox* presets() const { return m_presets; }
    /// Number of presets found in the resources.
    int presetCount() const { return static_cast<int>(m_presetSpecs.size()); }

private:
    using Refresher = std::function<void(const kapla::ArchitectureSpec&)>;
    /// The field's value in the other unit, from the resolved architecture ("= 32,440.32 words").
    using Conversion = std::function<QString(const kapla::Architecture&, const kapla::ArchitectureSpec&)>;
    template <typename Hw>
    using HwConversion = std::function<QString(const kapla::Architecture&, const Hw&)>;
    using Mode = ProjectDocument::EditMode;

    QWidget* buildHeader();
    /// The mesh/memory page (left) and the energy page (right) of each description kind.
    void buildExplicitPages();
    void buildKaplaPages();
    void loadPresets();
    void applyPreset(int index);
    void refresh();

    /// Applies `change` to a copy of the spec's hardware of kind Hw and pushes it as one edit.
    template <typename Hw>
    void change(const QString& field, Mode mode, const std::function<void(Hw&)>& edit);
    /// `unit` follows the number in the field; "%1" in it stands for the energy unit.
    template <typename Hw>
    void addCount(QFormLayout* form, const QString& label, const QString& unit, const QString& tip, int minimum,
                  int maximum, std::function<long long(const Hw&)> get, std::function<void(Hw&, long long)> set,
                  HwConversion<Hw> conversion = {});
    /// Returns the field, for a caller that bounds it further.
    template <typename Hw>
    ScientificSpinBox* addNumber(QFormLayout* form, const QString& label, const QString& unit, const QString& tip,
                                 bool unlimited, std::function<double(const Hw&)> get,
                                 std::function<void(Hw&, double)> set, HwConversion<Hw> conversion = {});
    template <typename Hw>
    void addDim(QFormLayout* form, const QString& label, const QString& tip,
                std::function<kapla::PhyDim2(const Hw&)> get, std::function<void(Hw&, kapla::PhyDim2)> set);
    /// Adds the row: the field, and beside it the conversion when there is one.
    void addFieldRow(QFormLayout* form, const QString& label, QAbstractSpinBox* field, const QString& unit,
                     Conversion conversion);

    ProjectDocument* m_doc;
    MeshPreview* m_preview = nullptr;
    QStackedWidget* m_pages = nullptr;
    QStackedWidget* m_energyPages = nullptr;
    QList<QFormLayout*> m_leftForms;
    QList<QFormLayout*> m_energyForms;
    QLineEdit* m_name = nullptr;
    QComboBox* m_unit = nullptr;
    QLabel* m_headerTitle = nullptr;
    QLabel* m_resolved = nullptr;
    QComboBox* m_presets = nullptr;
    std::vector<kapla::ArchitectureSpec> m_presetSpecs;
    std::vector<Refresher> m_refreshers;
    std::vector<std::pair<QAbstractSpinBox*, QString>> m_unitSuffixes;
    std::vector<std::pair<QLabel*, Conversion>> m_conversions;
};
