// Every number field of the editors (offscreen, with keyboard focus as a user has it): digits typed
// one by one, a paste and the Up/Down keys give exactly the value typed, in the field and in the
// project; a refused keystroke shows why. Fields are found by type, so a new field is covered.

#include "architecture_editor.h"
#include "form_fields.h"
#include "main_window.h"
#include "network_editor.h"
#include "options_editor.h"

#include "model/limits.h"
#include "session/layer_table_model.h"
#include "session/project_document.h"

#include <QAbstractProxyModel>
#include <QAbstractSpinBox>
#include <QClipboard>
#include <QComboBox>
#include <QGuiApplication>
#include <QLineEdit>
#include <QLocale>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

#include <array>
#include <cmath>

namespace {

const QString kSource = QStringLiteral(KAPLA_SOURCE_DIR);

// Values of several digits (so that group separators appear while typing), the first in range wins.
constexpr std::array<int, 7> kWholeValues{131072, 65536, 12345, 1234, 987, 64, 33};

int wholeValueFor(const QSpinBox* box)
{
    for (int v : kWholeValues)
        if (v >= box->minimum() && v <= box->maximum() && v != box->value())
            return v;
    return box->maximum();
}

// Focuses `box` as a click or Tab would; Qt then selects its text, so typing replaces it.
bool focusField(QAbstractSpinBox* box)
{
    box->setFocus(Qt::TabFocusReason);
    return QTest::qWaitFor([box] { return box->hasFocus(); }, 1000);
}

// Moves the focus elsewhere: the field then shows its value formatted.
void leaveField(QWidget* elsewhere) { elsewhere->setFocus(Qt::TabFocusReason); }

QString describe(const QAbstractSpinBox* box)
{
    return box->toolTip().isEmpty() ? QString::fromUtf8(box->metaObject()->className()) : box->toolTip();
}

// The editor's number fields the user can reach now.
QList<QAbstractSpinBox*> visibleFields(QWidget* editor)
{
    QList<QAbstractSpinBox*> out;
    for (QAbstractSpinBox* box : editor->findChildren<QAbstractSpinBox*>())
        if (box->isVisibleTo(editor) && box->isEnabled())
            out << box;
    return out;
}

} // namespace

class TestNumberFields : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void digitsStayInPlace();
    void everyArchitectureFieldKaplaHardware();
    void everyArchitectureFieldExplicit();
    void everyOptionsField();
    void layerTableChannels();
    void refusedKeystrokeSaysWhy();

private:
    /// Types, pastes and steps a value in every visible number field of `editor`.
    void checkEveryField(QWidget* editor);
    /// `leaveBetween`: the field survives losing focus (a table's cell editor does not).
    void checkWholeField(CountSpinBox* box, bool leaveBetween = true);
    void checkRealField(ScientificSpinBox* box);

    std::unique_ptr<MainWindow> m_window;
    int m_lastWhole = 0; ///< the value checkWholeField left in its field
};

void TestNumberFields::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setApplicationName(QStringLiteral("kapla-ui-tests"));
    // A locale that groups digits, as the users who saw the digits move have.
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestNumberFields::init()
{
    m_window = std::make_unique<MainWindow>();
    QVERIFY(m_window->loadProject(kSource + "/sample_projects/alexnet-16x16.yaml", nullptr));
    m_window->show();
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
}

void TestNumberFields::cleanup() { m_window.reset(); }

void TestNumberFields::checkWholeField(CountSpinBox* box, bool leaveBetween)
{
    const int v = wholeValueFor(box);
    const QString what = describe(box);
    QVERIFY2(focusField(box), qPrintable(what));
    QTest::keyClicks(box, QString::number(v));
    QVERIFY2(box->value() == v, qPrintable(QStringLiteral("%1: typed %2, got %3").arg(what).arg(v).arg(box->value())));
    if (leaveBetween) {
        leaveField(m_window->editorTabs()->tabBar());
        QCOMPARE(box->value(), v);
        QCOMPARE(box->cleanText(), box->locale().toString(v)); // separators once the field is left
        QVERIFY2(focusField(box), qPrintable(what));
    } else {
        box->selectAll();
    }

    const int pasted = v == box->maximum() ? box->minimum() : v / 2 + 1;
    QGuiApplication::clipboard()->setText(box->locale().toString(pasted));
    QTest::keyClick(box, Qt::Key_V, Qt::ControlModifier);
    QVERIFY2(box->value() == pasted,
             qPrintable(QStringLiteral("%1: pasted %2, got %3").arg(what).arg(pasted).arg(box->value())));

    QTest::keyClick(box, Qt::Key_Up);
    QCOMPARE(box->value(), pasted + 1);
    QTest::keyClick(box, Qt::Key_Down);
    QCOMPARE(box->value(), pasted);
    m_lastWhole = box->value();
    leaveField(m_window->editorTabs()->tabBar());
}

void TestNumberFields::checkRealField(ScientificSpinBox* box)
{
    const QString what = describe(box);
    for (const QString& typed : {QStringLiteral("25.6"), QStringLiteral("1.75e-10"), QStringLiteral("175.25")}) {
        QVERIFY2(focusField(box), qPrintable(what));
        QTest::keyClicks(box, typed);
        QTest::keyClick(box, Qt::Key_Return);
        QVERIFY2(box->number() == typed.toDouble(),
                 qPrintable(QStringLiteral("%1: typed %2, got %3").arg(what, typed).arg(box->number(), 0, 'g', 17)));
        leaveField(m_window->editorTabs()->tabBar());
        QCOMPARE(box->number(), typed.toDouble());
        QCOMPARE(box->cleanText(), QString::number(typed.toDouble(), 'g', 10)); // unrounded
    }

    QGuiApplication::clipboard()->setText(QStringLiteral("0.3125"));
    QVERIFY2(focusField(box), qPrintable(what));
    QTest::keyClick(box, Qt::Key_V, Qt::ControlModifier);
    QTest::keyClick(box, Qt::Key_Return);
    QCOMPARE(box->number(), 0.3125);

    QTest::keyClick(box, Qt::Key_Up);
    QVERIFY2(std::abs(box->number() - 0.3125 * 1.1) < 1e-12, qPrintable(what));
    QTest::keyClick(box, Qt::Key_Down);
    QVERIFY2(std::abs(box->number() - 0.3125) < 1e-12, qPrintable(what));
    leaveField(m_window->editorTabs()->tabBar());
}

void TestNumberFields::checkEveryField(QWidget* editor)
{
    const QList<QAbstractSpinBox*> fields = visibleFields(editor);
    QVERIFY(!fields.isEmpty());
    for (QAbstractSpinBox* field : fields) {
        if (auto* whole = qobject_cast<CountSpinBox*>(field))
            checkWholeField(whole);
        else if (auto* real = qobject_cast<ScientificSpinBox*>(field))
            checkRealField(real);
        else
            QFAIL(qPrintable(
                QStringLiteral("%1 is neither a CountSpinBox nor a ScientificSpinBox").arg(describe(field))));
        if (QTest::currentTestFailed())
            return;
    }
}

void TestNumberFields::digitsStayInPlace()
{
    // The digits typed one by one, while the form refreshes from the project after each of them.
    m_window->showTab(MainWindow::Tab::Architecture);
    ArchitectureEditor* editor = m_window->architectureEditor();
    CountSpinBox* gbuf = nullptr;
    for (CountSpinBox* box : editor->findChildren<CountSpinBox*>())
        if (box->isVisibleTo(editor) && box->value() == 32768)
            gbuf = box;
    QVERIFY(gbuf);
    const auto gbufBytes = [this] {
        return std::get<kapla::KaplaHardware>(m_window->document()->project().architecture.hardware).gbufSizeBytes;
    };
    for (int typed : {65536, 131072}) {
        QVERIFY(focusField(gbuf));
        QTest::keyClicks(gbuf, QString::number(typed));
        QCOMPARE(gbuf->value(), typed);
        QCOMPARE(gbufBytes(), typed);
        leaveField(m_window->editorTabs()->tabBar());
        QCOMPARE(gbuf->cleanText(), gbuf->locale().toString(typed));
    }

    m_window->showTab(MainWindow::Tab::Options);
    auto* batch = qobject_cast<CountSpinBox*>(m_window->optionsEditor()->batchBox());
    QVERIFY(batch);
    QVERIFY(focusField(batch));
    QTest::keyClicks(batch, QStringLiteral("12345"));
    QCOMPARE(batch->value(), 12345);
    QCOMPARE(m_window->document()->project().batch, 12345);
}

void TestNumberFields::everyArchitectureFieldKaplaHardware()
{
    m_window->showTab(MainWindow::Tab::Architecture);
    checkEveryField(m_window->architectureEditor());
}

void TestNumberFields::everyArchitectureFieldExplicit()
{
    m_window->showTab(MainWindow::Tab::Architecture);
    ArchitectureEditor* editor = m_window->architectureEditor();
    const int eyeriss = editor->presets()->findText(QStringLiteral("Eyeriss single node"));
    QVERIFY(eyeriss > 0);
    Q_EMIT editor->presets()->activated(eyeriss);
    QVERIFY(std::holds_alternative<kapla::ExplicitHardware>(m_window->document()->project().architecture.hardware));
    checkEveryField(editor);
}

void TestNumberFields::everyOptionsField()
{
    m_window->showTab(MainWindow::Tab::Options);
    checkEveryField(m_window->optionsEditor());
}

void TestNumberFields::layerTableChannels()
{
    m_window->showTab(MainWindow::Tab::Network);
    QTableView* table = m_window->layerView();
    LayerTableModel* model = m_window->layerModel();
    for (const auto column : {LayerTableModel::Column::Nifm, LayerTableModel::Column::Nofm}) {
        const QModelIndex source = model->index(0, static_cast<int>(column));
        QVERIFY(model->flags(source) & Qt::ItemIsEditable);
        const auto* proxy = qobject_cast<const QAbstractProxyModel*>(table->model());
        const QModelIndex cell = proxy ? proxy->mapFromSource(source) : source;
        table->setCurrentIndex(cell);
        table->edit(cell);
        auto* editor = qobject_cast<CountSpinBox*>(table->indexWidget(cell));
        QVERIFY(editor);
        QVERIFY(focusField(editor));
        checkWholeField(editor, false); // ends by leaving the cell, which commits it
        if (QTest::currentTestFailed())
            return;
        const int committed = model->data(source, Qt::EditRole).toInt();
        QCOMPARE(committed, m_lastWhole);

        table->edit(cell);
        editor = qobject_cast<CountSpinBox*>(table->indexWidget(cell));
        QVERIFY(editor && focusField(editor));
        QTest::keyClicks(editor, QStringLiteral("-4"));
        QVERIFY(!editor->refusalHint().isEmpty());
        QCOMPARE(editor->value(), 4);            // the minus sign was refused, visibly; the 4 was taken
        QTest::keyClick(editor, Qt::Key_Return); // the delegate commits from the event loop
        QTRY_COMPARE(model->data(source, Qt::EditRole).toInt(), 4);
        QVERIFY(committed != 4);
    }
}

void TestNumberFields::refusedKeystrokeSaysWhy()
{
    m_window->showTab(MainWindow::Tab::Options);
    auto* batch = qobject_cast<CountSpinBox*>(m_window->optionsEditor()->batchBox());
    QVERIFY(batch && focusField(batch));
    const int before = batch->value();
    QTest::keyClick(batch, Qt::Key_Minus);
    QCOMPARE(batch->value(), before);
    QVERIFY2(batch->refusalHint().contains(QStringLiteral("whole number from 1 to")), qPrintable(batch->refusalHint()));
    auto* bubble = m_window->findChild<RefusalBubble*>();
    QVERIFY(bubble && bubble->isVisible());
    QCOMPARE(bubble->text(), batch->refusalHint());

    m_window->showTab(MainWindow::Tab::Architecture);
    ScientificSpinBox* energy = m_window->architectureEditor()->findChild<ScientificSpinBox*>();
    QVERIFY(energy);
    for (QAbstractSpinBox* box : visibleFields(m_window->architectureEditor()))
        if (auto* real = qobject_cast<ScientificSpinBox*>(box))
            energy = real;
    QVERIFY(focusField(energy));
    const double value = energy->number();
    QTest::keyClicks(energy, QStringLiteral("x"));
    QCOMPARE(energy->number(), value);
    QVERIFY2(energy->refusalHint().contains(QStringLiteral("25.6")), qPrintable(energy->refusalHint()));
    QVERIFY(bubble->isVisible());
    QCOMPARE(bubble->text(), energy->refusalHint());

    // An energy per event beyond what the file readers take cannot be typed: the GUI never writes a
    // file that it cannot read back. "1e3" is taken, the "1" that would make it 1e31 is refused.
    QCOMPARE(energy->maximum(), kapla::limits::kMaxEventEnergy);
    QVERIFY(focusField(energy));
    QTest::keyClicks(energy, QStringLiteral("1e31"));
    QTest::keyClick(energy, Qt::Key_Return);
    QCOMPARE(energy->number(), 1e3);
    QVERIFY2(energy->refusalHint().contains(QStringLiteral("from 0 to 1e+30")), qPrintable(energy->refusalHint()));
}

QTEST_MAIN(TestNumberFields)
#include "tst_number_fields.moc"
