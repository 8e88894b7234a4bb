#pragma once
// Parsing helpers shared by the kapla-bench modes.

#include <charconv>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace kapla::bench {

/// The non-negative number `text` is, or an invalid_argument naming `option`.
template <typename T>
T parseNumber(const std::string& option, const std::string& text)
{
    T v{};
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || ptr != text.data() + text.size() || v < T{})
        throw std::invalid_argument(option + ": expected a non-negative number, got '" + text + "'");
    return v;
}

/// The items of a comma-separated list.
inline std::vector<std::string> splitList(const std::string& list)
{
    std::vector<std::string> out;
    std::stringstream ss(list);
    for (std::string item; std::getline(ss, item, ',');)
        out.push_back(item);
    return out;
}

} // namespace kapla::bench
