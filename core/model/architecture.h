#pragma once
// The multi-node accelerator: node mesh, per-node PE array and buffers, DRAM placement, energies.

#include "model/node_region.h"
#include "model/phy_dim2.h"
#include "util/diagnostic.h"

#include <array>
#include <limits>
#include <optional>
#include <string>
#include <variant>

namespace kapla {

inline constexpr double kUnlimited = std::numeric_limits<double>::infinity();

/// Where DRAM attaches: the four mesh corners (2D) or a vault on every node (3D).
enum class MemType { TwoD, ThreeD };

/// Energy per event, in the architecture's energy unit.
struct EnergyCosts {
    double mac = 1.0;                                       ///< per MAC
    std::array<double, kNumMemLevels> access{200, 6, 2, 1}; ///< per word access (DRAM, GBUF, ITCN, REGF)
    double nocHop = 10.0;                                   ///< per word per hop
    double idle = 0.0;                                      ///< static energy of all nodes per cycle

    bool operator==(const EnergyCosts&) const = default;
};

/// An explicit DRAM region overriding the mem-type placement (e.g. one node at (0,0)).
struct DramRegionSpec {
    PhyDim2 dim{1, 1};
    PhyDim2 origin{0, 0};
    PhyDim2 dist{1, 1};

    bool operator==(const DramRegionSpec&) const = default;
};

/// Hardware given by explicit parameters, as the original nn_dataflow tool takes them.
struct ExplicitHardware {
    PhyDim2 nodes{1, 1};
    PhyDim2 peArray{16, 16};
    int wordBits = 16;
    double gbufWords = 65536;          ///< words per node
    double regfWords = 256;            ///< words per PE
    double arrayBusWidth = kUnlimited; ///< words per cycle per data category
    double dramBandwidth = kUnlimited; ///< words per cycle, whole chip
    MemType memType = MemType::TwoD;
    std::optional<DramRegionSpec> dramRegion;
    EnergyCosts energy;

    bool operator==(const ExplicitHardware&) const = default;
};

/// KAPLA's hardware description (its JSON files), converted with KAPLA's derating rules.
struct KaplaHardware {
    int wordBit = 16;
    double opCost = 0;
    double dramAccessCost = 0;
    double dramBandwidth = 0; ///< bytes per cycle
    int dramBusWidth = 0;     ///< bits; also sets the array bus width
    long long gbufSizeBytes = 0;
    PhyDim2 gbufArray{1, 1}; ///< node mesh
    double gbufAccessCost = 0;
    double hopCost = 0;
    double idleCost = 0;
    MemType memType = MemType::TwoD;
    double itcnAccessCost = 0;
    long long regfSizeBytes = 0;
    PhyDim2 regfArray{1, 1}; ///< PE array
    double regfAccessCost = 0;

    bool operator==(const KaplaHardware&) const = default;
};

/// An architecture as a user describes it (kept for saving it back the same way).
struct ArchitectureSpec {
    std::string name;
    std::string energyUnit = "unit";
    std::variant<ExplicitHardware, KaplaHardware> hardware;

    bool operator==(const ArchitectureSpec&) const = default;
};

/// The resolved architecture the cost model works with (sizes in words, may be fractional).
struct Architecture {
    std::string name;
    std::string energyUnit;
    PhyDim2 nodes;
    PhyDim2 peArray;
    int wordBits = 16;
    double gbufWords = 0;
    double regfWords = 0;
    double arrayBusWidth = kUnlimited;
    double dramBandwidth = kUnlimited;
    MemType memType = MemType::TwoD;
    NodeRegion procRegion;
    NodeRegion dramRegion;
    EnergyCosts energy;
    bool fromKaplaHardware = false; ///< sizes carry KAPLA's 0.99 derating

    /// Bytes per word, rounded up.
    int wordBytes() const { return (wordBits + 7) / 8; }
};

/// Converts and checks a spec; errors name the key and the offending value.
Result<Architecture> resolveArchitecture(const ArchitectureSpec& spec);

/// The DRAM region implied by a mem type on a node mesh (corners for 2D, every node for 3D).
NodeRegion dramRegionFor(MemType type, PhyDim2 nodes);

} // namespace kapla
