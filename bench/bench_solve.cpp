// kapla-bench-solve: wall time and peak memory of the exhaustive search on the golden projects and on
// AlexNet, VGG-16 and MobileNet (batch 16) on the KAPLA 16x16 mesh with the inference options, on 1
// and 2 threads, and the time from a stop request to the return of a long solve. Each case runs in a
// child process so that its peak RSS is its own.
//
// usage: kapla-bench-solve [--threads 1,2] [--only SUBSTRING] [--max-seconds S]

#include "io/project_io.h"
#include "solve/solver.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

using namespace kapla;

std::string source(const std::string& rel) { return std::string(KAPLA_SOURCE_DIR) + "/" + rel; }

struct Case {
    std::string name;
    std::string project; ///< a project file, or empty to build one from the next two
    std::string network;
    std::string architecture;
};

std::vector<Case> cases()
{
    std::vector<Case> out;
    for (const char* g : {"setup-a-mlp_s-b8", "setup-a-simple-b1", "setup-a-alex_net-b16", "setup-a-alex_net-b16-kapla",
                          "setup-a-alex_net-b16-bypass", "setup-b-mlp_m-b16", "setup-c-mlp_s-b16"})
        out.push_back({g, "sample_projects/golden/" + std::string(g) + ".yaml", "", ""});
    const std::string mesh = "sample_projects/architectures/kapla-multi-node-16x16.yaml";
    for (const char* n : {"alex_net", "vgg_net", "mobilenet"})
        out.push_back({std::string(n) + "-b16-16x16-inference", "",
                       "sample_projects/networks/" + std::string(n) + ".yaml", mesh});
    out.push_back({"cancel-latency-alex_net-b16-16x16", "", "", ""});
    return out;
}

Project loadCase(const Case& c)
{
    if (!c.project.empty()) {
        auto p = io::loadProjectFile(source(c.project));
        if (!p)
            throw std::runtime_error(p.diagnostics().front().format());
        Project project = p.value();
        project.options.solver = SolverKind::Exhaustive;
        return project;
    }
    auto net = io::loadNetworkFile(source(c.network));
    auto arch = io::loadArchitectureFile(source(c.architecture));
    if (!net || !arch)
        throw std::runtime_error("cannot load " + c.network + " or " + c.architecture);
    Project p;
    p.name = c.name;
    p.batch = 16;
    p.network = net.value();
    p.architecture = arch.value();
    p.options = optionsPreset(OptionsPreset::Inference);
    p.options.solver = SolverKind::Exhaustive;
    return p;
}

// Requests a stop after `afterSeconds` and measures how long the solve takes to return.
nlohmann::json cancelLatency(int threads, double afterSeconds)
{
    Case c{"cancel-latency-alex_net-b16-16x16", "", "sample_projects/networks/alex_net.yaml",
           "sample_projects/architectures/kapla-multi-node-16x16.yaml"};
    const Project project = loadCase(c);
    SolveSettings settings;
    settings.threads = threads;
    std::stop_source stop;
    SolveResult r;
    std::chrono::steady_clock::time_point returned;
    std::jthread worker([&] {
        r = solve(project, settings, stop.get_token());
        returned = std::chrono::steady_clock::now();
    });
    std::this_thread::sleep_for(std::chrono::duration<double>(afterSeconds));
    const auto requested = std::chrono::steady_clock::now();
    stop.request_stop();
    worker.join();
    return {{"case", c.name},
            {"threads", threads},
            {"stop_after_seconds", afterSeconds},
            {"termination", std::string(terminationKeyword(r.termination))},
            {"stop_to_return_ms", std::chrono::duration<double, std::milli>(returned - requested).count()}};
}

nlohmann::json runCase(const Case& c, int threads, double maxSeconds)
{
    if (c.name.starts_with("cancel-latency"))
        return cancelLatency(threads, 2.0);
    const Project project = loadCase(c);
    SolveSettings settings;
    settings.threads = threads;
    std::stop_source stop;
    std::jthread watchdog;
    if (maxSeconds > 0)
        watchdog = std::jthread([&stop, maxSeconds](std::stop_token done) {
            const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(maxSeconds);
            while (!done.stop_requested() && std::chrono::steady_clock::now() < end)
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
            if (!done.stop_requested())
                stop.request_stop();
        });
    const SolveResult r = solve(project, settings, stop.get_token());
    nlohmann::json j = {{"case", c.name},
                        {"threads", threads},
                        {"seconds", r.seconds},
                        {"termination", std::string(terminationKeyword(r.termination))},
                        {"blockings_enumerated", r.evaluations}};
    if (r.evaluation) {
        j["total_cost"] = r.evaluation->totalCost;
        j["total_time"] = r.evaluation->totalTime;
        j["segments"] = r.evaluation->segments.size();
    } else {
        j["message"] = r.message;
    }
    return j;
}

// Runs one case in a child process; the parent reads its JSON line and its peak RSS.
nlohmann::json runIsolated(const Case& c, int threads, double maxSeconds)
{
    int fds[2];
    if (pipe(fds) != 0)
        return {{"case", c.name}, {"error", "pipe failed"}};
    const pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        std::string text;
        try {
            text = runCase(c, threads, maxSeconds).dump();
        } catch (const std::exception& e) {
            text = nlohmann::json{{"case", c.name}, {"error", e.what()}}.dump();
        }
        [[maybe_unused]] const auto written = write(fds[1], text.data(), text.size());
        close(fds[1]);
        _exit(0);
    }
    close(fds[1]);
    std::string text;
    char buf[4096];
    for (ssize_t n; (n = read(fds[0], buf, sizeof buf)) > 0;)
        text.append(buf, static_cast<std::size_t>(n));
    close(fds[0]);
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    nlohmann::json j = text.empty() ? nlohmann::json{{"case", c.name}, {"error", "child failed"}}
                                    : nlohmann::json::parse(text);
    j["peak_rss_mib"] = static_cast<double>(usage.ru_maxrss) / 1024.0;
    return j;
}

std::vector<int> parseThreads(const std::string& s)
{
    std::vector<int> out;
    std::stringstream ss(s);
    for (std::string item; std::getline(ss, item, ',');)
        out.push_back(std::stoi(item));
    return out;
}

} // namespace

int main(int argc, char** argv)
{
    std::vector<int> threads{1, 2};
    std::string only;
    double maxSeconds = 0;
    constexpr const char* usage = "usage: kapla-bench-solve [--threads 1,2] [--only SUBSTRING] [--max-seconds S]\n";
    const auto isHelp = [](std::string_view arg) { return arg == "-h" || arg == "--help"; };
    if (std::any_of(argv + 1, argv + argc, isHelp)) {
        std::cout << usage;
        return 0;
    }
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        const bool known = a == "--threads" || a == "--only" || a == "--max-seconds";
        if (!known || i + 1 >= argc) {
            std::cerr << "kapla-bench-solve: " << a << (known ? ": needs a value\n" : ": unknown option\n") << usage;
            return 1;
        }
        const std::string value = argv[++i];
        if (a == "--threads")
            threads = parseThreads(value);
        else if (a == "--only")
            only = value;
        else
            maxSeconds = std::atof(value.c_str());
    }
    nlohmann::json out = nlohmann::json::array();
    for (const Case& c : cases()) {
        if (!only.empty() && c.name.find(only) == std::string::npos)
            continue;
        for (const int t : threads) {
            out.push_back(runIsolated(c, t, maxSeconds));
            std::cerr << out.back().dump() << '\n';
        }
    }
    std::cout << out.dump(2) << '\n';
    return 0;
}
