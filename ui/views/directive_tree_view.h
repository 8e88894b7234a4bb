#pragma once
// The directive tree with a search box: filtering keeps the ancestors of matches; sorting by energy.

#include <QWidget>

class DirectiveTreeModel;
class QLineEdit;
class QSortFilterProxyModel;
class QTreeView;
class SelectionContext;

/// The directive tree linked to the selection: choosing a row selects its directive (and layer).
class DirectiveTreeView : public QWidget
{
    Q_OBJECT

public:
    explicit DirectiveTreeView(SelectionContext* selection, QWidget* parent = nullptr);

    DirectiveTreeModel* model() const { return m_model; }
    QSortFilterProxyModel* proxy() const { return m_proxy; }
    QTreeView* tree() const { return m_tree; }
    QLineEdit* searchBox() const { return m_search; }
    /// The path of the current row (empty without one).
    QString currentPath() const;

private:
    void rebuild();
    void fitColumns();
    void onSelection();
    void onCurrentChanged();

    SelectionContext* m_selection;
    DirectiveTreeModel* m_model = nullptr;
    QSortFilterProxyModel* m_proxy = nullptr;
    QTreeView* m_tree = nullptr;
    QLineEdit* m_search = nullptr;
};
