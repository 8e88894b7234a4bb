#include "session/result_export.h"

#include "io/project_io.h"
#include "io/schedule_io.h"
#include "report/evaluation_csv.h"
#include "report/evaluation_json.h"
#include "util/file_access.h"

std::optional<ScheduleFormat> scheduleFormatFromName(const QString& name)
{
    const QString n = name.toLower();
    if (n == QLatin1String("yaml") || n == QLatin1String("yml"))
        return ScheduleFormat::Yaml;
    if (n == QLatin1String("json"))
        return ScheduleFormat::Json;
    if (n == QLatin1String("csv"))
        return ScheduleFormat::Csv;
    return std::nullopt;
}

std::string scheduleExportText(const kapla::Run& result, ScheduleFormat format)
{
    switch (format) {
    case ScheduleFormat::Yaml: return kapla::io::scheduleToYaml(*result.schedule);
    case ScheduleFormat::Json: {
        kapla::SearchInfo info;
        info.solver = result.solverName();
        info.seconds = result.seconds;
        info.evaluations = result.evaluations;
        return kapla::evaluationJson(*result.evaluation, info, result.architecture().energyUnit).dump(2) + "\n";
    }
    case ScheduleFormat::Csv: return kapla::evaluationCsv(*result.evaluation);
    }
    return {};
}

QString exportSchedule(const kapla::Run& result, ScheduleFormat format, const QString& path)
{
    const auto diags = kapla::writeFileText(path.toStdString(), scheduleExportText(result, format));
    return diags.empty() ? QString() : QString::fromStdString(diags.front().format());
}
