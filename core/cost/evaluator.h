#pragma once
// Evaluates a whole-network schedule with the reference cost model, or lists every reason it does not fit.

#include "cost/evaluation.h"
#include "model/resolved_project.h"
#include "schedule/schedule.h"
#include "util/diagnostic.h"

namespace kapla {

/// The evaluation of `schedule` for the project on its resolved architecture; on failure, every reason
/// the schedule is invalid.
Result<Evaluation> evaluateSchedule(const ResolvedProject& project, const Schedule& schedule);

} // namespace kapla
