#include "model/project.h"

#include <set>

namespace kapla {

std::string scheduleMismatch(const Schedule& schedule, const Network& network)
{
    std::set<std::string> scheduled;
    for (const auto& segment : schedule.segments)
        for (const auto& layer : segment.layers)
            scheduled.insert(layer.layer);
    for (const auto& name : scheduled)
        if (!network.contains(name))
            return "the schedule has layer '" + name + "', which the network no longer has";
    for (const auto& layer : network.layers())
        if (!scheduled.contains(layer.name))
            return "the network's layer '" + layer.name + "' is not in the schedule";
    return {};
}

Project projectOfRun(const Project& project, const SavedRun& run)
{
    Project p = project;
    p.options = run.options;
    if (run.schedule)
        p.batch = run.schedule->batch;
    p.runs.clear();
    return p;
}

} // namespace kapla
