#include "form_fields.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QRegularExpression>

#include <cmath>
#include <limits>

namespace {

const QString kUnlimited = QStringLiteral("unlimited");

} // namespace

ScientificSpinBox::ScientificSpinBox(QWidget* parent)
    : QDoubleSpinBox(parent)
{
    // QDoubleSpinBox rounds to decimals(); the largest setting keeps every digit a user writes.
    setDecimals(323);
    setRange(0, std::numeric_limits<double>::max());
    setKeyboardTracking(false);
    setAccelerated(true);
    setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("0.0000000000e-00")) + 24);
}

void ScientificSpinBox::setUnlimitedAllowed(bool allowed)
{
    m_unlimited = allowed;
    setSpecialValueText(allowed ? kUnlimited : QString());
}

double ScientificSpinBox::number() const
{
    return m_unlimited && value() == minimum() ? std::numeric_limits<double>::infinity() : value();
}

void ScientificSpinBox::setNumber(double v) { setValue(std::isinf(v) && m_unlimited ? minimum() : v); }

QString ScientificSpinBox::textFromValue(double v) const { return QString::number(v, 'g', 10); }

double ScientificSpinBox::valueFromText(const QString& text) const
{
    const QString t = text.trimmed();
    if (m_unlimited && (t == kUnlimited || t == QLatin1String("inf")))
        return minimum();
    return t.toDouble();
}

QValidator::State ScientificSpinBox::validate(QString& text, int&) const
{
    const QString t = text.trimmed();
    if (t.isEmpty())
        return QValidator::Intermediate;
    if (m_unlimited && (t == kUnlimited || t == QLatin1String("inf")))
        return QValidator::Acceptable;
    if (m_unlimited && (kUnlimited.startsWith(t) || QStringLiteral("inf").startsWith(t)))
        return QValidator::Intermediate;
    bool ok = false;
    const double v = t.toDouble(&ok);
    if (ok)
        return v >= minimum() && v <= maximum() ? QValidator::Acceptable : QValidator::Invalid;
    // Half-typed numbers: "1e", "1e-", "-", "."
    static const QRegularExpression partial(QStringLiteral("^[0-9]*\\.?[0-9]*([eE][-+]?[0-9]*)?$"));
    return partial.match(t).hasMatch() ? QValidator::Intermediate : QValidator::Invalid;
}

void ScientificSpinBox::stepBy(int steps)
{
    const double v = value();
    if (v <= 0) {
        setValue(steps > 0 ? 1.0 : 0.0);
        return;
    }
    setValue(v * std::pow(1.1, steps));
}

DimEdit::DimEdit(int minimum, int maximum, QWidget* parent)
    : QWidget(parent)
    , m_h(makeCountSpinBox(minimum, maximum))
    , m_w(makeCountSpinBox(minimum, maximum))
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addWidget(m_h, 1);
    layout->addWidget(new QLabel(QStringLiteral("×")));
    layout->addWidget(m_w, 1);
    const auto changed = [this] { Q_EMIT dimChanged(m_h->value(), m_w->value()); };
    connect(m_h, &QSpinBox::valueChanged, this, changed);
    connect(m_w, &QSpinBox::valueChanged, this, changed);
    connect(m_h, &QSpinBox::editingFinished, this, &DimEdit::editingFinished);
    connect(m_w, &QSpinBox::editingFinished, this, &DimEdit::editingFinished);
    setFocusProxy(m_h);
}

void DimEdit::setDim(int h, int w)
{
    const QSignalBlocker bh(m_h);
    const QSignalBlocker bw(m_w);
    m_h->setValue(h);
    m_w->setValue(w);
}

void DimEdit::setToolTips(const QString& tip)
{
    m_h->setToolTip(tip + tr(" (height)"));
    m_w->setToolTip(tip + tr(" (width)"));
}

QSpinBox* makeCountSpinBox(int minimum, int maximum, QWidget* parent)
{
    auto* box = new QSpinBox(parent);
    box->setRange(minimum, maximum);
    box->setGroupSeparatorShown(true);
    box->setAccelerated(true);
    box->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return box;
}

QGroupBox* formGroupBox(const QString& title, QFormLayout*& form)
{
    auto* box = new QGroupBox(title);
    form = new QFormLayout(box);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setHorizontalSpacing(12);
    return box;
}

void alignFormLabels(const QList<QFormLayout*>& forms)
{
    int width = 0;
    QList<QWidget*> labels;
    for (QFormLayout* form : forms)
        for (int row = 0; row < form->rowCount(); ++row)
            if (QLayoutItem* item = form->itemAt(row, QFormLayout::LabelRole); item && item->widget()) {
                labels << item->widget();
                width = std::max(width, item->widget()->sizeHint().width());
                // A label wider than its text keeps the form's alignment inside itself.
                if (auto* label = qobject_cast<QLabel*>(item->widget()))
                    label->setAlignment(form->labelAlignment());
            }
    for (QWidget* label : labels)
        label->setMinimumWidth(width);
}
