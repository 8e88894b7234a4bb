#include "views/sweep_view.h"

#include "views/sweep_form.h"

#include "io/sweep_io.h"
#include "report/sweep_table.h"
#include "session/project_document.h"
#include "session/qt_text.h"
#include "session/run_list_model.h"
#include "session/sweep_draft.h"
#include "session/sweep_runner.h"
#include "util/file_access.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace {

enum ExportWhat { ExportTable, ExportPareto, ExportMainFigure, ExportParetoFigure };

QString writeText(const QString& path, const std::string& text)
{
    const kapla::Diagnostics problems = kapla::writeFileText(path.toStdString(), text);
    return problems.empty() ? QString() : toQString(problems.front().format());
}

} // namespace

SweepView::SweepView(ProjectDocument* document, QWidget* parent)
    : QWidget(parent)
    , m_document(document)
    , m_runner(new SweepRunner(this))
    , m_model(new SweepPointModel(this))
{
    auto* splitter = new QSplitter(Qt::Horizontal);
    splitter->addWidget(buildControls());
    splitter->addWidget(buildResults());
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({380, 1000});
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    connect(m_form, &SweepForm::changed, this, &SweepView::refreshSummary);
    connect(m_document, &ProjectDocument::contentChanged, this, &SweepView::refreshSummary);
    connect(m_runner, &SweepRunner::pointFinished, this, &SweepView::onPoint);
    connect(m_runner, &SweepRunner::finished, this, &SweepView::onFinished);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &SweepView::updateButtons);
    refreshSummary();
    rebuildCharts();
}

QWidget* SweepView::buildControls()
{
    auto* box = new QGroupBox(tr("Sweep over the open project"));
    m_controls = box;
    auto* layout = new QVBoxLayout(box);
    m_form = new SweepForm;
    layout->addWidget(m_form);
    m_source = new QLabel;
    m_source->setWordWrap(true);
    m_source->setTextFormat(Qt::RichText);
    m_source->setVisible(false);
    layout->addWidget(m_source);
    auto* fileButtons = new QHBoxLayout;
    auto* open = new QPushButton(tr("Open Sweep File…"));
    open->setToolTip(tr("Run a sweep file (as `kapla sweep` reads it) instead of the form"));
    connect(open, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open Sweep File"), QString(),
                                                          tr("Sweep files (*.yaml *.yml);;All files (*)"));
        QStringList errors;
        if (!path.isEmpty() && !loadSweepFile(path, &errors))
            QMessageBox::warning(this, tr("Open Sweep File"),
                                 tr("%1 is not a valid sweep file:\n\n%2").arg(path, errors.join(QLatin1Char('\n'))));
    });
    m_useForm = new QPushButton(tr("Use the Form"));
    m_useForm->setVisible(false);
    connect(m_useForm, &QPushButton::clicked, this, &SweepView::useForm);
    fileButtons->addWidget(open);
    fileButtons->addWidget(m_useForm);
    fileButtons->addStretch(1);
    layout->addLayout(fileButtons);
    m_summary = new QLabel;
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);
    auto* runButtons = new QHBoxLayout;
    m_run = new QPushButton(tr("Run Sweep"));
    m_run->setToolTip(tr("Solve every point on the worker threads; the table and the figures fill as points finish"));
    m_stop = new QPushButton(tr("Stop"));
    m_stop->setToolTip(tr("Stop the sweep; the finished points are kept"));
    connect(m_run, &QPushButton::clicked, this, &SweepView::run);
    connect(m_stop, &QPushButton::clicked, this, &SweepView::stop);
    runButtons->addWidget(m_run);
    runButtons->addWidget(m_stop);
    runButtons->addStretch(1);
    layout->addLayout(runButtons);
    m_bar = new QProgressBar;
    m_bar->setTextVisible(true);
    layout->addWidget(m_bar);
    m_progress = new QLabel(tr("Not run yet."));
    m_progress->setWordWrap(true);
    layout->addWidget(m_progress);
    layout->addStretch(1);
    return box;
}

QWidget* SweepView::buildResults()
{
    auto* charts = new QWidget;
    auto* chartsLayout = new QHBoxLayout(charts);
    chartsLayout->setContentsMargins(0, 0, 0, 0);
    auto* mainChart = new QWidget;
    m_plotLayout = new QVBoxLayout(mainChart);
    m_plotLayout->setContentsMargins(0, 0, 0, 0);
    auto* paretoChart = new QWidget;
    m_paretoLayout = new QVBoxLayout(paretoChart);
    m_paretoLayout->setContentsMargins(0, 0, 0, 0);
    m_paretoAxis = new QComboBox;
    m_paretoAxis->addItem(tr("Pareto front: energy against time"), static_cast<int>(kapla::ParetoAxis::Time));
    m_paretoAxis->addItem(tr("Pareto front: energy against total PEs"), static_cast<int>(kapla::ParetoAxis::TotalPes));
    m_paretoAxis->addItem(tr("Pareto front: energy against SRAM bytes"),
                          static_cast<int>(kapla::ParetoAxis::SramBytes));
    m_paretoLayout->addWidget(m_paretoAxis);
    connect(m_paretoAxis, &QComboBox::currentIndexChanged, this, &SweepView::rebuildParetoPlot);
    chartsLayout->addWidget(mainChart, 1);
    chartsLayout->addWidget(paretoChart, 1);

    m_table = new QTableView;
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->setToolTip(tr("Double-click a point to open it as a run; select two to compare them (right-click)"));
    connect(m_table, &QTableView::customContextMenuRequested, this, &SweepView::showContextMenu);
    connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex& index) { openAsRun(index.row()); });

    auto* buttons = new QHBoxLayout;
    m_open = new QPushButton(tr("Open as Run"));
    m_open->setToolTip(tr("List the selected point as a run of the project (Results and Compare show it)"));
    connect(m_open, &QPushButton::clicked, this, [this] {
        if (const QList<int> rows = selectedRows(); !rows.isEmpty())
            openAsRun(rows.front());
    });
    m_compare = new QPushButton(tr("Compare These Two"));
    m_compare->setToolTip(tr("Open the two selected points as runs and compare them"));
    connect(m_compare, &QPushButton::clicked, this, [this] {
        if (const QList<int> rows = selectedRows(); rows.size() == 2)
            compareRows(rows[0], rows[1]);
    });
    auto* exportButton = new QPushButton(tr("Export"));
    auto* exportMenu = new QMenu(exportButton);
    exportMenu->addAction(tr("Table (CSV)…"), this, [this] { exportInteractive(ExportTable); });
    exportMenu->addAction(tr("Pareto Fronts' Points (CSV)…"), this, [this] { exportInteractive(ExportPareto); });
    exportMenu->addAction(tr("Figure (PNG, PDF, SVG)…"), this, [this] { exportInteractive(ExportMainFigure); });
    exportMenu->addAction(tr("Pareto Figure (PNG, PDF, SVG)…"), this,
                          [this] { exportInteractive(ExportParetoFigure); });
    exportButton->setMenu(exportMenu);
    buttons->addWidget(m_open);
    buttons->addWidget(m_compare);
    buttons->addStretch(1);
    buttons->addWidget(exportButton);

    auto* tablePane = new QWidget;
    auto* tableLayout = new QVBoxLayout(tablePane);
    tableLayout->setContentsMargins(0, 0, 0, 0);
    tableLayout->addWidget(m_table, 1);
    tableLayout->addLayout(buttons);

    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(charts);
    split->addWidget(tablePane);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setSizes({480, 320});
    return split;
}

kapla::Result<kapla::SweepSpec> SweepView::currentSweep() const
{
    if (m_fileSweep)
        return *m_fileSweep;
    if (!m_document->hasProject())
        return kapla::Diagnostics{kapla::makeError("", tr("Open a project first.").toStdString())};
    return buildSweep(m_form->draft(), m_document->project(), m_document->filePath().toStdString());
}

void SweepView::refreshSummary()
{
    const auto sweep = currentSweep();
    m_form->showProblems(m_fileSweep || sweep ? kapla::Diagnostics{} : sweep.diagnostics());
    if (sweep) {
        const std::size_t points = kapla::expandSweep(sweep.value()).size();
        const QString solver = toQString(
            std::string(kapla::solverKeyword(sweep->solver.value_or(sweep->base.options.solver))));
        m_summary->setText(points == 1 ? tr("1 point, solved by %1.").arg(solver)
                                       : tr("%1 points, solved by %2.").arg(points).arg(solver));
    } else {
        m_summary->setText(tr("Fix the form to run the sweep."));
    }
    updateButtons();
}

void SweepView::updateButtons()
{
    const bool running = m_runner->isRunning();
    m_run->setEnabled(!running && static_cast<bool>(currentSweep()));
    m_stop->setEnabled(running);
    m_form->setEnabled(!running && !m_fileSweep);
    const QList<int> rows = selectedRows();
    m_open->setEnabled(rows.size() == 1);
    m_compare->setEnabled(rows.size() == 2);
}

bool SweepView::loadSweepFile(const QString& path, QStringList* errors)
{
    auto spec = kapla::io::loadSweepFile(QFile::encodeName(path).toStdString());
    if (!spec) {
        if (errors)
            for (const kapla::Diagnostic& d : spec.diagnostics())
                *errors << toQString(d.format());
        return false;
    }
    m_fileSweep = std::make_shared<const kapla::SweepSpec>(std::move(spec).value());
    QStringList parameters;
    for (const kapla::SweepAxis& axis : m_fileSweep->axes)
        for (const kapla::SweepParameter& p : axis.parameters)
            parameters << tr("%1 (%2 values)").arg(toQString(p.name)).arg(p.values.size());
    m_source->setText(tr("<b>%1</b><br>File: %2<br>Base project: %3<br>Parameters: %4")
                          .arg(toQString(m_fileSweep->name).toHtmlEscaped(),
                               QDir::toNativeSeparators(path).toHtmlEscaped(),
                               QDir::toNativeSeparators(toQString(m_fileSweep->basePath)).toHtmlEscaped(),
                               parameters.join(QStringLiteral(", ")).toHtmlEscaped()));
    m_source->setVisible(true);
    m_form->setVisible(false);
    m_controls->setTitle(tr("Sweep file"));
    m_useForm->setVisible(true);
    refreshSummary();
    return true;
}

void SweepView::useForm()
{
    m_fileSweep.reset();
    m_source->setVisible(false);
    m_form->setVisible(true);
    m_controls->setTitle(tr("Sweep over the open project"));
    m_useForm->setVisible(false);
    refreshSummary();
}

bool SweepView::run()
{
    auto sweep = currentSweep();
    if (!sweep) {
        Q_EMIT message(toQString(sweep.diagnostics().front().message));
        return false;
    }
    auto spec = std::make_shared<const kapla::SweepSpec>(std::move(sweep).value());
    std::vector<kapla::SweepPoint> points = kapla::expandSweep(*spec);
    m_model->reset(spec, points);
    m_runIds.clear();
    m_runner->start(spec, std::move(points));
    m_bar->setRange(0, m_runner->total());
    showProgress();
    rebuildCharts();
    updateButtons();
    return true;
}

void SweepView::stop()
{
    m_runner->stop();
    m_progress->setText(tr("Stopping…"));
}

void SweepView::onPoint(const SweepOutcomePtr& outcome)
{
    m_model->addOutcome(outcome);
    showProgress();
    // Points can finish in bursts: redraw once per burst.
    if (!m_chartsDue) {
        m_chartsDue = true;
        QTimer::singleShot(100, this, [this] {
            m_chartsDue = false;
            rebuildCharts();
        });
    }
}

void SweepView::onFinished(bool stopped)
{
    showProgress();
    const int solved = static_cast<int>(
        std::count_if(m_model->table().rows.begin(), m_model->table().rows.end(),
                      [](const kapla::SweepRow& r) { return r.status == kapla::PointStatus::Ok; }));
    const QString text = stopped ? tr("Stopped: %1 of %2 points kept (%3 solved) in %4.")
                                 : tr("Done: %1 of %2 points (%3 solved) in %4.");
    m_progress->setText(text.arg(m_runner->done())
                            .arg(m_runner->total())
                            .arg(solved)
                            .arg(durationText(static_cast<double>(m_runner->elapsedMs()) / 1000)));
    Q_EMIT message(tr("Sweep: %1").arg(m_progress->text()));
    rebuildCharts();
    updateButtons();
}

void SweepView::showProgress()
{
    m_bar->setValue(m_runner->done());
    if (!m_runner->isRunning())
        return;
    const qint64 eta = m_runner->etaMs();
    QString text = tr("%1 of %2 points · %3")
                       .arg(m_runner->done())
                       .arg(m_runner->total())
                       .arg(durationText(static_cast<double>(m_runner->elapsedMs()) / 1000));
    if (eta >= 0)
        text += tr(" · about %1 left").arg(durationText(static_cast<double>(eta) / 1000));
    if (m_runner->pointWorkers() > 1)
        text += tr(" · %1 points at a time").arg(m_runner->pointWorkers());
    m_progress->setText(text);
    Q_EMIT message(tr("Sweep: %1").arg(text));
}

QList<int> SweepView::selectedRows() const
{
    QList<int> rows;
    for (const QModelIndex& index : m_table->selectionModel()->selectedRows())
        rows << index.row();
    std::sort(rows.begin(), rows.end());
    return rows;
}

void SweepView::selectRow(int row)
{
    if (row < 0 || row >= m_model->rowCount())
        return;
    m_table->selectRow(row);
    m_table->scrollTo(m_model->index(row, 0));
}

int SweepView::openAsRun(int row)
{
    if (row < 0 || row >= m_model->rowCount())
        return 0;
    const int point = m_model->rowAt(row).index;
    if (const auto it = m_runIds.find(point); it != m_runIds.end() && m_document->runs()->runById(it->second)) {
        Q_EMIT runOpened(it->second);
        return it->second;
    }
    QString why;
    kapla::RunPtr run = m_model->runOf(row, &why);
    if (!run) {
        Q_EMIT message(why);
        return 0;
    }
    const int id = m_document->addRun(std::move(run));
    m_runIds[point] = id;
    Q_EMIT runOpened(id);
    return id;
}

bool SweepView::compareRows(int rowA, int rowB)
{
    QString why;
    for (const int row : {rowA, rowB})
        if (!m_model->runOf(row, &why)) {
            Q_EMIT message(why);
            return false;
        }
    QSignalBlocker quiet(this); // one request: the comparison, not two shown runs
    const int a = openAsRun(rowA), b = openAsRun(rowB);
    quiet.unblock();
    if (a == 0 || b == 0)
        return false;
    Q_EMIT compareRequested(a, b);
    return true;
}

void SweepView::showContextMenu(const QPoint& pos)
{
    const QList<int> rows = selectedRows();
    QMenu menu(this);
    QAction* open = menu.addAction(tr("Open as Run"), this, [this, rows] { openAsRun(rows.front()); });
    open->setEnabled(rows.size() == 1);
    QAction* compare = menu.addAction(tr("Compare These Two"), this, [this, rows] { compareRows(rows[0], rows[1]); });
    compare->setEnabled(rows.size() == 2);
    menu.addSeparator();
    menu.addAction(tr("Export Table (CSV)…"), this, [this] { exportInteractive(ExportTable); });
    menu.exec(m_table->viewport()->mapToGlobal(pos));
}

QString SweepView::exportTableTo(const QString& path) const
{
    return writeText(path, kapla::sweepPointsCsv(m_model->table()));
}

QString SweepView::exportParetoTo(const QString& path) const
{
    return writeText(path, kapla::paretoCsv(m_model->table()));
}

QString SweepView::exportFigureTo(SweepFigureKind kind, const QString& path) const
{
    return exportSweepFigure(m_model->table(), kind, path);
}

void SweepView::exportInteractive(int what)
{
    if (m_model->rowCount() == 0) {
        Q_EMIT message(tr("Run the sweep first: there are no points to export."));
        return;
    }
    const bool csv = what == ExportTable || what == ExportPareto;
    const QString name = what == ExportTable      ? QStringLiteral("points.csv")
                       : what == ExportPareto     ? QStringLiteral("pareto.csv")
                       : what == ExportMainFigure ? QStringLiteral("sweep.png")
                                                  : QStringLiteral("pareto.png");
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export"), name,
                                     csv ? tr("CSV table (*.csv)")
                                         : tr("PNG image (*.png);;PDF document (*.pdf);;SVG image (*.svg)"));
    if (path.isEmpty())
        return;
    const auto& spec = m_model->spec();
    const QString target = QFileInfo(path).absoluteFilePath();
    for (const std::string& input : {spec->file, spec->basePath})
        if (!input.empty() && QFileInfo(toQString(input)).absoluteFilePath() == target) {
            QMessageBox::warning(this, tr("Export"), tr("%1 is an input of the sweep; choose another file.").arg(path));
            return;
        }
    QString error;
    if (what == ExportTable)
        error = exportTableTo(path);
    else if (what == ExportPareto)
        error = exportParetoTo(path);
    else if (what == ExportMainFigure && mainFigure())
        error = exportFigureTo(*mainFigure(), path);
    else
        error = exportFigureTo(paretoAxis() == kapla::ParetoAxis::Time       ? SweepFigureKind::ParetoTime
                               : paretoAxis() == kapla::ParetoAxis::TotalPes ? SweepFigureKind::ParetoPes
                                                                             : SweepFigureKind::ParetoSram,
                               path);
    if (!error.isEmpty())
        QMessageBox::warning(this, tr("Export"), error);
    else
        Q_EMIT message(tr("Wrote %1").arg(QDir::toNativeSeparators(path)));
}
