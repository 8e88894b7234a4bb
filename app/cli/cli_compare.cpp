#include "cli/cli_common.h"
#include "cli/compare_figure.h"

#include "io/evaluation_io.h"
#include "io/project_file.h"
#include "io/project_io.h"
#include "io/schedule_io.h"
#include "report/chart_data.h"
#include "report/run_compare.h"
#include "report/run_compare_csv.h"
#include "report/run_compare_json.h"
#include "run/run.h"
#include "util/file_access.h"
#include "util/text_format.h"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

namespace kapla::cli {

const char* const kCompareUsage =
    R"(usage: kapla compare A B [--project PROJECT] [--json OUT|-] [--csv OUT|-] [--figure FILE]

  A, B              each a run: PROJECT#N (the project's saved run N, 1 = the oldest), a saved
                    run file (PROJECT.runs/run-001.yaml), a schedule file evaluated on --project,
                    or the evaluation JSON of kapla solve/evaluate --json (its numbers and
                    directives; it holds no architecture or options, so those are not compared)
  --project P       the project a schedule file is evaluated on
  --json OUT        the comparison as JSON (- for stdout, instead of the summary)
  --csv OUT         one row per layer: both runs' energy and time, differences, ratios and the
                    directives that differ (- for stdout, instead of the summary)
  --figure FILE     the comparison chart; the format from the extension (.png, .pdf or .svg)

The summary lists first how B's inputs differ from A's (architecture, options, network), then the
totals (energy, time, energy-delay product) with B - A and B / A, the energy components, the
segments, and the layers by the size of their energy difference with the directives that differ.

Exit codes: 0 ok, 1 invalid input, 2 a run has no evaluated schedule, 4 internal error.
)";

namespace {

/// What `kapla compare` was asked.
struct CompareRequest {
    std::string runA;
    std::string runB;
    std::string project; ///< for schedule files
    std::string json;
    std::string csv;
    std::string figure;
};

std::optional<CompareRequest> parseRequest(const Args& args)
{
    CompareRequest r;
    const std::pair<const char*, std::string*> options[] = {{"--project", &r.project},
                                                            {"--json", &r.json},
                                                            {"--csv", &r.csv},
                                                            {"--figure", &r.figure}};
    std::string error;
    for (std::size_t i = 0; i < args.size() && error.empty(); ++i) {
        const std::string& arg = args[i];
        std::string* field = nullptr;
        for (const auto& [name, target] : options)
            if (arg == name)
                field = target;
        if (field && i + 1 < args.size())
            *field = args[++i];
        else if (!arg.starts_with("--") && (r.runA.empty() || r.runB.empty()))
            (r.runA.empty() ? r.runA : r.runB) = arg;
        else
            error = field ? arg + " needs a value" : "unexpected argument '" + arg + "'";
    }
    if (error.empty() && r.runB.empty())
        error = "two runs to compare are needed";
    if (error.empty())
        return r;
    std::cerr << "kapla compare: " << error << '\n' << kCompareUsage;
    return std::nullopt;
}

/// "PROJECT#N" split into the project and N; none when `spec` does not end in "#N".
std::optional<std::pair<std::string, int>> savedRunSpec(const std::string& spec)
{
    const auto hash = spec.rfind('#');
    if (hash == std::string::npos || hash == 0)
        return std::nullopt;
    const auto n = parseNumber<int>(spec.substr(hash + 1));
    if (!n)
        return std::nullopt;
    return std::pair{spec.substr(0, hash), *n};
}

/// A run loaded for the comparison, with the files it was read from; an evaluation JSON gives only
/// its evaluation (no run).
struct LoadedRun {
    RunPtr run;
    std::vector<std::string> inputs;
    std::optional<io::EvaluationFile> evaluationOnly;
    std::string label; ///< how the summary names an evaluation JSON

    std::string name() const { return run ? runLabel(*run) : label; }
    /// Only for a run with a result.
    ComparedSide side() const
    {
        if (run)
            return {name(), &*run->evaluation, run.get()};
        return {name(), &evaluationOnly->evaluation, nullptr};
    }
    bool hasResult() const { return evaluationOnly || run->hasResult(); }
    /// What the figure's subtitle names it by.
    std::string projectName() const { return run ? run->project().name : evaluationOnly->evaluation.network; }
    std::string day() const { return run ? run->day() : std::string(); }
};

std::optional<LoadedRun> savedRun(const std::string& project, int number)
{
    Diagnostics warnings;
    const auto file = io::loadProjectWithRuns(project, &warnings);
    printDiagnostics(warnings);
    if (!file) {
        printDiagnostics(file.diagnostics());
        return std::nullopt;
    }
    if (number < 1 || static_cast<std::size_t>(number) > file->runs.size()) {
        std::cerr << "kapla compare: " << project << " has no saved run " << number << "; it keeps "
                  << file->runs.size() << " (PROJECT#1 is the oldest)\n";
        return std::nullopt;
    }
    std::vector<std::string> inputs = io::projectInputFiles(project, file->project);
    for (const std::string& run : io::runFilesOf(project))
        inputs.push_back(run);
    return LoadedRun{file->runs[static_cast<std::size_t>(number - 1)], inputs, {}, {}};
}

std::optional<LoadedRun> scheduleRun(const std::string& schedulePath, const std::string& project)
{
    if (project.empty()) {
        std::cerr << "kapla compare: " << schedulePath
                  << ": a schedule file is evaluated on a project; give it with --project PROJECT\n";
        return std::nullopt;
    }
    const auto resolved = loadResolvedProject(project);
    const auto schedule = io::loadScheduleFile(schedulePath);
    if (!resolved)
        return std::nullopt;
    if (!schedule) {
        printDiagnostics(schedule.diagnostics());
        return std::nullopt;
    }
    ExitCode failure = ExitCode::Ok;
    auto eval = evaluateScheduleFile(*resolved, schedule.value(), schedulePath, project, failure);
    if (!eval)
        return std::nullopt;
    std::vector<std::string> inputs = io::projectInputFiles(project, resolved->project());
    inputs.push_back(schedulePath);
    const std::string name = std::filesystem::path(schedulePath).stem().string();
    return LoadedRun{makeGivenRun(*resolved, schedule.value(), std::move(*eval), {}, name), inputs, {}, {}};
}

std::optional<LoadedRun> evaluationRun(const std::string& path)
{
    auto file = io::loadEvaluationFile(path);
    if (!file) {
        printDiagnostics(file.diagnostics());
        return std::nullopt;
    }
    LoadedRun loaded;
    loaded.inputs = {path};
    loaded.label = std::filesystem::path(path).filename().string() + " (" + file->solver + ")";
    loaded.evaluationOnly = std::move(file).value();
    return loaded;
}

std::optional<LoadedRun> loadRun(const std::string& spec, const std::string& project)
{
    if (const auto saved = savedRunSpec(spec); saved && !unreadableReason(saved->first))
        return savedRun(saved->first, saved->second);
    if (const auto why = unreadableReason(spec)) {
        std::cerr << "kapla compare: " << spec << ": " << *why
                  << "; expected PROJECT#N, a run file, a schedule file or an evaluation JSON\n";
        return std::nullopt;
    }
    switch (io::detectFileKind(spec)) {
    case io::FileKind::Run: {
        Diagnostics warnings;
        auto run = io::loadRunFile(spec, &warnings);
        printDiagnostics(warnings);
        if (!run) {
            printDiagnostics(run.diagnostics());
            return std::nullopt;
        }
        return LoadedRun{run.value(), {spec}, {}, {}};
    }
    case io::FileKind::Schedule: return scheduleRun(spec, project);
    case io::FileKind::Evaluation: return evaluationRun(spec);
    case io::FileKind::Project:
        std::cerr << "kapla compare: " << spec << ": a project holds several runs; name one as " << spec << "#N\n";
        return std::nullopt;
    default:
        printDiagnostics(io::validateFile(spec)); // a file that does not parse says where
        std::cerr << "kapla compare: " << spec
                  << ": not a run; expected PROJECT#N, a run file, a schedule file or an evaluation JSON\n";
        return std::nullopt;
    }
}

std::string signedEnergy(double v, const std::string& unit)
{
    return std::string(v > 0 ? "+" : "").append(formatEnergy(v, unit));
}

std::string ratioText(const ComparedValue& v)
{
    char buf[32];
    if (!std::isfinite(v.ratio()))
        return "-";
    std::snprintf(buf, sizeof buf, "%.4f", v.ratio());
    return buf;
}

void printComparison(const RunComparison& c)
{
    const std::string& unit = c.energyUnit;
    std::printf("A: %s\nB: %s\n\n", c.labelA.c_str(), c.labelB.c_str());
    std::printf("Inputs (B against A):\n");
    if (c.inputDifferences.empty())
        std::printf("  the same problem\n");
    for (const std::string& line : c.inputDifferences)
        std::printf("  %s\n", line.c_str());
    for (const std::string& line : c.notCompared)
        std::printf("  not compared: %s\n", line.c_str());
    std::printf("\n%s\n", comparisonHeadline(c).c_str());
    std::printf("\n%-8s %20s %20s %20s %8s\n", "total", "A", "B", "B - A", "B / A");
    std::printf("%-8s %20s %20s %20s %8s\n", "energy", formatEnergy(c.energy.a, unit).c_str(),
                formatEnergy(c.energy.b, unit).c_str(), signedEnergy(c.energy.diff(), unit).c_str(),
                ratioText(c.energy).c_str());
    std::printf("%-8s %20s %20s %20s %8s\n", "time", groupDigits(std::llround(c.time.a)).c_str(),
                groupDigits(std::llround(c.time.b)).c_str(), groupDigits(std::llround(c.time.diff())).c_str(),
                ratioText(c.time).c_str());
    std::printf("%-8s %20.6g %20.6g %20.6g %8s\n", "EDP", c.edp.a, c.edp.b, c.edp.diff(), ratioText(c.edp).c_str());
    std::printf("\nEnergy by component (B - A):");
    for (std::size_t i = 0; i < c.components.size(); ++i)
        if (c.components[i].a != 0 || c.components[i].b != 0)
            std::printf("  %s %s", energyComponentLabel(i).c_str(), signedEnergy(c.components[i].diff(), unit).c_str());
    std::printf("\n\nSegments of A:\n");
    for (std::size_t s = 0; s < c.segmentsA.size(); ++s)
        std::printf("  %zu  %s\n", s + 1, segmentText(c.segmentsA[s]).c_str());
    std::printf("Segments of B:\n");
    for (std::size_t s = 0; s < c.segmentsB.size(); ++s)
        std::printf("  %zu  %s\n", s + 1, segmentText(c.segmentsB[s]).c_str());
    std::printf("\nLayers by energy difference (%zu of %zu with different directives):\n",
                c.layersWithDifferentDirectives(), c.layers.size());
    std::printf("  %-20s %18s %18s %14s %8s  %s\n", "layer", "energy A", "energy B", "time B - A", "B / A",
                "directives that differ");
    for (const std::size_t i : c.layersByImpact()) {
        const LayerComparison& l = c.layers[i];
        std::string aspects;
        for (const DirectiveDifference& d : l.directives)
            aspects.append(aspects.empty() ? "" : ", ").append(directiveAspectLabel(d.aspect));
        if (!l.inBoth())
            aspects = l.indexA < 0 ? "only in B" : "only in A";
        std::printf("  %-20s %18s %18s %14s %8s  %s\n", l.name.c_str(), formatEnergy(l.energy.a, unit).c_str(),
                    formatEnergy(l.energy.b, unit).c_str(), groupDigits(std::llround(l.time.diff())).c_str(),
                    ratioText(l.energy).c_str(), aspects.c_str());
    }
}

// "AlexNet on the 16x16 mesh · kapla → kapla": the line under the figure's title.
std::string figureDescription(const LoadedRun& a, const LoadedRun& b)
{
    const std::string pa = a.projectName();
    const std::string pb = b.projectName();
    return (pa == pb ? pa : pa + " / " + pb) + " · A " + a.name() + ", B " + b.name();
}

} // namespace

ExitCode runCompare(const Args& args)
{
    const auto request = parseRequest(args);
    if (!request)
        return ExitCode::InvalidInput;
    const auto a = loadRun(request->runA, request->project);
    const auto b = a ? loadRun(request->runB, request->project) : std::nullopt;
    if (!a || !b)
        return ExitCode::InvalidInput;
    std::vector<std::string> inputs = a->inputs;
    inputs.insert(inputs.end(), b->inputs.begin(), b->inputs.end());
    if (!outputsSpareInputs({request->json, request->csv, request->figure}, inputs))
        return ExitCode::InvalidInput;
    for (const LoadedRun* run : {&*a, &*b})
        if (!run->hasResult()) {
            std::cerr << "kapla compare: run '" << run->name()
                      << "' has no evaluated schedule; only runs with a result can be compared\n";
            return ExitCode::NoSchedule;
        }
    const RunComparison comparison = compareSides(a->side(), b->side());
    if (request->json != "-" && request->csv != "-")
        printComparison(comparison);
    if (!request->json.empty() && !writeJson(runComparisonJson(comparison), request->json))
        return ExitCode::InvalidInput;
    if (!request->csv.empty() && !writeOutputText(runComparisonCsv(comparison), request->csv))
        return ExitCode::InvalidInput;
    if (!request->figure.empty())
        return writeComparisonFigure(comparison, figureDescription(*a, *b), b->day(), request->figure);
    return ExitCode::Ok;
}

} // namespace kapla::cli
