#pragma once
// The data one node of a partitioned layer touches (model spec §4.3 `proc_data_range`).

#include "cost/cost_types.h"
#include "model/layer.h"
#include "schedule/partition.h"

#include <utility>

namespace kapla {

/// The filters a node needs: half-open input- and output-channel ranges.
struct FilterRange {
    std::pair<int, int> ifmChannels{0, 0}; ///< input channels [first, second)
    std::pair<int, int> ofmChannels{0, 0}; ///< output channels [first, second)

    /// True unless both channel ranges are non-empty (nodes then need no filters).
    bool empty() const { return ifmChannels.second <= ifmChannels.first || ofmChannels.second <= ofmChannels.first; }
    /// Number of (input, output) channel pairs; 0 if empty.
    std::int64_t channelPairs() const;
    /// Ordering so ranges can key a map.
    auto operator<=>(const FilterRange&) const = default;
};

/// Filter, ifmap and ofmap ranges of one node.
struct ProcDataRange {
    FilterRange filter; ///< filters (empty for local-region layers)
    FmapRange ifmap;    ///< input fmap range read
    FmapRange ofmap;    ///< output fmap range produced
};

/// The ranges node `pidx` of `part` works on for `layer` with `batch` samples.
ProcDataRange procDataRange(const Layer& layer, int batch, const PartitionScheme& part, const PartitionIndex& pidx);

} // namespace kapla
