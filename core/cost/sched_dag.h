#pragma once
// The scheduling DAG of a network (vertices of fused layers in DFS topological order), its
// vertex segments, and the segment candidates built from them (model spec §5.1–§5.3).

#include "model/network.h"
#include "model/options.h"

#include <cstddef>
#include <cstdint>
#include <set>
#include <stop_token>
#include <vector>

namespace kapla {

/// A pipeline segment: spatial groups, each a list of layers time-multiplexed on one node sub-region.
using Segment = std::vector<std::vector<LayerId>>;

/// Vertex index standing for the network input and all external inputs in DAG prev/next sets.
inline constexpr int kMemoryVertex = -1;

/// True for the layer classes that start their own DAG vertex and time as "conv-like" in segment
/// timing: Conv/FC, their backward forms and the depthwise forms (KAPLA's extended class list).
bool isPipelineConvLike(const Layer& layer);

/// The scheduling DAG: vertices of layers in scheduling order with vertex-level dependencies.
struct SchedDag {
    std::vector<std::vector<LayerId>> vertices; ///< in DFS topological order
    std::vector<std::set<int>> prevs;           ///< per vertex; kMemoryVertex for input/externals
    std::vector<std::set<int>> nexts;           ///< per vertex (network outputs add nothing)
    std::set<int> memoryNexts;                  ///< vertices reading the input or an external
    std::vector<int> vertexOfLayer;             ///< vertex index per LayerId value

    /// The scheduling order of all layers: the vertices concatenated.
    std::vector<LayerId> orderedLayers() const;
};

/// Per layer id (its value): the layer's position in `order` (a scheduling order of `layerCount`
/// layers, as orderedLayers gives it).
std::vector<std::size_t> positionsInOrder(std::size_t layerCount, const std::vector<LayerId>& order);

/// Builds the DAG: merges non-conv layers into their producer's vertex where the merge rule
/// allows it, then orders the vertices by reversed DFS post-order from the first layers.
SchedDag buildSchedDag(const Network& network);

/// Runs of consecutive vertex indices worth co-scheduling, in the reference's DFS yield order
/// (rules 1–3 of §5.2; each start index is explored once). Runs longer than `maxVertices` are
/// left out without changing the order of the others, and never grown, so the work is linear in
/// the vertex count for a bounded `maxVertices`. On a stop request the list ends early.
std::vector<std::vector<int>> vertexSegments(const SchedDag& dag, std::size_t maxVertices = SIZE_MAX,
                                             const std::stop_token& stop = {});

/// The longest vertex run that can give a segment candidate under `options` on `nodes` processing
/// nodes: the max degree; without temporal segments also the node count (a spatial segment gives
/// every vertex a group of at least one node); without multi-vertex segments one vertex.
std::size_t longestUsefulRun(const Options& options, std::size_t numVertices, std::size_t nodes);

/// Segment candidates (§5.3 steps 1–2, before validity): every single-layer segment in network
/// order, then per vertex segment within the max degree the spatial candidate (if
/// partitionInterlayer and it has no more groups than `nodes`) and the temporal one (if
/// gbufSaveWriteback), equal ones only once. Empty on a stop request.
std::vector<Segment> segmentCandidates(const Network& network, const SchedDag& dag, const Options& options,
                                       std::size_t nodes = SIZE_MAX, const std::stop_token& stop = {});

} // namespace kapla
