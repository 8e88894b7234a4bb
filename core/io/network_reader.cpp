#include "io/readers.h"
#include "model/limits.h"

#include <algorithm>
#include <array>

namespace kapla::io {

namespace {

struct TypeKeys {
    LayerType type;
    std::vector<std::string_view> required;
    std::vector<std::string_view> optional;
};

const std::vector<TypeKeys>& typeKeys()
{
    static const std::vector<TypeKeys> table{
        {LayerType::Conv, {"nifm", "nofm", "sofm", "sfil"}, {"strd"}},
        {LayerType::FC, {"nifm", "nofm"}, {"sfil"}},
        {LayerType::LocalRegion, {"nofm", "sofm", "nreg", "sreg"}, {"ntrd", "strd"}},
        {LayerType::Pooling, {"nofm", "sofm", "sreg"}, {"strd"}},
        {LayerType::Eltwise, {"nofm", "sofm", "nreg"}, {}},
        {LayerType::DWConv, {"nofm", "sofm", "sfil"}, {"strd"}},
        {LayerType::ConvBackAct, {"nifm", "nofm", "sofm", "sfil"}, {"strd", "crop", "raw_sofm"}},
        {LayerType::ConvBackWeight, {"nifm", "nofm", "sofm", "sfil"}, {"strd", "crop", "raw_sofm"}},
        {LayerType::FCBackAct, {"nifm", "nofm"}, {"sfil"}},
        {LayerType::FCBackWeight, {"nifm", "nofm"}, {"sfil"}},
        {LayerType::LocalRegionBack,
         {"nofm", "sofm", "nreg", "sreg"},
         {"ntrd", "strd", "crop", "raw_sofm", "raw_nofm"}},
        {LayerType::PoolingBack, {"nofm", "sofm", "sreg"}, {"strd"}},
        {LayerType::EltwiseBack, {"nofm", "sofm", "nreg"}, {}},
        {LayerType::DWConvBackAct, {"nofm", "sofm", "sfil"}, {"strd", "crop", "raw_sofm", "raw_nofm"}},
        {LayerType::DWConvBackWeight, {"nofm", "sofm", "sfil"}, {"strd", "crop", "raw_sofm", "raw_nofm"}},
    };
    return table;
}

std::vector<std::string_view> typeKeywords()
{
    std::vector<std::string_view> out;
    for (const auto& t : typeKeys())
        out.push_back(layerTypeKeyword(t.type));
    return out;
}

bool listed(const std::vector<std::string_view>& keys, std::string_view k)
{
    return std::find(keys.begin(), keys.end(), k) != keys.end();
}

std::optional<LayerParams> readLayerParams(MapReader& m, const TypeKeys& keys, ReadContext& ctx)
{
    const auto req = [&](std::string_view k) { return listed(keys.required, k); };
    const auto allowedKey = [&](std::string_view k) { return req(k) || listed(keys.optional, k); };
    LayerParams p;
    p.type = keys.type;
    const std::size_t before = ctx.diags.size();
    if (allowedKey("nifm"))
        p.nifm = static_cast<int>(m.integer("nifm", req("nifm")).value_or(0));
    p.nofm = static_cast<int>(m.integer("nofm", true).value_or(0));
    if (allowedKey("sofm"))
        p.sofm = m.dim2("sofm", req("sofm")).value_or(PhyDim2{1, 1});
    if (allowedKey("sfil"))
        p.sfil = m.dim2("sfil", req("sfil")).value_or(PhyDim2{1, 1});
    if (allowedKey("sreg"))
        p.sfil = m.dim2("sreg", req("sreg")).value_or(PhyDim2{1, 1});
    if (allowedKey("strd"))
        if (const auto s = m.dim2("strd", false))
            p.strd = *s;
    if (allowedKey("nreg"))
        p.nreg = static_cast<int>(m.integer("nreg", req("nreg")).value_or(1));
    if (allowedKey("ntrd"))
        p.ntrd = static_cast<int>(m.integer("ntrd", false).value_or(1));
    if (allowedKey("crop"))
        p.crop = m.boolean("crop", false).value_or(false);
    if (allowedKey("raw_sofm"))
        if (const auto s = m.dim2("raw_sofm", false))
            p.rawSofm = *s;
    if (allowedKey("raw_nofm"))
        if (const auto n = m.integer("raw_nofm", false))
            p.rawNofm = static_cast<int>(*n);
    if (ctx.diags.size() != before)
        return std::nullopt;
    return p;
}

std::optional<std::vector<std::string>> readPrevs(MapReader& m, ReadContext& ctx)
{
    const YAML::Node n = m.field("prevs");
    std::vector<std::string> prevs;
    if (!n.IsDefined() || n.IsNull())
        return prevs;
    if (n.IsScalar()) {
        prevs.push_back(n.Scalar());
        return prevs;
    }
    if (!n.IsSequence()) {
        ctx.error(n, m.keyPath("prevs"), "expected a layer name or a list of layer names");
        return std::nullopt;
    }
    for (const auto& item : n) {
        if (!item.IsScalar()) {
            ctx.error(item, m.keyPath("prevs"), "expected a layer name");
            return std::nullopt;
        }
        prevs.push_back(item.Scalar());
    }
    if (prevs.empty()) {
        ctx.error(n, m.keyPath("prevs"), "expected at least one producer (use __INPUT__ for the network input)");
        return std::nullopt;
    }
    return prevs;
}

// Every name a layer may consume so far: the input, the externals and the layers added before.
std::vector<std::string> producerNames(const Network& net)
{
    std::vector<std::string> names{std::string(Network::kInputName)};
    for (const auto& e : net.externals())
        names.push_back(e.name);
    for (const auto& l : net.layers())
        names.push_back(l.name);
    return names;
}

// Reports each unknown producer at its own list item (Network::add could only name the list),
// with the closest known name; true if all are known.
bool checkProducers(ReadContext& ctx, MapReader& m, const Network& net, const std::vector<std::string>& prevs,
                    const std::string& layerName)
{
    const YAML::Node list = m.field("prevs");
    bool ok = true;
    std::vector<std::string> names; // listed once, at the first unknown producer
    std::vector<std::string_view> known;
    for (std::size_t i = 0; i < prevs.size(); ++i) {
        if (net.contains(prevs[i]))
            continue;
        ok = false;
        if (names.empty()) {
            names = producerNames(net);
            known.assign(names.begin(), names.end());
        }
        std::string msg = "layer '" + layerName + "': unknown producer '" + prevs[i] + "'";
        if (const std::string hint = didYouMean(prevs[i], known); !hint.empty())
            msg += "; did you mean `" + hint + "`?";
        else
            msg += "; expected `__INPUT__`, an external or a layer listed before this one";
        ctx.error(list.IsSequence() ? list[i] : list, m.keyPath("prevs"), msg);
    }
    return ok;
}

// Points a model-level diagnostic at the key it names inside the layer's mapping.
void reportAt(ReadContext& ctx, MapReader& m, const Diagnostics& errs, const std::string& layerName)
{
    for (const auto& e : errs) {
        std::string key = e.key == "sfil" && !m.has("sfil") && m.has("sreg") ? "sreg" : e.key;
        const YAML::Node at = m.has(key) ? m.node()[key] : m.node();
        std::string message = e.message;
        if (message.find(layerName) == std::string::npos)
            message = "layer '" + layerName + "': " + message;
        ctx.error(at, m.keyPath(key), message);
    }
}

void readLayer(ReadContext& ctx, const YAML::Node& node, const std::string& path, Network& net)
{
    static const std::vector<std::string_view> all{"name", "type", "prevs", "nifm", "nofm", "sofm",     "sfil",
                                                   "sreg", "strd", "nreg",  "ntrd", "crop", "raw_sofm", "raw_nofm"};
    MapReader probe(ctx, node, path, all);
    if (!probe.valid())
        return;
    const auto name = probe.string("name", true);
    const auto typeWord = probe.string("type", true);
    if (!name || !typeWord)
        return;
    const auto type = layerTypeFromKeyword(*typeWord);
    if (!type) {
        std::string msg = "unknown layer type '" + *typeWord + "'";
        const auto kws = typeKeywords();
        if (const auto hint = didYouMean(*typeWord, kws); !hint.empty())
            msg += "; did you mean `" + hint + "`?";
        else
            msg += "; expected one of " + listOf(kws);
        ctx.error(node["type"], probe.keyPath("type"), msg);
        return;
    }
    const TypeKeys& keys = *std::find_if(typeKeys().begin(), typeKeys().end(),
                                         [&](const TypeKeys& k) { return k.type == *type; });
    std::vector<std::string_view> allowed{"name", "type", "prevs"};
    allowed.insert(allowed.end(), keys.required.begin(), keys.required.end());
    allowed.insert(allowed.end(), keys.optional.begin(), keys.optional.end());
    MapReader m(ctx, node, path, allowed);
    const std::size_t before = ctx.diags.size();
    m.finish();
    const auto params = readLayerParams(m, keys, ctx);
    const auto prevs = readPrevs(m, ctx);
    if (!params || !prevs || ctx.diags.size() != before)
        return;
    if (!checkProducers(ctx, m, net, *prevs, *name))
        return;
    auto layer = makeLayer(*params);
    if (!layer) {
        reportAt(ctx, m, layer.diagnostics(), *name);
        return;
    }
    if (Diagnostics errs = net.add(*name, std::move(layer).value(), *prevs); !errs.empty())
        reportAt(ctx, m, errs, *name);
}

} // namespace

std::optional<Network> readNetworkMap(ReadContext& ctx, const YAML::Node& node, const std::string& path)
{
    MapReader m(ctx, node, path, {"name", "input", "externals", "layers"});
    if (!m.valid())
        return std::nullopt;
    m.finish();
    Network net(m.string("name", true).value_or(""));
    MapReader in(ctx, m.field("input", true), m.keyPath("input"), {"nofm", "sofm"});
    bool inputOk = false;
    if (in.valid()) {
        in.finish();
        const auto nofm = in.integer("nofm", true);
        const auto sofm = in.dim2("sofm", true);
        inputOk = nofm && sofm;
        if (inputOk)
            net.setInput(makeInputLayer(static_cast<int>(*nofm), *sofm));
    }
    // Without the input every layer fed by it would report a shape mismatch against a made-up one.
    if (!inputOk)
        return std::nullopt;
    if (const YAML::Node ext = m.field("externals"); ext.IsDefined() && !ext.IsNull()) {
        if (!ext.IsSequence())
            ctx.error(ext, m.keyPath("externals"), "expected a list of {name, nofm, sofm}");
        else
            for (std::size_t i = 0; i < ext.size(); ++i) {
                MapReader e(ctx, ext[i], m.keyPath("externals") + "[" + std::to_string(i) + "]",
                            {"name", "nofm", "sofm"});
                if (!e.valid())
                    continue;
                e.finish();
                const auto name = e.string("name", true);
                const auto nofm = e.integer("nofm", true);
                const auto sofm = e.dim2("sofm", true);
                if (name && nofm && sofm)
                    for (auto& d : net.addExternal(*name, makeInputLayer(static_cast<int>(*nofm), *sofm)))
                        ctx.error(ext[i], e.keyPath("name"), d.message);
            }
    }
    const YAML::Node layers = m.field("layers", true);
    if (layers.IsDefined() && (!layers.IsSequence() || layers.size() == 0))
        ctx.error(layers, m.keyPath("layers"), "expected a non-empty list of layers");
    else if (layers.IsDefined() && layers.size() > limits::kMaxLayers)
        ctx.error(layers, m.keyPath("layers"),
                  "the network has " + std::to_string(layers.size()) + " layers; expected at most "
                      + std::to_string(limits::kMaxLayers));
    else if (layers.IsDefined())
        for (std::size_t i = 0; i < layers.size(); ++i)
            readLayer(ctx, layers[i], m.keyPath("layers") + "[" + std::to_string(i) + "]", net);
    if (ctx.failed())
        return std::nullopt;
    return net;
}

} // namespace kapla::io
