#include "primer_dialog.h"

#include "glossary_dialog.h"
#include "session/qt_text.h"
#include "session/selection_context.h"
#include "views/allocation_painter.h"
#include "views/pipeline_timeline_view.h"
#include "views/qcp.h"
#include "views/results_panel.h"

#include "cost/map_strategy.h"
#include "io/project_io.h"
#include "report/chart_data.h"
#include "report/loop_nest.h"

#include <QCursor>
#include <QFile>
#include <QListWidget>
#include <QPainter>
#include <QSplitter>
#include <QTextBrowser>
#include <QTimer>
#include <QToolTip>
#include <QUrl>
#include <QVBoxLayout>

#include <array>
#include <string>

namespace {

struct Chapter {
    const char* title;
    const char* file;
};

constexpr std::array<Chapter, 6> kChapters{{
    {"1 · A layer is a loop nest", "1-loops.html"},
    {"2 · Tiling and loop order", "2-tiling.html"},
    {"3 · Partition across nodes", "3-partition.html"},
    {"4 · Pipelining a segment", "4-pipelining.html"},
    {"5 · Row stationary and systolic", "5-mappings.html"},
    {"6 · Reading the views", "6-reading.html"},
}};

QString resourceText(const QString& name)
{
    QFile f(QStringLiteral(":/kapla/primer/") + name);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

QString escapedLines(const std::vector<std::string>& lines)
{
    QStringList out;
    for (const auto& l : lines)
        out << linkGlossaryTerms(toQString(l).toHtmlEscaped());
    return out.join(QLatin1Char('\n'));
}

QString bullets(const std::vector<std::string>& lines)
{
    QString out;
    for (const auto& l : lines)
        out += QStringLiteral("<li>%1</li>").arg(linkGlossaryTerms(toQString(l).toHtmlEscaped()));
    return QStringLiteral("<ul>%1</ul>").arg(out);
}

// The node's PE array with the PEs of one pass coloured, one colour per copy of the PE set.
QImage peArrayImage(const kapla::ArrayMappingInfo& info, kapla::PhyDim2 array, const QString& caption)
{
    constexpr int kCell = 22, kPad = 8, kCaption = 40;
    QImage image(array.w * kCell + 2 * kPad, array.h * kCell + 2 * kPad + kCaption, QImage::Format_ARGB32);
    image.fill(Qt::white);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    int copy = 0;
    std::vector<int> owner(static_cast<std::size_t>(array.size()), -1);
    for (int a = 0; a < info.repl.h; ++a)
        for (int b = 0; b < info.repl.w; ++b, ++copy)
            for (int r = 0; r < info.flpeset.h; ++r)
                for (int c = 0; c < info.flpeset.w; ++c) {
                    const int row = a * info.flpeset.h + r, col = b * info.flpeset.w + c;
                    if (row < array.h && col < array.w)
                        owner[static_cast<std::size_t>(row * array.w + col)] = copy;
                }
    for (int r = 0; r < array.h; ++r)
        for (int c = 0; c < array.w; ++c) {
            const int o = owner[static_cast<std::size_t>(r * array.w + c)];
            p.setPen(QPen(QColor(150, 150, 150), 1));
            p.setBrush(o < 0 ? QColor(235, 235, 235) : layerColor(o));
            p.drawRect(QRectF(kPad + c * kCell + 1, kPad + r * kCell + 1, kCell - 2, kCell - 2));
        }
    p.setPen(Qt::black);
    p.drawText(QRect(kPad, kPad + array.h * kCell + 4, image.width() - 2 * kPad, kCaption - 4),
               Qt::AlignLeft | Qt::TextWordWrap, caption);
    return image;
}

} // namespace

// The page serves the pictures drawn from the example ("primer:…" images) to its HTML.
class PrimerPage : public QTextBrowser
{
public:
    using QTextBrowser::QTextBrowser;

    void setImage(const QString& name, const QImage& image) { m_images.insert(name, image); }

protected:
    QVariant loadResource(int type, const QUrl& name) override
    {
        if (type == QTextDocument::ImageResource && m_images.contains(name.toString()))
            return m_images.value(name.toString());
        return QTextBrowser::loadResource(type, name);
    }

private:
    QHash<QString, QImage> m_images;
};

PrimerDialog::PrimerDialog(QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Dataflow primer"));
    m_chapters = new QListWidget(this);
    for (const Chapter& c : kChapters)
        m_chapters->addItem(QString::fromUtf8(c.title));
    m_chapters->setMaximumWidth(260);
    m_page = new PrimerPage(this);
    m_page->setOpenLinks(false);
    m_page->document()->setDefaultStyleSheet(QStringLiteral("a { text-decoration: none; }"));
    m_selection = new SelectionContext(this);
    m_results = new ResultsPanel(m_selection, this);

    auto* top = new QSplitter(Qt::Horizontal);
    top->addWidget(m_chapters);
    top->addWidget(m_page);
    top->setStretchFactor(1, 1);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(top);
    split->addWidget(m_results);
    split->setSizes({430, 520});
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(split);
    resize(1400, 980);

    connect(m_chapters, &QListWidget::currentRowChanged, this, [this](int row) { m_page->setHtml(chapterHtml(row)); });
    connect(m_page, &QTextBrowser::anchorClicked, this, [this](const QUrl& link) {
        if (link.scheme() == QLatin1String("show"))
            showMe(link.path());
        else if (const auto term = termOfLink(link))
            showGlossary(parentWidget() ? parentWidget() : this)
                ->filter()
                ->setText(toQString(std::string(kapla::termInfo(*term).name)));
    });
    connect(m_page, &QTextBrowser::highlighted, this, [this](const QUrl& link) {
        if (const auto term = termOfLink(link))
            QToolTip::showText(QCursor::pos(), toQString(kapla::termToolTip(*term)), m_page);
        else
            QToolTip::hideText();
    });

    // The example is solved like any project: on the worker thread, so the window stays responsive.
    m_runner = new SolverRunner(this);
    connect(m_runner, &SolverRunner::finished, this, [this](quint64, const SolveResultPtr& r) { onSolved(r); });
    auto project = kapla::io::parseProject(resourceText(QStringLiteral("example.yaml")).toStdString(), "primer example",
                                           ".");
    if (project) {
        m_project = project.value();
        m_runner->start(m_project);
    } else {
        m_problem = toQString(project.diagnostics().front().format());
        QTimer::singleShot(0, this, &PrimerDialog::exampleReady); // ready, without an example
    }
    m_chapters->setCurrentRow(0);
}

QTextBrowser* PrimerDialog::page() const { return m_page; }

int PrimerDialog::chapterCount() const { return static_cast<int>(kChapters.size()); }

int PrimerDialog::currentChapter() const { return m_chapters->currentRow(); }

void PrimerDialog::showChapter(int chapter) { m_chapters->setCurrentRow(chapter); }

void PrimerDialog::onSolved(const SolveResultPtr& result)
{
    auto resolved = kapla::ResolvedProject::resolve(m_project);
    if (resolved && result && result->evaluation) {
        m_run = kapla::makeRun(std::move(resolved).value(), *result, {});
        m_results->setResult(m_run);
        drawPictures();
    } else {
        m_problem = result ? toQString(result->message) : tr("the example could not be solved");
    }
    m_page->setHtml(chapterHtml(currentChapter()));
    Q_EMIT exampleReady();
}

void PrimerDialog::drawPictures()
{
    const kapla::Evaluation& eval = *m_run->evaluation;
    const int conv1 = kapla::layerIndex(eval, "conv1");
    if (conv1 < 0)
        return;
    const kapla::LoopNest nest = kapla::loopNest(m_run->project(), m_run->architecture(), eval, conv1);
    m_snippets.insert(QStringLiteral("loops"), QStringLiteral("<pre>%1</pre>").arg(escapedLines(nest.code)));
    std::vector<std::string> buffers = nest.buffers;
    buffers.insert(buffers.end(), nest.explanation.begin(), nest.explanation.end());
    m_snippets.insert(QStringLiteral("buffers"), bullets(buffers));

    const auto& le = eval.layers[static_cast<std::size_t>(conv1)];
    QImage mesh(420, 420, QImage::Format_ARGB32);
    mesh.fill(Qt::white);
    {
        QPainter p(&mesh);
        const auto alloc = kapla::allocationData(eval, m_run->project().network, m_run->architecture(), le.segment);
        paintAllocation(p, mesh.rect(), alloc, AllocationPaintOptions{screenChartStyle(), conv1, true, {}});
    }
    m_page->setImage(QStringLiteral("primer:allocation"), mesh);
    m_snippets.insert(QStringLiteral("allocation"), QStringLiteral("<p><img src=\"primer:allocation\"></p>"));

    QCustomPlot plot;
    plot.setViewport(QRect(0, 0, 760, 260)); // laid out once at this size: its labels are thinned to it
    buildTimelinePlot(plot, kapla::timelineData(eval), screenChartStyle());
    plot.replot();
    const QImage timeline = plot.toPixmap(760, 260).toImage();
    m_page->setImage(QStringLiteral("primer:timeline"), timeline);
    m_snippets.insert(QStringLiteral("timeline"), QStringLiteral("<p><img src=\"primer:timeline\"></p>"));

    const kapla::Layer& layer = m_run->project().network.at(m_run->project().network.find(le.name)).layer;
    const kapla::PartitionedLayer part = le.partition.partLayer(layer, eval.batch);
    const kapla::PhyDim2 array = m_run->architecture().peArray;
    QString mappings;
    for (const auto kind : {kapla::MappingKind::Eyeriss, kapla::MappingKind::Systolic}) {
        const auto info = kapla::arrayMappingInfo(part.layer, part.batch, array, kind);
        const bool rs = kind == kapla::MappingKind::Eyeriss;
        const QString caption = rs ? tr("row stationary: %1 filter rows × %2 output rows, %3 copies, %4 of %5 PEs busy")
                                         .arg(info.flpeset.h)
                                         .arg(info.flpeset.w)
                                         .arg(info.repl.size())
                                         .arg(info.activePes())
                                         .arg(array.size())
                                   : tr("systolic: %1 output pixels × %2 output channels, %3 copies, %4 of %5 PEs busy")
                                         .arg(info.flpeset.h)
                                         .arg(info.flpeset.w)
                                         .arg(info.repl.size())
                                         .arg(info.activePes())
                                         .arg(array.size());
        const QString name = rs ? QStringLiteral("primer:pe-rs") : QStringLiteral("primer:pe-systolic");
        m_page->setImage(name, peArrayImage(info, array, caption));
        mappings += QStringLiteral("<td><img src=\"%1\"></td>").arg(name);
    }
    m_snippets.insert(QStringLiteral("mappings"), QStringLiteral("<table><tr>%1</tr></table>").arg(mappings));
}

QString PrimerDialog::chapterHtml(int chapter) const
{
    if (chapter < 0 || chapter >= chapterCount())
        return {};
    // The prose's terms become glossary links too (before the example's snippets, which have theirs).
    QString html = linkGlossaryTerms(
        resourceText(QString::fromUtf8(kChapters[static_cast<std::size_t>(chapter)].file)));
    const QString waiting = m_problem.isEmpty()
                              ? tr("<p><i>Solving the example (a small convolution on a 4x4 mesh)…</i></p>")
                              : tr("<p><i>The example is not available: %1</i></p>").arg(m_problem.toHtmlEscaped());
    for (const QString& key : {QStringLiteral("loops"), QStringLiteral("buffers"), QStringLiteral("allocation"),
                               QStringLiteral("timeline"), QStringLiteral("mappings")})
        html.replace(QStringLiteral("{{%1}}").arg(key), m_snippets.value(key, waiting));
    return html;
}

void PrimerDialog::showMe(const QString& target)
{
    const QString view = target.section(QLatin1Char('/'), 0, 0);
    const QString layer = target.section(QLatin1Char('/'), 1);
    if (view == QLatin1String("allocation"))
        m_results->showTab(ResultsPanel::Tab::Allocation);
    else if (view == QLatin1String("occupancy"))
        m_results->showTab(ResultsPanel::Tab::Occupancy);
    else if (view == QLatin1String("timeline"))
        m_results->showTab(ResultsPanel::Tab::Timeline);
    else
        m_results->showTab(ResultsPanel::Tab::Energy);
    if (!layer.isEmpty())
        m_selection->selectLayer(layer);
}

PrimerDialog* showPrimer(QWidget* parent)
{
    auto* dialog = parent->findChild<PrimerDialog*>();
    if (!dialog)
        dialog = new PrimerDialog(parent);
    dialog->show();
    dialog->raise();
    dialog->activateWindow();
    return dialog;
}
