#pragma once
// PE-array mappings: Eyeriss row stationary and KAPLA's systolic template (model spec §4.4).

#include "cost/cost_types.h"
#include "model/layer.h"
#include "model/options.h"

#include <vector>

namespace kapla {

/// Geometry of a row-stationary mapping, for display and tests.
struct ArrayMappingInfo {
    PhyDim2 lpe;      ///< logical PE set dims
    PhyDim2 fold;     ///< folding of the logical set
    PhyDim2 repl;     ///< replication of the folded set
    PhyDim2 flpeset;  ///< folded logical set dims
    PhyDim2 ppeset;   ///< physical PE set dims
    double util = 0;  ///< fraction of PEs used
};

/// The mapping geometry of a per-node layer on an array (row stationary or systolic).
ArrayMappingInfo arrayMappingInfo(const Layer& perNodeLayer, int batch, PhyDim2 array, MappingKind kind);

/// Every nested-loop descriptor of the mapping, one per replication choice, in the reference's order.
std::vector<NestedLoopDesc> mapLayer(const Layer& perNodeLayer, int batch, double occupancy, PhyDim2 array,
                                     MappingKind kind);

} // namespace kapla
