#pragma once
// Read-only table of a result's layers: segment, nodes, partition, energy by component, time, buffer fill.

#include "run/run.h"

#include <QAbstractTableModel>

#include <vector>

/// One row per layer in scheduling order; reset from an immutable result snapshot.
class ResultLayerModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum class Column {
        Layer,
        Segment,
        Nodes,
        Partition,
        Energy,
        Mac,
        Dram,
        Gbuf,
        Itcn,
        Regf,
        Noc,
        Static,
        Time,
        Start,
        Done,
        GbufFill,
        RegfFill,
        Count
    };

    enum Role {
        SortRole = Qt::UserRole + 1, ///< numbers as doubles, text otherwise
        IdRole,                      ///< the layer name
    };

    explicit ResultLayerModel(QObject* parent = nullptr);

    /// Rebuilds the rows from a result (null: empty).
    void setResult(kapla::RunPtr result);
    /// The row of a layer, -1 if absent.
    int rowOfLayer(const QString& name) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant value(int row, Column column) const;

    kapla::RunPtr m_result;
    std::vector<kapla::EnergyBreakdown> m_shares;
};
