#pragma once
// A sweep set up in the window: one or two parameters of the sweep table, each a list of values or a
// range, combined as a grid or zipped, solved by one solver over the open project. It is written as
// sweep text and read by the sweep reader, so the window and `kapla sweep` agree on what it means.

#include "sweep/sweep.h"
#include "util/diagnostic.h"

#include <string>
#include <vector>

/// One parameter of a draft and how its values are given.
struct SweepDraftParameter {
    enum class Values { List, Step, Factor };

    std::string name; ///< a key of the parameter table (sweep_parameters.h)
    Values values = Values::List;
    std::string list; ///< comma-separated values ("8192, 16384" or "8x8, 16x16")
    double from = 0;
    double to = 0;
    double by = 0; ///< the step (linear) or the factor (geometric)
};

struct SweepDraft {
    std::string name;
    std::vector<SweepDraftParameter> parameters;
    bool zip = false; ///< advance the parameters together instead of combining them as a grid
    kapla::SolverKind solver = kapla::SolverKind::Kapla;
};

/// The draft as the text of a sweep file; `basePath` (as the file should name the base project) is
/// written as `sweep.base` when not empty.
std::string sweepDraftText(const SweepDraft& draft, const std::string& basePath = {});

/// The sweep the draft describes over `base` (whose file is `basePath`, empty when untitled), read by
/// the sweep reader; an invalid value or range is a diagnostic keyed `sweep.parameters.<name>`.
kapla::Result<kapla::SweepSpec> buildSweep(const SweepDraft& draft, const kapla::Project& base,
                                           const std::string& basePath);

/// The first diagnostic about parameter `name` (its key is `sweep.parameters.<name>...`), or null.
const kapla::Diagnostic* parameterProblem(const kapla::Diagnostics& diagnostics, const std::string& name);
