#pragma once
// The table of a sweep's results (points.csv, points.json) and of its Pareto fronts (pareto.csv).

#include "sweep/pareto.h"
#include "sweep/sweep_result.h"
#include "util/diagnostic.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace kapla {

/// The rows of one sweep, or of one shard of it, with what identifies the sweep.
struct SweepTable {
    std::string name;
    std::string file;   ///< the sweep file as given
    std::string digest; ///< of the sweep file's text: parts of one sweep share it
    std::string energyUnit;
    std::vector<std::string> parameters;
    std::vector<std::string> pointIds; ///< every point of the sweep (all shards), in index order
    std::string shard;                 ///< "I/N" for a part, empty for the whole sweep
    std::vector<SweepRow> rows;        ///< in index order

    /// True when every point this table is responsible for has its row.
    bool complete() const;
};

/// A sweep's empty table: its identity and the ids of its points.
SweepTable sweepTableFor(const SweepSpec& spec, const std::vector<SweepPoint>& points);

/// Header `id,<parameters>,status,reason,energy,time,op,dram,gbuf,itcn,regf,noc,static,total_pes,
/// sram_bytes,evaluations,schedule,search_seconds`, then one row per point in index order. The search
/// seconds come last, as the one column two runs of the same sweep differ in.
std::string sweepPointsCsv(const SweepTable& table);

/// `sweep` {name, file, digest, energy_unit, parameters, points (every id), shard, complete} and
/// `points` [{id, index, inputs {parameter: value}, status, reason, total {energy, time, breakdown},
/// area {total_pes, sram_bytes}, search {seconds, evaluations}, schedule}].
nlohmann::json sweepPointsJson(const SweepTable& table);

/// Reads what sweepPointsJson wrote; errors name `fileName` and the offending key.
Result<SweepTable> sweepTableFromJson(const std::string& text, const std::string& fileName);

/// `front,id,<parameters>,energy,time,total_pes,sram_bytes`: the rows on the front of energy against
/// time, against total PEs and against SRAM bytes, each front in order of its other cost.
std::string paretoCsv(const SweepTable& table);

} // namespace kapla
