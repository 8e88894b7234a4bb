#include "bench_report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>

namespace kapla::bench {

namespace {

std::string fixed(double v, int decimals)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

std::string general(double v, int digits)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*g", digits, v);
    return buf;
}

std::optional<double> geomean(const std::vector<double>& values)
{
    if (values.empty())
        return std::nullopt;
    double logSum = 0;
    for (const double v : values)
        logSum += std::log(v);
    return std::exp(logSum / static_cast<double>(values.size()));
}

std::map<std::string, const RunRecord*> finishedExhaustive(const std::vector<RunRecord>& runs)
{
    std::map<std::string, const RunRecord*> out;
    for (const auto& r : runs)
        if (r.solver == "exhaustive" && r.termination == "converged" && r.energy)
            out[r.caseName] = &r;
    return out;
}

std::string optionalPercent(const std::optional<double>& v)
{
    return v ? (*v >= 0 ? "+" : "") + fixed(100 * *v, 2) + "%" : std::string("n/a");
}

std::string csvField(const std::string& s)
{
    if (s.find_first_of(",\"\n") == std::string::npos)
        return s;
    std::string out = "\"";
    for (const char c : s)
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

} // namespace

std::string tableHeader()
{
    char buf[256];
    std::snprintf(buf, sizeof buf, "%-28s %-10s %14s %8s %10s %12s %-11s %8s", "case", "solver", "energy", "ratio",
                  "seconds", "evaluations", "termination", "RSS MiB");
    return buf;
}

std::string tableLine(const RunRecord& r)
{
    const std::string energy = r.energy ? general(*r.energy, 6) + " " + r.energyUnit : std::string("-");
    const std::string ratio = r.ratio ? fixed(*r.ratio, 4) : std::string("-");
    char buf[512];
    std::snprintf(buf, sizeof buf, "%-28s %-10s %14s %8s %10.2f %12lld %-11s %8.0f%s", r.caseName.c_str(),
                  r.solver.c_str(), energy.c_str(), ratio.c_str(), r.seconds, static_cast<long long>(r.evaluations),
                  r.termination.c_str(), r.peakRssMib, r.cached ? "  (cached)" : "");
    std::string line = buf;
    if (!r.finished() && !r.message.empty())
        line += "  [" + r.message + "]";
    return line;
}

void fillRatios(std::vector<RunRecord>& runs)
{
    const auto optimum = finishedExhaustive(runs);
    std::map<std::string, double> optimumEnergy;
    for (const auto& [name, run] : optimum)
        optimumEnergy[name] = *run->energy;
    for (auto& r : runs) {
        const auto it = optimumEnergy.find(r.caseName);
        r.ratio = it != optimumEnergy.end() && r.energy && it->second > 0 ? std::optional(*r.energy / it->second)
                                                                          : std::nullopt;
    }
}

std::vector<SolverSummary> summarize(const std::vector<RunRecord>& runs)
{
    const auto optimum = finishedExhaustive(runs);
    std::vector<std::string> order;
    std::map<std::string, std::vector<double>> ratios, speedups;
    std::map<std::string, int> cases;
    std::map<std::string, SolverSummary> deep; // totals and the deep cases' least speedup per solver
    for (const auto& r : runs) {
        if (r.solver == "exhaustive")
            continue;
        if (std::find(order.begin(), order.end(), r.solver) == order.end())
            order.push_back(r.solver);
        ++cases[r.solver];
        SolverSummary& d = deep[r.solver];
        d.totalSeconds += r.seconds;
        const auto it = optimum.find(r.caseName);
        if (it == optimum.end() || !r.ratio)
            continue;
        ratios[r.solver].push_back(*r.ratio);
        if (r.seconds <= 0)
            continue;
        const double speedup = it->second->seconds / r.seconds;
        speedups[r.solver].push_back(speedup);
        if (r.layers > kDeepLayers) {
            ++d.deepCases;
            if (!d.minSpeedupDeep || speedup < *d.minSpeedupDeep) {
                d.minSpeedupDeep = speedup;
                d.minSpeedupDeepCase = r.caseName;
            }
        }
    }
    std::vector<SolverSummary> out;
    for (const auto& solver : order) {
        SolverSummary s = deep[solver];
        s.solver = solver;
        s.cases = cases[solver];
        const auto& rs = ratios[solver];
        s.compared = static_cast<int>(rs.size());
        if (!rs.empty()) {
            s.geomeanOverhead = *geomean(rs) - 1;
            s.maxOverhead = *std::max_element(rs.begin(), rs.end()) - 1;
        }
        const auto& sp = speedups[solver];
        if (!sp.empty()) {
            s.minSpeedup = *std::min_element(sp.begin(), sp.end());
            s.geomeanSpeedup = geomean(sp);
        }
        out.push_back(s);
    }
    return out;
}

std::string summaryLine(const SolverSummary& s)
{
    std::ostringstream os;
    os << s.solver << ": energy overhead vs exhaustive over " << s.compared << "/" << s.cases << " cases: geomean "
       << optionalPercent(s.geomeanOverhead) << ", max " << optionalPercent(s.maxOverhead);
    if (s.solver == "kapla" && s.minSpeedup)
        os << "; speedup vs exhaustive: min " << general(*s.minSpeedup, 3) + "x"
           << ", geomean " << general(*s.geomeanSpeedup, 3) + "x";
    if (s.solver == "kapla" && s.minSpeedupDeep)
        os << "; on the " << s.deepCases << " cases with more than " << kDeepLayers << " layers: min "
           << general(*s.minSpeedupDeep, 3) + "x (" << s.minSpeedupDeepCase << ")";
    if (s.solver == "kapla")
        os << "; search time " << fixed(s.totalSeconds, 1) << " s over " << s.cases << " cases";
    return os.str();
}

nlohmann::json toJson(const SolverSummary& s)
{
    const auto opt = [](const std::optional<double>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); };
    return {{"solver", s.solver},
            {"cases", s.cases},
            {"compared", s.compared},
            {"geomean_overhead", opt(s.geomeanOverhead)},
            {"max_overhead", opt(s.maxOverhead)},
            {"min_speedup", opt(s.minSpeedup)},
            {"geomean_speedup", opt(s.geomeanSpeedup)},
            {"total_seconds", s.totalSeconds},
            {"deep_cases", s.deepCases},
            {"min_speedup_deep", opt(s.minSpeedupDeep)},
            {"min_speedup_deep_case", s.minSpeedupDeepCase}};
}

std::string runsCsv(const std::vector<RunRecord>& runs)
{
    std::ostringstream os;
    os << "case,solver,energy,energy_unit,ratio,seconds,wall_seconds,evaluations,termination,peak_rss_mib,"
          "time_budget_seconds,cached,message\n";
    for (const auto& r : runs) {
        os << csvField(r.caseName) << ',' << r.solver << ',' << (r.energy ? general(*r.energy, 10) : "") << ','
           << r.energyUnit << ',' << (r.ratio ? fixed(*r.ratio, 6) : "") << ',' << fixed(r.seconds, 3) << ','
           << fixed(r.wallSeconds, 3) << ',' << r.evaluations << ',' << r.termination << ',' << fixed(r.peakRssMib, 1)
           << ',' << fixed(r.timeBudgetSeconds, 3) << ',' << (r.cached ? "yes" : "no") << ',' << csvField(r.message)
           << '\n';
    }
    return os.str();
}

} // namespace kapla::bench
