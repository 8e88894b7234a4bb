#pragma once
// Symbolic constraint arguments of a segment's layers (the reference's cstr_symargs / cstr_symvals,
// model spec §5.5), shared by the rule walk and the combination generator.

#include "cost/pipeline_segment.h"

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace kapla::segment_cstr {

/// The keyword arguments of SchedulingConstraintLayerPipeline that the rules set.
enum Arg { TopBat, TopIfm, TopOfm, FbIfm, FbOfm, NumArgs };

/// A concrete value (booleans as 0/1) or a named symbol.
struct Term {
    std::string symbol; ///< empty for a concrete value
    int value = 0;

    bool isSymbol() const { return !symbol.empty(); }
    bool operator==(const Term&) const = default;
};

/// A concrete term.
inline Term valueTerm(int v) { return {{}, v}; }
/// A symbolic term.
inline Term symbolTerm(std::string name) { return {std::move(name), 0}; }

/// The arguments of one layer; an absent argument keeps the constructor default (0 / False).
using LayerArgs = std::array<std::optional<Term>, NumArgs>;

/// Inputs of the rule walk besides the segment.
struct SymbolicInputs {
    const PipelineSegment* segment = nullptr;
    const Network* network = nullptr;
    double gbufWords = 0; ///< per node
};

/// The symbolic constraints after _init_sym_cstrs.
struct SymbolicSegment {
    bool valid = false;
    std::string reason;
    std::vector<std::vector<LayerArgs>> args;                  ///< per [sp][tm]
    std::vector<std::vector<std::optional<LayerId>>> lazyFrom; ///< update_dict source per [sp][tm]
    std::map<std::string, std::vector<int>> values; ///< free symbols (sorted by name) and their ascending values
    std::vector<int> criticalPath;
    int numSpFbs = 0;

    /// The arguments of the layer at `i`.
    LayerArgs& at(SchedIndex i) { return args[static_cast<std::size_t>(i.sp)][static_cast<std::size_t>(i.tm)]; }
};

/// The symbol shared by every layer of the segment for the top-level batch factor.
inline const std::string kTopBatSymbol = "topbat_shr";

/// Runs the rules, the simplification, the critical-path choice, the shared memory sources and
/// the lazy rule of _init_sym_cstrs on a valid segment.
SymbolicSegment initSymbolicConstraints(const SymbolicInputs& in);

} // namespace kapla::segment_cstr
