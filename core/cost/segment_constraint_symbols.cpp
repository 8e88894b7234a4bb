#include "cost/segment_constraint_symbols.h"

#include "util/math_util.h"

#include <algorithm>
#include <cstdint>
#include <utility>

namespace kapla::segment_cstr {

namespace {

// The constraint rules test the Python class ConvLayer (FC derives from it); backward and depthwise
// convolutions count as non-Conv here, although the DAG and the timing treat them as Conv.
bool isConvClass(const Layer& l) { return l.type() == LayerType::Conv || l.type() == LayerType::FC; }

// The lazy rule tests the forward LocalRegionLayer class (pooling and eltwise derive from it).
bool isLocalRegionClass(const Layer& l)
{
    return l.type() == LayerType::LocalRegion || l.type() == LayerType::Pooling || l.type() == LayerType::Eltwise;
}

// Python `arg == True` / `arg == False` on an argument defaulting to False: a SymPy symbol is
// structurally unequal to both booleans, so a symbolic argument satisfies neither.
bool equalsTrue(const std::optional<Term>& t) { return t && !t->isSymbol() && t->value == 1; }
bool equalsFalse(const std::optional<Term>& t) { return !t || (!t->isSymbol() && t->value == 0); }

// Divisors t of `channels` (ascending) with t <= totalSize / (5 % of ONE node's GBUF), or t = 1.
std::vector<int> topFactorValues(int channels, std::int64_t totalSize, double gbufWords)
{
    const double limit = static_cast<double>(totalSize) / (0.05 * gbufWords);
    std::vector<int> out;
    for (const int t : divisors(channels))
        if (static_cast<double>(t) <= limit || t == 1)
            out.push_back(t);
    return out;
}

class RuleWalk
{
public:
    RuleWalk(const SymbolicInputs& in, SymbolicSegment& out, int fbofmInit)
        : m_seg(*in.segment)
        , m_net(*in.network)
        , m_gbuf(in.gbufWords)
        , m_out(out)
        , m_fbofmInit(fbofmInit)
    {
    }

    void run()
    {
        m_out.values[kTopBatSymbol] = divisors(static_cast<int>(m_seg.params.batch));
        for (int sp = 0; sp < groups(); ++sp) {
            m_curTop = newSymbol("topofm_" + std::to_string(sp) + "_s", layerAt({sp, 0}));
            for (int tm = 0; tm < groupSize(sp); ++tm)
                walkLayer({sp, tm});
        }
    }

    std::vector<std::vector<int>> paths() const { return m_paths; }

private:
    int groups() const { return static_cast<int>(m_seg.seg.size()); }
    int groupSize(int sp) const { return static_cast<int>(m_seg.seg[static_cast<std::size_t>(sp)].size()); }
    SchedIndex lastOfGroup(int sp) const { return {sp, groupSize(sp) - 1}; }
    const Layer& layerAt(SchedIndex i) const
    {
        return m_net.at(m_seg.seg[static_cast<std::size_t>(i.sp)][static_cast<std::size_t>(i.tm)]).layer;
    }
    const LayerDeps& depsAt(SchedIndex i) const
    {
        return m_seg.deps.layers[static_cast<std::size_t>(i.sp)][static_cast<std::size_t>(i.tm)];
    }
    LayerArgs& argsAt(SchedIndex i) { return m_out.at(i); }

    Term newSymbol(std::string name, const Layer& layer)
    {
        m_out.values[name] = topFactorValues(layer.nofm(), layer.totalOfmapSize(m_seg.params.batch), m_gbuf);
        return symbolTerm(std::move(name));
    }

    // Candidate critical forwarding paths grow by every group fed by a neighbour; the originals stay
    // (a fork yields one path per branch) and the list keeps insertion order.
    void extendPaths(int from, int to)
    {
        const std::size_t n = m_paths.size();
        for (std::size_t k = 0; k < n; ++k) {
            if (m_paths[k].back() != from)
                continue;
            std::vector<int> longer = m_paths[k];
            longer.push_back(to);
            if (std::find(m_paths.begin(), m_paths.end(), longer) == m_paths.end())
                m_paths.push_back(std::move(longer));
        }
    }

    void walkLayer(SchedIndex i)
    {
        const LayerDeps& d = depsAt(i);
        argsAt(i)[TopBat] = symbolTerm(kTopBatSymbol);
        if (d.neighborSource >= 0)
            extendPaths(d.neighborSource, i.sp);
        if (isConvClass(layerAt(i)))
            walkConv(i, d);
        else
            walkNonConv(i, d);
        if (i.tm == groupSize(i.sp) - 1 && d.neighborDests.empty())
            argsAt(i)[FbOfm].reset();
    }

    void walkConv(SchedIndex i, const LayerDeps& d)
    {
        // `cur_fb is not False`: a pending True or fbofm_init goes to the layer before this Conv.
        if (m_curFb.isSymbol() || m_curFb.value != 0) {
            const SchedIndex prev = i.tm > 0 ? SchedIndex{i.sp, i.tm - 1} : lastOfGroup(m_lastConv.sp);
            argsAt(prev)[FbOfm] = m_curFb;
            m_curFb = valueTerm(0);
        }
        m_curTop = newSymbol("topofm_" + std::to_string(i.sp) + "_" + std::to_string(i.tm), layerAt(i));
        LayerArgs& a = argsAt(i);
        a[TopOfm] = m_curTop;
        if (m_lastConv.sp == i.sp) {
            a[FbIfm] = valueTerm(1);
            argsAt({i.sp, m_lastConv.tm})[FbOfm] = valueTerm(1);
            argsAt({i.sp, i.tm - 1})[FbOfm] = valueTerm(1);
        } else if (d.neighborSource >= 0) {
            LayerArgs& src = argsAt(lastOfGroup(d.neighborSource));
            if (!m_seg.params.withOpt)
                src[FbOfm] = valueTerm(1);
            const std::optional<Term> nf = src[FbOfm];
            a[FbIfm] = valueTerm(equalsTrue(nf) ? 1 : 0);
            a[FbOfm] = valueTerm(equalsFalse(nf) ? 1 : 0);
            m_curFb = valueTerm(equalsFalse(nf) ? 1 : 0);
            a[TopIfm] = equalsFalse(nf) ? src[TopOfm].value_or(valueTerm(0)) : a[TopIfm].value_or(valueTerm(0));
        } else if (m_lastConv.sp < 0) {
            a[FbOfm] = valueTerm(m_fbofmInit);
            m_curFb = valueTerm(m_fbofmInit);
        }
        m_lastConv = i;
    }

    void walkNonConv(SchedIndex i, const LayerDeps& d)
    {
        if (d.neighborSource >= 0) {
            const LayerArgs& src = argsAt(lastOfGroup(d.neighborSource));
            if (equalsFalse(src[FbOfm]))
                m_curTop = src[TopOfm].value_or(valueTerm(0));
            // The reference indexes this group with the last Conv's temporal index even when that
            // Conv lies in another group.
            for (int tm = m_lastConv.tm; tm < i.tm; ++tm)
                argsAt({i.sp, tm})[TopOfm] = m_curTop;
        }
        argsAt(i)[TopOfm] = m_curTop;
    }

    const PipelineSegment& m_seg;
    const Network& m_net;
    double m_gbuf;
    SymbolicSegment& m_out;
    int m_fbofmInit;
    SchedIndex m_lastConv{-1, 0};
    Term m_curFb = valueTerm(0);
    Term m_curTop;
    std::vector<std::vector<int>> m_paths{{0}};
};

void substitute(SymbolicSegment& s, const std::string& symbol, int value)
{
    for (auto& group : s.args)
        for (LayerArgs& a : group)
            for (std::optional<Term>& t : a)
                if (t && t->symbol == symbol)
                    *t = valueTerm(value);
}

// Whether a pass changed anything is told by its substitution alone: these removals only drop
// keys, and the uses counted right after them already see the result.
void applyFullBufferRules(SymbolicSegment& s)
{
    for (auto& group : s.args)
        for (LayerArgs& a : group)
            for (const auto& [fb, top] : {std::pair{FbIfm, TopIfm}, std::pair{FbOfm, TopOfm}}) {
                if (equalsTrue(a[fb]))
                    a[top].reset();
                else if (equalsFalse(a[fb]))
                    a[fb].reset();
            }
}

std::map<std::string, int> countUses(const SymbolicSegment& s)
{
    std::map<std::string, int> uses;
    for (const auto& group : s.args)
        for (const LayerArgs& a : group)
            for (const std::optional<Term>& t : a)
                if (t && t->isSymbol())
                    ++uses[t->symbol];
    return uses;
}

// One pass of nn_dataflow's simplification: full buffering removes the top factor and False flags
// go; then one substitution is built in which a symbol used at most once becomes 0 (unconstrained),
// overriding the value of a single-valued symbol, which only stands for symbols used twice or more.
// Substituting the single value first would pin a layer's own top factor (e.g. a one-layer
// segment's topofm to 1) that the reference leaves free.
bool simplifyOnce(SymbolicSegment& s)
{
    applyFullBufferRules(s);
    const std::map<std::string, int> uses = countUses(s);
    std::map<std::string, int> substitution;
    for (const auto& [symbol, values] : s.values) {
        const auto u = uses.find(symbol);
        const bool usedTwice = u != uses.end() && u->second > 1;
        if (!usedTwice)
            substitution[symbol] = 0;
        else if (values.size() == 1)
            substitution[symbol] = values.front();
    }
    for (const auto& [symbol, value] : substitution) {
        substitute(s, symbol, value);
        s.values.erase(symbol);
    }
    return !substitution.empty();
}

void simplify(SymbolicSegment& s)
{
    while (simplifyOnce(s)) {
    }
}

// After simplification every full-buffering flag is concrete (only top factors stay symbolic).
bool fullyBuffered(const std::optional<Term>& t) { return t && !t->isSymbol() && t->value != 0; }

struct FbEvaluation {
    bool valid = false;
    int count = 0;            ///< critical-path groups whose last layer fully buffers its ofmaps
    std::int64_t maxSize = 0; ///< largest per-group fully buffered size, words (batch 1)
    std::string reason;
};

FbEvaluation evaluateFullBuffering(const SymbolicInputs& in, const SymbolicSegment& s)
{
    const PipelineSegment& seg = *in.segment;
    FbEvaluation e;
    for (std::size_t sp = 0; sp < seg.seg.size(); ++sp) {
        std::int64_t ms = 0;
        for (std::size_t tm = 0; tm < seg.seg[sp].size(); ++tm) {
            const Layer& l = in.network->at(seg.seg[sp][tm]).layer;
            const LayerArgs& a = s.args[sp][tm];
            ms = std::max(ms, (fullyBuffered(a[FbOfm]) ? l.totalOfmapSize(1) : 0)
                                  + (fullyBuffered(a[FbIfm]) ? l.totalIfmapSize(1) : 0));
        }
        const double capacity = seg.proc.nodes[sp] * in.gbufWords;
        if (static_cast<double>(ms) > capacity) {
            e.reason = "spatial group " + std::to_string(sp) + " must fully buffer " + std::to_string(ms)
                     + " words but its " + std::to_string(seg.proc.nodes[sp]) + " nodes hold "
                     + std::to_string(static_cast<std::int64_t>(capacity));
            return e;
        }
        e.maxSize = std::max(e.maxSize, ms);
    }
    for (const int sp : s.criticalPath)
        e.count += fullyBuffered(s.args[static_cast<std::size_t>(sp)].back()[FbOfm]) ? 1 : 0;
    e.valid = true;
    return e;
}

SymbolicSegment emptyArgsOf(const PipelineSegment& seg)
{
    SymbolicSegment s;
    for (const auto& group : seg.seg) {
        s.args.emplace_back(group.size());
        s.lazyFrom.emplace_back(group.size());
    }
    return s;
}

// The rules and the simplification for one value of fbofm_init, with the critical path and the
// full-buffering key (fully buffered critical-path groups, then the largest buffered size).
// Walking each value concretely (rather than carrying a fbofm_init symbol) lets the neighbour rule
// see `src.fbofm == False` under fbofm_init = False and tie the consumer's topifm to the
// producer's topofm; this reproduces the reference's Setup C optimum (172,309,688 pJ), which a
// symbolic comparison (equal to neither True nor False) undercuts with an untied fc2.
struct InitCandidate {
    SymbolicSegment seg;
    FbEvaluation fb;
};

InitCandidate walkWithInit(const SymbolicInputs& in, int fbofmInit)
{
    InitCandidate c{emptyArgsOf(*in.segment), {}};
    RuleWalk walk(in, c.seg, fbofmInit);
    walk.run();
    simplify(c.seg);
    const std::vector<std::vector<int>> paths = walk.paths();
    // Python's max over a set picks an arbitrary longest path; the first longest is deterministic.
    c.seg.criticalPath = *std::max_element(paths.begin(), paths.end(),
                                           [](const auto& a, const auto& b) { return a.size() < b.size(); });
    c.fb = evaluateFullBuffering(in, c.seg);
    c.seg.numSpFbs = c.fb.count;
    return c;
}

// Layers sharing a memory source fully buffer the shared ifmaps if any of them fully buffers or
// groups its ofmaps; otherwise they all take one top IFM factor.
void shareMemorySources(const SymbolicInputs& in, SymbolicSegment& s)
{
    for (const IfmapSharing& sharing : in.segment->deps.ifmFwd) {
        const bool buffered = std::any_of(sharing.sharers.begin(), sharing.sharers.end(), [&](SchedIndex i) {
            const LayerArgs& a = s.at(i);
            return equalsTrue(a[FbOfm]) || (a[TopOfm] && (a[TopOfm]->isSymbol() || a[TopOfm]->value != 0));
        });
        const SchedIndex fetcher = sharing.sharers.front();
        Term term = valueTerm(1);
        if (!buffered) {
            const Layer& l = in.network->at(in.segment->seg[static_cast<std::size_t>(fetcher.sp)][0]).layer;
            term = symbolTerm("topifm_" + std::to_string(fetcher.sp));
            s.values[term.symbol] = topFactorValues(l.nifm, l.totalIfmapSize(in.segment->params.batch), in.gbufWords);
        }
        for (const SchedIndex i : sharing.sharers)
            s.at(i)[buffered ? FbIfm : TopIfm] = term;
    }
}

// The layers tied by a top-OFM symbol, if the lazy rule applies: exactly one Conv and otherwise
// only local-region layers, all through their topofm.
struct LazyTie {
    std::optional<SchedIndex> conv;
    std::vector<SchedIndex> regions;
    bool eligible = true;
};

LazyTie lazyTieOf(const SymbolicInputs& in, const SymbolicSegment& s, const std::string& symbol)
{
    LazyTie tie;
    tie.eligible = symbol.rfind("topofm", 0) == 0;
    for (std::size_t sp = 0; sp < s.args.size() && tie.eligible; ++sp) {
        for (std::size_t tm = 0; tm < s.args[sp].size(); ++tm) {
            const SchedIndex at{static_cast<int>(sp), static_cast<int>(tm)};
            const Layer& l = in.network->at(in.segment->seg[sp][tm]).layer;
            for (int k = 0; k < NumArgs; ++k) {
                const std::optional<Term>& t = s.args[sp][tm][static_cast<std::size_t>(k)];
                if (!t || t->symbol != symbol)
                    continue;
                if (k == TopOfm && isConvClass(l) && !tie.conv)
                    tie.conv = at;
                else if (k == TopOfm && isLocalRegionClass(l))
                    tie.regions.push_back(at);
                else
                    tie.eligible = false;
            }
        }
    }
    tie.eligible = tie.eligible && tie.conv && !tie.regions.empty();
    return tie;
}

// A top-OFM symbol tying one Conv to local-region layers only is decided by the Conv's own search:
// the local-region layers copy the Conv's chosen factor (update_dict) instead.
void applyLazyRule(const SymbolicInputs& in, SymbolicSegment& s)
{
    for (auto it = s.values.begin(); it != s.values.end();) {
        const LazyTie tie = lazyTieOf(in, s, it->first);
        if (!tie.eligible) {
            ++it;
            continue;
        }
        s.at(*tie.conv)[TopOfm].reset();
        for (const SchedIndex r : tie.regions) {
            s.at(r)[TopOfm].reset();
            s.lazyFrom[static_cast<std::size_t>(r.sp)][static_cast<std::size_t>(r.tm)] =
                in.segment->seg[static_cast<std::size_t>(tie.conv->sp)][static_cast<std::size_t>(tie.conv->tm)];
        }
        it = s.values.erase(it);
    }
}

} // namespace

SymbolicSegment initSymbolicConstraints(const SymbolicInputs& in)
{
    // fbofm_init in (False, True): the smallest valid key wins, False first on ties.
    std::optional<InitCandidate> best;
    std::string firstReason;
    for (const int fbofmInit : {0, 1}) {
        InitCandidate c = walkWithInit(in, fbofmInit);
        if (!c.fb.valid) {
            if (firstReason.empty())
                firstReason = c.fb.reason;
            continue;
        }
        if (!best || std::pair{c.fb.count, c.fb.maxSize} < std::pair{best->fb.count, best->fb.maxSize})
            best = std::move(c);
    }
    if (!best) {
        SymbolicSegment s = emptyArgsOf(*in.segment);
        s.reason = firstReason;
        return s;
    }
    SymbolicSegment& s = best->seg;
    shareMemorySources(in, s);
    applyLazyRule(in, s);
    s.valid = true;
    return std::move(s);
}

} // namespace kapla::segment_cstr
