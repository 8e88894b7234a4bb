#pragma once
// The dataflow schedule (directive tree): segments of pipelined layers and, per layer, the partition
// over nodes, the array-mapping choice and the loop blocking (model spec §4, §5; KAPLA spec §2).

#include "model/network.h"
#include "model/options.h"
#include "schedule/directive_types.h"
#include "schedule/partition.h"

#include <optional>
#include <string>
#include <vector>

namespace kapla {

/// The directives of one layer.
struct LayerSchedule {
    std::string layer;           ///< layer name in the network
    PartitionScheme partition;   ///< split over the nodes of its region
    std::optional<int> replIfms; ///< mapping replication choice (input channels per pass); inferred if unset
    std::optional<int> replOfms; ///< mapping replication choice (output channels per pass)
    BlockingSpec blocking;       ///< tvals [DRAM, GBUF, REGF level][IFM, OFM, BAT] and orders

    bool operator==(const LayerSchedule&) const = default;
};

/// A pipeline segment: spatial groups (each a sequence of temporally multiplexed layers) and their nodes.
struct SegmentSchedule {
    std::vector<std::vector<std::string>> groups; ///< spatial groups of layer names, temporal order inside
    std::vector<int> nodes;                       ///< nodes per group (empty: the allocator decides)
    std::vector<LayerSchedule> layers;            ///< directives of every layer of the segment

    bool operator==(const SegmentSchedule&) const = default;
};

/// A whole-network schedule.
struct Schedule {
    std::string network; ///< network name it was made for
    int batch = 1;
    /// The array mapping the schedule was made with (its replication choices only exist under it);
    /// unset: the project's options decide.
    std::optional<MappingKind> mapping;
    PartitionScheme inputPartition; ///< layout of the network input over the DRAM region
    std::vector<SegmentSchedule> segments;

    /// The directives of a named layer, or nullptr.
    const LayerSchedule* find(const std::string& layer) const;
    bool operator==(const Schedule&) const = default;
};

/// Why a schedule does not fit a network (a layer missing from one of them), or empty.
std::string scheduleMismatch(const Schedule& schedule, const Network& network);

/// Parallelism keywords used in files: OUTP, OFMP, BATP, INPP.
std::string_view parallelKeyword(Parallel p);
std::optional<Parallel> parallelFromKeyword(std::string_view s);

} // namespace kapla
