#pragma once
// The loops of one scheduled layer as the teaching views read them: the per-node layer, its PE-array
// mapping, the blocking factors and orders per buffer level, and what one innermost step covers. The
// loop-nest text and the step-by-step walk both derive from it, so they name the same loops.

#include "cost/evaluation.h"
#include "cost/map_strategy.h"
#include "model/architecture.h"
#include "model/project.h"
#include "schedule/partition.h"

#include <cstddef>
#include <optional>
#include <vector>

namespace kapla {

/// Blocking levels of a loop nest, outermost first: a DRAM-level iteration fills the GBUF, a
/// GBUF-level iteration fills the REGFs, a REGF-level iteration is one pass of the PE array.
inline constexpr std::size_t kNumBlockingLevels = 3;

/// One loop of the nest: its blocking level and the dimension it runs over.
struct LoopRef {
    std::size_t level = 0; ///< 0 DRAM, 1 GBUF, 2 REGF
    LoopDim dim = LoopDim::Ifm;
    bool operator==(const LoopRef&) const = default;
};

/// Everything the teaching views derive from one scheduled layer.
struct LoopScheme {
    const LayerEvaluation* evaluation = nullptr;
    const Layer* layer = nullptr; ///< the network's layer
    PartitionedLayer part;        ///< what one node computes
    MappingKind mapping = MappingKind::Eyeriss;
    ArrayMappingInfo info;   ///< the PE-array geometry the cost model computes for the per-node layer
    NestedLoopDesc nld;      ///< the mapping's descriptor the schedule's replication chose
    PhyDim2 peArray{1, 1};   ///< PEs of one node
    int slicesPerSample = 1; ///< batch-loop units per sample group: ofmap slices of one pass
    int samplesPerUnit = 1;  ///< samples one batch-loop unit covers (systolic replicas take samples)
    /// Rounds of one array pass: row stationary folds the filter rows over fold.h rounds (the cost model
    /// counts a pass as that many rounds of its PE set); systolic passes are a single round.
    int foldRounds = 1;
    /// Input channels, output channels or batch units one innermost step covers.
    PerLoop<int> unit{1, 1, 1};
    /// Per-node extent in the same units (channels, channels, batch units).
    PerLoop<int> total{1, 1, 1};

    /// The blocking factor of a loop (1: the level does not iterate over it).
    int factor(std::size_t level, LoopDim dim) const;
    /// Extent one iteration of a loop covers (all inner levels and the unit), clipped to the total.
    int stepOf(std::size_t level, LoopDim dim) const;
    /// The iterating loops of one level, outer to inner (the REGF level has no order: batch, K, C).
    std::vector<LoopDim> outerToInner(std::size_t level) const;
    /// Every iterating loop of the nest, outermost first (the order the loop-nest text writes them).
    std::vector<LoopRef> loops() const;
};

/// The loop scheme of `eval.layers[layer]`; nothing if the index or the layer is unknown.
std::optional<LoopScheme> loopScheme(const Project& project, const Architecture& arch, const Evaluation& eval,
                                     int layer);

/// The loop scheme of a layer evaluation made under `mapping` for a batch of `batch` (one that is not
/// part of a whole evaluation, such as the layer solved under the other mapping); nothing if the
/// network has no such layer. The scheme points into `le`, which must outlive it.
std::optional<LoopScheme> loopScheme(const Project& project, const Architecture& arch, const LayerEvaluation& le,
                                     int batch, MappingKind mapping);

} // namespace kapla
