#pragma once
// Choosing the buffer-sharing subgroups and sharing-level loops of one blocking (model spec §4.7,
// `_set_bufshr`). Internal to the loop-blocking evaluation; exposed for tests.

#include "cost/buf_shr.h"
#include "cost/cost_types.h"

namespace kapla {

/// What the buffer-sharing choice reads from a scheme under construction.
struct BufShrSweepInput {
    const BufShrScheme* bufshr = nullptr;
    PerCategory<int> group{1, 1, 1};               ///< sharing group size per category
    PerCategory<int> subgroup{1, 1, 1};            ///< current subgroup size (the group at first)
    PerCategory<double> gbufUnsharedSize{0, 0, 0}; ///< GBUF words per category before dividing by the subgroup
    double sizeGbuf = 0;
    std::array<PerLoop<int>, 2> tvals{};              ///< blocking factors of levels 0 and 1
    PerLoop<int> ord1{0, 1, 2};                       ///< level-1 loop order
    std::array<PerCategory<std::int64_t>, 2> fetch{}; ///< fetch counts at the GBUF and REGF levels
    PerCategory<unsigned> dataLoops{0, 0, 0};
    int rwData = 2;
    PerCategory<double> totalGbufAccess{0, 0, 0}; ///< T(GBUF, d)
    int numNodes = 1;
};

/// The chosen sharing: subgroups, rewritten level-1 order, and rotation / wide-fetch traffic.
struct BufShrChoice {
    bool swept = false; ///< false when no category shares (no reordering)
    PerCategory<int> subgroup{1, 1, 1};
    PerLoop<int> ord1{0, 1, 2};
    PerLoop<int> bsT{1, 1, 1};
    PerLoop<int> bsOrd{0, 1, 2};
    PerCategory<double> rotFetch{0, 0, 0};
    PerCategory<double> wideFetch{0, 0, 0};
    PerCategory<std::int64_t> rotRoundCnt{0, 0, 0};
    PerCategory<double> rotUnitCnt{1, 1, 1};
    PerCategory<double> wideFetchWidth{1, 1, 1};
};

/// Sweeps subgroup candidates, sharing-level factors and loop orders; first minimum of the NoC hops wins.
BufShrChoice chooseBufferSharing(const BufShrSweepInput& in);

} // namespace kapla
