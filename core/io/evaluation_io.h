#pragma once
// Reading back the evaluation JSON that `kapla solve/evaluate --json` writes (report/evaluation_json.h).

#include "cost/evaluation.h"
#include "util/diagnostic.h"

#include <string>

namespace kapla::io {

/// An evaluation file: the numbers and the directives as evaluated, of a network named by its name
/// and batch. It holds no architecture or options, and no schedule to evaluate again.
struct EvaluationFile {
    Evaluation evaluation; ///< network, batch, energy unit, totals, segments and layers (regions unfolded)
    std::string solver;    ///< the solver that made it, "given" for an evaluated schedule
};

/// Reads an evaluation JSON file; errors name file:line:column and what was expected there.
Result<EvaluationFile> loadEvaluationFile(const std::string& path);

} // namespace kapla::io
