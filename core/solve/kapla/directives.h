#pragma once
// KAPLA's tensor-centric directives (KAPLA spec §2.3–§2.4): per buffer level (GBUF, REGF) the block
// of every data category (a tensor over the layer's dims), the spatial replications (stacks) and the
// temporal iterations (updates, innermost first), with the relevance tables all rules are built on.

#include "cost/cost_types.h"
#include "model/layer.h"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kapla::ksolve {

/// Tensor dims: row stationary uses N C K Xi Yi Xo Yo R S, systolic N C K XY F.
enum class TDim { N, C, K, Xi, Yi, Xo, Yo, R, S, XY, F };
inline constexpr int kNumTDims = 11;

/// Extent per dim (missing dims are 1).
using DimMap = std::array<std::int64_t, kNumTDims>;

/// All extents 1.
DimMap unitDimMap();

/// The dim's name as KAPLA prints it ("N", "Xi", ...).
std::string_view tdimName(TDim d);

/// KAPLA's eight layer types; the values index its tables (§1.4).
enum class KaplaLayerType {
    Conv = 0,
    Local = 1,
    DwConv = 2,
    ConvBackH = 3,
    LocalBackH = 4,
    ConvBackW = 5,
    DwConvH = 6,
    DwConvW = 7
};

/// The KAPLA type of a layer (FC is a conv, pooling and eltwise are local).
KaplaLayerType kaplaLayerType(const Layer& layer);

/// True for the types whose dims iterate the input fmap (backward types).
bool isBackwardType(KaplaLayerType t);
/// True for LOCAL-like and depthwise types (input channels tied to output channels).
bool tiesChannels(KaplaLayerType t);

/// One dim of a stack or an update, with its step.
struct DimStep {
    TDim dim = TDim::N;
    std::int64_t step = 1;

    bool operator==(const DimStep&) const = default;
};

/// `count` copies of the block side by side, copy j shifted by j·step along each dim.
struct Stack {
    std::vector<DimStep> dims;
    int count = 1;

    bool operator==(const Stack&) const = default;
};

/// One temporal iteration: the block slides by step along each dim (count derived from the workload).
struct Update {
    std::vector<DimStep> dims;

    bool operator==(const Update&) const = default;
};

/// The directives of one buffer level.
struct LevelDirective {
    DimMap tensor = unitDimMap();   ///< block resident in the level's buffer
    DimMap workload = unitDimMap(); ///< extent the updates cover (per node at GBUF, per PE group at REGF)
    std::vector<Stack> stacks;      ///< spatial replication (nodes at GBUF, PEs at REGF)
    std::vector<Update> updates;    ///< innermost first
};

/// A layer's directives and what the estimator needs besides them.
struct LayerDirectives {
    KaplaLayerType type = KaplaLayerType::Conv;
    bool systolic = false;
    LevelDirective gbuf;
    LevelDirective regf;
    PerLoop<int> gbufOrder{0, 1, 2};         ///< loop order of the GBUF-level updates (0 = innermost)
    PerLoop<int> regfOrder{0, 1, 2};         ///< loop order of the REGF-level updates
    std::int64_t unitOps = 1;                ///< MACs per PE per update step
    std::int64_t regfOpsIter = 1;            ///< iterations inside one REGF block (Π REGF tensor growth)
    PhyDim2 strides{1, 1};                   ///< (sy, sx): h stride for Y, w stride for X
    int channelStride = 1;                   ///< sc of local layers
    DataCategory rwData = DataCategory::Ofm; ///< read-modify-write category (FIL for weight gradients)
};

/// The tensor dims of a data category (`data_list`; systolic or row stationary).
std::vector<TDim> categoryDims(DataCategory d, bool systolic);

/// True if `dim` is one of the category's tensor dims.
bool categoryHasDim(DataCategory d, TDim dim, bool systolic);

/// The dims of each loop type (IFM, OFM, BAT) for a layer type (`loop_list`).
PerLoop<std::vector<TDim>> loopDims(KaplaLayerType type, bool systolic);

/// Words of each category in a tensor: the product of its dims' extents; no filters for local
/// types; a depthwise filter is K·R·S (the original's K²RS counted C, tied to K, as well).
PerCategory<double> tensorSizes(const DimMap& tensor, KaplaLayerType type, bool systolic);

/// Recomputes the derived dims (`format_tensor_dim`): Xi, Yi from Xo, Yo (Xo, Yo for backward types)
/// and the tied channels of local and depthwise types.
DimMap formatTensor(DimMap tensor, KaplaLayerType type, bool systolic, PhyDim2 strides, int channelStride);

/// A one-line text form, e.g. "N:4 C:112 K:100".
std::string dimMapText(const DimMap& m, bool systolic);

} // namespace kapla::ksolve
