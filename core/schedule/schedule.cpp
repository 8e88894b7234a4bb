#include "schedule/schedule.h"

#include <array>

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

} // namespace kapla
