#include "sweep/sweep_result.h"

#include "model/resolved_project.h"

#include <array>
#include <exception>

namespace kapla {

namespace {

constexpr std::array<std::pair<PointStatus, std::string_view>, 4> kStatusKeywords{{
    {PointStatus::Ok, "ok"},
    {PointStatus::NoSchedule, "no-schedule"},
    {PointStatus::Invalid, "invalid"},
    {PointStatus::Failed, "failed"},
}};

// The diagnostics as one line: "key: message; key: message".
std::string joined(const Diagnostics& diags)
{
    std::string out;
    for (const auto& d : diags) {
        if (!out.empty())
            out += "; ";
        out += d.key.empty() ? d.message : d.key + ": " + d.message;
    }
    return out;
}

SweepRow rowOf(const SweepPoint& point)
{
    SweepRow row;
    row.index = point.index;
    row.id = point.id();
    for (const auto& [name, value] : point.values)
        row.values.push_back(sweepValueText(value));
    return row;
}

void fillFromResult(SweepRow& row, const SolveResult& r)
{
    row.seconds = r.seconds;
    row.evaluations = r.evaluations;
    if (r.evaluation) {
        row.status = PointStatus::Ok;
        row.energy = r.evaluation->totalCost;
        row.time = r.evaluation->totalTime;
        row.breakdown = r.evaluation->breakdown;
        return;
    }
    row.status = r.termination == Termination::NoSchedule ? PointStatus::NoSchedule : PointStatus::Failed;
    // The solver's message names the first reason already; the diagnostics only when it says nothing.
    row.reason = r.message.empty() ? joined(r.diagnostics) : r.message;
}

} // namespace

std::string_view pointStatusKeyword(PointStatus s)
{
    for (const auto& [status, word] : kStatusKeywords)
        if (status == s)
            return word;
    return "failed";
}

std::optional<PointStatus> pointStatusFromKeyword(std::string_view s)
{
    for (const auto& [status, word] : kStatusKeywords)
        if (word == s)
            return status;
    return std::nullopt;
}

AreaProxy areaProxy(const ArchitectureSpec& spec)
{
    AreaProxy area;
    if (const auto* hw = std::get_if<ExplicitHardware>(&spec.hardware)) {
        const double wordBytes = (hw->wordBits + 7) / 8;
        area.totalPes = hw->nodes.size() * hw->peArray.size();
        area.sramBytes = static_cast<double>(hw->nodes.size())
                       * (hw->gbufWords + static_cast<double>(hw->peArray.size()) * hw->regfWords) * wordBytes;
    } else {
        const auto& k = std::get<KaplaHardware>(spec.hardware);
        area.totalPes = k.gbufArray.size() * k.regfArray.size();
        area.sramBytes = static_cast<double>(k.gbufArray.size())
                       * static_cast<double>(k.gbufSizeBytes + k.regfArray.size() * k.regfSizeBytes);
    }
    return area;
}

SweepPointOutcome solveSweepPoint(const SweepSpec& spec, const SweepPoint& point, const SolveSettings& settings,
                                  std::stop_token stop)
{
    SweepPointOutcome out{rowOf(point), std::nullopt, std::nullopt, Termination::Failed, false};
    try {
        auto project = applySweepPoint(spec, point);
        if (!project) {
            out.row.status = PointStatus::Invalid;
            out.row.reason = joined(project.diagnostics());
            return out;
        }
        out.row.area = areaProxy(project->architecture);
        // An architecture or option combination the model refuses is the point's answer, not an error.
        Diagnostics invalid = validateOptions(project->options);
        if (auto resolved = ResolvedProject::resolve(project.value()); !resolved)
            invalid.insert(invalid.end(), resolved.diagnostics().begin(), resolved.diagnostics().end());
        if (!invalid.empty()) {
            out.row.status = PointStatus::Invalid;
            out.row.reason = joined(invalid);
            return out;
        }
        const SolveResult r = solve(project.value(), settings, stop);
        if (r.termination == Termination::Cancelled || stop.stop_requested()) {
            out.cancelled = true;
            return out;
        }
        fillFromResult(out.row, r);
        out.schedule = r.schedule;
        out.evaluation = r.evaluation;
        out.termination = r.termination;
    } catch (const std::exception& e) {
        out.row.status = PointStatus::Failed;
        out.row.reason = std::string("internal error: ") + e.what();
    }
    return out;
}

} // namespace kapla
