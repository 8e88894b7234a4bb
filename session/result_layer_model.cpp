#include "session/result_layer_model.h"

#include "session/qt_text.h"

#include "report/chart_data.h"
#include "report/vocabulary.h"

#include <string>

namespace {

// Heads of the columns whose names are not the glossary's (energy components and buffers are).
constexpr const char* kPlainHeaders[] = {"Layer", "Segment", "Nodes", "Partition", "Energy", "Time", "Start", "Done"};

QString header(ResultLayerModel::Column column)
{
    using Column = ResultLayerModel::Column;
    if (column >= Column::Mac && column <= Column::Static)
        return toQString(
            kapla::energyComponentLabel(static_cast<std::size_t>(column) - static_cast<std::size_t>(Column::Mac)));
    if (column == Column::GbufFill || column == Column::RegfFill) {
        const kapla::Term buffer = column == Column::GbufFill ? kapla::Term::Gbuf : kapla::Term::Regf;
        return QStringLiteral("%1 fill").arg(toQString(std::string(kapla::termShortName(buffer))));
    }
    const int plain = column < Column::Mac ? static_cast<int>(column) : static_cast<int>(column) - 7;
    return QLatin1String(kPlainHeaders[plain]);
}

} // namespace

ResultLayerModel::ResultLayerModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void ResultLayerModel::setResult(kapla::RunPtr result)
{
    beginResetModel();
    m_result = std::move(result);
    m_shares = m_result ? kapla::layerEnergyShares(*m_result->evaluation) : std::vector<kapla::EnergyBreakdown>{};
    endResetModel();
}

int ResultLayerModel::rowOfLayer(const QString& name) const
{
    return m_result ? kapla::layerIndex(*m_result->evaluation, name.toStdString()) : -1;
}

int ResultLayerModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() || !m_result ? 0 : static_cast<int>(m_result->evaluation->layers.size());
}

int ResultLayerModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(Column::Count);
}

QVariant ResultLayerModel::value(int row, Column column) const
{
    const auto& l = m_result->evaluation->layers[static_cast<std::size_t>(row)];
    const auto& e = m_shares[static_cast<std::size_t>(row)];
    switch (column) {
    case Column::Layer: return toQString(l.name);
    case Column::Segment: return l.segment + 1;
    case Column::Nodes: return static_cast<qlonglong>(l.region.dim.size());
    case Column::Partition: return toQString(kapla::partitionText(l.partition));
    case Column::Energy: return e.total();
    case Column::Time: return static_cast<qlonglong>(l.time);
    case Column::Start: return static_cast<qlonglong>(l.startTime);
    case Column::Done: return static_cast<qlonglong>(l.doneTime);
    case Column::GbufFill: return kapla::BufferUse{l.gbufOccupancy, l.gbufCapacity}.fraction();
    case Column::RegfFill: return kapla::BufferUse{l.regfOccupancy, l.regfCapacity}.fraction();
    case Column::Count: return {};
    default: break;
    }
    const auto c = static_cast<std::size_t>(static_cast<int>(column) - static_cast<int>(Column::Mac));
    return kapla::energyComponent(e, c);
}

QVariant ResultLayerModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || !m_result || index.row() >= rowCount())
        return {};
    const auto column = static_cast<Column>(index.column());
    const QVariant v = value(index.row(), column);
    const bool energy = column >= Column::Energy && column <= Column::Static;
    const bool fill = column == Column::GbufFill || column == Column::RegfFill;
    switch (role) {
    case Qt::DisplayRole:
        if (energy)
            return toQString(kapla::formatEnergy(v.toDouble(), m_result->architecture().energyUnit));
        if (fill)
            return QStringLiteral("%1%").arg(100.0 * v.toDouble(), 0, 'f', 1);
        if (column >= Column::Time && column <= Column::Done)
            return groupDigitsText(v.toLongLong());
        return v;
    case Qt::ToolTipRole:
        if (energy)
            return toQString(
                kapla::formatEnergy(v.toDouble(), m_result->architecture().energyUnit, kapla::NumberDetail::Full));
        return {};
    case Qt::TextAlignmentRole:
        return column == Column::Layer || column == Column::Partition ? QVariant()
                                                                      : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    case SortRole: return column == Column::Layer || column == Column::Partition ? v : QVariant(v.toDouble());
    case IdRole: return toQString(m_result->evaluation->layers[static_cast<std::size_t>(index.row())].name);
    default: return {};
    }
}

QVariant ResultLayerModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Vertical)
        return section + 1;
    if (section < 0 || section >= static_cast<int>(Column::Count))
        return {};
    return header(static_cast<Column>(section));
}
