#include "solve/kapla/layer_estimate.h"

#include "cost/map_strategy.h"
#include "util/math_util.h"

#include <algorithm>
#include <cmath>

namespace kapla::ksolve {

namespace {

constexpr std::size_t kFil = 0, kIfm = 1, kOfm = 2;

bool inDims(unsigned mask, std::size_t loop) { return (mask & (1u << loop)) != 0; }

// Smallest GBUF words per node over the descriptors when the constrained loops keep their whole
// share in the GBUF and the free loops keep one unit; +inf if no descriptor divides the constraint.
double minConstrainedOccupancy(const std::vector<NestedLoopDesc>& nlds, const TopBlockingConstraint& c,
                               const PerCategory<int>& group)
{
    double best = std::numeric_limits<double>::infinity();
    for (const auto& nld : nlds) {
        PerLoop<int> blocks{1, 1, 1};
        bool ok = true;
        const PerLoop<int> top{c.topifm, c.topofm, c.topbat};
        for (std::size_t l = 0; l < 2; ++l)
            if (top[l] > 0) {
                ok = ok && nld.loopcnt[l] % top[l] == 0;
                blocks[l] = nld.loopcnt[l] / top[l];
            }
        if (top[2] > 0)
            blocks[2] = std::max(1, nld.loopcnt[2] / top[2]);
        if (!ok)
            continue;
        double words = 0;
        for (std::size_t d = 0; d < kNumDataCategories; ++d) {
            double cnt = 1;
            for (std::size_t l = 0; l < kNumLoops; ++l)
                if (inDims(nld.dataLoops[d], l))
                    cnt *= blocks[l];
            words += std::ceil(nld.usizeGbuf[d] * cnt / group[d]);
        }
        best = std::min(best, words);
    }
    return best;
}

PhyDim2 centreOf(const NodeRegion& r) { return r.rel2abs({r.dim.h / 2, r.dim.w / 2}); }

// Average hops from a node to a DRAM region's nodes (data spread over all of them), or to the
// centre of an on-chip region.
double distanceTo(PhyDim2 from, const NodeRegion& region)
{
    if (region.type != NodeRegion::Type::Dram)
        return hopDist(from, centreOf(region));
    const auto nodes = region.nodes();
    double sum = 0;
    for (const PhyDim2 n : nodes)
        sum += hopDist(from, n);
    return nodes.empty() ? 0.0 : sum / static_cast<double>(nodes.size());
}

double nearestDram(PhyDim2 from, const NodeRegion& dram)
{
    int best = std::numeric_limits<int>::max();
    for (const PhyDim2 n : dram.nodes())
        best = std::min(best, hopDist(from, n));
    return best == std::numeric_limits<int>::max() ? 0.0 : best;
}

std::int64_t ceilDiv(double x, double y) { return y == kUnlimited || y <= 0 ? 0 : ceilCycles(x / y); }

} // namespace

PerLoop<std::int64_t> sharingLoopGroups(const PartitionScheme& part)
{
    const auto orderIndex = [&](Parallel q) {
        return static_cast<int>(std::find(part.order.begin(), part.order.end(), q) - part.order.begin());
    };
    const std::int64_t ofmp = part.pdim(Parallel::Ofmp).size(), batp = part.pdim(Parallel::Batp).size();
    std::int64_t bat = batp;
    if (ofmp > 1 && batp == 1)
        bat = ofmp;
    else if (ofmp > 1 && batp > 1)
        bat = std::abs(orderIndex(Parallel::Ofmp) - orderIndex(Parallel::Batp)) == 1 ? ofmp * batp
            : orderIndex(Parallel::Ofmp) > orderIndex(Parallel::Batp)                ? ofmp
                                                                                     : batp;
    return {part.pdim(Parallel::Inpp).size(), part.pdim(Parallel::Outp).size(), bat};
}

PerCategory<int> sharingGroupSizes(const PartitionScheme& part, const PerCategory<unsigned>& dataLoops)
{
    const PerLoop<std::int64_t> loopGroup = sharingLoopGroups(part);
    PerCategory<int> out{1, 1, 1};
    for (std::size_t d = 0; d < kNumDataCategories; ++d)
        for (std::size_t l = 0; l < kNumLoops; ++l)
            if (!(dataLoops[d] & (1u << l))) {
                out[d] = static_cast<int>(loopGroup[l]);
                break;
            }
    return out;
}

double estimateKey(const LayerEstimate& e, Goal goal)
{
    switch (goal) {
    case Goal::Energy: return e.energy;
    case Goal::Delay: return e.time;
    case Goal::EnergyDelay: return e.energy * e.time;
    }
    return e.energy;
}

LayerEstimator::LayerEstimator(const Layer& layer, int batch, const PartitionScheme& part, const Resource& res,
                               const Options& opt, const EnergyCosts& energy)
    : m_res(res)
    , m_energy(energy)
{
    const PartitionedLayer pl = part.partLayer(layer, batch);
    // The original maps with Eyeriss even for systolic runs. Its occupancy rule needs the top factors
    // to divide the loop counts, and a depthwise layer's Eyeriss counts rarely divide (512 channels
    // on 5 replicas: 103), so no segment fusing a depthwise layer was ever estimated on the systolic
    // node; the run's own mapping gives the counts its blockings will have.
    m_descriptors = mapLayer(pl.layer, pl.batch, pl.occupancy, res.dimArray, opt.mapping, pl.rwData);
    if (m_descriptors.empty())
        return;
    m_sharing = opt.gbufSharing || opt.accessForwarding;
    m_group = m_sharing ? sharingGroupSizes(part, m_descriptors.front().dataLoops) : PerCategory<int>{1, 1, 1};
    m_capacityGroup = opt.gbufSharing ? m_group : PerCategory<int>{1, 1, 1};
    m_nodes = static_cast<double>(part.size());
    m_data = {static_cast<double>(pl.layer.totalFilterSize()) * m_nodes,
              static_cast<double>(pl.layer.totalIfmapSize(pl.batch)) * m_nodes,
              static_cast<double>(pl.layer.totalOfmapSize(pl.batch)) * m_nodes};
    m_ops = static_cast<double>(layer.totalOps(batch));
    m_hasFilters = pl.layer.totalFilterSize() > 0;
    const PhyDim2 centre = centreOf(res.procRegion);
    m_dist = {nearestDram(centre, res.dramRegion), distanceTo(centre, res.srcDataRegion),
              distanceTo(centre, res.dstDataRegion)};
    for (const auto& nld : m_descriptors)
        m_procTime += static_cast<double>(nld.unitTime) * nld.loopcnt[0] * nld.loopcnt[1] * nld.loopcnt[2];
    m_procTime /= static_cast<double>(m_descriptors.size());
}

LayerEstimate LayerEstimator::estimate(const TopBlockingConstraint& c) const
{
    LayerEstimate e;
    if (m_descriptors.empty() || minConstrainedOccupancy(m_descriptors, c, m_capacityGroup) > m_res.sizeGbuf)
        return e;
    const bool filterResident = c.topbat == 0
                             || (c.topifm <= 1 && c.topofm <= 1
                                 && (m_data[kFil] + m_data[kIfm] + m_data[kOfm]) / m_nodes <= m_res.sizeGbuf);
    const double filterRounds = filterResident ? 1.0 : c.topbat;
    const bool srcDram = m_res.srcDataRegion.type == NodeRegion::Type::Dram;
    const bool dstDram = m_res.dstDataRegion.type == NodeRegion::Type::Dram;

    const PerCategory<double> moved{m_data[kFil] / m_group[kFil] * filterRounds, m_data[kIfm] / m_group[kIfm],
                                    m_data[kOfm] / m_group[kOfm]};
    e.access[0] = {moved[kFil], srcDram ? moved[kIfm] : 0.0, dstDram ? moved[kOfm] : 0.0};
    e.remoteGbuf = {0.0, srcDram ? 0.0 : moved[kIfm], dstDram ? 0.0 : moved[kOfm]};
    e.access[1] = m_data;
    e.access[2] = m_data;
    e.access[3] = {m_hasFilters ? m_ops : 0.0, m_ops, 2 * m_ops};
    for (std::size_t d = 0; d < kNumDataCategories; ++d)
        e.hops[d] = moved[d] * (m_dist[d] + (m_sharing ? m_group[d] : 0));

    double cost = m_energy.mac * m_ops + m_energy.nocHop * (e.hops[0] + e.hops[1] + e.hops[2]);
    for (std::size_t m = 0; m < kNumMemLevels; ++m)
        cost += m_energy.access[m] * (e.access[m][0] + e.access[m][1] + e.access[m][2]);
    cost += m_energy.access[1] * (e.remoteGbuf[0] + e.remoteGbuf[1] + e.remoteGbuf[2]);
    e.energy = cost;

    const double gbufMax = std::max({m_data[0], m_data[1], m_data[2]});
    const auto bus = ceilDiv(std::ceil(gbufMax / m_nodes), m_res.arrayBusWidth);
    const auto dram = ceilDiv(e.access[0][0] + e.access[0][1] + e.access[0][2], m_res.dramBandwidth);
    e.time = std::max({m_procTime, static_cast<double>(bus), static_cast<double>(dram)});
    return e;
}

LayerEstimate estimateLayerCost(const Layer& layer, int batch, const PartitionScheme& part, const Resource& res,
                                const TopBlockingConstraint& c, const Options& opt, const EnergyCosts& energy)
{
    return LayerEstimator(layer, batch, part, res, opt, energy).estimate(c);
}

bool layerOccupancyValid(const Layer& layer, int batch, const TopBlockingConstraint& c, std::int64_t nodes,
                         double gbufWords, std::int64_t totalPes)
{
    const int b = c.topbat > 0 ? std::max(1, batch / c.topbat) : 1;
    const double ofmap = static_cast<double>(layer.ofmapSize(b));
    const double ifmap = static_cast<double>(layer.ifmapSize(b));
    const double capacity = static_cast<double>(nodes) * gbufWords;
    if (!layer.isConvLike()) {
        const double groups = c.topofm > 0 ? static_cast<double>(layer.nofm()) / c.topofm : 1.0;
        const double filter = layer.isDepthwise() ? static_cast<double>(layer.filterSize()) : 0.0;
        return (ofmap + ifmap + filter) * groups <= capacity;
    }
    const double fs = static_cast<double>(layer.filterSize());
    const double planes = layer.isBackward() ? ifmap : ofmap;
    const double parallel = std::max(1.0, std::floor(static_cast<double>(totalPes) / (fs * planes)));
    const double topIo = std::ceil(static_cast<double>(layer.nifm) * layer.nofm() / parallel);
    std::vector<std::pair<double, double>> cands;
    if (c.topifm > 0 && c.topofm > 0)
        cands = {{c.topifm, c.topofm}};
    else if (c.topifm <= 0 && c.topofm <= 0)
        cands = {{1.0, topIo}, {topIo, 1.0}};
    else if (c.topifm > 0)
        cands = {{c.topifm, topIo}, {c.topifm, 1.0}};
    else
        cands = {{topIo, c.topofm}, {1.0, c.topofm}};
    double occ = std::numeric_limits<double>::infinity();
    for (const auto& [ti, to] : cands) {
        const double ni = layer.nifm / ti, no = layer.nofm() / to;
        occ = std::min(occ, ni * ifmap + no * ofmap + ni * no * fs);
    }
    return occ <= capacity;
}

} // namespace kapla::ksolve
