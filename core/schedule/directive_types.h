#pragma once
// The value types a schedule is written in: parallelism kinds, per-category/loop/level arrays, fmap
// ranges and loop-blocking specifications (model spec §4.2, §4.3, §4.6).

#include "model/phy_dim2.h"

#include <array>
#include <cstdint>

namespace kapla {

/// Parallelism types of a partition; the integer values index per-type arrays.
enum class Parallel { Outp = 0, Ofmp = 1, Batp = 2, Inpp = 3 };
inline constexpr int kNumParallels = 4;

/// Per-category array (FIL, IFM, OFM).
template <typename T>
using PerCategory = std::array<T, kNumDataCategories>;
/// Per-loop array (IFM, OFM, BAT).
template <typename T>
using PerLoop = std::array<T, kNumLoops>;
/// Per-level array (DRAM, GBUF, ITCN, REGF).
template <typename T>
using PerLevel = std::array<T, kNumMemLevels>;

/// A half-open range of a batched fmap over (b, n, h, w).
struct FmapRange {
    std::array<int, 4> beg{0, 0, 0, 0};
    std::array<int, 4> end{0, 0, 0, 0};

    /// Number of elements (0 if any extent is empty).
    std::int64_t size() const;
    /// Elements shared with another range (inline: the hop counts call it in their innermost loops).
    std::int64_t overlapSize(const FmapRange& o) const
    {
        std::int64_t s = 1;
        for (std::size_t i = 0; i < 4; ++i) {
            const int len = (end[i] < o.end[i] ? end[i] : o.end[i]) - (beg[i] > o.beg[i] ? beg[i] : o.beg[i]);
            if (len <= 0)
                return 0;
            s *= len;
        }
        return s;
    }
    bool empty() const { return size() == 0; }
    bool operator==(const FmapRange&) const = default;
    auto operator<=>(const FmapRange&) const = default;
};

/// Loop-blocking factors and orders: tvals[level][loop], orders[level][loop] = position (0 = innermost).
struct BlockingSpec {
    std::array<PerLoop<int>, 3> tvals{{{1, 1, 1}, {1, 1, 1}, {1, 1, 1}}};
    std::array<PerLoop<int>, 2> orders{{{0, 1, 2}, {0, 1, 2}}};

    bool operator==(const BlockingSpec&) const = default;
};

} // namespace kapla
