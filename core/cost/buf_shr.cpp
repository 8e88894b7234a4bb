#include "cost/buf_shr.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <numeric>

namespace kapla {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

int orderIndex(const PartitionScheme& part, Parallel p)
{
    for (int i = 0; i < kNumParallels; ++i)
        if (part.order[static_cast<std::size_t>(i)] == p)
            return i;
    return -1;
}

/// A sharing group: the nodes that differ only in one parallelism (or BATP×OFMP).
struct Group {
    PhyDim2 dim{1, 1};
    std::pair<double, double> dists{kInf, kInf};
};

Group groupOf(const NodeRegion& region, const PartitionScheme& part, Parallel p)
{
    return {part.pdim(p), part.neighborDist(region, p)};
}

// The batch loop is split over OFMP and/or BATP; when both are used and adjacent in the
// hierarchy they form one rectangular group, otherwise only the lower one holds equal data.
Group batchGroup(const NodeRegion& region, const PartitionScheme& part)
{
    const PhyDim2 ofmp = part.pdim(Parallel::Ofmp);
    const PhyDim2 batp = part.pdim(Parallel::Batp);
    if (ofmp.size() == 1)
        return groupOf(region, part, Parallel::Batp);
    if (batp.size() == 1)
        return groupOf(region, part, Parallel::Ofmp);
    const int iOfmp = orderIndex(part, Parallel::Ofmp);
    const int iBatp = orderIndex(part, Parallel::Batp);
    if (std::abs(iOfmp - iBatp) == 1) {
        const Group a = groupOf(region, part, Parallel::Batp);
        const Group b = groupOf(region, part, Parallel::Ofmp);
        return {batp * ofmp, {std::min(a.dists.first, b.dists.first), std::min(a.dists.second, b.dists.second)}};
    }
    return groupOf(region, part, iOfmp > iBatp ? Parallel::Ofmp : Parallel::Batp);
}

int axisOf(PhyDim2 v, int axis) { return axis == 0 ? v.h : v.w; }

} // namespace

BufShrScheme::BufShrScheme(const NodeRegion& region, const PartitionScheme& part,
                           const PerCategory<unsigned>& dataLoops)
{
    PerLoop<Group> loopGroups{groupOf(region, part, Parallel::Inpp), groupOf(region, part, Parallel::Outp),
                              batchGroup(region, part)};
    for (std::size_t d = 0; d < kNumDataCategories; ++d) {
        m_dims[d] = {1, 1};
        m_nbrDists[d] = {kInf, kInf};
        for (std::size_t l = 0; l < kNumLoops; ++l) {
            if ((dataLoops[d] & (1u << l)) == 0) {
                m_dims[d] = loopGroups[l].dim;
                m_nbrDists[d] = loopGroups[l].dists;
                break;
            }
        }
    }
}

int BufShrScheme::size(DataCategory d) const { return static_cast<int>(dim(d).size()); }

int BufShrScheme::priorityAxis(DataCategory d) const
{
    const auto& dists = neighborDist(d);
    return dists.second < dists.first ? 1 : 0;
}

PhyDim2 BufShrScheme::subgroupDim(DataCategory d, int s) const
{
    const int total = size(d);
    int rounded = s;
    while (rounded <= total && total % rounded != 0)
        ++rounded;
    if (s < 1 || rounded > total)
        return {0, 0};
    const int p = priorityAxis(d);
    const int onP = std::gcd(axisOf(dim(d), p), rounded);
    const int onOther = rounded / onP;
    return p == 0 ? PhyDim2{onP, onOther} : PhyDim2{onOther, onP};
}

double BufShrScheme::scaledHops(DataCategory d, PhyDim2 rel) const
{
    const auto& dists = neighborDist(d);
    double hops = 0;
    if (rel.h != 0)
        hops += rel.h * dists.first;
    if (rel.w != 0)
        hops += rel.w * dists.second;
    return hops;
}

PhyDim2 BufShrScheme::snakeCoordinate(int k, PhyDim2 dim, int p)
{
    const int extent = axisOf(dim, p);
    const int q = k / extent;
    int r = k % extent;
    if (q % 2 == 1)
        r = extent - 1 - r;
    return p == 0 ? PhyDim2{r, q} : PhyDim2{q, r};
}

double BufShrScheme::nhopsRotateAll(DataCategory d, int s, int units) const
{
    const PhyDim2 g = subgroupDim(d, s);
    if (g.h == 0)
        return std::numeric_limits<double>::quiet_NaN();
    const int p = priorityAxis(d);
    const int gp = axisOf(g, p);
    const int go = axisOf(g, 1 - p);
    const int nP = (gp - 1) * go;
    const int nO = go - 1;
    const double nbr = scaledHops(d, p == 0 ? PhyDim2{nP, nO} : PhyDim2{nO, nP});
    const double lpbk = scaledHops(d, snakeCoordinate(s - 1, g, p));
    const double unitCount = units > 0 ? units : s;
    const double skipped = std::max(1.0, s / unitCount);
    return (nbr + lpbk) * (s - skipped) / s * (size(d) / s);
}

double BufShrScheme::nhopsWideFetchOnce(DataCategory d, int s, double width) const
{
    if (width <= 1)
        return 0;
    if (width > s)
        return std::numeric_limits<double>::quiet_NaN();
    const double perStep = nhopsRotateAll(d, s) / (s - 1);
    const double cw = std::ceil(width - 1e-6);
    const double steps = (cw - 1) * cw / 2 - (cw - 1) * (cw - width);
    return perStep * steps / width;
}

} // namespace kapla
