#pragma once
// The usage text of `kapla export`: kapla-export prints it, and so does `kapla export --help` (which
// works without the Qt renderer).

namespace kapla::cli {

/// Usage of `kapla export` / kapla-export.
inline constexpr const char* kExportUsage =
    R"(usage: kapla export PROJECT (--schedule S.yaml | --solve SOLVER | --run N)
                    (--figure energy|occupancy|allocation|timeline --format png|pdf|svg
                     | --format yaml|json|csv) --out FILE
                    [--percent] [--segment N] [--date YYYY-MM-DD] [--solver-label NAME]

  --schedule S.yaml  evaluate this schedule
  --solve SOLVER     solve first (kapla, exhaustive, random, ml)
  --run N            the project's saved run N (1 = the oldest), its schedule evaluated again
  --figure KIND      the chart to draw (1000 x 560 pt, print style; PNG at 2x)
  --format F         figure format, or a schedule format without --figure:
                     yaml (re-loadable by kapla evaluate), json (evaluation), csv (one row per layer)
  --percent          energy: every bar normalised to 100 %
  --segment N        allocation: only segment N (1-based); default: every segment side by side
  --date D           date written into the figure and its metadata (default: today; with --run,
                     the day of the run)
  --solver-label S   with --schedule: the solver that made the schedule, for the figure (default: given)

Exit codes: 0 ok, 1 invalid input, 2 no valid schedule, 3 cancelled, 4 internal error.
)";

} // namespace kapla::cli
