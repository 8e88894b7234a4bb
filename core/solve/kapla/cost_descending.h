#pragma once
// KAPLA's bottom-up cost-descending rules (KAPLA spec §4.3–§4.4): spatial replication that divides
// the largest re-fetch first (fill_stack), and temporal block growth along the dims that reuse the
// re-fetched data (fill_regf_tensor / fill_gbuf_tensor).
//
// The rules work on a small "dim space": a few loop dims, each belonging to one nn_dataflow loop
// type (IFM, OFM, BAT), and per data category the bitmask of dims it depends on. The intra-layer
// solver uses the three aggregated loops of a nested-loop descriptor; the node-partition choice
// splits BAT into batch (N) and fmap rows (Y) so that both BATP and OFMP can be chosen.

#include "cost/cost_types.h"

#include <array>
#include <functional>
#include <vector>

namespace kapla::ksolve {

/// Most dims a dim space has (C, K, N, Y).
inline constexpr int kMaxDims = 4;

/// Per-dim integers (remaining counts or factors); unused dims stay 1.
using DimCounts = std::array<int, kMaxDims>;

/// All ones.
inline constexpr DimCounts kUnitDims{1, 1, 1, 1};

/// The dims of a layer's loop nest and which data categories depend on which dims.
struct DimSpace {
    int numDims = 3;                              ///< dims in use
    std::array<int, kMaxDims> loopOf{0, 1, 2, 2}; ///< loop type (IFM, OFM, BAT) of each dim
    PerCategory<unsigned> relevant{0, 0, 0};      ///< per category, bitmask of the dims it depends on
    int rwData = 2;                               ///< read-modify-write category (moved twice)

    /// Bitmask of every dim in use.
    unsigned allDims() const { return (1u << numDims) - 1u; }
    /// Dims a category does not depend on (loops that re-fetch it when outside it).
    unsigned irrelevant(int d) const { return allDims() & ~relevant[static_cast<std::size_t>(d)]; }
    /// Dims of one loop type.
    unsigned dimsOfLoop(int loop) const;
    /// The loop type at position 0 (innermost) of a per-loop order.
    static int innermostLoop(const PerLoop<int>& order);
};

/// The three aggregated loops of a descriptor (dims = IFM, OFM, BAT) with its data loops.
DimSpace loopDimSpace(const PerCategory<unsigned>& dataLoops, int rwData);

/// One replication step of fill_stack: factor `factor` of hardware axis `axis` (0 = w, 1 = h) on `dim`.
struct StackStep {
    int axis = 0;
    int dim = 0;
    int factor = 1;

    bool operator==(const StackStep&) const = default;
};

/// What fill_stack assigned.
struct StackFill {
    std::vector<StackStep> steps;                           ///< in assignment order
    std::array<DimCounts, 2> factors{kUnitDims, kUnitDims}; ///< per axis (w, h), product per dim
    std::array<int, 2> leftover{1, 1};                      ///< unused hardware factor per axis (w, h)

    /// Product of both axes' factors of a dim.
    int total(int dim) const
    {
        return factors[0][static_cast<std::size_t>(dim)] * factors[1][static_cast<std::size_t>(dim)];
    }
};

/// fill_stack (§4.3): spends the prime factors of each hardware axis (w first, then h) on the dims
/// whose replication divides the largest re-fetch. `sizes` are data words per category, `remain`
/// the counts still to cover (updated, ceiling-divided), `order` the loop order of the level
/// (0 = innermost), `allowed` the dims that may be replicated. Fixes the original's padding
/// fallback (divides the candidate's own category) and takes the exact irrelevant dims instead of
/// the `2 − d` shortcut (identical for convolutions).
StackFill fillStack(const DimSpace& space, const PerCategory<double>& sizes, DimCounts& remain, std::array<int, 2> hw,
                    const PerLoop<int>& order, unsigned allowed);

/// True if a tensor of the given per-dim block factors fits the level's buffers.
using TensorFits = std::function<bool(const DimCounts& factors)>;

/// fill_regf_tensor / fill_gbuf_tensor (§4.4): grows `factors` (the level's block, starting from the
/// current value) by exact divisors of `remain`. Phase A tries every combination of fitting divisors
/// of the dims irrelevant to the categories the innermost loop changes and keeps the one with the
/// least outer re-fetch; phase B then grows the innermost loop's dims by their smallest prime
/// factors while the block fits. Returns false (nothing changed) if the starting block does not fit.
bool fillTensor(const DimSpace& space, const PerCategory<double>& sizes, DimCounts& remain, DimCounts& factors,
                const PerLoop<int>& order, const TensorFits& fits);

/// Smallest prime factor of n (n itself if prime; 1 for n <= 1).
int smallestPrimeFactor(int n);

} // namespace kapla::ksolve
