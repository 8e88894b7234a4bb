// Reads saved runs: a run file (top-level `run:`) and the `runs:` list older project files kept inline.

#include "cost/evaluation_check.h"
#include "cost/evaluator.h"
#include "io/readers.h"

namespace kapla::io {

namespace {

// The project a run solved. A run file carries it whole; a run kept inline in an older project file
// carried only its options and solved the project around it at its schedule's batch.
std::optional<Project> readRunProject(ReadContext& ctx, MapReader& m, const std::string& baseDir,
                                      const Project* legacyBase, const std::optional<Schedule>& schedule)
{
    if (const YAML::Node node = m.field("project"); node.IsDefined() || !legacyBase)
        return readProjectMap(ctx, m.field("project", true), m.keyPath("project"), baseDir, nullptr);
    Project p = *legacyBase;
    if (const YAML::Node options = m.field("options"); options.IsDefined())
        if (auto read = readOptionsMap(ctx, options, m.keyPath("options")))
            p.options = std::move(*read);
    if (schedule)
        p.batch = schedule->batch;
    p.networkPath = p.architecturePath = p.optionsPath = {};
    return p;
}

// The solver is its own key, for people reading the file; it wins over the options' copy.
void readSolver(ReadContext& ctx, MapReader& m, Project& project)
{
    const YAML::Node node = m.field("solver", true);
    if (const auto solver = m.string("solver", true)) {
        if (const auto kind = solverFromKeyword(*solver))
            project.options.solver = *kind;
        else
            ctx.error(node, m.keyPath("solver"),
                      "unknown solver '" + *solver + "'; expected kapla, exhaustive, random or ml");
    }
}

void readMeta(ReadContext& ctx, MapReader& m, Run& run)
{
    run.label = m.string("label", false).value_or("");
    run.date = m.string("date", false).value_or("");
    run.seconds = m.real("seconds", false).value_or(0);
    run.message = m.string("message", false).value_or("");
    // A long exhaustive search passes 10^10 evaluations.
    run.evaluations = m.integer("evaluations", false, 0, std::numeric_limits<long long>::max()).value_or(0);
    if (const auto word = m.string("termination", false)) {
        if (const auto t = terminationFromKeyword(*word))
            run.termination = *t;
        else
            ctx.error(m.field("termination"), m.keyPath("termination"),
                      "unknown termination '" + *word
                          + "'; expected converged, budget, cancelled, no-schedule or failed");
    }
    // `total` repeats the evaluation for people reading the file; it is recomputed on loading.
    if (const YAML::Node total = m.field("total"); total.IsDefined()) {
        MapReader t(ctx, total, m.keyPath("total"), {"energy", "time"});
        if (t.valid()) {
            t.finish();
            t.real("energy", false);
            t.integer("time", false, 0, std::numeric_limits<long long>::max());
        }
    }
}

// Evaluates the saved schedule on the run's own project; a schedule that no longer evaluates (a
// hand-edited file, a changed cost model) leaves the run without numbers and says why.
void evaluateSaved(ReadContext& ctx, const YAML::Node& at, const std::string& key, Run& run)
{
    if (!run.schedule)
        return;
    if (const std::string why = scheduleMismatch(*run.schedule, run.project().network); !why.empty()) {
        ctx.warning(at, key, "the saved schedule does not match the run's network: " + why);
        return;
    }
    auto eval = evaluateSchedule(run.problem, *run.schedule);
    if (!eval) {
        ctx.warning(at, key,
                    "the saved schedule does not evaluate on the run's project: " + eval.diagnostics().front().message);
        return;
    }
    // A hand-edited run of extreme magnitudes: its totals are not numbers the window can show.
    if (const Diagnostics overflow = numericProblems(eval.value(), run.problem.architecture()); !overflow.empty()) {
        ctx.warning(at, key, "the saved schedule's totals overflow the cost model: " + overflow.front().message);
        return;
    }
    run.evaluation = std::move(eval).value();
}

} // namespace

std::optional<RunPtr> readRunMap(ReadContext& ctx, const YAML::Node& node, const std::string& path,
                                 const std::string& baseDir, const Project* legacyBase)
{
    MapReader m(ctx, node, path,
                {"label", "solver", "date", "seconds", "termination", "message", "evaluations", "total", "options",
                 "project", "schedule"});
    if (!m.valid())
        return std::nullopt;
    m.finish();
    const std::size_t errorsBefore = ctx.diags.size();
    std::optional<Schedule> schedule;
    const YAML::Node scheduleNode = m.field("schedule");
    if (scheduleNode.IsDefined())
        schedule = readScheduleMap(ctx, scheduleNode, m.keyPath("schedule"));
    auto project = readRunProject(ctx, m, baseDir, legacyBase, schedule);
    if (!project)
        return std::nullopt;
    readSolver(ctx, m, *project);
    auto resolved = ResolvedProject::resolve(std::move(*project));
    if (!resolved) {
        for (const auto& d : resolved.diagnostics())
            ctx.error(m.field("project").IsDefined() ? m.field("project") : node, m.keyPath("project") + "." + d.key,
                      d.message);
        return std::nullopt;
    }
    auto run = std::make_shared<Run>(resolved->selfContained());
    readMeta(ctx, m, *run);
    run->schedule = std::move(schedule);
    if (hasErrors(Diagnostics(ctx.diags.begin() + static_cast<std::ptrdiff_t>(errorsBefore), ctx.diags.end())))
        return std::nullopt;
    evaluateSaved(ctx, scheduleNode, m.keyPath("schedule"), *run);
    return RunPtr(std::move(run));
}

std::vector<RunPtr> readRunList(ReadContext& ctx, const YAML::Node& node, const std::string& path,
                                const std::string& baseDir, const Project& legacyBase)
{
    std::vector<RunPtr> runs;
    if (!node.IsSequence()) {
        ctx.error(node, path, "expected a list of saved runs");
        return runs;
    }
    for (std::size_t i = 0; i < node.size(); ++i)
        if (auto run = readRunMap(ctx, node[i], path + "[" + std::to_string(i) + "]", baseDir, &legacyBase))
            runs.push_back(std::move(*run));
    return runs;
}

} // namespace kapla::io
