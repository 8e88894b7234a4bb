// `kapla sweep --merge` and `--emit`: the parts of scaling a sweep out on Slurm or GNU parallel.

#include "cli/cli_sweep.h"

#include "util/file_access.h"

#include <filesystem>
#include <iostream>
#include <map>
#include <set>

namespace kapla::cli {

namespace {

namespace fs = std::filesystem;

constexpr std::size_t kMaxScheduleBytes = std::size_t{64} << 20;

// `s` as one word for a POSIX shell.
std::string shellQuote(const std::string& s)
{
    std::string out = "'";
    for (const char c : s)
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

std::string absolute(const std::string& path) { return fs::absolute(path).lexically_normal().string(); }

// The program itself, so that jobs run this very build.
std::string selfPath()
{
    std::error_code ec;
    const fs::path self = fs::read_symlink("/proc/self/exe", ec);
    return ec ? std::string("kapla") : self.string();
}

// Checks that the parts are of one sweep file and that together they hold every point exactly once;
// prints what is wrong.
bool partsFitTogether(const std::vector<SweepTable>& parts, const std::vector<std::string>& dirs)
{
    const SweepTable& first = parts.front();
    std::map<std::string, std::string> owner;
    bool ok = true;
    for (std::size_t p = 0; p < parts.size(); ++p) {
        if (parts[p].digest != first.digest || parts[p].pointIds != first.pointIds) {
            std::cerr << dirs[p] << "/points.json: error: comes from another sweep file than " << dirs[0] << " (sweep "
                      << parts[p].file << ", digest " << parts[p].digest << " vs " << first.digest
                      << "); expected the shards of one sweep\n";
            ok = false;
            continue;
        }
        for (const SweepRow& row : parts[p].rows)
            if (const auto [it, fresh] = owner.emplace(row.id, dirs[p]); !fresh) {
                std::cerr << dirs[p] << "/points.json: error: point " << row.id << " is also in " << it->second
                          << "; expected each point in one part only\n";
                ok = false;
            }
    }
    if (!ok)
        return false;
    std::vector<std::string> missing;
    for (const std::string& id : first.pointIds)
        if (!owner.count(id))
            missing.push_back(id);
    if (!missing.empty()) {
        std::cerr << "kapla sweep: error: " << missing.size() << " of " << first.pointIds.size()
                  << " points have no row in the parts given (";
        for (std::size_t i = 0; i < missing.size() && i < 10; ++i)
            std::cerr << (i ? ", " : "") << missing[i];
        std::cerr << (missing.size() > 10 ? ", ..." : "") << "); expected every shard, each finished\n";
        return false;
    }
    return true;
}

bool copySchedules(const SweepTable& part, const std::string& from, const std::string& to)
{
    for (const SweepRow& row : part.rows) {
        if (row.schedule.empty())
            continue;
        const auto text = readFileText((fs::path(from) / row.schedule).string(),
                                       ReadLimits{.maxBytes = kMaxScheduleBytes});
        Diagnostics problems = text ? writeFileText((fs::path(to) / row.schedule).string(), text.value())
                                    : text.diagnostics();
        if (!problems.empty()) {
            printDiagnostics(problems);
            return false;
        }
    }
    return true;
}

std::string slurmScript(const SweepSpec& spec, const SweepArgs& a)
{
    const std::string out = absolute(a.out), n = std::to_string(a.shards);
    const int threads = a.threads.value_or(1);
    std::string s = "#!/bin/bash\n";
    s += "# The sweep '" + spec.name + "' as a Slurm job array: one of " + n
       + " shards per task; the first\n"
         "# task submits the merge, which runs once every task has ended well. Submit with: sbatch THIS_FILE\n";
    s += "#SBATCH --job-name=kapla-sweep\n";
    s += "#SBATCH --array=1-" + n + "\n";
    s += "#SBATCH --cpus-per-task=" + std::to_string(std::max(threads, 1)) + "\n";
    s += "#SBATCH --output=" + out + "/logs/shard-%a.out\n";
    s += "set -euo pipefail\n";
    s += "kapla=" + shellQuote(selfPath()) + "\n";
    s += "sweep=" + shellQuote(absolute(a.sweepFile)) + "\n";
    s += "out=" + shellQuote(out) + "\n";
    s += "if [ \"$SLURM_ARRAY_TASK_ID\" = 1 ]; then\n";
    s += "    merge=(\"$kapla\" sweep --merge";
    for (int i = 1; i <= a.shards; ++i)
        s += " \"$out/shard-" + std::to_string(i) + "\"";
    s += " --out \"$out\")\n";
    s += "    sbatch --dependency=afterok:\"$SLURM_ARRAY_JOB_ID\" --job-name=kapla-sweep-merge \\\n"
         "        --output=\"$out/logs/merge.out\" --wrap=\"$(printf '%q ' \"${merge[@]}\")\"\n";
    s += "fi\n";
    s += "exec \"$kapla\" sweep \"$sweep\" --shard \"$SLURM_ARRAY_TASK_ID/" + n
       + "\" --out \"$out/shard-$SLURM_ARRAY_TASK_ID\" --resume --threads " + std::to_string(threads) + "\n";
    return s;
}

std::string parallelCommand(const SweepArgs& a)
{
    const std::string kapla = shellQuote(selfPath()), out = absolute(a.out), n = std::to_string(a.shards);
    std::string s = "parallel --halt now,fail=1 " + kapla + " sweep " + shellQuote(absolute(a.sweepFile))
                  + " --shard {}/" + n + " --out " + shellQuote(out + "/shard-") + "{} --resume --threads "
                  + std::to_string(a.threads.value_or(1)) + " :::";
    for (int i = 1; i <= a.shards; ++i)
        s += " " + std::to_string(i);
    s += " && " + kapla + " sweep --merge";
    for (int i = 1; i <= a.shards; ++i)
        s += " " + shellQuote(out + "/shard-" + std::to_string(i));
    return s + " --out " + shellQuote(out) + "\n";
}

} // namespace

ExitCode mergeSweep(const SweepArgs& a)
{
    std::vector<SweepTable> parts;
    std::vector<std::string> inputs;
    for (const std::string& dir : a.merge) {
        auto part = readSweepTable(dir);
        if (!part)
            return ExitCode::InvalidInput;
        parts.push_back(std::move(*part));
        inputs.push_back((fs::path(dir) / "points.json").string());
        inputs.push_back((fs::path(dir) / "points.csv").string());
    }
    const fs::path out(a.out);
    if (!outputsSpareInputs({(out / "points.csv").string(), (out / "points.json").string()}, inputs)
        || !partsFitTogether(parts, a.merge))
        return ExitCode::InvalidInput;
    SweepTable merged = parts.front();
    merged.shard.clear();
    merged.rows.clear();
    std::error_code ec;
    fs::create_directories(out / "schedules", ec);
    for (std::size_t p = 0; p < parts.size(); ++p) {
        if (!copySchedules(parts[p], a.merge[p], a.out))
            return ExitCode::InvalidInput;
        merged.rows.insert(merged.rows.end(), parts[p].rows.begin(), parts[p].rows.end());
    }
    std::sort(merged.rows.begin(), merged.rows.end(),
              [](const SweepRow& x, const SweepRow& y) { return x.index < y.index; });
    if (!writeSweepTable(merged, a.out))
        return ExitCode::InvalidInput;
    std::cerr << "kapla sweep: merged " << parts.size() << " parts, " << merged.rows.size() << " points, into " << a.out
              << '\n';
    return ExitCode::Ok;
}

ExitCode emitSweepJob(const SweepSpec& spec, const SweepArgs& a)
{
    if (a.emit == "slurm") {
        // Slurm opens each task's log before the task runs, so its folder must exist.
        std::error_code ec;
        fs::create_directories(fs::path(a.out) / "logs", ec);
        if (ec) {
            std::cerr << a.out << ": error: cannot create the log folder: " << ec.message() << '\n';
            return ExitCode::InvalidInput;
        }
        std::cout << slurmScript(spec, a);
    } else {
        std::cout << parallelCommand(a);
    }
    return ExitCode::Ok;
}

} // namespace kapla::cli
