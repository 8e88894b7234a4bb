#include "io/readers.h"

#include "model/limits.h"

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace kapla::io {

namespace {

std::optional<MemType> readMemType(MapReader& m, ReadContext& ctx, std::string_view key)
{
    const auto s = m.string(key, false);
    if (!s)
        return MemType::TwoD;
    if (*s == "2D" || *s == "2d")
        return MemType::TwoD;
    if (*s == "3D" || *s == "3d")
        return MemType::ThreeD;
    ctx.error(m.node()[std::string(key)], m.keyPath(key), "expected 2D or 3D, got '" + *s + "'");
    return std::nullopt;
}

// An energy per event: a number >= 0 and at most limits::kMaxEventEnergy (beyond it the totals overflow).
std::optional<double> eventEnergy(ReadContext& ctx, MapReader& m, std::string_view key, bool required)
{
    const auto v = m.real(key, required);
    if (!v || *v <= limits::kMaxEventEnergy)
        return v;
    const YAML::Node at = m.node()[std::string(key)];
    ctx.error(at, m.keyPath(key),
              "expected an energy per event of at most 1e+30 (in the file's energy unit), got " + at.Scalar());
    return std::nullopt;
}

EnergyCosts readEnergy(ReadContext& ctx, const YAML::Node& node, const std::string& path)
{
    EnergyCosts e;
    MapReader m(ctx, node, path, {"mac", "dram", "gbuf", "itcn", "regf", "noc_hop", "idle"});
    if (!m.valid())
        return e;
    m.finish();
    e.mac = eventEnergy(ctx, m, "mac", true).value_or(e.mac);
    e.access[0] = eventEnergy(ctx, m, "dram", true).value_or(e.access[0]);
    e.access[1] = eventEnergy(ctx, m, "gbuf", true).value_or(e.access[1]);
    e.access[2] = eventEnergy(ctx, m, "itcn", true).value_or(e.access[2]);
    e.access[3] = eventEnergy(ctx, m, "regf", true).value_or(e.access[3]);
    e.nocHop = eventEnergy(ctx, m, "noc_hop", true).value_or(e.nocHop);
    e.idle = eventEnergy(ctx, m, "idle", false).value_or(0.0);
    return e;
}

// A size given either in words or in bytes (converted with the reference's floor division).
double readWordsOrBytes(MapReader& m, ReadContext& ctx, const char* words, const char* bytes, int wordBytes,
                        double fallback)
{
    const bool hasWords = m.has(words), hasBytes = m.has(bytes);
    if (hasWords && hasBytes) {
        ctx.error(m.node()[bytes], m.keyPath(bytes),
                  std::string("give either `") + words + "` or `" + bytes + "`, not both");
        return fallback;
    }
    if (hasBytes)
        return static_cast<double>(m.integer(bytes, true, 0).value_or(0) / std::max(wordBytes, 1));
    const auto w = m.real(words, true);
    return w.value_or(fallback);
}

ExplicitHardware readExplicit(MapReader& m, ReadContext& ctx)
{
    ExplicitHardware hw;
    hw.nodes = m.dim2("nodes", true).value_or(hw.nodes);
    hw.peArray = m.dim2("pe_array", true).value_or(hw.peArray);
    hw.wordBits = static_cast<int>(m.integer("word_bits", false).value_or(16));
    const int wordBytes = (hw.wordBits + 7) / 8;
    hw.gbufWords = readWordsOrBytes(m, ctx, "gbuf_words", "gbuf_bytes", wordBytes, 0);
    hw.regfWords = readWordsOrBytes(m, ctx, "regf_words", "regf_bytes", wordBytes, 0);
    hw.arrayBusWidth = m.real("array_bus_width", false, true).value_or(kUnlimited);
    hw.dramBandwidth = m.real("dram_bandwidth", false, true).value_or(kUnlimited);
    hw.memType = readMemType(m, ctx, "mem_type").value_or(MemType::TwoD);
    if (const YAML::Node dr = m.field("dram_region"); dr.IsDefined()) {
        MapReader r(ctx, dr, m.keyPath("dram_region"), {"dim", "origin", "dist"});
        if (r.valid()) {
            r.finish();
            DramRegionSpec spec;
            spec.dim = r.dim2("dim", true).value_or(spec.dim);
            spec.origin = r.dim2("origin", false, 0).value_or(spec.origin);
            spec.dist = r.dim2("dist", false, 0).value_or(spec.dist);
            hw.dramRegion = spec;
        }
    }
    hw.energy = readEnergy(ctx, m.field("energy", true), m.keyPath("energy"));
    return hw;
}

KaplaHardware readKapla(ReadContext& ctx, const YAML::Node& node, const std::string& path)
{
    KaplaHardware hw;
    MapReader m(ctx, node, path,
                {"word_bit", "op_cost", "DRAM", "GBUF", "ITCN", "REGF", "access_forwarding", "gbuf_sharing",
                 "gbuf_save_writeback"});
    if (!m.valid())
        return hw;
    m.finish();
    hw.wordBit = static_cast<int>(m.integer("word_bit", true).value_or(16));
    hw.opCost = eventEnergy(ctx, m, "op_cost", true).value_or(0.0);
    // KAPLA's hardware files carry these flags but its tools ignore them; accepted for compatibility.
    (void)m.boolean("access_forwarding", false);
    (void)m.boolean("gbuf_sharing", false);
    (void)m.boolean("gbuf_save_writeback", false);

    MapReader dram(ctx, m.field("DRAM", true), m.keyPath("DRAM"), {"size", "access_cost", "bandwidth", "bus_width"});
    if (dram.valid()) {
        dram.finish();
        hw.dramAccessCost = eventEnergy(ctx, dram, "access_cost", true).value_or(0.0);
        hw.dramBandwidth = dram.real("bandwidth", true).value_or(0.0);
        hw.dramBusWidth = static_cast<int>(dram.integer("bus_width", true, 0).value_or(0));
        (void)dram.field("size");
    }
    MapReader gbuf(ctx, m.field("GBUF", true), m.keyPath("GBUF"),
                   {"size", "array", "access_cost", "hop_cost", "idle_cost", "mem_type"});
    if (gbuf.valid()) {
        gbuf.finish();
        hw.gbufSizeBytes = gbuf.integer("size", true).value_or(0);
        hw.gbufArray = gbuf.dim2("array", true).value_or(hw.gbufArray);
        hw.gbufAccessCost = eventEnergy(ctx, gbuf, "access_cost", true).value_or(0.0);
        hw.hopCost = eventEnergy(ctx, gbuf, "hop_cost", true).value_or(0.0);
        hw.idleCost = eventEnergy(ctx, gbuf, "idle_cost", true).value_or(0.0);
        hw.memType = readMemType(gbuf, ctx, "mem_type").value_or(MemType::TwoD);
    }
    MapReader itcn(ctx, m.field("ITCN", true), m.keyPath("ITCN"), {"access_cost"});
    if (itcn.valid()) {
        itcn.finish();
        hw.itcnAccessCost = eventEnergy(ctx, itcn, "access_cost", true).value_or(0.0);
    }
    MapReader regf(ctx, m.field("REGF", true), m.keyPath("REGF"), {"size", "array", "access_cost"});
    if (regf.valid()) {
        regf.finish();
        hw.regfSizeBytes = regf.integer("size", true).value_or(0);
        hw.regfArray = regf.dim2("array", true).value_or(hw.regfArray);
        hw.regfAccessCost = eventEnergy(ctx, regf, "access_cost", true).value_or(0.0);
    }
    return hw;
}

// Where a KAPLA hardware file gives what the model calls `key`: the node and its dotted path under
// `kapla_hardware`, or the whole block for what several of its values make.
struct KaplaPlace {
    YAML::Node node;
    std::string path;
};

KaplaPlace kaplaPlaceOf(const YAML::Node& hw, const std::string& key)
{
    static const std::vector<std::array<std::string_view, 3>> places{{"nodes", "GBUF", "array"},
                                                                     {"pe_array", "REGF", "array"},
                                                                     {"word_bits", "", "word_bit"},
                                                                     {"dram_bandwidth", "DRAM", "bandwidth"},
                                                                     {"gbuf_words", "GBUF", "size"},
                                                                     {"regf_words", "REGF", "size"}};
    for (const auto& [model, block, field] : places) {
        if (key != model)
            continue;
        const YAML::Node parent = block.empty() ? hw : hw[std::string(block)];
        if (!parent.IsMap() || !parent[std::string(field)].IsDefined())
            break;
        return {parent[std::string(field)],
                block.empty() ? std::string(field) : std::string(block).append(".").append(field)};
    }
    return {hw, key};
}

} // namespace

std::optional<ArchitectureSpec> readArchitectureMap(ReadContext& ctx, const YAML::Node& node, const std::string& path)
{
    const bool kapla = node.IsMap() && node["kapla_hardware"].IsDefined();
    std::vector<std::string_view> keys{"name", "energy_unit"};
    if (kapla)
        keys.push_back("kapla_hardware");
    else
        keys.insert(keys.end(),
                    {"nodes", "pe_array", "word_bits", "gbuf_words", "gbuf_bytes", "regf_words", "regf_bytes",
                     "array_bus_width", "dram_bandwidth", "mem_type", "dram_region", "energy", "kapla_hardware"});
    MapReader m(ctx, node, path, keys);
    if (!m.valid())
        return std::nullopt;
    m.finish();
    ArchitectureSpec spec;
    spec.name = m.string("name", false).value_or("");
    spec.energyUnit = m.string("energy_unit", false).value_or(kapla ? "J" : "unit");
    static const std::vector<std::string_view> units{"unit", "pJ", "nJ", "uJ", "mJ", "J"};
    if (std::find(units.begin(), units.end(), spec.energyUnit) == units.end())
        ctx.error(node["energy_unit"], m.keyPath("energy_unit"),
                  "expected one of " + listOf(units) + ", got '" + spec.energyUnit + "'");
    const std::size_t before = ctx.diags.size();
    if (kapla)
        spec.hardware = readKapla(ctx, m.field("kapla_hardware"), m.keyPath("kapla_hardware"));
    else
        spec.hardware = readExplicit(m, ctx);
    if (ctx.failed())
        return std::nullopt;
    if (auto resolved = resolveArchitecture(spec); !resolved)
        for (const auto& d : resolved.diagnostics()) {
            std::string key = d.key;
            std::string message = d.message;
            if (!m.has(key) && key.ends_with("_words")) {
                key = key.substr(0, key.size() - 6) + "_bytes";
                // The model only saw words; say how the bytes the user wrote became them.
                if (const auto* hw = std::get_if<ExplicitHardware>(&spec.hardware); hw && m.has(key))
                    message += " (`" + key + ": " + node[key].Scalar() + "` at "
                             + std::to_string((hw->wordBits + 7) / 8) + " bytes per word)";
            }
            if (kapla) {
                const KaplaPlace place = kaplaPlaceOf(node["kapla_hardware"], key);
                ctx.error(place.node, m.keyPath("kapla_hardware." + place.path), message);
                continue;
            }
            const YAML::Node at = m.has(key) ? node[key] : node;
            ctx.error(at, m.keyPath(key), message);
        }
    if (ctx.diags.size() != before)
        return std::nullopt;
    return spec;
}

} // namespace kapla::io
