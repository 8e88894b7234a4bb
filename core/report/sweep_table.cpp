#include "report/sweep_table.h"

#include "util/text_format.h"

#include <algorithm>
#include <set>

namespace kapla {

namespace {

using nlohmann::json;

constexpr std::array<ParetoAxis, 3> kFrontAxes{ParetoAxis::Time, ParetoAxis::TotalPes, ParetoAxis::SramBytes};

std::array<double, 7> components(const EnergyBreakdown& b)
{
    return {b.op, b.dram, b.gbuf, b.itcn, b.regf, b.noc, b.stat};
}

void setComponents(EnergyBreakdown& b, const std::array<double, 7>& c)
{
    b = {c[0], c[1], c[2], c[3], c[4], c[5], c[6]};
}

std::string inputCells(const SweepRow& row)
{
    std::string out;
    for (const std::string& v : row.values)
        out += "," + csvField(v);
    return out;
}

json rowJson(const SweepRow& row, const std::vector<std::string>& parameters)
{
    json inputs = json::object();
    for (std::size_t i = 0; i < parameters.size() && i < row.values.size(); ++i)
        inputs[parameters[i]] = row.values[i];
    json breakdown = json::object();
    const auto c = components(row.breakdown);
    for (std::size_t i = 0; i < c.size(); ++i)
        breakdown[kEnergyComponentNames[i]] = c[i];
    return {{"id", row.id},
            {"index", row.index},
            {"inputs", inputs},
            {"status", pointStatusKeyword(row.status)},
            {"reason", row.reason},
            {"total", {{"energy", row.energy}, {"time", row.time}, {"breakdown", breakdown}}},
            {"area", {{"total_pes", row.area.totalPes}, {"sram_bytes", row.area.sramBytes}}},
            {"search", {{"seconds", row.seconds}, {"evaluations", row.evaluations}}},
            {"schedule", row.schedule}};
}

SweepRow rowFromJson(const json& j, const std::vector<std::string>& parameters)
{
    SweepRow row;
    row.id = j.at("id").get<std::string>();
    row.index = j.at("index").get<int>();
    for (const std::string& p : parameters)
        row.values.push_back(j.at("inputs").at(p).get<std::string>());
    const auto status = pointStatusFromKeyword(j.at("status").get<std::string>());
    if (!status)
        throw std::invalid_argument("points[].status: unknown status '" + j.at("status").get<std::string>() + "'");
    row.status = *status;
    row.reason = j.at("reason").get<std::string>();
    row.energy = j.at("total").at("energy").get<double>();
    row.time = j.at("total").at("time").get<std::int64_t>();
    std::array<double, 7> c{};
    for (std::size_t i = 0; i < c.size(); ++i)
        c[i] = j.at("total").at("breakdown").at(kEnergyComponentNames[i]).get<double>();
    setComponents(row.breakdown, c);
    row.area.totalPes = j.at("area").at("total_pes").get<std::int64_t>();
    row.area.sramBytes = j.at("area").at("sram_bytes").get<double>();
    row.seconds = j.at("search").at("seconds").get<double>();
    row.evaluations = j.at("search").at("evaluations").get<std::int64_t>();
    row.schedule = j.at("schedule").get<std::string>();
    return row;
}

// The ids a part is responsible for: every `N`th id from its own, or all of them.
std::size_t expectedRows(const SweepTable& t)
{
    const auto slash = t.shard.find('/');
    if (slash == std::string::npos)
        return t.pointIds.size();
    const std::size_t i = std::stoul(t.shard.substr(0, slash)), n = std::stoul(t.shard.substr(slash + 1));
    return t.pointIds.size() / n + (i <= t.pointIds.size() % n ? 1 : 0);
}

} // namespace

bool SweepTable::complete() const { return rows.size() == expectedRows(*this); }

SweepTable sweepTableFor(const SweepSpec& spec, const std::vector<SweepPoint>& points)
{
    SweepTable t;
    t.name = spec.name;
    t.file = spec.file;
    t.digest = spec.digest;
    t.energyUnit = spec.base.architecture.energyUnit;
    t.parameters = sweepParameterNames(spec);
    for (const auto& p : points)
        t.pointIds.push_back(p.id());
    return t;
}

std::string sweepPointsCsv(const SweepTable& table)
{
    std::string out = "id";
    for (const auto& p : table.parameters)
        out += "," + csvField(p);
    out += ",status,reason,energy,time";
    for (const char* c : kEnergyComponentNames)
        out += std::string(",") + c;
    out += ",total_pes,sram_bytes,evaluations,schedule,search_seconds\n";
    for (const SweepRow& r : table.rows) {
        out += r.id + inputCells(r) + "," + std::string(pointStatusKeyword(r.status)) + "," + csvField(r.reason) + ","
             + shortestNumber(r.energy) + "," + std::to_string(r.time);
        for (const double c : components(r.breakdown))
            out += "," + shortestNumber(c);
        out += "," + std::to_string(r.area.totalPes) + "," + shortestNumber(r.area.sramBytes) + ","
             + std::to_string(r.evaluations) + "," + csvField(r.schedule) + "," + shortestNumber(r.seconds) + "\n";
    }
    return out;
}

json sweepPointsJson(const SweepTable& table)
{
    json rows = json::array();
    for (const SweepRow& r : table.rows)
        rows.push_back(rowJson(r, table.parameters));
    return {{"sweep",
             {{"name", table.name},
              {"file", table.file},
              {"digest", table.digest},
              {"energy_unit", table.energyUnit},
              {"parameters", table.parameters},
              {"points", table.pointIds},
              {"shard", table.shard},
              {"complete", table.complete()}}},
            {"points", rows}};
}

Result<SweepTable> sweepTableFromJson(const std::string& text, const std::string& fileName)
{
    const auto fail = [&](const std::string& message) {
        Diagnostic d;
        d.location = {fileName, 1, 1};
        d.message = message + "; expected the points.json `kapla sweep` writes";
        return Result<SweepTable>(d);
    };
    const json j = json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object())
        return fail("not a JSON object");
    try {
        SweepTable t;
        const json& s = j.at("sweep");
        t.name = s.at("name").get<std::string>();
        t.file = s.at("file").get<std::string>();
        t.digest = s.at("digest").get<std::string>();
        t.energyUnit = s.at("energy_unit").get<std::string>();
        t.parameters = s.at("parameters").get<std::vector<std::string>>();
        t.pointIds = s.at("points").get<std::vector<std::string>>();
        t.shard = s.at("shard").get<std::string>();
        for (const json& row : j.at("points"))
            t.rows.push_back(rowFromJson(row, t.parameters));
        return t;
    } catch (const std::exception& e) {
        return fail(e.what());
    }
}

std::string paretoCsv(const SweepTable& table)
{
    std::string out = "front,id";
    for (const auto& p : table.parameters)
        out += "," + csvField(p);
    out += ",energy,time,total_pes,sram_bytes\n";
    for (const ParetoAxis axis : kFrontAxes)
        for (const std::size_t i : energyFront(table.rows, axis)) {
            const SweepRow& r = table.rows[i];
            out += std::string(paretoAxisKeyword(axis)) + "," + r.id + inputCells(r) + "," + shortestNumber(r.energy)
                 + "," + std::to_string(r.time) + "," + std::to_string(r.area.totalPes) + ","
                 + shortestNumber(r.area.sramBytes) + "\n";
        }
    return out;
}

} // namespace kapla
