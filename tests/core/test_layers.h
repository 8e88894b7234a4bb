#pragma once
// Small layers and networks for the model tests, built from their shapes. A layer that does not build
// is a broken fixture, so it stops the test with makeLayer's first diagnostic.

#include "model/layer.h"
#include "model/network.h"

#include <QtGlobal>

#include <optional>

namespace kapla::test {

/// The layer `p` describes.
inline Layer validLayer(const LayerParams& p)
{
    auto r = makeLayer(p);
    if (!r)
        qFatal("makeLayer failed: %s", r.diagnostics().front().format().c_str());
    return r.value();
}

/// The shape fields the tests' tables spell out; the others keep LayerParams' defaults.
inline LayerParams layerParams(LayerType t, int nifm, int nofm, PhyDim2 sofm, PhyDim2 sfil, int nreg = 1,
                               std::optional<PhyDim2> strd = {})
{
    LayerParams p;
    p.type = t;
    p.nifm = nifm;
    p.nofm = nofm;
    p.sofm = sofm;
    p.sfil = sfil;
    p.nreg = nreg;
    p.strd = strd;
    return p;
}

/// FC nifm → nofm over an ifmap of sfil × sfil.
inline Layer fc(int nifm, int nofm, int sfil = 1)
{
    return validLayer(layerParams(LayerType::FC, nifm, nofm, {1, 1}, {sfil, sfil}));
}

/// Square convolution: sofm × sofm outputs, sfil × sfil filters.
inline Layer conv(int nifm, int nofm, int sofm, int sfil, int strd = 1)
{
    return validLayer(layerParams(LayerType::Conv, nifm, nofm, {sofm, sofm}, {sfil, sfil}, 1, PhyDim2{strd, strd}));
}

/// Square pooling over sreg × sreg regions; unless given, the stride is the region (no overlap).
inline Layer pool(int nofm, int sofm, int sreg, std::optional<int> strd = {})
{
    const auto stride = strd ? std::optional<PhyDim2>(PhyDim2{*strd, *strd}) : std::nullopt;
    return validLayer(layerParams(LayerType::Pooling, 0, nofm, {sofm, sofm}, {sreg, sreg}, 1, stride));
}

/// Element-wise combination of nreg inputs of nofm 1 × 1 channels.
inline Layer eltwise(int nofm, int nreg)
{
    return validLayer(layerParams(LayerType::Eltwise, 0, nofm, {1, 1}, {1, 1}, nreg));
}

/// Square depthwise convolution.
inline Layer dwconv(int nofm, int sofm, int sfil)
{
    return validLayer(layerParams(LayerType::DWConv, 0, nofm, {sofm, sofm}, {sfil, sfil}));
}

/// net1 of the reference tests, an FC chain with a pooling layer: ops 200, 600, 30, 1200, 2000.
inline Network net1()
{
    Network net("net1", makeInputLayer(10, {1, 1}));
    net.add("0", fc(10, 20));
    net.add("1", fc(20, 30));
    net.add("1p", pool(30, 1, 1));
    net.add("2", fc(30, 40));
    net.add("3", fc(40, 50));
    return net;
}

} // namespace kapla::test
