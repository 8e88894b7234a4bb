#pragma once
// Value types shared by the cost model: fmap ranges, per-layer resources, nested-loop descriptors
// and loop-blocking specifications (model spec §2.3, §4.3, §4.5, §4.6).

#include "model/node_region.h"
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

/// What one layer is scheduled on (model spec §2.3).
struct Resource {
    NodeRegion procRegion;     ///< nodes running the layer
    NodeRegion dramRegion;     ///< DRAM nodes (every one can supply filters)
    NodeRegion srcDataRegion;  ///< where the ifmaps live (DRAM, or a PROC region when forwarded)
    NodeRegion dstDataRegion;  ///< where the ofmaps go
    PhyDim2 dimArray;          ///< PE array per node
    double sizeGbuf = 0;       ///< words per node
    double sizeRegf = 0;       ///< words per PE
    double arrayBusWidth = 0;  ///< words per cycle per category (inf = unlimited)
    double dramBandwidth = 0;  ///< words per cycle (inf = unlimited)
    bool noTimeMux = false;    ///< whole network spatially mapped: filters may be pinned
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

/// Loop-blocking factors and orders: tvals[level][loop], orders[level][loop] = position (0 = innermost).
struct BlockingSpec {
    std::array<PerLoop<int>, 3> tvals{{{1, 1, 1}, {1, 1, 1}, {1, 1, 1}}};
    std::array<PerLoop<int>, 2> orders{{{0, 1, 2}, {0, 1, 2}}};

    bool operator==(const BlockingSpec&) const = default;
};

} // namespace kapla
