#pragma once
// The fuzzer's cases: a seed file from the sample projects and test data, mutated, written into a
// scratch folder laid out like the sample folder (so relative includes still resolve), and the
// `kapla` verbs that read it.

#include "mutator.h"
#include "verb_runner.h"

#include <cstdint>
#include <string>
#include <vector>

namespace kapla::fuzz {

/// What a seed file is, which decides the verbs run on its mutants.
enum class SeedRole { Project, Network, Architecture, Options, Schedule };

/// A file the mutants start from.
struct Seed {
    std::string path; ///< absolute
    SeedRole role = SeedRole::Project;
    std::string folder;   ///< "" or "golden": where its mutant goes, for its relative includes
    std::string schedule; ///< a project's golden schedule (may be empty)
    std::string project;  ///< a schedule's golden project
};

/// The seeds under the source tree: sample projects, networks and architectures, golden projects
/// and schedules, and options written out by the fuzzer itself (in `scratch`).
std::vector<Seed> seedCorpus(const std::string& sourceDir, const std::string& scratch);

/// A scratch folder with `networks` and `architectures` linking to the sample ones, `golden/` and `out/`.
std::string makeScratch(const std::string& sourceDir);

/// One verb run of a case.
struct CaseRun {
    std::vector<std::string> args;
    VerbRun run;
};

/// One case: its number, seed, mutations and runs.
struct CaseResult {
    std::uint64_t index = 0;
    const Seed* seed = nullptr;
    std::vector<std::string> mutations;
    std::string mutantPath;
    std::vector<CaseRun> runs;
};

/// Options of a run of cases.
struct CaseSettings {
    std::string sourceDir;
    std::string scratch;
    std::uint64_t seed = 1;
    RunLimits limits;
    bool fullSolve = false; ///< solve with the project's own solver too (slower; for long runs)
};

/// Builds and runs case `index` (deterministic in settings.seed and index).
CaseResult runCase(const std::vector<Seed>& seeds, std::uint64_t index, const CaseSettings& settings);

} // namespace kapla::fuzz
