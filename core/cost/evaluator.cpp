#include "cost/evaluator.h"

#include "cost/buf_shr.h"
#include "cost/data_layout.h"
#include "cost/fmap_layouts.h"
#include "cost/layer_cost.h"
#include "cost/loop_blocking.h"
#include "cost/map_strategy.h"
#include "cost/network_totals.h"
#include "cost/pipeline_segment.h"
#include "cost/sched_dag.h"
#include "cost/segment_timing.h"
#include "util/text_format.h"

#include <cmath>
#include <map>
#include <set>
#include <string_view>

namespace kapla {

namespace {

std::string num(std::int64_t v) { return groupDigits(v); }

std::string wordsText(double v)
{
    return std::abs(v - std::round(v)) < 1e-9 ? groupDigits(static_cast<std::int64_t>(std::round(v)))
                                              : std::to_string(v);
}

const char* categoryName(std::size_t d) { return d == 0 ? "FIL" : d == 1 ? "IFM" : "OFM"; }
const char* loopName(std::size_t l) { return l == 0 ? "IFM" : l == 1 ? "OFM" : "BAT"; }

// The state carried from layer to layer: where every produced fmap lives.
struct LayoutBook {
    DataLayout input;
    std::map<std::string, DataLayout> byName; // externals and scheduled layers
};

// Working state of one evaluation.
struct EvalState {
    const Project& project;
    const Architecture& arch;
    const Schedule& schedule;
    Resource top;
    LayoutBook layouts;
    Diagnostics reasons;
    std::set<std::string> failed; // layers placed before their producers
    Evaluation eval;
    std::vector<ScheduledLayer> scheduled;
    std::map<std::string_view, const LayerSchedule*> directivesByName{}; // Schedule::find's answers, for deep networks

    void reason(std::string key, std::string message)
    {
        reasons.push_back(makeError(std::move(key), std::move(message)));
    }

    const LayerSchedule* directivesOf(const std::string& layer) const
    {
        const auto it = directivesByName.find(layer);
        return it == directivesByName.end() ? nullptr : it->second;
    }
};

// The first directives of every layer name, as Schedule::find gives them.
std::map<std::string_view, const LayerSchedule*> indexDirectives(const Schedule& schedule)
{
    std::map<std::string_view, const LayerSchedule*> out;
    for (const auto& seg : schedule.segments)
        for (const auto& l : seg.layers)
            out.emplace(l.layer, &l);
    return out;
}

void checkCoverage(EvalState& st)
{
    const Network& net = st.project.network;
    std::map<std::string, int> seen;
    for (const auto& seg : st.schedule.segments)
        for (const auto& g : seg.groups)
            for (const auto& name : g)
                ++seen[name];
    for (const auto& [name, count] : seen) {
        if (!net.find(name).valid())
            st.reason(name, "schedule names layer '" + name + "', which the network does not have");
        else if (count > 1)
            st.reason(name, "layer '" + name + "' is scheduled " + std::to_string(count) + " times");
    }
    for (const auto& l : net.layers())
        if (!seen.count(l.name))
            st.reason(l.name, "layer '" + l.name + "' is not scheduled in any segment");
    for (std::size_t s = 0; s < st.schedule.segments.size(); ++s)
        for (const auto& g : st.schedule.segments[s].groups)
            for (const auto& name : g)
                if (!st.directivesOf(name))
                    st.reason(name, "segment " + std::to_string(s + 1) + ": layer '" + name + "' has no directives");
    if (st.schedule.batch != st.project.batch)
        st.reason("batch", "schedule is for batch " + std::to_string(st.schedule.batch) + ", the project has batch "
                               + std::to_string(st.project.batch));
}

bool initLayouts(EvalState& st)
{
    const Network& net = st.project.network;
    PartitionScheme ip = st.schedule.inputPartition;
    // An omitted input partition means the reference's first input layout (§5.7 tops[None]).
    if (ip == PartitionScheme{} && st.top.srcDataRegion.dim != PhyDim2{1, 1}) {
        const auto parts = genPartitions(net.input(), st.project.batch, st.top.srcDataRegion.dim, st.project.options,
                                         true);
        if (!parts.empty())
            ip = parts.front();
    }
    if (ip.dim() != st.top.srcDataRegion.dim) {
        st.reason("input_partition", "input partition covers " + ip.dim().toString() + " but the DRAM region is "
                                         + st.top.srcDataRegion.dim.toString());
        return false;
    }
    st.layouts.input = layoutOnRegion(fullFmapRange(st.project.batch, net.input()), st.top.srcDataRegion, ip);
    for (const auto& e : net.externals())
        st.layouts.byName[e.name] = layoutOnRegion(fullFmapRange(st.project.batch, e.layer), st.top.srcDataRegion, ip);
    return true;
}

// The ifmap layout of a layer: its producers' layouts concatenated, moved onto a forwarding region if any.
DataLayout ifmapLayoutOf(const EvalState& st, const NetworkLayer& nl, const NodeRegion* fwd)
{
    std::vector<DataLayout> parts;
    for (const auto& p : nl.prevs)
        parts.push_back(p == Network::kInputName ? st.layouts.input : st.layouts.byName.at(p));
    DataLayout layout = DataLayout::concat(parts);
    return fwd ? forwardedLayout(std::move(layout), *fwd) : layout;
}

const NestedLoopDesc* pickMapping(EvalState& st, const std::vector<NestedLoopDesc>& nlds, const LayerSchedule& ls)
{
    PerLoop<int> product{1, 1, 1};
    for (const auto& lvl : ls.blocking.tvals)
        for (std::size_t l = 0; l < 3; ++l)
            product[l] *= lvl[l];
    for (const auto& n : nlds) {
        const bool replOk = (!ls.replIfms || *ls.replIfms == n.replIfms)
                         && (!ls.replOfms || *ls.replOfms == n.replOfms);
        if (replOk && n.loopcnt == product)
            return &n;
    }
    // No exact match: explain against the requested (or first) mapping choice.
    const NestedLoopDesc* ref = &nlds.front();
    for (const auto& n : nlds)
        if ((!ls.replIfms || *ls.replIfms == n.replIfms) && (!ls.replOfms || *ls.replOfms == n.replOfms)) {
            ref = &n;
            break;
        }
    if ((ls.replIfms && *ls.replIfms != ref->replIfms) || (ls.replOfms && *ls.replOfms != ref->replOfms)) {
        st.reason(ls.layer, ls.layer + ": no array-mapping choice replicates " + std::to_string(ls.replIfms.value_or(0))
                                + " input x " + std::to_string(ls.replOfms.value_or(0)) + " output channels");
        return nullptr;
    }
    for (std::size_t l = 0; l < 3; ++l) {
        const auto& t = ls.blocking.tvals;
        if (product[l] != ref->loopcnt[l])
            st.reason(ls.layer, ls.layer + ": " + loopName(l) + " blocking factors " + std::to_string(t[0][l]) + "·"
                                    + std::to_string(t[1][l]) + "·" + std::to_string(t[2][l]) + " ≠ loop count "
                                    + std::to_string(ref->loopcnt[l]));
    }
    return nullptr;
}

// Names every buffer that overflows (the reference only says "invalid").
void explainCapacity(EvalState& st, const LayerSchedule& ls, const NestedLoopDesc& nld, const Resource& res,
                     const Options& opt)
{
    const auto& t = ls.blocking.tvals;
    double gbuf = 0, regf = 0;
    PerCategory<double> g{}, r{};
    for (std::size_t d = 0; d < 3; ++d) {
        double cntG = 1, cntR = 1;
        for (std::size_t l = 0; l < 3; ++l)
            if (nld.dataLoops[d] & (1u << l)) {
                cntG *= t[1][l] * t[2][l];
                cntR *= t[2][l];
            }
        g[d] = opt.gbufBypass[d] ? 0 : cntG * nld.usizeGbuf[d];
        r[d] = cntR * nld.usizeRegf[d];
        gbuf += g[d];
        regf += r[d];
    }
    bool named = false;
    const auto report = [&](const char* level, const PerCategory<double>& sizes, double total, double cap) {
        if (total <= cap)
            return;
        std::string parts;
        for (std::size_t d = 0; d < 3; ++d)
            parts += std::string(d ? ", " : "") + categoryName(d) + " " + wordsText(sizes[d]);
        st.reason(ls.layer, ls.layer + ": " + level + " blocks need " + wordsText(total) + " words (" + parts
                                + ") > capacity " + wordsText(cap) + " words");
        named = true;
    };
    report("REGF", r, regf, res.sizeRegf);
    report("GBUF", g, gbuf, res.sizeGbuf);
    if (!named)
        st.reason(ls.layer, ls.layer
                                + ": the blocking does not fit once the fetch rules apply (e.g. on-chip "
                                  "forwarded data refetched from its producer, or buffers too small after sharing)");
}

struct LayerPlace {
    int segment;
    SchedIndex at;
    const Resource* resource;
    const NodeRegion* fwd;
};

// Evaluates one layer; false (with reasons) if its directives do not fit.
bool evaluateLayer(EvalState& st, LayerId id, const LayerPlace& place, PipelineSegmentTiming& timing)
{
    const Network& net = st.project.network;
    const Options& opt = st.project.options;
    const NetworkLayer& nl = net.at(id);
    const LayerSchedule* directives = st.directivesOf(nl.name);
    if (!directives)
        return false; // reported by the coverage check
    const LayerSchedule& ls = *directives;
    const Resource& res = *place.resource;
    const int batch = st.project.batch;

    if (ls.partition.dim() != res.procRegion.dim) {
        st.reason(nl.name, nl.name + ": partition covers " + ls.partition.dim().toString() + " nodes but its region is "
                               + res.procRegion.dim.toString());
        return false;
    }
    for (const auto& p : nl.prevs) {
        if (p == Network::kInputName || st.layouts.byName.count(p))
            continue;
        if (!st.failed.count(p)) // else its own failure is already reported
            st.reason(nl.name, nl.name + ": scheduled before its producer '" + p + "'");
        st.failed.insert(nl.name);
        return false;
    }
    const DataLayout ofmap = layoutOnRegion(fullFmapRange(batch, nl.layer), res.dstDataRegion, ls.partition);
    st.layouts.byName[nl.name] = ofmap;
    const PartitionedLayer pl = ls.partition.partLayer(nl.layer, batch);
    const auto nlds = mapLayer(pl.layer, pl.batch, pl.occupancy, res.dimArray, opt.mapping, pl.rwData);
    if (nlds.empty()) {
        st.reason(nl.name,
                  nl.name + ": the " + std::string(mappingKeyword(opt.mapping)) + " mapping cannot map this layer");
        return false;
    }
    const NestedLoopDesc* nld = pickMapping(st, nlds, ls);
    if (!nld)
        return false;

    const BufShrScheme bufshr(res.procRegion, ls.partition, nld->dataLoops);
    LoopBlockingContext ctx;
    ctx.resource = &res;
    ctx.bufshr = &bufshr;
    ctx.options = &opt;
    ctx.accessEnergy = st.arch.energy.access;
    const LoopBlockingResult lbs = evaluateLoopBlocking(*nld, ls.blocking, ctx);
    if (!lbs.valid) {
        explainCapacity(st, ls, *nld, res, opt);
        return false;
    }

    const DataLayout ifmap = ifmapLayoutOf(st, nl, place.fwd);
    const bool forwarding = opt.accessForwarding || opt.gbufSharing;
    const auto unitNhops = unitNhopsToProcRegion(nl.layer, batch, res.procRegion, ls.partition, res.dramRegion, ifmap,
                                                 ofmap, forwarding);

    LayerEvaluation le;
    le.name = nl.name;
    le.segment = place.segment;
    le.spatial = place.at.sp;
    le.temporal = place.at.tm;
    le.region = res.procRegion;
    le.partition = ls.partition;
    le.replIfms = nld->replIfms;
    le.replOfms = nld->replOfms;
    le.blocking = ls.blocking;
    le.gbufCapacity = res.sizeGbuf;
    le.regfCapacity = res.sizeRegf;
    fillLayerCost(le, lbs.stats, unitNhops, st.arch.energy);

    ScheduledLayer sl;
    sl.layer = id;
    sl.totals.cost = le.cost;
    sl.totals.staticCost = le.energy.stat;
    sl.totals.time = le.time;
    sl.totals.ops = le.ops;
    for (std::size_t m = 0; m < kNumMemLevels; ++m)
        sl.totals.accesses[m] = le.access[m][0] + le.access[m][1] + le.access[m][2];
    sl.totals.accesses[1] += le.remoteGbufAccess[0] + le.remoteGbufAccess[1] + le.remoteGbufAccess[2];
    for (std::size_t d = 0; d < 3; ++d)
        sl.totals.nocHops += le.nodeNhops[d] + le.memNhops[d];
    sl.timing.seq = {place.segment, place.at.sp, place.at.tm};
    sl.timing.time = le.time;
    sl.timing.nodeTime = std::max(le.procTime, le.busTime);
    sl.timing.dramTime = le.dramTime;
    sl.timing.numNodes = static_cast<int>(res.procRegion.dim.size());
    sl.timing.topFactors = ls.blocking.tvals[0];
    sl.timing.topOrders = le.blocking.orders[0];
    if (Diagnostics d = timing.add(id, sl.timing); !d.empty()) {
        for (auto& e : d)
            st.reasons.push_back(std::move(e));
        return false;
    }
    st.scheduled.push_back(sl);
    st.eval.layers.push_back(std::move(le));
    return true;
}

// Regions of the groups when the schedule fixes node counts (else the allocator's).
bool applyNodeCounts(EvalState& st, PipelineSegment& ps, const SegmentSchedule& seg, int index)
{
    if (seg.nodes.empty() || seg.nodes == ps.proc.nodes)
        return true;
    const std::string name = "segment " + std::to_string(index + 1);
    if (seg.nodes.size() != seg.groups.size()) {
        st.reason("nodes", name + ": " + std::to_string(seg.nodes.size()) + " node counts for "
                               + std::to_string(seg.groups.size()) + " spatial groups");
        return false;
    }
    long long total = 0;
    for (const int n : seg.nodes)
        total += n;
    const auto mesh = st.arch.procRegion.dim.size();
    if (total > mesh) {
        st.reason("nodes", name + ": " + num(total) + " nodes allocated, mesh has " + num(mesh));
        return false;
    }
    const auto regions = seg.groups.size() == 1 && total == mesh ? std::vector<NodeRegion>{st.arch.procRegion}
                                                                 : st.arch.procRegion.allocate(seg.nodes);
    if (regions.size() != seg.groups.size()) {
        st.reason("nodes", name + ": node counts cannot be laid out as stripes of the mesh");
        return false;
    }
    for (auto& group : ps.alloc)
        for (auto& r : group)
            for (std::size_t g = 0; g < regions.size(); ++g) {
                if (r.srcDataRegion == ps.proc.regions[g])
                    r.srcDataRegion = regions[g];
                if (r.dstDataRegion == ps.proc.regions[g])
                    r.dstDataRegion = regions[g];
            }
    for (std::size_t g = 0; g < regions.size(); ++g)
        for (auto& r : ps.alloc[g])
            r.procRegion = regions[g];
    ps.proc.regions = regions;
    ps.proc.nodes = seg.nodes;
    return true;
}

// Start and done times inside the segment: the "_xb" units of the timing divided by the batch groups;
// done covers the last batch group, which trails the first by the critical time per group.
void setLayerTimes(EvalState& st, const PipelineSegmentTiming& timing)
{
    const std::int64_t bat = timing.batNgrp();
    const std::int64_t critical = timing.criticalTime();
    for (const auto& group : timing.groups())
        for (const auto& t : group) {
            const std::string& name = st.project.network.at(t.layer).name;
            for (auto it = st.eval.layers.rbegin(); it != st.eval.layers.rend(); ++it)
                if (it->name == name) {
                    it->startTime = t.startXb / bat;
                    it->doneTime = (t.doneXb + critical * (bat - 1)) / bat;
                    break;
                }
        }
}

bool evaluateSegment(EvalState& st, int index)
{
    const Network& net = st.project.network;
    const SegmentSchedule& seg = st.schedule.segments[static_cast<std::size_t>(index)];
    Segment ids;
    for (const auto& g : seg.groups) {
        ids.emplace_back();
        for (const auto& name : g) {
            const LayerId id = net.find(name);
            if (!id.valid())
                return false; // unknown layer: reported by the coverage check
            ids.back().push_back(id);
        }
    }
    PipelineSegmentParams params;
    params.batch = st.project.batch;
    params.withOpt = st.project.options.layerPipelineOpt;
    PipelineSegment ps = buildPipelineSegment(ids, net, st.top, params);
    if (!ps.valid()) {
        st.reason("segments", "segment " + std::to_string(index + 1) + ": " + ps.reason);
        return false;
    }
    if (!applyNodeCounts(st, ps, seg, index))
        return false;
    const auto fwd = forwardingRegions(ps);
    PipelineSegmentTiming timing(net, index);
    bool ok = true;
    for (std::size_t sp = 0; sp < ids.size(); ++sp)
        for (std::size_t tm = 0; tm < ids[sp].size(); ++tm) {
            const auto f = fwd.find(SchedIndex{static_cast<int>(sp), static_cast<int>(tm)});
            const LayerPlace place{index,
                                   {static_cast<int>(sp), static_cast<int>(tm)},
                                   &ps.alloc[sp][tm],
                                   f == fwd.end() ? nullptr : &f->second};
            ok = evaluateLayer(st, ids[sp][tm], place, timing) && ok;
        }
    if (!ok)
        return false;
    setLayerTimes(st, timing);
    SegmentEvaluation se;
    se.groups = seg.groups;
    se.regions = ps.proc.regions;
    se.time = timing.time();
    se.criticalTime = timing.criticalTime();
    se.nodeTime = timing.nodeTime();
    se.dramTime = timing.dramTime();
    se.timeOverhead = timing.timeOverhead();
    se.batchGroups = timing.batNgrp();
    st.eval.segments.push_back(std::move(se));
    return true;
}

void computeTotals(EvalState& st)
{
    std::vector<LayerTotalsInput> layers;
    for (const auto& s : st.scheduled)
        layers.push_back(s.totals);
    std::vector<SegmentTimes> segs;
    for (const auto& s : st.eval.segments)
        segs.push_back({s.time, s.criticalTime, s.dramTime});
    const bool covers = st.eval.segments.size() == 1;
    const NetworkTotals t = computeNetworkTotals(layers, segs, covers);
    Evaluation& e = st.eval;
    e.totalCost = t.totalCost;
    e.totalTime = t.totalTime;
    e.totalOps = t.totalOps;
    e.totalAccesses = t.totalAccesses;
    e.totalNocHops = t.totalNocHops;
    for (const auto& l : e.layers)
        e.breakdown += l.energy;
    // Static energy follows the pipelined end-to-end time, not the sum of layer times (§3.4).
    if (t.sumTime > 0)
        e.breakdown.stat = t.sumStaticCost * static_cast<double>(t.totalTime) / static_cast<double>(t.sumTime);
}

} // namespace

Result<Evaluation> evaluateSchedule(const ResolvedProject& resolved, const Schedule& schedule)
{
    // A schedule made under another array mapping is evaluated under that mapping: its replication
    // choices only exist there.
    const Project& project = resolved.project();
    if (schedule.mapping && *schedule.mapping != project.options.mapping) {
        Options under = project.options;
        under.mapping = *schedule.mapping;
        return evaluateSchedule(resolved.withOptions(std::move(under)), schedule);
    }
    const Architecture& arch = resolved.architecture();
    EvalState st{project, arch, schedule, topLevelResource(arch), {}, {}, {}, {}, {}, indexDirectives(schedule)};
    st.eval.network = project.network.name();
    st.eval.batch = project.batch;
    st.eval.energyUnit = arch.energyUnit;
    checkCoverage(st);
    if (!initLayouts(st))
        return st.reasons;
    for (int s = 0; s < static_cast<int>(schedule.segments.size()); ++s)
        if (!evaluateSegment(st, s) && st.reasons.size() > 50)
            break;
    if (!st.reasons.empty())
        return st.reasons;
    computeTotals(st);
    return std::move(st.eval);
}

} // namespace kapla
