#include "solve/termination.h"

#include <array>

namespace kapla {

namespace {

constexpr std::array kTerminations{Termination::Converged, Termination::Budget, Termination::Cancelled,
                                   Termination::NoSchedule, Termination::Failed};

} // namespace

std::string_view terminationKeyword(Termination t)
{
    switch (t) {
    case Termination::Converged: return "converged";
    case Termination::Budget: return "budget";
    case Termination::Cancelled: return "cancelled";
    case Termination::NoSchedule: return "no-schedule";
    case Termination::Failed: return "failed";
    }
    return "failed";
}

std::optional<Termination> terminationFromKeyword(std::string_view keyword)
{
    for (const Termination t : kTerminations)
        if (terminationKeyword(t) == keyword)
            return t;
    return std::nullopt;
}

} // namespace kapla
