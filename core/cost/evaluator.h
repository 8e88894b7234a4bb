#pragma once
// Evaluates a whole-network schedule with the reference cost model, or lists every reason it does not fit.

#include "cost/evaluation.h"
#include "model/architecture.h"
#include "model/project.h"
#include "schedule/schedule.h"
#include "util/diagnostic.h"

namespace kapla {

/// The evaluation of `schedule` for the project; on failure, every reason the schedule is invalid.
Result<Evaluation> evaluateSchedule(const Project& project, const Architecture& arch, const Schedule& schedule);

} // namespace kapla
