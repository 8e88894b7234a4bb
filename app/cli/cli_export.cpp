#include "cli/cli_common.h"
#include "cli/export_request.h"

#include "io/project_file.h"
#include "io/project_io.h"

#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

namespace kapla::cli {

const char* const kExportUsage =
    R"(usage: kapla export PROJECT (--schedule S.yaml | --solve SOLVER | --run N)
                    (--figure energy|occupancy|allocation|timeline --format png|pdf|svg
                     | --format yaml|json|csv) --out FILE
                    [--percent] [--segment N] [--date YYYY-MM-DD] [--solver-label NAME]

  --schedule S.yaml  evaluate this schedule
  --solve SOLVER     solve first (kapla, exhaustive, random, ml)
  --run N            the project's saved run N (1 = the oldest), its schedule evaluated again
  --figure KIND      the chart to draw (1000 x 560 pt, print style; PNG at 2x)
  --format F         figure format, or a schedule format without --figure:
                     yaml (re-loadable by kapla evaluate), json (evaluation), csv (one row per layer)
  --percent          energy: every bar normalised to 100 %
  --segment N        allocation: only segment N (1-based); default: every segment side by side
  --date D           date written into the figure and its metadata (default: today; with --run,
                     the day of the run)
  --solver-label S   with --schedule: the solver that made the schedule, for the figure (default: given)

Exit codes: 0 ok, 1 invalid input, 2 no valid schedule, 3 cancelled, 4 internal error.
)";

namespace {

// The field an option with a text value fills, or null if `name` is none of them.
std::string* textOption(ExportRequest& r, std::string_view name)
{
    const std::pair<std::string_view, std::string*> options[] = {
        {"--schedule", &r.schedule},
        {"--solve", &r.solver},
        {"--figure", &r.figure},
        {"--format", &r.format},
        {"--out", &r.out},
        {"--date", &r.date},
        {"--solver-label", &r.solverLabel},
    };
    for (const auto& [option, field] : options)
        if (option == name)
            return field;
    return nullptr;
}

// Sets the option `name` from `value`; what is wrong with it, or an empty string.
std::string applyOption(ExportRequest& r, const std::string& name, const std::string& value)
{
    if (std::string* field = textOption(r, name)) {
        *field = value;
        return {};
    }
    const bool isRun = name == "--run";
    if (!isRun && name != "--segment")
        return "unexpected argument '" + name + "'";
    const auto number = parseNumber<int>(value);
    if (!number || *number <= 0)
        return isRun ? "--run needs a positive run number" : "--segment needs a positive segment number";
    (isRun ? r.run : r.segment) = *number;
    return {};
}

// What is missing from a request whose every option was fine, or an empty string.
std::string incompleteness(const ExportRequest& r)
{
    const int sources = !r.schedule.empty() + !r.solver.empty() + (r.run > 0);
    if (r.project.empty())
        return "no project file given";
    if (sources != 1)
        return "give exactly one of --schedule, --solve and --run";
    if (r.format.empty() || r.out.empty())
        return "--format and --out are required";
    return {};
}

// The request, or nothing after printing what is wrong and the usage.
std::optional<ExportRequest> parseRequest(const Args& args)
{
    ExportRequest r;
    std::string error;
    for (std::size_t i = 0; i < args.size() && error.empty(); ++i) {
        const std::string& arg = args[i];
        if (arg == "--percent")
            r.percent = true;
        else if (!arg.starts_with('-') && r.project.empty())
            r.project = arg;
        else if (arg.starts_with('-') && i + 1 < args.size())
            error = applyOption(r, arg, args[++i]);
        else
            error = "unexpected argument '" + arg + "'";
    }
    if (error.empty())
        error = incompleteness(r);
    if (error.empty())
        return r;
    std::cerr << "kapla export: " << error << '\n' << kExportUsage;
    return std::nullopt;
}

// The files the request reads: the project with its includes, the schedule, the saved runs.
std::vector<std::string> inputsOf(const ExportRequest& r)
{
    // Only a regular file is read for its includes: a pipe can be read once, by the export itself.
    std::error_code ec;
    const auto project = std::filesystem::is_regular_file(r.project, ec) ? io::loadProjectFile(r.project)
                                                                         : Result<Project>(Diagnostics{});
    std::vector<std::string> inputs = project ? io::projectInputFiles(r.project, project.value())
                                              : std::vector<std::string>{r.project};
    if (!r.schedule.empty())
        inputs.push_back(r.schedule);
    for (const std::string& run : io::runFilesOf(r.project))
        inputs.push_back(run);
    return inputs;
}

} // namespace

ExitCode runExport(const Args& args)
{
    const auto request = parseRequest(args);
    if (!request || !outputsSpareInputs({request->out}, inputsOf(*request)))
        return ExitCode::InvalidInput;
    return exportResult(*request);
}

} // namespace kapla::cli
