#pragma once
// The network editor: the layer table (add, remove, reorder, edit in place with validation) above
// the YAML text of the same network; selecting a layer in one selects it in the other.

#include <QStyledItemDelegate>
#include <QWidget>

class LayerTableModel;
class NetworkYamlEditor;
class ProjectDocument;
class QAction;
class QLabel;
class QSortFilterProxyModel;
class QSplitter;
class QTableView;

/// Editors for the layer table: a type list, channel spin boxes, and text for sizes and producers.
class LayerItemDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;
    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    void setEditorData(QWidget* editor, const QModelIndex& index) const override;
    void setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const override;
};

class NetworkEditor : public QWidget
{
    Q_OBJECT

public:
    explicit NetworkEditor(ProjectDocument* document, QWidget* parent = nullptr);

    LayerTableModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    NetworkYamlEditor* yamlEditor() const { return m_yaml; }
    QAction* addAction() const { return m_add; }
    QAction* removeAction() const { return m_remove; }
    QAction* moveUpAction() const { return m_up; }
    QAction* moveDownAction() const { return m_down; }

    /// The selected layer's name, or empty.
    QString currentLayer() const;
    /// Selects a layer in the table and the text (no-op for unknown names).
    void selectLayer(const QString& name);

Q_SIGNALS:
    /// The user selected another layer (in the table or the text).
    void layerSelected(const QString& name);
    /// Something worth a status-bar line happened (an unreadable cell value, say).
    void message(const QString& text);

private:
    QWidget* buildTablePane();
    void addLayer();
    void removeLayers();
    void moveLayer(int delta);
    void onTableSelection();
    void updateActions();
    void updateSummary();
    void resizeColumns();
    /// The network row of the current table row (through the sort proxy), -1 without one.
    int currentRow() const;

    ProjectDocument* m_doc;
    LayerTableModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QTableView* m_table = nullptr;
    QLabel* m_summary = nullptr;
    NetworkYamlEditor* m_yaml = nullptr;
    QAction* m_add = nullptr;
    QAction* m_remove = nullptr;
    QAction* m_up = nullptr;
    QAction* m_down = nullptr;
    bool m_syncing = false;
};
