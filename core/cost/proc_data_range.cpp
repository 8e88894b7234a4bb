#include "cost/proc_data_range.h"

#include "util/math_util.h"

#include <algorithm>

namespace kapla {

namespace {

using Range = std::pair<int, int>;

constexpr std::size_t idx(Parallel p) { return static_cast<std::size_t>(p); }

Range axisOf(const FmapRange& r, std::size_t axis) { return {r.beg[axis], r.end[axis]}; }

// Input window of a forward sliding window: clamped so an empty output range stays non-negative.
Range forwardWindow(Range out, int fil, int trd)
{
    const int beg = out.first * trd;
    return {beg, std::max(beg, (out.second - 1) * trd + fil)};
}

// KAPLA maps a produced-gradient range back to the incoming-gradient range; the reference passes
// the exclusive end straight to reverse_high.
Range backwardWindow(Range out, int length, int fil, int trd)
{
    return {reverseLow(out.first, length, fil, trd), reverseHigh(out.second, length, fil, trd)};
}

Range inppChannels(const Layer& layer, const PartitionScheme& part, const PartitionIndex& pidx)
{
    const PhyDim2 inpp = part.pdim(Parallel::Inpp);
    const PhyDim2 i = pidx[idx(Parallel::Inpp)];
    return ithRange({0, layer.nifm}, i.h * inpp.w + i.w, static_cast<int>(inpp.size()));
}

struct IfmapAxes {
    Range n, h, w;
};

IfmapAxes ifmapAxes(const Layer& layer, const FmapRange& ofm, const PartitionScheme& part, const PartitionIndex& pidx)
{
    const Range n = axisOf(ofm, 1), h = axisOf(ofm, 2), w = axisOf(ofm, 3);
    const PhyDim2 fil = layer.sfil(), trd = layer.strd, sofm = layer.sofm();
    const int nreg = layer.params.nreg;
    if (layer.isInput())
        return {n, h, w};
    if (layer.isConvLike() && !layer.isBackward())
        return {inppChannels(layer, part, pidx), forwardWindow(h, fil.h, trd.h), forwardWindow(w, fil.w, trd.w)};
    if (layer.isConvLike())
        return {inppChannels(layer, part, pidx), backwardWindow(h, sofm.h, fil.h, trd.h),
                backwardWindow(w, sofm.w, fil.w, trd.w)};
    if (layer.isLocalRegionLike() && !layer.isBackward())
        return {{std::max(0, n.first - nreg / 2), std::min(layer.nifm, n.second + nreg - nreg / 2)},
                forwardWindow(h, fil.h, trd.h),
                forwardWindow(w, fil.w, trd.w)};
    if (layer.isLocalRegionLike())
        return {backwardWindow(n, layer.nofm(), nreg, layer.params.ntrd), backwardWindow(h, sofm.h, fil.h, trd.h),
                backwardWindow(w, sofm.w, fil.w, trd.w)};
    if (!layer.isBackward())
        return {{n.first, std::min(layer.nifm, n.second)},
                forwardWindow(h, fil.h, trd.h),
                forwardWindow(w, fil.w, trd.w)};
    return {backwardWindow(n, layer.nofm(), 1, 1), backwardWindow(h, sofm.h, fil.h, trd.h),
            backwardWindow(w, sofm.w, fil.w, trd.w)};
}

FilterRange filterRange(const Layer& layer, Range ifmChannels, Range ofmChannels)
{
    if (layer.isConvLike())
        return {ifmChannels, ofmChannels};
    if (layer.isDepthwise())
        return {{0, 1}, ofmChannels};
    return {};
}

} // namespace

std::int64_t FilterRange::channelPairs() const
{
    if (empty())
        return 0;
    return static_cast<std::int64_t>(ifmChannels.second - ifmChannels.first) * (ofmChannels.second - ofmChannels.first);
}

ProcDataRange procDataRange(const Layer& layer, int batch, const PartitionScheme& part, const PartitionIndex& pidx)
{
    FmapRange full;
    full.end = {batch, layer.nofm(), layer.sofm().h, layer.sofm().w};
    ProcDataRange out;
    out.ofmap = part.fmapRange(full, pidx);
    const IfmapAxes in = ifmapAxes(layer, out.ofmap, part, pidx);
    out.ifmap.beg = {out.ofmap.beg[0], in.n.first, in.h.first, in.w.first};
    out.ifmap.end = {out.ofmap.end[0], in.n.second, in.h.second, in.w.second};
    out.filter = filterRange(layer, in.n, axisOf(out.ofmap, 1));
    return out;
}

} // namespace kapla
