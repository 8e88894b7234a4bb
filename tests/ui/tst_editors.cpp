// The editors (offscreen): the network YAML view (idle apply, error marks, one undo step), table and
// text selecting each other, the architecture form with its preview and presets, the options form,
// and a tooltip on every editor field.

#include "architecture_editor.h"
#include "form_fields.h"
#include "main_window.h"
#include "mesh_preview.h"
#include "network_editor.h"
#include "network_yaml_editor.h"
#include "options_editor.h"
#include "yaml_text_edit.h"

#include "session/layer_table_model.h"
#include "session/project_document.h"

#include <QAbstractSpinBox>
#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QTextBlock>
#include <QUndoStack>

#include <cmath>
#include <limits>

namespace {

const QString kSource = QStringLiteral(KAPLA_SOURCE_DIR);

void replaceText(YamlTextEdit* edit, const QString& from, const QString& to)
{
    QString text = edit->toPlainText();
    text.replace(from, to);
    // Through a cursor, as typing would: the editor sees a user edit.
    QTextCursor cursor(edit->document());
    cursor.select(QTextCursor::Document);
    cursor.insertText(text);
}

template <typename Hw>
const Hw& hardware(const ProjectDocument& doc)
{
    return std::get<Hw>(doc.project().architecture.hardware);
}

} // namespace

class TestEditors : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void yamlAppliesAfterIdle();
    void yamlMarksErrors();
    void yamlReadOnlyWhileTableInvalid();
    void tableAndTextSelectEachOther();
    void addRemoveMoveLayers();
    void architectureFormEdits();
    void architecturePresets();
    void meshPreviewFollows();
    void optionsFormEdits();
    void everyFieldHasATooltip();
    void scientificSpinBox();
};

void TestEditors::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setApplicationName(QStringLiteral("kapla-ui-tests"));
}

void TestEditors::yamlAppliesAfterIdle()
{
    MainWindow window;
    QVERIFY(window.loadProject(kSource + "/sample_projects/alexnet-16x16.yaml", nullptr));
    NetworkYamlEditor* yaml = window.networkEditor()->yamlEditor();
    yaml->setIdleDelay(50);
    ProjectDocument* doc = window.document();
    const std::string before = doc->toYaml({}, ProjectDocument::Inline::All);

    replaceText(yaml->textEdit(), QStringLiteral("{name: fc3, type: fc, nifm: 4096, nofm: 1000"),
                QStringLiteral("{name: fc3, type: fc, nifm: 4096, nofm: 10"));
    QCOMPARE(doc->undoStack()->count(), 0); // not before the idle delay
    QTRY_COMPARE(doc->undoStack()->count(), 1);
    QCOMPARE(doc->project().network.at(kapla::LayerId{18}).layer.nofm(), 10);
    QCOMPARE(window.layerView()->model()->index(18, static_cast<int>(LayerTableModel::Column::Nofm)).data().toString(),
             QStringLiteral("10"));
    QVERIFY2(yaml->statusText().startsWith(QStringLiteral("Applied")), qPrintable(yaml->statusText()));

    window.undoAction()->trigger();
    QCOMPARE(doc->toYaml({}, ProjectDocument::Inline::All), before);
    QVERIFY(yaml->textEdit()->toPlainText().contains(QStringLiteral("nofm: 1000")));
}

void TestEditors::yamlMarksErrors()
{
    MainWindow window;
    QVERIFY(window.loadProject(kSource + "/sample_projects/alexnet-16x16.yaml", nullptr));
    NetworkYamlEditor* yaml = window.networkEditor()->yamlEditor();
    ProjectDocument* doc = window.document();
    const int line = yaml->lineOfLayer(QStringLiteral("conv2_a")) + 1;
    QVERIFY(line > 1);

    replaceText(yaml->textEdit(), QStringLiteral("{name: conv2_a, type: conv, nifm: 48"),
                QStringLiteral("{name: conv2_a, type: conv, nifm: 4x8"));
    QVERIFY(!yaml->applyNow());
    QCOMPARE(doc->undoStack()->count(), 0);
    // The first error is the cause; the consumers of conv2_a follow with unknown producers.
    const auto& marks = yaml->textEdit()->marks();
    QVERIFY(!marks.empty());
    QCOMPARE(marks.front().line, line);
    const int column = static_cast<int>(yaml->textEdit()->document()->findBlockByNumber(line - 1).text().indexOf(
                           QStringLiteral("4x8")))
                     + 1;
    QCOMPARE(marks.front().column, column);
    QVERIFY2(marks.front().message.contains(QStringLiteral("nifm")), qPrintable(marks.front().message));
    QVERIFY2(yaml->statusText().startsWith(QStringLiteral("Line %1, column %2").arg(line).arg(column)),
             qPrintable(yaml->statusText()));
    const int position = yaml->textEdit()->document()->findBlockByNumber(line - 1).position() + column;
    QVERIFY(yaml->textEdit()->markMessageAt(position).startsWith(marks.front().message));
    // Underlined: a wavy selection over "4x8", besides the tinted line.
    bool underlined = false;
    for (const auto& selection : yaml->textEdit()->extraSelections())
        underlined |= selection.format.underlineStyle() == QTextCharFormat::WaveUnderline
                   && selection.cursor.selectedText() == QStringLiteral("4x8");
    QVERIFY(underlined);

    // A model error (channels do not match) is pinned to its key too.
    replaceText(yaml->textEdit(), QStringLiteral("conv2_a, type: conv, nifm: 4x8"),
                QStringLiteral("conv2_a, type: conv, nifm: 40"));
    QVERIFY(!yaml->applyNow());
    QCOMPARE(yaml->textEdit()->marks().front().line, line);

    replaceText(yaml->textEdit(), QStringLiteral("conv2_a, type: conv, nifm: 40"),
                QStringLiteral("conv2_a, type: conv, nifm: 48"));
    QVERIFY(yaml->applyNow());
    QVERIFY(yaml->textEdit()->marks().empty());
    QCOMPARE(doc->undoStack()->count(), 0); // the same network: nothing to apply
}

void TestEditors::yamlReadOnlyWhileTableInvalid()
{
    MainWindow window;
    QVERIFY(window.loadProject(kSource + "/sample_projects/alexnet-16x16.yaml", nullptr));
    NetworkYamlEditor* yaml = window.networkEditor()->yamlEditor();
    QAbstractItemModel* table = window.layerView()->model();
    QVERIFY(table->setData(table->index(0, static_cast<int>(LayerTableModel::Column::Nofm)), 64));
    QVERIFY(yaml->textEdit()->isReadOnly());
    QVERIFY2(yaml->statusText().contains(QStringLiteral("layer table has problems")), qPrintable(yaml->statusText()));
    window.undoAction()->trigger();
    QVERIFY(!yaml->textEdit()->isReadOnly());
}

void TestEditors::tableAndTextSelectEachOther()
{
    MainWindow window;
    window.show();
    QVERIFY(window.loadProject(kSource + "/sample_projects/alexnet-16x16.yaml", nullptr));
    NetworkEditor* editor = window.networkEditor();
    NetworkYamlEditor* yaml = editor->yamlEditor();
    QSignalSpy selected(editor, &NetworkEditor::layerSelected);

    editor->table()->selectRow(4);
    QCOMPARE(editor->currentLayer(), QStringLiteral("conv2_a"));
    QCOMPARE(yaml->textEdit()->entryLine(), yaml->lineOfLayer(QStringLiteral("conv2_a")));
    QCOMPARE(yaml->textEdit()->textCursor().blockNumber(), yaml->lineOfLayer(QStringLiteral("conv2_a")));
    QCOMPARE(selected.count(), 1);

    // The cursor on a layer's line (anywhere in it) selects the row.
    QTextCursor cursor(yaml->textEdit()->document()->findBlockByNumber(yaml->lineOfLayer(QStringLiteral("fc1"))));
    cursor.movePosition(QTextCursor::EndOfBlock);
    yaml->textEdit()->setTextCursor(cursor);
    QCOMPARE(yaml->layerAtCursor(), QStringLiteral("fc1"));
    QCOMPARE(editor->currentLayer(), QStringLiteral("fc1"));
    QCOMPARE(selected.last().at(0).toString(), QStringLiteral("fc1"));

    // Header lines belong to no layer.
    yaml->textEdit()->setTextCursor(QTextCursor(yaml->textEdit()->document()->findBlockByNumber(1)));
    QCOMPARE(yaml->layerAtCursor(), QString());
}

void TestEditors::addRemoveMoveLayers()
{
    MainWindow window;
    window.show();
    QVERIFY(window.loadProject(kSource + "/sample_projects/golden/setup-a-mlp_s-b8.yaml", nullptr));
    NetworkEditor* editor = window.networkEditor();
    ProjectDocument* doc = window.document();
    editor->table()->selectRow(2);
    QVERIFY(editor->addAction()->isEnabled());
    editor->addAction()->trigger();
    QCOMPARE(doc->networkDraft().layers.size(), std::size_t(4));
    QVERIFY(doc->isNetworkValid()); // a new layer chains after the selected one
    QCOMPARE(editor->currentLayer(), QStringLiteral("layer4"));

    editor->table()->selectRow(3);
    QVERIFY(editor->moveUpAction()->isEnabled());
    editor->moveUpAction()->trigger();
    QCOMPARE(doc->networkDraft().layers[2].name, std::string("layer4"));
    QVERIFY(!doc->isNetworkValid()); // now before its producer
    QCOMPARE(editor->currentLayer(), QStringLiteral("layer4"));

    editor->removeAction()->trigger();
    QCOMPARE(doc->networkDraft().layers.size(), std::size_t(3));
    QVERIFY(doc->isNetworkValid());
    QCOMPARE(doc->undoStack()->count(), 3);
    while (doc->undoStack()->canUndo())
        doc->undoStack()->undo();
    QVERIFY(!doc->isDirty());
}

void TestEditors::architectureFormEdits()
{
    MainWindow window;
    QVERIFY(window.loadProject(kSource + "/sample_projects/alexnet-16x16.yaml", nullptr));
    ProjectDocument* doc = window.document();
    ArchitectureEditor* editor = window.architectureEditor();
    QSpinBox* gbuf = nullptr;
    for (QSpinBox* box : editor->findChildren<QSpinBox*>())
        if (box->isVisibleTo(editor) && box->value() == 32768)
            gbuf = box;
    QVERIFY(gbuf);
    // A drag: three values, one undo step.
    gbuf->setValue(40000);
    gbuf->setValue(50000);
    gbuf->setValue(65536);
    Q_EMIT gbuf->editingFinished();
    QCOMPARE(hardware<kapla::KaplaHardware>(*doc).gbufSizeBytes, 65536);
    QCOMPARE(doc->undoStack()->count(), 1);
    QVERIFY(doc->toYaml({}, ProjectDocument::Inline::All).find("size: 65536") != std::string::npos);
    window.undoAction()->trigger();
    QCOMPARE(hardware<kapla::KaplaHardware>(*doc).gbufSizeBytes, 32768);
    QCOMPARE(gbuf->value(), 32768); // the form follows undo
}

void TestEditors::architecturePresets()
{
    MainWindow window;
    QVERIFY(window.loadProject(kSource + "/sample_projects/alexnet-16x16.yaml", nullptr));
    ArchitectureEditor* editor = window.architectureEditor();
    QCOMPARE(editor->presetCount(), 5);
    const int eyeriss = editor->presets()->findText(QStringLiteral("Eyeriss single node"));
    QVERIFY(eyeriss > 0);
    editor->presets()->setCurrentIndex(eyeriss);
    Q_EMIT editor->presets()->activated(eyeriss);
    ProjectDocument* doc = window.document();
    QCOMPARE(doc->project().architecture.name, std::string("Eyeriss single node"));
    QCOMPARE(hardware<kapla::ExplicitHardware>(*doc).peArray, (kapla::PhyDim2{16, 16}));
    QCOMPARE(editor->presets()->currentIndex(), 0);
    QCOMPARE(doc->undoStack()->count(), 1);
    // The explicit form is shown now, in words.
    bool showsWords = false;
    for (QSpinBox* box : editor->findChildren<QSpinBox*>())
        showsWords |= box->isVisibleTo(editor) && box->value() == 16; // word size
    QVERIFY(showsWords);
}

void TestEditors::meshPreviewFollows()
{
    MainWindow window;
    window.show();
    QVERIFY(window.loadProject(kSource + "/sample_projects/mobilenet-4x4.yaml", nullptr));
    window.showTab(MainWindow::Tab::Architecture);
    MeshPreview* preview = window.architectureEditor()->preview();
    const QImage small = preview->grab().toImage();
    kapla::ArchitectureSpec spec = window.document()->project().architecture;
    std::get<kapla::KaplaHardware>(spec.hardware).gbufArray = {8, 8};
    window.document()->setArchitecture(spec, QStringLiteral("node mesh"));
    const QImage large = preview->grab().toImage();
    QVERIFY(small != large);
    std::get<kapla::KaplaHardware>(spec.hardware).gbufSizeBytes = 0;
    window.document()->setArchitecture(spec, QStringLiteral("GBUF size"));
    QVERIFY(preview->grab().toImage() != large); // the problem instead of the mesh
}

void TestEditors::optionsFormEdits()
{
    MainWindow window;
    QVERIFY(window.loadProject(kSource + "/sample_projects/alexnet-16x16.yaml", nullptr));
    ProjectDocument* doc = window.document();
    OptionsEditor* editor = window.optionsEditor();
    QComboBox* solver = editor->solverCombo();
    const int exhaustive = solver->findData(static_cast<int>(kapla::SolverKind::Exhaustive));
    solver->setCurrentIndex(exhaustive);
    Q_EMIT solver->activated(exhaustive);
    QCOMPARE(doc->project().options.solver, kapla::SolverKind::Exhaustive);
    editor->batchBox()->setValue(32);
    QCOMPARE(doc->project().batch, 32);
    QCOMPARE(doc->undoStack()->count(), 2);

    QCheckBox* sharing = nullptr;
    for (QCheckBox* box : editor->findChildren<QCheckBox*>())
        if (box->text() == QStringLiteral("Access forwarding"))
            sharing = box;
    QVERIFY(sharing);
    sharing->setChecked(true); // conflicts with GBUF sharing, on in the inference preset
    QVERIFY2(editor->problemsText().contains(QStringLiteral("access_forwarding")), qPrintable(editor->problemsText()));
    window.undoAction()->trigger();
    QVERIFY(editor->problemsText().isEmpty());
    QVERIFY(!sharing->isChecked());
}

void TestEditors::everyFieldHasATooltip()
{
    MainWindow window;
    QVERIFY(window.loadProject(kSource + "/sample_projects/alexnet-16x16.yaml", nullptr));
    QStringList missing;
    for (QWidget* editor :
         {static_cast<QWidget*>(window.architectureEditor()), static_cast<QWidget*>(window.optionsEditor())}) {
        for (QWidget* w : editor->findChildren<QWidget*>()) {
            const bool field = qobject_cast<QAbstractSpinBox*>(w) || qobject_cast<QComboBox*>(w)
                            || qobject_cast<QCheckBox*>(w)
                            || (qobject_cast<QLineEdit*>(w) && !qobject_cast<QAbstractSpinBox*>(w->parent())
                                && !qobject_cast<QComboBox*>(w->parent()));
            if (field && w->toolTip().isEmpty())
                missing << QStringLiteral("%1 '%2'").arg(QString::fromUtf8(w->metaObject()->className()),
                                                         w->objectName());
        }
    }
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QStringLiteral(", "))));
    const auto* header = window.layerView()->model();
    for (int c = 0; c < header->columnCount(); ++c)
        QVERIFY(!header->headerData(c, Qt::Horizontal, Qt::ToolTipRole).toString().isEmpty());
}

void TestEditors::scientificSpinBox()
{
    ScientificSpinBox box;
    box.setUnlimitedAllowed(true);
    box.setNumber(std::numeric_limits<double>::infinity());
    QCOMPARE(box.text(), QStringLiteral("unlimited"));
    QVERIFY(std::isinf(box.number()));
    box.setNumber(9.984e-13);
    QCOMPARE(box.text(), QStringLiteral("9.984e-13"));
    QCOMPARE(box.number(), 9.984e-13);
    box.stepBy(1);
    QVERIFY(std::abs(box.number() - 9.984e-13 * 1.1) < 1e-20);
    QString text = QStringLiteral("1e-");
    int pos = 3;
    QCOMPARE(box.validate(text, pos), QValidator::Intermediate);
    text = QStringLiteral("abc");
    QCOMPARE(box.validate(text, pos), QValidator::Invalid);
}

QTEST_MAIN(TestEditors)
#include "tst_editors.moc"
