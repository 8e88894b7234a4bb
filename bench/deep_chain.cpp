#include "deep_chain.h"

#include "bench_args.h"
#include "bench_run.h"
#include "cost/pipeline_segment.h"
#include "cost/sched_dag.h"
#include "io/project_io.h"

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <stdexcept>

namespace kapla::bench {

namespace {

constexpr const char* kUsage =
    "usage: kapla-bench --deep-chain [--depths N,N,...] [--solvers kapla,exhaustive] [--preset P]\n"
    "                   [--stop-after SECONDS] [--threads N]\n"
    "  Solves chains of N tiny FC layers on KAPLA's single node (default depths 250,500,1000,2000,\n"
    "  5000,10000; --preset: default, inference or training, default: default) and prints per depth\n"
    "  and solver the segment count, the wall time and the peak RSS. Then it stops the deepest chain and\n"
    "  ResNet-152 (16x16 nodes, inference options) --stop-after seconds (default 2) into a solve and\n"
    "  prints how long the solver took to return.\n";

struct DeepArgs {
    std::vector<int> depths{250, 500, 1000, 2000, 5000, 10000};
    std::vector<SolverKind> solvers{SolverKind::Kapla, SolverKind::Exhaustive};
    OptionsPreset preset = OptionsPreset::Default;
    double stopAfter = 2;
    int threads = 1;
};

DeepArgs parseArgs(const std::vector<std::string>& args)
{
    DeepArgs a;
    for (std::size_t i = 0; i < args.size(); i += 2) {
        const std::string& k = args[i];
        if (i + 1 >= args.size())
            throw std::invalid_argument(k + ": needs a value");
        const std::string& v = args[i + 1];
        if (k == "--depths") {
            a.depths.clear();
            for (const std::string& d : splitList(v))
                a.depths.push_back(parseNumber<int>(k, d));
        } else if (k == "--solvers") {
            a.solvers.clear();
            for (const std::string& s : splitList(v)) {
                const auto solver = solverFromKeyword(s);
                if (!solver)
                    throw std::invalid_argument(k + ": expected kapla, exhaustive, random or ml, got '" + s + "'");
                a.solvers.push_back(*solver);
            }
        } else if (k == "--preset") {
            const auto preset = presetFromKeyword(v);
            if (!preset)
                throw std::invalid_argument(k + ": expected default, inference or training, got '" + v + "'");
            a.preset = *preset;
        } else if (k == "--stop-after") {
            a.stopAfter = parseNumber<double>(k, v);
        } else if (k == "--threads") {
            a.threads = parseNumber<int>(k, v);
        } else {
            throw std::invalid_argument(k + ": unknown option");
        }
    }
    return a;
}

ArchitectureSpec architectureFile(const char* name)
{
    const std::string path = std::string(KAPLA_SOURCE_DIR) + "/sample_projects/architectures/" + name;
    auto arch = io::loadArchitectureFile(path);
    if (!arch)
        throw std::runtime_error(arch.diagnostics().front().format());
    return std::move(arch).value();
}

BenchCase caseOf(std::string name, Network network, ArchitectureSpec arch, OptionsPreset preset)
{
    BenchCase c;
    c.name = std::move(name);
    c.project.name = c.name;
    c.project.network = std::move(network);
    c.project.architecture = std::move(arch);
    c.project.options = optionsPreset(preset);
    return c;
}

// The valid segments the searches start from (counted here, outside the timed child).
std::size_t segmentCount(const Project& p)
{
    const auto arch = resolveArchitecture(p.architecture);
    if (!arch)
        return 0;
    const SchedDag dag = buildSchedDag(p.network);
    return generateSegments(p.network, dag, topLevelResource(arch.value()), p.options, p.batch).size();
}

void printTable(const DeepArgs& a, const ArchitectureSpec& node)
{
    std::printf("%8s  %-10s  %-10s  %9s  %10s  %10s  %14s\n", "layers", "solver", "end", "segments", "wall s",
                "peak MiB", "energy");
    for (const int depth : a.depths) {
        const BenchCase c = caseOf("chain-" + std::to_string(depth), deepChain(depth), node, a.preset);
        const std::size_t segments = segmentCount(c.project);
        for (const SolverKind s : a.solvers) {
            const RunRecord r = runIsolated(c, s, {a.threads, 0, 0, 1});
            std::printf("%8d  %-10s  %-10s  %9zu  %10.2f  %10.1f  %14.6g\n", depth, r.solver.c_str(),
                        r.termination.c_str(), segments, r.wallSeconds, r.peakRssMib, r.energy.value_or(0));
            std::fflush(stdout);
        }
    }
}

void printStopLatency(const DeepArgs& a, const BenchCase& c)
{
    for (const SolverKind s : a.solvers) {
        const RunRecord r = runIsolated(c, s, {a.threads, 0, a.stopAfter, 1});
        if (r.stopLatencySeconds)
            std::printf("%-22s  %-10s  stopped after %.1f s, returned %.0f ms later (%s, %s), peak %.1f MiB\n",
                        c.name.c_str(), r.solver.c_str(), a.stopAfter, 1000 * *r.stopLatencySeconds,
                        r.termination.c_str(), r.energy ? "with a complete schedule" : "no schedule", r.peakRssMib);
        else
            std::printf("%-22s  %-10s  ended on its own before the stop (%s, %.2f s)\n", c.name.c_str(),
                        r.solver.c_str(), r.termination.c_str(), r.wallSeconds);
        std::fflush(stdout);
    }
}

} // namespace

Network deepChain(int layers)
{
    Network net("chain-" + std::to_string(layers), makeInputLayer(8, {1, 1}));
    LayerParams fc;
    fc.type = LayerType::FC;
    fc.nifm = 8;
    fc.nofm = 8;
    fc.sofm = {1, 1};
    fc.sfil = {1, 1};
    const Layer layer = makeLayer(fc).value();
    for (int i = 0; i < layers; ++i)
        net.add("fc" + std::to_string(i), layer);
    return net;
}

int runDeepChain(const std::vector<std::string>& args)
{
    if (std::find(args.begin(), args.end(), "--help") != args.end()) {
        std::cout << kUsage;
        return 0;
    }
    DeepArgs a;
    try {
        a = parseArgs(args);
        const ArchitectureSpec node = architectureFile("kapla-systolic-single-node.yaml");
        printTable(a, node);
        std::printf("\nstop latency (a stop request %.1f s into the solve, as Ctrl-C makes one):\n", a.stopAfter);
        if (!a.depths.empty()) {
            const int deepest = *std::max_element(a.depths.begin(), a.depths.end());
            printStopLatency(a, caseOf("chain-" + std::to_string(deepest), deepChain(deepest), node, a.preset));
        }
        auto resnet = io::loadNetworkFile(std::string(KAPLA_SOURCE_DIR) + "/sample_projects/networks/resnet152.yaml");
        if (!resnet)
            throw std::runtime_error(resnet.diagnostics().front().format());
        // With pipelining, as the zoo cases solve it: long enough a search to be stopped in.
        printStopLatency(a, caseOf("resnet152-16x16", std::move(resnet).value(),
                                   architectureFile("kapla-multi-node-16x16.yaml"), OptionsPreset::Inference));
    } catch (const std::exception& e) {
        std::cerr << "kapla-bench --deep-chain: " << e.what() << '\n' << kUsage;
        return 1;
    }
    return 0;
}

} // namespace kapla::bench
