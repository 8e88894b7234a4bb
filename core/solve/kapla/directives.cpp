#include "solve/kapla/directives.h"

#include <algorithm>

namespace kapla::ksolve {

namespace {

constexpr std::size_t at(TDim d) { return static_cast<std::size_t>(d); }

} // namespace

DimMap unitDimMap()
{
    DimMap m;
    m.fill(1);
    return m;
}

std::string_view tdimName(TDim d)
{
    static constexpr std::array<std::string_view, kNumTDims> names{"N",  "C", "K", "Xi", "Yi", "Xo",
                                                                   "Yo", "R", "S", "XY", "F"};
    return names[at(d)];
}

KaplaLayerType kaplaLayerType(const Layer& layer)
{
    switch (layer.type()) {
    case LayerType::LocalRegion:
    case LayerType::Pooling:
    case LayerType::Eltwise: return KaplaLayerType::Local;
    case LayerType::DWConv: return KaplaLayerType::DwConv;
    case LayerType::ConvBackAct:
    case LayerType::FCBackAct: return KaplaLayerType::ConvBackH;
    case LayerType::ConvBackWeight:
    case LayerType::FCBackWeight: return KaplaLayerType::ConvBackW;
    case LayerType::LocalRegionBack:
    case LayerType::PoolingBack:
    case LayerType::EltwiseBack: return KaplaLayerType::LocalBackH;
    case LayerType::DWConvBackAct: return KaplaLayerType::DwConvH;
    case LayerType::DWConvBackWeight: return KaplaLayerType::DwConvW;
    default: return KaplaLayerType::Conv;
    }
}

bool isBackwardType(KaplaLayerType t) { return static_cast<int>(t) >= static_cast<int>(KaplaLayerType::ConvBackH); }

bool tiesChannels(KaplaLayerType t)
{
    return t != KaplaLayerType::Conv && t != KaplaLayerType::ConvBackH && t != KaplaLayerType::ConvBackW;
}

std::vector<TDim> categoryDims(DataCategory d, bool systolic)
{
    if (systolic) {
        switch (d) {
        case DataCategory::Fil: return {TDim::C, TDim::F, TDim::K};
        case DataCategory::Ifm: return {TDim::N, TDim::C, TDim::F, TDim::XY};
        case DataCategory::Ofm: return {TDim::N, TDim::K, TDim::XY};
        }
    }
    switch (d) {
    case DataCategory::Fil: return {TDim::C, TDim::K, TDim::R, TDim::S};
    case DataCategory::Ifm: return {TDim::N, TDim::C, TDim::Xi, TDim::Yi};
    case DataCategory::Ofm: return {TDim::N, TDim::K, TDim::Xo, TDim::Yo};
    }
    return {};
}

bool categoryHasDim(DataCategory d, TDim dim, bool systolic)
{
    const auto dims = categoryDims(d, systolic);
    return std::find(dims.begin(), dims.end(), dim) != dims.end();
}

PerLoop<std::vector<TDim>> loopDims(KaplaLayerType type, bool systolic)
{
    const bool tied = tiesChannels(type);
    if (systolic)
        return {std::vector<TDim>{tied ? TDim::K : TDim::C}, {TDim::K}, {TDim::N, TDim::XY}};
    if (!isBackwardType(type))
        return {std::vector<TDim>{tied ? TDim::K : TDim::C}, {TDim::K}, {TDim::N, TDim::Yo, TDim::Xo}};
    return {std::vector<TDim>{TDim::C}, {tied ? TDim::C : TDim::K}, {TDim::N, TDim::Yi, TDim::Xi}};
}

PerCategory<double> tensorSizes(const DimMap& t, KaplaLayerType type, bool systolic)
{
    PerCategory<double> out{0, 0, 0};
    for (int d = 0; d < kNumDataCategories; ++d) {
        const auto cat = static_cast<DataCategory>(d);
        double size = 1;
        for (const TDim dim : categoryDims(cat, systolic)) {
            // A depthwise filter holds one input channel per output channel: the tied dim is not a factor.
            const bool tiedDim = (type == KaplaLayerType::DwConv && dim == TDim::C)
                              || ((type == KaplaLayerType::DwConvH || type == KaplaLayerType::DwConvW)
                                  && dim == TDim::K);
            if (!(cat == DataCategory::Fil && tiedDim))
                size *= static_cast<double>(t[at(dim)]);
        }
        out[static_cast<std::size_t>(d)] = size;
    }
    if (type == KaplaLayerType::Local || type == KaplaLayerType::LocalBackH)
        out[0] = 0;
    return out;
}

DimMap formatTensor(DimMap t, KaplaLayerType type, bool systolic, PhyDim2 strides, int channelStride)
{
    const std::int64_t sx = strides.w, sy = strides.h;
    if (!systolic) {
        if (isBackwardType(type)) {
            t[at(TDim::Xo)] = (t[at(TDim::Xi)] - 1) * sx + t[at(TDim::R)];
            t[at(TDim::Yo)] = (t[at(TDim::Yi)] - 1) * sy + t[at(TDim::S)];
        } else {
            t[at(TDim::Xi)] = (t[at(TDim::Xo)] - 1) * sx + t[at(TDim::R)];
            t[at(TDim::Yi)] = (t[at(TDim::Yo)] - 1) * sy + t[at(TDim::S)];
        }
    }
    if (type == KaplaLayerType::Local)
        t[at(TDim::C)] = t[at(TDim::K)] * channelStride;
    else if (type == KaplaLayerType::DwConv)
        t[at(TDim::C)] = t[at(TDim::K)];
    else if (type == KaplaLayerType::LocalBackH || type == KaplaLayerType::DwConvH || type == KaplaLayerType::DwConvW)
        t[at(TDim::K)] = t[at(TDim::C)] * (type == KaplaLayerType::LocalBackH ? channelStride : 1);
    return t;
}

std::string dimMapText(const DimMap& m, bool systolic)
{
    const std::vector<TDim> rs{TDim::N, TDim::C, TDim::K, TDim::Xi, TDim::Yi, TDim::Xo, TDim::Yo, TDim::R, TDim::S};
    const std::vector<TDim> sys{TDim::N, TDim::C, TDim::K, TDim::XY, TDim::F};
    std::string out;
    for (const TDim d : systolic ? sys : rs) {
        if (!out.empty())
            out += ' ';
        out += std::string(tdimName(d)) + ":" + std::to_string(m[at(d)]);
    }
    return out;
}

} // namespace kapla::ksolve
