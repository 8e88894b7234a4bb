#pragma once
// Which part of a layer's tensors one node of its region owns under the layer's partition: the
// samples, output channels, output rows and columns and input channels of the node's share of work.

#include "cost/evaluation.h"
#include "model/layer.h"
#include "report/loop_scheme.h"
#include "report/loop_walk.h"

#include <optional>
#include <string>

namespace kapla {

/// The node's share of the layer, as half-open ranges of the whole (unpartitioned) layer.
struct NodeRanges {
    PhyDim2 node;              ///< absolute mesh coordinate
    IndexRange batch;          ///< samples (N)
    IndexRange outputChannels; ///< output channels (K)
    IndexRange outputRows;     ///< output fmap rows (P)
    IndexRange outputColumns;  ///< output fmap columns (P)
    IndexRange inputChannels;  ///< input channels (C) the node reads
    bool operator==(const NodeRanges&) const = default;
};

/// The ranges `node` (absolute mesh coordinate) owns of `layer` scheduled as `le` with `batch`
/// samples; nothing if the node is not in the layer's region.
std::optional<NodeRanges> nodeRanges(const Layer& layer, int batch, const LayerEvaluation& le, PhyDim2 node);

/// "node (2,1): batch (N) 0-7, output channels (K) 64-127, output fmap (P) rows 0-13 columns 0-27,
/// input channels (C) 0-63" (inclusive bounds, the glossary's names).
std::string describeNodeRanges(const NodeRanges& ranges);

/// The description of `node`'s share of the scheme's layer in a run of `batch` samples; empty if
/// the node is outside the layer's region.
std::string describeNodeShare(const LoopScheme& scheme, int batch, PhyDim2 node);

} // namespace kapla
