#include "session/project_summary.h"

#include "session/qt_text.h"

#include "model/architecture.h"
#include "model/project.h"

#include <cmath>

namespace {

const QString kSep = QStringLiteral(" · ");

} // namespace

QString quantityText(double value)
{
    if (std::isinf(value))
        return QStringLiteral("unlimited");
    if (value == std::floor(value) && std::abs(value) < 1e15)
        return groupDigitsText(static_cast<std::int64_t>(value));
    if (std::abs(value) >= 1000)
        return groupDigitsText(std::llround(value));
    return QString::number(value, 'g', 4);
}

QString networkSummaryLine(const kapla::Project& project, std::int64_t totalMacs)
{
    const auto& net = project.network;
    const QString name = net.name().empty() ? QStringLiteral("(unnamed network)") : QString::fromStdString(net.name());
    const auto layers = static_cast<qsizetype>(net.size());
    return name + kSep + QString::number(layers) + (layers == 1 ? QStringLiteral(" layer") : QStringLiteral(" layers"))
         + kSep + groupDigitsText(totalMacs) + QStringLiteral(" MACs/sample") + kSep
         + QStringLiteral("batch %1").arg(project.batch);
}

QString architectureSummaryLine(const kapla::Architecture& arch)
{
    const QString name = arch.name.empty() ? QStringLiteral("(unnamed architecture)")
                                           : QString::fromStdString(arch.name);
    const auto dramNodes = arch.dramRegion.dim.size();
    const QString dram = QStringLiteral("DRAM at %1 %2 (%3), %4 words/cycle")
                             .arg(dramNodes)
                             .arg(dramNodes == 1 ? QStringLiteral("node") : QStringLiteral("nodes"),
                                  arch.memType == kapla::MemType::TwoD ? QStringLiteral("2D") : QStringLiteral("3D"),
                                  quantityText(arch.dramBandwidth));
    return name + kSep + dimText(arch.nodes) + QStringLiteral(" nodes") + kSep + dimText(arch.peArray)
         + QStringLiteral(" PEs/node") + kSep + QStringLiteral("GBUF %1 words/node").arg(quantityText(arch.gbufWords))
         + kSep + QStringLiteral("REGF %1 words/PE").arg(quantityText(arch.regfWords)) + kSep + dram + kSep
         + QStringLiteral("%1-bit words").arg(arch.wordBits);
}
