#pragma once
// The largest problem the program takes. Validation refuses anything beyond these (with the position
// of the offending value), so that whatever `validate` accepts evaluates and solves in bounded memory;
// docs/file-formats.md states each of them.

#include <cstddef>

namespace kapla::limits {

/// Nodes per side of the node mesh: the segment, allocation and NoC tables grow with the node count,
/// and the largest published meshes are 32x32.
inline constexpr int kMaxMeshSide = 64;
/// PEs per side of a node's PE array (real arrays are 8 to 32 per side).
inline constexpr int kMaxPeArraySide = 1024;
/// Largest coordinate (origin + (dim - 1) x dist, per axis) of an explicit DRAM region; its nodes are
/// enumerated, so its dimensions are bounded by the mesh side too.
inline constexpr int kMaxDramCoordinate = 1024;
/// Samples per batch: a layer's totals times the batch must stay within 64-bit counts.
inline constexpr int kMaxBatch = 65536;
/// MACs of a whole network times its batch: bounds every time and count of an evaluation well
/// within 64 bits (the largest zoo network at batch 64 needs 1.3e12).
inline constexpr double kMaxNetworkWork = 1e17;
/// Layers per network (real networks have a few hundred); checking names and chains grows with the
/// square of the count.
inline constexpr std::size_t kMaxLayers = 10000;
/// Entries in any one mapping or list of a file (a network's layer list is the longest real one).
inline constexpr std::size_t kMaxCollectionEntries = 10000;
/// The `threads` a file or the command line may ask for; more is surely a mistake.
inline constexpr int kMaxThreadsSetting = 1024;
/// Worker threads per hardware thread a solve actually starts; a request beyond it is capped.
inline constexpr int kThreadsPerCore = 4;
/// Best schedules kept per layer (`ntops`): the searches reserve room for that many.
inline constexpr int kMaxTops = 1000;
/// Energy of one event (a MAC, a word accessed, a hop, a cycle idle) in the file's energy unit: far
/// above any real cost in any unit, and low enough that the largest network's counts (kMaxNetworkWork)
/// times it stay finite in every total.
inline constexpr double kMaxEventEnergy = 1e30;
/// Bits per word.
inline constexpr int kMaxWordBits = 1024;

} // namespace kapla::limits
