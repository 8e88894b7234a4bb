#pragma once
// Search and model options (nn_dataflow's Option plus KAPLA Studio's solver and model switches).

#include "util/diagnostic.h"

#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <string_view>

namespace kapla {

/// What the search minimises: energy, delay, or their product.
enum class Goal { Energy, Delay, EnergyDelay };

/// Which search produces the schedule.
enum class SolverKind { Kapla, Exhaustive, Random, Ml };

/// PE-array mapping template.
enum class MappingKind { Eyeriss, Systolic };

/// REGF-level fetch of non-reusable data: KAPLA's rule, or the original nn_dataflow rule.
enum class RefetchRule { Kapla, Original };

/// Named starting points for the options (the KAPLA option files).
enum class OptionsPreset { Default, Inference, Training };

/// Every option field with nn_dataflow's meaning.
struct Options {
    OptionsPreset preset = OptionsPreset::Default; ///< the preset these values started from
    Goal goal = Goal::Energy;
    SolverKind solver = SolverKind::Kapla;
    MappingKind mapping = MappingKind::Eyeriss;
    RefetchRule refetchRule = RefetchRule::Kapla;
    std::array<bool, 3> gbufBypass{false, false, false}; ///< allow GBUF bypass per (FIL, IFM, OFM)
    bool solveLoopblocking = false;                      ///< analytical loop-blocking solver instead of exhaustive
    bool accessForwarding = false;                       ///< nodes fetch disjoint subsets and forward
    bool gbufSharing = false;                            ///< share GBUF capacity over the NoC (implies forwarding)
    bool gbufSaveWriteback = false;                      ///< temporal segments without write-back between layers
    bool partitionHybrid = false;                        ///< hybrid intra-layer partitioning
    bool partitionBatch = false;                         ///< allow batch partitioning
    bool partitionIfmaps = false;                        ///< allow input-channel partitioning (needs hybrid)
    bool partitionInterlayer = false;                    ///< allow spatial pipelining segments
    double layerPipelineTimeOverhead = std::numeric_limits<double>::infinity(); ///< max segment time overhead
    double layerPipelineMaxDegree = std::numeric_limits<double>::infinity();    ///< max vertices per segment
    bool layerPipelineOpt = true;                                               ///< optimised pipelining (with_opt)
    int ntops = 1;                                                              ///< beam width / kept tops
    /// Exhaustive search: skip a segment's constraint combinations dominated by one that already gave
    /// schedules (nn_dataflow); false tries every combination, as the KAPLA fork's exhaustive search.
    bool frontierPruning = true;
    int threads = 0; ///< worker threads; 0 = all cores
    /// Random and ML searches: the seed of their sampling (a seed gives the same schedule whatever the
    /// thread count) and the seconds after which they wind down and complete the best schedule found
    /// (0 = none). The default budget is a few times KAPLA's own time on the sample projects.
    std::uint64_t seed = 1;
    double timeBudgetSeconds = 10;

    bool operator==(const Options&) const = default;
};

/// The options of a preset (Default = nn_dataflow's Option() defaults).
Options optionsPreset(OptionsPreset preset);

/// Violations of the mutual-exclusion and range rules, each naming the option key.
Diagnostics validateOptions(const Options& options);

std::string_view goalKeyword(Goal g);
std::optional<Goal> goalFromKeyword(std::string_view s);
std::string_view solverKeyword(SolverKind s);
std::optional<SolverKind> solverFromKeyword(std::string_view s);
std::string_view mappingKeyword(MappingKind m);
std::optional<MappingKind> mappingFromKeyword(std::string_view s);
std::string_view refetchRuleKeyword(RefetchRule r);
std::optional<RefetchRule> refetchRuleFromKeyword(std::string_view s);
std::string_view presetKeyword(OptionsPreset p);
std::optional<OptionsPreset> presetFromKeyword(std::string_view s);

} // namespace kapla
