#include "live_bench.h"

#include "io/project_io.h"
#include "solve/kapla/kapla_memo.h"
#include "solve/kapla_solver.h"
#include "solve/solver.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace kapla::bench {

namespace {

constexpr const char* kUsage =
    "usage: kapla-bench --live [PROJECT.yaml ...]\n"
    "  Per project (default: the AlexNet and ResNet-50 16x16 samples) the KAPLA solve time on 1 and 2\n"
    "  threads without a memo, then on 2 threads the re-solve after an edit of the last layer's output\n"
    "  channels (halved) with the memo of the solve before it, the layer solves it ran and reused, and\n"
    "  whether its schedule equals a cold solve of the edited project.\n";

struct Timed {
    SolveResult result;
    double seconds = 0;    ///< wall clock
    double cpuSeconds = 0; ///< the process's CPU time, all threads (what a loaded machine does not inflate)
};

Timed timedSolve(const Project& project, int threads, std::shared_ptr<KaplaMemo> memo = nullptr)
{
    SolveSettings settings;
    settings.threads = threads;
    const auto start = std::chrono::steady_clock::now();
    const std::clock_t cpuStart = std::clock();
    Timed t{solve(project, settings, std::stop_token{}, {}, memo.get())};
    t.cpuSeconds = static_cast<double>(std::clock() - cpuStart) / CLOCKS_PER_SEC;
    t.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return t;
}

// The last layer in the network's order with its output channels halved (nothing reads its output,
// so every other layer keeps its shape); nullopt if the network refuses it.
std::optional<Project> withLastLayerEdited(Project project, std::string& name)
{
    const auto& layers = project.network.layers();
    for (std::size_t i = layers.size(); i-- > 0;) {
        const LayerId id{static_cast<int>(i)};
        if (!project.network.nexts(id).empty())
            continue;
        Layer layer = layers[i].layer;
        layer.params.nofm = std::max(1, layer.params.nofm / 2);
        name = layers[i].name;
        if (project.network.replace(id, layer).empty())
            return project;
    }
    return std::nullopt;
}

bool sameResult(const SolveResult& a, const SolveResult& b)
{
    return a.schedule && b.schedule && *a.schedule == *b.schedule && a.evaluation->totalCost == b.evaluation->totalCost
        && a.evaluation->totalTime == b.evaluation->totalTime;
}

int benchProject(const std::string& path)
{
    auto loaded = io::loadProjectFile(path);
    if (!loaded) {
        std::fprintf(stderr, "%s\n", loaded.diagnostics().front().format().c_str());
        return 1;
    }
    Project project = loaded.value();
    project.options.solver = SolverKind::Kapla;
    std::string edited;
    const auto edit = withLastLayerEdited(project, edited);
    if (!edit) {
        std::fprintf(stderr, "%s: no last layer to edit\n", path.c_str());
        return 1;
    }
    const Timed one = timedSolve(project, 1);
    const Timed two = timedSolve(project, 2);
    auto memo = std::make_shared<KaplaMemo>();
    const Timed warmup = timedSolve(project, 2, memo);
    const KaplaMemo::Counts cold = memo->counts();
    memo->resetCounts();
    const Timed again = timedSolve(project, 2, memo);
    memo->resetCounts();
    const Timed live = timedSolve(*edit, 2, memo);
    const KaplaMemo::Counts after = memo->counts();
    const Timed reference = timedSolve(*edit, 2);
    std::printf("%s (%zu layers)\n", project.name.c_str(), project.network.size());
    std::printf("  (wall clock; CPU time of all threads in brackets)\n");
    std::printf("  cold solve, 1 thread     %8.3f s [%.3f]\n", one.seconds, one.cpuSeconds);
    std::printf("  cold solve, 2 threads    %8.3f s [%.3f]  (same schedule as 1 thread: %s)\n", two.seconds,
                two.cpuSeconds, sameResult(one.result, two.result) ? "yes" : "NO");
    std::printf("  cold solve with a memo   %8.3f s [%.3f]  (%lld layer solves, %lld reused; %lld segment estimates)\n",
                warmup.seconds, warmup.cpuSeconds, static_cast<long long>(cold.layersSolved),
                static_cast<long long>(cold.layersReused), static_cast<long long>(cold.segmentsEstimated));
    std::printf("  same project again       %8.3f s [%.3f]  (same schedule: %s)\n", again.seconds, again.cpuSeconds,
                sameResult(again.result, two.result) ? "yes" : "NO");
    std::printf("  after editing %-10s %8.3f s [%.3f]  (%lld layer solves, %lld reused; %lld segment estimates, %lld "
                "reused; same schedule as a cold solve (%.3f s): %s)\n",
                edited.c_str(), live.seconds, live.cpuSeconds, static_cast<long long>(after.layersSolved),
                static_cast<long long>(after.layersReused), static_cast<long long>(after.segmentsEstimated),
                static_cast<long long>(after.segmentsReused), reference.seconds,
                sameResult(live.result, reference.result) ? "yes" : "NO");
    return sameResult(one.result, two.result) && sameResult(live.result, reference.result) ? 0 : 1;
}

} // namespace

int runLiveBench(const std::vector<std::string>& args)
{
    std::vector<std::string> projects;
    for (const std::string& a : args) {
        if (a == "-h" || a == "--help") {
            std::fputs(kUsage, stdout);
            return 0;
        }
        projects.push_back(a);
    }
    if (projects.empty())
        for (const char* name : {"alexnet-16x16.yaml", "resnet50-16x16.yaml"})
            projects.push_back(std::string(KAPLA_SOURCE_DIR).append("/sample_projects/").append(name));
    int status = 0;
    for (const std::string& path : projects)
        status = std::max(status, benchProject(path));
    return status;
}

} // namespace kapla::bench
