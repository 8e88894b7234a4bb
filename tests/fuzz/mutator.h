#pragma once
// Deterministic mutations of YAML input text, the kinds of damage users and tools do to files: the
// same (text, seed) always gives the same mutant, so any case of a run can be replayed alone.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kapla::fuzz {

/// SplitMix64: small, fast, and the same on every platform and compiler.
class Rng
{
public:
    explicit Rng(std::uint64_t seed)
        : m_state(seed)
    {
    }
    std::uint64_t next();
    /// Uniform in [0, n); 0 when n is 0.
    std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(next() % n); }
    bool chance(int percent) { return below(100) < static_cast<std::size_t>(percent); }

private:
    std::uint64_t m_state;
};

/// What a mutation does to the text.
enum class MutationKind {
    HugeNumber,     ///< a number becomes 1e308, 2^31, 99999999999, 1e-17 ...
    NegativeNumber, ///< a number becomes -1, -0, -1e9
    NotANumber,     ///< a number becomes nan, .nan, inf
    ZeroNumber,     ///< a number becomes 0 or 0.0
    DeleteLine,     ///< a key (or list item) disappears
    DuplicateLine,  ///< a key (or list item) appears twice
    WrongType,      ///< a value becomes a list, a mapping, a text or a boolean
    Truncate,       ///< the file ends early
    NastyName,      ///< quotes, control characters or a NUL byte in a text value
    DeepNesting,    ///< a value becomes [[[...]]] or {a: {a: ...}} many levels deep
    ManyKeys,       ///< a mapping or list gets thousands of entries
    SwapLines,      ///< two lines trade places
    Indentation,    ///< a line moves left or right
    NearbyNumber,   ///< a number is doubled, halved or incremented (mostly still valid)
    LimitNumber,    ///< a number becomes a value at or just past a stated limit (64, 65, 65536 ...)
};

inline constexpr int kNumMutationKinds = 15;

/// The keyword of a mutation kind, for reports.
std::string_view mutationName(MutationKind kind);

/// Applies one mutation of `kind` to `text` (a no-op when the text offers nothing to mutate, e.g.
/// no number); returns a one-line description of what changed.
std::string mutate(std::string& text, MutationKind kind, Rng& rng);

/// Applies 1 (most often), 2 or 3 mutations of random kinds; their descriptions, in order.
std::vector<std::string> mutateRandomly(std::string& text, Rng& rng);

} // namespace kapla::fuzz
