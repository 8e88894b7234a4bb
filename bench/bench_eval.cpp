// kapla-bench-eval: loop-blocking evaluations per second on one core, and full per-layer evaluations
// per second, with the heap allocations per evaluation (the inner loop must allocate nothing).

#include "cost/buf_shr.h"
#include "cost/evaluator.h"
#include "cost/loop_blocking.h"
#include "cost/map_strategy.h"
#include "cost/pipeline_segment.h"
#include "io/project_io.h"
#include "io/schedule_io.h"
#include "schedule/partition.h"
#include "util/math_util.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <new>
#include <string_view>

namespace {

std::atomic<long long> g_allocations{0};

} // namespace

void* operator new(std::size_t n)
{
    g_allocations.fetch_add(1, std::memory_order_relaxed);
    if (void* p = std::malloc(n ? n : 1))
        return p;
    throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace {

using namespace kapla;
using Clock = std::chrono::steady_clock;

std::string source(const std::string& rel) { return std::string(KAPLA_SOURCE_DIR) + "/" + rel; }

// The project with its architecture resolved: the one place this program resolves one.
ResolvedProject loadProject(const std::string& rel)
{
    auto p = io::loadProjectFile(source(rel));
    auto resolved = p ? ResolvedProject::resolve(std::move(p).value()) : Result<ResolvedProject>(p.diagnostics());
    if (!resolved) {
        std::cerr << resolved.diagnostics().front().format() << '\n';
        std::exit(1);
    }
    return std::move(resolved).value();
}

// Every blocking of the exhaustive space of a descriptor (all factorizations x all order pairs).
std::vector<BlockingSpec> allBlockings(const NestedLoopDesc& nld)
{
    std::vector<BlockingSpec> out;
    const auto fi = factorize(nld.loopcnt[0], 3), fo = factorize(nld.loopcnt[1], 3), fb = factorize(nld.loopcnt[2], 3);
    const std::vector<PerLoop<int>> perms{{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};
    for (const auto& ti : fi)
        for (const auto& to : fo)
            for (const auto& tb : fb)
                for (const auto& o0 : perms)
                    for (const auto& o1 : perms) {
                        BlockingSpec b;
                        for (std::size_t l = 0; l < 3; ++l)
                            b.tvals[l] = {ti[l], to[l], tb[l]};
                        b.orders = {o0, o1};
                        out.push_back(b);
                    }
    return out;
}

struct LbsFigures {
    double evalsPerSecond = 0;
    long long evaluations = 0;
    long long valid = 0;
    double allocationsPerEval = 0;
    std::size_t spaceSize = 0;
};

LbsFigures timeLoopBlocking(const NestedLoopDesc& nld, const LoopBlockingContext& ctx)
{
    const auto space = allBlockings(nld);
    const LoopBlockingPrecomp pc = precomputeLoopBlocking(nld, ctx);
    LbsFigures f;
    f.spaceSize = space.size();
    const long long alloc0 = g_allocations.load();
    const auto start = Clock::now();
    double seconds = 0;
    double sink = 0;
    while (seconds < 1.5) {
        for (const auto& b : space) {
            const LoopBlockingResult r = evaluateLoopBlocking(pc, b);
            f.valid += r.valid;
            sink += r.valid ? r.stats.accessCost : 0;
        }
        f.evaluations += static_cast<long long>(space.size());
        seconds = std::chrono::duration<double>(Clock::now() - start).count();
    }
    f.allocationsPerEval = static_cast<double>(g_allocations.load() - alloc0) / static_cast<double>(f.evaluations);
    f.evalsPerSecond = static_cast<double>(f.evaluations) / seconds;
    if (sink < 0)
        std::puts("");
    return f;
}

nlohmann::json lbsJson(const std::string& name, const LbsFigures& f)
{
    return {{"case", name},
            {"blockings_in_space", f.spaceSize},
            {"evaluations", f.evaluations},
            {"valid_fraction", static_cast<double>(f.valid) / static_cast<double>(f.evaluations)},
            {"evaluations_per_second", f.evalsPerSecond},
            {"heap_allocations_per_evaluation", f.allocationsPerEval}};
}

// The conv3 layer of AlexNet on the single-node Eyeriss setup (no buffer sharing).
nlohmann::json benchConvLayer()
{
    const ResolvedProject resolved = loadProject("sample_projects/golden/setup-a-alex_net-b16.yaml");
    const Project& p = resolved.project();
    const Architecture& arch = resolved.architecture();
    const Layer& layer = p.network.at(p.network.find("conv3_a")).layer;
    const PartitionScheme part;
    const PartitionedLayer pl = part.partLayer(layer, p.batch);
    const auto nlds = mapLayer(pl.layer, pl.batch, pl.occupancy, arch.peArray, p.options.mapping, pl.rwData);
    const Resource res = topLevelResource(arch);
    const BufShrScheme bufshr(res.procRegion, part, nlds.front().dataLoops);
    LoopBlockingContext ctx{&res, &bufshr, &p.options, arch.energy.access};
    return lbsJson("alex_net conv3_a b16, 16x16 PEs, 1 node (no sharing)", timeLoopBlocking(nlds.front(), ctx));
}

// fc1 of MLP-M on the 4x4 mesh with GBUF sharing: the buffer-sharing sweep runs per evaluation.
nlohmann::json benchSharedLayer()
{
    const ResolvedProject resolved = loadProject("sample_projects/golden/setup-b-mlp_m-b16.yaml");
    const Project& p = resolved.project();
    const Architecture& arch = resolved.architecture();
    const Layer& layer = p.network.at(p.network.find("fc1")).layer;
    PartitionScheme part;
    part.order = {Parallel::Ofmp, Parallel::Batp, Parallel::Inpp, Parallel::Outp};
    part.pdims[static_cast<std::size_t>(Parallel::Outp)] = {4, 4};
    const PartitionedLayer pl = part.partLayer(layer, p.batch);
    const auto nlds = mapLayer(pl.layer, pl.batch, pl.occupancy, arch.peArray, p.options.mapping, pl.rwData);
    const Resource res = topLevelResource(arch);
    const BufShrScheme bufshr(res.procRegion, part, nlds.front().dataLoops);
    LoopBlockingContext ctx{&res, &bufshr, &p.options, arch.energy.access};
    return lbsJson("mlp_m fc1 b16, 4x4 nodes, GBUF sharing", timeLoopBlocking(nlds.front(), ctx));
}

// Whole-schedule evaluations (partition, mapping, blocking, hops, timing, totals) per layer per second.
nlohmann::json benchFullEvaluation(const std::string& project, const std::string& schedule)
{
    const ResolvedProject p = loadProject(project);
    const Schedule s = io::loadScheduleFile(source(schedule)).value();
    long long layers = 0;
    const auto start = Clock::now();
    double seconds = 0;
    while (seconds < 1.5) {
        const auto e = evaluateSchedule(p, s);
        layers += static_cast<long long>(e->layers.size());
        seconds = std::chrono::duration<double>(Clock::now() - start).count();
    }
    return {{"case", schedule}, {"layer_evaluations", layers}, {"layer_evaluations_per_second", layers / seconds}};
}

} // namespace

int main(int argc, char** argv)
{
    constexpr const char* usage =
        "usage: kapla-bench-eval\n"
        "  loop-blocking evaluations per second on one core and full per-layer evaluations per second,\n"
        "  with the heap allocations per evaluation, as JSON on stdout; it takes no arguments\n";
    const auto isHelp = [](std::string_view arg) { return arg == "-h" || arg == "--help"; };
    if (std::any_of(argv + 1, argv + argc, isHelp)) {
        std::cout << usage;
        return 0;
    }
    if (argc > 1) {
        std::cerr << "kapla-bench-eval: unexpected argument '" << argv[1] << "'\n" << usage;
        return 1;
    }
    nlohmann::json out;
    out["loop_blocking"] = nlohmann::json::array({benchConvLayer(), benchSharedLayer()});
    out["full_layer_evaluation"] = nlohmann::json::array(
        {benchFullEvaluation("sample_projects/golden/setup-a-alex_net-b16.yaml",
                             "tests/data/schedules/setup-a-alex_net-b16-original.yaml"),
         benchFullEvaluation("sample_projects/golden/setup-c-mlp_s-b16.yaml",
                             "tests/data/schedules/setup-c-mlp_s-b16.yaml")});
    std::cout << out.dump(2) << '\n';
    return 0;
}
