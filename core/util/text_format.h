#pragma once
// Number formatting shared by the command line, the reports and the window.

#include <cstdint>
#include <string>

namespace kapla {

/// "1,234,567" grouping for readable counts.
std::string groupDigits(std::int64_t value);

} // namespace kapla
