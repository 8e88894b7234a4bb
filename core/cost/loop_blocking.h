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
    PerLevel<PerCategory<double>> access{}; ///< per level and category, all nodes
    PerCategory<double> remoteGbufAccess{0, 0, 0};
    PerCategory<double> nocAccess{0, 0, 0};     ///< buffer-sharing rotation + wide fetch
    std::array<PerCategory<double>, 2> fetch{}; ///< [GBUF level, REGF level]
    PerCategory<bool> storedInGbuf{true, true, true};
    PerCategory<double> accfwdReduction{1, 1, 1};
    PerCategory<double> gbufDataSize{0, 0, 0}; ///< words per node, after sharing
    PerCategory<double> regfDataSize{0, 0, 0}; ///< words per PE
    PerCategory<int> bufshrSubgroup{1, 1, 1};
    std::array<PerLoop<int>, 2> orders{}; ///< orders after buffer-sharing reordering
    bool filterPinned = false;
    double accessCost = 0; ///< Σ_m unit cost × Σ_d access (+ remote at GBUF cost)

    std::array<PerCategory<std::int64_t>, 2> unitCnt{};   ///< units held per category at [GBUF, REGF]
    PerCategory<double> rotAccess{0, 0, 0};               ///< buffer-sharing rotation traffic (words × hops)
    PerCategory<double> wideAccess{0, 0, 0};              ///< buffer-sharing wide-fetch traffic (words × hops)
    PerCategory<double> bufshrRotFetch{0, 0, 0};          ///< rotation hops per GBUF-level datum
    PerCategory<double> bufshrWideFetch{0, 0, 0};         ///< wide-fetch hops per GBUF-level datum
    PerCategory<std::int64_t> bufshrRotRoundCnt{0, 0, 0}; ///< rotation rounds
    PerCategory<double> bufshrRotUnitCnt{1, 1, 1};        ///< rotation units per round
    PerCategory<double> bufshrWideFetchWidth{1, 1, 1};    ///< wide-fetch width (nodes)
    PerLoop<int> bufshrBsT{1, 1, 1};                      ///< blocking factors of the sharing level
    PerLoop<int> bufshrBsOrd{0, 1, 2};                    ///< loop order of the sharing level
};

/// Inputs of a loop-blocking evaluation besides the descriptor and the blocking.
struct LoopBlockingContext {
    const Resource* resource = nullptr;
    const BufShrScheme* bufshr = nullptr; ///< may be null when neither sharing nor forwarding is on
    const Options* options = nullptr;
    PerLevel<double> accessEnergy{200, 6, 2, 1}; ///< unit energies (DRAM, GBUF, ITCN, REGF)
};

/// Evaluates a blocking; `valid` is false (with no stats) when the buffers cannot hold it.
struct LoopBlockingResult {
    bool valid = false;
    LoopBlockingStats stats;
};

/// What an evaluation needs from the descriptor and the context, flattened once per descriptor.
struct LoopBlockingPrecomp {
    PerLoop<int> loopcnt{1, 1, 1};
    PerCategory<unsigned> dataLoops{0, 0, 0}; ///< bitmask over LoopDim per category
    bool convDataLoops = false;               ///< data loops equal a convolution's (skip_conv applies)
    PerCategory<double> usizeGbuf{0, 0, 0};
    PerCategory<double> usizeRegf{0, 0, 0};
    PerLevel<PerCategory<double>> totalAccess{}; ///< T(m, d) = unit access × Π loopcnt over dims(d)
    PerCategory<double> unitRegfAccess{0, 0, 0};
    double unitOps = 0;
    std::int64_t unitTime = 0;
    PerCategory<bool> regfReusable{true, true, true};
    bool kaplaRefetch = true; ///< KAPLA's REGF-level rule for non-reusable data
    int rwData = 2;
    PerCategory<bool> bypassAllowed{false, false, false};
    double sizeGbuf = 0;
    double sizeRegf = 0;
    double arrayBusWidth = 0;
    double dramBandwidth = 0;
    bool srcIsDram = true;
    bool dstIsDram = true;
    bool srcIsProc = false; ///< the ifmaps already sit in the processing region
    bool dstIsProc = false; ///< the ofmaps stay in the processing region
    bool noTimeMux = false;
    int numNodes = 1;
    bool gbufSharing = false;
    PerCategory<int> bufshrGroup{1, 1, 1}; ///< sharing group size per category (1 without sharing)
    PerCategory<double> accfwdReduction{1, 1, 1};
    PerLevel<double> accessEnergy{200, 6, 2, 1};
    const BufShrScheme* bufshr = nullptr;
};

/// Flattens a descriptor and its context for repeated evaluation.
LoopBlockingPrecomp precomputeLoopBlocking(const NestedLoopDesc& nld, const LoopBlockingContext& ctx);

/// Builds and evaluates the scheme exactly as the reference constructor does (§4.6 steps 1–13).
LoopBlockingResult evaluateLoopBlocking(const NestedLoopDesc& nld, const BlockingSpec& blocking,
                                        const LoopBlockingContext& ctx);

/// The same on a precomputed descriptor; allocation-free (the search's inner loop).
LoopBlockingResult evaluateLoopBlocking(const LoopBlockingPrecomp& pc, const BlockingSpec& blocking);

/// Step 6's capacity check, which does not depend on the loop orders (a search may prune with it).
bool fitsBuffersBeforeFetch(const LoopBlockingPrecomp& pc, const std::array<PerLoop<int>, 3>& tvals);

/// The loop in `dims` (bitmask) with t > 1 and the smallest order position, or -1 (innermost non-trivial).
int innermostDimLoop(unsigned dims, const PerLoop<int>& t, const PerLoop<int>& ord);

/// Non-trivial loops (t > 1) from outermost to innermost; returns their count, fills `out`.
int orderedLoops(const PerLoop<int>& t, const PerLoop<int>& ord, PerLoop<int>& out);

} // namespace kapla
