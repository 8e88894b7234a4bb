#pragma once
// Locations of the repository's data for tests (KAPLA_SOURCE_DIR is set by CMake).

#include <string>

namespace kapla::test {

inline std::string sourcePath(const std::string& rel) { return std::string(KAPLA_SOURCE_DIR) + "/" + rel; }

} // namespace kapla::test
