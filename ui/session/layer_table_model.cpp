#include "session/layer_table_model.h"

#include "model/network.h"

#include <array>

namespace {

using Column = LayerTableModel::Column;

struct ColumnInfo {
    const char* title;
    const char* tip;
    bool numeric;
};

constexpr std::array<ColumnInfo, static_cast<std::size_t>(Column::Count)> kColumns{{
    {"Layer", "Layer name", false},
    {"Type", "Layer type", false},
    {"nifm", "Input channels", true},
    {"nofm", "Output channels", true},
    {"Ifmap", "Input feature map size (height × width)", true},
    {"Ofmap", "Output feature map size (height × width)", true},
    {"Filter", "Filter size (convolutions) or region size (pooling, local region)", true},
    {"Stride", "Stride (height × width)", true},
    {"MACs/sample", "Multiply-accumulate operations per sample", true},
    {"Ifmap words", "Input feature map words per sample", true},
    {"Ofmap words", "Output feature map words per sample", true},
    {"Filter words", "Filter (weight) words", true},
    {"Inputs from", "Producer layers, concatenated channel-wise in this order", false},
}};

const ColumnInfo& info(Column column) { return kColumns[static_cast<std::size_t>(column)]; }

QString sizeText(kapla::PhyDim2 d) { return QStringLiteral("%1 × %2").arg(d.h).arg(d.w); }

QString countText(std::int64_t value) { return QString::fromStdString(kapla::groupDigits(value)); }

} // namespace

LayerTableModel::LayerTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void LayerTableModel::setNetwork(const kapla::Network& network)
{
    beginResetModel();
    m_rows = kapla::summarizeLayers(network);
    m_totalMacs = 0;
    for (const auto& row : m_rows)
        m_totalMacs += row.macs;
    endResetModel();
}

void LayerTableModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_totalMacs = 0;
    endResetModel();
}

int LayerTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int LayerTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(Column::Count);
}

QVariant LayerTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto& row = m_rows[static_cast<std::size_t>(index.row())];
    const auto column = static_cast<Column>(index.column());
    switch (role) {
    case Qt::DisplayRole:
        return displayData(row, column);
    case SortRole:
        return sortData(row, column);
    case IdRole:
        return QString::fromStdString(row.name);
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(info(column).numeric ? Qt::AlignRight | Qt::AlignVCenter
                                                        : Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::ToolTipRole:
        if (column == Column::Type)
            return QString::fromStdString(row.type);
        if (column == Column::Prevs)
            return QString::fromStdString(row.prevs);
        return {};
    default:
        return {};
    }
}

QVariant LayerTableModel::displayData(const kapla::LayerSummary& row, Column column) const
{
    switch (column) {
    case Column::Name: return QString::fromStdString(row.name);
    case Column::Type: return QString::fromStdString(row.typeLabel);
    case Column::Nifm: return countText(row.nifm);
    case Column::Nofm: return countText(row.nofm);
    case Column::Ifmap: return sizeText(row.sifm);
    case Column::Ofmap: return sizeText(row.sofm);
    case Column::Filter: return sizeText(row.sfil);
    case Column::Stride: return sizeText(row.strd);
    case Column::Macs: return countText(row.macs);
    case Column::IfmapWords: return countText(row.ifmapWords);
    case Column::OfmapWords: return countText(row.ofmapWords);
    case Column::FilterWords: return countText(row.filterWords);
    case Column::Prevs: return QString::fromStdString(row.prevs);
    case Column::Count: break;
    }
    return {};
}

QVariant LayerTableModel::sortData(const kapla::LayerSummary& row, Column column) const
{
    switch (column) {
    case Column::Name: return QString::fromStdString(row.name);
    case Column::Type: return QString::fromStdString(row.typeLabel);
    case Column::Nifm: return row.nifm;
    case Column::Nofm: return row.nofm;
    case Column::Ifmap: return static_cast<qlonglong>(row.sifm.size());
    case Column::Ofmap: return static_cast<qlonglong>(row.sofm.size());
    case Column::Filter: return static_cast<qlonglong>(row.sfil.size());
    case Column::Stride: return static_cast<qlonglong>(row.strd.size());
    case Column::Macs: return static_cast<qlonglong>(row.macs);
    case Column::IfmapWords: return static_cast<qlonglong>(row.ifmapWords);
    case Column::OfmapWords: return static_cast<qlonglong>(row.ofmapWords);
    case Column::FilterWords: return static_cast<qlonglong>(row.filterWords);
    case Column::Prevs: return QString::fromStdString(row.prevs);
    case Column::Count: break;
    }
    return {};
}

QVariant LayerTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= static_cast<int>(Column::Count))
        return {};
    const auto& column = info(static_cast<Column>(section));
    switch (role) {
    case Qt::DisplayRole: return QString::fromUtf8(column.title);
    case Qt::ToolTipRole: return QString::fromUtf8(column.tip);
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(column.numeric ? Qt::AlignRight | Qt::AlignVCenter
                                                  : Qt::AlignLeft | Qt::AlignVCenter);
    default: return {};
    }
}
