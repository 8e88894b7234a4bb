#include "report/evaluation_json.h"

namespace kapla {

namespace {

using nlohmann::json;

json pairJson(PhyDim2 d) { return json::array({d.h, d.w}); }

json breakdownJson(const EnergyBreakdown& b)
{
    return {{"op", b.op},     {"dram", b.dram}, {"gbuf", b.gbuf},  {"itcn", b.itcn},
            {"regf", b.regf}, {"noc", b.noc},   {"static", b.stat}};
}

json perCategory(const PerCategory<double>& v) { return {{"fil", v[0]}, {"ifm", v[1]}, {"ofm", v[2]}}; }

json regionJson(const NodeRegion& r)
{
    json nodes = json::array();
    for (const auto& n : r.nodes())
        nodes.push_back(pairJson(n));
    return {{"dim", pairJson(r.dim)}, {"origin", pairJson(r.origin)}, {"nodes", nodes}};
}

json partitionJson(const PartitionScheme& p)
{
    json order = json::array();
    for (const auto o : p.order)
        order.push_back(std::string(parallelKeyword(o)));
    json j = {{"order", order}};
    for (std::size_t i = 0; i < kNumParallels; ++i)
        j[std::string(parallelKeyword(static_cast<Parallel>(i)))] = pairJson(p.pdims[i]);
    return j;
}

json layerJson(const LayerEvaluation& l, const SegmentEvaluation* segment)
{
    json access = json::object();
    const char* levels[] = {"dram", "gbuf", "itcn", "regf"};
    for (std::size_t m = 0; m < kNumMemLevels; ++m)
        access[levels[m]] = perCategory(l.access[m]);
    return {{"name", l.name},
            {"segment", l.segment},
            {"sched_seq", json::array({l.segment, l.spatial, l.temporal})},
            {"energy", l.cost},
            {"breakdown", breakdownJson(l.energy)},
            {"time", l.time},
            {"proc_time", l.procTime},
            {"bus_time", l.busTime},
            {"dram_time", l.dramTime},
            {"start_time", l.startTime},
            {"done_time", l.doneTime},
            {"batch_groups", segment ? segment->batchGroups : 1},
            {"ops", l.ops},
            {"nodes", l.region.dim.size()},
            {"region", regionJson(l.region)},
            {"partition", partitionJson(l.partition)},
            {"mapping", {{"ifms", l.replIfms}, {"ofms", l.replOfms}}},
            {"blocking", {{"tvals", l.blocking.tvals}, {"orders", l.blocking.orders}}},
            {"fetch", l.fetch},
            {"access", access},
            {"remote_gbuf_access", perCategory(l.remoteGbufAccess)},
            {"noc_hops",
             {{"unit", perCategory(l.unitNhops)},
              {"mem", perCategory(l.memNhops)},
              {"node", perCategory(l.nodeNhops)}}},
            {"buffer_occupancy",
             {{"gbuf", {{"words", perCategory(l.gbufOccupancy)}, {"capacity", l.gbufCapacity}}},
              {"regf", {{"words", perCategory(l.regfOccupancy)}, {"capacity", l.regfCapacity}}}}},
            {"stored_in_gbuf", l.storedInGbuf}};
}

json segmentJson(const SegmentEvaluation& s, std::int64_t startTime)
{
    json regions = json::array();
    json nodes = json::array();
    for (const auto& r : s.regions) {
        regions.push_back(regionJson(r));
        nodes.push_back(r.dim.size());
    }
    return {{"layers", s.groups},
            {"nodes", nodes},
            {"regions", regions},
            {"time", s.time},
            {"critical_time", s.criticalTime},
            {"node_time", s.nodeTime},
            {"dram_time", s.dramTime},
            {"time_overhead", s.timeOverhead},
            {"start_time", startTime},
            {"batch_groups", s.batchGroups}};
}

} // namespace

nlohmann::json evaluationJson(const Evaluation& e, const SearchInfo& search, const std::string& energyUnit)
{
    json layers = json::array();
    for (const auto& l : e.layers) {
        const bool known = l.segment >= 0 && static_cast<std::size_t>(l.segment) < e.segments.size();
        layers.push_back(layerJson(l, known ? &e.segments[static_cast<std::size_t>(l.segment)] : nullptr));
    }
    // Segments run one after another: each starts when the previous one is done.
    json segments = json::array();
    std::int64_t start = 0;
    for (const auto& s : e.segments) {
        segments.push_back(segmentJson(s, start));
        start += s.time;
    }
    json searchJson = {{"seconds", search.seconds}, {"evaluations", search.evaluations}};
    if (!search.termination.empty())
        searchJson["termination"] = search.termination;
    if (!search.message.empty())
        searchJson["message"] = search.message;
    return {{"network", e.network},
            {"batch", e.batch},
            {"solver", search.solver},
            {"energy_unit", energyUnit},
            {"total",
             {{"energy", e.totalCost},
              {"time", e.totalTime},
              {"ops", e.totalOps},
              {"breakdown", breakdownJson(e.breakdown)},
              {"accesses",
               {{"dram", e.totalAccesses[0]},
                {"gbuf", e.totalAccesses[1]},
                {"itcn", e.totalAccesses[2]},
                {"regf", e.totalAccesses[3]}}},
              {"noc_hops", e.totalNocHops}}},
            {"segments", segments},
            {"layers", layers},
            {"search", searchJson}};
}

} // namespace kapla
