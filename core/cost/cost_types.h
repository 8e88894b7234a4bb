#pragma once
// Value types of the cost model: the resources of a layer and the per-node work unit of an array
// mapping (model spec §2.3, §4.5). The directive types it builds on are in schedule/.

#include "model/node_region.h"
#include "model/phy_dim2.h"
#include "schedule/directive_types.h"

#include <array>
#include <cstdint>

namespace kapla {

/// What one layer is scheduled on (model spec §2.3).
struct Resource {
    NodeRegion procRegion;    ///< nodes running the layer
    NodeRegion dramRegion;    ///< DRAM nodes (every one can supply filters)
    NodeRegion srcDataRegion; ///< where the ifmaps live (DRAM, or a PROC region when forwarded)
    NodeRegion dstDataRegion; ///< where the ofmaps go
    PhyDim2 dimArray;         ///< PE array per node
    double sizeGbuf = 0;      ///< words per node
    double sizeRegf = 0;      ///< words per PE
    double arrayBusWidth = 0; ///< words per cycle per category (inf = unlimited)
    double dramBandwidth = 0; ///< words per cycle (inf = unlimited)
    bool noTimeMux = false;   ///< whole network spatially mapped: filters may be pinned
};

/// The per-node work unit produced by an array mapping (model spec §4.5).
struct NestedLoopDesc {
    PerLoop<int> loopcnt{1, 1, 1};
    PerCategory<double> usizeGbuf{0, 0, 0};
    PerCategory<double> usizeRegf{0, 0, 0};
    PerLevel<PerCategory<double>> unitAccess{};
    double unitOps = 0;
    std::int64_t unitTime = 0;
    PerCategory<unsigned> dataLoops{0, 0, 0}; ///< bitmask over LoopDim per category
    PerCategory<bool> regfReusable{true, true, true};
    DataCategory rwData = DataCategory::Ofm;
    /// Replication choice that produced this descriptor (Eyeriss: input/output channels per pass).
    int replIfms = 1;
    int replOfms = 1;

    double totalOps() const { return unitOps * loopcnt[0] * loopcnt[1] * loopcnt[2]; }
    /// Access at `level` of category `d` if every datum is touched once.
    double totalAccessAt(MemLevel level, DataCategory d) const;
};

} // namespace kapla
