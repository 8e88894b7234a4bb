#include "cli/cli_common.h"

#include "io/project_io.h"

#include <iostream>

namespace kapla::cli {

const char* const kValidateUsage =
    "usage: kapla validate FILE...\n"
    "  checks project, network, architecture and options files: exit 0 when every file is valid,\n"
    "  1 with file:line:column diagnostics on stderr otherwise (warnings are printed, and do not fail)\n";

ExitCode runValidate(const Args& args)
{
    if (args.empty()) {
        std::cerr << kValidateUsage;
        return ExitCode::InvalidInput;
    }
    int invalid = 0;
    for (const auto& file : args) {
        if (file.starts_with("--")) {
            std::cerr << "kapla validate: unknown option '" << file << "'\n";
            return ExitCode::InvalidInput;
        }
        const Diagnostics diags = io::validateFile(file);
        if (hasErrors(diags)) {
            ++invalid;
            printDiagnostics(diags);
        } else {
            // Warnings (e.g. a saved run whose schedule no longer matches the network) do not fail
            // the file but are worth seeing.
            printDiagnostics(diags);
            std::cout << file << ": ok\n";
        }
    }
    if (invalid > 0)
        std::cerr << invalid << " of " << args.size() << " file(s) invalid\n";
    return invalid > 0 ? ExitCode::InvalidInput : ExitCode::Ok;
}

} // namespace kapla::cli
