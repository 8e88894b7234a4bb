#include "solve/solve_setup.h"

#include "cost/evaluation_check.h"
#include "cost/evaluator.h"
#include "model/limits.h"

#include <algorithm>
#include <cstdio>
#include <thread>

namespace kapla {

namespace {

int resolveThreads(const SolveSettings& settings, const Options& options)
{
    const int requested = requestedThreads(settings, options);
    return requested > 0 ? std::min(requested, threadCap()) : hardwareThreads();
}

} // namespace

int hardwareThreads() { return std::max(1, static_cast<int>(std::thread::hardware_concurrency())); }

int threadCap() { return limits::kThreadsPerCore * hardwareThreads(); }

int requestedThreads(const SolveSettings& settings, const Options& options)
{
    return settings.threads > 0 ? settings.threads : options.threads;
}

SolveResult noScheduleResult(std::string message, Diagnostics diagnostics, std::int64_t evaluations)
{
    SolveResult r;
    r.termination = Termination::NoSchedule;
    r.evaluations = evaluations;
    r.message = std::move(message);
    if (!diagnostics.empty())
        r.message += ": " + diagnostics.front().message;
    r.diagnostics = std::move(diagnostics);
    return r;
}

SolveResult failedResult(std::string message, Diagnostics diagnostics)
{
    SolveResult r;
    r.termination = Termination::Failed;
    r.message = std::move(message);
    r.diagnostics = std::move(diagnostics);
    return r;
}

SolveSetup prepareSolve(const Project& project, const SolveSettings& settings)
{
    SolveSetup setup;
    auto resolved = ResolvedProject::resolve(project);
    if (!resolved) {
        setup.failure = failedResult("the architecture is invalid", resolved.diagnostics());
        return setup;
    }
    if (Diagnostics d = validateOptions(project.options); hasErrors(d)) {
        setup.failure = failedResult("the options are invalid", std::move(d));
        return setup;
    }
    if (project.network.size() == 0) {
        setup.failure = failedResult("the network has no layers", {makeError("network", "the network has no layers")});
        return setup;
    }
    if (project.batch < 1 || project.batch > limits::kMaxBatch) {
        const std::string what = "the batch size must be between 1 and " + std::to_string(limits::kMaxBatch) + ", got "
                               + std::to_string(project.batch);
        setup.failure = failedResult(what, {makeError("batch", what)});
        return setup;
    }
    setup.problem = std::move(resolved).value();
    setup.threads = resolveThreads(settings, project.options);
    return setup;
}

std::string totalsText(double cost, std::int64_t time)
{
    char buf[96];
    std::snprintf(buf, sizeof buf, "energy %.10g, time %lld cycles", cost, static_cast<long long>(time));
    return buf;
}

namespace {

Termination sampledTermination(const SearchBudget& budget)
{
    if (budget.cancelled())
        return Termination::Cancelled;
    return budget.budgetEnded() ? Termination::Budget : Termination::Converged;
}

std::string terminationText(Termination t)
{
    switch (t) {
    case Termination::Cancelled: return "cancelled; the best schedule completed so far";
    case Termination::Budget: return "budget used up; the best schedule completed within it";
    default: return "done";
    }
}

} // namespace

SolveResult sampledSearchResult(const ResolvedProject& problem, NetworkSearchOutcome outcome,
                                const SearchBudget& budget, const std::string& method)
{
    SolveResult result;
    result.evaluations = budget.evaluationCount();
    // A search halted in its last layer still returns the best schedule it completed there.
    if (!outcome.schedule && (outcome.cancelled || budget.cancelled())) {
        const bool budgetEnded = budget.budgetEnded();
        result.termination = budgetEnded ? Termination::Budget : Termination::Cancelled;
        result.message = method + (budgetEnded ? " ran out of its time budget" : " cancelled")
                       + " before its wind-down completed a schedule";
        return result;
    }
    if (!outcome.schedule)
        return noScheduleResult(method + ": no valid schedule in the sampled space", std::move(outcome.diagnostics),
                                result.evaluations);
    if (!attachEvaluation(result, problem, std::move(*outcome.schedule), outcome.cost, outcome.time, "the " + method))
        return result;
    result.termination = sampledTermination(budget);
    result.message = method + " " + terminationText(result.termination) + ": "
                   + totalsText(result.evaluation->totalCost, result.evaluation->totalTime);
    return result;
}

bool attachEvaluation(SolveResult& result, const ResolvedProject& problem, Schedule schedule, double searchCost,
                      std::int64_t searchTime, const std::string& finder)
{
    auto eval = evaluateSchedule(problem, schedule);
    if (!eval) {
        result = failedResult("internal error: the evaluator rejects the schedule " + finder + " found",
                              eval.diagnostics());
        result.schedule = std::move(schedule);
        return false;
    }
    if (Diagnostics overflow = numericProblems(eval.value(), problem.architecture()); !overflow.empty()) {
        result = failedResult("the inputs' magnitudes overflow the cost model", std::move(overflow));
        return false;
    }
    result.searchCost = searchCost;
    result.searchTime = searchTime;
    result.schedule = std::move(schedule);
    result.evaluation = std::move(eval).value();
    return true;
}

} // namespace kapla
