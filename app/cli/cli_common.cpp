#include "cli/cli_common.h"

#include <fstream>
#include <iostream>

namespace kapla::cli {

void printDiagnostics(const Diagnostics& diags)
{
    for (const auto& d : diags)
        std::cerr << d.format() << '\n';
}

bool writeJson(const nlohmann::json& json, const std::string& out)
{
    const std::string text = json.dump(2) + "\n";
    if (out == "-") {
        std::cout << text;
        return true;
    }
    std::ofstream file(out, std::ios::binary | std::ios::trunc);
    file << text;
    if (!file) {
        std::cerr << out << ": error: cannot write the JSON file\n";
        return false;
    }
    return true;
}

} // namespace kapla::cli
