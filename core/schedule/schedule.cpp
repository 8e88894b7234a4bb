#include "schedule/schedule.h"

#include <array>
#include <set>

namespace kapla {

const LayerSchedule* Schedule::find(const std::string& layer) const
{
    for (const auto& seg : segments)
        for (const auto& l : seg.layers)
            if (l.layer == layer)
                return &l;
    return nullptr;
}

namespace {
constexpr std::array<std::string_view, kNumParallels> kParallelWords{"OUTP", "OFMP", "BATP", "INPP"};
}

std::string_view parallelKeyword(Parallel p) { return kParallelWords[static_cast<std::size_t>(p)]; }

std::optional<Parallel> parallelFromKeyword(std::string_view s)
{
    for (std::size_t i = 0; i < kParallelWords.size(); ++i)
        if (kParallelWords[i] == s)
            return static_cast<Parallel>(i);
    return std::nullopt;
}

std::string scheduleMismatch(const Schedule& schedule, const Network& network)
{
    std::set<std::string> scheduled;
    for (const auto& segment : schedule.segments)
        for (const auto& layer : segment.layers)
            scheduled.insert(layer.layer);
    for (const auto& name : scheduled)
        if (!network.contains(name))
            return "the schedule has layer '" + name + "', which the network does not have";
    for (const auto& layer : network.layers())
        if (!scheduled.contains(layer.name))
            return "the network's layer '" + layer.name + "' is not in the schedule";
    return {};
}

} // namespace kapla
