#pragma once
// Loading the repository's sample projects and networks in tests: one that does not load is a broken
// test fixture, so it stops the test with the loader's first diagnostic.

#include "io/project_io.h"
#include "test_paths.h"

#include <QtGlobal>

#include <optional>
#include <string>

namespace kapla::test {

/// The project at `rel` (relative to the source tree), with its solver set when one is given.
inline Project loadProject(const std::string& rel, std::optional<SolverKind> solver = std::nullopt)
{
    auto p = io::loadProjectFile(sourcePath(rel));
    if (!p)
        qFatal("cannot load %s: %s", rel.c_str(), p.diagnostics().front().format().c_str());
    Project project = p.value();
    if (solver)
        project.options.solver = *solver;
    return project;
}

/// The network of sample_projects/networks/<module>.yaml.
inline Network loadNetwork(const std::string& module)
{
    const std::string rel = "sample_projects/networks/" + module + ".yaml";
    auto net = io::loadNetworkFile(sourcePath(rel));
    if (!net)
        qFatal("cannot load %s: %s", rel.c_str(), net.diagnostics().front().format().c_str());
    return net.value();
}

} // namespace kapla::test
