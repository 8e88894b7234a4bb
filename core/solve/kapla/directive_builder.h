#pragma once
// The derivation of final directives (KAPLA spec §4.5) for a solved layer: the GBUF stacks from the
// node partition, the REGF stacks from the array-mapping template and its replication, the tensors
// from the blocking factors and the updates from the loop orders. It is the inverse of the
// conversion of §4.6 (top = DRAM-level factors, middle = GBUF block, bottom = REGF block; the fmap-row
// folds share the BAT loop with the batch), so a schedule of the reference model can be shown, and
// estimated by KAPLA's cost model, in KAPLA's terms.

#include "cost/evaluation.h"
#include "model/architecture.h"
#include "model/project.h"
#include "solve/kapla/kapla_estimator.h"

#include <string>
#include <vector>

namespace kapla::ksolve {

/// What the derivation needs: the layer, its partition, mapping choice and blocking.
struct SolvedLayer {
    const Layer* layer = nullptr;
    int batch = 1;
    PartitionScheme partition;
    int replIfms = 1;
    int replOfms = 1;
    BlockingSpec blocking;
    PhyDim2 peArray{1, 1};
    MappingKind mapping = MappingKind::Eyeriss;
};

/// §4.1 array-mapping template of a per-node layer (row stationary or systolic): the REGF base stacks
/// and updates, the PE unit tensor and the MACs per PE per step.
struct ArrayTemplate {
    std::vector<Stack> baseStacks;
    std::vector<Update> baseUpdates;
    DimMap regfUnit = unitDimMap();
    PhyDim2 logical{1, 1}; ///< folded logical PE set (h, w)
    PhyDim2 fold{1, 1};    ///< folds of the logical set
    std::int64_t unitOps = 1;
};

/// The template of a per-node layer (forward types; backward layers map as their forward equivalent).
ArrayTemplate arrayTemplate(const Layer& perNodeLayer, int batch, PhyDim2 peArray, MappingKind kind);

/// The directives of a solved layer (per node), or nullopt if its mapping choice does not exist.
std::optional<LayerDirectives> deriveDirectives(const SolvedLayer& solved);

/// A layer of an evaluated schedule in KAPLA's terms.
struct KaplaLayerView {
    std::string layer;
    LayerDirectives directives;
    KaplaEstimate estimate;
};

/// Directives and KAPLA's own estimate for every layer of an evaluation (unit hops and data regions
/// taken from it: a layer with remote-GBUF input or output traffic has an on-chip source or destination).
std::vector<KaplaLayerView> kaplaLayerViews(const Project& project, const Architecture& arch, const Evaluation& eval);

/// A multi-line text form of a layer's directives (GBUF and REGF: stacks, tensors, updates).
std::string directivesText(const LayerDirectives& dirs);

} // namespace kapla::ksolve
