#include "options_editor.h"

#include "form_fields.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QScrollArea>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

using kapla::Options;

OptionsEditor::OptionsEditor(ProjectDocument* document, QWidget* parent)
    : QWidget(parent)
    , m_doc(document)
{
    auto* content = new QWidget;
    auto* columns = new QHBoxLayout(content);
    columns->setContentsMargins(8, 8, 8, 8);
    columns->setSpacing(12);
    QWidget* projectGroup = buildProjectGroup();
    QWidget* searchGroup = buildSearchGroup();
    QWidget* modelGroup = buildModelGroup();
    QWidget* pipelineGroup = buildPipelineGroup();
    const auto form = [](QWidget* w) { return qobject_cast<QFormLayout*>(w->layout()); };
    alignFormLabels({form(projectGroup), form(searchGroup)});
    alignFormLabels({form(modelGroup), form(pipelineGroup)});

    auto* left = new QVBoxLayout;
    left->addWidget(projectGroup);
    left->addWidget(searchGroup);
    m_problems = new QLabel;
    m_problems->setWordWrap(true);
    m_problems->setTextFormat(Qt::RichText);
    left->addWidget(m_problems);
    left->addStretch(1);
    auto* right = new QVBoxLayout;
    right->addWidget(modelGroup);
    right->addWidget(pipelineGroup);
    right->addStretch(1);
    columns->addLayout(left, 1);
    columns->addLayout(right, 1);

    auto* scroll = new QScrollArea;
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);

    connect(m_doc, &ProjectDocument::optionsChanged, this, &OptionsEditor::refresh);
    connect(m_doc, &ProjectDocument::batchChanged, this, &OptionsEditor::refresh);
    connect(m_doc, &ProjectDocument::nameChanged, this, &OptionsEditor::refresh);
    connect(m_doc, &ProjectDocument::projectReset, this, &OptionsEditor::refresh);
    refresh();
}

void OptionsEditor::change(const QString& field, Mode mode, const std::function<void(Options&)>& edit)
{
    Options options = m_doc->project().options;
    edit(options);
    m_doc->setOptions(options, field, mode);
}

template <typename Enum>
QComboBox* OptionsEditor::addChoice(QFormLayout* form, const QString& label, const QString& tip,
                                    const std::vector<std::pair<Enum, QString>>& items, Enum Options::*member)
{
    auto* combo = new QComboBox;
    combo->setToolTip(tip);
    for (const auto& [value, text] : items)
        combo->addItem(text, static_cast<int>(value));
    connect(combo, &QComboBox::activated, this, [this, combo, label, member](int index) {
        const auto value = static_cast<Enum>(combo->itemData(index).toInt());
        change(label.toLower(), Mode::Step, [&](Options& o) { o.*member = value; });
    });
    m_refreshers.push_back([combo, member](const Options& o) {
        const QSignalBlocker block(combo);
        combo->setCurrentIndex(combo->findData(static_cast<int>(o.*member)));
    });
    form->addRow(label, combo);
    return combo;
}

QCheckBox* OptionsEditor::addSwitch(QFormLayout* form, const QString& text, const QString& tip, bool Options::*member)
{
    auto* box = new QCheckBox(text);
    box->setToolTip(tip);
    connect(box, &QCheckBox::toggled, this,
            [this, text, member](bool on) { change(text.toLower(), Mode::Step, [&](Options& o) { o.*member = on; }); });
    m_refreshers.push_back([box, member](const Options& o) {
        const QSignalBlocker block(box);
        box->setChecked(o.*member);
    });
    form->addRow(QString(), box);
    return box;
}

QWidget* OptionsEditor::buildProjectGroup()
{
    QFormLayout* form = nullptr;
    QGroupBox* box = formGroupBox(tr("Project"), form);
    m_name = new QLineEdit;
    m_name->setToolTip(tr("The project's name, shown in the title bar, the project panel and exports."));
    connect(m_name, &QLineEdit::textEdited, this,
            [this](const QString& text) { m_doc->setProjectName(text, Mode::Continuous); });
    connect(m_name, &QLineEdit::editingFinished, m_doc, &ProjectDocument::endContinuousEdit);
    form->addRow(tr("Name"), m_name);

    m_batch = new CountSpinBox(1, 1 << 20);
    setUnitSuffix(m_batch, tr("samples"));
    m_batch->setToolTip(tr("Samples processed together; the search and all totals are for one batch."));
    connect(m_batch, &QSpinBox::valueChanged, this, [this](int v) { m_doc->setBatch(v, Mode::Continuous); });
    connect(m_batch, &QSpinBox::editingFinished, m_doc, &ProjectDocument::endContinuousEdit);
    form->addRow(tr("Batch size"), m_batch);
    return box;
}

QWidget* OptionsEditor::buildSearchGroup()
{
    QFormLayout* form = nullptr;
    QGroupBox* box = formGroupBox(tr("Search"), form);
    m_preset = new QComboBox;
    m_preset->addItem(tr("Default (nn_dataflow)"), static_cast<int>(kapla::OptionsPreset::Default));
    m_preset->addItem(tr("Inference (KAPLA)"), static_cast<int>(kapla::OptionsPreset::Inference));
    m_preset->addItem(tr("Training (KAPLA)"), static_cast<int>(kapla::OptionsPreset::Training));
    m_preset->setToolTip(
        tr("Sets every model and pipelining switch to a preset's values (one undo step); the "
           "goal, solver, frontier pruning, mapping, refetch rule, threads, seed and time budget stay as they are."));
    connect(m_preset, &QComboBox::activated, this, &OptionsEditor::applyPreset);
    form->addRow(tr("Preset"), m_preset);

    addChoice<kapla::Goal>(form, tr("Goal"),
                           tr("What the search minimises: total energy, total time, or their product."),
                           {{kapla::Goal::Energy, tr("Energy")},
                            {kapla::Goal::Delay, tr("Delay")},
                            {kapla::Goal::EnergyDelay, tr("Energy × delay")}},
                           &Options::goal);
    m_solver = addChoice<kapla::SolverKind>(
        form, tr("Solver"),
        tr("KAPLA: the fast pruned search of the paper. Exhaustive: nn_dataflow's full search, the reference "
           "optimum (slow). Random and ML: sampling baselines."),
        {{kapla::SolverKind::Kapla, tr("KAPLA")},
         {kapla::SolverKind::Exhaustive, tr("Exhaustive")},
         {kapla::SolverKind::Random, tr("Random sampling")},
         {kapla::SolverKind::Ml, tr("ML-guided (XGBoost)")}},
        &Options::solver);
    addSwitch(form, tr("Frontier pruning"),
              tr("Exhaustive search only: skip a segment's constraint combinations that are dominated by one that "
                 "already gave schedules, as nn_dataflow does. Off tries every combination, as the KAPLA fork's "
                 "exhaustive search: slower, and it can find fused segments that pruning never reaches."),
              &Options::frontierPruning);

    auto* threads = new CountSpinBox(0, 1024);
    threads->setSpecialValueText(tr("all cores"));
    threads->setToolTip(tr("Worker threads of the search; results are the same whatever the count."));
    connect(threads, &QSpinBox::valueChanged, this,
            [this](int v) { change(tr("threads"), Mode::Continuous, [v](Options& o) { o.threads = v; }); });
    connect(threads, &QSpinBox::editingFinished, m_doc, &ProjectDocument::endContinuousEdit);
    m_refreshers.push_back([threads](const Options& o) {
        const QSignalBlocker block(threads);
        threads->setValue(o.threads);
    });
    form->addRow(tr("Threads"), threads);

    auto* ntops = new CountSpinBox(1, 1000);
    ntops->setToolTip(tr("Schedules kept per layer and segment while searching (beam width); more is slower "
                         "and may find better schedules."));
    connect(ntops, &QSpinBox::valueChanged, this,
            [this](int v) { change(tr("kept schedules"), Mode::Continuous, [v](Options& o) { o.ntops = v; }); });
    connect(ntops, &QSpinBox::editingFinished, m_doc, &ProjectDocument::endContinuousEdit);
    m_refreshers.push_back([ntops](const Options& o) {
        const QSignalBlocker block(ntops);
        ntops->setValue(o.ntops);
    });
    form->addRow(tr("Kept schedules"), ntops);
    addSamplingFields(form);
    return box;
}

void OptionsEditor::addSamplingFields(QFormLayout* form)
{
    auto* seed = new CountSpinBox(0, std::numeric_limits<int>::max());
    seed->setToolTip(tr("Random and ML search: the seed of their sampling; a seed gives the same schedule "
                        "whatever the thread count."));
    connect(seed, &QSpinBox::valueChanged, this, [this](int v) {
        change(tr("seed"), Mode::Continuous, [v](Options& o) { o.seed = static_cast<std::uint64_t>(v); });
    });
    connect(seed, &QSpinBox::editingFinished, m_doc, &ProjectDocument::endContinuousEdit);
    m_refreshers.push_back([seed](const Options& o) {
        const QSignalBlocker block(seed);
        seed->setValue(static_cast<int>(std::min<std::uint64_t>(o.seed, std::numeric_limits<int>::max())));
    });
    form->addRow(tr("Seed"), seed);

    auto* budget = new ScientificSpinBox;
    budget->setUnlimitedAllowed(true);
    setUnitSuffix(budget, tr("s"));
    budget->setToolTip(tr("Random and ML search: after this many seconds the search winds down and completes "
                          "the best schedule found; 'unlimited' lets it run to the end of its sampling."));
    connect(budget, &QDoubleSpinBox::valueChanged, this, [this, budget](double) {
        // The file says 0 for no limit; the field says "unlimited".
        const double seconds = std::isinf(budget->number()) ? 0 : budget->number();
        change(tr("time budget"), Mode::Continuous, [seconds](Options& o) { o.timeBudgetSeconds = seconds; });
    });
    connect(budget, &QDoubleSpinBox::editingFinished, m_doc, &ProjectDocument::endContinuousEdit);
    m_refreshers.push_back([budget](const Options& o) {
        const QSignalBlocker block(budget);
        budget->setNumber(o.timeBudgetSeconds);
    });
    form->addRow(tr("Time budget"), budget);
}

QWidget* OptionsEditor::buildModelGroup()
{
    QFormLayout* form = nullptr;
    QGroupBox* box = formGroupBox(tr("Dataflow model"), form);
    addChoice<kapla::MappingKind>(form, tr("PE-array mapping"),
                                  tr("How a layer maps onto a node's PE array: Eyeriss row stationary, or a "
                                     "systolic array."),
                                  {{kapla::MappingKind::Eyeriss, tr("Eyeriss (row stationary)")},
                                   {kapla::MappingKind::Systolic, tr("Systolic")}},
                                  &Options::mapping);
    addChoice<kapla::RefetchRule>(form, tr("Refetch rule"),
                                  tr("How the register-file level counts refetches of data that is not reused: "
                                     "KAPLA's rule, or the original nn_dataflow rule."),
                                  {{kapla::RefetchRule::Kapla, tr("KAPLA")},
                                   {kapla::RefetchRule::Original, tr("Original nn_dataflow")}},
                                  &Options::refetchRule);

    auto* bypass = new QWidget;
    auto* bypassLayout = new QHBoxLayout(bypass);
    bypassLayout->setContentsMargins(0, 0, 0, 0);
    const QStringList categories{tr("Filters"), tr("Inputs"), tr("Outputs")};
    for (int i = 0; i < 3; ++i) {
        auto* check = new QCheckBox(categories[i]);
        check->setToolTip(tr("Allow %1 to bypass the global buffer (stream between DRAM and the PE arrays).")
                              .arg(categories[i].toLower()));
        connect(check, &QCheckBox::toggled, this, [this, i](bool on) {
            change(tr("GBUF bypass"), Mode::Step, [&](Options& o) { o.gbufBypass[static_cast<std::size_t>(i)] = on; });
        });
        m_refreshers.push_back([check, i](const Options& o) {
            const QSignalBlocker block(check);
            check->setChecked(o.gbufBypass[static_cast<std::size_t>(i)]);
        });
        bypassLayout->addWidget(check);
    }
    bypassLayout->addStretch(1);
    form->addRow(tr("GBUF bypass"), bypass);
    addSwitch(form, tr("Analytical loop blocking"),
              tr("Solve the loop blocking analytically (nn_dataflow's solve_loopblocking) instead of searching it."),
              &Options::solveLoopblocking);
    addSwitch(form, tr("Access forwarding"),
              tr("Nodes fetch disjoint parts of shared data and forward them to each other."),
              &Options::accessForwarding);
    addSwitch(form, tr("GBUF sharing"),
              tr("Nodes share their global buffers over the NoC (implies access forwarding)."), &Options::gbufSharing);
    addSwitch(form, tr("Skip write-back between layers"),
              tr("Temporal segments keep intermediate data on chip instead of writing it back to DRAM "
                 "(gbuf_save_writeback)."),
              &Options::gbufSaveWriteback);
    return box;
}

QWidget* OptionsEditor::buildPipelineGroup()
{
    QFormLayout* form = nullptr;
    QGroupBox* box = formGroupBox(tr("Partitioning and pipelining"), form);
    addSwitch(form, tr("Hybrid partitioning"), tr("Split a layer over nodes along several dimensions at once."),
              &Options::partitionHybrid);
    addSwitch(form, tr("Batch partitioning"), tr("Allow splitting the batch over nodes."), &Options::partitionBatch);
    addSwitch(form, tr("Input-channel partitioning"),
              tr("Allow splitting input channels over nodes (needs hybrid partitioning)."), &Options::partitionIfmaps);
    addSwitch(form, tr("Inter-layer pipelining"),
              tr("Run several layers side by side on sub-regions of the mesh (spatial pipelining segments)."),
              &Options::partitionInterlayer);
    addSwitch(form, tr("Optimised pipelining"), tr("Use the optimised segment pipelining of the model (with_opt)."),
              &Options::layerPipelineOpt);

    const auto addLimit = [&](const QString& label, const QString& tip, double Options::*member) {
        auto* spin = new ScientificSpinBox;
        spin->setUnlimitedAllowed(true);
        spin->setToolTip(tip);
        connect(spin, &QDoubleSpinBox::valueChanged, this, [this, spin, label, member](double) {
            const double v = spin->number();
            change(label.toLower(), Mode::Continuous, [&](Options& o) { o.*member = v; });
        });
        connect(spin, &QDoubleSpinBox::editingFinished, m_doc, &ProjectDocument::endContinuousEdit);
        m_refreshers.push_back([spin, member](const Options& o) {
            const QSignalBlocker block(spin);
            spin->setNumber(o.*member);
        });
        form->addRow(label, spin);
    };
    addLimit(
        tr("Max time overhead"),
        tr("Largest allowed time overhead of a pipelined segment over its slowest layer (a fraction; unlimited = no bound)."),
        &Options::layerPipelineTimeOverhead);
    addLimit(tr("Max layers per segment"),
             tr("Most layers (DAG vertices) a pipelined segment may hold; unlimited = no bound."),
             &Options::layerPipelineMaxDegree);
    return box;
}

void OptionsEditor::applyPreset(int index)
{
    const auto preset = static_cast<kapla::OptionsPreset>(m_preset->itemData(index).toInt());
    const Options& current = m_doc->project().options;
    Options o = kapla::optionsPreset(preset);
    o.goal = current.goal;
    o.solver = current.solver;
    o.mapping = current.mapping;
    o.refetchRule = current.refetchRule;
    o.threads = current.threads;
    o.frontierPruning = current.frontierPruning;
    o.seed = current.seed;
    o.timeBudgetSeconds = current.timeBudgetSeconds;
    m_doc->setOptions(o, tr("options preset %1").arg(m_preset->itemText(index)));
}

QString OptionsEditor::problemsText() const { return m_problems->text(); }

void OptionsEditor::refresh()
{
    setEnabled(m_doc->hasProject());
    const kapla::Project& project = m_doc->project();
    if (!m_name->hasFocus()) {
        const QSignalBlocker block(m_name);
        m_name->setText(QString::fromStdString(project.name));
    }
    {
        const QSignalBlocker block(m_batch);
        m_batch->setValue(project.batch);
    }
    {
        const QSignalBlocker block(m_preset);
        m_preset->setCurrentIndex(m_preset->findData(static_cast<int>(project.options.preset)));
    }
    for (const auto& refresher : m_refreshers)
        refresher(project.options);

    QStringList problems;
    for (const auto& d : kapla::validateOptions(project.options))
        problems << QString::fromStdString(d.key + ": " + d.message).toHtmlEscaped();
    m_problems->setText(problems.isEmpty()
                            ? QString()
                            : QStringLiteral("<span style=\"color:#c62828\"><b>%1</b><br>%2</span>")
                                  .arg(tr("These options conflict:"), problems.join(QStringLiteral("<br>"))));
}
