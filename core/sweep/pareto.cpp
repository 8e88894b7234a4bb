#include "sweep/pareto.h"

#include <algorithm>
#include <limits>
#include <numeric>

namespace kapla {

std::string_view paretoAxisKeyword(ParetoAxis a)
{
    switch (a) {
    case ParetoAxis::Time: return "time";
    case ParetoAxis::TotalPes: return "pes";
    case ParetoAxis::SramBytes: return "sram";
    }
    return "time";
}

double paretoCost(const SweepRow& row, ParetoAxis axis)
{
    switch (axis) {
    case ParetoAxis::Time: return static_cast<double>(row.time);
    case ParetoAxis::TotalPes: return static_cast<double>(row.area.totalPes);
    case ParetoAxis::SramBytes: return row.area.sramBytes;
    }
    return 0;
}

std::vector<std::size_t> paretoFront(const std::vector<std::pair<double, double>>& points)
{
    std::vector<std::size_t> order(points.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    // By the first cost, then the second: a point is on the front iff its second cost is below that of
    // every point before it.
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return points[a] < points[b]; });
    std::vector<std::size_t> front;
    double bestSecond = std::numeric_limits<double>::infinity();
    for (const std::size_t i : order)
        if (points[i].second < bestSecond) {
            front.push_back(i);
            bestSecond = points[i].second;
        }
    return front;
}

std::vector<std::size_t> energyFront(const std::vector<SweepRow>& rows, ParetoAxis axis)
{
    std::vector<std::size_t> solved;
    std::vector<std::pair<double, double>> costs;
    for (std::size_t i = 0; i < rows.size(); ++i)
        if (rows[i].status == PointStatus::Ok) {
            solved.push_back(i);
            costs.emplace_back(paretoCost(rows[i], axis), rows[i].energy);
        }
    std::vector<std::size_t> front;
    for (const std::size_t i : paretoFront(costs))
        front.push_back(solved[i]);
    return front;
}

} // namespace kapla
