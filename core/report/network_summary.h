#pragma once
// Human- and machine-readable summaries of a network and an architecture (`kapla show`).

#include "model/architecture.h"
#include "model/network.h"
#include "model/options.h"

#include <nlohmann/json.hpp>

#include <string>

namespace kapla {

/// One row of the layer table: shapes, operations and data sizes of a layer for batch 1.
struct LayerSummary {
    std::string name;
    std::string type;      ///< file-format keyword
    std::string typeLabel; ///< short table label
    int nifm = 0;
    int nofm = 0;
    PhyDim2 sifm;
    PhyDim2 sofm;
    PhyDim2 sfil;
    PhyDim2 strd;
    std::string prevs;           ///< comma-separated producer names
    std::int64_t macs = 0;       ///< per sample
    std::int64_t ifmapWords = 0; ///< per sample
    std::int64_t ofmapWords = 0; ///< per sample
    std::int64_t filterWords = 0;
};

/// The layer rows of a network in insertion order.
std::vector<LayerSummary> summarizeLayers(const Network& network);

/// A fixed-width text table of the layers with a total line.
std::string layerTable(const Network& network);

/// A few lines describing an architecture (mesh, PEs, buffers, bandwidths, energies).
std::string architectureText(const Architecture& arch);

/// A few lines naming the search and model options a solve would use (preset, goal, solver and
/// its pruning, mapping, partitioning and pipelining switches).
std::string optionsText(const Options& options);

/// The same as JSON, with the options file's keys.
nlohmann::json optionsJson(const Options& options);

/// JSON with `network`, `layers[]` and `total_macs_per_sample`.
nlohmann::json networkJson(const Network& network);

/// JSON description of a resolved architecture.
nlohmann::json architectureJson(const Architecture& arch);

} // namespace kapla
