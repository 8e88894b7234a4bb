#include "model/resolved_project.h"

namespace kapla {

Result<ResolvedProject> ResolvedProject::resolve(Project project)
{
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
