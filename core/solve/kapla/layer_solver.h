#pragma once
// KAPLA's intra-layer solver (KAPLA spec §4.2): per node partition, the PE-array replication by
// fill_stack, then one greedy blocking per loop-order pair (fill_regf_tensor, fill_gbuf_tensor, the
// rest at the DRAM level). Candidates are scored by the reference evaluator itself: first without
// buffer-sharing rotation and with estimated NoC hops (microseconds per partition, to rank every
// partition), then exactly (rotation and exact hops) for the best few partitions and blockings.
// The evaluator is cheaper than building KAPLA's directives and is the cost the final schedule is
// judged by, so it replaces KAPLA's own estimator for choosing among the greedy candidates.

#include "solve/kapla/hop_estimate.h"
#include "solve/kapla/layer_problem.h"

#include <cstddef>
#include <functional>
#include <optional>
#include <stop_token>
#include <vector>

namespace kapla::ksolve {

/// True if layer result `a` ranks before `b` under the goal's layer key (model spec §3.5).
bool layerRanksBefore(const LayerEvaluation& a, const LayerEvaluation& b, Goal goal);

/// Every greedy blocking (36 order pairs; every replication choice, or fill_stack's when `lite` or
/// when the parameters say so) of a partition, scored by the evaluator with sharing capacity but
/// without rotation traffic; in construction order.
std::vector<ScoredBlocking> scoredBlockings(const LayerProblem& p, const PartitionScheme& part, SolveCounters& counters,
                                            bool lite = false);
/// scoredBlockings appended to `out` (a list reused between calls). True if the other kind of list
/// (full for a lite one, lite for a full one) scores the same blockings in the same order.
bool appendScoredBlockings(const LayerProblem& p, const PartitionScheme& part, SolveCounters& counters, bool lite,
                           std::vector<ScoredBlocking>& out);

/// The useful scored blockings through the problem's cache: a full list without the blockings that
/// `exactBlockings` earlier ones beat on every count, a lite list only its cheapest (screening
/// reads nothing else).
std::shared_ptr<const std::vector<ScoredBlocking>> cachedScoredBlockings(const LayerProblem& p,
                                                                         const PartitionScheme& part,
                                                                         SolveCounters& counters, bool lite = false);

/// cachedScoredBlockings, or null when another thread holds the list's cache entry (the same
/// per-node problem reached from another partition shape): a phase asks again once it has ended,
/// where waiting would idle a thread that has other shapes to take.
std::shared_ptr<const std::vector<ScoredBlocking>> cachedScoredBlockingsIfFree(const LayerProblem& p,
                                                                               const PartitionScheme& part,
                                                                               SolveCounters& counters, bool lite);

/// estimateUnitHops of a partition through the problem's cache.
PerCategory<double> estimatedHops(const LayerProblem& p, const PartitionScheme& part, const HopGeometry& geometry);

/// Runs fn(0..count-1) on the problem's pool, or in order on this thread.
void forEachIndex(const LayerProblem& p, std::size_t count, const std::function<void(std::size_t)>& fn);

/// Where the layer's data comes from and goes to, for hop estimates.
HopGeometry hopGeometry(const LayerProblem& p);

/// The estimated layer cost of one scored blocking with the partition's estimated hops.
double estimatedCost(const ScoredBlocking& blocking, const PerCategory<double>& unitHops, const EnergyCosts& energy);

/// The estimated layer cost of the best scored blocking with the partition's estimated hops.
double estimatedCost(const std::vector<ScoredBlocking>& blockings, const PerCategory<double>& unitHops,
                     const EnergyCosts& energy);

/// The exact evaluation of a partition's blockings (all of them, or the `limit` best by estimated
/// cost); the best by the goal, if any is valid.
std::optional<LayerSolution> solvePartition(const LayerProblem& p, const PartitionScheme& part,
                                            const std::vector<ScoredBlocking>& blockings, int limit,
                                            SolveCounters& counters);

/// The best candidate over the ranked partitions; nullopt if none is valid or on a stop request.
std::optional<LayerSolution> solveLayer(const LayerProblem& p, SolveCounters& counters, const std::stop_token& stop);

} // namespace kapla::ksolve
