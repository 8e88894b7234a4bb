#include "session/sweep_point_model.h"

#include "session/qt_text.h"

#include "report/chart_data.h"

#include <QDateTime>

#include <algorithm>

SweepPointModel::SweepPointModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void SweepPointModel::reset(std::shared_ptr<const kapla::SweepSpec> spec, const std::vector<kapla::SweepPoint>& points)
{
    beginResetModel();
    m_table = spec ? kapla::sweepTableFor(*spec, points) : kapla::SweepTable{};
    m_spec = std::move(spec);
    m_points.clear();
    for (const kapla::SweepPoint& p : points)
        m_points.emplace(p.index, p);
    m_outcomes.clear();
    endResetModel();
}

void SweepPointModel::addOutcome(const SweepOutcomePtr& outcome)
{
    const auto at = std::lower_bound(m_table.rows.begin(), m_table.rows.end(), outcome->row.index,
                                     [](const kapla::SweepRow& r, int index) { return r.index < index; });
    const int row = static_cast<int>(at - m_table.rows.begin());
    beginInsertRows({}, row, row);
    m_table.rows.insert(at, outcome->row);
    m_outcomes.insert(m_outcomes.begin() + row, outcome);
    endInsertRows();
}

int SweepPointModel::rowOfPoint(int pointIndex) const
{
    for (std::size_t i = 0; i < m_table.rows.size(); ++i)
        if (m_table.rows[i].index == pointIndex)
            return static_cast<int>(i);
    return -1;
}

QString SweepPointModel::pointLabel(int row) const
{
    const kapla::SweepRow& r = rowAt(row);
    QStringList parts;
    for (std::size_t i = 0; i < m_table.parameters.size() && i < r.values.size(); ++i)
        parts << toQString(m_table.parameters[i]) + QLatin1Char('=') + toQString(r.values[i]);
    return parts.join(QStringLiteral(", "));
}

kapla::RunPtr SweepPointModel::runOf(int row, QString* why) const
{
    const auto fail = [why](const QString& reason) {
        if (why)
            *why = reason;
        return kapla::RunPtr{};
    };
    if (row < 0 || row >= rowCount() || !m_spec)
        return fail(tr("No point is selected."));
    const SweepOutcomePtr& outcome = m_outcomes[static_cast<std::size_t>(row)];
    if (!outcome->schedule || !outcome->evaluation)
        return fail(tr("Point %1 has no schedule: %2").arg(toQString(outcome->row.id), toQString(outcome->row.reason)));
    auto project = kapla::applySweepPoint(*m_spec, m_points.at(outcome->row.index));
    auto resolved = project ? kapla::ResolvedProject::resolve(project.value())
                            : kapla::Result<kapla::ResolvedProject>(project.diagnostics());
    if (!resolved)
        return fail(toQString(resolved.diagnostics().front().format()));
    kapla::SolveResult result;
    result.termination = outcome->termination;
    result.schedule = outcome->schedule;
    result.evaluation = outcome->evaluation;
    result.seconds = outcome->row.seconds;
    result.evaluations = outcome->row.evaluations;
    const std::string date = QDateTime::currentDateTime().toString(Qt::ISODate).toStdString();
    return kapla::makeRun(std::move(resolved).value(), result, date, pointLabel(row).toStdString());
}

int SweepPointModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_table.rows.size());
}

int SweepPointModel::columnCount(const QModelIndex& parent) const
{
    // id, the parameters, status, energy, time, energy-delay product
    return parent.isValid() ? 0 : energyColumn() + 3;
}

QVariant SweepPointModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid()
        || (role != Qt::DisplayRole && role != SortRole && role != Qt::ToolTipRole && role != Qt::TextAlignmentRole))
        return {};
    const kapla::SweepRow& r = rowAt(index.row());
    const int c = index.column();
    const bool solved = r.status == kapla::PointStatus::Ok;
    const bool number = c >= energyColumn();
    if (role == Qt::TextAlignmentRole)
        return number ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    if (role == Qt::ToolTipRole)
        return solved ? QVariant() : QVariant(toQString(r.reason));
    if (c == 0)
        return role == SortRole ? QVariant(r.index) : QVariant(toQString(r.id));
    if (c < statusColumn())
        return toQString(r.values.at(static_cast<std::size_t>(c - kFirstParameterColumn)));
    if (c == statusColumn()) {
        const QString status = toQString(std::string(kapla::pointStatusKeyword(r.status)));
        return solved || role == SortRole ? status : status + QStringLiteral(": ") + toQString(r.reason);
    }
    if (!solved)
        return {};
    const double edp = r.energy * static_cast<double>(r.time);
    if (role == SortRole)
        return c == energyColumn()     ? QVariant(r.energy)
             : c == energyColumn() + 1 ? QVariant(static_cast<qlonglong>(r.time))
                                       : QVariant(edp);
    if (c == energyColumn())
        return toQString(kapla::formatEnergy(r.energy, m_table.energyUnit));
    if (c == energyColumn() + 1)
        return groupDigitsText(r.time);
    return QString::number(edp, 'g', 4);
}

QVariant SweepPointModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    if (section == 0)
        return tr("Point");
    if (section < statusColumn())
        return toQString(m_table.parameters.at(static_cast<std::size_t>(section - kFirstParameterColumn)));
    if (section == statusColumn())
        return tr("Status");
    if (section == energyColumn())
        return tr("Energy");
    if (section == energyColumn() + 1)
        return tr("Time (cycles)");
    // The energy unit is known once the first point arrives; until then the header names no unit.
    if (m_table.energyUnit.empty())
        return tr("EDP");
    return tr("EDP (%1·cycles)").arg(toQString(m_table.energyUnit));
}
