// MainWindow's File > Import ONNX Model…: the file dialog, the question about unsupported operators,
// and the import report dock, which keeps the report (and what was skipped) beside the network.

#include "main_window.h"

#include "session/project_document.h"

#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStatusBar>

namespace {

constexpr int kImportMessageMs = 12000;
// Lines of unsupported operators shown in the question; the rest are in its details.
constexpr int kMaxListedOperators = 6;

// The errors without their "file: error: " prefix: the question names the file once.
QStringList withoutLocation(const QStringList& errors)
{
    QStringList out;
    for (const QString& e : errors) {
        const qsizetype at = e.indexOf(QStringLiteral(": error: "));
        out.append(at < 0 ? e : e.mid(at + 9));
    }
    return out;
}

} // namespace

void MainWindow::createImportReportDock()
{
    m_importReport = new QPlainTextEdit;
    m_importReport->setReadOnly(true);
    m_importReport->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_importReport->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_importDock = new QDockWidget(tr("Import Report"));
    m_importDock->setObjectName(QStringLiteral("importReportDock"));
    m_importDock->setWidget(m_importReport);
    m_importDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetClosable
                              | QDockWidget::DockWidgetFloatable);
    addDockWidget(Qt::BottomDockWidgetArea, m_importDock);
    m_importDock->hide();
}

void MainWindow::showImportDialog()
{
    if (!maybeSave())
        return;
    const QString dir = m_document->filePath().isEmpty() ? QDir::currentPath()
                                                         : QFileInfo(m_document->filePath()).absolutePath();
    const QString path = QFileDialog::getOpenFileName(this, tr("Import ONNX Model"), dir,
                                                      tr("ONNX models (*.onnx);;All files (*)"));
    if (!path.isEmpty())
        importModelInteractively(path);
}

bool MainWindow::importModel(const QString& path, bool skipUnsupported, QStringList* errors)
{
    const ModelImport imported = runImport(path, skipUnsupported);
    if (!imported.ok && errors)
        *errors = imported.errors;
    return imported.ok;
}

ModelImport MainWindow::runImport(const QString& path, bool skipUnsupported)
{
    QApplication::setOverrideCursor(Qt::WaitCursor);
    ModelImport imported = importOnnxModel(path, skipUnsupported);
    QApplication::restoreOverrideCursor();
    if (!imported.ok)
        return imported;
    m_document->startImportedProject(imported.network, QFileInfo(path).completeBaseName(), imported.batch);
    showImportReport(imported.headline, imported.skipped, imported.summary + QLatin1Char('\n') + imported.listing);
    statusBar()->showMessage(imported.headline, kImportMessageMs);
    return imported;
}

void MainWindow::importModelInteractively(const QString& path, bool skipUnsupported)
{
    const ModelImport first = runImport(path, skipUnsupported);
    if (first.ok)
        return;
    QStringList errors = first.errors;
    const QString file = QDir::toNativeSeparators(path);
    if (!first.onlyUnsupported || skipUnsupported) {
        showErrors(tr("Import ONNX Model"), tr("Could not import %1").arg(file), errors);
        return;
    }
    // Never a silent drop: leaving operators out is the user's choice, and the report lists them.
    QMessageBox box(QMessageBox::Warning, tr("Unsupported Operators"),
                    tr("%1 has operators that no layer kind of the network can hold.").arg(QFileInfo(path).fileName()),
                    QMessageBox::Cancel, this);
    const QStringList lines = withoutLocation(errors);
    QString listed = lines.mid(0, kMaxListedOperators).join(QLatin1Char('\n'));
    if (lines.size() > kMaxListedOperators)
        listed += tr("\n… and %1 more (see the details)").arg(lines.size() - kMaxListedOperators);
    box.setInformativeText(listed
                           + tr("\n\nImport without them? The import report lists what was left out, and the "
                                "network lacks their work."));
    box.setDetailedText(errors.join(QLatin1Char('\n')));
    QPushButton* skip = box.addButton(tr("Import Without Them"), QMessageBox::AcceptRole);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() != skip)
        return;
    if (!importModel(path, true, &errors))
        showErrors(tr("Import ONNX Model"), tr("Could not import %1").arg(file), errors);
}

void MainWindow::showImportReport(const QString& headline, const QStringList& skipped, const QString& report)
{
    QString text = headline + QLatin1Char('\n');
    if (!skipped.isEmpty())
        text += tr("\nSkipped (unsupported), so the network lacks them:\n  ") + skipped.join(QStringLiteral("\n  "))
              + QLatin1Char('\n');
    m_importReport->setPlainText(text + QLatin1Char('\n') + report);
    m_importDock->setWindowTitle(skipped.isEmpty()     ? tr("Import Report")
                                 : skipped.size() == 1 ? tr("Import Report: 1 operator skipped")
                                                       : tr("Import Report: %1 operators skipped").arg(skipped.size()));
    m_importDock->show();
    m_importDock->raise();
}
