#pragma once
// What changed between the project a run solved and another project (usually the open one).

#include "model/project.h"

#include <string>
#include <vector>

namespace kapla {

/// One line per difference, from `before` to `after` ("GBUF 64 KiB → 32 KiB", "batch 16 → 8",
/// "layer conv2 changed"); empty when the two would solve the same problem. The project's name,
/// include paths, solver and thread count are not differences of the problem.
std::vector<std::string> projectDifferences(const Project& before, const Project& after);

} // namespace kapla
