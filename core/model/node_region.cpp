#include "model/node_region.h"

#include <algorithm>
#include <cstdlib>
#include <numeric>

namespace kapla {

NodeRegion NodeRegion::make(PhyDim2 dim, PhyDim2 origin, Type type, PhyDim2 dist)
{
    NodeRegion r;
    r.dim = dim;
    r.origin = origin;
    r.dist = dist;
    r.type = type;
    r.wtot = dim.w;
    r.wbeg = dim.w;
    return r;
}

PhyDim2 NodeRegion::rel2abs(PhyDim2 rel) const
{
    const int tot = foldWidth();
    const int beg = firstRun();
    const int shifted = rel.w + tot - std::abs(beg);
    const int fold = shifted / tot;
    const int inFold = shifted % tot;
    const int direction = (beg < 0 ? -1 : 1) * (fold % 2 == 1 ? -1 : 1);
    const int w = direction > 0 ? inFold : tot - 1 - inFold;
    const int offset = beg > 0 ? tot - beg : -beg - 1;
    const PhyDim2 relPos{fold * dim.h + rel.h, w - offset};
    return origin + relPos * dist;
}

std::vector<PhyDim2> NodeRegion::nodes() const
{
    std::vector<PhyDim2> out;
    out.reserve(static_cast<std::size_t>(std::max<std::int64_t>(dim.size(), 0)));
    for (int h = 0; h < dim.h; ++h)
        for (int w = 0; w < dim.w; ++w)
            out.push_back(rel2abs({h, w}));
    return out;
}

bool NodeRegion::contains(PhyDim2 coord) const
{
    for (int h = 0; h < dim.h; ++h)
        for (int w = 0; w < dim.w; ++w)
            if (rel2abs({h, w}) == coord)
                return true;
    return false;
}

std::vector<NodeRegion> NodeRegion::allocate(const std::vector<int>& requests) const
{
    const long long total = std::accumulate(requests.begin(), requests.end(), 0LL);
    if (total > dim.size() || requests.empty())
        return {};
    int stripe = dim.h;
    for (const int r : requests)
        stripe = std::gcd(stripe, r);

    std::vector<NodeRegion> out;
    int oh = 0, ow = 0;
    bool moveRight = true;
    for (const int r : requests) {
        const int width = r / stripe;
        NodeRegion sub;
        sub.dim = {stripe, width};
        sub.dist = dist;
        sub.type = type;
        sub.wtot = dim.w;
        const int run = std::min(dim.w - ow, width);
        const PhyDim2 relOrigin = moveRight ? PhyDim2{oh, ow} : PhyDim2{oh, dim.w - ow - 1};
        sub.wbeg = moveRight ? run : -run;
        sub.origin = origin + relOrigin * dist;
        out.push_back(sub);
        ow += width;
        while (ow >= dim.w) {
            ow -= dim.w;
            oh += stripe;
            moveRight = !moveRight;
        }
    }
    return out;
}

} // namespace kapla
