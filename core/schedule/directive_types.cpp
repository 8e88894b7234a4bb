#include "schedule/directive_types.h"

#include <algorithm>

namespace kapla {

std::int64_t FmapRange::size() const
{
    std::int64_t s = 1;
    for (int i = 0; i < 4; ++i)
        s *= std::max(0, end[static_cast<std::size_t>(i)] - beg[static_cast<std::size_t>(i)]);
    return s;
}

} // namespace kapla
