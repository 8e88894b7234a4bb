#pragma once
// Two runs side by side: what differs in what was solved (architecture, options, network) next to
// what differs in what came out (totals, layers, energy components, segments, directives). Computed
// once here; the window, the exports and `kapla compare` only show it.

#include "cost/evaluation.h"
#include "run/run.h"
#include "util/diagnostic.h"

#include <array>
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kapla {

/// One quantity in run A and in run B.
struct ComparedValue {
    double a = 0;
    double b = 0;

    /// B − A: positive when B has more.
    double diff() const { return b - a; }
    /// B / A; NaN when A is 0.
    double ratio() const { return a != 0 ? b / a : std::numeric_limits<double>::quiet_NaN(); }
};

/// The kinds of a layer's directives that can differ between two schedules.
enum class DirectiveAspect {
    Partition, ///< how the layer is split over its nodes (and so how many nodes)
    Mapping,   ///< channels per pass on the PE array
    Blocking,  ///< the loop-blocking factors at the DRAM, GBUF and REGF levels
    LoopOrder, ///< the loop orders at the DRAM and GBUF levels
    BufferUse, ///< which data stay in the GBUF and how many words it holds per node
};
inline constexpr std::size_t kNumDirectiveAspects = 5;

/// "partition", "mapping", "blocking", "loop_order", "buffer_use" (the JSON/CSV keywords).
std::string_view directiveAspectKeyword(DirectiveAspect aspect);
/// "Partition", "Mapping", "Blocking", "Loop order", "Buffer use".
std::string_view directiveAspectLabel(DirectiveAspect aspect);

/// One directive of a layer that the two schedules set differently, as text of each.
struct DirectiveDifference {
    DirectiveAspect aspect = DirectiveAspect::Partition;
    std::string a;
    std::string b;
};

/// One layer in both runs, matched by name. A layer only one run scheduled has zeros in the other.
struct LayerComparison {
    std::string name;
    int indexA = -1; ///< into run A's evaluation layers, -1 when A has no such layer
    int indexB = -1;
    ComparedValue energy; ///< the layer's energy with its share of the static energy
    ComparedValue time;   ///< cycles
    std::array<ComparedValue, kEnergyComponentNames.size()> components{}; ///< kEnergyComponentNames order
    std::vector<DirectiveDifference> directives; ///< empty when both schedule it alike (or one lacks it)

    bool inBoth() const { return indexA >= 0 && indexB >= 0; }
};

/// The segments of one run: per segment its spatial groups, each a list of layers in temporal order.
using SegmentLayout = std::vector<std::vector<std::vector<std::string>>>;

/// The comparison of run A (the reference) with run B.
struct RunComparison {
    std::string labelA; ///< runLabel() of each
    std::string labelB;
    std::string energyUnit; ///< run A's; the input differences name a change of unit
    /// How B's problem differs from A's, one line each ("GBUF 32 KiB → 64 KiB"); the solver included
    /// when both runs are solves.
    std::vector<std::string> inputDifferences;
    /// What could not be compared and why, one sentence each (a side known only by its evaluation
    /// has no architecture or options to compare).
    std::vector<std::string> notCompared;
    ComparedValue energy;                                                 ///< network totals
    ComparedValue time;                                                   ///< cycles
    ComparedValue edp;                                                    ///< energy × time
    std::array<ComparedValue, kEnergyComponentNames.size()> components{}; ///< network breakdown
    std::vector<LayerComparison> layers; ///< A's scheduling order, then the layers only B has
    SegmentLayout segmentsA;
    SegmentLayout segmentsB;

    /// Indices into `layers`, the largest absolute energy difference first (ties: scheduling order).
    std::vector<std::size_t> layersByImpact() const;
    /// The number of layers whose directives differ.
    std::size_t layersWithDifferentDirectives() const;
};

/// Compares two runs; an error when either has no evaluated schedule.
Result<RunComparison> compareRuns(const Run& a, const Run& b);

/// One side of a comparison: a run with its evaluation, or an evaluation alone (read back from the
/// JSON a solve wrote, which names the network and batch but holds no architecture or options).
struct ComparedSide {
    std::string label;
    const Evaluation* evaluation = nullptr; ///< never null
    const Run* run = nullptr;               ///< null when only the evaluation is known
};

/// Compares two sides as compareRuns does; what a side without its run cannot tell is in notCompared.
RunComparison compareSides(const ComparedSide& a, const ComparedSide& b);

/// The comparison in one sentence, B against A: the change of energy and time, the components that
/// changed most, whether the segments differ and how many layers are scheduled differently.
std::string comparisonHeadline(const RunComparison& comparison);

/// A segment's groups as one line: groups side by side joined by " | ", a group's layers by ", ".
std::string segmentText(const std::vector<std::vector<std::string>>& groups);

} // namespace kapla
