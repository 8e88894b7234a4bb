#pragma once
// Results the view tests share: the golden sample schedules evaluated, and a programmatic
// one-segment-per-layer schedule for any network on a single node (for large networks).

#include "core/test_projects.h"

#include "cost/buf_shr.h"
#include "cost/evaluator.h"
#include "cost/loop_blocking_search.h"
#include "cost/map_strategy.h"
#include "cost/pipeline_segment.h"
#include "io/project_io.h"
#include "io/schedule_io.h"
#include "run/run.h"

#include <stdexcept>
#include <string>

namespace kapla::test {

/// A project, its architecture, a schedule and its evaluation.
struct Evaluated {
    Project project;
    Architecture arch;
    Schedule schedule;
    Evaluation eval;
};

inline Evaluated evaluated(Project project, Schedule schedule)
{
    const auto resolved = ResolvedProject::resolve(project);
    if (!resolved)
        throw std::runtime_error(resolved.diagnostics().front().format());
    const Architecture arch = resolved->architecture();
    auto eval = evaluateSchedule(resolved.value(), schedule);
    if (!eval)
        throw std::runtime_error("schedule does not fit: " + eval.diagnostics().front().message);
    return {std::move(project), arch, std::move(schedule), std::move(eval).value()};
}

/// A golden project with its sample schedule (paths relative to the source tree).
inline Evaluated evaluatedSample(const std::string& projectRel, const std::string& scheduleRel)
{
    auto s = io::loadScheduleFile(sourcePath(scheduleRel));
    if (!s)
        throw std::runtime_error(scheduleRel + ": " + s.diagnostics().front().format());
    return evaluated(loadProject(projectRel), s.value());
}

/// Setup C: mlp_s, batch 16, 4x4 mesh; fc1 | fc2 pipelined on 12 + 4 nodes, then fc3.
inline Evaluated setupC()
{
    return evaluatedSample("sample_projects/golden/setup-c-mlp_s-b16.yaml",
                           "tests/data/schedules/setup-c-mlp_s-b16.yaml");
}

/// Setup A: AlexNet, batch 16, one node, one layer per segment (KAPLA refetch rule).
inline Evaluated alexNetSetupA()
{
    return evaluatedSample("sample_projects/golden/setup-a-alex_net-b16-kapla.yaml",
                           "tests/data/schedules/setup-a-alex_net-b16-kapla.yaml");
}

/// Every layer its own segment on a one-node architecture, each blocking the loop-blocking
/// search's best for the unpartitioned layer (the first mapping choice that has one).
inline Schedule singleNodeSchedule(const Project& project, const Architecture& arch)
{
    Schedule s;
    s.network = project.network.name();
    s.batch = project.batch;
    const Resource res = topLevelResource(arch);
    for (const auto& nl : project.network.layers()) {
        LayerSchedule ls;
        ls.layer = nl.name;
        const PartitionedLayer pl = ls.partition.partLayer(nl.layer, project.batch);
        for (const auto& nld :
             mapLayer(pl.layer, pl.batch, pl.occupancy, arch.peArray, project.options.mapping, pl.rwData)) {
            const BufShrScheme bufshr(res.procRegion, ls.partition, nld.dataLoops);
            LoopBlockingContext ctx;
            ctx.resource = &res;
            ctx.bufshr = &bufshr;
            ctx.options = &project.options;
            ctx.accessEnergy = arch.energy.access;
            const auto cands = searchLoopBlocking(nld, ctx, {});
            if (cands.empty())
                continue;
            ls.replIfms = nld.replIfms;
            ls.replOfms = nld.replOfms;
            ls.blocking = cands.front().blocking;
            break;
        }
        SegmentSchedule seg;
        seg.groups = {{nl.name}};
        seg.layers = {ls};
        s.segments.push_back(std::move(seg));
    }
    return s;
}

/// ResNet-50 (72 layers) at `batch` on the single-node Eyeriss architecture.
inline Evaluated resnet50SingleNode(int batch)
{
    Project p = loadProject("sample_projects/golden/setup-a-mlp_s-b8.yaml");
    auto net = io::loadNetworkFile(sourcePath("sample_projects/networks/resnet50.yaml"));
    if (!net)
        throw std::runtime_error(net.diagnostics().front().format());
    p.name = "ResNet-50 on one Eyeriss node";
    p.network = net.value();
    p.batch = batch;
    const auto arch = resolveArchitecture(p.architecture);
    return evaluated(p, singleNodeSchedule(p, arch.value()));
}

/// The evaluated schedule as a run of a given schedule, dated `date`.
inline RunPtr givenRun(const Evaluated& e, const std::string& date = "2025-11-26")
{
    return makeGivenRun(ResolvedProject::resolve(e.project).value(), e.schedule, e.eval, date);
}

} // namespace kapla::test
