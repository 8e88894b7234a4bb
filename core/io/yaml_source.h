#pragma once
// Internal to core/io: guarded YAML parsing and typed, position-aware field reading.

#include "model/phy_dim2.h"
#include "util/diagnostic.h"

#include <yaml-cpp/yaml.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kapla::io {

/// Files larger than this are refused before parsing: yaml-cpp needs ~90 bytes of memory and ~0.7 µs per
/// input byte, and the largest real file (a 229-layer network or its schedule) is under 100 KiB.
inline constexpr std::size_t kMaxFileBytes = 4u * 1024u * 1024u;
/// Largest integer a size or count key takes unless the key says otherwise (counts of a search's
/// evaluations go beyond it).
inline constexpr long long kMaxFileInteger = 1'000'000'000LL;
/// Deepest flow/block nesting accepted; real files need fewer than 10 levels.
inline constexpr int kMaxNesting = 64;

/// The diagnostics sink and file name shared by all readers of one file.
struct ReadContext {
    std::string file;
    Diagnostics diags;
    /// The text being read (set by parseYamlText), to count columns in characters as editors do.
    std::shared_ptr<const std::string> text;

    void error(const YAML::Node& at, std::string key, std::string message);
    void error(const YAML::Mark& at, std::string key, std::string message);
    /// A problem that does not stop the file from loading.
    void warning(const YAML::Node& at, std::string key, std::string message);
    bool failed() const { return hasErrors(diags); }
};

/// Reads, guards (size, binary data, nesting) and parses a YAML document; null node on error.
YAML::Node parseYamlText(const std::string& text, ReadContext& ctx);
/// Reads a file and parses it; null node on error (with a diagnostic).
YAML::Node parseYamlFile(const std::string& path, ReadContext& ctx);

/// A mapping being read: fields are looked up by key, unknown keys are reported on finish().
class MapReader
{
public:
    MapReader(ReadContext& ctx, const YAML::Node& node, std::string path, std::vector<std::string_view> allowed);

    bool valid() const { return m_valid; }
    const YAML::Node& node() const { return m_node; }
    /// The value node of `key`, or a null node if absent (an error if `required`).
    YAML::Node field(std::string_view key, bool required = false);
    bool has(std::string_view key) const;
    std::string keyPath(std::string_view key) const;

    std::optional<long long> integer(std::string_view key, bool required, long long min = 1,
                                     long long max = kMaxFileInteger);
    std::optional<double> real(std::string_view key, bool required, bool allowInf = false);
    std::optional<bool> boolean(std::string_view key, bool required);
    std::optional<std::string> string(std::string_view key, bool required);
    /// An int (square) or a [h, w] pair of ints >= min.
    std::optional<PhyDim2> dim2(std::string_view key, bool required, int min = 1);

    /// Reports every key not in the allowed list, with a did-you-mean where one is close.
    void finish();

private:
    ReadContext& m_ctx;
    YAML::Node m_node;
    std::string m_path;
    std::vector<std::string_view> m_allowed;
    bool m_valid = false;
};

/// Scalar conversions with an error naming the key and the expectation.
std::optional<long long> toInteger(ReadContext& ctx, const YAML::Node& n, const std::string& key, long long min,
                                   long long max = kMaxFileInteger);
std::optional<double> toReal(ReadContext& ctx, const YAML::Node& n, const std::string& key, bool allowInf);
std::optional<PhyDim2> toDim2(ReadContext& ctx, const YAML::Node& n, const std::string& key, int min);

/// The closest allowed word to `word` if it is a plausible typo, else empty.
std::string didYouMean(std::string_view word, const std::vector<std::string_view>& allowed);

/// "a, b or c" for error messages.
std::string listOf(const std::vector<std::string_view>& words);

} // namespace kapla::io
