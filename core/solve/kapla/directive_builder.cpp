#include "solve/kapla/directive_builder.h"

#include "cost/map_strategy.h"

#include <algorithm>
#include <numeric>

namespace kapla::ksolve {

namespace {

constexpr std::size_t at(TDim d) { return static_cast<std::size_t>(d); }
constexpr std::size_t kIfm = 0, kOfm = 1, kBat = 2;

std::int64_t ceilDiv(std::int64_t a, std::int64_t b) { return (a + b - 1) / std::max<std::int64_t>(1, b); }

// The BAT loop covers batch × fmap-row folds; a blocking factor takes folds first (innermost).
struct BatSplit {
    std::int64_t rows = 1;  // fmap-row folds
    std::int64_t batch = 1; // samples
};

BatSplit splitBat(std::int64_t factor, std::int64_t& rowFoldsLeft)
{
    BatSplit s;
    s.rows = std::gcd(factor, rowFoldsLeft);
    s.batch = factor / s.rows;
    rowFoldsLeft /= s.rows;
    return s;
}

// Dims a stack divides the workload of (the derived window dims follow by formatting).
bool primaryDim(TDim d) { return d != TDim::Xi && d != TDim::Yi && d != TDim::F; }

Update loopUpdate(const DimMap& tensor, TDim dim, bool tied, int sc)
{
    if (tied && dim == TDim::K)
        return {{{TDim::C, tensor[at(TDim::K)] * sc}, {TDim::K, tensor[at(TDim::K)]}}};
    return {{{dim, tensor[at(dim)]}}};
}

// Updates of the loops from innermost to outermost by `order`, skipping loops with nothing to iterate.
std::vector<Update> loopUpdates(const LevelDirective& lvl, const PerLoop<int>& order, bool tied, bool systolic,
                                PhyDim2 strides, int sc)
{
    std::vector<Update> out;
    for (int pos = 0; pos < kNumLoops; ++pos)
        for (std::size_t l = 0; l < kNumLoops; ++l) {
            if (order[l] != pos)
                continue;
            std::vector<TDim> dims;
            if (l == kIfm && !tied)
                dims = {TDim::C};
            else if (l == kOfm)
                dims = {TDim::K};
            else if (l == kBat)
                dims = {TDim::N, systolic ? TDim::XY : TDim::Yo};
            for (const TDim d : dims) {
                if (lvl.workload[at(d)] <= lvl.tensor[at(d)])
                    continue;
                if (d == TDim::Yo)
                    out.push_back(
                        {{{TDim::Yi, lvl.tensor[at(TDim::Yo)] * strides.h}, {TDim::Yo, lvl.tensor[at(TDim::Yo)]}}});
                else
                    out.push_back(loopUpdate(lvl.tensor, d, tied, sc));
            }
        }
    return out;
}

std::vector<Stack> partitionStacks(const PartitionScheme& part, const DimMap& workload, bool tied, bool systolic,
                                   PhyDim2 strides)
{
    std::vector<Stack> out;
    DimMap step = workload;
    const auto add = [&](std::vector<TDim> dims, int count) {
        if (count <= 1)
            return;
        Stack s;
        s.count = count;
        for (const TDim d : dims) {
            std::int64_t st = step[at(d)];
            if (d == TDim::Yi)
                st = step[at(TDim::Yo)] * strides.h;
            else if (d == TDim::Xi)
                st = step[at(TDim::Xo)] * strides.w;
            else if (d == TDim::C && tied)
                st = step[at(TDim::K)];
            s.dims.push_back({d, st});
        }
        for (const TDim d : dims)
            if (primaryDim(d))
                step[at(d)] *= count;
        out.push_back(std::move(s));
    };
    for (auto it = part.order.rbegin(); it != part.order.rend(); ++it) {
        const PhyDim2 pd = part.pdim(*it);
        for (const bool hAxis : {false, true}) {
            const int count = hAxis ? pd.h : pd.w;
            switch (*it) {
            case Parallel::Outp:
                add(tied ? std::vector<TDim>{TDim::C, TDim::K} : std::vector<TDim>{TDim::K}, count);
                break;
            case Parallel::Ofmp:
                if (systolic)
                    add({TDim::XY}, count);
                else
                    add(hAxis ? std::vector<TDim>{TDim::Yo, TDim::Yi} : std::vector<TDim>{TDim::Xo, TDim::Xi}, count);
                break;
            case Parallel::Batp: add({TDim::N}, count); break;
            case Parallel::Inpp: add({TDim::C}, count); break;
            }
        }
    }
    return out;
}

const NestedLoopDesc* findDescriptor(const std::vector<NestedLoopDesc>& nlds, const SolvedLayer& s)
{
    PerLoop<int> product{1, 1, 1};
    for (const auto& lvl : s.blocking.tvals)
        for (std::size_t l = 0; l < kNumLoops; ++l)
            product[l] *= lvl[l];
    for (const auto& n : nlds)
        if (n.replIfms == s.replIfms && n.replOfms == s.replOfms && n.loopcnt == product)
            return &n;
    return nullptr;
}

std::string stacksText(const std::vector<Stack>& stacks)
{
    std::string out;
    for (const Stack& s : stacks) {
        out += "(";
        for (const DimStep& d : s.dims)
            out += std::string(tdimName(d.dim)) + "," + std::to_string(d.step) + ",";
        out += std::to_string(s.count) + ")";
    }
    return out.empty() ? "-" : out;
}

std::string updatesText(const std::vector<Update>& updates)
{
    std::string out;
    for (const Update& u : updates) {
        out += "(";
        for (std::size_t k = 0; k < u.dims.size(); ++k)
            out += (k ? "," : "") + std::string(tdimName(u.dims[k].dim)) + "," + std::to_string(u.dims[k].step);
        out += ")";
    }
    return out.empty() ? "-" : out;
}

} // namespace

ArrayTemplate arrayTemplate(const Layer& l, int batch, PhyDim2 peArray, MappingKind kind)
{
    ArrayTemplate t;
    const ArrayMappingInfo info = arrayMappingInfo(l, batch, peArray, kind);
    t.logical = info.flpeset;
    t.fold = info.fold;
    const std::int64_t sy = l.strd.h, sx = l.strd.w;
    if (kind == MappingKind::Systolic) {
        // Output pixels down the array, output channels across; the window streams through (F).
        if (t.logical.w > 1)
            t.baseStacks.push_back({{{TDim::K, 1}, {TDim::F, 1}}, t.logical.w});
        if (t.logical.h > 1)
            t.baseStacks.push_back({{{TDim::XY, 1}, {TDim::F, 1}}, t.logical.h});
        t.baseUpdates.push_back({{{TDim::F, 1}}});
        t.unitOps = 1;
        return t;
    }
    // Row stationary: PE (i, j) holds filter row i and produces ofmap row j (the ifmap diagonal).
    if (t.logical.w > 1)
        t.baseStacks.push_back({{{TDim::Yi, sy}, {TDim::Yo, 1}}, t.logical.w});
    if (t.logical.h > 1)
        t.baseStacks.push_back({{{TDim::S, 1}, {TDim::Yi, 1}}, t.logical.h});
    t.baseUpdates.push_back({{{TDim::Xi, sx}, {TDim::Xo, 1}}});
    if (t.fold.h > 1)
        t.baseUpdates.push_back({{{TDim::S, t.logical.h}, {TDim::Yi, t.logical.h}}});
    t.regfUnit[at(TDim::R)] = l.sfil().w;
    t.regfUnit = formatTensor(t.regfUnit, kaplaLayerType(l), false, l.strd, 1);
    t.unitOps = l.isLocalRegionLike() && l.sfil().w == 1 ? l.params.nreg : l.sfil().w;
    return t;
}

std::optional<LayerDirectives> deriveDirectives(const SolvedLayer& s)
{
    const PartitionedLayer pl = s.partition.partLayer(*s.layer, s.batch);
    const Layer& l = pl.layer;
    const auto nlds = mapLayer(l, pl.batch, pl.occupancy, s.peArray, s.mapping, pl.rwData);
    const NestedLoopDesc* nld = findDescriptor(nlds, s);
    if (!nld)
        return std::nullopt;
    const bool sys = s.mapping == MappingKind::Systolic;
    const ArrayTemplate tmpl = arrayTemplate(l, pl.batch, s.peArray, s.mapping);
    LayerDirectives dirs;
    dirs.type = kaplaLayerType(l);
    dirs.systolic = sys;
    dirs.strides = l.strd;
    dirs.rwData = pl.rwData;
    dirs.unitOps = tmpl.unitOps;
    dirs.gbufOrder = s.blocking.orders[0];
    dirs.regfOrder = s.blocking.orders[1];
    const bool tied = tiesChannels(dirs.type);
    const auto& t = s.blocking.tvals;
    const auto fmt = [&](DimMap m) { return formatTensor(m, dirs.type, sys, l.strd, 1); };

    const std::int64_t bat = nld->loopcnt[kBat];
    std::int64_t rowFolds = sys ? tmpl.fold.h : (bat % pl.batch == 0 ? bat / pl.batch : 1);
    const std::int64_t batchLoops = std::max<std::int64_t>(1, bat / std::max<std::int64_t>(1, rowFolds));
    const std::int64_t perPassN = ceilDiv(pl.batch, batchLoops);
    const BatSplit r2 = splitBat(t[2][kBat], rowFolds);
    const BatSplit r1 = splitBat(t[1][kBat], rowFolds);
    const std::int64_t kPerPass = (sys ? tmpl.logical.w : 1) * s.replOfms;
    const std::int64_t cPerPass = tied ? 1 : s.replIfms;

    DimMap whole = unitDimMap();
    whole[at(TDim::N)] = pl.batch;
    whole[at(TDim::C)] = l.nifm;
    whole[at(TDim::K)] = l.nofm();
    if (sys) {
        whole[at(TDim::XY)] = l.sofm().size();
        whole[at(TDim::F)] = l.sfil().size();
    } else {
        whole[at(TDim::Xo)] = l.sofm().w;
        whole[at(TDim::Yo)] = l.sofm().h;
        whole[at(TDim::R)] = l.sfil().w;
        whole[at(TDim::S)] = l.sfil().h;
    }
    dirs.gbuf.workload = fmt(whole);
    DimMap g = whole;
    g[at(TDim::N)] = std::min(whole[at(TDim::N)], perPassN * r1.batch * r2.batch);
    g[at(TDim::K)] = std::min(whole[at(TDim::K)], kPerPass * t[1][kOfm] * t[2][kOfm]);
    g[at(TDim::C)] = std::min(whole[at(TDim::C)], cPerPass * t[1][kIfm] * t[2][kIfm]);
    const TDim rowDim = sys ? TDim::XY : TDim::Yo;
    const std::int64_t rowsPerPass = sys ? tmpl.logical.h : tmpl.logical.w;
    g[at(rowDim)] = std::min(whole[at(rowDim)], rowsPerPass * r1.rows * r2.rows);
    dirs.gbuf.tensor = fmt(g);

    dirs.regf.stacks = tmpl.baseStacks;
    if (!tied && s.replIfms > 1)
        dirs.regf.stacks.push_back({{{TDim::C, ceilDiv(g[at(TDim::C)], s.replIfms)}}, s.replIfms});
    if (s.replOfms > 1) {
        const std::int64_t k = ceilDiv(g[at(TDim::K)], kPerPass);
        dirs.regf.stacks.push_back(tied ? Stack{{{TDim::C, k}, {TDim::K, k}}, s.replOfms}
                                        : Stack{{{TDim::K, k}}, s.replOfms});
    }
    if (sys && perPassN > 1)
        dirs.regf.stacks.push_back({{{TDim::N, ceilDiv(g[at(TDim::N)], perPassN)}}, static_cast<int>(perPassN)});
    DimMap rw = g;
    for (const Stack& st : dirs.regf.stacks)
        for (const DimStep& d : st.dims)
            if (primaryDim(d.dim) && !(tied && d.dim == TDim::C))
                rw[at(d.dim)] = ceilDiv(rw[at(d.dim)], st.count);
    dirs.regf.workload = fmt(rw);
    DimMap r = tmpl.regfUnit;
    r[at(TDim::C)] = tied ? 1 : t[2][kIfm];
    r[at(TDim::K)] = t[2][kOfm];
    r[at(TDim::N)] = r2.batch;
    r[at(rowDim)] = r2.rows;
    dirs.regf.tensor = fmt(r);
    dirs.regfOpsIter = static_cast<std::int64_t>(t[2][kIfm]) * t[2][kOfm] * t[2][kBat];

    dirs.gbuf.stacks = partitionStacks(s.partition, dirs.gbuf.workload, tied, sys, l.strd);
    dirs.regf.updates = tmpl.baseUpdates;
    for (Update& u : loopUpdates(dirs.regf, dirs.regfOrder, tied, sys, l.strd, 1))
        dirs.regf.updates.push_back(std::move(u));
    dirs.gbuf.updates = loopUpdates(dirs.gbuf, dirs.gbufOrder, tied, sys, l.strd, 1);
    return dirs;
}

std::vector<KaplaLayerView> kaplaLayerViews(const Project& project, const Architecture& arch, const Evaluation& eval)
{
    std::vector<KaplaLayerView> out;
    for (const LayerEvaluation& le : eval.layers) {
        const LayerId id = project.network.find(le.name);
        if (!id.valid())
            continue;
        SolvedLayer s{&project.network.at(id).layer,
                      project.batch,
                      le.partition,
                      le.replIfms,
                      le.replOfms,
                      le.blocking,
                      arch.peArray,
                      project.options.mapping};
        const auto dirs = deriveDirectives(s);
        if (!dirs)
            continue;
        EstimatorContext ctx;
        ctx.nodeArray = le.region.dim;
        ctx.peArray = arch.peArray;
        ctx.regionNodes = le.region.dim.size();
        ctx.srcIsDram = le.remoteGbufAccess[1] == 0;
        ctx.dstIsDram = le.remoteGbufAccess[2] == 0;
        ctx.noTimeMux = le.fetch[0][0] == 0 && s.layer->totalFilterSize() > 0;
        ctx.gbufSharing = project.options.gbufSharing;
        ctx.accessForwarding = project.options.accessForwarding;
        ctx.gbufWords = arch.gbufWords;
        ctx.unitNhops = le.unitNhops;
        ctx.energy = arch.energy;
        ctx.dramBandwidth = arch.dramBandwidth;
        ctx.arrayBusWidth = arch.arrayBusWidth;
        out.push_back({le.name, *dirs, estimateDirectives(*dirs, ctx)});
    }
    return out;
}

std::string directivesText(const LayerDirectives& d)
{
    const auto level = [&](const char* name, const LevelDirective& lvl) {
        return std::string(name) + ": stack " + stacksText(lvl.stacks) + "; tensor {"
             + dimMapText(lvl.tensor, d.systolic) + "}; update " + updatesText(lvl.updates) + "\n";
    };
    return level("GBUF", d.gbuf) + level("REGF", d.regf);
}

} // namespace kapla::ksolve
