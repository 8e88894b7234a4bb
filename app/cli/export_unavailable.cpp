// `kapla export` in a build without the GUI (KAPLA_BUILD_GUI=OFF): the figures are drawn by the Qt
// result views, and the schedule files are written from the session layer's results, so neither is
// here. The arguments are still checked, and the error says what to use instead.

#include "cli/cli_sweep.h"
#include "cli/compare_figure.h"
#include "cli/export_request.h"

#include <iostream>

namespace kapla::cli {

ExitCode exportResult(const ExportRequest& request)
{
    if (!request.figure.empty()) {
        std::cerr << "kapla export: figures need the Qt renderer, and this kapla was built without it "
                     "(configure with -DKAPLA_BUILD_GUI=ON)\n";
        return ExitCode::InvalidInput;
    }
    std::cerr << "kapla export: this kapla was built without the GUI (KAPLA_BUILD_GUI=OFF), which writes "
                 "the schedule files; use `kapla solve --schedule|--json|--csv` or `kapla evaluate --json`\n";
    return ExitCode::InvalidInput;
}

ExitCode writeComparisonFigure(const RunComparison&, const std::string&, const std::string&, const std::string&)
{
    std::cerr << "kapla compare: figures need the Qt renderer, and this kapla was built without it "
                 "(configure with -DKAPLA_BUILD_GUI=ON)\n";
    return ExitCode::InvalidInput;
}

ExitCode plotSweep(const SweepTable&, const std::string&, const std::string&)
{
    std::cerr << "kapla sweep: figures need the Qt renderer, and this kapla was built without it "
                 "(configure with -DKAPLA_BUILD_GUI=ON); pareto.csv and points.csv hold the numbers\n";
    return ExitCode::InvalidInput;
}

} // namespace kapla::cli
