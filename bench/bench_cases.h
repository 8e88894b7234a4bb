#pragma once
// The cases of kapla-bench: projects built from a YAML cases file (network, batch, architecture,
// options preset or file, optional name), each with a key that changes when its content changes.

#include "model/project.h"
#include "util/diagnostic.h"

#include <string>
#include <vector>

namespace kapla::bench {

/// One benchmark case: a complete project and the key its cached results are stored under.
struct BenchCase {
    std::string name;
    Project project;
    std::string contentHash; ///< 16 hex digits of the project with every part inlined
};

/// Loads a cases file (read by io::loadBenchCasesFile); diagnostics name the file, line and column.
Result<std::vector<BenchCase>> loadCases(const std::string& path);

} // namespace kapla::bench
