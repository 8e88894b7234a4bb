#include "cli/cli_common.h"

#include "io/project_io.h"
#include "report/network_summary.h"

#include <iostream>
#include <variant>

namespace kapla::cli {

const char* const kShowUsage =
    "usage: kapla show FILE [--json OUT|-]\n"
    "  the layer table (shapes, MACs, data sizes) of a network or project file, and a project's\n"
    "  architecture and options; --json also writes them as JSON (- for stdout, instead of the table)\n";

ExitCode runShow(const Args& args)
{
    std::string file, jsonOut;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--json" && i + 1 < args.size()) {
            jsonOut = args[++i];
        } else if (args[i].starts_with("--") || !file.empty()) {
            std::cerr << kShowUsage;
            return ExitCode::InvalidInput;
        } else {
            file = args[i];
        }
    }
    if (file.empty()) {
        std::cerr << kShowUsage;
        return ExitCode::InvalidInput;
    }

    const auto loaded = io::loadNetworkOrProjectFile(file);
    if (!loaded) {
        printDiagnostics(loaded.diagnostics());
        return ExitCode::InvalidInput;
    }
    nlohmann::json json;
    std::string text;
    std::vector<std::string> inputs{file};
    if (const auto* network = std::get_if<Network>(&loaded.value())) {
        json = networkJson(*network);
        text = layerTable(*network);
    } else {
        const auto resolved = ResolvedProject::resolve(std::get<Project>(loaded.value()));
        if (!resolved) {
            printDiagnostics(resolved.diagnostics());
            return ExitCode::InvalidInput;
        }
        const Project& project = resolved->project();
        inputs = io::projectInputFiles(file, project);
        json = networkJson(project.network);
        json["project"] = project.name;
        json["batch"] = project.batch;
        json["architecture"] = architectureJson(resolved->architecture());
        json["options"] = optionsJson(project.options);
        text = "project " + project.name + ", batch " + std::to_string(project.batch) + "\n"
             + layerTable(project.network) + architectureText(resolved->architecture()) + optionsText(project.options);
    }
    if (jsonOut.empty()) {
        std::cout << text;
        return ExitCode::Ok;
    }
    if (!outputsSpareInputs({jsonOut}, inputs))
        return ExitCode::InvalidInput;
    if (jsonOut != "-")
        std::cout << text;
    return writeJson(json, jsonOut) ? ExitCode::Ok : ExitCode::InvalidInput;
}

} // namespace kapla::cli
