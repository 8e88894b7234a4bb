#include "model/options.h"

#include "model/limits.h"

#include <cmath>
#include <string>

namespace kapla {

Options optionsPreset(OptionsPreset preset)
{
    Options o;
    o.preset = preset;
    if (preset == OptionsPreset::Default)
        return o;
    // option_inference.json / option_training.json of the KAPLA repository.
    o.gbufSharing = true;
    o.partitionHybrid = true;
    o.partitionBatch = true;
    o.partitionIfmaps = true;
    o.layerPipelineTimeOverhead = 1e10;
    o.layerPipelineOpt = true;
    if (preset == OptionsPreset::Inference) {
        o.gbufSaveWriteback = true;
        o.partitionInterlayer = true;
        o.layerPipelineMaxDegree = 5;
    } else {
        o.layerPipelineMaxDegree = 1e10;
    }
    return o;
}

Diagnostics validateOptions(const Options& o)
{
    Diagnostics errs;
    if (o.solveLoopblocking && o.gbufSharing)
        errs.push_back(makeError("solve_loopblocking", "the loop-blocking solver cannot be used with gbuf_sharing"));
    if (o.accessForwarding && o.gbufSharing)
        errs.push_back(makeError("access_forwarding",
                                 "access_forwarding and gbuf_sharing are exclusive (sharing implies forwarding)"));
    if (o.solveLoopblocking && o.gbufSaveWriteback)
        errs.push_back(
            makeError("solve_loopblocking", "the loop-blocking solver cannot be used with gbuf_save_writeback"));
    if (o.partitionIfmaps && !o.partitionHybrid)
        errs.push_back(makeError("partition_ifmaps", "partition_ifmaps requires partition_hybrid: true"));
    if (!(o.layerPipelineTimeOverhead >= 0))
        errs.push_back(makeError("layer_pipeline_time_overhead", "must be a number >= 0 (or inf)"));
    if (!(o.layerPipelineMaxDegree >= 0))
        errs.push_back(makeError("layer_pipeline_max_degree", "must be a number >= 0 (or inf)"));
    if (o.ntops < 1 || o.ntops > limits::kMaxTops)
        errs.push_back(makeError("ntops", "must be between 1 and " + std::to_string(limits::kMaxTops) + ", got "
                                              + std::to_string(o.ntops)));
    if (o.threads < 0 || o.threads > limits::kMaxThreadsSetting)
        errs.push_back(makeError("threads", "must be between 0 (all cores) and "
                                                + std::to_string(limits::kMaxThreadsSetting) + ", got "
                                                + std::to_string(o.threads)));
    if (!(o.timeBudgetSeconds >= 0) || std::isinf(o.timeBudgetSeconds))
        errs.push_back(makeError("time_budget", "must be a number of seconds >= 0 (0 = no limit)"));
    return errs;
}

namespace {

template <typename E, std::size_t N>
std::optional<E> lookup(const std::array<std::pair<E, std::string_view>, N>& table, std::string_view s)
{
    for (const auto& [e, k] : table)
        if (k == s)
            return e;
    return std::nullopt;
}

template <typename E, std::size_t N>
std::string_view keyword(const std::array<std::pair<E, std::string_view>, N>& table, E e)
{
    for (const auto& [v, k] : table)
        if (v == e)
            return k;
    return {};
}

constexpr std::array<std::pair<Goal, std::string_view>, 3> kGoals{
    {{Goal::Energy, "e"}, {Goal::Delay, "d"}, {Goal::EnergyDelay, "ed"}}};
constexpr std::array<std::pair<SolverKind, std::string_view>, 4> kSolvers{{{SolverKind::Kapla, "kapla"},
                                                                           {SolverKind::Exhaustive, "exhaustive"},
                                                                           {SolverKind::Random, "random"},
                                                                           {SolverKind::Ml, "ml"}}};
constexpr std::array<std::pair<MappingKind, std::string_view>, 2> kMappings{
    {{MappingKind::Eyeriss, "eyeriss"}, {MappingKind::Systolic, "systolic"}}};
constexpr std::array<std::pair<RefetchRule, std::string_view>, 2> kRules{
    {{RefetchRule::Kapla, "kapla"}, {RefetchRule::Original, "original"}}};
constexpr std::array<std::pair<OptionsPreset, std::string_view>, 3> kPresets{{{OptionsPreset::Default, "default"},
                                                                              {OptionsPreset::Inference, "inference"},
                                                                              {OptionsPreset::Training, "training"}}};

} // namespace

std::string_view goalKeyword(Goal g) { return keyword(kGoals, g); }
std::optional<Goal> goalFromKeyword(std::string_view s) { return lookup(kGoals, s); }
std::string_view solverKeyword(SolverKind s) { return keyword(kSolvers, s); }
std::optional<SolverKind> solverFromKeyword(std::string_view s) { return lookup(kSolvers, s); }
std::string_view mappingKeyword(MappingKind m) { return keyword(kMappings, m); }
std::optional<MappingKind> mappingFromKeyword(std::string_view s) { return lookup(kMappings, s); }
std::string_view refetchRuleKeyword(RefetchRule r) { return keyword(kRules, r); }
std::optional<RefetchRule> refetchRuleFromKeyword(std::string_view s) { return lookup(kRules, s); }
std::string_view presetKeyword(OptionsPreset p) { return keyword(kPresets, p); }
std::optional<OptionsPreset> presetFromKeyword(std::string_view s) { return lookup(kPresets, s); }

} // namespace kapla
