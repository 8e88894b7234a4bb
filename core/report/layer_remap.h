#pragma once
// A scheduled layer solved again, alone, under another PE-array mapping: the same partition, node
// region, buffers and data placement as the schedule gave it, the best replication choice and loop
// blocking of that mapping under the project's goal. The teaching views put it beside the schedule's
// own layer so the two mappings can be compared on the same work.

#include "cost/evaluation.h"
#include "model/architecture.h"
#include "model/options.h"
#include "model/project.h"

#include <optional>
#include <string>

namespace kapla {

/// The layer under the other mapping, or why it has none.
struct RemappedLayer {
    MappingKind mapping = MappingKind::Eyeriss;
    std::optional<LayerEvaluation> evaluation; ///< its cost, time, blocking and replication choice
    std::string problem;                       ///< why the layer cannot be mapped this way (no evaluation)
};

/// `eval.layers[layer]` solved alone under `kind` (no pipeline constraint on its top loops). The
/// evaluation carries the schedule's partition, region and NoC hops per datum, which do not depend
/// on the mapping.
RemappedLayer solveLayerUnderMapping(const Project& project, const Architecture& arch, const Evaluation& eval,
                                     int layer, MappingKind kind);

} // namespace kapla
