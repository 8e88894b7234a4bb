#include "model/resolved_project.h"

#include "model/limits.h"

#include <cstdio>

namespace kapla {

std::optional<Diagnostic> problemTooLarge(const Network& network, int batch)
{
    double work = 0;
    for (const NetworkLayer& l : network.layers())
        work += static_cast<double>(l.layer.totalOps()) * batch;
    if (work <= limits::kMaxNetworkWork)
        return std::nullopt;
    char text[96];
    std::snprintf(text, sizeof text, "%.3g MACs at batch %d; expected at most %.0e", work, batch,
                  limits::kMaxNetworkWork);
    return makeError("batch", std::string("the network is too large: ").append(text));
}

Result<ResolvedProject> ResolvedProject::resolve(Project project)
{
    if (auto tooLarge = problemTooLarge(project.network, project.batch))
        return *tooLarge;
    auto arch = resolveArchitecture(project.architecture);
    if (!arch)
        return arch.diagnostics();
    return ResolvedProject(std::move(project), std::move(arch).value());
}

ResolvedProject ResolvedProject::withOptions(Options options) const
{
    ResolvedProject copy = *this;
    copy.m_project.options = std::move(options);
    return copy;
}

ResolvedProject ResolvedProject::selfContained() const
{
    ResolvedProject copy = *this;
    copy.m_project.networkPath = copy.m_project.architecturePath = copy.m_project.optionsPath = {};
    return copy;
}

} // namespace kapla
