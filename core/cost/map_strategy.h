#pragma once
// PE-array mappings: Eyeriss row stationary and KAPLA's systolic template (model spec §4.4).

#include "cost/cost_types.h"
#include "model/layer.h"
#include "model/options.h"

#include <optional>
#include <string>
#include <vector>

namespace kapla {

/// Geometry of a row-stationary mapping, for display and tests.
struct ArrayMappingInfo {
    PhyDim2 lpe;                ///< logical PE set dims
    PhyDim2 fold;               ///< folding of the logical set
    PhyDim2 repl;               ///< replication of the folded set
    PhyDim2 flpeset;            ///< folded logical set dims
    PhyDim2 ppeset;             ///< physical PE set dims
    double util = 0;            ///< fraction of PEs used
    std::int64_t opsPerLpe = 0; ///< MACs one logical PE performs per pass
    /// PEs doing work in one pass (folded set × replication), e.g. 154 for AlexNet conv1 on 12×14.
    std::int64_t activePes() const { return flpeset.size() * repl.size(); }
};

/// The mapping geometry of a per-node layer on an array (row stationary or systolic).
ArrayMappingInfo arrayMappingInfo(const Layer& perNodeLayer, int batch, PhyDim2 array, MappingKind kind);

/// Every nested-loop descriptor of the mapping, one per replication choice, in the reference's order.
/// `perNodeLayer` is a forward layer (Conv, FC, LocalRegion, Pooling, Eltwise, DWConv); a weight-gradient
/// layer's forward equivalent passes `rwDataOverride = Fil`, otherwise the layer's own rwData() is used.
std::vector<NestedLoopDesc> mapLayer(const Layer& perNodeLayer, int batch, double occupancy, PhyDim2 array,
                                     MappingKind kind, std::optional<DataCategory> rwDataOverride = std::nullopt);

/// The reference's self-checks of one descriptor (total ops, DRAM data totals, REGF totals, each
/// within 1 of the layer's totals); returns one message per failed check, empty if all hold.
std::vector<std::string> mappingCheckFailures(const Layer& perNodeLayer, int batch, double occupancy, PhyDim2 array,
                                              MappingKind kind, const NestedLoopDesc& nld);

} // namespace kapla
