#pragma once
// Editor widgets shared by the architecture and options forms.

#include <QDoubleSpinBox>
#include <QList>
#include <QSpinBox>
#include <QWidget>

class QFormLayout;
class QGroupBox;

/// A double spin box for numbers of any magnitude (energies of 1e-13 J, bandwidths of 1e3 words):
/// shows up to 10 significant digits, accepts scientific notation and steps by 10 %. With
/// setUnlimitedAllowed(), 0 is shown and typed as "unlimited" and stands for infinity.
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

private:
    bool m_unlimited = false;
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
    QSpinBox* hBox() const { return m_h; }
    QSpinBox* wBox() const { return m_w; }

Q_SIGNALS:
    /// Either number changed (typing or stepping).
    void dimChanged(int h, int w);
    void editingFinished();

private:
    QSpinBox* m_h;
    QSpinBox* m_w;
};

/// A spin box that accepts any positive int (sizes in bytes or words, channels, batch).
QSpinBox* makeCountSpinBox(int minimum, int maximum, QWidget* parent = nullptr);

/// A titled group box holding a new form (`form`) laid out like every other form of the editors:
/// right-aligned labels, fields that grow.
QGroupBox* formGroupBox(const QString& title, QFormLayout*& form);

/// Gives the labels of several forms one width, so that their fields line up as one column.
void alignFormLabels(const QList<QFormLayout*>& forms);
