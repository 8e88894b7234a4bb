#pragma once
// Read-only table of a network's layers (shapes, MACs and data sizes per sample) for the layer view.

#include "report/network_summary.h"

#include <QAbstractTableModel>

#include <cstdint>
#include <vector>

namespace kapla {
class Network;
}

/// One row per layer in network order; a snapshot, reset by setNetwork().
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
    };

    explicit LayerTableModel(QObject* parent = nullptr);

    /// Replaces the rows with the layers of `network`.
    void setNetwork(const kapla::Network& network);
    /// Empties the table.
    void clear();

    /// Sum of the MACs per sample over all layers.
    std::int64_t totalMacs() const { return m_totalMacs; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant displayData(const kapla::LayerSummary& row, Column column) const;
    QVariant sortData(const kapla::LayerSummary& row, Column column) const;

    std::vector<kapla::LayerSummary> m_rows;
    std::int64_t m_totalMacs = 0;
};
