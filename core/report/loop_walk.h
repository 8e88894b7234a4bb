#pragma once
// A scheduled layer's loop nest walked step by step: for an iteration of the innermost loop, the counter
// of every loop, the loop that advanced, the tile of each tensor every buffer level works on, and what
// each PE of the node's array holds under the layer's mapping. Coordinates are the node's own (the
// per-node layer of the partition).

#include "report/loop_scheme.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace kapla {

/// A half-open range [begin, end) of indices along one dimension.
struct IndexRange {
    int begin = 0;
    int end = 0;
    int size() const { return end > begin ? end - begin : 0; }
    bool operator==(const IndexRange&) const = default;
};

/// The block of one tensor a step touches. A dimension the tensor does not have stays empty: filters
/// have no samples, inputs no output channels, outputs no input channels.
struct TensorTile {
    IndexRange n;    ///< samples
    IndexRange c;    ///< input channels
    IndexRange k;    ///< output channels
    IndexRange rows; ///< filter rows (R), input rows or output rows (P)
    IndexRange cols; ///< filter columns (S), input columns or output columns (Q)
    bool operator==(const TensorTile&) const = default;
};

/// One step of the walk: one fold round of one array pass.
struct LoopStep {
    std::int64_t index = 0;
    std::vector<int> counters;          ///< each loop's counter, LoopScheme::loops() order
    std::optional<std::size_t> changed; ///< the outermost loop that advanced into this step (none at 0
                                        ///< and between the fold rounds of one pass)
    int foldRound = 0;                  ///< the pass's fold round (0 ..< LoopScheme::foldRounds)
    /// Per blocking level (DRAM, GBUF, REGF) and tensor (filters, inputs, outputs): at DRAM what one
    /// iteration brings into the GBUF, at GBUF what it brings into the REGFs, at REGF one array pass.
    std::array<PerCategory<TensorTile>, kNumBlockingLevels> tiles{};
    /// The whole per-node tensors the tiles are cut from.
    PerCategory<TensorTile> whole{};
};

/// Steps of the walk: the product of every blocking factor times the fold rounds of a pass (at least 1).
std::int64_t walkLength(const LoopScheme& scheme);

/// The filter rows fold round `round` of a row-stationary pass keeps (all of them for systolic).
IndexRange foldRoundRows(const LoopScheme& scheme, int round);

/// Step `index` (clamped to [0, walkLength)).
LoopStep walkStep(const LoopScheme& scheme, std::int64_t index);

/// What one PE works on during a step's array pass; an idle PE has copy -1 and no other field set.
struct PeWork {
    int copy = -1;          ///< which copy (replica) of the mapped PE set the PE belongs to
    int filterRow = -1;     ///< row stationary: the filter (or window) row it keeps in the step's fold round
    int outputRow = -1;     ///< the output row it produces (systolic: its output pixel's row)
    int outputCol = -1;     ///< systolic: its output pixel's column (row stationary: a whole row)
    int inputChannel = -1;  ///< the input channel its copy reads
    int outputChannel = -1; ///< the output channel it accumulates
    int sample = -1;        ///< the sample its copy works on
    bool operator==(const PeWork&) const = default;
};

/// Every PE of the node's array (row-major over LoopScheme::peArray) during `step`'s array pass.
/// Row stationary: the folded logical set (filter rows x output rows) per copy, copies taking input x
/// output channels, width folds laid over spare PE rows as the cost model's geometry does; fold round
/// j keeps filter rows j·flpeset.h onwards (the last round may leave PE rows idle). Systolic:
/// output pixels down, output channels across, copies taking samples (height) and input channels (width).
std::vector<PeWork> peWork(const LoopScheme& scheme, const LoopStep& step);

} // namespace kapla
