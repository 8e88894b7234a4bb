#pragma once
// The JSON result of an evaluation or a solve (the CLI contract of DESIGN.md).

#include "cost/evaluation.h"
#include "schedule/schedule.h"

#include <nlohmann/json.hpp>

#include <string>

namespace kapla {

/// How a result was obtained (for the `solver` and `search` keys).
struct SearchInfo {
    std::string solver = "given"; ///< solver name, or "given" for an evaluated schedule
    double seconds = 0;
    std::int64_t evaluations = 0;
    std::string termination; ///< e.g. "converged", "cancelled"; empty for evaluations
    std::string message;     ///< the solver's one-line summary; empty for evaluations
};

/// `network`, `batch`, `solver`, `total` {energy, time, ops, breakdown, accesses, noc_hops},
/// `segments[]`, `layers[]` and `search` {seconds, evaluations, termination and message when known}. Pipeline timing, in cycles: each
/// segment's `start_time` from the network's start and its `batch_groups` (batch groups streaming
/// through the pipeline, 1 when not pipelined by batch); each layer's `start_time` and `done_time`
/// from its segment's start (done: its last batch group is done) and its segment's `batch_groups`.
nlohmann::json evaluationJson(const Evaluation& eval, const SearchInfo& search, const std::string& energyUnit);

} // namespace kapla
