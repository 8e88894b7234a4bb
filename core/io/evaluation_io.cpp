#include "io/evaluation_io.h"

#include "io/readers.h"
#include "io/yaml_source.h"

#include <limits>

namespace kapla::io {

namespace {

// JSON is YAML: the file is read by the YAML readers, so that every error has its line and column.

constexpr long long kMaxCount = std::numeric_limits<long long>::max();

std::string indexed(const std::string& path, std::size_t i) { return path + "[" + std::to_string(i) + "]"; }

// A list under `key` (an error, and no items, when it is something else).
std::vector<YAML::Node> listField(ReadContext& ctx, MapReader& m, std::string_view key)
{
    const YAML::Node n = m.field(key, true);
    if (!n.IsDefined())
        return {};
    if (!n.IsSequence()) {
        ctx.error(n, m.keyPath(key), "expected a list");
        return {};
    }
    return {n.begin(), n.end()};
}

EnergyBreakdown readBreakdown(ReadContext& ctx, const YAML::Node& node, const std::string& path)
{
    MapReader m(ctx, node, path, {"op", "dram", "gbuf", "itcn", "regf", "noc", "static"});
    EnergyBreakdown b;
    if (!m.valid())
        return b;
    m.finish();
    double* parts[] = {&b.op, &b.dram, &b.gbuf, &b.itcn, &b.regf, &b.noc, &b.stat};
    for (std::size_t i = 0; i < kEnergyComponentNames.size(); ++i)
        *parts[i] = m.real(kEnergyComponentNames[i], true).value_or(0);
    return b;
}

// {fil, ifm, ofm} words.
PerCategory<double> readWords(ReadContext& ctx, const YAML::Node& node, const std::string& path)
{
    MapReader m(ctx, node, path, {"fil", "ifm", "ofm"});
    PerCategory<double> out{0, 0, 0};
    if (!m.valid())
        return out;
    m.finish();
    const char* keys[] = {"fil", "ifm", "ofm"};
    for (std::size_t d = 0; d < 3; ++d)
        out[d] = m.real(keys[d], true).value_or(0);
    return out;
}

// What the comparison reads of a buffer: {words: {fil, ifm, ofm}, capacity}.
void readBuffer(ReadContext& ctx, const YAML::Node& node, const std::string& path, PerCategory<double>& words,
                double& capacity)
{
    MapReader m(ctx, node, path, {"words", "capacity"});
    if (!m.valid())
        return;
    m.finish();
    if (const YAML::Node w = m.field("words", true); w.IsDefined())
        words = readWords(ctx, w, m.keyPath("words"));
    capacity = m.real("capacity", true).value_or(0);
}

NodeRegion readRegion(ReadContext& ctx, const YAML::Node& node, const std::string& path)
{
    MapReader m(ctx, node, path, {"dim", "origin", "nodes"});
    if (!m.valid())
        return {};
    m.finish();
    const PhyDim2 dim = m.dim2("dim", true).value_or(PhyDim2{1, 1});
    const PhyDim2 origin = m.dim2("origin", true, 0).value_or(PhyDim2{0, 0});
    return NodeRegion::make(dim, origin, NodeRegion::Type::Proc);
}

void readLayerDirectives(ReadContext& ctx, MapReader& m, LayerEvaluation& l)
{
    if (const YAML::Node r = m.field("region", true); r.IsDefined())
        l.region = readRegion(ctx, r, m.keyPath("region"));
    if (const YAML::Node p = m.field("partition", true); p.IsDefined())
        if (const auto part = readPartition(ctx, p, m.keyPath("partition")))
            l.partition = *part;
    if (const YAML::Node map = m.field("mapping", true); map.IsDefined()) {
        MapReader mm(ctx, map, m.keyPath("mapping"), {"ifms", "ofms"});
        if (mm.valid()) {
            mm.finish();
            l.replIfms = static_cast<int>(mm.integer("ifms", true).value_or(1));
            l.replOfms = static_cast<int>(mm.integer("ofms", true).value_or(1));
        }
    }
    if (const YAML::Node b = m.field("blocking", true); b.IsDefined()) {
        MapReader mb(ctx, b, m.keyPath("blocking"), {"tvals", "orders"});
        if (mb.valid()) {
            mb.finish();
            if (const auto t = readTvals(ctx, mb.field("tvals", true), mb.keyPath("tvals")))
                l.blocking.tvals = *t;
            if (const YAML::Node o = mb.field("orders", true); o.IsDefined())
                if (const auto ord = readOrders(ctx, o, mb.keyPath("orders")))
                    l.blocking.orders = *ord;
        }
    }
    if (const YAML::Node occ = m.field("buffer_occupancy", true); occ.IsDefined()) {
        MapReader mo(ctx, occ, m.keyPath("buffer_occupancy"), {"gbuf", "regf"});
        if (mo.valid()) {
            mo.finish();
            if (const YAML::Node g = mo.field("gbuf", true); g.IsDefined())
                readBuffer(ctx, g, mo.keyPath("gbuf"), l.gbufOccupancy, l.gbufCapacity);
            if (const YAML::Node r = mo.field("regf", true); r.IsDefined())
                readBuffer(ctx, r, mo.keyPath("regf"), l.regfOccupancy, l.regfCapacity);
        }
    }
    const std::vector<YAML::Node> stored = listField(ctx, m, "stored_in_gbuf");
    if (stored.size() == 3) {
        for (std::size_t d = 0; d < 3; ++d)
            l.storedInGbuf[d] = stored[d].IsScalar() && stored[d].Scalar() == "true";
    } else if (m.has("stored_in_gbuf")) {
        ctx.error(m.field("stored_in_gbuf"), m.keyPath("stored_in_gbuf"), "expected three booleans [fil, ifm, ofm]");
    }
}

LayerEvaluation readLayer(ReadContext& ctx, const YAML::Node& node, const std::string& path)
{
    // The keys evaluationJson writes; the ones not listed in the comparison are read as present.
    MapReader
        m(ctx, node, path,
          {"name",     "segment",          "sched_seq",     "energy",    "breakdown",    "time",   "proc_time",
           "bus_time", "dram_time",        "start_time",    "done_time", "batch_groups", "ops",    "nodes",
           "region",   "partition",        "mapping",       "blocking",  "fetch",        "access", "remote_gbuf_access",
           "noc_hops", "buffer_occupancy", "stored_in_gbuf"});
    LayerEvaluation l;
    if (!m.valid())
        return l;
    m.finish();
    l.name = m.string("name", true).value_or("");
    l.segment = static_cast<int>(m.integer("segment", true, 0).value_or(0));
    l.cost = m.real("energy", true).value_or(0);
    if (const YAML::Node b = m.field("breakdown", true); b.IsDefined())
        l.energy = readBreakdown(ctx, b, m.keyPath("breakdown"));
    l.time = m.integer("time", true, 0, kMaxCount).value_or(0);
    l.ops = m.real("ops", false).value_or(0);
    l.startTime = m.integer("start_time", false, 0, kMaxCount).value_or(0);
    l.doneTime = m.integer("done_time", false, 0, kMaxCount).value_or(0);
    readLayerDirectives(ctx, m, l);
    return l;
}

SegmentEvaluation readSegment(ReadContext& ctx, const YAML::Node& node, const std::string& path)
{
    MapReader m(ctx, node, path,
                {"layers", "nodes", "regions", "time", "critical_time", "node_time", "dram_time", "time_overhead",
                 "start_time", "batch_groups"});
    SegmentEvaluation s;
    if (!m.valid())
        return s;
    m.finish();
    const std::vector<YAML::Node> groups = listField(ctx, m, "layers");
    for (std::size_t g = 0; g < groups.size(); ++g) {
        if (!groups[g].IsSequence()) {
            ctx.error(groups[g], indexed(m.keyPath("layers"), g), "expected a list of layer names");
            continue;
        }
        std::vector<std::string> names;
        for (const YAML::Node& n : groups[g])
            names.push_back(n.IsScalar() ? n.Scalar() : std::string());
        s.groups.push_back(std::move(names));
    }
    s.time = m.integer("time", true, 0, kMaxCount).value_or(0);
    s.batchGroups = static_cast<int>(m.integer("batch_groups", false).value_or(1));
    return s;
}

Evaluation readTotals(ReadContext& ctx, const YAML::Node& node, const std::string& path)
{
    MapReader m(ctx, node, path, {"energy", "time", "ops", "breakdown", "accesses", "noc_hops"});
    Evaluation e;
    if (!m.valid())
        return e;
    m.finish();
    e.totalCost = m.real("energy", true).value_or(0);
    e.totalTime = m.integer("time", true, 0, kMaxCount).value_or(0);
    e.totalOps = m.real("ops", false).value_or(0);
    e.totalNocHops = m.real("noc_hops", false).value_or(0);
    if (const YAML::Node b = m.field("breakdown", true); b.IsDefined())
        e.breakdown = readBreakdown(ctx, b, m.keyPath("breakdown"));
    return e;
}

} // namespace

std::optional<EvaluationFile> readEvaluationRoot(ReadContext& ctx, const YAML::Node& root)
{
    MapReader top(ctx, root, "",
                  {"network", "batch", "solver", "energy_unit", "total", "segments", "layers", "search"});
    if (!top.valid())
        return std::nullopt;
    top.finish();
    EvaluationFile file;
    if (const YAML::Node total = top.field("total", true); total.IsDefined())
        file.evaluation = readTotals(ctx, total, "total");
    Evaluation& e = file.evaluation;
    e.network = top.string("network", true).value_or("");
    e.batch = static_cast<int>(top.integer("batch", true).value_or(1));
    e.energyUnit = top.string("energy_unit", true).value_or("");
    file.solver = top.string("solver", false).value_or("given");
    const std::vector<YAML::Node> segments = listField(ctx, top, "segments");
    for (std::size_t i = 0; i < segments.size(); ++i)
        e.segments.push_back(readSegment(ctx, segments[i], indexed("segments", i)));
    const std::vector<YAML::Node> layers = listField(ctx, top, "layers");
    for (std::size_t i = 0; i < layers.size(); ++i)
        e.layers.push_back(readLayer(ctx, layers[i], indexed("layers", i)));
    if (e.layers.empty() && top.has("layers"))
        ctx.error(top.field("layers"), "layers", "expected at least one evaluated layer");
    if (ctx.failed())
        return std::nullopt;
    return file;
}

Result<EvaluationFile> loadEvaluationFile(const std::string& path)
{
    ReadContext ctx;
    const YAML::Node root = parseYamlFile(path, ctx);
    if (!root)
        return Result<EvaluationFile>(ctx.diags);
    auto file = readEvaluationRoot(ctx, root);
    if (!file)
        return Result<EvaluationFile>(ctx.diags);
    return std::move(*file);
}

} // namespace kapla::io
