#pragma once
// Internal to core/io: readers of the mapping under each top-level key.

#include "io/evaluation_io.h"
#include "io/yaml_source.h"
#include "model/architecture.h"
#include "model/network.h"
#include "model/options.h"
#include "model/project.h"
#include "run/run.h"
#include "schedule/schedule.h"
#include "sweep/sweep.h"

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace kapla::io {

/// Reads the mapping under `network:`; nullopt (with diagnostics) on any error.
std::optional<Network> readNetworkMap(ReadContext& ctx, const YAML::Node& node, const std::string& path);
/// Reads the mapping under `architecture:`.
std::optional<ArchitectureSpec> readArchitectureMap(ReadContext& ctx, const YAML::Node& node, const std::string& path);
/// Reads the mapping under `options:`.
std::optional<Options> readOptionsMap(ReadContext& ctx, const YAML::Node& node, const std::string& path);

/// A partition scheme: {order: [OUTP, OFMP, BATP, INPP], OUTP: [h, w], ...}.
std::optional<PartitionScheme> readPartition(ReadContext& ctx, const YAML::Node& node, const std::string& path);
/// Loop-blocking factors [[IFM, OFM, BAT] x DRAM, GBUF, REGF].
std::optional<std::array<PerLoop<int>, 3>> readTvals(ReadContext& ctx, const YAML::Node& n, const std::string& key);
/// Loop orders [[IFM, OFM, BAT] x DRAM, GBUF], 0 = innermost.
std::optional<std::array<PerLoop<int>, 2>> readOrders(ReadContext& ctx, const YAML::Node& n, const std::string& key);

/// Reads the top-level mapping of an evaluation JSON file.
std::optional<EvaluationFile> readEvaluationRoot(ReadContext& ctx, const YAML::Node& root);

/// Reads the mapping under `schedule:`.
std::optional<Schedule> readScheduleMap(ReadContext& ctx, const YAML::Node& node, const std::string& path);
/// Reads a project mapping (name, batch, network, architecture, options; parts inline or included
/// relative to `baseDir`). Where `legacyRuns` is given, a `runs:` list (kept inline by older versions)
/// is allowed and read into it.
std::optional<Project> readProjectMap(ReadContext& ctx, const YAML::Node& node, const std::string& path,
                                      const std::string& baseDir, std::vector<RunPtr>* legacyRuns);
/// Reads one saved run; a run without a `project:` solved `legacyBase` (older project files), and
/// needs one when `legacyBase` is null. A schedule that no longer evaluates is a warning.
std::optional<RunPtr> readRunMap(ReadContext& ctx, const YAML::Node& node, const std::string& path,
                                 const std::string& baseDir, const Project* legacyBase);
/// Reads the `runs:` list older project files kept inline (each solved `legacyBase` with its options).
std::vector<RunPtr> readRunList(ReadContext& ctx, const YAML::Node& node, const std::string& path,
                                const std::string& baseDir, const Project& legacyBase);

/// Where a project part was given: its dotted key path, and the directory its relative paths start from.
struct PartKey {
    std::string path;
    std::string baseDir;
};

/// `rel` resolved against `baseDir`; unchanged if absolute or if `baseDir` is empty.
std::string resolvePath(const std::string& baseDir, const std::string& rel);
/// Checks the `version:` of a file's top-level mapping: 1 when given, and given when `required`.
void readVersion(ReadContext& ctx, MapReader& top, bool required);

/// A project part: the path of a file of that kind (as written, into `pathOut`) or its mapping inline;
/// nullopt if `node` is undefined or on any error (an invalid included file's diagnostics come first).
std::optional<Network> readNetworkPart(ReadContext& ctx, const YAML::Node& node, const PartKey& key,
                                       std::string& pathOut);
/// An architecture part, as readNetworkPart.
std::optional<ArchitectureSpec> readArchitecturePart(ReadContext& ctx, const YAML::Node& node, const PartKey& key,
                                                     std::string& pathOut);
/// An options part, as readNetworkPart.
std::optional<Options> readOptionsPart(ReadContext& ctx, const YAML::Node& node, const PartKey& key,
                                       std::string& pathOut);

/// Reads a whole schedule file's tree (top-level `schedule:`).
Result<Schedule> readScheduleRoot(ReadContext& ctx, const YAML::Node& root);
/// A sweep's base project given by the caller instead of read from `sweep.base`.
struct GivenBase {
    const Project* project = nullptr;
    std::string path;
};
/// Reads a whole sweep file's tree (top-level `sweep:`); paths are resolved against `baseDir`.
Result<SweepSpec> readSweepRoot(ReadContext& ctx, const YAML::Node& root, const std::string& baseDir,
                                const GivenBase& given = {});

} // namespace kapla::io
