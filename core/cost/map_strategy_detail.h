#pragma once
// Internals shared by the Eyeriss and systolic mappings (model spec §4.4): the layer shape one
// processing pass covers, the unit pass, the replication choices and the descriptor assembly.

#include "cost/map_strategy.h"

#include <vector>

namespace kapla::mapping {

/// How a mapping treats a layer: FC maps as Conv, Pooling and Eltwise as LocalRegion.
enum class MapFamily { Conv, LocalRegion, Depthwise };

/// The mapping family of a per-node layer.
MapFamily mapFamily(const Layer& layer);

/// A layer of the same type with fractional channels and output size, as the reference builds its
/// "accumulated" and "buffered" layers; sizes follow the reference's operation order.
struct PassShape {
    double nifm = 1;               ///< input channels
    double nofm = 1;               ///< output channels
    double filters = 0;            ///< filters (Conv nifm*nofm, DWConv nofm, LocalRegion 0)
    double hofm = 0;               ///< output height (may be fractional)
    double wofm = 0;               ///< output width (may be fractional)
    PhyDim2 window{1, 1};          ///< filter or region size
    PhyDim2 strd{1, 1};            ///< stride
    std::int64_t opsPerNeuron = 0; ///< MACs per output value

    /// Input height of a valid (unpadded) window sweep.
    double hifm() const { return window.h + (hofm - 1) * strd.h; }
    /// Input width of a valid (unpadded) window sweep.
    double wifm() const { return window.w + (wofm - 1) * strd.w; }
    /// Words of all filters.
    double filterSize() const { return filters * static_cast<double>(window.size()); }
    /// Words of all input channels (one sample).
    double ifmapSize() const { return nifm * (hifm() * wifm()); }
    /// Words of all output channels (one sample).
    double ofmapSize() const { return nofm * (hofm * wofm); }
    /// MACs of one sample.
    double ops() const { return ofmapSize() * static_cast<double>(opsPerNeuron); }
};

/// The shape of `layer` with `nofm` output channels of `hofm`×`wofm` (Conv: one input channel).
PassShape passShape(const Layer& layer, double nofm, double hofm, double wofm);

/// One processing pass of the array before replication: per-level, per-category quantities.
struct UnitPass {
    double ops = 0;                         ///< MACs of one pass (one replica)
    std::int64_t time = 0;                  ///< cycles of one pass
    PerLevel<PerCategory<double>> access{}; ///< words per level (DRAM, GBUF, ITCN, REGF)
    PerCategory<double> sizeGbuf{0, 0, 0};  ///< GBUF words one replica needs
    PerCategory<double> sizeRegf{0, 0, 0};  ///< REGF words per PE
    PerCategory<bool> regfReusable{true, true, true};
    double ifmapAmp = 1;             ///< halo amplification of the DRAM ifmap traffic
    bool itcnByReplicaCount = false; ///< systolic: ITCN scales by rcnt instead of rsz
};

/// One replication choice: how the replicas split channels and batch, and the resulting loops.
struct ReplChoice {
    PerLoop<int> lcnt{1, 1, 1};     ///< loop counts (IFM, OFM, BAT)
    PerLoop<double> locc{1, 1, 1};  ///< occupancy of each loop (padding of the last iteration)
    int rsz = 1;                    ///< replicas working in one pass
    PerCategory<int> rcnt{0, 0, 0}; ///< distinct data blocks per category among the replicas
    int ifms = 1;                   ///< input channels per pass
    int ofms = 1;                   ///< output channels per pass
};

/// What every descriptor of one mapping shares.
struct DescriptorContext {
    const UnitPass& pass;            ///< the unit pass every choice replicates
    double occupancy;                ///< useful fraction of the per-node layer (partition padding)
    PerCategory<unsigned> dataLoops; ///< loops indexing each category (bitmask over LoopDim)
    DataCategory rwData;             ///< read-modify-write category
};

/// The nested-loop descriptor of one replication choice (§4.4 "Nested-loop descriptor per choice").
NestedLoopDesc makeDescriptor(const DescriptorContext& ctx, const ReplChoice& choice);

/// Replication and folding of a logical PE set onto the array; `absorbWidthFolds` is Eyeriss' f_w2h step.
ArrayMappingInfo replicateAndFold(PhyDim2 lpe, std::int64_t opsPerLpe, PhyDim2 array, bool absorbWidthFolds);

/// Number of divisors of a positive value.
int divisorCount(int value);

/// Eyeriss row stationary: logical PE set, folding and replication.
ArrayMappingInfo eyerissGeometry(const Layer& layer, PhyDim2 array);
/// Number of logical PE sets of the Eyeriss mapping (for the geometry self-check).
std::int64_t eyerissSetCount(const Layer& layer, int batch);
/// Eyeriss unit pass (one folded logical set, fold.h folds iterated inside).
UnitPass eyerissUnitPass(const Layer& layer, const ArrayMappingInfo& info);
/// Appends one descriptor per Eyeriss replication choice, in the reference's order and filter.
void appendEyerissDescriptors(const Layer& layer, int batch, const ArrayMappingInfo& info, const DescriptorContext& ctx,
                              std::vector<NestedLoopDesc>& out);

/// Systolic template: logical PE set, folding and replication.
ArrayMappingInfo systolicGeometry(const Layer& layer, PhyDim2 array);
/// Number of logical PE sets of the systolic mapping.
std::int64_t systolicSetCount(const Layer& layer, int batch);
/// Systolic: the height folds split over the ofmap rows and columns; rows take the largest divisor of
/// fold.h that is at most fold.h / 2 (1 if there is none), columns the rest.
int foldOfOfmapRows(int foldH);
/// Systolic unit pass.
UnitPass systolicUnitPass(const Layer& layer, const ArrayMappingInfo& info);
/// Appends one descriptor per systolic replication choice.
void appendSystolicDescriptors(const Layer& layer, int batch, const ArrayMappingInfo& info,
                               const DescriptorContext& ctx, std::vector<NestedLoopDesc>& out);

} // namespace kapla::mapping
