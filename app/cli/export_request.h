#pragma once
// What `kapla export` was asked for, and the step that carries it out. The step needs Qt for its
// figures, so it lives in export_figures.cpp (a GUI build) or export_unavailable.cpp (none).

#include "exit_code.h"

#include <string>

namespace kapla::cli {

/// The arguments of `kapla export`, checked for form but not yet against the project.
struct ExportRequest {
    std::string project;
    std::string schedule; ///< --schedule: a schedule file to evaluate
    std::string solver;   ///< --solve: a solver keyword
    int run = 0;          ///< --run: a saved run, 1 = the oldest; 0 = none
    std::string figure;   ///< --figure: a chart; empty: write the schedule in `format`
    std::string format;   ///< png, pdf, svg for a figure; yaml, json, csv for the schedule
    std::string out;
    std::string date;        ///< --date (ISO 8601); empty: today, or with --run the day of the run
    std::string solverLabel; ///< --solver-label: who made a --schedule (empty: "given")
    int segment = 0;         ///< --segment: 1-based; 0 = every segment
    bool percent = false;    ///< --percent
};

/// Loads what the request names, then writes the figure or the schedule file; reasons go to stderr.
ExitCode exportResult(const ExportRequest& request);

} // namespace kapla::cli
