#pragma once
// KAPLA's own analytical cost model over tensor-centric directives (KAPLA spec §5): iteration counts,
// data streamed per sweep of the relevant updates, re-fetch from irrelevant outer updates, spatial
// sharing from the stacks, accesses per level, energy and time. Fixes of §9: a later update pair of
// an entry cannot raise an iteration count the workload caps (min, not assignment), the depthwise
// filter is K·R·S, every level keeps its own access row, and the rotation distance of a sharing
// region uses the neighbour distance along the axes it spans.

#include "model/architecture.h"
#include "solve/kapla/directives.h"

#include <cstdint>
#include <map>
#include <vector>

namespace kapla::ksolve {

/// §5.1: per update entry, the new slice per step of each dim and the iteration count.
struct DimIters {
    std::vector<std::vector<DimStep>> slices; ///< per update: (dim, new data per step)
    std::vector<std::int64_t> iters;          ///< per update
};

/// analyze_dim_iters: iter = min over the entry's pairs of 1 + ⌈(W − max(T, step)) / step⌉ (1 when W < T);
/// the new slice is min(step, T).
DimIters analyzeDimIters(const std::vector<Update>& updates, const DimMap& tensor, const DimMap& workload);

/// §5.2 analyze_relevant_accesses: words of each category streamed in when every relevant update runs
/// once (a sliding window brings T + (iter − 1)·step along its dim); no filters for local types.
PerCategory<double> relevantAccesses(const DimIters& iters, const DimMap& tensor, KaplaLayerType type, bool systolic);

/// §5.3 redundant_iter: per category, the product of the iteration counts of updates that do not touch
/// it but sit outside an update that does (re-fetch); updates walked innermost first.
PerCategory<double> redundantIters(const std::vector<Update>& updates, const std::vector<std::int64_t>& iters,
                                   bool systolic);

/// §5.4 placement: per stack the physical axis it lies on (0 = h, 1 = w) and the logical extent.
struct StackPlacement {
    std::vector<int> axis;
    PhyDim2 logical{1, 1};
};

/// Alternates stacks over the two axes: w first if the array is wider, then the axis less filled.
StackPlacement placeStacks(const std::vector<Stack>& stacks, PhyDim2 physical);

/// A group of nodes holding the same data of a category, and its forwarding and rotation distances.
struct SharingRegion {
    int nodes = 1;
    double fwdDist = 0;
    double rotDist = 0;
};

/// §5.4 GBUF neighbour sharing: the region built by the stacks irrelevant to each category; the
/// neighbour distance is that of the axes the region spans.
PerCategory<SharingRegion> gbufSharingRegions(const std::vector<Stack>& stacks, const StackPlacement& placement,
                                              bool systolic);

/// §5.4 REGF multicast: the number of distinct data copies of each category the PE stacks need
/// (the groups of PEs with equal data coordinates), enumerated directly.
PerCategory<std::int64_t> regfCopies(const std::vector<Stack>& stacks, bool systolic);

/// What the estimate needs besides the directives.
struct EstimatorContext {
    PhyDim2 nodeArray{1, 1};      ///< the layer's node region (h, w)
    PhyDim2 peArray{1, 1};        ///< PE array (h, w)
    std::int64_t regionNodes = 1; ///< nodes of the region (accesses scale to all of them)
    bool srcIsDram = true;
    bool dstIsDram = true;
    bool noTimeMux = false;
    bool gbufSharing = false;
    bool accessForwarding = false;
    double gbufWords = 0;                   ///< GBUF capacity (sharing opt-out test)
    PerCategory<double> unitNhops{0, 0, 0}; ///< hops to move each category once (nn_dataflow's)
    EnergyCosts energy;
    double dramBandwidth = kUnlimited; ///< words per cycle
    double arrayBusWidth = kUnlimited; ///< words per cycle
};

/// KAPLA's cost of one layer (the original's breakdown without static energy).
struct KaplaEstimate {
    PerLevel<PerCategory<double>> access{}; ///< DRAM, GBUF, ITCN, REGF words, all nodes
    PerCategory<double> remoteGbuf{0, 0, 0};
    PerCategory<double> nodeHops{0, 0, 0}; ///< forwarding + rotation
    PerCategory<double> memHops{0, 0, 0};
    double macs = 0;
    std::int64_t procTime = 0;
    std::int64_t dramTime = 0;
    std::int64_t busTime = 0;
    double dramCost = 0, sramCost = 0, itcnCost = 0, regfCost = 0, remoteSramCost = 0;
    double nodeHopCost = 0, memHopCost = 0, opCost = 0;

    /// Σ of the cost components.
    double total() const
    {
        return dramCost + sramCost + itcnCost + regfCost + remoteSramCost + nodeHopCost + memHopCost + opCost;
    }
    /// max(proc, DRAM, bus), cycles.
    std::int64_t time() const;
};

/// §5.5–§5.7: accesses, energy and time of a layer's directives.
KaplaEstimate estimateDirectives(const LayerDirectives& dirs, const EstimatorContext& ctx);

} // namespace kapla::ksolve
