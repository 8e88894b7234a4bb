#include "solve/kapla/kapla_memo.h"

#include "solve/kapla/layer_solver.h"

#include <string>

namespace kapla {

namespace {

using ksolve::KaplaParams;

// A new field of these types must join their keys below: the sizes make the build say so.
static_assert(sizeof(Options) == 80, "a new option: add it to appendOptionsKey");
// (windDown is left out: it only shapes a stopped solve, and a stopped solve stores nothing.)
static_assert(sizeof(KaplaParams) == 80, "a new KAPLA parameter: add it to appendParamsKey");
static_assert(sizeof(EnergyCosts) == 56, "a new energy: add it to appendContextKey");

// Every option a KAPLA solve reads (not the thread count, the time budget or the solver's name).
void appendOptionsKey(std::string& key, const Options& o)
{
    for (const int v :
         {static_cast<int>(o.goal), static_cast<int>(o.mapping), static_cast<int>(o.refetchRule), o.ntops})
        appendKeyBytes(key, v);
    for (const bool v : {o.gbufBypass[0], o.gbufBypass[1], o.gbufBypass[2], o.solveLoopblocking, o.accessForwarding,
                         o.gbufSharing, o.gbufSaveWriteback, o.partitionHybrid, o.partitionBatch, o.partitionIfmaps,
                         o.partitionInterlayer, o.layerPipelineOpt, o.frontierPruning})
        appendKeyBytes(key, v);
    appendKeyBytes(key, o.layerPipelineTimeOverhead);
    appendKeyBytes(key, o.layerPipelineMaxDegree);
}

void appendParamsKey(std::string& key, const KaplaParams& p)
{
    for (const int v :
         {p.exploreSegmentSets, p.partitionSampleMax, p.refinedPartitions, p.screenedShapes, p.rankedShapes,
          p.exactPartitions, p.exactBlockings, p.solvedCombinations, p.dominanceAttempts, p.inputLayouts})
        appendKeyBytes(key, v);
    for (const bool v : {p.everyReplication, p.everyPartition, p.dominancePruning})
        appendKeyBytes(key, v);
    appendKeyBytes(key, p.partitionSampleRatio);
    appendKeyBytes(key, p.segmentMargin);
}

void appendContextKey(std::string& key, const Options& options, const EnergyCosts& energy, const KaplaParams& params,
                      int batch)
{
    appendOptionsKey(key, options);
    appendParamsKey(key, params);
    appendKeyBytes(key, energy.mac);
    appendKeyBytes(key, energy.access);
    appendKeyBytes(key, energy.nocHop);
    appendKeyBytes(key, energy.idle);
    appendKeyBytes(key, batch);
}

void appendConstraintKey(std::string& key, const TopBlockingConstraint& c)
{
    for (const int v : {c.topbat, c.topifm, c.topofm, c.checkOrder ? 1 : 0})
        appendKeyBytes(key, v);
}

void appendLayoutKey(std::string& key, const DataLayout& layout)
{
    appendKeyBytes(key, layout.frngs.size());
    for (std::size_t i = 0; i < layout.frngs.size(); ++i) {
        appendKeyBytes(key, layout.frngs[i].beg);
        appendKeyBytes(key, layout.frngs[i].end);
        appendRegionKey(key, layout.regions[i]);
        appendPartitionKey(key, layout.parts[i]);
    }
}

// Everything ksolve::solveLayer reads (the pool and the blocking cache only share work).
std::string layerKey(const ksolve::LayerProblem& p)
{
    std::string key = layerShapeKey(*p.layer);
    appendContextKey(key, *p.options, *p.energy, *p.params, p.batch);
    appendResourceKey(key, *p.resource);
    appendConstraintKey(key, p.constraint);
    appendLayoutKey(key, *p.ifmapLayout);
    return key;
}

// Everything ksolve::estimateSegmentCost reads: the segment's index (it seeds the partition sample),
// its layers with their resources, its combinations' top factors and the whole-chip resource.
std::string segmentKey(const ksolve::SegmentPlan& plan, std::size_t segmentIndex,
                       const ksolve::SegmentEstimateContext& ctx)
{
    const Project& prj = *ctx.project;
    std::string key;
    appendContextKey(key, prj.options, *ctx.energy, *ctx.params, prj.batch);
    appendKeyBytes(key, ctx.seed);
    appendKeyBytes(key, segmentIndex);
    appendResourceKey(key, *ctx.top);
    const PipelineSegment& ps = plan.segment;
    appendKeyBytes(key, ps.seg.size());
    for (std::size_t sp = 0; sp < ps.seg.size(); ++sp) {
        appendKeyBytes(key, ps.seg[sp].size());
        for (std::size_t tm = 0; tm < ps.seg[sp].size(); ++tm) {
            key += layerShapeKey(prj.network.at(ps.seg[sp][tm]).layer);
            appendResourceKey(key, ps.alloc[sp][tm]);
        }
    }
    appendKeyBytes(key, plan.constraints.combos.size());
    for (const auto& combo : plan.constraints.combos)
        for (const auto& group : combo.layers)
            for (const auto& layer : group)
                appendConstraintKey(key, layer.top);
    return key;
}

} // namespace

KaplaMemo::KaplaMemo(std::size_t capacity)
    : m_layers(capacity)
    , m_segments(capacity)
{
}

KaplaMemo::Counts KaplaMemo::counts() const
{
    return {m_layersSolved.load(), m_layersReused.load(), m_segmentsEstimated.load(), m_segmentsReused.load()};
}

void KaplaMemo::resetCounts()
{
    m_layersSolved = 0;
    m_layersReused = 0;
    m_segmentsEstimated = 0;
    m_segmentsReused = 0;
}

std::size_t KaplaMemo::size() const { return m_layers.size() + m_segments.size(); }

std::optional<ksolve::LayerSolution> KaplaMemo::solveLayer(const ksolve::LayerProblem& p,
                                                           ksolve::SolveCounters& counters, const std::stop_token& stop)
{
    const std::string key = layerKey(p);
    if (const auto hit = m_layers.find(key)) {
        ++m_layersReused;
        return *hit;
    }
    auto solved = ksolve::solveLayer(p, counters, stop);
    if (stop.stop_requested())
        return std::nullopt;
    ++m_layersSolved;
    m_layers.insert(key, std::make_shared<const std::optional<ksolve::LayerSolution>>(solved));
    return solved;
}

ksolve::SegmentEstimate KaplaMemo::estimateSegment(const ksolve::SegmentPlan& plan, std::size_t segmentIndex,
                                                   const ksolve::SegmentEstimateContext& ctx)
{
    const std::string key = segmentKey(plan, segmentIndex, ctx);
    if (const auto hit = m_segments.find(key)) {
        ++m_segmentsReused;
        return *hit;
    }
    auto estimate = ksolve::estimateSegmentCost(plan, segmentIndex, ctx);
    if (ctx.stop.stop_requested())
        return estimate;
    ++m_segmentsEstimated;
    m_segments.insert(key, std::make_shared<const ksolve::SegmentEstimate>(estimate));
    return estimate;
}

} // namespace kapla
