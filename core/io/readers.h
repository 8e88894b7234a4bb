#pragma once
// Internal to core/io: readers of the mapping under each top-level key.

#include "io/yaml_source.h"
#include "model/architecture.h"
#include "model/network.h"
#include "model/options.h"
#include "model/project.h"
#include "schedule/schedule.h"

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

/// Reads the mapping under `schedule:`.
std::optional<Schedule> readScheduleMap(ReadContext& ctx, const YAML::Node& node, const std::string& path);
/// Reads a project's `runs:` list; a run whose schedule no longer fits `network` gets a warning.
std::vector<SavedRun> readRunList(ReadContext& ctx, const YAML::Node& node, const std::string& path,
                                  const Network& network);

/// Reads a whole schedule file's tree (top-level `schedule:`).
Result<Schedule> readScheduleRoot(ReadContext& ctx, const YAML::Node& root);

} // namespace kapla::io
