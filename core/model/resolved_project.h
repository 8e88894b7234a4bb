#pragma once
// A project together with its resolved architecture: the one input evaluations and runs take.

#include "model/architecture.h"
#include "model/project.h"
#include "util/diagnostic.h"

#include <optional>

namespace kapla {

/// A project whose architecture spec has been resolved. It can only be made by resolving, so the
/// project's spec and the architecture the cost model uses can never disagree.
class ResolvedProject
{
public:
    /// Resolves the project's architecture and checks the problem's size (batch times the network's
    /// work); the diagnostics name the offending key when it is invalid.
    static Result<ResolvedProject> resolve(Project project);

    const Project& project() const { return m_project; }
    const Architecture& architecture() const { return m_architecture; }
    /// The same project with other options (the architecture does not depend on them).
    ResolvedProject withOptions(Options options) const;
    /// The same project without include paths: every part is its content (what a run keeps).
    ResolvedProject selfContained() const;

private:
    ResolvedProject(Project project, Architecture architecture)
        : m_project(std::move(project))
        , m_architecture(std::move(architecture))
    {
    }

    Project m_project;
    Architecture m_architecture;
};

/// Why the network's MACs times the batch are beyond limits::kMaxNetworkWork (key "batch"), or none.
std::optional<Diagnostic> problemTooLarge(const Network& network, int batch);

} // namespace kapla
