#pragma once
// One-line texts describing a project's network and architecture for window headers.

#include <QString>

#include <cstdint>

namespace kapla {
struct Architecture;
struct Project;
}

/// "AlexNet · 19 layers · 725,508,992 MACs/sample · batch 16" (plain text).
QString networkSummaryLine(const kapla::Project& project, std::int64_t totalMacs);

/// "16 × 16 nodes · 8 × 8 PEs/node · GBUF 16,220 words/node · REGF 31.68 words/PE · DRAM ..."
QString architectureSummaryLine(const kapla::Architecture& arch);

/// A count or size in words: digit groups for whole numbers, 4 significant digits otherwise,
/// "unlimited" for infinity.
QString quantityText(double value);
