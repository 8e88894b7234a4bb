#include "cost/sched_dag.h"

#include <algorithm>
#include <cmath>

namespace kapla {

namespace {

using LayerNexts = std::vector<std::vector<LayerId>>;

LayerNexts allNexts(const Network& network)
{
    LayerNexts out(network.size());
    for (std::size_t i = 0; i < network.size(); ++i)
        out[i] = network.nexts(LayerId{static_cast<int>(i)});
    return out;
}

bool contains(const std::vector<std::string>& names, const std::string& name)
{
    return std::find(names.begin(), names.end(), name) != names.end();
}

bool contains(const std::vector<LayerId>& ids, LayerId id)
{
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

// A non-conv layer joins vertex V if it reads V's last layer, no other layer of V, and V's last
// layer feeds nothing else: then the fused layers form a simple chain.
bool canMergeInto(const Network& network, const LayerNexts& nexts, const std::vector<LayerId>& vertex,
                  const std::vector<std::string>& prevs)
{
    const LayerId last = vertex.back();
    if (!contains(prevs, network.at(last).name) || nexts[static_cast<std::size_t>(last.value)].size() != 1)
        return false;
    return std::none_of(vertex.begin(), vertex.end() - 1,
                        [&](LayerId id) { return contains(prevs, network.at(id).name); });
}

std::vector<std::vector<LayerId>> mergeVertices(const Network& network, const LayerNexts& nexts)
{
    std::vector<std::vector<LayerId>> vertices;
    for (std::size_t i = 0; i < network.size(); ++i) {
        const LayerId id{static_cast<int>(i)};
        const NetworkLayer& nl = network.at(id);
        bool merged = false;
        if (!isPipelineConvLike(nl.layer)) {
            for (auto v = vertices.rbegin(); v != vertices.rend() && !merged; ++v) {
                if (canMergeInto(network, nexts, *v, nl.prevs)) {
                    v->push_back(id);
                    merged = true;
                }
            }
        }
        if (!merged)
            vertices.push_back({id});
    }
    return vertices;
}

std::vector<int> vertexIndexOfLayers(const std::vector<std::vector<LayerId>>& vertices, std::size_t numLayers)
{
    std::vector<int> out(numLayers, -1);
    for (std::size_t v = 0; v < vertices.size(); ++v)
        for (const LayerId id : vertices[v])
            out[static_cast<std::size_t>(id.value)] = static_cast<int>(v);
    return out;
}

struct DfsState {
    const std::vector<std::vector<LayerId>>& vertices;
    const LayerNexts& nexts;
    const std::vector<int>& vertexOf;
    std::vector<bool> visited;
    std::vector<int> postOrder;
};

void visitVertex(DfsState& s, int v)
{
    s.visited[static_cast<std::size_t>(v)] = true;
    const auto& vertex = s.vertices[static_cast<std::size_t>(v)];
    std::vector<LayerId> outside;
    for (const LayerId l : vertex)
        for (const LayerId n : s.nexts[static_cast<std::size_t>(l.value)])
            if (!contains(vertex, n) && !contains(outside, n))
                outside.push_back(n);
    for (auto n = outside.rbegin(); n != outside.rend(); ++n) {
        const int nv = s.vertexOf[static_cast<std::size_t>(n->value)];
        if (!s.visited[static_cast<std::size_t>(nv)])
            visitVertex(s, nv);
    }
    s.postOrder.push_back(v);
}

// Reversed DFS post-order, starting from the first layers in reversed order.
std::vector<int> topologicalOrder(const Network& network, const std::vector<std::vector<LayerId>>& vertices,
                                  const LayerNexts& nexts, const std::vector<int>& vertexOf)
{
    DfsState s{vertices, nexts, vertexOf, std::vector<bool>(vertices.size(), false), {}};
    const std::vector<LayerId> firsts = network.firsts();
    for (auto f = firsts.rbegin(); f != firsts.rend(); ++f) {
        const int v = vertexOf[static_cast<std::size_t>(f->value)];
        if (!s.visited[static_cast<std::size_t>(v)])
            visitVertex(s, v);
    }
    std::reverse(s.postOrder.begin(), s.postOrder.end());
    return s.postOrder;
}

void linkVertices(const Network& network, SchedDag& dag)
{
    dag.prevs.assign(dag.vertices.size(), {});
    dag.nexts.assign(dag.vertices.size(), {});
    for (std::size_t v = 0; v < dag.vertices.size(); ++v) {
        const int self = static_cast<int>(v);
        for (const LayerId l : dag.vertices[v]) {
            for (const std::string& p : network.at(l).prevs) {
                const LayerId pid = network.find(p);
                const int pv = pid.valid() ? dag.vertexOfLayer[static_cast<std::size_t>(pid.value)] : kMemoryVertex;
                if (pv == self)
                    continue;
                dag.prevs[v].insert(pv);
                if (pv == kMemoryVertex)
                    dag.memoryNexts.insert(self);
                else
                    dag.nexts[static_cast<std::size_t>(pv)].insert(self);
            }
        }
    }
}

// A run of consecutive vertices growing from one start vertex, with the rules of §5.2 checked
// incrementally: each added vertex costs the size of its prev set, not the length of the run.
class VertexRun
{
public:
    VertexRun(const SchedDag& dag, int start)
        : m_dag(dag)
        , m_start(start)
    {
    }

    /// Adds vertex `f` (the next one) if rules 1 and 2 allow it; false ends the run.
    bool extend(int f)
    {
        const std::set<int>& prevs = m_dag.prevs[static_cast<std::size_t>(f)];
        const bool shares = m_inside.empty()
                         || std::any_of(prevs.begin(), prevs.end(), [&](int p) { return m_reach.count(p) > 0; });
        const auto inside = std::count_if(prevs.begin(), prevs.end(), [&](int p) { return holds(p); });
        if (!shares || inside > 1)
            return false;
        for (const int p : prevs) {
            if (!holds(p))
                continue;
            m_unconfined -= unconfined(p) ? 1 : 0;
            ++m_inside[static_cast<std::size_t>(p - m_start)];
            m_unconfined += unconfined(p) ? 1 : 0;
        }
        m_inside.push_back(0);
        m_reach.insert(f);
        m_reach.insert(prevs.begin(), prevs.end());
        return true;
    }

    /// Rule 3: every vertex of the run feeding the run sends at most one successor outside it.
    bool successorsConfined() const { return m_unconfined == 0; }

    /// The run's vertex indices.
    std::vector<int> vertices() const
    {
        std::vector<int> out(m_inside.size());
        for (std::size_t i = 0; i < out.size(); ++i)
            out[i] = m_start + static_cast<int>(i);
        return out;
    }

private:
    bool holds(int v) const { return v >= m_start && v < m_start + static_cast<int>(m_inside.size()); }

    bool unconfined(int v) const
    {
        const int in = m_inside[static_cast<std::size_t>(v - m_start)];
        const auto out = static_cast<int>(m_dag.nexts[static_cast<std::size_t>(v)].size()) - in;
        return in > 0 && out > 1;
    }

    const SchedDag& m_dag;
    int m_start;
    std::vector<int> m_inside; ///< per vertex of the run: its successors inside the run
    std::set<int> m_reach;     ///< the run and the prevs of its vertices
    int m_unconfined = 0;      ///< vertices of the run breaking rule 3
};

// The reference skips runs with len(vseg) > degree, so NaN limits nothing and fractions round down.
std::size_t maxVerticesOf(double degree, std::size_t numVertices)
{
    if (std::isnan(degree) || degree >= static_cast<double>(numVertices))
        return numVertices;
    return degree < 0 ? 0 : static_cast<std::size_t>(degree);
}

std::vector<LayerId> concatenated(const SchedDag& dag, const std::vector<int>& vseg)
{
    std::vector<LayerId> out;
    for (const int v : vseg) {
        const auto& vertex = dag.vertices[static_cast<std::size_t>(v)];
        out.insert(out.end(), vertex.begin(), vertex.end());
    }
    return out;
}

} // namespace

bool isPipelineConvLike(const Layer& layer) { return layer.isConvLike() || layer.isDepthwise(); }

std::vector<LayerId> SchedDag::orderedLayers() const
{
    std::vector<LayerId> out;
    for (const auto& v : vertices)
        out.insert(out.end(), v.begin(), v.end());
    return out;
}

std::vector<std::size_t> positionsInOrder(std::size_t layerCount, const std::vector<LayerId>& order)
{
    std::vector<std::size_t> position(layerCount, 0);
    for (std::size_t p = 0; p < order.size(); ++p)
        position[static_cast<std::size_t>(order[p].value)] = p;
    return position;
}

SchedDag buildSchedDag(const Network& network)
{
    const LayerNexts nexts = allNexts(network);
    const auto merged = mergeVertices(network, nexts);
    const auto mergedIndex = vertexIndexOfLayers(merged, network.size());
    SchedDag dag;
    for (const int v : topologicalOrder(network, merged, nexts, mergedIndex))
        dag.vertices.push_back(merged[static_cast<std::size_t>(v)]);
    dag.vertexOfLayer = vertexIndexOfLayers(dag.vertices, network.size());
    linkVertices(network, dag);
    return dag;
}

std::vector<std::vector<int>> vertexSegments(const SchedDag& dag, std::size_t maxVertices, const std::stop_token& stop)
{
    // The reference's recursion first descends through every start (each one-vertex run is valid, so
    // gen(a) calls gen(a + 1) at once): it yields the one-vertex runs in order, then the longer runs
    // of each start from the last start back to the first. Runs only grow, so none past the limit
    // is worth growing.
    std::vector<std::vector<int>> out;
    const int numVertices = static_cast<int>(dag.vertices.size());
    if (maxVertices == 0)
        return out;
    for (int v = 0; v < numVertices; ++v)
        out.push_back({v});
    for (int start = numVertices - 1; start >= 0 && !stop.stop_requested(); --start) {
        VertexRun run(dag, start);
        run.extend(start);
        for (int f = start + 1; f < numVertices && static_cast<std::size_t>(f - start) < maxVertices; ++f) {
            if (!run.extend(f))
                break;
            if (run.successorsConfined())
                out.push_back(run.vertices());
        }
    }
    return out;
}

std::size_t longestUsefulRun(const Options& options, std::size_t numVertices, std::size_t nodes)
{
    const std::size_t degree = maxVerticesOf(options.layerPipelineMaxDegree, numVertices);
    if (options.gbufSaveWriteback)
        return degree;
    if (options.partitionInterlayer)
        return std::min(degree, nodes);
    return std::min<std::size_t>(degree, 1);
}

std::vector<Segment> segmentCandidates(const Network& network, const SchedDag& dag, const Options& options,
                                       std::size_t nodes, const std::stop_token& stop)
{
    std::vector<Segment> out;
    for (std::size_t i = 0; i < network.size(); ++i)
        out.push_back({{LayerId{static_cast<int>(i)}}});
    for (const auto& vseg : vertexSegments(dag, longestUsefulRun(options, dag.vertices.size(), nodes), stop)) {
        if (stop.stop_requested())
            return {};
        if (vseg.size() == 1 && dag.vertices[static_cast<std::size_t>(vseg[0])].size() == 1)
            continue;
        Segment spatial;
        for (const int v : vseg)
            spatial.push_back(dag.vertices[static_cast<std::size_t>(v)]);
        const Segment temporal{concatenated(dag, vseg)};
        // A spatial group needs a node of its own, so more groups than nodes never allocate.
        const bool spatialFits = options.partitionInterlayer && vseg.size() <= nodes;
        if (spatialFits)
            out.push_back(spatial);
        if (options.gbufSaveWriteback && !(spatialFits && spatial == temporal))
            out.push_back(temporal);
    }
    return out;
}

} // namespace kapla
