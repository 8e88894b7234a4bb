#pragma once
// Layer types of the nn_dataflow/KAPLA model with their shape rules and derived sizes.

#include "model/phy_dim2.h"
#include "util/diagnostic.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kapla {

/// Every layer type of the model (forward, backward/training, and the network input).
enum class LayerType {
    Input,
    Conv,
    FC,
    LocalRegion,
    Pooling,
    Eltwise,
    DWConv,
    ConvBackAct,
    ConvBackWeight,
    FCBackAct,
    FCBackWeight,
    LocalRegionBack,
    PoolingBack,
    EltwiseBack,
    DWConvBackAct,
    DWConvBackWeight,
};

/// The file-format keyword of a layer type ("conv", "pool_back", ...).
std::string_view layerTypeKeyword(LayerType type);

/// The layer type for a file-format keyword, if any.
std::optional<LayerType> layerTypeFromKeyword(std::string_view keyword);

/// The short label used in tables ("Conv", "PoolB", ...).
std::string_view layerTypeLabel(LayerType type);

/// The constructor parameters of a layer, as a user writes them; unused fields stay at defaults.
struct LayerParams {
    LayerType type = LayerType::Conv;
    int nifm = 0;                   ///< conv-like and FC types: input channels (backward: incoming gradient)
    int nofm = 0;                   ///< output channels
    PhyDim2 sofm{0, 0};             ///< output fmap size
    PhyDim2 sfil{1, 1};             ///< filter size (conv-like) or region size sreg (local-region-like)
    std::optional<PhyDim2> strd;    ///< stride; unset means the type's default (1, or sreg for pooling)
    int nreg = 1;                   ///< channel region (local region, eltwise fan-in)
    int ntrd = 1;                   ///< channel stride (local region)
    bool crop = false;              ///< backward layers: crop to the forward layer's raw size
    std::optional<PhyDim2> rawSofm; ///< backward layers with crop: the forward raw fmap size
    std::optional<int> rawNofm;     ///< local-region/depthwise backward with crop: raw channels

    bool operator==(const LayerParams&) const = default;
};

/// A layer with its constructor parameters and the derived input descriptor.
struct Layer {
    LayerParams params;
    int nifm = 0;       ///< input channels (after derivation)
    PhyDim2 sifm{0, 0}; ///< input fmap size ("valid convolution" size, no padding)
    PhyDim2 strd{1, 1}; ///< effective stride

    LayerType type() const { return params.type; }
    int nofm() const { return params.nofm; }
    PhyDim2 sofm() const { return params.sofm; }
    /// Filter size (conv-like) or region size (local-region-like).
    PhyDim2 sfil() const { return params.sfil; }

    bool isInput() const { return params.type == LayerType::Input; }
    /// Forward or backward convolution / FC (filters indexed by both channel loops).
    bool isConvLike() const;
    /// Local-region family: local region, pooling, eltwise and their backward forms.
    bool isLocalRegionLike() const;
    /// Depthwise convolution, forward or backward.
    bool isDepthwise() const;
    /// A backward (training) layer.
    bool isBackward() const;
    /// A weight-gradient layer (its filters are the read-modify-write data).
    bool isWeightGradient() const;

    /// The read-modify-write data category (OFM, or FIL for weight-gradient layers).
    DataCategory rwData() const;

    std::int64_t ofmapSize(std::int64_t batch = 1) const { return sofm().size() * batch; }
    std::int64_t totalOfmapSize(std::int64_t batch = 1) const { return nofm() * ofmapSize(batch); }
    std::int64_t ifmapSize(std::int64_t batch = 1) const { return sifm.size() * batch; }
    std::int64_t totalIfmapSize(std::int64_t batch = 1) const { return nifm * ifmapSize(batch); }
    /// Words of one filter (hfil*wfil), 0 for layers without filters.
    std::int64_t filterSize() const;
    /// Words of all filters, 0 for layers without filters.
    std::int64_t totalFilterSize() const;
    /// Operations (MACs) for a batch.
    std::int64_t totalOps(std::int64_t batch = 1) const;

    /// Loops indexing each data category (bitmask over LoopDim), per (FIL, IFM, OFM).
    std::array<unsigned, kNumDataCategories> dataLoops() const;

    /// True if a producer fmap of size `s` may feed this layer (padding tolerated).
    bool isValidPaddingSifm(PhyDim2 s) const;

    bool operator==(const Layer&) const = default;
};

/// An InputLayer (network input or external input) of `nofm` channels of size `sofm`.
Layer makeInputLayer(int nofm, PhyDim2 sofm);

/// Builds a layer from its parameters; an error names the numbers that are impossible.
Result<Layer> makeLayer(const LayerParams& params);

} // namespace kapla
