#include "io/schedule_io.h"

#include "io/readers.h"
#include "io/yaml_text.h"

#include <algorithm>
#include <sstream>

namespace kapla::io {

std::optional<PartitionScheme> readPartition(ReadContext& ctx, const YAML::Node& node, const std::string& path)
{
    MapReader m(ctx, node, path, {"order", "OUTP", "OFMP", "BATP", "INPP"});
    if (!m.valid())
        return std::nullopt;
    m.finish();
    PartitionScheme part;
    const std::size_t before = ctx.diags.size();
    if (const YAML::Node order = m.field("order"); order.IsDefined()) {
        if (!order.IsSequence() || order.size() != 4) {
            ctx.error(order, m.keyPath("order"), "expected a permutation of [OUTP, OFMP, BATP, INPP]");
        } else {
            std::array<bool, kNumParallels> seen{};
            for (std::size_t i = 0; i < 4; ++i) {
                const auto p = order[i].IsScalar() ? parallelFromKeyword(order[i].Scalar()) : std::nullopt;
                if (!p || seen[static_cast<std::size_t>(*p)]) {
                    ctx.error(order[i], m.keyPath("order"), "expected each of OUTP, OFMP, BATP, INPP exactly once");
                    break;
                }
                seen[static_cast<std::size_t>(*p)] = true;
                part.order[i] = *p;
            }
        }
    }
    for (std::size_t i = 0; i < kNumParallels; ++i) {
        const auto key = parallelKeyword(static_cast<Parallel>(i));
        if (const YAML::Node n = m.field(key); n.IsDefined())
            if (const auto d = toDim2(ctx, n, m.keyPath(key), 1))
                part.pdims[i] = *d;
    }
    if (ctx.diags.size() != before)
        return std::nullopt;
    return part;
}

std::optional<std::array<PerLoop<int>, 3>> readTvals(ReadContext& ctx, const YAML::Node& n, const std::string& key)
{
    if (!n.IsSequence() || n.size() != 3) {
        ctx.error(n, key, "expected three levels [[IFM, OFM, BAT] x DRAM, GBUF, REGF]");
        return std::nullopt;
    }
    std::array<PerLoop<int>, 3> out{};
    for (std::size_t l = 0; l < 3; ++l) {
        if (!n[l].IsSequence() || n[l].size() != 3) {
            ctx.error(n[l], key, "expected three factors [IFM, OFM, BAT]");
            return std::nullopt;
        }
        for (std::size_t k = 0; k < 3; ++k) {
            const auto v = toInteger(ctx, n[l][k], key, 1);
            if (!v)
                return std::nullopt;
            out[l][k] = static_cast<int>(*v);
        }
    }
    return out;
}

std::optional<std::array<PerLoop<int>, 2>> readOrders(ReadContext& ctx, const YAML::Node& n, const std::string& key)
{
    if (!n.IsSequence() || n.size() != 2) {
        ctx.error(n, key, "expected two levels of loop positions [[IFM, OFM, BAT] x DRAM, GBUF], 0 = innermost");
        return std::nullopt;
    }
    std::array<PerLoop<int>, 2> out{};
    for (std::size_t l = 0; l < 2; ++l) {
        if (!n[l].IsSequence() || n[l].size() != 3) {
            ctx.error(n[l], key, "expected three positions for [IFM, OFM, BAT]");
            return std::nullopt;
        }
        std::array<bool, 3> seen{};
        for (std::size_t k = 0; k < 3; ++k) {
            const auto v = toInteger(ctx, n[l][k], key, 0);
            if (!v || *v > 2 || seen[static_cast<std::size_t>(*v)]) {
                ctx.error(n[l][k], key, "expected a permutation of 0, 1, 2");
                return std::nullopt;
            }
            seen[static_cast<std::size_t>(*v)] = true;
            out[l][k] = static_cast<int>(*v);
        }
    }
    return out;
}

namespace {

std::optional<LayerSchedule> readLayerSchedule(ReadContext& ctx, const YAML::Node& node, const std::string& path)
{
    MapReader m(ctx, node, path, {"layer", "partition", "mapping", "tvals", "orders"});
    if (!m.valid())
        return std::nullopt;
    m.finish();
    LayerSchedule ls;
    ls.layer = m.string("layer", true).value_or("");
    if (const YAML::Node p = m.field("partition"); p.IsDefined())
        if (auto part = readPartition(ctx, p, m.keyPath("partition")))
            ls.partition = *part;
    if (const YAML::Node map = m.field("mapping"); map.IsDefined()) {
        MapReader mm(ctx, map, m.keyPath("mapping"), {"ifms", "ofms"});
        if (mm.valid()) {
            mm.finish();
            if (const auto v = mm.integer("ifms", false))
                ls.replIfms = static_cast<int>(*v);
            if (const auto v = mm.integer("ofms", false))
                ls.replOfms = static_cast<int>(*v);
        }
    }
    if (const auto t = readTvals(ctx, m.field("tvals", true), m.keyPath("tvals")))
        ls.blocking.tvals = *t;
    if (const YAML::Node o = m.field("orders"); o.IsDefined())
        if (const auto ord = readOrders(ctx, o, m.keyPath("orders")))
            ls.blocking.orders = *ord;
    return ls;
}

std::optional<SegmentSchedule> readSegment(ReadContext& ctx, const YAML::Node& node, const std::string& path)
{
    MapReader m(ctx, node, path, {"groups", "nodes", "layers"});
    if (!m.valid())
        return std::nullopt;
    m.finish();
    SegmentSchedule seg;
    const YAML::Node groups = m.field("groups", true);
    if (groups.IsDefined()) {
        if (!groups.IsSequence() || groups.size() == 0)
            ctx.error(groups, m.keyPath("groups"), "expected a list of spatial groups, each a list of layer names");
        else
            for (const auto& g : groups) {
                std::vector<std::string> names;
                if (!g.IsSequence() || g.size() == 0) {
                    ctx.error(g, m.keyPath("groups"), "expected a non-empty list of layer names");
                    continue;
                }
                for (const auto& n : g)
                    names.push_back(n.IsScalar() ? n.Scalar() : std::string());
                seg.groups.push_back(std::move(names));
            }
    }
    if (const YAML::Node nodes = m.field("nodes"); nodes.IsDefined()) {
        if (!nodes.IsSequence())
            ctx.error(nodes, m.keyPath("nodes"), "expected a list of node counts, one per group");
        else
            for (const auto& n : nodes)
                seg.nodes.push_back(static_cast<int>(toInteger(ctx, n, m.keyPath("nodes"), 1).value_or(1)));
    }
    const YAML::Node layers = m.field("layers", true);
    if (layers.IsDefined() && !layers.IsSequence())
        ctx.error(layers, m.keyPath("layers"), "expected a list of layer directives");
    else if (layers.IsDefined())
        for (std::size_t i = 0; i < layers.size(); ++i)
            if (auto ls = readLayerSchedule(ctx, layers[i], m.keyPath("layers") + "[" + std::to_string(i) + "]"))
                seg.layers.push_back(std::move(*ls));
    return seg;
}

std::string pairText(PhyDim2 d) { return "[" + std::to_string(d.h) + ", " + std::to_string(d.w) + "]"; }

std::string partitionText(const PartitionScheme& p)
{
    std::ostringstream os;
    os << "{order: [";
    for (std::size_t i = 0; i < 4; ++i)
        os << (i ? ", " : "") << parallelKeyword(p.order[i]);
    os << "]";
    for (std::size_t i = 0; i < 4; ++i)
        os << ", " << parallelKeyword(static_cast<Parallel>(i)) << ": " << pairText(p.pdims[i]);
    os << "}";
    return os.str();
}

template <std::size_t N>
std::string levelsText(const std::array<PerLoop<int>, N>& levels)
{
    std::ostringstream os;
    os << "[";
    for (std::size_t l = 0; l < N; ++l)
        os << (l ? ", " : "") << "[" << levels[l][0] << ", " << levels[l][1] << ", " << levels[l][2] << "]";
    os << "]";
    return os.str();
}

} // namespace

std::optional<Schedule> readScheduleMap(ReadContext& ctx, const YAML::Node& node, const std::string& path)
{
    MapReader m(ctx, node, path, {"network", "batch", "mapping", "input_partition", "segments", "solver", "search"});
    if (!m.valid())
        return std::nullopt;
    m.finish();
    const std::size_t before = ctx.diags.size();
    Schedule s;
    s.network = m.string("network", false).value_or("");
    s.batch = static_cast<int>(m.integer("batch", true).value_or(1));
    if (const YAML::Node mk = m.field("mapping"); mk.IsDefined()) {
        const auto kind = mk.IsScalar() ? mappingFromKeyword(mk.Scalar()) : std::nullopt;
        if (!kind)
            ctx.error(mk, m.keyPath("mapping"), "expected eyeriss or systolic");
        s.mapping = kind;
    }
    (void)m.field("solver");
    (void)m.field("search");
    if (const YAML::Node p = m.field("input_partition"); p.IsDefined())
        if (auto part = readPartition(ctx, p, m.keyPath("input_partition")))
            s.inputPartition = *part;
    const YAML::Node segs = m.field("segments", true);
    if (segs.IsDefined() && (!segs.IsSequence() || segs.size() == 0))
        ctx.error(segs, m.keyPath("segments"), "expected a non-empty list of segments");
    else if (segs.IsDefined())
        for (std::size_t i = 0; i < segs.size(); ++i)
            if (auto seg = readSegment(ctx, segs[i], m.keyPath("segments") + "[" + std::to_string(i) + "]"))
                s.segments.push_back(std::move(*seg));
    const bool failed = std::any_of(ctx.diags.begin() + static_cast<std::ptrdiff_t>(before), ctx.diags.end(),
                                    [](const Diagnostic& d) { return d.severity == Severity::Error; });
    if (failed)
        return std::nullopt;
    return s;
}

Result<Schedule> readScheduleRoot(ReadContext& ctx, const YAML::Node& root)
{
    if (!root)
        return ctx.diags;
    MapReader top(ctx, root, "", {"version", "schedule"});
    if (!top.valid())
        return ctx.diags;
    top.finish();
    if (const auto v = top.integer("version", false, 0); v && *v != 1)
        ctx.error(root["version"], "version",
                  "unsupported version " + std::to_string(*v) + "; this build reads version 1");
    auto s = readScheduleMap(ctx, top.field("schedule", true), "schedule");
    if (!s || ctx.failed())
        return ctx.diags;
    return std::move(*s);
}

Result<Schedule> loadScheduleFile(const std::string& path)
{
    ReadContext ctx;
    const YAML::Node root = parseYamlFile(path, ctx);
    return readScheduleRoot(ctx, root);
}

Result<Schedule> parseSchedule(const std::string& text, const std::string& fileName)
{
    ReadContext ctx{fileName, {}, {}};
    const YAML::Node root = parseYamlText(text, ctx);
    return readScheduleRoot(ctx, root);
}

std::string scheduleToYaml(const Schedule& s)
{
    std::ostringstream os;
    os << "version: 1\nschedule:\n";
    os << "  network: " << yamlScalar(s.network) << "\n";
    os << "  batch: " << s.batch << "\n";
    if (s.mapping)
        os << "  mapping: " << mappingKeyword(*s.mapping) << "\n";
    os << "  input_partition: " << partitionText(s.inputPartition) << "\n";
    os << "  segments:\n";
    for (const auto& seg : s.segments) {
        os << "    - groups: [";
        for (std::size_t g = 0; g < seg.groups.size(); ++g) {
            os << (g ? ", " : "") << "[";
            for (std::size_t i = 0; i < seg.groups[g].size(); ++i)
                os << (i ? ", " : "") << yamlScalar(seg.groups[g][i]);
            os << "]";
        }
        os << "]\n";
        if (!seg.nodes.empty()) {
            os << "      nodes: [";
            for (std::size_t i = 0; i < seg.nodes.size(); ++i)
                os << (i ? ", " : "") << seg.nodes[i];
            os << "]\n";
        }
        os << "      layers:\n";
        for (const auto& l : seg.layers) {
            os << "        - layer: " << yamlScalar(l.layer) << "\n";
            os << "          partition: " << partitionText(l.partition) << "\n";
            if (l.replIfms || l.replOfms) {
                os << "          mapping: {";
                if (l.replIfms)
                    os << "ifms: " << *l.replIfms << (l.replOfms ? ", " : "");
                if (l.replOfms)
                    os << "ofms: " << *l.replOfms;
                os << "}\n";
            }
            os << "          tvals: " << levelsText(l.blocking.tvals) << "\n";
            os << "          orders: " << levelsText(l.blocking.orders) << "\n";
        }
    }
    return os.str();
}

} // namespace kapla::io
