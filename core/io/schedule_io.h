#pragma once
// Reading and writing schedules (directive trees) as YAML, so a solved schedule can be edited and re-evaluated.

#include "schedule/schedule.h"
#include "util/diagnostic.h"

#include <string>

namespace kapla::io {

/// Loads a schedule file (top-level `schedule:`); checks its structure, not its fit to a project.
Result<Schedule> loadScheduleFile(const std::string& path);
/// Parses schedule YAML text; `fileName` appears in diagnostics.
Result<Schedule> parseSchedule(const std::string& text, const std::string& fileName);
/// YAML text of a schedule (with `version: 1`); loading it gives back an equal value.
std::string scheduleToYaml(const Schedule& schedule);

} // namespace kapla::io
