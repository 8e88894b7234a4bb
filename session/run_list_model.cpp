#include "session/run_list_model.h"

#include "session/qt_text.h"

#include "report/chart_data.h"
#include "run/project_diff.h"
#include "util/text_format.h"

#include <algorithm>
#include <cmath>
#include <vector>

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

// A keyword of core's (solver, goal, termination) as a QString.
QString word(std::string_view s) { return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size())); }

QString bytesText(long long bytes)
{
    return bytes % 1024 == 0 ? QStringLiteral("%1 KiB").arg(bytes / 1024) : QStringLiteral("%1 B").arg(bytes);
}

} // namespace

QStringList runDifferences(const kapla::Run& run, const kapla::Project& current)
{
    QStringList out;
    for (const std::string& line : kapla::projectDifferences(run.project(), current))
        out << toQString(line);
    return out;
}

QString runParameters(const kapla::Project& project)
{
    QStringList parts;
    if (const auto* hw = std::get_if<kapla::KaplaHardware>(&project.architecture.hardware))
        parts << QObject::tr("%1 mesh").arg(dimText(hw->gbufArray)) << QObject::tr("%1 PEs").arg(dimText(hw->regfArray))
              << QObject::tr("GBUF %1").arg(bytesText(hw->gbufSizeBytes));
    else if (const auto* ex = std::get_if<kapla::ExplicitHardware>(&project.architecture.hardware))
        parts << QObject::tr("%1 mesh").arg(dimText(ex->nodes)) << QObject::tr("%1 PEs").arg(dimText(ex->peArray))
              << QObject::tr("GBUF %1 words").arg(groupDigitsText(static_cast<std::int64_t>(ex->gbufWords)));
    parts << QObject::tr("batch %1").arg(project.batch)
          << QObject::tr("goal %1").arg(word(kapla::goalKeyword(project.options.goal)))
          << word(kapla::solverKeyword(project.options.solver));
    return parts.join(QStringLiteral(" · "));
}

RunListModel::RunListModel(QObject* parent)
    : QAbstractListModel(parent)
{
}

int RunListModel::append(RunEntry entry)
{
    entry.id = m_nextId++;
    if (entry.run && m_current)
        entry.differences = runDifferences(*entry.run, *m_current);
    const int row = static_cast<int>(m_runs.size());
    beginInsertRows({}, row, row);
    m_runs.push_back(std::move(entry));
    endInsertRows();
    return m_runs.back().id;
}

int RunListModel::addRun(quint64 job, kapla::ResolvedProject problem)
{
    RunEntry entry;
    entry.job = job;
    entry.started = QDateTime::currentDateTime();
    entry.problem = std::make_shared<const kapla::ResolvedProject>(std::move(problem));
    return append(std::move(entry));
}

int RunListModel::addFinishedRun(kapla::RunPtr run)
{
    RunEntry entry;
    entry.started = QDateTime::fromString(toQString(run->date), Qt::ISODate);
    entry.fraction = 1;
    entry.problem = std::make_shared<const kapla::ResolvedProject>(run->problem);
    entry.run = std::move(run);
    return append(std::move(entry));
}

int RunListModel::rowOfJob(quint64 job) const
{
    for (std::size_t i = 0; i < m_runs.size(); ++i)
        if (m_runs[i].running() && m_runs[i].job == job)
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

int RunListModel::idOfRun(const kapla::RunPtr& run) const
{
    for (const RunEntry& entry : m_runs)
        if (run && entry.run == run)
            return entry.id;
    return 0;
}

const RunEntry* RunListModel::runById(int id) const
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
    Q_EMIT dataChanged(index(row), index(row));
}

void RunListModel::finish(int row, kapla::RunPtr run)
{
    RunEntry& entry = m_runs[static_cast<std::size_t>(row)];
    entry.fraction = 1;
    entry.run = std::move(run);
    if (m_current)
        entry.differences = runDifferences(*entry.run, *m_current);
    Q_EMIT dataChanged(index(row), index(row));
    Q_EMIT runFinished(entry.id);
}

// The project of the last kept run before `row`: a run is named by what changed since it, so a
// series of what-ifs reads as one.
const kapla::Project* RunListModel::previousProject(int row) const
{
    for (int r = row - 1; r >= 0; --r)
        if (const RunEntry& e = m_runs[static_cast<std::size_t>(r)]; e.run && !e.live)
            return &e.run->project();
    return nullptr;
}

void RunListModel::finishRun(quint64 job, const SolveResultPtr& result)
{
    const int row = rowOfJob(job);
    if (row < 0 || !result)
        return;
    const RunEntry& entry = m_runs[static_cast<std::size_t>(row)];
    finish(row, kapla::makeRun(*entry.problem, *result, entry.started.toString(Qt::ISODate).toStdString(),
                               kapla::defaultRunLabel(entry.project(), previousProject(row))));
}

int RunListModel::liveRunId() const
{
    const auto it = std::find_if(m_runs.begin(), m_runs.end(), [](const RunEntry& e) { return e.live; });
    return it == m_runs.end() ? 0 : it->id;
}

int RunListModel::startLiveSolve(const kapla::ResolvedProject& problem)
{
    const int row = rowOfId(liveRunId());
    if (row < 0) {
        RunEntry entry;
        entry.live = true;
        entry.solving = true;
        entry.started = QDateTime::currentDateTime();
        entry.problem = std::make_shared<const kapla::ResolvedProject>(problem);
        return append(std::move(entry));
    }
    RunEntry& entry = m_runs[static_cast<std::size_t>(row)];
    entry.solving = true;
    entry.fraction = 0;
    Q_EMIT dataChanged(index(row), index(row));
    return entry.id;
}

void RunListModel::updateLiveProgress(double fraction)
{
    const int row = rowOfId(liveRunId());
    if (row < 0 || !m_runs[static_cast<std::size_t>(row)].solving)
        return;
    m_runs[static_cast<std::size_t>(row)].fraction = fraction;
    Q_EMIT dataChanged(index(row), index(row));
}

void RunListModel::endLiveSolve()
{
    const int id = liveRunId();
    const RunEntry* entry = runById(id);
    if (!entry || !entry->solving)
        return;
    if (!entry->run) {
        takeRun(id);
        return;
    }
    const int row = rowOfId(id);
    m_runs[static_cast<std::size_t>(row)].solving = false;
    Q_EMIT dataChanged(index(row), index(row));
}

int RunListModel::setLiveRun(kapla::ResolvedProject problem, const SolveResultPtr& result)
{
    const QDateTime now = QDateTime::currentDateTime();
    auto run = kapla::makeRun(problem, *result, now.toString(Qt::ISODate).toStdString(), kLiveLabel);
    const int row = rowOfId(liveRunId());
    if (row < 0) {
        RunEntry entry;
        entry.live = true;
        entry.fraction = 1;
        entry.started = now;
        entry.problem = std::make_shared<const kapla::ResolvedProject>(std::move(problem));
        entry.run = std::move(run);
        const int id = append(std::move(entry));
        Q_EMIT liveRunChanged(id);
        return id;
    }
    RunEntry& entry = m_runs[static_cast<std::size_t>(row)];
    entry.started = now;
    entry.solving = false;
    entry.fraction = 1;
    entry.problem = std::make_shared<const kapla::ResolvedProject>(std::move(problem));
    entry.run = std::move(run);
    entry.differences = m_current ? runDifferences(*entry.run, *m_current) : QStringList{};
    Q_EMIT dataChanged(index(row), index(row));
    Q_EMIT liveRunChanged(entry.id);
    return entry.id;
}

bool RunListModel::keepLiveRun(int id)
{
    const int row = rowOfId(id);
    if (row < 0 || !m_runs[static_cast<std::size_t>(row)].live || !m_runs[static_cast<std::size_t>(row)].run)
        return false;
    RunEntry& entry = m_runs[static_cast<std::size_t>(row)];
    auto kept = std::make_shared<kapla::Run>(*entry.run);
    kept->label = kapla::defaultRunLabel(entry.project(), previousProject(row));
    entry.run = std::move(kept);
    entry.live = false;
    entry.solving = false; // a live solve still running lists its result as a new live entry
    Q_EMIT dataChanged(index(row), index(row));
    Q_EMIT keptChanged(id);
    return true;
}

void RunListModel::makeLive(int id)
{
    if (const int newer = liveRunId(); newer != 0 && newer != id)
        takeRun(newer);
    const int row = rowOfId(id);
    if (row < 0 || !m_runs[static_cast<std::size_t>(row)].run)
        return;
    RunEntry& entry = m_runs[static_cast<std::size_t>(row)];
    auto live = std::make_shared<kapla::Run>(*entry.run);
    live->label = kLiveLabel;
    entry.run = std::move(live);
    entry.live = true;
    Q_EMIT dataChanged(index(row), index(row));
    Q_EMIT keptChanged(id);
}

void RunListModel::setRunLabel(int id, const std::string& label)
{
    const int row = rowOfId(id);
    if (row < 0 || !m_runs[static_cast<std::size_t>(row)].run)
        return;
    RunEntry& entry = m_runs[static_cast<std::size_t>(row)];
    auto renamed = std::make_shared<kapla::Run>(*entry.run);
    renamed->label = label;
    entry.run = std::move(renamed);
    Q_EMIT dataChanged(index(row), index(row));
}

Qt::ItemFlags RunListModel::flags(const QModelIndex& index) const
{
    Qt::ItemFlags f = QAbstractListModel::flags(index);
    if (index.isValid() && index.row() < rowCount() && !at(index.row()).running())
        f |= Qt::ItemIsEditable;
    return f;
}

bool RunListModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (role != Qt::EditRole || !(flags(index) & Qt::ItemIsEditable))
        return false;
    const RunEntry& entry = at(index.row());
    const QString label = value.toString().trimmed();
    if (label == toQString(kapla::runLabel(*entry.run)))
        return false;
    Q_EMIT labelEdited(entry.id, label);
    return true;
}

void RunListModel::discardRun(quint64 job)
{
    const int row = rowOfJob(job);
    if (row < 0)
        return;
    const RunEntry& entry = m_runs[static_cast<std::size_t>(row)];
    kapla::SolveResult dropped;
    dropped.termination = kapla::Termination::Cancelled;
    dropped.message = tr("superseded by a newer run; its result was dropped").toStdString();
    dropped.seconds = static_cast<double>(entry.started.msecsTo(QDateTime::currentDateTime())) / 1000.0;
    finish(row, kapla::makeRun(*entry.problem, dropped, entry.started.toString(Qt::ISODate).toStdString()));
}

std::vector<kapla::RunPtr> RunListModel::finishedRuns() const
{
    std::vector<kapla::RunPtr> out;
    for (const RunEntry& entry : m_runs)
        if (entry.run && !entry.live)
            out.push_back(entry.run);
    return out;
}

std::pair<int, RunEntry> RunListModel::takeRun(int id)
{
    const int row = rowOfId(id);
    if (row < 0)
        return {-1, {}};
    beginRemoveRows({}, row, row);
    RunEntry entry = std::move(m_runs[static_cast<std::size_t>(row)]);
    m_runs.erase(m_runs.begin() + row);
    endRemoveRows();
    return {row, std::move(entry)};
}

void RunListModel::insertRun(int row, RunEntry entry)
{
    row = std::clamp(row, 0, static_cast<int>(m_runs.size()));
    if (entry.run && m_current) // the project may have changed while it was removed
        entry.differences = runDifferences(*entry.run, *m_current);
    beginInsertRows({}, row, row);
    m_runs.insert(m_runs.begin() + row, std::move(entry));
    endInsertRows();
}

void RunListModel::setCurrentProject(const kapla::Project& current)
{
    m_current = std::make_shared<const kapla::Project>(current);
    for (std::size_t i = 0; i < m_runs.size(); ++i) {
        RunEntry& entry = m_runs[i];
        if (!entry.run)
            continue;
        QStringList differences = runDifferences(*entry.run, current);
        if (differences == entry.differences)
            continue;
        entry.differences = std::move(differences);
        const QModelIndex at = index(static_cast<int>(i));
        Q_EMIT dataChanged(at, at);
    }
}

void RunListModel::clear()
{
    beginResetModel();
    m_runs.clear();
    m_current.reset();
    m_nextId = 1;
    endResetModel();
}

int RunListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_runs.size());
}

QString RunListModel::displayText(const RunEntry& entry) const
{
    const QString label = entry.run  ? toQString(kapla::runLabel(*entry.run))
                        : entry.live ? QString::fromLatin1(kLiveLabel)
                                     : word(kapla::solverKeyword(entry.project().options.solver));
    return statusLine(entry, QStringLiteral("#%1  %2").arg(entry.id).arg(label)) + QLatin1Char('\n')
         + runParameters(entry.project());
}

QString RunListModel::statusLine(const RunEntry& entry, const QString& head) const
{
    if (entry.solving)
        return head + QStringLiteral(" — ") + tr("solving… %1 %").arg(std::lround(entry.fraction * 100));
    if (entry.running())
        return head + QStringLiteral(" — ") + tr("running %1 %").arg(std::lround(entry.fraction * 100));
    const kapla::Run& run = *entry.run;
    const QString differs = entry.differences.isEmpty() ? QString() : tr(" (differs)");
    if (run.evaluation) {
        const QString cancelled = run.termination == kapla::Termination::Cancelled ? tr(" (cancelled)") : QString();
        return head + QStringLiteral(" — ")
             + toQString(kapla::formatEnergy(run.evaluation->totalCost, run.evaluation->energyUnit))
             + QStringLiteral(" · ") + durationText(run.seconds) + cancelled + differs;
    }
    const QString ended = word(kapla::terminationKeyword(run.termination));
    const QString why = run.schedule ? tr("cannot be evaluated")
                      : entry.live   ? tr("no schedule found (%1)").arg(ended)
                                     : ended;
    return head + QStringLiteral(" — ") + why + differs;
}

QString RunListModel::toolTip(const RunEntry& entry) const
{
    QStringList lines;
    lines << tr("Run #%1: %2").arg(entry.id).arg(runParameters(entry.project()));
    lines << tr("Started %1").arg(entry.started.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    if (entry.solving)
        lines << tr("Live re-solve: %1 % done").arg(std::lround(entry.fraction * 100));
    if (entry.running()) {
        if (!entry.solving)
            lines << tr("Running: %1 % done").arg(std::lround(entry.fraction * 100));
        return lines.join(QLatin1Char('\n'));
    }
    const kapla::Run& run = *entry.run;
    lines << tr("Ended: %1 after %2").arg(word(kapla::terminationKeyword(run.termination)), durationText(run.seconds));
    if (run.evaluation) {
        lines << tr("Total cost: %1")
                     .arg(toQString(kapla::formatEnergy(run.evaluation->totalCost, run.evaluation->energyUnit,
                                                        kapla::NumberDetail::Full)));
        lines << tr("Total time: %1 cycles").arg(groupDigitsText(run.evaluation->totalTime));
    }
    lines << tr("Evaluations: %1").arg(groupDigitsText(run.evaluations));
    if (!run.message.empty())
        lines << toQString(run.message);
    if (!entry.differences.isEmpty())
        lines << tr("The open project differs from this run's:") << entry.differences;
    return lines.join(QLatin1Char('\n'));
}

QVariant RunListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RunEntry& entry = m_runs[static_cast<std::size_t>(index.row())];
    const kapla::Evaluation* eval = entry.run && entry.run->evaluation ? &*entry.run->evaluation : nullptr;
    switch (role) {
    case Qt::DisplayRole: return displayText(entry);
    case Qt::EditRole: return entry.run ? toQString(kapla::runLabel(*entry.run)) : QVariant();
    case Qt::ToolTipRole: return toolTip(entry);
    case SortRole:
    case IdRole: return entry.id;
    case SolverRole: return word(kapla::solverKeyword(entry.project().options.solver));
    case StatusRole:
        return entry.running() ? QStringLiteral("running") : word(kapla::terminationKeyword(entry.run->termination));
    case CostRole: return eval ? QVariant(eval->totalCost) : QVariant();
    case TimeRole: return eval ? QVariant(static_cast<qlonglong>(eval->totalTime)) : QVariant();
    case DiffersRole: return !entry.differences.isEmpty();
    case LiveRole: return entry.live;
    default: return {};
    }
}
