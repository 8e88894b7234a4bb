#pragma once
// Number formatting shared by the command line, the reports and the window.

#include <cstdint>
#include <string>

namespace kapla {

/// "1,234,567" grouping for readable counts.
std::string groupDigits(std::int64_t value);

/// Whole numbers as integers, others as the shortest text that reads back as the same double.
std::string shortestNumber(double value);

/// A CSV field: as is, or quoted (quotes doubled) when it holds a comma, a quote or a line break.
std::string csvField(const std::string& text);

} // namespace kapla
