#include "views/compare_view.h"

#include "session/qt_text.h"
#include "session/selection_context.h"
#include "views/compare_chart.h"
#include "views/qcp.h"

#include "report/chart_data.h"
#include "report/run_compare_csv.h"
#include "util/file_access.h"

#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace {

enum Column { ColLayer, ColEnergyA, ColEnergyB, ColDiff, ColRatio, ColTimeA, ColTimeB, ColSegments, ColDirectives };

QString html(const std::string& text) { return toQString(text).toHtmlEscaped(); }

// A cell that shows text and sorts by `value`.
QTableWidgetItem* cell(const QString& text, const QVariant& value = {})
{
    auto* item = new QTableWidgetItem(text);
    if (value.isValid())
        item->setData(Qt::UserRole, value);
    item->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
    return item;
}

QLabel* richLabel()
{
    auto* label = new QLabel;
    label->setTextFormat(Qt::RichText);
    label->setWordWrap(true);
    label->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setContentsMargins(4, 4, 4, 4);
    return label;
}

QString segmentOf(const kapla::Run& run, int index)
{
    return index < 0 ? QStringLiteral("–")
                     : QString::number(run.evaluation->layers[static_cast<std::size_t>(index)].segment + 1);
}

QString coloured(const QString& text, double diff)
{
    if (diff == 0)
        return text;
    return QStringLiteral("<span style='color:%1'>%2</span>")
        .arg(diff > 0 ? QStringLiteral("#b03000") : QStringLiteral("#00704a"), text);
}

} // namespace

CompareView::CompareView(SelectionContext* selection, QWidget* parent)
    : QWidget(parent)
    , m_selection(selection)
    , m_title(new QLabel)
    , m_inputs(richLabel())
    , m_totals(richLabel())
    , m_detail(richLabel())
    , m_table(new QTableWidget)
{
    m_title->setTextFormat(Qt::RichText);
    m_title->setObjectName(QStringLiteral("compareTitle"));
    auto* showA = new QPushButton(tr("Show A"));
    auto* showB = new QPushButton(tr("Show B"));
    auto* exportButton = new QPushButton(tr("Export…"));
    showA->setToolTip(tr("Show run A in the result views"));
    showB->setToolTip(tr("Show run B in the result views"));
    exportButton->setToolTip(tr("Write the comparison as a figure (PNG, PDF, SVG) or a per-layer CSV"));
    connect(showA, &QPushButton::clicked, this, [this] { Q_EMIT showRunRequested(m_idA); });
    connect(showB, &QPushButton::clicked, this, [this] { Q_EMIT showRunRequested(m_idB); });
    connect(exportButton, &QPushButton::clicked, this, &CompareView::exportInteractive);
    auto* top = new QHBoxLayout;
    top->addWidget(m_title, 1);
    top->addWidget(showA);
    top->addWidget(showB);
    top->addWidget(exportButton);

    // The inputs come first: the why beside the what.
    auto* side = new QWidget;
    auto* sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(0, 0, 0, 0);
    sideLayout->addWidget(m_inputs);
    sideLayout->addWidget(m_totals);
    sideLayout->addStretch(1);
    auto* scroll = new QScrollArea;
    scroll->setWidget(side);
    scroll->setWidgetResizable(true);
    scroll->setMinimumWidth(300);

    auto* chart = new QWidget;
    m_chartLayout = new QVBoxLayout(chart);
    m_chartLayout->setContentsMargins(0, 0, 0, 0);
    const QStringList headers{tr("Layer"),  tr("Energy A"),      tr("Energy B"),
                              tr("B − A"),  tr("B / A"),         tr("Time A"),
                              tr("Time B"), tr("Segment A → B"), tr("Directives that differ")};
    m_table->setColumnCount(static_cast<int>(headers.size()));
    m_table->setHorizontalHeaderLabels(headers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setAlternatingRowColors(true);
    connect(m_table, &QTableWidget::currentCellChanged, this, [this](int row) {
        if (row >= 0)
            onLayerClicked(m_table->item(row, ColLayer)->text());
    });
    auto* lower = new QSplitter(Qt::Horizontal);
    lower->addWidget(m_table);
    auto* detailScroll = new QScrollArea;
    detailScroll->setWidget(m_detail);
    detailScroll->setWidgetResizable(true);
    lower->addWidget(detailScroll);
    detailScroll->setMinimumWidth(320);
    lower->setStretchFactor(0, 3);
    lower->setStretchFactor(1, 2);
    auto* right = new QSplitter(Qt::Vertical);
    right->addWidget(chart);
    right->addWidget(lower);
    right->setStretchFactor(0, 3);
    right->setStretchFactor(1, 2);
    auto* body = new QSplitter(Qt::Horizontal);
    body->addWidget(scroll);
    body->addWidget(right);
    body->setStretchFactor(0, 0);
    body->setStretchFactor(1, 1);
    body->setSizes({340, 900});

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(body, 1);

    connect(m_selection, &SelectionContext::layerChanged, this, [this](const QString& name) {
        if (!name.isEmpty())
            showLayer(name);
    });
    clear();
}

void CompareView::clear()
{
    m_a.reset();
    m_b.reset();
    m_idA = m_idB = 0;
    m_comparison.reset();
    m_title->setText(tr("<b>No comparison.</b> Right-click a run in the Runs list and choose "
                        "<i>Compare with…</i>"));
    rebuild();
}

bool CompareView::setRuns(kapla::RunPtr a, int idA, kapla::RunPtr b, int idB)
{
    m_comparison.reset();
    m_a = std::move(a);
    m_b = std::move(b);
    m_idA = idA;
    m_idB = idB;
    auto result = m_a && m_b ? kapla::compareRuns(*m_a, *m_b)
                             : kapla::Result<kapla::RunComparison>(kapla::makeError("run", "no run to compare"));
    if (result.ok()) {
        m_comparison = std::move(result).value();
        m_title->setText(tr("<b>A</b> = run #%1 %2 &nbsp;·&nbsp; <b>B</b> = run #%3 %4")
                             .arg(m_idA)
                             .arg(html(m_comparison->labelA))
                             .arg(m_idB)
                             .arg(html(m_comparison->labelB)));
    } else {
        m_title->setText(tr("<b>Cannot compare:</b> %1").arg(html(result.diagnostics().front().message)));
    }
    rebuild();
    return m_comparison.has_value();
}

void CompareView::rebuild()
{
    m_chartRows = m_comparison ? chartLayers(*m_comparison) : std::vector<std::size_t>{};
    m_plot =
        replaceChartPlot(m_plot, m_chartLayout, this,
                         {[this](const QPoint& pos) {
                              const int k = categoryAt(m_plot->axisRect(), pos, static_cast<int>(m_chartRows.size()));
                              if (k >= 0)
                                  onLayerClicked(toQString(m_comparison->layers[m_chartRows[k]].name));
                          },
                          [this](const QPoint& pos) {
                              const int k = categoryAt(m_plot->axisRect(), pos, static_cast<int>(m_chartRows.size()));
                              return k < 0 ? QString() : compareLayerToolTip(*m_comparison, m_chartRows[k]);
                          }});
    if (m_comparison)
        buildComparePlot(*m_plot, *m_comparison, m_chartRows, screenChartStyle());
    fillSummary();
    fillTable();
    const QString keep = m_layer;
    m_layer.clear();
    showLayer(keep.isEmpty() && m_selection ? m_selection->layer() : keep);
    replotWhenVisible(*m_plot);
}

void CompareView::fillSummary()
{
    if (!m_comparison) {
        m_inputs->clear();
        m_totals->clear();
        return;
    }
    const kapla::RunComparison& c = *m_comparison;
    QString inputs = tr("<h3>What changed in the inputs</h3>");
    if (c.inputDifferences.empty())
        inputs += tr("<p>Nothing: both runs solved the same problem.</p>");
    else {
        inputs += QStringLiteral("<ul style='margin-left:-20px'>");
        for (const std::string& d : c.inputDifferences)
            inputs += QStringLiteral("<li>%1</li>").arg(html(d));
        inputs += QStringLiteral("</ul>");
    }
    inputs += QStringLiteral("<p><b>%1.</b></p>").arg(html(kapla::comparisonHeadline(c)));
    m_inputs->setText(inputs);

    const std::string& unit = c.energyUnit;
    const auto energy = [&](double v) { return html(kapla::formatEnergy(v, unit)); };
    const auto row = [](const QString& what, const QString& a, const QString& b, const QString& diff,
                        const QString& ratio) {
        return QStringLiteral("<tr><td>%1</td><td align=right>%2</td><td align=right>%3</td>"
                              "<td align=right>%4</td><td align=right>%5</td></tr>")
            .arg(what, a, b, diff, ratio);
    };
    QString t = tr("<h3>Totals</h3><table cellspacing=3>");
    t += row(QString(), tr("<b>A</b>"), tr("<b>B</b>"), tr("<b>B − A</b>"), tr("<b>B / A</b>"));
    t += row(tr("energy"), energy(c.energy.a), energy(c.energy.b),
             coloured(signedEnergyText(c.energy.diff(), unit), c.energy.diff()), ratioText(c.energy));
    t += row(tr("time"), groupDigitsText(std::llround(c.time.a)), groupDigitsText(std::llround(c.time.b)),
             coloured(groupDigitsText(std::llround(c.time.diff())), c.time.diff()), ratioText(c.time));
    t += row(tr("EDP"), QString::number(c.edp.a, 'g', kapla::kCompactDigits),
             QString::number(c.edp.b, 'g', kapla::kCompactDigits),
             coloured(QString::number(c.edp.diff(), 'g', 3), c.edp.diff()), ratioText(c.edp));
    t += QStringLiteral("</table>");
    t += tr("<h3>Energy by component</h3><table cellspacing=3>");
    for (std::size_t i = 0; i < c.components.size(); ++i)
        if (c.components[i].a != 0 || c.components[i].b != 0)
            t += row(QStringLiteral("<span style='color:%1'>■</span> %2")
                         .arg(energyComponentColor(i).name(), toQString(kapla::energyComponentLabel(i))),
                     energy(c.components[i].a), energy(c.components[i].b),
                     coloured(signedEnergyText(c.components[i].diff(), unit), c.components[i].diff()),
                     ratioText(c.components[i]));
    t += QStringLiteral("</table>");
    const auto segments = [](const kapla::SegmentLayout& layout) {
        QString out = QStringLiteral("<ol style='margin-left:-20px'>");
        for (const auto& s : layout)
            out += QStringLiteral("<li>%1</li>").arg(html(kapla::segmentText(s)));
        return out + QStringLiteral("</ol>");
    };
    t += tr("<h3>Segments of A (%1)</h3>").arg(c.segmentsA.size()) + segments(c.segmentsA);
    t += tr("<h3>Segments of B (%1)</h3>").arg(c.segmentsB.size()) + segments(c.segmentsB);
    m_totals->setText(t);
}

void CompareView::fillTable()
{
    const QSignalBlocker blocker(m_table);
    m_table->clearContents();
    if (!m_comparison) {
        m_table->setRowCount(0);
        return;
    }
    const kapla::RunComparison& c = *m_comparison;
    const std::vector<std::size_t> order = c.layersByImpact();
    m_table->setRowCount(static_cast<int>(order.size()));
    const std::string& unit = c.energyUnit;
    for (int r = 0; r < static_cast<int>(order.size()); ++r) {
        const kapla::LayerComparison& l = c.layers[order[static_cast<std::size_t>(r)]];
        QStringList aspects;
        for (const kapla::DirectiveDifference& d : l.directives)
            aspects << toQString(std::string(kapla::directiveAspectLabel(d.aspect)));
        if (!l.inBoth())
            aspects << (l.indexA < 0 ? tr("only in B") : tr("only in A"));
        const QString diff = signedEnergyText(l.energy.diff(), unit);
        const QList<QTableWidgetItem*> items{
            cell(toQString(l.name)),
            cell(toQString(kapla::formatEnergy(l.energy.a, unit)), l.energy.a),
            cell(toQString(kapla::formatEnergy(l.energy.b, unit)), l.energy.b),
            cell(diff, l.energy.diff()),
            cell(ratioText(l.energy)),
            cell(groupDigitsText(std::llround(l.time.a))),
            cell(groupDigitsText(std::llround(l.time.b))),
            cell(QStringLiteral("%1 → %2").arg(segmentOf(*m_a, l.indexA), segmentOf(*m_b, l.indexB))),
            cell(aspects.isEmpty() ? tr("alike") : aspects.join(QStringLiteral(", "))),
        };
        for (int col = 0; col < static_cast<int>(items.size()); ++col) {
            if (col != ColLayer && col != ColDirectives && col != ColSegments)
                items[col]->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            items[col]->setToolTip(compareLayerToolTip(c, order[static_cast<std::size_t>(r)]));
            m_table->setItem(r, col, items[col]);
        }
        if (l.energy.diff() != 0)
            items[ColDiff]->setForeground(l.energy.diff() > 0 ? QColor(176, 48, 0) : QColor(0, 112, 74));
    }
    m_table->resizeColumnsToContents();
}

void CompareView::onLayerClicked(const QString& name)
{
    showLayer(name);
    if (m_selection)
        m_selection->selectLayer(name);
}

void CompareView::showLayer(const QString& name)
{
    if (!m_comparison) {
        m_layer.clear();
        m_detail->clear();
        return;
    }
    const auto& layers = m_comparison->layers;
    const auto it = std::find_if(layers.begin(), layers.end(),
                                 [&](const auto& l) { return toQString(l.name) == name; });
    const QString found = it == layers.end() ? QString() : name;
    if (found == m_layer && !m_detail->text().isEmpty())
        return;
    m_layer = found;
    int key = -1;
    for (std::size_t k = 0; k < m_chartRows.size(); ++k)
        if (toQString(layers[m_chartRows[k]].name) == m_layer)
            key = static_cast<int>(k);
    setHighlightBand(*m_plot, m_plot->axisRect(), key, screenChartStyle());
    replotWhenVisible(*m_plot);
    {
        const QSignalBlocker blocker(m_table);
        for (int r = 0; r < m_table->rowCount(); ++r)
            if (m_table->item(r, ColLayer)->text() == m_layer) {
                m_table->setCurrentCell(r, ColLayer);
                m_table->scrollToItem(m_table->item(r, ColLayer));
            }
        if (m_layer.isEmpty())
            m_table->clearSelection();
    }
    if (it == layers.end()) {
        m_detail->setText(tr("Click a layer in the chart or the table to see its two schedules side by side."));
        return;
    }
    const kapla::LayerComparison& l = *it;
    QString d = tr("<h3>%1 in A and in B</h3>").arg(html(l.name));
    if (!l.inBoth())
        d += tr("<p>Only run %1 schedules this layer.</p>")
                 .arg(l.indexA < 0 ? QStringLiteral("B") : QStringLiteral("A"));
    else if (l.directives.empty())
        d += tr("<p>Both runs schedule it alike; its energy changed with its neighbours (segment, static "
                "share).</p>");
    else {
        d += QStringLiteral("<table cellspacing=3><tr><td></td><td><b>A</b></td><td><b>B</b></td></tr>");
        for (const kapla::DirectiveDifference& dd : l.directives)
            d += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td><td>%3</td></tr>")
                     .arg(html(std::string(kapla::directiveAspectLabel(dd.aspect))), html(dd.a), html(dd.b));
        d += QStringLiteral("</table>");
    }
    d += QStringLiteral("<p>")
       + compareLayerToolTip(*m_comparison, static_cast<std::size_t>(it - layers.begin()))
             .section(QStringLiteral("<br>"), 1)
       + QStringLiteral("</p>");
    m_detail->setText(d);
}

QPoint CompareView::barCenter(const QString& layer) const
{
    for (std::size_t k = 0; k < m_chartRows.size(); ++k)
        if (toQString(m_comparison->layers[m_chartRows[k]].name) == layer) {
            const QCPAxisRect* rect = m_plot->axisRect();
            const double x = rect->axis(QCPAxis::atBottom)->coordToPixel(static_cast<double>(k));
            return QPointF(x, rect->center().y()).toPoint();
        }
    return {};
}

QString CompareView::description() const
{
    if (!m_a)
        return {};
    return tr("%1 · run #%2 (A) and run #%3 (B)").arg(toQString(m_a->project().name)).arg(m_idA).arg(m_idB);
}

QString CompareView::exportFigureTo(FigureFormat format, const QString& path) const
{
    if (!m_comparison)
        return tr("there is no comparison to export");
    return exportPaintedFigure(comparisonFigure(*m_comparison, description(), toQString(m_b->day())), format, path);
}

QString CompareView::exportCsvTo(const QString& path) const
{
    if (!m_comparison)
        return tr("there is no comparison to export");
    const kapla::Diagnostics problems = kapla::writeFileText(QFile::encodeName(path).toStdString(),
                                                             kapla::runComparisonCsv(*m_comparison));
    return problems.empty() ? QString() : toQString(problems.front().format());
}

void CompareView::exportInteractive()
{
    if (!m_comparison)
        return;
    const QString path = QFileDialog::
        getSaveFileName(this, tr("Export Comparison"), QStringLiteral("comparison-%1-%2.png").arg(m_idA).arg(m_idB),
                        tr("PNG image (*.png);;PDF document (*.pdf);;SVG image (*.svg);;Per-layer CSV (*.csv)"));
    if (path.isEmpty())
        return;
    const QString suffix = QFileInfo(path).suffix().toLower();
    QString error;
    if (suffix == QLatin1String("csv"))
        error = exportCsvTo(path);
    else if (const auto format = figureFormatFromName(suffix))
        error = exportFigureTo(*format, path);
    else
        error = tr("%1: the extension names no format (.png, .pdf, .svg or .csv)").arg(path);
    if (!error.isEmpty())
        QMessageBox::warning(this, tr("Export Comparison"), error);
}
