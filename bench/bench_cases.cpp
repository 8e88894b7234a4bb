#include "bench_cases.h"

#include "io/bench_cases_io.h"
#include "io/project_io.h"

#include <cstdint>

namespace kapla::bench {

namespace {

// FNV-1a: stable across runs and builds, unlike std::hash, so cache keys survive a rebuild.
std::string fnv1aHex(const std::string& text)
{
    std::uint64_t h = 14695981039346656037ull;
    for (const unsigned char c : text) {
        h ^= c;
        h *= 1099511628211ull;
    }
    constexpr const char* kDigits = "0123456789abcdef";
    std::string out(16, '0');
    for (int i = 15; i >= 0; --i, h >>= 4)
        out[static_cast<std::size_t>(i)] = kDigits[h & 0xf];
    return out;
}

} // namespace

Result<std::vector<BenchCase>> loadCases(const std::string& path)
{
    auto projects = io::loadBenchCasesFile(path);
    if (!projects)
        return projects.diagnostics();
    std::vector<BenchCase> cases;
    for (Project& p : projects.value()) {
        const std::string hash = fnv1aHex(io::projectToYaml(p, true));
        const std::string name = p.name;
        cases.push_back({name, std::move(p), hash});
    }
    return cases;
}

} // namespace kapla::bench
