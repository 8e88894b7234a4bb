#include "cli/cli_sweep.h"

#include "io/project_io.h"
#include "io/schedule_io.h"
#include "io/sweep_io.h"
#include "util/file_access.h"
#include "util/text_format.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>

namespace kapla::cli {

const char* const kSweepUsage =
    "usage: kapla sweep SWEEP.yaml --out DIR [--resume] [--shard I/N] [--threads N]\n"
    "       kapla sweep --merge DIR... --out DIR\n"
    "       kapla sweep SWEEP.yaml --emit slurm|parallel --out DIR [--shards N] [--threads N]\n"
    "       kapla sweep --plot DIR --figure parameter|heatmap|pareto-time|pareto-pes|pareto-sram\n"
    "                   --out FIG.png|pdf|svg\n"
    "  Solves every point of the sweep file and writes DIR/points.csv and DIR/points.json (one row per\n"
    "  point: inputs, status and reason, energy, time, breakdown, area proxies, search time), each\n"
    "  point's schedule to DIR/schedules/, and, for a whole sweep, the Pareto fronts of energy against\n"
    "  time, total PEs and SRAM bytes to DIR/pareto.csv. The files are rewritten after every point, so\n"
    "  Ctrl-C (exit 3) leaves a valid partial result. A point with no valid schedule, or a combination\n"
    "  the project cannot take, is a row with its reason.\n"
    "  --resume       continue the sweep in DIR: points that have a row are not solved again\n"
    "  --shard I/N    solve only part I of N (every Nth point from the Ith), for a cluster or GNU parallel\n"
    "  --merge        join the result folders of all the shards of one sweep (checked: same sweep file,\n"
    "                 no point missing or doubled)\n"
    "  --emit         print a Slurm job-array script (one shard per task, the merge as a dependent job;\n"
    "                 submit it with sbatch) or a GNU parallel command line, for --shards N parts\n"
    "  --plot         draw a result folder: energy and time against the parameter (a sweep of one\n"
    "                 parameter), the energy over a grid of two (heatmap), or every point with the\n"
    "                 Pareto front of energy against time, total PEs or SRAM bytes\n"
    "  --threads      worker threads of each solve (default: all cores; 1 in emitted jobs)\n"
    "Exit codes: 0 every point has its row, 1 invalid input, 3 cancelled (Ctrl-C).\n";

namespace {

namespace fs = std::filesystem;

std::optional<Shard> parseShard(const std::string& s)
{
    const auto slash = s.find('/');
    if (slash == std::string::npos)
        return std::nullopt;
    const auto i = parseNumber<int>(s.substr(0, slash)), n = parseNumber<int>(s.substr(slash + 1));
    if (!i || !n || *n < 1 || *i < 1 || *i > *n)
        return std::nullopt;
    return Shard{*i, *n};
}

// Sets the option `k` from its value `v`; what is wrong with it, or an empty string.
std::string applyOption(SweepArgs& a, const std::string& k, const std::string& v)
{
    const std::string got = ", got '" + v + "'";
    if (k == "--out")
        a.out = v;
    else if (k == "--plot")
        a.plot = v;
    else if (k == "--figure")
        a.figure = v;
    else if (k == "--shard")
        return (a.shard = parseShard(v)) ? "" : "expected I/N with 1 <= I <= N" + got;
    else if (k == "--threads")
        return (a.threads = parseNumber<int>(v)) && *a.threads >= 0 ? "" : "expected a non-negative integer" + got;
    else if (k == "--shards") {
        const auto n = parseNumber<int>(v);
        if (!n || *n < 1 || *n > 10000)
            return "expected a number of parts from 1 to 10000" + got;
        a.shards = *n;
    } else if (k == "--emit") {
        if (v != "slurm" && v != "parallel")
            return "expected slurm or parallel" + got;
        a.emit = v;
    } else
        return "unknown option";
    return "";
}

std::optional<SweepArgs> parseArgs(const Args& args)
{
    SweepArgs a;
    bool merging = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& k = args[i];
        const auto bad = [&](const std::string& what) {
            std::cerr << "kapla sweep: " << k << ": " << what << '\n' << kSweepUsage;
            return std::nullopt;
        };
        if (k == "--merge" || k == "--resume") {
            (k == "--merge" ? merging : a.resume) = true;
            continue;
        }
        if (!k.starts_with("--")) {
            if (merging)
                a.merge.push_back(k);
            else if (!a.sweepFile.empty())
                return bad("only one sweep file may be given");
            else
                a.sweepFile = k;
            continue;
        }
        if (i + 1 >= args.size())
            return bad("needs a value");
        if (const std::string error = applyOption(a, k, args[++i]); !error.empty())
            return bad(error);
    }
    const auto usage = [](const char* what) {
        std::cerr << "kapla sweep: " << what << '\n' << kSweepUsage;
        return std::nullopt;
    };
    if (merging && (a.merge.empty() || !a.sweepFile.empty() || a.shard || a.resume || !a.emit.empty()))
        return usage("--merge takes result folders and --out only");
    if (!a.plot.empty() && (merging || !a.sweepFile.empty()))
        return usage("--plot takes a result folder, --figure and --out only");
    if (!merging && a.plot.empty() && a.sweepFile.empty())
        return usage("expected a sweep file");
    if (a.out.empty())
        return usage("--out DIR is required");
    return a;
}

std::string sixDigits(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    return buf;
}

// "[ 3/16] p0002 architecture.gbuf_bytes=24576: ok, energy 0.0123 J, 1.8 s; 0.55 points/s, ETA 24 s"
void reportProgress(const SweepRow& row, const std::vector<std::string>& parameters, std::size_t done,
                    std::size_t total, std::size_t solvedHere, double elapsed, const std::string& unit)
{
    std::string inputs;
    for (std::size_t i = 0; i < parameters.size(); ++i)
        inputs.append(i ? " " : "").append(parameters[i]).append("=").append(row.values[i]);
    std::string outcome{pointStatusKeyword(row.status)};
    if (row.status == PointStatus::Ok)
        outcome.append(", energy ")
            .append(sixDigits(row.energy))
            .append(" ")
            .append(unit)
            .append(", time ")
            .append(groupDigits(row.time));
    else
        outcome.append(": ").append(row.reason);
    const double rate = elapsed > 0 ? static_cast<double>(solvedHere) / elapsed : 0;
    const double eta = rate > 0 ? static_cast<double>(total - done) / rate : 0;
    std::fprintf(stderr, "[%*zu/%zu] %s %s: %s (%.1f s); %.2f points/s, ETA %.0f s\n",
                 static_cast<int>(std::to_string(total).size()), done, total, row.id.c_str(), inputs.c_str(),
                 outcome.c_str(), row.seconds, rate, eta);
}

// The table a run starts from: the rows already in DIR when resuming, else none (an existing result is
// not overwritten without --resume).
std::optional<SweepTable> startingTable(const SweepArgs& a, SweepTable fresh)
{
    const std::string existing = (fs::path(a.out) / "points.json").string();
    if (!fs::exists(existing))
        return fresh;
    if (!a.resume) {
        std::cerr << "kapla sweep: " << a.out
                  << ": error: already holds a sweep's results; expected --resume to continue it, or another --out\n";
        return std::nullopt;
    }
    auto previous = readSweepTable(a.out);
    if (!previous)
        return std::nullopt;
    if (previous->digest != fresh.digest || previous->shard != fresh.shard || previous->pointIds != fresh.pointIds) {
        std::cerr << existing << ": error: holds the results of another sweep file or shard ("
                  << (previous->shard.empty() ? "whole sweep" : "shard " + previous->shard) << "); expected those of "
                  << fresh.file << (fresh.shard.empty() ? std::string() : " shard " + fresh.shard) << '\n';
        return std::nullopt;
    }
    fresh.rows = std::move(previous->rows);
    return fresh;
}

bool hasRow(const SweepTable& t, int index)
{
    return std::any_of(t.rows.begin(), t.rows.end(), [&](const SweepRow& r) { return r.index == index; });
}

void addRow(SweepTable& t, SweepRow row)
{
    const auto at = std::lower_bound(t.rows.begin(), t.rows.end(), row.index,
                                     [](const SweepRow& r, int index) { return r.index < index; });
    t.rows.insert(at, std::move(row));
}

// Writes the point's schedule beside the table; its row names it.
bool writeSchedule(const SweepPointOutcome& outcome, SweepRow& row, const std::string& dir)
{
    if (!outcome.schedule)
        return true;
    row.schedule = "schedules/" + row.id + ".yaml";
    const Diagnostics problems = writeFileText((fs::path(dir) / row.schedule).string(),
                                               io::scheduleToYaml(*outcome.schedule));
    printDiagnostics(problems);
    return problems.empty();
}

ExitCode solvePoints(const SweepSpec& spec, const std::vector<SweepPoint>& points, SweepTable table, const SweepArgs& a)
{
    std::error_code ec;
    fs::create_directories(fs::path(a.out) / "schedules", ec);
    if (ec) {
        std::cerr << a.out << ": error: cannot create the result folder: " << ec.message() << '\n';
        return ExitCode::InvalidInput;
    }
    SolveSettings settings;
    settings.threads = a.threads.value_or(0);
    const StopOnInterrupt interrupt;
    const auto start = std::chrono::steady_clock::now();
    std::size_t solvedHere = 0;
    if (!writeSweepTable(table, a.out))
        return ExitCode::InvalidInput;
    for (const SweepPoint& point : points) {
        if (hasRow(table, point.index))
            continue;
        SweepPointOutcome outcome = solveSweepPoint(spec, point, settings, interrupt.token());
        if (outcome.cancelled || interrupt.interrupted())
            break;
        if (!writeSchedule(outcome, outcome.row, a.out))
            return ExitCode::InvalidInput;
        ++solvedHere;
        const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        reportProgress(outcome.row, table.parameters, table.rows.size() + 1, points.size(), solvedHere, elapsed,
                       table.energyUnit);
        addRow(table, std::move(outcome.row));
        if (!writeSweepTable(table, a.out))
            return ExitCode::InvalidInput;
    }
    const auto ok = std::count_if(table.rows.begin(), table.rows.end(),
                                  [](const SweepRow& r) { return r.status == PointStatus::Ok; });
    std::fprintf(stderr, "kapla sweep: %zu of %zu points have their row (%td solved, %zu without a schedule) in %s\n",
                 table.rows.size(), points.size(), ok, table.rows.size() - static_cast<std::size_t>(ok), a.out.c_str());
    if (interrupt.interrupted()) {
        std::cerr << "kapla sweep: interrupted; `--resume` continues it\n";
        return ExitCode::Cancelled;
    }
    return ExitCode::Ok;
}

} // namespace

std::vector<SweepPoint> shardPoints(const std::vector<SweepPoint>& points, const std::optional<Shard>& shard)
{
    if (!shard)
        return points;
    std::vector<SweepPoint> part;
    for (std::size_t i = static_cast<std::size_t>(shard->index - 1); i < points.size();
         i += static_cast<std::size_t>(shard->count))
        part.push_back(points[i]);
    return part;
}

std::optional<SweepTable> readSweepTable(const std::string& dir)
{
    const std::string path = (fs::path(dir) / "points.json").string();
    const auto text = readFileText(path, ReadLimits{.maxBytes = std::size_t{256} << 20});
    if (!text) {
        printDiagnostics(text.diagnostics());
        return std::nullopt;
    }
    auto table = sweepTableFromJson(text.value(), path);
    if (!table) {
        printDiagnostics(table.diagnostics());
        return std::nullopt;
    }
    return std::move(table).value();
}

bool writeSweepTable(const SweepTable& table, const std::string& dir)
{
    const fs::path d(dir);
    Diagnostics problems = writeFileText((d / "points.csv").string(), sweepPointsCsv(table));
    if (problems.empty())
        problems = writeFileText((d / "points.json").string(), sweepPointsJson(table).dump(2) + "\n");
    if (problems.empty() && table.shard.empty() && table.complete())
        problems = writeFileText((d / "pareto.csv").string(), paretoCsv(table));
    printDiagnostics(problems);
    return problems.empty();
}

ExitCode runSweep(const Args& args)
{
    const auto a = parseArgs(args);
    if (!a)
        return ExitCode::InvalidInput;
    if (!a->merge.empty())
        return mergeSweep(*a);
    if (!a->plot.empty()) {
        const auto table = readSweepTable(a->plot);
        return table ? plotSweep(*table, a->figure, a->out) : ExitCode::InvalidInput;
    }
    auto spec = io::loadSweepFile(a->sweepFile);
    if (!spec) {
        printDiagnostics(spec.diagnostics());
        return ExitCode::InvalidInput;
    }
    if (!a->emit.empty())
        return emitSweepJob(spec.value(), *a);
    const std::vector<SweepPoint> all = expandSweep(spec.value());
    const std::vector<SweepPoint> points = shardPoints(all, a->shard);
    SweepTable fresh = sweepTableFor(spec.value(), all);
    fresh.shard = a->shard ? a->shard->text() : std::string();
    std::vector<std::string> inputs = io::projectInputFiles(spec->basePath, spec->base);
    inputs.push_back(a->sweepFile);
    const fs::path out(a->out);
    if (!outputsSpareInputs({(out / "points.csv").string(), (out / "points.json").string(),
                             (out / "pareto.csv").string()},
                            inputs))
        return ExitCode::InvalidInput;
    auto table = startingTable(*a, std::move(fresh));
    if (!table)
        return ExitCode::InvalidInput;
    return solvePoints(spec.value(), points, std::move(*table), *a);
}

} // namespace kapla::cli
