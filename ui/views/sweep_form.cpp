#include "views/sweep_form.h"

#include "form_fields.h"

#include "session/qt_text.h"
#include "sweep/sweep_parameters.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace {

using Values = SweepDraftParameter::Values;

QString problemText(const QString& message)
{
    return message.isEmpty() ? QString()
                             : QStringLiteral("<span style=\"color:#c62828\">%1</span>").arg(message.toHtmlEscaped());
}

ScientificSpinBox* rangeBox(double value)
{
    auto* box = new ScientificSpinBox;
    box->setNumber(value);
    return box;
}

// Ready-to-run values of the first and second parameter: 4 GBUF sizes, 2 PE arrays.
void setExample(QComboBox* name, QComboBox* kind, QLineEdit* list, ScientificSpinBox* from, ScientificSpinBox* to,
                ScientificSpinBox* by, bool first)
{
    name->setCurrentIndex(
        name->findText(first ? QStringLiteral("architecture.gbuf_bytes") : QStringLiteral("architecture.pe_array")));
    kind->setCurrentIndex(static_cast<int>(first ? Values::Step : Values::List));
    list->setText(first ? QStringLiteral("16384, 32768, 65536") : QStringLiteral("8x8, 16x16"));
    from->setNumber(first ? 16384 : 8);
    to->setNumber(first ? 65536 : 16);
    by->setNumber(first ? 16384 : 2);
}

} // namespace

SweepForm::SweepForm(QWidget* parent)
    : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(buildRow(m_rows[0]));
    m_second = new QCheckBox(tr("Second parameter"));
    m_second->setToolTip(tr("Vary a second parameter too: a heat map of the energy over both"));
    layout->addWidget(m_second);
    m_secondRow = buildRow(m_rows[1]);
    layout->addWidget(m_secondRow);

    auto* form = new QFormLayout;
    m_combine = new QComboBox;
    m_combine->addItem(tr("Grid (every combination)"));
    m_combine->addItem(tr("Zip (the n-th values together)"));
    m_combine->setToolTip(tr("Grid solves every pair of values; zip pairs the first values, the second values, …"));
    form->addRow(tr("Combine:"), m_combine);
    m_solver = new QComboBox;
    for (const auto kind :
         {kapla::SolverKind::Kapla, kapla::SolverKind::Exhaustive, kapla::SolverKind::Random, kapla::SolverKind::Ml})
        m_solver->addItem(QString::fromUtf8(kapla::solverKeyword(kind)), static_cast<int>(kind));
    m_solver->setToolTip(tr("The search that solves every point"));
    form->addRow(tr("Solver:"), m_solver);
    layout->addLayout(form);
    m_problem = new QLabel;
    m_problem->setWordWrap(true);
    m_problem->setTextFormat(Qt::RichText);
    layout->addWidget(m_problem);

    setExample(m_rows[0].name, m_rows[0].kind, m_rows[0].list, m_rows[0].from, m_rows[0].to, m_rows[0].by, true);
    setExample(m_rows[1].name, m_rows[1].kind, m_rows[1].list, m_rows[1].from, m_rows[1].to, m_rows[1].by, false);
    connect(m_second, &QCheckBox::toggled, this, [this] {
        updateEnabled();
        Q_EMIT changed();
    });
    connect(m_combine, &QComboBox::currentIndexChanged, this, &SweepForm::changed);
    connect(m_solver, &QComboBox::currentIndexChanged, this, &SweepForm::changed);
    updateEnabled();
}

QWidget* SweepForm::buildRow(Row& row)
{
    auto* box = new QWidget;
    auto* form = new QFormLayout(box);
    form->setContentsMargins(0, 0, 0, 0);
    row.name = new QComboBox;
    for (const kapla::SweepParameterInfo& info : kapla::sweepParameterTable()) {
        row.name->addItem(QString::fromUtf8(info.name.data(), static_cast<qsizetype>(info.name.size())));
        row.name->setItemData(row.name->count() - 1,
                              QString::fromUtf8(info.description.data(),
                                                static_cast<qsizetype>(info.description.size())),
                              Qt::ToolTipRole);
    }
    row.kind = new QComboBox;
    row.kind->addItems({tr("List of values"), tr("Range by step"), tr("Range by factor")});
    row.kind->setToolTip(tr("A list (comma-separated, 16x16 for a mesh or array), or from/to with a step (linear) "
                            "or a factor (geometric); `to` is included when the steps reach it"));
    row.list = new QLineEdit;
    row.list->setPlaceholderText(tr("e.g. 16384, 32768, 65536"));
    row.from = rangeBox(0);
    row.to = rangeBox(0);
    row.by = rangeBox(0);
    auto* range = new QWidget;
    auto* rangeLayout = new QFormLayout(range);
    rangeLayout->setContentsMargins(0, 0, 0, 0);
    rangeLayout->addRow(tr("from"), row.from);
    rangeLayout->addRow(tr("to"), row.to);
    row.byLabel = new QLabel;
    rangeLayout->addRow(row.byLabel, row.by);
    row.pages = new QStackedWidget;
    row.pages->addWidget(row.list);
    row.pages->addWidget(range);
    row.pages->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    row.problem = new QLabel;
    row.problem->setWordWrap(true);
    row.problem->setTextFormat(Qt::RichText);
    form->addRow(tr("Parameter:"), row.name);
    form->addRow(tr("Values:"), row.kind);
    form->addRow(QString(), row.pages);
    form->addRow(QString(), row.problem);

    const auto showKind = [row] {
        row.pages->setCurrentIndex(row.kind->currentIndex() == 0 ? 0 : 1);
        row.byLabel->setText(row.kind->currentIndex() == static_cast<int>(Values::Factor) ? tr("factor") : tr("step"));
    };
    const auto showName = [row] { row.name->setToolTip(row.name->currentData(Qt::ToolTipRole).toString()); };
    connect(row.kind, &QComboBox::currentIndexChanged, this, [this, showKind] {
        showKind();
        Q_EMIT changed();
    });
    connect(row.name, &QComboBox::currentIndexChanged, this, [this, showName] {
        showName();
        Q_EMIT changed();
    });
    connect(row.list, &QLineEdit::textChanged, this, &SweepForm::changed);
    for (ScientificSpinBox* b : {row.from, row.to, row.by})
        connect(b, &QDoubleSpinBox::valueChanged, this, &SweepForm::changed);
    showKind();
    showName();
    return box;
}

void SweepForm::updateEnabled()
{
    m_secondRow->setVisible(m_second->isChecked());
    m_combine->setEnabled(m_second->isChecked());
}

SweepDraftParameter SweepForm::parameter(const Row& row) const
{
    SweepDraftParameter p;
    p.name = row.name->currentText().toStdString();
    p.values = static_cast<Values>(row.kind->currentIndex());
    p.list = row.list->text().toStdString();
    p.from = row.from->number();
    p.to = row.to->number();
    p.by = row.by->number();
    return p;
}

SweepDraft SweepForm::draft() const
{
    SweepDraft d;
    d.parameters.push_back(parameter(m_rows[0]));
    if (m_second->isChecked())
        d.parameters.push_back(parameter(m_rows[1]));
    d.zip = m_combine->currentIndex() == 1;
    d.solver = static_cast<kapla::SolverKind>(m_solver->currentData().toInt());
    d.name = d.parameters[0].name;
    if (d.parameters.size() > 1)
        d.name.append(" × ").append(d.parameters[1].name);
    return d;
}

void SweepForm::showProblems(const kapla::Diagnostics& problems)
{
    const SweepDraft d = draft();
    std::vector<const kapla::Diagnostic*> shown;
    for (std::size_t p = 0; p < m_rows.size(); ++p) {
        const kapla::Diagnostic* problem = p < d.parameters.size() ? parameterProblem(problems, d.parameters[p].name)
                                                                   : nullptr;
        m_rows[p].problem->setText(problem ? problemText(toQString(problem->message)) : QString());
        m_rows[p].problem->setVisible(problem != nullptr);
        shown.push_back(problem);
    }
    QString rest;
    for (const kapla::Diagnostic& problem : problems)
        if (rest.isEmpty() && std::find(shown.begin(), shown.end(), &problem) == shown.end())
            rest = toQString(problem.message);
    m_problem->setText(problemText(rest));
    m_problem->setVisible(!rest.isEmpty());
}
