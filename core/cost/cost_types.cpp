#include "cost/cost_types.h"

namespace kapla {

double NestedLoopDesc::totalAccessAt(MemLevel level, DataCategory d) const
{
    const auto di = static_cast<std::size_t>(d);
    // The reference multiplies the unit access by the integer product of the loop counts.
    std::int64_t count = 1;
    for (std::size_t l = 0; l < 3; ++l)
        if (dataLoops[di] & (1u << l))
            count *= loopcnt[l];
    return unitAccess[static_cast<std::size_t>(level)][di] * static_cast<double>(count);
}

} // namespace kapla
