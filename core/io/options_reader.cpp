#include "io/readers.h"
#include "model/limits.h"

#include <algorithm>
#include <cstdint>

namespace kapla::io {

namespace {

// A long name a user may write for a terse keyword (`energy` for goal `e`).
struct Alias {
    std::string_view name;
    std::string_view keyword;
};

template <typename E>
void readEnum(MapReader& m, ReadContext& ctx, std::string_view key, E& out, std::optional<E> (*parse)(std::string_view),
              std::vector<std::string_view> words, std::vector<Alias> aliases = {})
{
    const auto s = m.string(key, false);
    if (!s)
        return;
    if (const auto v = parse(*s)) {
        out = *v;
        return;
    }
    std::string msg = "expected " + listOf(words) + ", got '" + *s + "'";
    const auto alias = std::find_if(aliases.begin(), aliases.end(), [&](const Alias& a) { return a.name == *s; });
    if (alias != aliases.end())
        msg += "; did you mean `" + std::string(alias->keyword) + "` (" + std::string(alias->name) + ")?";
    else if (const auto hint = didYouMean(*s, words); !hint.empty())
        msg += "; did you mean `" + hint + "`?";
    ctx.error(m.node()[std::string(key)], m.keyPath(key), msg);
}

void readFlag(MapReader& m, std::string_view key, bool& out)
{
    if (const auto v = m.boolean(key, false))
        out = *v;
}

void readBypass(MapReader& m, ReadContext& ctx, std::array<bool, 3>& out)
{
    const YAML::Node n = m.field("gbuf_bypass");
    if (!n.IsDefined())
        return;
    if (!n.IsSequence() || n.size() != 3) {
        ctx.error(n, m.keyPath("gbuf_bypass"), "expected a list of three booleans [FIL, IFM, OFM]");
        return;
    }
    for (std::size_t i = 0; i < 3; ++i) {
        const std::string s = n[i].IsScalar() ? n[i].Scalar() : "";
        if (s != "true" && s != "false") {
            ctx.error(n[i], m.keyPath("gbuf_bypass") + "[" + std::to_string(i) + "]", "expected true or false");
            return;
        }
        out[i] = s == "true";
    }
}

} // namespace

std::optional<Options> readOptionsMap(ReadContext& ctx, const YAML::Node& node, const std::string& path)
{
    MapReader m(ctx, node, path,
                {"preset",
                 "goal",
                 "solver",
                 "mapping",
                 "refetch_rule",
                 "gbuf_bypass",
                 "solve_loopblocking",
                 "access_forwarding",
                 "gbuf_sharing",
                 "gbuf_save_writeback",
                 "partition_hybrid",
                 "partition_batch",
                 "partition_ifmaps",
                 "partition_interlayer",
                 "layer_pipeline_time_overhead",
                 "layer_pipeline_max_degree",
                 "layer_pipeline_opt",
                 "ntops",
                 "threads",
                 "frontier_pruning",
                 "seed",
                 "time_budget"});
    if (!m.valid())
        return std::nullopt;
    m.finish();
    const std::size_t before = ctx.diags.size();
    OptionsPreset preset = OptionsPreset::Default;
    readEnum(m, ctx, "preset", preset, presetFromKeyword, {"default", "inference", "training"});
    Options o = optionsPreset(preset);
    readEnum(m, ctx, "goal", o.goal, goalFromKeyword, {"e", "d", "ed"},
             {{"energy", "e"}, {"delay", "d"}, {"energy_delay", "ed"}, {"energy-delay", "ed"}, {"edp", "ed"}});
    readEnum(m, ctx, "solver", o.solver, solverFromKeyword, {"kapla", "exhaustive", "random", "ml"});
    readEnum(m, ctx, "mapping", o.mapping, mappingFromKeyword, {"eyeriss", "systolic"});
    readEnum(m, ctx, "refetch_rule", o.refetchRule, refetchRuleFromKeyword, {"kapla", "original"});
    readBypass(m, ctx, o.gbufBypass);
    readFlag(m, "solve_loopblocking", o.solveLoopblocking);
    readFlag(m, "access_forwarding", o.accessForwarding);
    readFlag(m, "gbuf_sharing", o.gbufSharing);
    readFlag(m, "gbuf_save_writeback", o.gbufSaveWriteback);
    readFlag(m, "partition_hybrid", o.partitionHybrid);
    readFlag(m, "partition_batch", o.partitionBatch);
    readFlag(m, "partition_ifmaps", o.partitionIfmaps);
    readFlag(m, "partition_interlayer", o.partitionInterlayer);
    readFlag(m, "layer_pipeline_opt", o.layerPipelineOpt);
    readFlag(m, "frontier_pruning", o.frontierPruning);
    if (const auto v = m.real("layer_pipeline_time_overhead", false, true))
        o.layerPipelineTimeOverhead = *v;
    if (const auto v = m.real("layer_pipeline_max_degree", false, true))
        o.layerPipelineMaxDegree = *v;
    if (const auto v = m.integer("ntops", false, 1, limits::kMaxTops))
        o.ntops = static_cast<int>(*v);
    if (const auto v = m.integer("threads", false, 0, limits::kMaxThreadsSetting))
        o.threads = static_cast<int>(*v);
    if (const auto v = m.integer("seed", false, 0))
        o.seed = static_cast<std::uint64_t>(*v);
    if (const auto v = m.real("time_budget", false))
        o.timeBudgetSeconds = *v;
    for (const auto& d : validateOptions(o))
        ctx.error(m.has(d.key) ? node[d.key] : node, m.keyPath(d.key), d.message);
    if (ctx.diags.size() != before)
        return std::nullopt;
    return o;
}

} // namespace kapla::io
