#pragma once
// Editor widgets shared by the architecture and options forms.

#include <QDoubleSpinBox>
#include <QLabel>
#include <QList>
#include <QLocale>
#include <QSpinBox>
#include <QWidget>

class QFormLayout;
class QGroupBox;
class QTimer;

/// A double spin box for numbers of any magnitude (energies of 1e-13 J, bandwidths of 1e3 words):
/// shows up to 10 significant digits, accepts scientific notation and steps by 10 %. With
/// setUnlimitedAllowed(), 0 is shown and typed as "unlimited" and stands for infinity. While it has
/// focus, text typed is kept as typed; a refused keystroke shows why (refusalHint()).
class ScientificSpinBox : public QDoubleSpinBox
{
    Q_OBJECT

public:
    explicit ScientificSpinBox(QWidget* parent = nullptr);

    void setUnlimitedAllowed(bool allowed);
    /// The value, with "unlimited" as infinity.
    double number() const;
    /// Shows a value; infinity as "unlimited" when allowed.
    void setNumber(double value);

    QString textFromValue(double value) const override;
    double valueFromText(const QString& text) const override;
    QValidator::State validate(QString& text, int& pos) const override;
    void stepBy(int steps) override;
    /// Why the last refused keystroke or paste was refused (shown under the field).
    QString refusalHint() const { return m_refusal; }

private:
    QValidator::State validateNumber(const QString& text, int& pos) const;
    /// The text without the unit suffix, trimmed.
    QString numberPart(const QString& text) const;

    bool m_unlimited = false;
    mutable QString m_refusal;
};

/// A spin box for whole numbers (sizes, channels, batch) with group separators ("65,536"). While it
/// has focus the digits stay as typed, so a form refreshed on every keystroke cannot move them; a
/// refused keystroke or paste (a minus sign, a letter, too many digits) shows why instead of vanishing.
class CountSpinBox : public QSpinBox
{
    Q_OBJECT

public:
    CountSpinBox(int minimum, int maximum, QWidget* parent = nullptr);

    QString textFromValue(int value) const override;
    QValidator::State validate(QString& text, int& pos) const override;
    /// Why the last refused keystroke or paste was refused (shown under the field).
    QString refusalHint() const { return m_refusal; }

private:
    mutable QString m_refusal;
};

/// Two spin boxes "h × w" for a mesh or array size.
class DimEdit : public QWidget
{
    Q_OBJECT

public:
    explicit DimEdit(int minimum = 1, int maximum = 4096, QWidget* parent = nullptr);

    int h() const { return m_h->value(); }
    int w() const { return m_w->value(); }
    void setDim(int h, int w);
    void setToolTips(const QString& tip);
    CountSpinBox* hBox() const { return m_h; }
    CountSpinBox* wBox() const { return m_w; }

Q_SIGNALS:
    /// Either number changed (typing or stepping).
    void dimChanged(int h, int w);
    void editingFinished();

private:
    CountSpinBox* m_h;
    CountSpinBox* m_w;
};

/// Why a field refused what was typed, shown where the user looks: just under the field, for a few
/// seconds. A label in the field's window rather than a tooltip, which the next key release would hide.
class RefusalBubble : public QLabel
{
    Q_OBJECT

public:
    static constexpr int kShownMs = 4000;

    /// Shows `hint` under `field` (one bubble per window, reused).
    static void showAt(const QWidget* field, const QString& hint);

private:
    explicit RefusalBubble(QWidget* window);

    QTimer* m_hideTimer;
};

/// Shows `unit` after the number of a QSpinBox or QDoubleSpinBox ("65,536 bytes"); empty for none.
void setUnitSuffix(QAbstractSpinBox* field, const QString& unit);

/// A figure unrounded, with grouped digits: "32,440.32", "12.8", "1.5e-12", "unlimited".
QString exactNumberText(double value, const QLocale& locale = QLocale());

/// A titled group box holding a new form (`form`) laid out like every other form of the editors:
/// right-aligned labels, fields that grow.
QGroupBox* formGroupBox(const QString& title, QFormLayout*& form);

/// Gives the labels of several forms one width, so that their fields line up as one column.
void alignFormLabels(const QList<QFormLayout*>& forms);
