#include "solve/ml/design_space.h"

#include "cost/buf_shr.h"
#include "cost/data_layout.h"
#include "cost/fmap_layouts.h"
#include "cost/map_strategy.h"
#include "schedule/partition.h"

#include <algorithm>
#include <cmath>

namespace kapla::ml {

/// A partition with what measuring its points needs.
struct DesignSpace::Partition {
    PartitionScheme scheme;
    PartitionedLayer pl;
    std::vector<NestedLoopDesc> nlds;
    BufShrScheme bufshr;
    DataLayout ofmapLayout;
    PerCategory<double> unitNhops{0, 0, 0};
};

DesignSpace::DesignSpace(const Project& project, const Architecture& arch, LayerId layer, const LayerCondition& cond,
                         const std::function<bool()>& stopped)
    : m_project(project)
    , m_arch(arch)
    , m_layer(layer)
    , m_cond(cond)
{
    const Layer& l = project.network.at(layer).layer;
    const Resource& res = *cond.resource;
    const bool forwarding = project.options.accessForwarding || project.options.gbufSharing;
    for (const PartitionScheme& scheme : genPartitions(l, project.batch, res.procRegion.dim, project.options, true)) {
        if (stopped && stopped()) {
            m_blocks.clear();
            m_size = 0;
            return;
        }
        auto part = std::make_shared<Partition>();
        part->scheme = scheme;
        part->pl = scheme.partLayer(l, project.batch);
        part->nlds = mapLayer(part->pl.layer, part->pl.batch, part->pl.occupancy, arch.peArray, project.options.mapping,
                              part->pl.rwData);
        part->bufshr = BufShrScheme(res.procRegion, scheme, part->pl.layer.dataLoops());
        part->ofmapLayout = layoutOnRegion(fullFmapRange(project.batch, l), res.dstDataRegion, scheme);
        part->unitNhops = unitNhopsToProcRegion(l, project.batch, res.procRegion, scheme, res.dramRegion,
                                                *cond.ifmapLayout, part->ofmapLayout, forwarding);
        for (std::size_t n = 0; n < part->nlds.size(); ++n) {
            Block b{m_parts.size(), n, loopBlockingFactorSpace(part->nlds[n], &cond.constraint), m_size};
            if (b.factors.size() == 0)
                continue;
            m_size += b.factors.size();
            m_blocks.push_back(std::move(b));
        }
        m_parts.push_back(std::move(part));
    }
}

DesignSpace::Digits DesignSpace::digitsOf(std::int64_t point) const
{
    const auto it = std::upper_bound(m_blocks.begin(), m_blocks.end(), point,
                                     [](std::int64_t p, const Block& b) { return p < b.begin; });
    Digits d;
    d.block = static_cast<std::size_t>(it - m_blocks.begin()) - 1;
    const LoopBlockingFactorSpace& f = m_blocks[d.block].factors;
    const std::int64_t within = point - m_blocks[d.block].begin;
    const auto nb = static_cast<std::int64_t>(f.tb.size()), no = static_cast<std::int64_t>(f.to.size());
    d.tb = within % nb;
    d.to = within / nb % no;
    d.ti = within / nb / no;
    return d;
}

std::int64_t DesignSpace::pointOf(const Digits& d) const
{
    const Block& b = m_blocks[d.block];
    const auto nb = static_cast<std::int64_t>(b.factors.tb.size()), no = static_cast<std::int64_t>(b.factors.to.size());
    return b.begin + (d.ti * no + d.to) * nb + d.tb;
}

std::vector<double> DesignSpace::features(std::int64_t point) const
{
    const Digits d = digitsOf(point);
    const Block& b = m_blocks[d.block];
    const Partition& p = *m_parts[b.part];
    const NestedLoopDesc& nld = p.nlds[b.nld];
    std::vector<double> f;
    for (const Parallel par : p.scheme.order)
        f.push_back(static_cast<double>(par));
    for (const PhyDim2& pd : p.scheme.pdims) {
        f.push_back(pd.h);
        f.push_back(pd.w);
    }
    const auto tvals = b.factors.tvalsAt(point - b.begin);
    for (const auto& level : tvals)
        for (const int t : level)
            f.push_back(std::log2(t));
    for (const int c : nld.loopcnt)
        f.push_back(std::log2(c));
    for (const double u : nld.usizeRegf)
        f.push_back(u);
    for (const double u : nld.usizeGbuf)
        f.push_back(u);
    f.push_back(m_cond.resource->sizeRegf);
    f.push_back(m_cond.resource->sizeGbuf);
    return f;
}

std::int64_t DesignSpace::neighbour(std::int64_t point, std::mt19937_64& rng) const
{
    Digits d = digitsOf(point);
    std::normal_distribution<double> gauss(0.0, 1.0);
    auto step = static_cast<std::int64_t>(std::lround(gauss(rng)));
    if (step == 0)
        step = rng() % 2 ? 1 : -1;
    const auto move = [step](std::int64_t v, std::int64_t radix) {
        return std::clamp<std::int64_t>(v + step, 0, radix - 1);
    };
    const Block& b = m_blocks[d.block];
    switch (rng() % 4) {
    case 0: {
        d.block = static_cast<std::size_t>(
            move(static_cast<std::int64_t>(d.block), static_cast<std::int64_t>(m_blocks.size())));
        // Another mapping or partition has other factor lists: keep each digit's relative position.
        const LoopBlockingFactorSpace& nf = m_blocks[d.block].factors;
        const auto rescale = [](std::int64_t v, std::size_t from, std::size_t to) {
            return std::min<std::int64_t>(v * static_cast<std::int64_t>(to) / static_cast<std::int64_t>(from),
                                          static_cast<std::int64_t>(to) - 1);
        };
        d.ti = rescale(d.ti, b.factors.ti.size(), nf.ti.size());
        d.to = rescale(d.to, b.factors.to.size(), nf.to.size());
        d.tb = rescale(d.tb, b.factors.tb.size(), nf.tb.size());
        break;
    }
    case 1: d.ti = move(d.ti, static_cast<std::int64_t>(b.factors.ti.size())); break;
    case 2: d.to = move(d.to, static_cast<std::int64_t>(b.factors.to.size())); break;
    default: d.tb = move(d.tb, static_cast<std::int64_t>(b.factors.tb.size())); break;
    }
    return pointOf(d);
}

Measurement DesignSpace::measure(std::int64_t point, std::atomic<std::int64_t>* evaluations) const
{
    const Digits d = digitsOf(point);
    const Block& b = m_blocks[d.block];
    const Partition& p = *m_parts[b.part];
    const NestedLoopDesc& nld = p.nlds[b.nld];
    const Options& opt = m_project.options;
    const LoopBlockingContext ctx{m_cond.resource, &p.bufshr, &opt, m_arch.energy.access};
    const auto tops = searchLoopBlockingOrders(nld, ctx, m_cond.constraint, b.factors.tvalsAt(point - b.begin),
                                               evaluations);
    Measurement m;
    if (tops.empty())
        return m;
    const LayerEvaluation le = makeLayerEvaluation(nld, tops.front(), p.unitNhops, p.scheme, m_cond, m_arch.energy);
    m.valid = true;
    m.cost = le.cost;
    m.time = le.time;
    m.blocking = tops.front();
    switch (opt.goal) {
    case Goal::Energy: m.score = le.cost; break;
    case Goal::Delay: m.score = static_cast<double>(le.time); break;
    case Goal::EnergyDelay: m.score = le.cost * static_cast<double>(le.time); break;
    }
    return m;
}

std::shared_ptr<const LayerChoice> DesignSpace::choice(std::int64_t point, const Measurement& m) const
{
    const Digits d = digitsOf(point);
    const Block& b = m_blocks[d.block];
    const Partition& p = *m_parts[b.part];
    auto c = std::make_shared<LayerChoice>();
    c->layer = m_layer;
    c->blocking = m.blocking.blocking;
    c->eval = makeLayerEvaluation(p.nlds[b.nld], m.blocking, p.unitNhops, p.scheme, m_cond, m_arch.energy);
    c->eval.name = m_project.network.at(m_layer).name;
    c->ofmapLayout = p.ofmapLayout;
    return c;
}

} // namespace kapla::ml
