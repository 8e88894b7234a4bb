#include "network_editor.h"

#include "form_fields.h"
#include "network_yaml_editor.h"

#include "session/layer_table_model.h"
#include "session/project_document.h"
#include "session/qt_text.h"

#include "resources/app_icons.h"

#include <QAction>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

#include <algorithm>

namespace {

using Column = LayerTableModel::Column;

constexpr int kColumnPadding = 10;
constexpr int kMaxColumnWidth = 260;

// A layer that chains after `producer` as it is: a 3x3 convolution keeping channels and size, or an
// FC layer after a 1x1 producer.
DraftLayer layerAfter(const kapla::Layer* producer, const std::string& producerName, const std::string& name)
{
    DraftLayer d;
    d.name = name;
    d.prevs = {producerName};
    const int channels = producer ? producer->nofm() : 1;
    const kapla::PhyDim2 size = producer ? producer->sofm() : kapla::PhyDim2{1, 1};
    d.params.nifm = channels;
    d.params.nofm = channels;
    if (size == kapla::PhyDim2{1, 1}) {
        d.params.type = kapla::LayerType::FC;
        d.params.sofm = {1, 1};
    } else {
        d.params.type = kapla::LayerType::Conv;
        d.params.sofm = size;
        d.params.sfil = {3, 3};
    }
    return d;
}

// Long column titles on two lines ("Ifmap\nwords"), so the numbers, not the titles, set the widths.
class LayerProxyModel : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

    QVariant headerData(int section, Qt::Orientation orientation, int role) const override
    {
        QVariant value = QSortFilterProxyModel::headerData(section, orientation, role);
        if (role != Qt::DisplayRole || orientation != Qt::Horizontal)
            return value;
        QString title = value.toString();
        const auto split = title.indexOf(title.contains(QLatin1Char(' ')) ? QLatin1Char(' ') : QLatin1Char('/'));
        if (title.size() > 6 && split > 0)
            title = title.left(split + (title.at(split) == QLatin1Char('/') ? 1 : 0)) + QLatin1Char('\n')
                  + title.mid(split + 1);
        return title;
    }
};

} // namespace

QWidget* LayerItemDelegate::createEditor(QWidget* parent, const QStyleOptionViewItem& option,
                                         const QModelIndex& index) const
{
    const auto column = static_cast<Column>(index.column());
    if (column == Column::Type) {
        auto* combo = new QComboBox(parent);
        for (int t = static_cast<int>(kapla::LayerType::Conv);
             t <= static_cast<int>(kapla::LayerType::DWConvBackWeight); ++t)
            combo->addItem(QString::fromUtf8(kapla::layerTypeKeyword(static_cast<kapla::LayerType>(t))));
        return combo;
    }
    if (column == Column::Nifm || column == Column::Nofm) {
        auto* spin = new CountSpinBox(1, 1'000'000'000, parent);
        spin->setFrame(false);
        return spin;
    }
    return QStyledItemDelegate::createEditor(parent, option, index);
}

void LayerItemDelegate::setEditorData(QWidget* editor, const QModelIndex& index) const
{
    if (auto* combo = qobject_cast<QComboBox*>(editor))
        combo->setCurrentText(index.data(Qt::EditRole).toString());
    else if (auto* spin = qobject_cast<QSpinBox*>(editor))
        spin->setValue(index.data(Qt::EditRole).toInt());
    else
        QStyledItemDelegate::setEditorData(editor, index);
}

void LayerItemDelegate::setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const
{
    if (auto* combo = qobject_cast<QComboBox*>(editor))
        model->setData(index, combo->currentText());
    else if (auto* spin = qobject_cast<QSpinBox*>(editor))
        model->setData(index, spin->value());
    else
        QStyledItemDelegate::setModelData(editor, model, index);
}

NetworkEditor::NetworkEditor(ProjectDocument* document, QWidget* parent)
    : QWidget(parent)
    , m_doc(document)
    , m_model(new LayerTableModel(document, this))
    , m_proxy(new LayerProxyModel(this))
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(LayerTableModel::SortRole);

    m_yaml = new NetworkYamlEditor(document);
    auto* yamlPane = new QWidget;
    auto* yamlLayout = new QVBoxLayout(yamlPane);
    yamlLayout->setContentsMargins(0, 4, 0, 0);
    yamlLayout->setSpacing(2);
    auto* yamlTitle = new QLabel(tr("<b>Network YAML</b>"));
    yamlTitle->setContentsMargins(4, 0, 4, 0);
    yamlLayout->addWidget(yamlTitle);
    yamlLayout->addWidget(m_yaml, 1);

    auto* splitter = new QSplitter(Qt::Vertical);
    splitter->setObjectName(QStringLiteral("networkSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(buildTablePane());
    splitter->addWidget(yamlPane);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &NetworkEditor::onTableSelection);
    connect(m_yaml, &NetworkYamlEditor::layerActivated, this, [this](const QString& name) {
        if (name.isEmpty())
            return;
        m_syncing = true;
        selectLayer(name);
        m_syncing = false;
        Q_EMIT layerSelected(name);
    });
    connect(m_model, &LayerTableModel::editRejected, this, &NetworkEditor::message);
    connect(m_doc, &ProjectDocument::networkChanged, this, [this] {
        updateSummary();
        updateActions();
    });
    connect(m_doc, &ProjectDocument::projectReset, this, [this] {
        m_table->sortByColumn(-1, Qt::AscendingOrder);
        resizeColumns();
        updateSummary();
        updateActions();
    });
    connect(m_table->horizontalHeader(), &QHeaderView::sortIndicatorChanged, this, &NetworkEditor::updateActions);
    updateSummary();
    updateActions();
}

QWidget* NetworkEditor::buildTablePane()
{
    auto* pane = new QWidget;
    auto* layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);

    auto* bar = new QToolBar;
    bar->setIconSize(QSize(16, 16));
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_add = bar->addAction(actionIcon(QStringLiteral("list-add")), tr("Add layer"), this, &NetworkEditor::addLayer);
    m_add->setToolTip(tr("Add a layer after the selected one, fed by it (Ctrl+Shift+N)"));
    m_add->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    m_remove = bar->addAction(actionIcon(QStringLiteral("edit-delete")), tr("Remove"), this,
                              &NetworkEditor::removeLayers);
    m_remove->setToolTip(tr("Remove the selected layers (Delete); their consumers are then marked"));
    m_up = bar->addAction(actionIcon(QStringLiteral("go-up")), tr("Up"), this, [this] { moveLayer(-1); });
    m_up->setToolTip(tr("Move the selected layer up (Alt+Up); producers must stay before their consumers"));
    m_up->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Up));
    m_down = bar->addAction(actionIcon(QStringLiteral("go-down")), tr("Down"), this, [this] { moveLayer(1); });
    m_down->setToolTip(tr("Move the selected layer down (Alt+Down)"));
    m_down->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Down));
    m_summary = new QLabel;
    m_summary->setContentsMargins(12, 0, 4, 0);
    auto* spacer = new QWidget;
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    bar->addWidget(spacer);
    bar->addWidget(m_summary);
    layout->addWidget(bar);

    m_table = new QTableView;
    m_table->setModel(m_proxy);
    m_table->setItemDelegate(new LayerItemDelegate(m_table));
    m_table->setAlternatingRowColors(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                             | QAbstractItemView::SelectedClicked);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    auto* header = m_table->horizontalHeader();
    header->setStretchLastSection(true);
    header->setHighlightSections(false);
    // Network order until a header is clicked; a third click on the same header goes back to it.
    header->setSortIndicator(-1, Qt::AscendingOrder);
    header->setSortIndicatorClearable(true);
    m_table->setSortingEnabled(true);
    auto* del = new QAction(tr("Remove layers"), m_table);
    del->setShortcut(QKeySequence::Delete);
    del->setShortcutContext(Qt::WidgetShortcut);
    connect(del, &QAction::triggered, this, &NetworkEditor::removeLayers);
    m_table->addAction(del);
    layout->addWidget(m_table, 1);
    return pane;
}

int NetworkEditor::currentRow() const
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    if (!current.isValid() || !m_table->selectionModel()->isRowSelected(current.row(), current.parent()))
        return -1;
    return m_proxy->mapToSource(current).row();
}

QString NetworkEditor::currentLayer() const
{
    const int row = currentRow();
    return row < 0 ? QString() : m_model->index(row, 0).data(LayerTableModel::IdRole).toString();
}

void NetworkEditor::selectLayer(const QString& name)
{
    for (int r = 0; r < m_proxy->rowCount(); ++r) {
        const QModelIndex index = m_proxy->index(r, 0);
        if (index.data(LayerTableModel::IdRole).toString() != name)
            continue;
        if (currentLayer() != name) {
            m_table->selectionModel()->setCurrentIndex(index,
                                                       QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        }
        m_table->scrollTo(index);
        return;
    }
}

void NetworkEditor::onTableSelection()
{
    updateActions();
    const QString name = currentLayer();
    if (m_syncing || name.isEmpty())
        return;
    m_yaml->showLayer(name);
    Q_EMIT layerSelected(name);
}

void NetworkEditor::addLayer()
{
    const auto& draft = m_doc->networkDraft();
    const int row = currentRow();
    const int at = row < 0 ? static_cast<int>(draft.layers.size()) : row + 1;
    const int producerRow = at - 1;
    const kapla::Layer* producer = nullptr;
    std::string producerName(kapla::Network::kInputName);
    kapla::Layer input = kapla::makeInputLayer(draft.inputNofm, draft.inputSofm);
    if (producerRow >= 0) {
        const auto& built = m_doc->networkCheck().layers[static_cast<std::size_t>(producerRow)];
        producer = built ? &*built : nullptr;
        producerName = draft.layers[static_cast<std::size_t>(producerRow)].name;
    } else {
        producer = &input;
    }
    std::string name;
    for (int n = static_cast<int>(draft.layers.size()) + 1;; ++n) {
        name = "layer" + std::to_string(n);
        const bool used = std::any_of(draft.layers.begin(), draft.layers.end(),
                                      [&](const DraftLayer& l) { return l.name == name; });
        if (!used)
            break;
    }
    m_doc->insertLayer(at, layerAfter(producer, producerName, name));
    selectLayer(QString::fromStdString(name));
    m_table->edit(m_proxy->mapFromSource(m_model->index(at, static_cast<int>(Column::Name))));
}

void NetworkEditor::removeLayers()
{
    QList<int> rows;
    for (const QModelIndex& index : m_table->selectionModel()->selectedRows())
        rows << m_proxy->mapToSource(index).row();
    m_doc->removeLayers(rows);
}

void NetworkEditor::moveLayer(int delta)
{
    const int row = currentRow();
    if (row < 0)
        return;
    const QString name = currentLayer();
    m_doc->moveLayer(row, row + delta);
    selectLayer(name);
}

void NetworkEditor::updateActions()
{
    const bool loaded = m_doc->hasProject();
    const int row = currentRow();
    const int count = m_model->rowCount();
    const bool unsorted = m_table->horizontalHeader()->sortIndicatorSection() < 0;
    m_add->setEnabled(loaded);
    m_remove->setEnabled(loaded && !m_table->selectionModel()->selectedRows().isEmpty());
    m_up->setEnabled(loaded && unsorted && row > 0);
    m_down->setEnabled(loaded && unsorted && row >= 0 && row + 1 < count);
}

void NetworkEditor::updateSummary()
{
    if (!m_doc->hasProject()) {
        m_summary->clear();
        return;
    }
    const auto& issues = m_doc->networkCheck().issues;
    const QString macs = groupDigitsText(m_model->totalMacs());
    QString text = tr("%1 layers · %2 MACs/sample").arg(m_model->rowCount()).arg(macs);
    if (issues.empty()) {
        text += QStringLiteral(" · <span style=\"color:#2e7d32\">%1</span>").arg(tr("valid"));
        m_summary->setToolTip(tr("Every layer chains with its producers."));
    } else {
        text += QStringLiteral(" · <span style=\"color:#c62828\"><b>%1</b></span>")
                    .arg(issues.size() == 1 ? tr("1 problem") : tr("%1 problems").arg(issues.size()));
        m_summary->setToolTip(m_doc->networkProblems().join(QLatin1Char('\n')));
    }
    m_summary->setText(text);
}

void NetworkEditor::resizeColumns()
{
    m_table->resizeColumnsToContents();
    auto* header = m_table->horizontalHeader();
    const int last = header->count() - 1;
    for (int c = 0; c < last; ++c)
        header->resizeSection(c, std::min(header->sectionSize(c) + kColumnPadding, kMaxColumnWidth));
    // The producer list can be long: let it take the remaining width and elide (full text in the
    // tooltip) rather than push the numbers out of view.
    if (last >= 0)
        header->resizeSection(last, header->minimumSectionSize());
}
