#include "form_fields.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QRegularExpression>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <limits>

namespace {

const QString kUnlimited = QStringLiteral("unlimited");

} // namespace

RefusalBubble::RefusalBubble(QWidget* window)
    : QLabel(window)
    , m_hideTimer(new QTimer(this))
{
    setForegroundRole(QPalette::ToolTipText);
    setBackgroundRole(QPalette::ToolTipBase);
    setAutoFillBackground(true);
    setFrameShape(QFrame::Box);
    setMargin(4);
    setAttribute(Qt::WA_TransparentForMouseEvents);
    m_hideTimer->setSingleShot(true);
    m_hideTimer->setInterval(kShownMs);
    connect(m_hideTimer, &QTimer::timeout, this, &QWidget::hide);
}

void RefusalBubble::showAt(const QWidget* field, const QString& hint)
{
    QWidget* window = field->window();
    auto* bubble = window->findChild<RefusalBubble*>(QString(), Qt::FindDirectChildrenOnly);
    if (!bubble)
        bubble = new RefusalBubble(window);
    bubble->setText(hint);
    bubble->adjustSize();
    // Under the field, or above it when the window ends first.
    QPoint at = field->mapTo(window, QPoint(0, field->height() + 2));
    if (at.y() + bubble->height() > window->height())
        at.ry() -= field->height() + bubble->height() + 4;
    at.rx() = std::clamp(at.x(), 0, std::max(0, window->width() - bubble->width()));
    bubble->move(at);
    bubble->raise();
    bubble->show();
    bubble->m_hideTimer->start();
}

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

QString ScientificSpinBox::textFromValue(double v) const
{
    // While the user edits, a text that already means `v` ("0.5" rather than "5e-01") stays as typed.
    if (hasFocus()) {
        const QString typed = cleanText();
        bool ok = false;
        if (typed.toDouble(&ok) == v && ok)
            return typed;
    }
    return QString::number(v, 'g', 10);
}

QString ScientificSpinBox::numberPart(const QString& text) const
{
    QString t = text.trimmed();
    const QString unit = suffix().trimmed();
    if (!unit.isEmpty() && t.endsWith(unit))
        t.chop(unit.size());
    return t.trimmed();
}

double ScientificSpinBox::valueFromText(const QString& text) const
{
    const QString t = numberPart(text);
    if (m_unlimited && (t == kUnlimited || t == QLatin1String("inf")))
        return minimum();
    return t.toDouble();
}

QValidator::State ScientificSpinBox::validate(QString& text, int& pos) const
{
    const QValidator::State state = validateNumber(text, pos);
    if (state == QValidator::Invalid) {
        const QString range = maximum() < std::numeric_limits<double>::max()
                                ? tr("from 0 to %1").arg(QString::number(maximum(), 'g', 6))
                                : tr("of 0 or more");
        m_refusal = m_unlimited ? tr("Type a number %1, such as 25.6 or 1.5e-12, or 'unlimited'").arg(range)
                                : tr("Type a number %1, such as 25.6 or 1.5e-12").arg(range);
        RefusalBubble::showAt(this, m_refusal);
    }
    return state;
}

QValidator::State ScientificSpinBox::validateNumber(const QString& text, int&) const
{
    const QString t = numberPart(text);
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

CountSpinBox::CountSpinBox(int minimum, int maximum, QWidget* parent)
    : QSpinBox(parent)
{
    setRange(minimum, maximum);
    setGroupSeparatorShown(true);
    setAccelerated(true);
    setAlignment(Qt::AlignRight | Qt::AlignVCenter);
}

QString CountSpinBox::textFromValue(int value) const
{
    // Qt keeps the cursor's index when it rewrites the text; after a group separator appears
    // ("6553" -> "6,553") the next digit would land one place early. So while the user edits, a text
    // that already means `value` stays as typed; it gets its separators when the field loses focus.
    if (hasFocus()) {
        const QString typed = cleanText();
        bool ok = false;
        if (locale().toInt(QString(typed).remove(locale().groupSeparator()), &ok) == value && ok)
            return typed;
    }
    return QSpinBox::textFromValue(value);
}

QValidator::State CountSpinBox::validate(QString& text, int& pos) const
{
    const QValidator::State state = QSpinBox::validate(text, pos);
    if (state == QValidator::Invalid) {
        m_refusal = tr("Type a whole number from %1 to %2%3")
                        .arg(locale().toString(minimum()), locale().toString(maximum()), suffix());
        RefusalBubble::showAt(this, m_refusal);
    }
    return state;
}

DimEdit::DimEdit(int minimum, int maximum, QWidget* parent)
    : QWidget(parent)
    , m_h(new CountSpinBox(minimum, maximum))
    , m_w(new CountSpinBox(minimum, maximum))
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

void setUnitSuffix(QAbstractSpinBox* field, const QString& unit)
{
    const QString suffix = unit.isEmpty() ? QString() : QStringLiteral(" %1").arg(unit);
    if (auto* whole = qobject_cast<QSpinBox*>(field))
        whole->setSuffix(suffix);
    else if (auto* real = qobject_cast<QDoubleSpinBox*>(field))
        real->setSuffix(suffix);
}

QString exactNumberText(double value, const QLocale& locale)
{
    if (std::isinf(value))
        return QObject::tr("unlimited");
    const QString shortest = QString::number(value, 'g', 10);
    if (shortest.contains(QLatin1Char('e')))
        return shortest;
    const auto point = shortest.indexOf(QLatin1Char('.'));
    return locale.toString(value, 'f', point < 0 ? 0 : static_cast<int>(shortest.size() - point - 1));
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
