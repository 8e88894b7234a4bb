#include "session/run_list_model.h"

#include "model/project.h"
#include "util/text_format.h"

#include <algorithm>
#include <cmath>
#include <vector>

QString costText(double cost, const std::string& unit)
{
    // Energies in an SI unit read best with a prefix that keeps 1 to 3 integer digits.
    static const std::vector<std::pair<std::string, double>> si{
        {"J", 1}, {"mJ", 1e-3}, {"uJ", 1e-6}, {"µJ", 1e-6}, {"nJ", 1e-9}, {"pJ", 1e-12}, {"fJ", 1e-15}};
    const auto it = std::find_if(si.begin(), si.end(), [&](const auto& u) { return u.first == unit; });
    if (it != si.end() && cost > 0 && std::isfinite(cost)) {
        static const std::vector<std::pair<const char*, double>> prefixes{
            {"J", 1}, {"mJ", 1e-3}, {"µJ", 1e-6}, {"nJ", 1e-9}, {"pJ", 1e-12}, {"fJ", 1e-15}};
        const double joules = cost * it->second;
        for (const auto& [name, scale] : prefixes)
            if (joules >= scale || scale == 1e-15) {
                const double v = joules / scale; // 4 significant digits: enough to tell runs apart
                return QStringLiteral("%1 %2").arg(v, 0, 'f', v >= 100 ? 1 : v >= 10 ? 2 : 3).arg(QString::fromUtf8(name));
            }
    }
    const QString suffix = unit.empty() || unit == "unit" ? QString() : QLatin1Char(' ') + QString::fromStdString(unit);
    if (std::abs(cost) < 1e15 && cost == std::floor(cost))
        return QString::fromStdString(kapla::groupDigits(static_cast<std::int64_t>(cost))) + suffix;
    return QString::number(cost, 'g', 6) + suffix;
}

QString durationText(double seconds)
{
    if (seconds < 1)
        return QStringLiteral("%1 ms").arg(std::lround(seconds * 1000));
    if (seconds < 60)
        return QStringLiteral("%1 s").arg(seconds, 0, 'f', 1);
    const long total = std::lround(seconds);
    if (total < 3600)
        return QStringLiteral("%1 min %2 s").arg(total / 60).arg(total % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1 h %2 min").arg(total / 3600).arg((total / 60) % 60, 2, 10, QLatin1Char('0'));
}

namespace {

kapla::Termination terminationFromKeyword(const std::string& keyword)
{
    for (const auto t : {kapla::Termination::Converged, kapla::Termination::Budget, kapla::Termination::Cancelled,
                         kapla::Termination::NoSchedule, kapla::Termination::Failed})
        if (kapla::terminationKeyword(t) == keyword)
            return t;
    return kapla::Termination::Failed;
}

} // namespace

kapla::SavedRun savedRunOf(const SolveRun& run)
{
    if (run.saved)
        return *run.saved;
    kapla::SavedRun s;
    s.options = run.options;
    s.date = run.started.toString(Qt::ISODate).toStdString();
    s.seconds = run.seconds;
    s.termination = std::string(kapla::terminationKeyword(run.termination));
    s.message = run.message.toStdString();
    if (run.result) {
        s.evaluations = run.result->evaluations;
        s.schedule = run.result->schedule;
    }
    s.totalEnergy = runTotalCost(run);
    s.totalTime = runTotalTime(run);
    return s;
}

std::optional<double> runTotalCost(const SolveRun& run)
{
    if (run.result && run.result->evaluation)
        return run.result->evaluation->totalCost;
    return run.saved ? run.saved->totalEnergy : std::nullopt;
}

std::optional<qint64> runTotalTime(const SolveRun& run)
{
    if (run.result && run.result->evaluation)
        return run.result->evaluation->totalTime;
    return run.saved ? run.saved->totalTime : std::nullopt;
}

RunListModel::RunListModel(QObject* parent)
    : QAbstractListModel(parent)
{
}

int RunListModel::addRun(quint64 job, const kapla::Project& snapshot)
{
    SolveRun run;
    run.id = m_nextId++;
    run.job = job;
    run.options = snapshot.options;
    run.batch = snapshot.batch;
    run.networkName = snapshot.network.name();
    run.energyUnit = snapshot.architecture.energyUnit;
    run.started = QDateTime::currentDateTime();
    run.project = std::make_shared<const kapla::Project>(snapshot);
    const int row = static_cast<int>(m_runs.size());
    beginInsertRows({}, row, row);
    m_runs.push_back(std::move(run));
    endInsertRows();
    return m_runs.back().id;
}

int RunListModel::rowOfJob(quint64 job) const
{
    for (std::size_t i = 0; i < m_runs.size(); ++i)
        if (m_runs[i].job == job)
            return static_cast<int>(i);
    return -1;
}

int RunListModel::rowOfId(int id) const
{
    for (std::size_t i = 0; i < m_runs.size(); ++i)
        if (m_runs[i].id == id)
            return static_cast<int>(i);
    return -1;
}

const SolveRun* RunListModel::runById(int id) const
{
    const int row = rowOfId(id);
    return row < 0 ? nullptr : &m_runs[static_cast<std::size_t>(row)];
}

void RunListModel::updateProgress(quint64 job, double fraction)
{
    const int row = rowOfJob(job);
    if (row < 0)
        return;
    m_runs[static_cast<std::size_t>(row)].fraction = fraction;
    emit dataChanged(index(row), index(row));
}

void RunListModel::finishRun(quint64 job, const SolveResultPtr& result)
{
    const int row = rowOfJob(job);
    if (row < 0 || !result)
        return;
    SolveRun& run = m_runs[static_cast<std::size_t>(row)];
    run.running = false;
    run.fraction = 1;
    run.seconds = result->seconds;
    run.termination = result->termination;
    run.message = QString::fromStdString(result->message);
    run.result = result;
    run.snapshot = makeResultSnapshot(*run.project, *result, run.id, run.started.date().toString(Qt::ISODate).toStdString());
    emit dataChanged(index(row), index(row));
    emit runFinished(run.id);
}

void RunListModel::discardRun(quint64 job)
{
    const int row = rowOfJob(job);
    if (row < 0)
        return;
    SolveRun& run = m_runs[static_cast<std::size_t>(row)];
    if (!run.running)
        return;
    run.running = false;
    run.seconds = static_cast<double>(run.started.msecsTo(QDateTime::currentDateTime())) / 1000.0;
    run.termination = kapla::Termination::Cancelled;
    run.message = tr("superseded by a newer run; its result was dropped");
    emit dataChanged(index(row), index(row));
    emit runFinished(run.id);
}

int RunListModel::addSavedRun(const kapla::SavedRun& saved, const kapla::Project& project, const QString& warning)
{
    SolveRun run;
    run.id = m_nextId++;
    run.project = std::make_shared<const kapla::Project>(kapla::projectOfRun(project, saved));
    run.options = saved.options;
    run.batch = run.project->batch;
    run.networkName = project.network.name();
    run.energyUnit = project.architecture.energyUnit;
    run.started = QDateTime::fromString(QString::fromStdString(saved.date), Qt::ISODate);
    run.running = false;
    run.fraction = 1;
    run.seconds = saved.seconds;
    run.termination = terminationFromKeyword(saved.termination);
    run.message = QString::fromStdString(saved.message);
    run.saved = saved;
    run.warning = warning;
    const int row = static_cast<int>(m_runs.size());
    beginInsertRows({}, row, row);
    m_runs.push_back(std::move(run));
    endInsertRows();
    return m_runs.back().id;
}

std::vector<kapla::SavedRun> RunListModel::savedRuns() const
{
    std::vector<kapla::SavedRun> out;
    for (const SolveRun& run : m_runs)
        if (!run.running)
            out.push_back(savedRunOf(run));
    return out;
}

std::pair<int, SolveRun> RunListModel::takeRun(int id)
{
    const int row = rowOfId(id);
    if (row < 0)
        return {-1, {}};
    beginRemoveRows({}, row, row);
    SolveRun run = std::move(m_runs[static_cast<std::size_t>(row)]);
    m_runs.erase(m_runs.begin() + row);
    endRemoveRows();
    return {row, std::move(run)};
}

void RunListModel::insertRun(int row, SolveRun run)
{
    row = std::clamp(row, 0, static_cast<int>(m_runs.size()));
    beginInsertRows({}, row, row);
    m_runs.insert(m_runs.begin() + row, std::move(run));
    endInsertRows();
}

void RunListModel::setSnapshot(int id, ResultSnapshotPtr snapshot)
{
    const int row = rowOfId(id);
    if (row >= 0)
        m_runs[static_cast<std::size_t>(row)].snapshot = std::move(snapshot);
}

void RunListModel::clear()
{
    beginResetModel();
    m_runs.clear();
    m_nextId = 1;
    endResetModel();
}

int RunListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_runs.size());
}

QString RunListModel::displayText(const SolveRun& run) const
{
    const QString head = QStringLiteral("#%1  %2").arg(run.id).arg(QString::fromUtf8(kapla::solverKeyword(run.options.solver)));
    if (run.running)
        return head + QStringLiteral(" — ") + tr("running %1 %").arg(std::lround(run.fraction * 100));
    if (const auto cost = runTotalCost(run)) {
        const QString cancelled = run.termination == kapla::Termination::Cancelled ? tr(" (cancelled)") : QString();
        const QString outdated = run.warning.isEmpty() ? QString() : tr(" (outdated)");
        return head + QStringLiteral(" — ") + costText(*cost, run.energyUnit) + QStringLiteral(" · ")
            + durationText(run.seconds) + cancelled + outdated;
    }
    return head + QStringLiteral(" — ") + QString::fromUtf8(kapla::terminationKeyword(run.termination));
}

QString RunListModel::toolTip(const SolveRun& run) const
{
    QStringList lines;
    lines << tr("Run #%1: %2 solver, batch %3, goal %4")
                 .arg(run.id)
                 .arg(QString::fromUtf8(kapla::solverKeyword(run.options.solver)))
                 .arg(run.batch)
                 .arg(QString::fromUtf8(kapla::goalKeyword(run.options.goal)));
    lines << tr("Started %1").arg(run.started.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    if (run.running) {
        lines << tr("Running: %1 % done").arg(std::lround(run.fraction * 100));
        return lines.join(QLatin1Char('\n'));
    }
    lines << tr("Ended: %1 after %2").arg(QString::fromUtf8(kapla::terminationKeyword(run.termination)), durationText(run.seconds));
    if (const auto cost = runTotalCost(run))
        lines << tr("Total cost: %1").arg(costText(*cost, run.energyUnit));
    if (const auto time = runTotalTime(run))
        lines << tr("Total time: %1 cycles").arg(QString::fromStdString(kapla::groupDigits(*time)));
    if (run.result || run.saved)
        lines << tr("Evaluations: %1").arg(QString::fromStdString(kapla::groupDigits(run.result ? run.result->evaluations : run.saved->evaluations)));
    if (run.saved)
        lines << tr("Saved with the project");
    if (!run.message.isEmpty())
        lines << run.message;
    if (!run.warning.isEmpty())
        lines << run.warning;
    return lines.join(QLatin1Char('\n'));
}

QVariant RunListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SolveRun& run = m_runs[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole: return displayText(run);
    case Qt::ToolTipRole: return toolTip(run);
    case SortRole:
    case IdRole: return run.id;
    case SolverRole: return QString::fromUtf8(kapla::solverKeyword(run.options.solver));
    case StatusRole:
        return run.running ? QStringLiteral("running") : QString::fromUtf8(kapla::terminationKeyword(run.termination));
    case CostRole: return runTotalCost(run) ? QVariant(*runTotalCost(run)) : QVariant();
    case TimeRole: return runTotalTime(run) ? QVariant(static_cast<qlonglong>(*runTotalTime(run))) : QVariant();
    default: return {};
    }
}
