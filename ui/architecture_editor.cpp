#include "architecture_editor.h"

#include "form_fields.h"

#include "mesh_preview.h"
#include "model/limits.h"

#include "session/file_text.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QScrollArea>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <cmath>

using kapla::ExplicitHardware;
using kapla::KaplaHardware;
using kapla::PhyDim2;

namespace {

constexpr int kMaxInt = 2'000'000'000;

// The DRAM placement combo: 2D and 3D for both kinds, plus the explicit region a file may give.
QComboBox* placementCombo(bool withRegion)
{
    auto* combo = new QComboBox;
    combo->addItem(ArchitectureEditor::tr("2D: DRAM at the four mesh corners"));
    combo->addItem(ArchitectureEditor::tr("3D: a DRAM vault on every node"));
    if (withRegion)
        combo->addItem(ArchitectureEditor::tr("Custom region (from the file)"));
    return combo;
}

// The conversions beside the fields, unrounded: the cost model works with these very numbers.
QString bytesText(double words, const kapla::Architecture& a)
{
    return ArchitectureEditor::tr("= %1 bytes").arg(exactNumberText(words * a.wordBytes()));
}

QString bytesPerCycleText(double words, const kapla::Architecture& a)
{
    return std::isinf(words) ? QString()
                             : ArchitectureEditor::tr("= %1 bytes/cycle").arg(exactNumberText(words * a.wordBytes()));
}

QString wordsText(double words) { return ArchitectureEditor::tr("= %1 words").arg(exactNumberText(words)); }

// KAPLA's bandwidth in whole words; the fraction it drops is said, not hidden.
QString wordsPerCycleText(double words, double exactWords)
{
    if (std::isinf(words))
        return ArchitectureEditor::tr("= unlimited words/cycle");
    if (exactWords == words)
        return ArchitectureEditor::tr("= %1 words/cycle").arg(exactNumberText(words));
    return ArchitectureEditor::tr("= %1 words/cycle (%2 rounded down to whole words)")
        .arg(exactNumberText(words), exactNumberText(exactWords));
}

// A conversion of one hardware kind's form; empty while the project holds the other kind.
template <typename Hw>
std::function<QString(const kapla::Architecture&, const kapla::ArchitectureSpec&)> forHardware(
    std::function<QString(const kapla::Architecture&, const Hw&)> conversion)
{
    if (!conversion)
        return {};
    return [conversion](const kapla::Architecture& a, const kapla::ArchitectureSpec& spec) {
        const auto* hw = std::get_if<Hw>(&spec.hardware);
        return hw ? conversion(a, *hw) : QString();
    };
}

} // namespace

ArchitectureEditor::ArchitectureEditor(ProjectDocument* document, QWidget* parent)
    : QWidget(parent)
    , m_doc(document)
{
    auto* forms = new QWidget;
    auto* formsLayout = new QVBoxLayout(forms);
    formsLayout->setContentsMargins(0, 0, 6, 0);
    formsLayout->addWidget(buildHeader());
    m_pages = new QStackedWidget;
    m_energyPages = new QStackedWidget;
    buildExplicitPages();
    buildKaplaPages();
    formsLayout->addWidget(m_pages);
    m_resolved = new QLabel;
    m_resolved->setWordWrap(true);
    m_resolved->setTextFormat(Qt::RichText);
    m_resolved->setContentsMargins(4, 2, 4, 2);
    formsLayout->addWidget(m_resolved);
    formsLayout->addStretch(1);

    auto* scroll = new QScrollArea;
    scroll->setWidget(forms);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setMinimumWidth(forms->sizeHint().width() + 12);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    // The preview above the energies: the mesh is what changes as the left form is edited.
    m_preview = new MeshPreview;
    auto* right = new QVBoxLayout;
    right->setSpacing(8);
    right->addWidget(m_preview, 1);
    right->addWidget(m_energyPages, 0);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->setSpacing(12);
    layout->addWidget(scroll, 0);
    layout->addLayout(right, 1);

    loadPresets();
    connect(m_doc, &ProjectDocument::architectureChanged, this, &ArchitectureEditor::refresh);
    connect(m_doc, &ProjectDocument::projectReset, this, &ArchitectureEditor::refresh);
    refresh();
    // After the first refresh: the energy labels carry the unit only from then on.
    alignFormLabels(m_leftForms);
    alignFormLabels(m_energyForms);
}

QWidget* ArchitectureEditor::buildHeader()
{
    QFormLayout* form = nullptr;
    QGroupBox* box = formGroupBox(tr("Architecture"), form);
    m_leftForms << form;
    m_headerTitle = new QLabel;
    m_headerTitle->setWordWrap(true);
    m_headerTitle->setToolTip(tr("How the file describes the hardware. Explicit parameters are the original "
                                 "nn_dataflow tool's; a KAPLA hardware description gives sizes in bytes and is "
                                 "converted with KAPLA's rules (buffers derated by 1 %)."));

    m_presets = new QComboBox;
    m_presets->setToolTip(tr("Replace the whole architecture by one of the presets shipped in "
                             "sample_projects/architectures/ (one undo step)."));
    connect(m_presets, &QComboBox::activated, this, &ArchitectureEditor::applyPreset);
    form->addRow(tr("Preset"), m_presets);

    m_name = new QLineEdit;
    m_name->setToolTip(tr("A name for the architecture, shown in summaries and exports."));
    connect(m_name, &QLineEdit::textEdited, this, [this](const QString& text) {
        kapla::ArchitectureSpec spec = m_doc->project().architecture;
        spec.name = text.toStdString();
        m_doc->setArchitecture(spec, tr("architecture name"), Mode::Continuous);
    });
    connect(m_name, &QLineEdit::editingFinished, m_doc, &ProjectDocument::endContinuousEdit);
    form->addRow(tr("Name"), m_name);

    m_unit = new QComboBox;
    m_unit->setEditable(true);
    m_unit->addItems({QStringLiteral("unit"), QStringLiteral("pJ"), QStringLiteral("nJ"), QStringLiteral("J")});
    m_unit->setToolTip(tr("The unit of every energy below and of the results (a label only: changing it "
                          "does not convert the numbers)."));
    connect(m_unit, &QComboBox::currentTextChanged, this, [this](const QString& text) {
        if (text.isEmpty())
            return;
        kapla::ArchitectureSpec spec = m_doc->project().architecture;
        spec.energyUnit = text.toStdString();
        m_doc->setArchitecture(spec, tr("energy unit"), Mode::Continuous);
    });
    connect(m_unit->lineEdit(), &QLineEdit::editingFinished, m_doc, &ProjectDocument::endContinuousEdit);
    form->addRow(tr("Energy unit"), m_unit);
    form->addRow(QString(), m_headerTitle);
    return box;
}

void ArchitectureEditor::addFieldRow(QFormLayout* form, const QString& label, QAbstractSpinBox* field,
                                     const QString& unit, Conversion conversion)
{
    if (unit.contains(QLatin1String("%1")))
        m_unitSuffixes.emplace_back(field, unit);
    else if (!unit.isEmpty())
        setUnitSuffix(field, unit);
    form->addRow(label, field);
    if (!conversion)
        return;
    // On its own line under the field: a long conversion must not widen the form.
    auto* note = new QLabel;
    note->setWordWrap(true);
    note->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    note->setToolTip(tr("The same quantity in the other unit, as the cost model uses it"));
    note->setForegroundRole(QPalette::PlaceholderText);
    m_conversions.emplace_back(note, std::move(conversion));
    form->addRow(QString(), note);
}

template <typename Hw>
void ArchitectureEditor::change(const QString& field, Mode mode, const std::function<void(Hw&)>& edit)
{
    kapla::ArchitectureSpec spec = m_doc->project().architecture;
    if (auto* hw = std::get_if<Hw>(&spec.hardware)) {
        edit(*hw);
        m_doc->setArchitecture(spec, field, mode);
    }
}

template <typename Hw>
void ArchitectureEditor::addCount(QFormLayout* form, const QString& label, const QString& unit, const QString& tip,
                                  int minimum, int maximum, std::function<long long(const Hw&)> get,
                                  std::function<void(Hw&, long long)> set, HwConversion<Hw> conversion)
{
    auto* box = new CountSpinBox(minimum, maximum);
    box->setToolTip(tip);
    connect(box, &QSpinBox::valueChanged, this,
            [this, label, set](int v) { change<Hw>(label, Mode::Continuous, [&](Hw& hw) { set(hw, v); }); });
    connect(box, &QSpinBox::editingFinished, m_doc, &ProjectDocument::endContinuousEdit);
    m_refreshers.push_back([box, get](const kapla::ArchitectureSpec& spec) {
        if (const auto* hw = std::get_if<Hw>(&spec.hardware)) {
            const QSignalBlocker block(box);
            box->setValue(static_cast<int>(get(*hw)));
        }
    });
    addFieldRow(form, label, box, unit, forHardware<Hw>(std::move(conversion)));
}

template <typename Hw>
ScientificSpinBox* ArchitectureEditor::addNumber(QFormLayout* form, const QString& label, const QString& unit,
                                                 const QString& tip, bool unlimited,
                                                 std::function<double(const Hw&)> get,
                                                 std::function<void(Hw&, double)> set, HwConversion<Hw> conversion)
{
    auto* box = new ScientificSpinBox;
    box->setUnlimitedAllowed(unlimited);
    box->setToolTip(tip);
    connect(box, &QDoubleSpinBox::valueChanged, this, [this, box, label, set](double) {
        const double v = box->number();
        change<Hw>(label, Mode::Continuous, [&](Hw& hw) { set(hw, v); });
    });
    connect(box, &QDoubleSpinBox::editingFinished, m_doc, &ProjectDocument::endContinuousEdit);
    m_refreshers.push_back([box, get](const kapla::ArchitectureSpec& spec) {
        if (const auto* hw = std::get_if<Hw>(&spec.hardware)) {
            const QSignalBlocker block(box);
            box->setNumber(get(*hw));
        }
    });
    addFieldRow(form, label, box, unit, forHardware<Hw>(std::move(conversion)));
    return box;
}

template <typename Hw>
void ArchitectureEditor::addDim(QFormLayout* form, const QString& label, const QString& tip,
                                std::function<PhyDim2(const Hw&)> get, std::function<void(Hw&, PhyDim2)> set)
{
    auto* edit = new DimEdit(1, 4096);
    edit->setToolTips(tip);
    const QString field = label;
    connect(edit, &DimEdit::dimChanged, this, [this, field, set](int h, int w) {
        change<Hw>(field, Mode::Continuous, [&](Hw& hw) { set(hw, {h, w}); });
    });
    connect(edit, &DimEdit::editingFinished, m_doc, &ProjectDocument::endContinuousEdit);
    m_refreshers.push_back([edit, get](const kapla::ArchitectureSpec& spec) {
        if (const auto* hw = std::get_if<Hw>(&spec.hardware)) {
            const PhyDim2 d = get(*hw);
            edit->setDim(d.h, d.w);
        }
    });
    form->addRow(label, edit);
}

void ArchitectureEditor::buildExplicitPages()
{
    using Hw = ExplicitHardware;
    auto* page = new QWidget;
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    QFormLayout* form = nullptr;

    layout->addWidget(formGroupBox(tr("Nodes and processing elements"), form));
    m_leftForms << form;
    addDim<Hw>(
        form, tr("Node mesh"), tr("Nodes of the chip (rows × columns), linked by a 2-D mesh NoC"),
        [](const Hw& h) { return h.nodes; }, [](Hw& h, PhyDim2 d) { h.nodes = d; });
    addDim<Hw>(
        form, tr("PE array per node"), tr("Processing elements of each node (rows × columns)"),
        [](const Hw& h) { return h.peArray; }, [](Hw& h, PhyDim2 d) { h.peArray = d; });
    addCount<Hw>(
        form, tr("Word size"), tr("bits"), tr("Bits per data word (weights and activations)"), 1, 64,
        [](const Hw& h) { return h.wordBits; }, [](Hw& h, long long v) { h.wordBits = static_cast<int>(v); });
    addNumber<Hw>(
        form, tr("GBUF per node"), tr("words"), tr("Global buffer capacity of each node, in words"), false,
        [](const Hw& h) { return h.gbufWords; }, [](Hw& h, double v) { h.gbufWords = v; },
        [](const kapla::Architecture& a, const Hw&) { return bytesText(a.gbufWords, a); });
    addNumber<Hw>(
        form, tr("REGF per PE"), tr("words"), tr("Register file capacity of each PE, in words"), false,
        [](const Hw& h) { return h.regfWords; }, [](Hw& h, double v) { h.regfWords = v; },
        [](const kapla::Architecture& a, const Hw&) { return bytesText(a.regfWords, a); });

    layout->addWidget(formGroupBox(tr("Memory and interconnect"), form));
    m_leftForms << form;
    auto* placement = placementCombo(true);
    placement->setToolTip(tr("Where DRAM attaches to the mesh: the four corners (2D), a vault on every node "
                             "(3D stacked), or an explicit region given in the file."));
    connect(placement, &QComboBox::activated, this, [this](int index) {
        change<Hw>(tr("DRAM placement"), Mode::Step, [index](Hw& h) {
            if (index == 2)
                return;
            h.memType = index == 0 ? kapla::MemType::TwoD : kapla::MemType::ThreeD;
            h.dramRegion.reset();
        });
    });
    m_refreshers.push_back([placement](const kapla::ArchitectureSpec& spec) {
        if (const auto* hw = std::get_if<Hw>(&spec.hardware)) {
            const QSignalBlocker block(placement);
            placement->setCurrentIndex(hw->dramRegion ? 2 : hw->memType == kapla::MemType::TwoD ? 0 : 1);
        }
    });
    form->addRow(tr("DRAM placement"), placement);
    addNumber<Hw>(
        form, tr("DRAM bandwidth"), tr("words/cycle"),
        tr("Words per cycle between DRAM and the chip, in total; 0 or 'unlimited' for no limit"), true,
        [](const Hw& h) { return h.dramBandwidth; }, [](Hw& h, double v) { h.dramBandwidth = v; },
        [](const kapla::Architecture& a, const Hw&) { return bytesPerCycleText(a.dramBandwidth, a); });
    addNumber<Hw>(
        form, tr("Array bus width"), tr("words/cycle"),
        tr("Words per cycle the bus into a PE array carries per data category; 'unlimited' for no limit"), true,
        [](const Hw& h) { return h.arrayBusWidth; }, [](Hw& h, double v) { h.arrayBusWidth = v; },
        [](const kapla::Architecture& a, const Hw&) { return bytesPerCycleText(a.arrayBusWidth, a); });

    layout->addStretch(1);
    m_pages->addWidget(page);
    QGroupBox* energyBox = formGroupBox(tr("Energy per event"), form);
    m_energyForms << form;
    m_energyPages->addWidget(energyBox);
    const auto energy = [&](const QString& label, const QString& unit, const QString& tip, auto member) {
        addNumber<Hw>(
            form, label, unit, tip, false, [member](const Hw& h) -> double { return member(h); },
            [member](Hw& h, double v) { member(h) = v; })
            ->setMaximum(kapla::limits::kMaxEventEnergy); // what the file readers take
    };
    energy(
        tr("MAC operation"), tr("%1/op"), tr("Energy of one multiply-accumulate"),
        [](auto& h) -> auto& { return h.energy.mac; });
    energy(
        tr("DRAM access"), tr("%1/word"), tr("Energy of one word read or written in DRAM"),
        [](auto& h) -> auto& { return h.energy.access[0]; });
    energy(
        tr("GBUF access"), tr("%1/word"), tr("Energy of one global-buffer word access"),
        [](auto& h) -> auto& { return h.energy.access[1]; });
    energy(
        tr("ITCN access"), tr("%1/word"), tr("Energy of moving one word over the PE-array interconnect"),
        [](auto& h) -> auto& { return h.energy.access[2]; });
    energy(
        tr("REGF access"), tr("%1/word"), tr("Energy of one register-file word access"),
        [](auto& h) -> auto& { return h.energy.access[3]; });
    energy(
        tr("NoC hop"), tr("%1/word·hop"), tr("Energy of moving one word one hop on the node mesh"),
        [](auto& h) -> auto& { return h.energy.nocHop; });
    energy(
        tr("Idle"), tr("%1/cycle"), tr("Static energy of all nodes per cycle"),
        [](auto& h) -> auto& { return h.energy.idle; });
}

void ArchitectureEditor::buildKaplaPages()
{
    using Hw = KaplaHardware;
    auto* page = new QWidget;
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    QFormLayout* form = nullptr;

    layout->addWidget(formGroupBox(tr("Nodes and processing elements"), form));
    m_leftForms << form;
    addDim<Hw>(
        form, tr("Node mesh"), tr("GBUF.array: nodes of the chip (rows × columns)"),
        [](const Hw& h) { return h.gbufArray; }, [](Hw& h, PhyDim2 d) { h.gbufArray = d; });
    addDim<Hw>(
        form, tr("PE array per node"), tr("REGF.array: processing elements of each node (rows × columns)"),
        [](const Hw& h) { return h.regfArray; }, [](Hw& h, PhyDim2 d) { h.regfArray = d; });
    addCount<Hw>(
        form, tr("Word size"), tr("bits"), tr("word_bit: bits per data word"), 1, 64,
        [](const Hw& h) { return h.wordBit; }, [](Hw& h, long long v) { h.wordBit = static_cast<int>(v); });
    addCount<Hw>(
        form, tr("GBUF per node"), tr("bytes"),
        tr("GBUF.size: global buffer bytes per node (0.99 × bytes / word bytes words are used)"), 1, kMaxInt,
        [](const Hw& h) { return h.gbufSizeBytes; }, [](Hw& h, long long v) { h.gbufSizeBytes = v; },
        [](const kapla::Architecture& a, const Hw&) { return wordsText(a.gbufWords); });
    addCount<Hw>(
        form, tr("REGF per PE"), tr("bytes"),
        tr("REGF.size: register file bytes per PE (0.99 × bytes / word bytes words are used)"), 1, kMaxInt,
        [](const Hw& h) { return h.regfSizeBytes; }, [](Hw& h, long long v) { h.regfSizeBytes = v; },
        [](const kapla::Architecture& a, const Hw&) { return wordsText(a.regfWords); });

    layout->addWidget(formGroupBox(tr("Memory and interconnect"), form));
    m_leftForms << form;
    auto* placement = placementCombo(false);
    placement->setToolTip(tr("GBUF.mem_type: DRAM at the four corners (2D) or a vault on every node (3D)."));
    connect(placement, &QComboBox::activated, this, [this](int index) {
        change<Hw>(tr("DRAM placement"), Mode::Step,
                   [index](Hw& h) { h.memType = index == 0 ? kapla::MemType::TwoD : kapla::MemType::ThreeD; });
    });
    m_refreshers.push_back([placement](const kapla::ArchitectureSpec& spec) {
        if (const auto* hw = std::get_if<Hw>(&spec.hardware)) {
            const QSignalBlocker block(placement);
            placement->setCurrentIndex(hw->memType == kapla::MemType::TwoD ? 0 : 1);
        }
    });
    form->addRow(tr("DRAM placement"), placement);
    addNumber<Hw>(
        form, tr("DRAM bandwidth"), tr("bytes/cycle"),
        tr("DRAM.bandwidth: bytes per cycle in total (floor(bandwidth / word bytes) words)"), false,
        [](const Hw& h) { return h.dramBandwidth; }, [](Hw& h, double v) { h.dramBandwidth = v; },
        [](const kapla::Architecture& a, const Hw& h) {
            return wordsPerCycleText(a.dramBandwidth, h.dramBandwidth / a.wordBytes());
        });
    addCount<Hw>(
        form, tr("Bus width"), tr("bits"),
        tr("DRAM.bus_width: also sets the PE-array bus to bus_width / word_bit words per cycle (0 = unlimited)"), 0,
        1 << 20, [](const Hw& h) { return h.dramBusWidth; },
        [](Hw& h, long long v) { h.dramBusWidth = static_cast<int>(v); },
        [](const kapla::Architecture& a, const Hw&) { return wordsPerCycleText(a.arrayBusWidth, a.arrayBusWidth); });

    layout->addStretch(1);
    m_pages->addWidget(page);
    QGroupBox* energyBox = formGroupBox(tr("Energy per event"), form);
    m_energyForms << form;
    m_energyPages->addWidget(energyBox);
    const auto energy = [&](const QString& label, const QString& unit, const QString& tip, auto member) {
        addNumber<Hw>(
            form, label, unit, tip, false, [member](const Hw& h) -> double { return member(h); },
            [member](Hw& h, double v) { member(h) = v; })
            ->setMaximum(kapla::limits::kMaxEventEnergy); // what the file readers take
    };
    energy(
        tr("MAC operation"), tr("%1/op"), tr("op_cost: energy of one multiply-accumulate"),
        [](auto& h) -> auto& { return h.opCost; });
    energy(
        tr("DRAM access"), tr("%1/word"), tr("DRAM.access_cost: energy per word"),
        [](auto& h) -> auto& { return h.dramAccessCost; });
    energy(
        tr("GBUF access"), tr("%1/word"), tr("GBUF.access_cost: energy per word"),
        [](auto& h) -> auto& { return h.gbufAccessCost; });
    energy(
        tr("ITCN access"), tr("%1/word"), tr("ITCN.access_cost: PE-array interconnect energy per word"),
        [](auto& h) -> auto& { return h.itcnAccessCost; });
    energy(
        tr("REGF access"), tr("%1/word"), tr("REGF.access_cost: energy per word"),
        [](auto& h) -> auto& { return h.regfAccessCost; });
    energy(
        tr("NoC hop"), tr("%1/word·hop"), tr("GBUF.hop_cost: energy of moving one word one hop"),
        [](auto& h) -> auto& { return h.hopCost; });
    energy(
        tr("Idle"), tr("%1/cycle"), tr("GBUF.idle_cost: static energy of all nodes per cycle"),
        [](auto& h) -> auto& { return h.idleCost; });
}

void ArchitectureEditor::loadPresets()
{
    m_presets->addItem(tr("Choose a preset…"));
    for (ArchitecturePreset& preset : architecturePresets()) {
        m_presets->addItem(QString::fromStdString(preset.spec.name));
        m_presets->setItemData(m_presets->count() - 1, tr("sample_projects/architectures/%1").arg(preset.file),
                               Qt::ToolTipRole);
        m_presetSpecs.push_back(std::move(preset.spec));
    }
}

void ArchitectureEditor::applyPreset(int index)
{
    if (index <= 0 || index > static_cast<int>(m_presetSpecs.size()))
        return;
    m_doc->setArchitecture(m_presetSpecs[static_cast<std::size_t>(index - 1)],
                           tr("architecture preset %1").arg(m_presets->itemText(index)));
    m_presets->setCurrentIndex(0);
}

void ArchitectureEditor::refresh()
{
    const bool loaded = m_doc->hasProject();
    setEnabled(loaded);
    const kapla::ArchitectureSpec& spec = m_doc->project().architecture;
    const bool kapla = std::holds_alternative<KaplaHardware>(spec.hardware);
    m_pages->setCurrentIndex(kapla ? 1 : 0);
    m_energyPages->setCurrentIndex(kapla ? 1 : 0);
    m_headerTitle->setText(kapla ? tr("A KAPLA hardware description: sizes in bytes, converted with KAPLA's rules.")
                                 : tr("Explicit parameters: sizes in words."));
    if (!m_name->hasFocus()) {
        const QSignalBlocker block(m_name);
        m_name->setText(QString::fromStdString(spec.name));
    }
    {
        const QSignalBlocker block(m_unit);
        m_unit->setCurrentText(QString::fromStdString(spec.energyUnit));
    }
    for (const auto& [field, unit] : m_unitSuffixes)
        setUnitSuffix(field, unit.arg(QString::fromStdString(spec.energyUnit)));
    for (const auto& refresher : m_refreshers)
        refresher(spec);

    const auto& resolved = m_doc->resolved();
    for (const auto& [note, conversion] : m_conversions)
        note->setText(resolved ? conversion(resolved->architecture(), spec) : QString());
    if (!loaded) {
        m_preview->setProblem(tr("No project loaded"));
        m_resolved->clear();
    } else if (resolved) {
        m_preview->setArchitecture(resolved->architecture());
        m_resolved->clear();
    } else {
        QStringList problems;
        for (const auto& d : resolved.diagnostics())
            problems << QString::fromStdString(d.key + ": " + d.message).toHtmlEscaped();
        m_preview->setProblem(problems.join(QLatin1Char('\n')));
        m_resolved->setText(QStringLiteral("<span style=\"color:#c62828\"><b>%1</b> %2</span>")
                                .arg(tr("Invalid:"), problems.join(QStringLiteral("<br>"))));
    }
}
