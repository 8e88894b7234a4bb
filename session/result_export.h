#pragma once
// Writing a result's schedule as YAML (re-loadable by `kapla evaluate`), JSON or CSV.

#include "run/run.h"

#include <QString>

#include <optional>
#include <string>

/// Schedule export formats.
enum class ScheduleFormat { Yaml, Json, Csv };

/// The format for a keyword ("yaml", "json", "csv"), if any.
std::optional<ScheduleFormat> scheduleFormatFromName(const QString& name);

/// The file text of a result in a format (YAML: the schedule; JSON: evaluationJson; CSV: evaluationCsv).
std::string scheduleExportText(const kapla::Run& result, ScheduleFormat format);

/// Writes the text atomically; returns an error message, empty on success.
QString exportSchedule(const kapla::Run& result, ScheduleFormat format, const QString& path);
