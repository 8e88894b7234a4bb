#include "report/loop_walk.h"

#include "cost/map_strategy_detail.h"
#include "util/math_util.h"

#include <algorithm>

namespace kapla {

namespace {

constexpr std::size_t kFil = 0, kIfm = 1, kOfm = 2;

IndexRange clipped(int begin, int end, int limit) { return {std::min(begin, limit), std::min(end, limit)}; }

IndexRange whole(int extent) { return {0, extent}; }

// The output rows and columns a range of batch units covers, and its samples.
struct BatchBox {
    IndexRange samples, rows, cols;
};

// Ofmap slices of one pass: row stationary folds output rows (fold.w blocks); systolic splits its
// height folds over row and column blocks (the cost model's split).
struct SliceGrid {
    int rowBlocks = 1, colBlocks = 1;
};

SliceGrid sliceGrid(const LoopScheme& s)
{
    if (s.mapping == MappingKind::Systolic) {
        const int rows = mapping::foldOfOfmapRows(s.slicesPerSample);
        return {rows, s.slicesPerSample / rows};
    }
    return {s.slicesPerSample, 1};
}

BatchBox batchBox(const LoopScheme& s, IndexRange units)
{
    const PhyDim2 ofm = s.part.layer.sofm();
    const int slices = s.slicesPerSample;
    BatchBox box{{}, whole(ofm.h), whole(ofm.w)};
    if (units.size() == 0)
        return {{}, {}, {}};
    const int g0 = units.begin / slices, g1 = (units.end - 1) / slices;
    box.samples = clipped(g0 * s.samplesPerUnit, (g1 + 1) * s.samplesPerUnit, s.part.batch);
    if (g0 != g1 || units.size() >= slices)
        return box;
    // Part of one sample group's slices: the bounding box of the slices' blocks.
    const SliceGrid grid = sliceGrid(s);
    const int rowsPer = static_cast<int>(idivc(ofm.h, grid.rowBlocks));
    const int colsPer = static_cast<int>(idivc(ofm.w, grid.colBlocks));
    const int s0 = units.begin % slices, s1 = (units.end - 1) % slices;
    const int r0 = s0 / grid.colBlocks, r1 = s1 / grid.colBlocks;
    const bool oneRowBlock = r0 == r1;
    box.rows = clipped(r0 * rowsPer, (r1 + 1) * rowsPer, ofm.h);
    box.cols = oneRowBlock ? clipped((s0 % grid.colBlocks) * colsPer, (s1 % grid.colBlocks + 1) * colsPer, ofm.w)
                           : whole(ofm.w);
    return box;
}

// The input rows a range of output rows reads (valid convolution: stride steps plus the window).
IndexRange inputSpan(IndexRange out, int stride, int window, int inputExtent)
{
    if (out.size() == 0)
        return {};
    return clipped(out.begin * stride, (out.end - 1) * stride + window, inputExtent);
}

// The three tensors' tiles for per-loop ranges of input channels, output channels and batch units.
PerCategory<TensorTile> tilesOf(const LoopScheme& s, const PerLoop<IndexRange>& r)
{
    const Layer& l = s.part.layer;
    const BatchBox box = batchBox(s, r[2]);
    // Layers without a filter (pools, element-wise) read the channels they write.
    const bool convLike = (l.dataLoops()[kIfm] & (1u << static_cast<unsigned>(LoopDim::Ifm))) != 0;
    PerCategory<TensorTile> t{};
    if (l.dataLoops()[kFil] != 0 && l.totalFilterSize() > 0)
        t[kFil] = {{}, convLike ? r[0] : IndexRange{}, r[1], whole(l.sfil().h), whole(l.sfil().w)};
    t[kIfm] = {box.samples,
               convLike ? r[0] : r[1],
               {},
               inputSpan(box.rows, l.strd.h, l.sfil().h, l.sifm.h),
               inputSpan(box.cols, l.strd.w, l.sfil().w, l.sifm.w)};
    t[kOfm] = {box.samples, {}, r[1], box.rows, box.cols};
    return t;
}

std::vector<int> countersOf(const std::vector<LoopRef>& loops, const LoopScheme& s, std::int64_t index)
{
    std::vector<int> out(loops.size(), 0);
    for (std::size_t i = loops.size(); i-- > 0;) {
        const int f = s.factor(loops[i].level, loops[i].dim);
        out[i] = static_cast<int>(index % f);
        index /= f;
    }
    return out;
}

} // namespace

std::int64_t walkLength(const LoopScheme& scheme)
{
    std::int64_t n = std::max(1, scheme.foldRounds);
    for (const LoopRef& l : scheme.loops())
        n *= scheme.factor(l.level, l.dim);
    return n;
}

IndexRange foldRoundRows(const LoopScheme& s, int round)
{
    const int rows = s.part.layer.sfil().h;
    if (s.mapping == MappingKind::Systolic)
        return whole(rows);
    const int per = std::max(1, s.info.flpeset.h);
    return clipped(round * per, (round + 1) * per, rows);
}

LoopStep walkStep(const LoopScheme& s, std::int64_t index)
{
    LoopStep step;
    step.index = std::clamp<std::int64_t>(index, 0, walkLength(s) - 1);
    const int rounds = std::max(1, s.foldRounds);
    const std::int64_t pass = step.index / rounds;
    step.foldRound = static_cast<int>(step.index % rounds);
    const std::vector<LoopRef> loops = s.loops();
    step.counters = countersOf(loops, s, pass);
    // The loop that advanced is the innermost non-zero counter with only zeros inside it.
    for (std::size_t i = loops.size(); i-- > 0 && pass > 0 && step.foldRound == 0;)
        if (step.counters[i] != 0) {
            step.changed = i;
            break;
        }
    PerLoop<int> begin{0, 0, 0};
    for (std::size_t level = 0; level < kNumBlockingLevels; ++level) {
        for (std::size_t i = 0; i < loops.size(); ++i)
            if (loops[i].level == level)
                begin[static_cast<std::size_t>(loops[i].dim)] += step.counters[i] * s.stepOf(level, loops[i].dim);
        PerLoop<IndexRange> ranges{};
        for (std::size_t d = 0; d < kNumLoops; ++d)
            ranges[d] = clipped(begin[d], begin[d] + s.stepOf(level, static_cast<LoopDim>(d)), s.total[d]);
        step.tiles[level] = tilesOf(s, ranges);
    }
    step.whole = tilesOf(s, {whole(s.total[0]), whole(s.total[1]), whole(s.total[2])});
    return step;
}

namespace {

// Row stationary: copy (a, b) of the folded set flpeset (filter rows x output rows); a width fold that
// spare PE rows absorbed lays the set's output rows over `parts` blocks of PE rows.
void rowStationaryWork(const LoopScheme& s, const LoopStep& step, std::vector<PeWork>& out)
{
    const ArrayMappingInfo& i = s.info;
    const PerCategory<TensorTile>& pass = step.tiles[2];
    const int parts = std::max(1, i.ppeset.h / std::max(1, i.flpeset.h * i.repl.h));
    const int colsPer = static_cast<int>(idivc(i.flpeset.w, parts));
    const int ifms = std::max(1, s.unit[0]);
    const bool conv = pass[kFil].c.size() > 0;
    const IndexRange filterRows = foldRoundRows(s, step.foldRound);
    for (int a = 0; a < i.repl.h; ++a)
        for (int b = 0; b < i.repl.w; ++b) {
            const int copy = a * i.repl.w + b;
            const int inC = conv ? pass[kIfm].c.begin + copy % ifms : -1;
            const int outK = pass[kOfm].k.begin + (conv ? copy / ifms : copy);
            if (outK >= pass[kOfm].k.end || (conv && inC >= pass[kIfm].c.end))
                continue;
            for (int r = 0; r < i.flpeset.h; ++r)
                for (int c = 0; c < i.flpeset.w; ++c) {
                    const int row = (a * parts + c / colsPer) * i.flpeset.h + r;
                    const int col = b * colsPer + c % colsPer;
                    const int outRow = pass[kOfm].rows.begin + c;
                    const int filterRow = filterRows.begin + r;
                    if (row >= s.peArray.h || col >= s.peArray.w || outRow >= pass[kOfm].rows.end
                        || filterRow >= filterRows.end)
                        continue;
                    PeWork& w = out[static_cast<std::size_t>(row * s.peArray.w + col)];
                    w = {copy, filterRow, outRow, -1, conv ? inC : outK, outK, pass[kOfm].n.begin};
                }
        }
}

// Systolic: copy (a, b) holds output pixels down and output channels across; copies along the height
// take samples, along the width input channels (layers without filters: further output-channel columns).
void systolicWork(const LoopScheme& s, const LoopStep& step, std::vector<PeWork>& out)
{
    const ArrayMappingInfo& i = s.info;
    const PerCategory<TensorTile>& pass = step.tiles[2];
    const TensorTile& o = pass[kOfm];
    const bool conv = pass[kFil].c.size() > 0;
    const int boxCols = std::max(1, o.cols.size());
    for (int a = 0; a < i.repl.h; ++a)
        for (int b = 0; b < i.repl.w; ++b) {
            const int copy = a * i.repl.w + b;
            const int sample = o.n.begin + (conv ? a : copy % std::max(1, s.samplesPerUnit));
            const int inC = conv ? pass[kIfm].c.begin + b : -1;
            const int kBase = o.k.begin + (conv ? 0 : copy / std::max(1, s.samplesPerUnit) * i.flpeset.w);
            if (sample >= o.n.end || (conv && inC >= pass[kIfm].c.end))
                continue;
            for (int r = 0; r < i.flpeset.h; ++r)
                for (int c = 0; c < i.flpeset.w; ++c) {
                    const int row = a * i.flpeset.h + r, col = b * i.flpeset.w + c;
                    const int outK = kBase + c;
                    if (row >= s.peArray.h || col >= s.peArray.w || r >= o.rows.size() * o.cols.size()
                        || outK >= o.k.end)
                        continue;
                    PeWork& w = out[static_cast<std::size_t>(row * s.peArray.w + col)];
                    w = {copy, -1,    o.rows.begin + r / boxCols, o.cols.begin + r % boxCols, conv ? inC : outK,
                         outK, sample};
                }
        }
}

} // namespace

std::vector<PeWork> peWork(const LoopScheme& scheme, const LoopStep& step)
{
    std::vector<PeWork> out(static_cast<std::size_t>(std::max<std::int64_t>(0, scheme.peArray.size())));
    if (scheme.mapping == MappingKind::Systolic)
        systolicWork(scheme, step, out);
    else
        rowStationaryWork(scheme, step, out);
    return out;
}

} // namespace kapla
