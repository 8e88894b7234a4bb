#pragma once
// The layer table of a ProjectDocument: shapes, MACs and data sizes per sample, editable through
// undo commands, with the draft's problems on the cells they concern.

#include "session/network_draft.h"

#include <QAbstractTableModel>

#include <cstdint>
#include <optional>

class ProjectDocument;

/// One row per layer in network order. Writing a cell pushes an undo command on the document;
/// a cell with a problem gets a tinted background and the message as its tooltip.
class LayerTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum class Column {
        Name,
        Type,
        Nifm,
        Nofm,
        Ifmap,
        Ofmap,
        Filter,
        Stride,
        Macs,
        IfmapWords,
        OfmapWords,
        FilterWords,
        Prevs,
        Count
    };

    /// Item roles beyond Qt's; plain ints because data() takes the role as an int.
    enum Role {
        SortRole = Qt::UserRole + 1, ///< numeric value for numeric columns, text otherwise
        IdRole,                      ///< the layer name, stable across sorting and filtering
        IssueRole,                   ///< QStringList: the problems of this cell (empty when fine)
        RowRole,                     ///< the layer's row in the network (int)
    };

    explicit LayerTableModel(ProjectDocument* document, QObject* parent = nullptr);

    /// Sum of the MACs per sample over the layers that can be built.
    std::int64_t totalMacs() const { return m_totalMacs; }
    /// The layer field a column edits, if it is editable at all.
    static std::optional<LayerField> fieldOf(Column column);
    static Column columnOf(LayerField field);
    /// "3", "3x3", "3 × 5", "[3, 5]" → (h, w).
    static std::optional<kapla::PhyDim2> parseDim(const QString& text);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    /// A written value could not be understood (e.g. "3y3" for a size); nothing changed.
    void editRejected(const QString& message);

private:
    const DraftLayer& row(int r) const;
    const kapla::Layer* built(int r) const;
    QVariant displayData(int r, Column column) const;
    QVariant editData(int r, Column column) const;
    QVariant sortData(int r, Column column) const;
    QStringList issues(int r, Column column) const;
    bool applyEdit(int r, Column column, const QVariant& value);
    void refresh();

    ProjectDocument* m_doc;
    std::int64_t m_totalMacs = 0;
};
