#include "views/directive_tree_view.h"

#include "session/directive_tree_model.h"
#include "session/selection_context.h"

#include <QHeaderView>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QSortFilterProxyModel>
#include <QStyle>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>
#include <vector>

DirectiveTreeView::DirectiveTreeView(SelectionContext* selection, QWidget* parent)
    : QWidget(parent)
    , m_selection(selection)
{
    m_model = new DirectiveTreeModel(this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setRecursiveFilteringEnabled(true);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setSortRole(DirectiveTreeModel::SortRole);

    m_search = new QLineEdit(this);
    m_search->setPlaceholderText(tr("Filter directives (layer, batch, order…)"));
    m_search->setClearButtonEnabled(true);
    m_tree = new QTreeView(this);
    m_tree->setModel(m_proxy);
    m_tree->setSortingEnabled(true);
    m_tree->sortByColumn(0, Qt::AscendingOrder);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->header()->setStretchLastSection(false);
    m_tree->setMinimumWidth(320);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_search);
    layout->addWidget(m_tree, 1);

    connect(m_search, &QLineEdit::textChanged, this, [this](const QString& text) {
        m_proxy->setFilterFixedString(text);
        if (!text.isEmpty())
            m_tree->expandAll();
    });
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, &DirectiveTreeView::onCurrentChanged);
    connect(m_selection, &SelectionContext::resultChanged, this, &DirectiveTreeView::rebuild);
    connect(m_selection, &SelectionContext::selectionChanged, this, &DirectiveTreeView::onSelection);
    rebuild();
}

QString DirectiveTreeView::currentPath() const
{
    return m_tree->currentIndex().data(DirectiveTreeModel::IdRole).toString();
}

void DirectiveTreeView::rebuild()
{
    const QSignalBlocker block(m_tree->selectionModel());
    m_model->setResult(m_selection->result());
    m_tree->expandToDepth(1);
    fitColumns();
    onSelection();
}

// Sized once per result from every row, folded or not (interactive resize modes would measure the
// shown rows on each selection): names and energies as wide as they get, values wider still when the
// pane has room, else the tree scrolls sideways rather than cutting them.
void DirectiveTreeView::fitColumns()
{
    const QFontMetrics fm(m_tree->font());
    const int indent = m_tree->indentation();
    int name = m_tree->header()->sectionSizeHint(0), value = m_tree->header()->sectionSizeHint(1);
    std::vector<std::pair<QModelIndex, int>> stack{{QModelIndex(), 0}};
    while (!stack.empty()) {
        const auto [parent, depth] = stack.back();
        stack.pop_back();
        for (int r = 0; r < m_proxy->rowCount(parent); ++r) {
            const QModelIndex index = m_proxy->index(r, 0, parent);
            name = std::max(name, fm.horizontalAdvance(index.data().toString()) + indent * (depth + 1));
            value = std::max(value, fm.horizontalAdvance(m_proxy->index(r, 1, parent).data().toString()));
            if (m_proxy->hasChildren(index))
                stack.emplace_back(index, depth + 1);
        }
    }
    const int padding = 2 * m_tree->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, m_tree) + 12;
    m_tree->setColumnWidth(0, name + padding);
    m_tree->resizeColumnToContents(2);
    m_tree->setColumnWidth(1, value + padding);
}

void DirectiveTreeView::onSelection()
{
    QString path = m_selection->directive();
    QModelIndex source = m_model->indexOfPath(path);
    if (!source.isValid() && !m_selection->layer().isEmpty())
        source = m_model->indexOfPath(SelectionContext::pathOf(m_selection->segment(), m_selection->layer()));
    const QModelIndex index = m_proxy->mapFromSource(source);
    if (!index.isValid() || index == m_tree->currentIndex())
        return;
    const QSignalBlocker block(m_tree->selectionModel());
    m_tree->setCurrentIndex(index);
    m_tree->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_tree->scrollTo(index);
    m_tree->viewport()->update();
}

void DirectiveTreeView::onCurrentChanged()
{
    const QString path = currentPath();
    if (!path.isEmpty())
        m_selection->selectDirective(path);
}
