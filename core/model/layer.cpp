#include "model/layer.h"

#include "util/math_util.h"

#include <algorithm>
#include <cstdio>

namespace kapla {

namespace {

struct TypeInfo {
    LayerType type;
    std::string_view keyword;
    std::string_view label;
};

constexpr std::array<TypeInfo, 16> kTypes{{
    {LayerType::Input, "input", "Input"},
    {LayerType::Conv, "conv", "Conv"},
    {LayerType::FC, "fc", "FC"},
    {LayerType::LocalRegion, "local_region", "LR"},
    {LayerType::Pooling, "pool", "Pool"},
    {LayerType::Eltwise, "eltwise", "Eltw"},
    {LayerType::DWConv, "dwconv", "DWConv"},
    {LayerType::ConvBackAct, "conv_back_act", "ConvBA"},
    {LayerType::ConvBackWeight, "conv_back_weight", "ConvBW"},
    {LayerType::FCBackAct, "fc_back_act", "FCBA"},
    {LayerType::FCBackWeight, "fc_back_weight", "FCBW"},
    {LayerType::LocalRegionBack, "local_region_back", "LRB"},
    {LayerType::PoolingBack, "pool_back", "PoolB"},
    {LayerType::EltwiseBack, "eltwise_back", "EltwB"},
    {LayerType::DWConvBackAct, "dwconv_back_act", "DWConvBA"},
    {LayerType::DWConvBackWeight, "dwconv_back_weight", "DWConvBW"},
}};

constexpr unsigned bit(LoopDim l) { return 1u << static_cast<unsigned>(l); }

std::string dims(PhyDim2 d) { return d.h == d.w ? std::to_string(d.h) : d.toString(); }

} // namespace

std::string_view layerTypeKeyword(LayerType type) { return kTypes[static_cast<std::size_t>(type)].keyword; }

std::string_view layerTypeLabel(LayerType type) { return kTypes[static_cast<std::size_t>(type)].label; }

std::optional<LayerType> layerTypeFromKeyword(std::string_view keyword)
{
    for (const auto& info : kTypes)
        if (info.keyword == keyword && info.type != LayerType::Input)
            return info.type;
    return std::nullopt;
}

bool Layer::isConvLike() const
{
    switch (type()) {
    case LayerType::Conv:
    case LayerType::FC:
    case LayerType::ConvBackAct:
    case LayerType::ConvBackWeight:
    case LayerType::FCBackAct:
    case LayerType::FCBackWeight: return true;
    default: return false;
    }
}

bool Layer::isLocalRegionLike() const
{
    switch (type()) {
    case LayerType::LocalRegion:
    case LayerType::Pooling:
    case LayerType::Eltwise:
    case LayerType::LocalRegionBack:
    case LayerType::PoolingBack:
    case LayerType::EltwiseBack: return true;
    default: return false;
    }
}

bool Layer::isDepthwise() const
{
    return type() == LayerType::DWConv || type() == LayerType::DWConvBackAct || type() == LayerType::DWConvBackWeight;
}

bool Layer::isBackward() const { return static_cast<int>(type()) >= static_cast<int>(LayerType::ConvBackAct); }

bool Layer::isWeightGradient() const
{
    return type() == LayerType::ConvBackWeight || type() == LayerType::FCBackWeight
        || type() == LayerType::DWConvBackWeight;
}

DataCategory Layer::rwData() const { return isWeightGradient() ? DataCategory::Fil : DataCategory::Ofm; }

std::int64_t Layer::filterSize() const { return (isConvLike() || isDepthwise()) ? sfil().size() : 0; }

std::int64_t Layer::totalFilterSize() const
{
    if (isConvLike())
        return static_cast<std::int64_t>(nifm) * nofm() * sfil().size();
    if (isDepthwise())
        return static_cast<std::int64_t>(nofm()) * sfil().size();
    return 0;
}

std::int64_t Layer::totalOps(std::int64_t batch) const
{
    const std::int64_t window = sfil().size();
    switch (type()) {
    case LayerType::Input: return 0;
    case LayerType::Conv:
    case LayerType::FC: return totalOfmapSize(batch) * window * nifm;
    case LayerType::LocalRegion:
    case LayerType::Pooling:
    case LayerType::Eltwise: return totalOfmapSize(batch) * params.nreg * window;
    case LayerType::DWConv: return totalOfmapSize(batch) * window;
    case LayerType::ConvBackAct:
    case LayerType::ConvBackWeight:
    case LayerType::FCBackAct:
    case LayerType::FCBackWeight: return static_cast<std::int64_t>(nofm()) * nifm * sifm.size() * window * batch;
    case LayerType::LocalRegionBack:
    case LayerType::PoolingBack:
    case LayerType::EltwiseBack: return static_cast<std::int64_t>(nofm()) * sifm.size() * params.nreg * window * batch;
    case LayerType::DWConvBackAct:
    case LayerType::DWConvBackWeight: return static_cast<std::int64_t>(nofm()) * sifm.size() * window * batch;
    }
    return 0;
}

std::array<unsigned, kNumDataCategories> Layer::dataLoops() const
{
    const unsigned ifm = bit(LoopDim::Ifm), ofm = bit(LoopDim::Ofm), bat = bit(LoopDim::Bat);
    if (isInput())
        return {0u, 0u, ofm | bat};
    if (isConvLike())
        return {ifm | ofm, ifm | bat, ofm | bat};
    if (isDepthwise())
        return {ofm, ofm | bat, ofm | bat};
    return {0u, ofm | bat, ofm | bat};
}

bool Layer::isValidPaddingSifm(PhyDim2 s) const
{
    const PhyDim2 full = sofm() * strd;
    return std::min(full.h, sifm.h) <= s.h && s.h <= std::max(full.h, sifm.h) && std::min(full.w, sifm.w) <= s.w
        && s.w <= std::max(full.w, sifm.w);
}

Layer makeInputLayer(int nofm, PhyDim2 sofm)
{
    Layer l;
    l.params.type = LayerType::Input;
    l.params.nofm = nofm;
    l.params.sofm = sofm;
    l.params.sfil = {1, 1};
    return l;
}

namespace {

Diagnostics checkPositive(const LayerParams& p, bool needsNifm)
{
    Diagnostics errs;
    const auto need = [&errs](bool ok, const char* key, const std::string& value, const char* what) {
        if (!ok)
            errs.push_back(makeError(key, std::string(what) + " must be > 0, got " + value));
    };
    if (needsNifm)
        need(p.nifm > 0, "nifm", std::to_string(p.nifm), "input channels");
    need(p.nofm > 0, "nofm", std::to_string(p.nofm), "output channels");
    need(p.sofm.h > 0 && p.sofm.w > 0, "sofm", dims(p.sofm), "output fmap size");
    need(p.sfil.h > 0 && p.sfil.w > 0, "sfil", dims(p.sfil), "filter/region size");
    if (p.strd)
        need(p.strd->h > 0 && p.strd->w > 0, "strd", dims(*p.strd), "stride");
    need(p.nreg > 0, "nreg", std::to_string(p.nreg), "channel region");
    need(p.ntrd > 0, "ntrd", std::to_string(p.ntrd), "channel stride");
    return errs;
}

// Size of the produced-from gradient along one axis for backward layers.
int backInputAxis(int ofm, int fil, int trd, bool crop, std::optional<int> raw)
{
    if (crop && raw)
        return reverseHigh(ofm - 1, *raw, fil, trd) + 1;
    return (ofm - fil) / trd + 1;
}

void deriveBackwardSpatial(Layer& l)
{
    const auto& p = l.params;
    const std::optional<int> rawH = p.rawSofm ? std::optional<int>(p.rawSofm->h) : std::nullopt;
    const std::optional<int> rawW = p.rawSofm ? std::optional<int>(p.rawSofm->w) : std::nullopt;
    l.sifm = {backInputAxis(p.sofm.h, p.sfil.h, l.strd.h, p.crop, rawH),
              backInputAxis(p.sofm.w, p.sfil.w, l.strd.w, p.crop, rawW)};
}

// Largest derived size (channels or fmap side), as for the numbers a user writes.
constexpr std::int64_t kMaxDerived = 1'000'000'000;
// Bound on a layer's MACs or words per sample: real layers need < 1e11, and sums over a network of
// such layers times a batch must stay within 64 bits.
constexpr double kMaxLayerWork = 1e14;

// The derivation multiplies user numbers in int: refuses, before computing them, sizes that would
// overflow it and layers whose per-sample counts would overflow the 64-bit totals built on them.
std::optional<Diagnostic> checkMagnitude(const LayerParams& p, PhyDim2 strd)
{
    const auto axis = [](int fil, int ofm, int s) { return fil + (static_cast<std::int64_t>(ofm) - 1) * s; };
    const std::int64_t h = axis(p.sfil.h, p.sofm.h, strd.h), w = axis(p.sfil.w, p.sofm.w, strd.w);
    const std::int64_t channels = static_cast<std::int64_t>(p.nofm) * p.ntrd;
    if (h > kMaxDerived || w > kMaxDerived || channels > kMaxDerived)
        return makeError("sofm", "derived input of " + std::to_string(channels) + " channels of " + std::to_string(h)
                                     + "x" + std::to_string(w) + " is too large; expected at most "
                                     + std::to_string(kMaxDerived) + " per dimension");
    const double work = static_cast<double>(std::max(p.nifm, 1)) * static_cast<double>(channels)
                      * static_cast<double>(std::max(h * w, p.sofm.size())) * static_cast<double>(p.sfil.size())
                      * p.nreg;
    if (work > kMaxLayerWork) {
        char text[32];
        std::snprintf(text, sizeof text, "%.3g", work);
        return makeError("sofm", std::string("the layer is too large (up to ") + text
                                     + " MACs or words per sample); expected at most 1e14");
    }
    return std::nullopt;
}

} // namespace

Result<Layer> makeLayer(const LayerParams& in)
{
    LayerParams p = in;
    const LayerType t = p.type;
    if (t == LayerType::Input)
        return makeError("type", "input layers are declared with the network's `input:` key");
    if (t == LayerType::FC)
        p.sofm = {1, 1};
    if (t == LayerType::FCBackAct || t == LayerType::FCBackWeight)
        p.sofm = p.sfil; // FC back layers are conv-back layers whose gradient is one filter window
    if (t == LayerType::Eltwise || t == LayerType::EltwiseBack) {
        p.sfil = {1, 1};
        p.ntrd = p.nreg;
        p.strd = PhyDim2{1, 1};
    }
    if (t == LayerType::Pooling || t == LayerType::PoolingBack) {
        p.nreg = 1;
        p.ntrd = 1;
    }

    Layer l;
    l.params = p;
    const bool conv = l.isConvLike();
    Diagnostics errs = checkPositive(p, conv);
    if (!errs.empty())
        return errs;

    const bool poolDefault = t == LayerType::Pooling || t == LayerType::PoolingBack;
    l.strd = p.strd.value_or(poolDefault ? p.sfil : PhyDim2{1, 1});

    if (l.isLocalRegionLike() && p.nreg > 1 && p.sfil.size() > 1)
        return makeError("nreg", "a local region spans either channels (nreg " + std::to_string(p.nreg)
                                     + ") or space (sreg " + dims(p.sfil) + "), not both");
    if (p.crop && !p.rawSofm)
        return makeError("raw_sofm", "crop: true needs raw_sofm (the forward layer's fmap size)");
    // A backward layer's sofm is its forward layer's input, which the window must fit in; checked
    // here because the derivation's integer division would round a negative size up to 1.
    if (l.isBackward() && (p.sfil.h > p.sofm.h || p.sfil.w > p.sofm.w))
        return makeError("sfil", "window " + dims(p.sfil) + " is larger than the gradient fmap sofm " + dims(p.sofm)
                                     + "; expected sfil <= sofm");

    if (auto err = checkMagnitude(p, l.strd))
        return *err;

    switch (t) {
    case LayerType::Conv:
    case LayerType::FC:
        l.nifm = p.nifm;
        l.sifm = {p.sfil.h + (p.sofm.h - 1) * l.strd.h, p.sfil.w + (p.sofm.w - 1) * l.strd.w};
        break;
    case LayerType::DWConv:
        l.nifm = p.nofm;
        l.sifm = {p.sfil.h + (p.sofm.h - 1) * l.strd.h, p.sfil.w + (p.sofm.w - 1) * l.strd.w};
        break;
    case LayerType::LocalRegion:
    case LayerType::Pooling:
    case LayerType::Eltwise:
        l.nifm = p.nofm * p.ntrd;
        l.sifm = {p.sfil.h + (p.sofm.h - 1) * l.strd.h, p.sfil.w + (p.sofm.w - 1) * l.strd.w};
        break;
    case LayerType::ConvBackAct:
    case LayerType::ConvBackWeight:
    case LayerType::FCBackAct:
    case LayerType::FCBackWeight:
        l.nifm = p.nifm;
        deriveBackwardSpatial(l);
        break;
    case LayerType::LocalRegionBack:
    case LayerType::PoolingBack:
    case LayerType::EltwiseBack:
        l.nifm = (p.crop && p.rawNofm) ? reverseHigh(p.nofm - 1, *p.rawNofm, p.nreg, p.ntrd) + 1 : p.nofm / p.ntrd;
        deriveBackwardSpatial(l);
        break;
    case LayerType::DWConvBackAct:
    case LayerType::DWConvBackWeight:
        l.nifm = (p.crop && p.rawNofm) ? reverseHigh(p.nofm - 1, *p.rawNofm, 1, 1) + 1 : p.nofm;
        deriveBackwardSpatial(l);
        break;
    case LayerType::Input: break;
    }

    if (l.nifm <= 0 || l.sifm.h <= 0 || l.sifm.w <= 0)
        return makeError("sofm", "derived input is " + std::to_string(l.nifm) + " channels of " + dims(l.sifm)
                                     + ": output " + std::to_string(p.nofm) + "x" + dims(p.sofm)
                                     + " is too small for window " + dims(p.sfil) + " with stride " + dims(l.strd));
    return l;
}

} // namespace kapla
