#pragma once
// Scheduling constraints of the layers of a pipeline segment (model spec §5.5): required top-level
// blocking factors and loop order so that pipelined layers can forward data group by group.

#include "cost/loop_blocking_search.h"
#include "cost/pipeline_segment.h"

#include <optional>
#include <string>
#include <vector>

namespace kapla {

/// The constraint of one layer in one combination.
struct LayerConstraint {
    TopBlockingConstraint top; ///< topbat/topifm/topofm (0 = free) and the order rule
    /// Lazy rule: set top.topofm to this Conv layer's chosen top-level OFM factor before scheduling.
    std::optional<LayerId> topofmFromLayer;
    bool fbifm = false; ///< ifmaps fully buffered on chip (already folded into top.topifm = 1)
    bool fbofm = false; ///< ofmaps fully buffered on chip (already folded into top.topofm = 1)

    bool operator==(const LayerConstraint&) const = default;
};

/// One combination of symbol values: a constraint per layer [sp][tm] and the hint tuple.
struct SegmentConstraintCombo {
    std::vector<std::vector<LayerConstraint>> layers;
    std::vector<int> hints; ///< the symbol values ((1) for the dummy symbol)
};

/// Every combination gen_constraint yields for a segment, in its order, or why there is none.
struct SegmentConstraints {
    bool valid = false; ///< the rules found a scheme (false: the segment cannot be scheduled)
    std::string reason; ///< why it is invalid, or why a valid segment yields no combination
    std::vector<SegmentConstraintCombo> combos;
    int numSpFbs = 0; ///< groups on the critical path with fully buffered ofmaps
    /// The free symbols in name order (the order of the hints); empty when only the dummy is left.
    std::vector<std::string> symbols;
    /// The value list of each symbol after the topbat filter, parallel to `symbols`.
    std::vector<std::vector<int>> symbolValues;
    std::vector<int> criticalPath; ///< spatial groups of the chosen critical forwarding path
};

/// The reference's _init_sym_cstrs + gen_constraint for a valid segment (`gbufWords` per node).
SegmentConstraints generateSegmentConstraints(const PipelineSegment& segment, const Network& network, double gbufWords,
                                              double maxTimeOverhead);

} // namespace kapla
