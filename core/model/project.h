#pragma once
// A project: the network, the architecture and the options of one exploration, and the batch.

#include "model/architecture.h"
#include "model/network.h"
#include "model/options.h"

#include <string>

namespace kapla {

/// Everything a solve needs, as loaded from a project file (its saved runs are kept beside it: io::ProjectFile).
struct Project {
    std::string name;
    int batch = 1;
    Network network;
    ArchitectureSpec architecture;
    Options options;
    /// Paths the project file included its parts from (as written, relative to it); empty when inline.
    std::string networkPath;
    std::string architecturePath;
    std::string optionsPath;

    bool operator==(const Project&) const = default;
};

} // namespace kapla
