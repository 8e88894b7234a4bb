// The partition-scheme enumeration of nn_dataflow's gen_partition, KAPLA version (model spec §4.2).
#include "schedule/partition.h"

#include "util/math_util.h"

#include <algorithm>

namespace kapla {

namespace {

constexpr std::size_t idx(Parallel p) { return static_cast<std::size_t>(p); }

using Pdims = std::array<PhyDim2, kNumParallels>;

bool isLocalRegionBack(const Layer& l)
{
    return l.type() == LayerType::LocalRegionBack || l.type() == LayerType::PoolingBack
        || l.type() == LayerType::EltwiseBack;
}

bool hasUnitFmap(PhyDim2 s) { return s.h == 1 && s.w == 1; }

// KAPLA's FC test of the non-hybrid rule: the input layer counts as a CONV layer.
bool isFcLikeForPlainPartition(const Layer& l)
{
    if (l.isBackward())
        return hasUnitFmap(l.sifm);
    return !l.isInput() && hasUnitFmap(l.sofm());
}

// KAPLA's FC test of the guaranteed fallback: depthwise and input layers are not FC.
bool isFcLikeForFallback(const Layer& l)
{
    if (l.isBackward())
        return hasUnitFmap(l.sifm);
    return (l.isConvLike() || l.isLocalRegionLike()) && hasUnitFmap(l.sofm());
}

bool passesHybridRules(const Layer& layer, const Pdims& pd, const Options& options)
{
    const int nOut = isLocalRegionBack(layer) ? layer.nifm : layer.nofm();
    if (!approxDividable(nOut, static_cast<double>(pd[idx(Parallel::Outp)].size())))
        return false;
    const PhyDim2 fmap = layer.isBackward() ? layer.sifm : layer.sofm();
    const PhyDim2 ofmp = pd[idx(Parallel::Ofmp)];
    if (!approxDividable(fmap.h, ofmp.h) || !approxDividable(fmap.w, ofmp.w))
        return false;
    const std::int64_t inpp = pd[idx(Parallel::Inpp)].size();
    if (!options.partitionIfmaps && inpp > 1)
        return false;
    if (layer.isConvLike())
        return approxDividable(layer.nifm, static_cast<double>(inpp));
    if (layer.isLocalRegionLike() || layer.isDepthwise())
        return inpp == 1;
    return true;
}

bool passesPlainRules(const Layer& layer, const Pdims& pd)
{
    if (pd[idx(Parallel::Inpp)].size() != 1)
        return false;
    if (isFcLikeForPlainPartition(layer))
        return pd[idx(Parallel::Ofmp)].size() == 1;
    return pd[idx(Parallel::Outp)].size() == 1;
}

// A scheme without OFMP and with every parallelism 1-D equals its transpose; keep one of the two.
bool isTransposeDuplicate(const Pdims& pd)
{
    if (pd[idx(Parallel::Ofmp)].size() != 1)
        return false;
    if (!std::all_of(pd.begin(), pd.end(), [](PhyDim2 d) { return d.h == 1 || d.w == 1; }))
        return false;
    std::array<int, kNumParallels> hs{}, ws{};
    for (std::size_t k = 0; k < kNumParallels; ++k) {
        hs[k] = pd[k].h;
        ws[k] = pd[k].w;
    }
    return hs > ws;
}

bool passesDimRules(const Layer& layer, int batch, PhyDim2 dimNodes, const Pdims& pd, const Options& options)
{
    const std::int64_t batp = pd[idx(Parallel::Batp)].size();
    if ((!options.partitionBatch && batp > 1) || batch % batp != 0)
        return false;
    // Every parallelism but OFMP fills one mesh axis before it may take part of the other.
    for (std::size_t k = 0; k < kNumParallels; ++k)
        if (k != idx(Parallel::Ofmp) && 1 < pd[k].h && pd[k].h < dimNodes.h && 1 < pd[k].w && pd[k].w < dimNodes.w)
            return false;
    if (!(options.partitionHybrid ? passesHybridRules(layer, pd, options) : passesPlainRules(layer, pd)))
        return false;
    return !isTransposeDuplicate(pd);
}

bool isCanonicalOrder(const std::array<int, kNumParallels>& order, const Pdims& pd)
{
    const auto sz = [&pd](int p) { return pd[static_cast<std::size_t>(p)].size(); };
    const auto isRowOnly = [](PhyDim2 d) { return d.h > 1 && d.w == 1; };
    const auto isColOnly = [](PhyDim2 d) { return d.h == 1 && d.w > 1; };
    for (std::size_t k = 0; k + 1 < kNumParallels; ++k) {
        const int p1 = order[k], p2 = order[k + 1];
        // Trivial parallelisms go first, in enum order; their place has no effect.
        if (sz(p1) == 1 && sz(p2) == 1 && p1 > p2)
            return false;
        if (sz(p1) > 1 && sz(p2) == 1)
            return false;
        if (p1 != static_cast<int>(Parallel::Batp) && isColOnly(pd[static_cast<std::size_t>(p2)])
            && isRowOnly(pd[static_cast<std::size_t>(p1)]))
            return false;
    }
    const auto trivial = std::count_if(pd.begin(), pd.end(), [](PhyDim2 d) { return d.size() == 1; });
    // BATP must be the top non-trivial level.
    return pd[idx(Parallel::Batp)].size() <= 1
        || order[static_cast<std::size_t>(trivial)] == static_cast<int>(Parallel::Batp);
}

PartitionScheme fallbackPartition(const Layer& layer, PhyDim2 dimNodes)
{
    PartitionScheme s;
    s.pdims[idx(isFcLikeForFallback(layer) ? Parallel::Outp : Parallel::Ofmp)] = dimNodes;
    return s;
}

void appendOrders(const Pdims& pd, std::vector<PartitionScheme>& out)
{
    std::array<int, kNumParallels> order{0, 1, 2, 3};
    do {
        if (!isCanonicalOrder(order, pd))
            continue;
        PartitionScheme s;
        for (std::size_t k = 0; k < kNumParallels; ++k)
            s.order[k] = static_cast<Parallel>(order[k]);
        s.pdims = pd;
        out.push_back(s);
    } while (std::next_permutation(order.begin(), order.end()));
}

} // namespace

std::vector<PartitionScheme> genPartitions(const Layer& layer, int batch, PhyDim2 dimNodes, const Options& options,
                                           bool guaranteed)
{
    std::vector<PartitionScheme> out;
    const auto hFactors = factorize(dimNodes.h, kNumParallels);
    const auto wFactors = factorize(dimNodes.w, kNumParallels);
    for (const auto& ph : hFactors) {
        for (const auto& pw : wFactors) {
            Pdims pd;
            for (std::size_t k = 0; k < kNumParallels; ++k)
                pd[k] = {ph[k], pw[k]};
            if (passesDimRules(layer, batch, dimNodes, pd, options))
                appendOrders(pd, out);
        }
    }
    if (guaranteed && out.empty())
        out.push_back(fallbackPartition(layer, dimNodes));
    return out;
}

} // namespace kapla
