#include "report/loop_scheme.h"

#include "util/math_util.h"

#include <algorithm>

namespace kapla {

namespace {

constexpr std::size_t kBat = 2;

std::size_t at(LoopDim d) { return static_cast<std::size_t>(d); }

// The descriptor of the replication choice the schedule names, preferring the one whose loop counts
// the blocking factors multiply to.
NestedLoopDesc pickDescriptor(const std::vector<NestedLoopDesc>& nlds, const LayerEvaluation& le)
{
    PerLoop<int> product{1, 1, 1};
    for (const auto& lvl : le.blocking.tvals)
        for (std::size_t l = 0; l < 3; ++l)
            product[l] *= lvl[l];
    for (const auto& n : nlds)
        if (n.replIfms == le.replIfms && n.replOfms == le.replOfms && n.loopcnt == product)
            return n;
    for (const auto& n : nlds)
        if (n.replIfms == le.replIfms && n.replOfms == le.replOfms)
            return n;
    return nlds.empty() ? NestedLoopDesc{} : nlds.front();
}

// What one innermost step covers. Row stationary: the replicas take input x output channels and the
// width folds (ofmap row blocks) are merged into the batch loop. Systolic: a pass holds a column of
// output channels per replica, the replicas along the height take samples, and the height folds
// (ofmap pixel blocks) are merged into the batch loop.
void setUnits(LoopScheme& s)
{
    const LayerEvaluation& le = *s.evaluation;
    const bool systolic = s.mapping == MappingKind::Systolic;
    int batchUnits = 1;
    for (const auto& lvl : le.blocking.tvals)
        batchUnits *= lvl[kBat];
    s.slicesPerSample = std::max(1, systolic ? s.info.fold.h : s.info.fold.w);
    s.foldRounds = systolic ? 1 : std::max(1, s.info.fold.h);
    const int groups = std::max(1, batchUnits / s.slicesPerSample);
    s.samplesPerUnit = static_cast<int>(idivc(std::max(1, s.part.batch), groups));
    s.unit = {le.replIfms, le.replOfms * (systolic ? std::max(1, s.info.flpeset.w) : 1), 1};
    s.total = {s.part.layer.nifm, s.part.layer.nofm(), batchUnits};
}

} // namespace

int LoopScheme::factor(std::size_t level, LoopDim dim) const { return evaluation->blocking.tvals[level][at(dim)]; }

int LoopScheme::stepOf(std::size_t level, LoopDim dim) const
{
    int step = unit[at(dim)];
    for (std::size_t m = level + 1; m < kNumBlockingLevels; ++m)
        step *= factor(m, dim);
    return std::min(step, total[at(dim)]);
}

std::vector<LoopDim> LoopScheme::outerToInner(std::size_t level) const
{
    std::vector<LoopDim> out{LoopDim::Bat, LoopDim::Ofm, LoopDim::Ifm};
    if (level < 2) {
        // Orders give positions, 0 innermost.
        const auto& ord = evaluation->blocking.orders[level];
        std::sort(out.begin(), out.end(), [&](LoopDim a, LoopDim b) { return ord[at(a)] > ord[at(b)]; });
    }
    std::erase_if(out, [&](LoopDim d) { return factor(level, d) <= 1; });
    return out;
}

std::vector<LoopRef> LoopScheme::loops() const
{
    std::vector<LoopRef> out;
    for (std::size_t level = 0; level < kNumBlockingLevels; ++level)
        for (const LoopDim d : outerToInner(level))
            out.push_back({level, d});
    return out;
}

std::optional<LoopScheme> loopScheme(const Project& project, const Architecture& arch, const Evaluation& eval,
                                     int layer)
{
    if (layer < 0 || layer >= static_cast<int>(eval.layers.size()))
        return std::nullopt;
    return loopScheme(project, arch, eval.layers[static_cast<std::size_t>(layer)], eval.batch, project.options.mapping);
}

std::optional<LoopScheme> loopScheme(const Project& project, const Architecture& arch, const LayerEvaluation& le,
                                     int batch, MappingKind mapping)
{
    const LayerId id = project.network.find(le.name);
    if (!id.valid())
        return std::nullopt;
    LoopScheme s;
    s.evaluation = &le;
    s.layer = &project.network.at(id).layer;
    s.part = le.partition.partLayer(*s.layer, batch);
    s.mapping = mapping;
    s.peArray = arch.peArray;
    s.info = arrayMappingInfo(s.part.layer, s.part.batch, arch.peArray, s.mapping);
    s.nld = pickDescriptor(mapLayer(s.part.layer, s.part.batch, s.part.occupancy, arch.peArray, s.mapping,
                                    s.part.rwData),
                           le);
    setUnits(s);
    return s;
}

} // namespace kapla
