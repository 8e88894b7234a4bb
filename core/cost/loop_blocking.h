#pragma once
// One loop-blocking scheme of one per-node layer and its statistics (model spec §3.2, §4.6, §4.7).

#include "cost/buf_shr.h"
#include "cost/cost_types.h"
#include "model/options.h"

namespace kapla {

/// Everything §3.2 derives from a valid loop-blocking scheme (counts summed over all nodes).
struct LoopBlockingStats {
    double ops = 0;
    std::int64_t procTime = 0;
    std::int64_t busTime = 0;
    std::int64_t dramTime = 0;
    std::int64_t time = 0;
    PerLevel<PerCategory<double>> access{};      ///< per level and category, all nodes
    PerCategory<double> remoteGbufAccess{0, 0, 0};
    PerCategory<double> nocAccess{0, 0, 0};      ///< buffer-sharing rotation + wide fetch
    std::array<PerCategory<double>, 2> fetch{};  ///< [GBUF level, REGF level]
    PerCategory<bool> storedInGbuf{true, true, true};
    PerCategory<double> accfwdReduction{1, 1, 1};
    PerCategory<double> gbufDataSize{0, 0, 0};   ///< words per node, after sharing
    PerCategory<double> regfDataSize{0, 0, 0};   ///< words per PE
    PerCategory<int> bufshrSubgroup{1, 1, 1};
    std::array<PerLoop<int>, 2> orders{};        ///< orders after buffer-sharing reordering
    bool filterPinned = false;
    double accessCost = 0;                       ///< Σ_m unit cost × Σ_d access (+ remote at GBUF cost)
};

/// Inputs of a loop-blocking evaluation besides the descriptor and the blocking.
struct LoopBlockingContext {
    const Resource* resource = nullptr;
    const BufShrScheme* bufshr = nullptr;
    const Options* options = nullptr;
    PerLevel<double> accessEnergy{200, 6, 2, 1}; ///< unit energies (DRAM, GBUF, ITCN, REGF)
};

/// Evaluates a blocking; `valid` is false (with no stats) when the buffers cannot hold it.
struct LoopBlockingResult {
    bool valid = false;
    LoopBlockingStats stats;
};

/// Builds and evaluates the scheme exactly as the reference constructor does (§4.6 steps 1–13).
LoopBlockingResult evaluateLoopBlocking(const NestedLoopDesc& nld, const BlockingSpec& blocking,
                                        const LoopBlockingContext& ctx);

} // namespace kapla
