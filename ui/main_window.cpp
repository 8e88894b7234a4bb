#include "main_window.h"

#include "session/layer_table_model.h"
#include "session/project_document.h"
#include "session/project_summary.h"

#include "model/architecture.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSortFilterProxyModel>
#include <QStatusBar>
#include <QTableView>
#include <QTextDocument>
#include <QVBoxLayout>

namespace {

// More diagnostics than this go to the message box's details only.
constexpr int kMaxInlineErrors = 8;
// Extra pixels per column beyond its contents, so neighbouring numbers do not run together.
constexpr int kColumnPadding = 14;

// A secondary text colour that stays readable: text blended 40 % towards the background.
QColor mutedTextColor(const QPalette& palette)
{
    const QColor fg = palette.color(QPalette::WindowText);
    const QColor bg = palette.color(QPalette::Window);
    const auto mix = [](int a, int b) { return (a * 3 + b * 2) / 5; };
    return QColor(mix(fg.red(), bg.red()), mix(fg.green(), bg.green()), mix(fg.blue(), bg.blue()));
}

} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_document(new ProjectDocument(this))
    , m_layerModel(new LayerTableModel(this))
    , m_layerProxy(new QSortFilterProxyModel(this))
{
    m_layerProxy->setSourceModel(m_layerModel);
    m_layerProxy->setSortRole(LayerTableModel::SortRole);

    m_header = new QLabel;
    m_header->setTextFormat(Qt::RichText);
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_header->setContentsMargins(4, 2, 4, 4);

    m_layerView = new QTableView;
    m_layerView->setModel(m_layerProxy);
    m_layerView->setAlternatingRowColors(true);
    m_layerView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_layerView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_layerView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_layerView->setWordWrap(false);
    m_layerView->verticalHeader()->hide();
    m_layerView->verticalHeader()->setDefaultSectionSize(m_layerView->fontMetrics().height() + 8);
    auto* header = m_layerView->horizontalHeader();
    header->setStretchLastSection(true);
    header->setHighlightSections(false);
    // No sort column at first: rows stay in network order until a header is clicked, and a
    // third click on the same header goes back to it.
    header->setSortIndicator(-1, Qt::AscendingOrder);
    header->setSortIndicatorClearable(true);
    m_layerView->setSortingEnabled(true);

    auto* central = new QWidget;
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(6, 6, 6, 0);
    layout->setSpacing(4);
    layout->addWidget(m_header);
    layout->addWidget(m_layerView, 1);
    setCentralWidget(central);

    createMenus();
    connect(m_document, &ProjectDocument::projectChanged, this, &MainWindow::onProjectChanged);
    onProjectChanged();
    statusBar()->showMessage(tr("No project loaded"));
    resize(1280, 800);
}

MainWindow::~MainWindow() = default;

void MainWindow::createMenus()
{
    auto* file = menuBar()->addMenu(tr("&File"));
    auto* open = file->addAction(tr("&Open…"), this, &MainWindow::showOpenDialog);
    open->setShortcut(QKeySequence::Open);
    file->addSeparator();
    auto* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    quit->setMenuRole(QAction::QuitRole);

    auto* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About KAPLA Studio"), this, &MainWindow::showAbout)->setMenuRole(QAction::AboutRole);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt)->setMenuRole(QAction::AboutQtRole);
}

bool MainWindow::loadProject(const QString& path, QStringList* errors)
{
    if (!m_document->load(path, errors))
        return false;
    statusBar()->showMessage(tr("Loaded %1").arg(QDir::toNativeSeparators(m_document->filePath())));
    return true;
}

void MainWindow::openProject(const QString& path)
{
    QStringList errors;
    if (!loadProject(path, &errors))
        showLoadErrors(path, errors);
}

void MainWindow::showOpenDialog()
{
    const QString dir = m_document->hasProject() ? QFileInfo(m_document->filePath()).absolutePath() : QDir::currentPath();
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Project"), dir,
                                                      tr("KAPLA projects (*.yaml *.yml);;All files (*)"));
    if (!path.isEmpty())
        openProject(path);
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About KAPLA Studio"),
                       tr("<h3>KAPLA Studio %1</h3>"
                          "<p>A dataflow explorer for multi-node neural-network accelerators, "
                          "after KAPLA (ASP-DAC 2025) and the nn_dataflow cost model.</p>")
                           .arg(QStringLiteral(KAPLA_VERSION)));
}

void MainWindow::showLoadErrors(const QString& path, const QStringList& errors)
{
    const QString message = tr("Could not open %1").arg(QDir::toNativeSeparators(path));
    statusBar()->showMessage(message);
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Open Project"), message, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    // Locations relative to the project's folder keep the lines short; the details keep them whole.
    const QString folder = QFileInfo(path).path() + QLatin1Char('/');
    QStringList shown;
    for (const QString& error : errors.mid(0, kMaxInlineErrors))
        shown.append(error.startsWith(folder) ? error.mid(folder.size()) : error);
    if (errors.size() > kMaxInlineErrors)
        shown.append(tr("… and %n more (see the details)", nullptr, static_cast<int>(errors.size() - kMaxInlineErrors)));
    box->setInformativeText(shown.join(QStringLiteral("\n\n")));
    box->setDetailedText(errors.join(QLatin1Char('\n')));
    box->open();
}

void MainWindow::onProjectChanged()
{
    if (m_document->hasProject())
        m_layerModel->setNetwork(m_document->project().network);
    else
        m_layerModel->clear();
    resizeLayerColumns();
    const QString name = m_document->displayName();
    setWindowTitle(name.isEmpty() ? tr("KAPLA Studio") : tr("KAPLA Studio — %1").arg(name));
    updateHeader();
}

void MainWindow::resizeLayerColumns()
{
    m_layerView->resizeColumnsToContents();
    auto* header = m_layerView->horizontalHeader();
    const int last = header->count() - 1;
    for (int c = 0; c < last; ++c)
        header->resizeSection(c, header->sectionSize(c) + kColumnPadding);
    // The producer list can be long: let it take the remaining width and elide (full text in the
    // tooltip) rather than push the numbers out of view.
    if (last >= 0)
        header->resizeSection(last, header->minimumSectionSize());
}

void MainWindow::updateHeader()
{
    if (!m_document->hasProject()) {
        m_header->setText(tr("<b>No project loaded.</b> Use File ▸ Open… (Ctrl+O) to open a project file."));
        return;
    }
    const auto& project = m_document->project();
    const QString network = networkSummaryLine(project, m_layerModel->totalMacs()).toHtmlEscaped();
    const auto arch = kapla::resolveArchitecture(project.architecture);
    QString archLine;
    if (arch.ok()) {
        archLine = architectureSummaryLine(arch.value());
    } else {
        QStringList problems;
        for (const auto& diag : arch.diagnostics())
            problems.append(QString::fromStdString(diag.message));
        archLine = tr("Architecture problem: %1").arg(problems.join(QStringLiteral("; ")));
    }
    const QString muted = mutedTextColor(palette()).name();
    m_header->setText(QStringLiteral("<span style=\"font-size:large; font-weight:600\">%1</span><br>"
                                     "<span style=\"color:%2\">%3</span>")
                          .arg(network, muted, archLine.toHtmlEscaped()));
}

QString MainWindow::headerText() const
{
    QTextDocument doc;
    doc.setHtml(m_header->text());
    return doc.toPlainText();
}
