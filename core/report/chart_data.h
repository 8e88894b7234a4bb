#pragma once
// Pure functions turning an Evaluation into the data of the result charts (energy, buffer occupancy,
// node allocation, pipeline timeline). The widgets only draw what these return.

#include "cost/evaluation.h"
#include "model/architecture.h"
#include "model/network.h"

#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace kapla {

/// Number of energy components (MAC, DRAM, GBUF, ITCN, REGF, NoC, static).
inline constexpr std::size_t kNumEnergyComponents = kEnergyComponentNames.size();

/// Display label of an energy component (kEnergyComponentNames order): the glossary's short name.
std::string energyComponentLabel(std::size_t component);

/// One component of a breakdown by index (kEnergyComponentNames order).
double energyComponent(const EnergyBreakdown& b, std::size_t component);

/// Per-layer energy whose static part is the layer's share of the network's static energy (rebased to
/// the pipelined end-to-end time, §3.4), so the layers add up to the network totals exactly.
std::vector<EnergyBreakdown> layerEnergyShares(const Evaluation& eval);

/// A power-of-1000 display scale for a unit: shown value = value × factor, written with `unit`.
struct UnitScale {
    double factor = 1;
    std::string unit;
};

/// The scale that shows `maxValue` of `unit` between 1 and 1000 when the unit is one of joules (pJ, nJ,
/// uJ, mJ, J; shown as pJ…kJ); other units (e.g. normalised "unit") are shown as they are.
UnitScale energyScale(double maxValue, const std::string& unit);

/// How much of a number a text shows: where space is short (lists, tables, headers, legends) enough
/// digits to tell runs apart, in tooltips every digit that the evaluation's precision supports.
enum class NumberDetail { Compact, Full };

/// Significant digits of each NumberDetail: two totals 0.01 % apart read differently in compact form.
inline constexpr int kCompactDigits = 5;
inline constexpr int kFullDigits = 10;

/// A readable energy, the one format of every view: "175.31 mJ" (compact, trailing zeros kept so the
/// precision shows), "175.3124568 mJ" (full); whole numbers of other units as they are, "172,309,688 unit".
std::string formatEnergy(double value, const std::string& unit, NumberDetail detail = NumberDetail::Compact);

/// A readable word count, e.g. "12,544 words".
std::string formatWords(double words);

/// A readable cycle count, e.g. "17,908 cycles".
std::string formatCycles(std::int64_t cycles);

/// Stacked energy bars: one bar per layer (scheduling order), one stack per component.
struct EnergyChartData {
    std::vector<std::string> layers;
    std::array<std::vector<double>, kNumEnergyComponents> absolute; ///< [component][layer], energy unit
    std::array<std::vector<double>, kNumEnergyComponents> shown;    ///< as drawn: absolute, or % of the bar
    std::vector<double> layerTotals;                                ///< per layer, energy unit
    std::array<double, kNumEnergyComponents> componentTotals{};     ///< over all layers, energy unit
    std::array<double, kNumEnergyComponents> componentPercent{};    ///< share of the total, %
    double total = 0;                                               ///< network energy (= Evaluation::totalCost)
    bool percent = false;                                           ///< bars normalised to 100 % each
    std::string unit;                                               ///< the architecture's energy unit
};

/// The energy chart of an evaluation; in percent mode every bar sums to 100.
EnergyChartData energyChartData(const Evaluation& eval, const std::string& unit, bool percent);

/// Fill above which a buffer is shown as nearly full.
inline constexpr double kNearFullFraction = 0.9;

/// One buffer's use by data category against its capacity.
struct BufferUse {
    PerCategory<double> words{0, 0, 0}; ///< FIL, IFM, OFM words (per node for GBUF, per PE for REGF)
    double capacity = 0;                ///< words

    double used() const { return words[0] + words[1] + words[2]; }
    /// Used fraction of the capacity (0 without capacity).
    double fraction() const { return capacity > 0 ? used() / capacity : 0; }
    bool nearFull() const { return fraction() >= kNearFullFraction; }
};

/// GBUF and REGF use of one layer.
struct LayerOccupancy {
    std::string name;
    BufferUse gbuf;
    BufferUse regf;
};

/// Buffer occupancy per layer in scheduling order.
std::vector<LayerOccupancy> occupancyChartData(const Evaluation& eval);

/// The symbol of the dimension a partition type splits (report/vocabulary.h: K, P, N, C).
std::string_view parallelLetter(Parallel p);

/// A partition as text, top level first, trivial types left out, e.g. "output channels (K) 4x3 · batch (N) 2x2"
/// ("none" if 1 node).
std::string partitionText(const PartitionScheme& p);

/// A partition in short letters, top level first, e.g. "N2x4 K2x1 P4x1" ("1 node" if not partitioned).
std::string partitionShortText(const PartitionScheme& p);

/// What one node does for one layer.
struct NodeWork {
    PhyDim2 coord;                          ///< absolute node coordinate
    std::array<int, kNumParallels> block{}; ///< linear index per hierarchy level, top level (order[0]) first
    std::string label;                      ///< its partition index, e.g. "K2 N1" (empty when not partitioned)
    double share = 0;                       ///< fraction of the layer's work done on this node
};

/// One layer on its node region.
struct LayerAllocation {
    int layer = -1; ///< index into Evaluation::layers (also its colour index)
    std::string name;
    std::string partition; ///< partitionText()
    std::vector<NodeWork> nodes;
};

/// One spatial group: a node region running its layers one after another.
struct GroupAllocation {
    NodeRegion region;
    std::vector<LayerAllocation> layers; ///< temporal order
};

/// The node mesh of one segment.
struct SegmentAllocation {
    int segment = 0;
    PhyDim2 mesh; ///< node mesh of the architecture
    std::vector<GroupAllocation> groups;
    std::vector<PhyDim2> dramNodes; ///< nodes with a DRAM channel attached
};

/// The allocation of a segment (0-based); empty groups for an out-of-range segment.
SegmentAllocation allocationData(const Evaluation& eval, const Network& network, const Architecture& arch, int segment);

/// One layer's bar in the pipeline timeline (cycles from the start of the schedule).
struct TimelineBar {
    int layer = -1; ///< index into Evaluation::layers
    std::string name;
    int row = 0; ///< index into TimelineData::rows
    double start = 0;
    double done = 0;
    std::int64_t busy = 0; ///< the layer's own time, cycles
    /// When each batch group runs (start, end), staggered by the segment's critical time per group;
    /// one chunk covering [start, done] when the segment has one layer or is not pipelined by batch groups.
    std::vector<std::pair<double, double>> chunks;
};

/// A row of the timeline: one layer, on the node region of its spatial group.
struct TimelineRow {
    int segment = 0;
    int group = 0;     ///< spatial group in the segment
    std::string label; ///< e.g. "fc1 · S1.1 · 12 nodes" ("fc3 · 16 nodes" for one group)
};

/// A segment's span in the timeline.
struct TimelineSegment {
    double start = 0;
    double end = 0;
    int batchGroups = 1;
    std::int64_t criticalTime = 0; ///< longest group span, cycles (× batch groups: "_xb" units)
};

/// The Gantt chart of a schedule: segments run one after another, groups of a segment side by side,
/// one row per layer (layers of a temporal group share their group's nodes).
struct TimelineData {
    std::vector<TimelineRow> rows;
    std::vector<TimelineBar> bars;
    std::vector<TimelineSegment> segments;
    double end = 0; ///< Σ segment times, cycles
};

/// The timeline of an evaluation.
TimelineData timelineData(const Evaluation& eval);

/// Index of a layer in Evaluation::layers, -1 if absent.
int layerIndex(const Evaluation& eval, const std::string& name);

} // namespace kapla
