#pragma once
// Counter-based random numbers: a value is a pure function of (seed, item keys), so sampled searches
// give the same choices whatever the thread count or the order in which items are visited.

#include <cstdint>
#include <string_view>

namespace kapla {

/// SplitMix64's finaliser: a bijective 64-bit mix with good avalanche.
constexpr std::uint64_t mixBits(std::uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

/// A stream derived from `stream` and one more key (order matters).
constexpr std::uint64_t deriveStream(std::uint64_t stream, std::uint64_t key)
{
    return mixBits(stream ^ mixBits(key + 0x632be59bd9b4e019ULL));
}

/// A stream derived from `stream` and a string key (FNV-1a of the text, then mixed).
constexpr std::uint64_t deriveStream(std::uint64_t stream, std::string_view key)
{
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (const char c : key)
        h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
    return deriveStream(stream, h);
}

/// A uniform double in [0, 1) for item `index` of `stream`.
constexpr double uniformAt(std::uint64_t stream, std::uint64_t index)
{
    return static_cast<double>(deriveStream(stream, index) >> 11) * 0x1.0p-53;
}

} // namespace kapla
