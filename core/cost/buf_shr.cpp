#include "cost/buf_shr.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <numeric>
#include <optional>
#include <utility>

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

/// The parallelisms whose nodes differ only in a loop's index (so they hold equal data of the
/// categories unrelated to it): IFM ↔ INPP, OFM ↔ OUTP, BAT ↔ OFMP and/or BATP. The batch loop is
/// split over OFMP and/or BATP; when both are used and adjacent in the hierarchy they form one
/// rectangular group, otherwise only the lower one holds equal data.
struct LoopParallels {
    std::array<Parallel, 2> p{Parallel::Inpp, Parallel::Inpp};
    int n = 1;
};

LoopParallels loopParallels(const PartitionScheme& part, int loop)
{
    if (loop == static_cast<int>(LoopDim::Ifm))
        return {{Parallel::Inpp, Parallel::Inpp}, 1};
    if (loop == static_cast<int>(LoopDim::Ofm))
        return {{Parallel::Outp, Parallel::Outp}, 1};
    if (part.pdim(Parallel::Ofmp).size() == 1)
        return {{Parallel::Batp, Parallel::Batp}, 1};
    if (part.pdim(Parallel::Batp).size() == 1)
        return {{Parallel::Ofmp, Parallel::Ofmp}, 1};
    const int iOfmp = orderIndex(part, Parallel::Ofmp);
    const int iBatp = orderIndex(part, Parallel::Batp);
    if (std::abs(iOfmp - iBatp) == 1)
        return {{Parallel::Batp, Parallel::Ofmp}, 2};
    const Parallel lower = iOfmp > iBatp ? Parallel::Ofmp : Parallel::Batp;
    return {{lower, lower}, 1};
}

/// The first loop not indexing a category decides its sharing group (-1: indexed by every loop).
int firstUnrelatedLoop(unsigned dataLoops)
{
    for (int l = 0; l < kNumLoops; ++l)
        if ((dataLoops & (1u << l)) == 0)
            return l;
    return -1;
}

PhyDim2 groupDim(const PartitionScheme& part, const LoopParallels& lp)
{
    PhyDim2 dim = part.pdim(lp.p[0]);
    if (lp.n == 2)
        dim = dim * part.pdim(lp.p[1]);
    return dim;
}

int axisOf(PhyDim2 v, int axis) { return axis == 0 ? v.h : v.w; }

} // namespace

BufShrScheme::BufShrScheme() { tabulateRotations(); }

BufShrScheme::BufShrScheme(const NodeRegion& region, const PartitionScheme& part,
                           const PerCategory<unsigned>& dataLoops)
{
    // Categories often share a parallelism, and each distance walks every node: one walk per parallelism.
    std::array<std::optional<std::pair<double, double>>, kNumParallels> walked;
    const auto neighborDist = [&](Parallel p) {
        auto& d = walked[static_cast<std::size_t>(p)];
        if (!d)
            d = part.neighborDist(region, p);
        return *d;
    };
    for (std::size_t d = 0; d < kNumDataCategories; ++d) {
        m_dims[d] = {1, 1};
        m_nbrDists[d] = {kInf, kInf};
        const int loop = firstUnrelatedLoop(dataLoops[d]);
        if (loop < 0)
            continue;
        const LoopParallels lp = loopParallels(part, loop);
        m_dims[d] = groupDim(part, lp);
        m_nbrDists[d] = neighborDist(lp.p[0]);
        if (lp.n == 2) {
            const auto other = neighborDist(lp.p[1]);
            m_nbrDists[d] = {std::min(m_nbrDists[d].first, other.first), std::min(m_nbrDists[d].second, other.second)};
        }
    }
    tabulateRotations();
}

PerCategory<int> BufShrScheme::groupSizes(const PartitionScheme& part, const PerCategory<unsigned>& dataLoops)
{
    PerCategory<int> out{1, 1, 1};
    for (std::size_t d = 0; d < kNumDataCategories; ++d)
        if (const int loop = firstUnrelatedLoop(dataLoops[d]); loop >= 0)
            out[d] = static_cast<int>(groupDim(part, loopParallels(part, loop)).size());
    return out;
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

double BufShrScheme::rotationBase(DataCategory d, int s, PhyDim2 g) const
{
    const int p = priorityAxis(d);
    const int gp = axisOf(g, p);
    const int go = axisOf(g, 1 - p);
    const int nP = (gp - 1) * go;
    const int nO = go - 1;
    const double nbr = scaledHops(d, p == 0 ? PhyDim2{nP, nO} : PhyDim2{nO, nP});
    const double lpbk = scaledHops(d, snakeCoordinate(s - 1, g, p));
    return nbr + lpbk;
}

void BufShrScheme::tabulateRotations()
{
    for (std::size_t d = 0; d < kNumDataCategories; ++d) {
        const auto cat = static_cast<DataCategory>(d);
        const int n = size(cat);
        auto& table = m_rotationBase[d];
        table.assign(static_cast<std::size_t>(n) + 1, std::numeric_limits<double>::quiet_NaN());
        // Walk down so that each size knows the divisor subgroupDim rounds it up to.
        PhyDim2 g{0, 0};
        for (int s = n; s >= 1; --s) {
            if (n % s == 0)
                g = subgroupDim(cat, s);
            table[static_cast<std::size_t>(s)] = rotationBase(cat, s, g);
        }
    }
}

double BufShrScheme::nhopsRotateAll(DataCategory d, int s, int units) const
{
    const auto& table = m_rotationBase[static_cast<std::size_t>(d)];
    if (s < 1 || static_cast<std::size_t>(s) >= table.size())
        return std::numeric_limits<double>::quiet_NaN();
    const double base = table[static_cast<std::size_t>(s)];
    if (std::isnan(base))
        return base;
    const double unitCount = units > 0 ? units : s;
    const double skipped = std::max(1.0, s / unitCount);
    return base * (s - skipped) / s * (size(d) / s);
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
