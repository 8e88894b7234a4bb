#include "run/run.h"

#include "run/project_diff.h"

namespace kapla {

std::string Run::solverName() const
{
    if (origin == RunOrigin::GivenSchedule)
        return label.empty() ? std::string("given") : label;
    return std::string(solverKeyword(project().options.solver));
}

RunPtr makeRun(ResolvedProject solved, const SolveResult& result, std::string date, std::string label)
{
    auto run = std::make_shared<Run>(solved.selfContained());
    run->termination = result.termination;
    run->message = result.message;
    run->schedule = result.schedule;
    run->evaluation = result.evaluation;
    run->date = std::move(date);
    run->seconds = result.seconds;
    run->evaluations = result.evaluations;
    run->label = std::move(label);
    return run;
}

RunPtr makeGivenRun(ResolvedProject project, Schedule schedule, Evaluation evaluation, std::string date,
                    std::string madeBy)
{
    auto run = std::make_shared<Run>(project.selfContained());
    run->origin = RunOrigin::GivenSchedule;
    run->schedule = std::move(schedule);
    run->evaluation = std::move(evaluation);
    run->date = std::move(date);
    run->label = std::move(madeBy);
    return run;
}

std::string runLabel(const Run& run) { return run.label.empty() ? run.solverName() : run.label; }

std::string defaultRunLabel(const Project& solved, const Project* previous)
{
    std::string label(solverKeyword(solved.options.solver));
    if (!previous)
        return label;
    const std::vector<std::string> changes = projectDifferences(*previous, solved);
    if (changes.empty())
        return label;
    label.append(" · ").append(changes.front());
    if (changes.size() > 1)
        label.append(" and ").append(std::to_string(changes.size() - 1)).append(" more");
    return label;
}

} // namespace kapla
