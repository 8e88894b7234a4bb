#pragma once
// Read-only tree of a result's directives: network → segments → layers → partition, data layout,
// array mapping, GBUF/REGF blocking, buffer sharing and pipeline constraint, each with its energy.

#include "run/run.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QString>

#include <vector>

/// One row per directive; reset from an immutable result snapshot. The energy column shows the share
/// of the network energy a row accounts for (a directive: the component it mainly decides).
class DirectiveTreeModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum class Column { Directive, Value, Energy, Count };

    enum Role {
        SortRole = Qt::UserRole + 1, ///< schedule order (Directive), text (Value), share 0..1 (Energy; -1 none)
        IdRole,                      ///< the directive path (SelectionContext::pathOf)
        EnergyRole,                  ///< energy in the architecture's unit (-1 when none is attributed)
    };

    explicit DirectiveTreeModel(QObject* parent = nullptr);

    /// Rebuilds the tree from a result (null: empty).
    void setResult(kapla::RunPtr result);
    const kapla::RunPtr& result() const { return m_result; }
    /// The column-0 index of a directive path, invalid if unknown.
    QModelIndex indexOfPath(const QString& path) const;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    struct Node {
        QString name;
        QString value;
        QString path;
        QString energyNote; ///< what the energy stands for
        double energy = -1; ///< architecture unit; -1 when none is attributed
        int parent = -1;    ///< node index, -1 for top level
        int row = 0;
        std::vector<int> children;
        QString nameToolTip; ///< what the directive's name means (the glossary's entry)
    };

private:
    int addNode(int parent, Node node);
    void buildSegment(int root, int segment);
    void buildLayer(int parent, int layer);
    const Node* nodeOf(const QModelIndex& index) const;

    kapla::RunPtr m_result;
    std::vector<Node> m_nodes;
    std::vector<int> m_top;
    QHash<QString, int> m_byPath;
    std::vector<kapla::EnergyBreakdown> m_shares; ///< per layer, static rebased (layerEnergyShares)
};
