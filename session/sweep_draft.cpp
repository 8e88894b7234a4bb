#include "session/sweep_draft.h"

#include "io/sweep_io.h"

#include <filesystem>
#include <regex>

namespace {

// A value typed by the user as one YAML scalar: quoted when YAML would read it as something else.
std::string scalar(std::string value)
{
    const auto first = value.find_first_not_of(" \t");
    if (first == std::string::npos)
        return "''";
    value = value.substr(first, value.find_last_not_of(" \t") - first + 1);
    if (value.find_first_of(":{}[],#&*!|>'\"%@`") == std::string::npos)
        return value;
    std::string quoted = "'";
    for (const char c : value)
        quoted.append(c == '\'' ? "''" : std::string(1, c));
    return quoted.append("'");
}

// "16x16" as the pair [16, 16] the reader takes (tables and labels write pairs as 16x16); else as typed.
std::string item(const std::string& typed)
{
    static const std::regex pair(R"(\s*(\d+)\s*[xX]\s*(\d+)\s*)");
    std::smatch m;
    if (std::regex_match(typed, m, pair))
        return std::string{"["}.append(m[1].str()).append(", ").append(m[2].str()).append("]");
    return scalar(typed);
}

std::string valuesText(const SweepDraftParameter& p)
{
    using Values = SweepDraftParameter::Values;
    if (p.values != Values::List)
        return std::string{"{from: "}
            .append(kapla::sweepValueText(p.from))
            .append(", to: ")
            .append(kapla::sweepValueText(p.to))
            .append(p.values == Values::Step ? ", step: " : ", factor: ")
            .append(kapla::sweepValueText(p.by))
            .append("}");
    std::string out = "[";
    std::size_t start = 0;
    while (start <= p.list.size()) {
        const std::size_t end = std::min(p.list.find(',', start), p.list.size());
        const std::string value = p.list.substr(start, end - start);
        if (value.find_first_not_of(" \t") != std::string::npos)
            out.append(out.size() > 1 ? ", " : "").append(item(value));
        start = end + 1;
    }
    return out.append("]");
}

} // namespace

std::string sweepDraftText(const SweepDraft& draft, const std::string& basePath)
{
    std::string text = "version: 1\nsweep:\n";
    text.append("  name: ").append(scalar(draft.name.empty() ? std::string("sweep") : draft.name)).append("\n");
    if (!basePath.empty())
        text.append("  base: ").append(scalar(basePath)).append("\n");
    text.append("  solver: ").append(kapla::solverKeyword(draft.solver)).append("\n");
    if (draft.zip && draft.parameters.size() > 1)
        text.append("  combine: zip\n");
    text.append("  parameters:\n");
    for (const SweepDraftParameter& p : draft.parameters)
        text.append("    ").append(scalar(p.name)).append(": ").append(valuesText(p)).append("\n");
    return text;
}

kapla::Result<kapla::SweepSpec> buildSweep(const SweepDraft& draft, const kapla::Project& base,
                                           const std::string& basePath)
{
    const std::string dir = basePath.empty() ? std::string() : std::filesystem::path(basePath).parent_path().string();
    return kapla::io::parseSweepOver(sweepDraftText(draft), "sweep form", dir, base, basePath);
}

const kapla::Diagnostic* parameterProblem(const kapla::Diagnostics& diagnostics, const std::string& name)
{
    const std::string key = std::string{"sweep.parameters."}.append(name);
    for (const kapla::Diagnostic& d : diagnostics)
        if (d.key == key || d.key.starts_with(key + "[") || d.key.starts_with(key + "."))
            return &d;
    return nullptr;
}
