// Reads the `runs:` list of a project file (the solves saved with it).

#include "io/readers.h"

namespace kapla::io {

namespace {

constexpr std::string_view kTerminations[] = {"converged", "budget", "cancelled", "no-schedule", "failed"};

bool knownTermination(const std::string& keyword)
{
    return std::find(std::begin(kTerminations), std::end(kTerminations), keyword) != std::end(kTerminations);
}

void readTotals(ReadContext& ctx, MapReader& m, SavedRun& run)
{
    const YAML::Node node = m.field("total");
    if (!node.IsDefined())
        return;
    MapReader t(ctx, node, m.keyPath("total"), {"energy", "time"});
    if (!t.valid())
        return;
    t.finish();
    run.totalEnergy = t.real("energy", false);
    if (const auto time = t.integer("time", false, 0))
        run.totalTime = *time;
}

std::optional<SavedRun> readRun(ReadContext& ctx, const YAML::Node& node, const std::string& path, const Network& network)
{
    MapReader m(ctx, node, path,
                {"solver", "date", "seconds", "termination", "message", "evaluations", "total", "options", "schedule"});
    if (!m.valid())
        return std::nullopt;
    m.finish();
    SavedRun run;
    if (const YAML::Node options = m.field("options"); options.IsDefined())
        if (auto read = readOptionsMap(ctx, options, m.keyPath("options")))
            run.options = std::move(*read);
    // The solver is its own key, for people reading the file; it wins over the options' copy.
    const YAML::Node solverNode = m.field("solver", true);
    if (const auto solver = m.string("solver", true)) {
        if (const auto kind = solverFromKeyword(*solver))
            run.options.solver = *kind;
        else
            ctx.error(solverNode, m.keyPath("solver"), "unknown solver '" + *solver + "'; expected kapla, exhaustive, random or ml");
    }
    run.date = m.string("date", false).value_or("");
    run.seconds = m.real("seconds", false).value_or(0);
    run.message = m.string("message", false).value_or("");
    run.evaluations = m.integer("evaluations", false, 0).value_or(0);
    if (const auto termination = m.string("termination", false)) {
        if (knownTermination(*termination))
            run.termination = *termination;
        else
            ctx.error(m.field("termination"), m.keyPath("termination"),
                      "unknown termination '" + *termination + "'; expected converged, budget, cancelled, no-schedule or failed");
    }
    readTotals(ctx, m, run);
    if (const YAML::Node schedule = m.field("schedule"); schedule.IsDefined()) {
        run.schedule = readScheduleMap(ctx, schedule, m.keyPath("schedule"));
        // The network may have been edited since the solve: the run still loads, to be looked at.
        if (run.schedule)
            if (const std::string why = scheduleMismatch(*run.schedule, network); !why.empty())
                ctx.warning(schedule, m.keyPath("schedule"), "the saved schedule no longer matches the network: " + why);
    }
    return run;
}

} // namespace

std::vector<SavedRun> readRunList(ReadContext& ctx, const YAML::Node& node, const std::string& path, const Network& network)
{
    std::vector<SavedRun> runs;
    if (!node.IsSequence()) {
        ctx.error(node, path, "expected a list of saved runs");
        return runs;
    }
    for (std::size_t i = 0; i < node.size(); ++i)
        if (auto run = readRun(ctx, node[i], path + "[" + std::to_string(i) + "]", network))
            runs.push_back(std::move(*run));
    return runs;
}

} // namespace kapla::io
