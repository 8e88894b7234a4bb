#pragma once
// A pair (h, w) used for node meshes, PE arrays, fmap sizes, strides and coordinates.

#include <cstdint>
#include <cstdlib>
#include <string>

namespace kapla {

/// A 2-D quantity (height, width); arithmetic is element-wise.
struct PhyDim2 {
    int h = 0;
    int w = 0;

    constexpr std::int64_t size() const { return static_cast<std::int64_t>(h) * w; }
    constexpr PhyDim2 operator+(PhyDim2 o) const { return {h + o.h, w + o.w}; }
    constexpr PhyDim2 operator-(PhyDim2 o) const { return {h - o.h, w - o.w}; }
    constexpr PhyDim2 operator*(PhyDim2 o) const { return {h * o.h, w * o.w}; }
    constexpr bool operator==(const PhyDim2&) const = default;
    constexpr auto operator<=>(const PhyDim2&) const = default;
    std::string toString() const { return std::to_string(h) + "x" + std::to_string(w); }
};

/// Manhattan distance between two node coordinates.
constexpr int hopDist(PhyDim2 a, PhyDim2 b) { return std::abs(a.h - b.h) + std::abs(a.w - b.w); }

/// Data categories; the integer values index per-category arrays (FIL, IFM, OFM).
enum class DataCategory { Fil = 0, Ifm = 1, Ofm = 2 };
inline constexpr int kNumDataCategories = 3;

/// Memory hierarchy levels; the integer values index per-level arrays (DRAM, GBUF, ITCN, REGF).
enum class MemLevel { Dram = 0, Gbuf = 1, Itcn = 2, Regf = 3 };
inline constexpr int kNumMemLevels = 4;

/// Loops of the nested-loop description; the integer values index per-loop arrays.
enum class LoopDim { Ifm = 0, Ofm = 1, Bat = 2 };
inline constexpr int kNumLoops = 3;

} // namespace kapla
