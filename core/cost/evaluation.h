#pragma once
// The full result of evaluating a schedule: energy, time, accesses and occupancy per layer, segment and network.

#include "cost/cost_types.h"
#include "schedule/partition.h"
#include "util/diagnostic.h"

#include <array>
#include <string>
#include <vector>

namespace kapla {

/// Energy components, in the architecture's energy unit.
struct EnergyBreakdown {
    double op = 0;
    double dram = 0;
    double gbuf = 0; ///< includes remote-GBUF accesses
    double itcn = 0;
    double regf = 0;
    double noc = 0;
    double stat = 0; ///< static (idle) energy

    double total() const { return op + dram + gbuf + itcn + regf + noc + stat; }
    EnergyBreakdown& operator+=(const EnergyBreakdown& o);
};

/// Names of the breakdown components in JSON/CSV order.
inline constexpr std::array<const char*, 7> kEnergyComponentNames{"op",   "dram", "gbuf",  "itcn",
                                                                  "regf", "noc",  "static"};

/// Everything known about one scheduled layer.
struct LayerEvaluation {
    std::string name;
    int segment = 0;   ///< sched_seq: segment index
    int spatial = 0;   ///< sched_seq: spatial group
    int temporal = 0;  ///< sched_seq: temporal position in the group
    NodeRegion region; ///< nodes running the layer
    PartitionScheme partition;
    int replIfms = 1;
    int replOfms = 1;
    BlockingSpec blocking; ///< as scheduled (orders after buffer-sharing reordering)
    double ops = 0;
    std::int64_t time = 0;
    std::int64_t procTime = 0;
    std::int64_t busTime = 0;
    std::int64_t dramTime = 0;
    std::int64_t startTime = 0; ///< cycles from its segment's start until the layer starts (pipeline timing)
    std::int64_t doneTime = 0;  ///< cycles from its segment's start until its last batch group is done
    PerLevel<PerCategory<double>> access{}; ///< all nodes
    PerCategory<double> remoteGbufAccess{0, 0, 0};
    PerCategory<double> unitNhops{0, 0, 0};
    PerCategory<double> memNhops{0, 0, 0};
    PerCategory<double> nodeNhops{0, 0, 0};
    std::array<PerCategory<double>, 2> fetch{};
    PerCategory<bool> storedInGbuf{true, true, true};
    PerCategory<double> gbufOccupancy{0, 0, 0}; ///< words per node
    PerCategory<double> regfOccupancy{0, 0, 0}; ///< words per PE
    double gbufCapacity = 0;
    double regfCapacity = 0;
    EnergyBreakdown energy;
    double cost = 0; ///< = energy.total()
};

/// One pipeline segment's timing.
struct SegmentEvaluation {
    std::vector<std::vector<std::string>> groups;
    std::vector<NodeRegion> regions; ///< one per spatial group
    std::int64_t time = 0;
    std::int64_t criticalTime = 0;
    std::int64_t nodeTime = 0;
    std::int64_t dramTime = 0;
    double timeOverhead = 0;
    int batchGroups = 1; ///< batch groups streaming through the pipeline (1 when not pipelined by batch)
};

/// A whole evaluated schedule (model spec §3.4).
struct Evaluation {
    std::string network;
    int batch = 1;
    std::string energyUnit;              ///< the architecture's unit of every energy below
    std::vector<LayerEvaluation> layers; ///< in scheduling order
    std::vector<SegmentEvaluation> segments;
    double totalCost = 0;
    std::int64_t totalTime = 0;
    double totalOps = 0;
    PerLevel<double> totalAccesses{0, 0, 0, 0}; ///< GBUF includes remote accesses
    double totalNocHops = 0;
    EnergyBreakdown breakdown; ///< static rebased to the pipelined total time
};

} // namespace kapla
