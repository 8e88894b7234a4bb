#include "onnx_import/import_report.h"

#include "util/text_format.h"

#include <cstdarg>
#include <cstdio>
#include <map>
#include <vector>

namespace kapla::onnximport {

namespace {

/// Counts of one operator type.
struct TypeCounts {
    int fates[3] = {0, 0, 0};
    std::int64_t macs = 0;
    bool anyMacs = false;
};

std::string fileName(const std::string& path) { return path.substr(path.find_last_of('/') + 1); }

// printf into a string; long names are cut at the line's end rather than overflow it.
__attribute__((format(printf, 1, 2))) std::string row(const char* format, ...)
{
    char line[1024];
    va_list args;
    va_start(args, format);
    std::vsnprintf(line, sizeof line, format, args);
    va_end(args);
    return line;
}

std::string layerKinds(const Network& network)
{
    std::map<std::string, int> kinds;
    std::vector<std::string> order;
    for (const auto& l : network.layers()) {
        const std::string kind(layerTypeKeyword(l.layer.type()));
        if (!kinds[kind]++)
            order.push_back(kind);
    }
    std::string out;
    for (const auto& k : order)
        out += (out.empty() ? "" : ", ") + k + " " + std::to_string(kinds[k]);
    return out;
}

} // namespace

std::string coverageText(const ImportReport& report)
{
    if (report.modelMacs <= 0)
        return "-";
    return row("%.1f%%", 100.0 * static_cast<double>(report.coveredMacs) / static_cast<double>(report.modelMacs));
}

std::string reportSummary(const Import& imported)
{
    const ImportReport& r = imported.report;
    std::string out = fileName(r.file) + ": ONNX opset " + std::to_string(r.opsetVersion);
    if (!r.producer.empty())
        out += ", from " + r.producer;
    out += ", imported at batch " + std::to_string(r.batch) + "\n";
    for (const auto& note : r.inputNotes)
        out += "  " + note + "\n";

    std::map<std::string, TypeCounts> types;
    std::vector<std::string> order;
    for (const auto& op : r.operators) {
        auto [it, added] = types.try_emplace(op.opType);
        if (added)
            order.push_back(op.opType);
        ++it->second.fates[static_cast<int>(op.fate)];
        if (op.macs) {
            it->second.macs += *op.macs;
            it->second.anyMacs = true;
        }
    }
    out += row("operators: %d mapped, %d folded, %d skipped (%zu in all)\n", r.count(OperatorFate::Mapped),
               r.count(OperatorFate::Folded), r.count(OperatorFate::Skipped), r.operators.size());
    out += row("  %-26s %6s %7s %7s %8s %18s\n", "operator", "count", "mapped", "folded", "skipped", "MACs/sample");
    for (const auto& type : order) {
        const TypeCounts& c = types[type];
        const int total = c.fates[0] + c.fates[1] + c.fates[2];
        out += row("  %-26s %6d %7d %7d %8d %18s\n", type.c_str(), total, c.fates[0], c.fates[1], c.fates[2],
                   c.anyMacs ? groupDigits(c.macs).c_str() : "-");
    }
    out += "MACs per sample: " + groupDigits(r.coveredMacs) + " in the network of " + groupDigits(r.modelMacs)
         + " in the model (" + coverageText(r) + ")";
    if (r.unknownMacOperators > 0)
        out += "; the work of " + std::to_string(r.unknownMacOperators)
             + (r.unknownMacOperators == 1 ? " skipped operator is" : " skipped operators is") + " not known";
    out += "\n";
    const Network& net = imported.network;
    out += "network: " + net.name() + ", " + std::to_string(net.size()) + " layers (" + layerKinds(net) + ")";
    if (!net.externals().empty())
        out += ", " + std::to_string(net.externals().size()) + " external inputs";
    out += "\n";
    if (r.count(OperatorFate::Skipped) > 0) {
        out += "skipped (unsupported):\n";
        for (const auto& op : r.operators)
            if (op.fate == OperatorFate::Skipped)
                out += "  node '" + op.node + "' (" + op.opType + "): " + op.detail + "\n";
    }
    return out;
}

std::string operatorListing(const ImportReport& report)
{
    std::string out = row("%-32s %-20s %-8s %18s  %s\n", "node", "operator", "fate", "MACs/sample", "became / why");
    for (const auto& op : report.operators)
        out += row("%-32s %-20s %-8s %18s  %s\n", op.node.c_str(), op.opType.c_str(), fateKeyword(op.fate),
                   op.macs ? groupDigits(*op.macs).c_str() : "-", op.detail.c_str());
    return out;
}

std::string yamlHeader(const Import& imported)
{
    const ImportReport& r = imported.report;
    std::string out = "# " + imported.network.name() + ": " + std::to_string(imported.network.size()) + " layers, "
                    + groupDigits(r.coveredMacs) + " MACs per sample.\n";
    out += "# Imported from " + fileName(r.file) + " (ONNX opset " + std::to_string(r.opsetVersion) + ", batch "
         + std::to_string(r.batch) + ") by kapla import: " + std::to_string(r.count(OperatorFate::Mapped))
         + " operators mapped, " + std::to_string(r.count(OperatorFate::Folded)) + " folded, "
         + std::to_string(r.count(OperatorFate::Skipped)) + " skipped; " + coverageText(r) + " of the model's MACs.\n";
    for (const auto& op : r.operators)
        if (op.fate == OperatorFate::Skipped) {
            std::string detail = op.detail;
            for (auto& c : detail)
                if (c == '\n')
                    c = ' ';
            out += "# Skipped: node '" + op.node + "' (" + op.opType + "): " + detail + "\n";
        }
    return out;
}

} // namespace kapla::onnximport
