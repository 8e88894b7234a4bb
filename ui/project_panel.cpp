#include "project_panel.h"

#include "session/project_document.h"
#include "session/project_summary.h"
#include "session/qt_text.h"
#include "session/run_list_model.h"

#include "resources/app_icons.h"

#include <QAction>
#include <QHeaderView>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QPushButton>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace {

QString onOff(bool on) { return on ? ProjectPanel::tr("on") : ProjectPanel::tr("off"); }

QLabel* heading(const QString& text)
{
    auto* label = new QLabel(QStringLiteral("<b>%1</b>").arg(text));
    label->setContentsMargins(4, 6, 4, 2);
    return label;
}

} // namespace

ProjectPanel::ProjectPanel(ProjectDocument* document, QWidget* parent)
    : QWidget(parent)
    , m_doc(document)
    , m_tree(new QTreeWidget)
    , m_runs(new QListView)
    , m_removeRun(new QAction(tr("&Remove Run"), this))
    , m_keepLive(new QAction(tr("&Keep Live Run"), this))
    , m_keepLiveButton(new QPushButton(tr("Keep Live Run")))
{
    m_tree->setHeaderHidden(true);
    m_tree->setRootIsDecorated(true);
    m_tree->setUniformRowHeights(true);
    m_tree->setTextElideMode(Qt::ElideRight);
    m_tree->setToolTip(tr("Click a section to edit it"));
    const QList<std::pair<QIcon, QString>> sections{{actionIcon(QStringLiteral("kapla-network")), tr("Network")},
                                                    {actionIcon(QStringLiteral("kapla-architecture")),
                                                     tr("Architecture")},
                                                    {actionIcon(QStringLiteral("kapla-options")), tr("Options")}};
    for (const auto& [icon, title] : sections) {
        auto* item = new QTreeWidgetItem(m_tree, {title});
        item->setIcon(0, icon);
        QFont f = item->font(0);
        f.setBold(true);
        item->setFont(0, f);
    }
    connect(m_tree, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem* item) {
        QTreeWidgetItem* top = item->parent() ? item->parent() : item;
        Q_EMIT sectionActivated(static_cast<Section>(m_tree->indexOfTopLevelItem(top)));
    });

    m_runs->setModel(m_doc->runs());
    // A run's second line (mesh, PEs, GBUF, batch, …) wraps at the pane's width rather than being cut.
    m_runs->setWordWrap(true);
    m_runs->setResizeMode(QListView::Adjust);
    m_runs->setAlternatingRowColors(true);
    m_runs->setSelectionMode(QAbstractItemView::SingleSelection);
    // F2 renames a run (double-click shows it).
    m_runs->setEditTriggers(QAbstractItemView::EditKeyPressed);
    m_runs->setToolTip(tr("The solves of this project, newest last; hover a run for its details"));
    connect(m_runs, &QListView::activated, this,
            [this](const QModelIndex& index) { Q_EMIT runActivated(index.data(RunListModel::IdRole).toInt()); });
    m_removeRun->setShortcut(QKeySequence::Delete);
    m_removeRun->setShortcutContext(Qt::WidgetShortcut);
    m_removeRun->setToolTip(tr("Remove the selected run from the project (Delete; Ctrl+Z brings it back)"));
    m_runs->addAction(m_removeRun);
    m_runs->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_runs, &QWidget::customContextMenuRequested, this, [this](const QPoint& pos) {
        const QModelIndex index = m_runs->indexAt(pos);
        if (!index.isValid())
            return;
        m_runs->setCurrentIndex(index);
        QMenu* menu = runMenu(index.data(RunListModel::IdRole).toInt());
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(m_runs->viewport()->mapToGlobal(pos));
    });
    connect(m_removeRun, &QAction::triggered, this, [this] {
        const QModelIndex current = m_runs->currentIndex();
        if (current.isValid())
            m_doc->removeRun(current.data(RunListModel::IdRole).toInt());
    });
    // Keep the newest run in view.
    connect(m_doc->runs(), &QAbstractItemModel::rowsInserted, m_runs, [this] { m_runs->scrollToBottom(); });
    m_keepLive->setToolTip(tr("Make the live run a normal run of the project, saved with it; the next live "
                              "re-solve starts a new live entry"));
    connect(m_keepLive, &QAction::triggered, m_doc, &ProjectDocument::keepLiveRun);
    m_keepLiveButton->setToolTip(m_keepLive->toolTip());
    connect(m_keepLiveButton, &QPushButton::clicked, m_keepLive, &QAction::trigger);
    for (const auto signal : {&RunListModel::liveRunChanged, &RunListModel::runFinished, &RunListModel::keptChanged})
        connect(m_doc->runs(), signal, this, &ProjectPanel::updateKeepLive);
    connect(m_doc->runs(), &QAbstractItemModel::rowsRemoved, this, &ProjectPanel::updateKeepLive);
    connect(m_doc->runs(), &QAbstractItemModel::modelReset, this, &ProjectPanel::updateKeepLive);
    updateKeepLive();

    auto* top = new QWidget;
    auto* topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->setSpacing(0);
    topLayout->addWidget(m_tree);
    auto* bottom = new QWidget;
    auto* bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    bottomLayout->setSpacing(0);
    bottomLayout->addWidget(heading(tr("Runs")));
    bottomLayout->addWidget(m_runs);
    bottomLayout->addWidget(m_keepLiveButton);

    auto* splitter = new QSplitter(Qt::Vertical);
    splitter->setObjectName(QStringLiteral("projectPanelSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(top);
    splitter->addWidget(bottom);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 0, 0, 4);
    layout->addWidget(splitter);

    for (const auto signal :
         {&ProjectDocument::projectReset, &ProjectDocument::networkChanged, &ProjectDocument::architectureChanged,
          &ProjectDocument::optionsChanged, &ProjectDocument::batchChanged, &ProjectDocument::nameChanged})
        connect(m_doc, signal, this, &ProjectPanel::refresh);
    refresh();
}

void ProjectPanel::setLines(Section section, const QStringList& lines)
{
    QTreeWidgetItem* item = m_tree->topLevelItem(static_cast<int>(section));
    const bool wasExpanded = item->childCount() == 0 || item->isExpanded();
    while (item->childCount() > static_cast<int>(lines.size()))
        delete item->takeChild(item->childCount() - 1);
    for (int i = 0; i < lines.size(); ++i) {
        QTreeWidgetItem* child = i < item->childCount() ? item->child(i) : new QTreeWidgetItem(item);
        child->setText(0, lines[i]);
        child->setToolTip(0, lines[i]);
    }
    item->setExpanded(wasExpanded);
}

QStringList ProjectPanel::sectionLines(Section section) const
{
    QStringList out;
    const QTreeWidgetItem* item = m_tree->topLevelItem(static_cast<int>(section));
    for (int i = 0; i < item->childCount(); ++i)
        out << item->child(i)->text(0);
    return out;
}

void ProjectPanel::refresh()
{
    if (!m_doc->hasProject()) {
        for (const Section s : {Section::Network, Section::Architecture, Section::Options})
            setLines(s, {});
        return;
    }
    const kapla::Project& p = m_doc->project();
    const auto& draft = m_doc->networkDraft();
    std::int64_t macs = 0;
    for (const auto& layer : m_doc->networkCheck().layers)
        macs += layer ? layer->totalOps(1) : 0;
    const auto problems = m_doc->networkCheck().issues.size();
    setLines(Section::Network, {QString::fromStdString(draft.name.empty() ? "(unnamed)" : draft.name),
                                tr("%1 layers, input %2 × %3")
                                    .arg(draft.layers.size())
                                    .arg(draft.inputNofm)
                                    .arg(dimText(draft.inputSofm)),
                                tr("%1 MACs/sample").arg(groupDigitsText(macs)),
                                problems == 0 ? tr("valid") : tr("%1 problem(s) to fix").arg(problems)});

    const auto& resolved = m_doc->resolved();
    if (resolved) {
        const kapla::Architecture& a = resolved->architecture();
        setLines(Section::Architecture,
                 {QString::fromStdString(a.name.empty() ? "(unnamed)" : a.name),
                  tr("%1 nodes of %2 PEs").arg(dimText(a.nodes), dimText(a.peArray)),
                  tr("GBUF %1 words, REGF %2 words/PE").arg(quantityText(a.gbufWords), quantityText(a.regfWords)),
                  tr("DRAM %1, %2 words/cycle")
                      .arg(a.memType == kapla::MemType::TwoD ? tr("2D") : tr("3D"), quantityText(a.dramBandwidth))});
    } else {
        setLines(Section::Architecture,
                 {QString::fromStdString(p.architecture.name),
                  tr("invalid: %1").arg(QString::fromStdString(resolved.diagnostics().front().message))});
    }
    const kapla::Options& o = p.options;
    setLines(Section::Options,
             {tr("batch %1, goal %2").arg(p.batch).arg(QString::fromUtf8(kapla::goalKeyword(o.goal))),
              tr("solver %1, %2 mapping")
                  .arg(QString::fromUtf8(kapla::solverKeyword(o.solver)),
                       QString::fromUtf8(kapla::mappingKeyword(o.mapping))),
              tr("pipelining %1, hybrid partitioning %2").arg(onOff(o.partitionInterlayer), onOff(o.partitionHybrid))});
}

QMenu* ProjectPanel::compareMenu(int runId, QWidget* parent)
{
    auto* menu = new QMenu(tr("&Compare with"), parent);
    const RunListModel* runs = m_doc->runs();
    for (int row = 0; row < runs->rowCount(); ++row) {
        const RunEntry& other = runs->at(row);
        if (other.id == runId || !other.run || !other.run->hasResult())
            continue;
        const int otherId = other.id;
        // The first line of the entry: its number, label and result.
        menu->addAction(runs->index(row).data().toString().section(QLatin1Char('\n'), 0, 0), this,
                        [this, runId, otherId] { Q_EMIT compareRequested(runId, otherId); });
    }
    menu->setEnabled(!menu->isEmpty());
    return menu;
}

QMenu* ProjectPanel::runMenu(int runId)
{
    auto* menu = new QMenu(m_runs);
    const RunEntry* entry = m_doc->runs()->runById(runId);
    const bool hasResult = entry && entry->run && entry->run->hasResult();
    menu->addAction(tr("&Show"), this, [this, runId] { Q_EMIT runActivated(runId); })->setEnabled(hasResult);
    QMenu* compare = compareMenu(runId, menu);
    compare->setEnabled(hasResult && compare->isEnabled());
    compare->setToolTip(tr("Put this run (A) side by side with another (B)"));
    menu->addMenu(compare);
    menu->addAction(tr("&Export…"), this, [this, runId] { Q_EMIT exportRequested(runId); })->setEnabled(hasResult);
    menu->addAction(tr("&Rename…"), this,
                    [this, runId] {
                        const int row = m_doc->runs()->rowOfId(runId);
                        if (row >= 0)
                            m_runs->edit(m_doc->runs()->index(row));
                    })
        ->setEnabled(entry && entry->run);
    menu->addAction(tr("&Duplicate as Project"), this, [this, runId] { Q_EMIT duplicateRequested(runId); })
        ->setEnabled(entry && entry->run);
    if (entry && entry->live)
        menu->addAction(m_keepLive);
    menu->addSeparator();
    menu->addAction(m_removeRun);
    return menu;
}

void ProjectPanel::updateKeepLive()
{
    const RunEntry* entry = m_doc->runs()->runById(m_doc->runs()->liveRunId());
    const bool live = entry && entry->run;
    m_keepLive->setEnabled(live);
    m_keepLiveButton->setVisible(live);
}

void ProjectPanel::highlightRun(int runId)
{
    const int row = m_doc->runs()->rowOfId(runId);
    if (row < 0) {
        m_runs->clearSelection();
        return;
    }
    const QModelIndex index = m_doc->runs()->index(row);
    m_runs->setCurrentIndex(index);
    m_runs->scrollTo(index);
}
