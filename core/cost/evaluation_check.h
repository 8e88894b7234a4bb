#pragma once
// The last check of every evaluation: its totals must be numbers a sound input gives. Inputs of
// extreme magnitude (a bandwidth of 1e-17 words per cycle, 1e308 per MAC) pass validation one by
// one, but overflow in the model's sums and products; this says so instead of printing them.

#include "cost/evaluation.h"
#include "model/architecture.h"
#include "util/diagnostic.h"

namespace kapla {

/// The totals of `e` that are infinite, NaN or negative, or a time at the cycle limit
/// (kMaxCycles): one error each, naming the total and the inputs of `arch` and the batch it follows
/// from. Empty when every number is sound.
Diagnostics numericProblems(const Evaluation& e, const Architecture& arch);

} // namespace kapla
