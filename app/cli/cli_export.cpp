#include "cli/cli_export.h"

#include <filesystem>
#include <iostream>
#include <string>
#include <system_error>
#include <vector>

#include <unistd.h>

namespace kapla::cli {

namespace {

// kapla-export next to the running kapla (/proc/self/exe), else the one on PATH.
std::string exporterPath()
{
    std::error_code ec;
    const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const auto sibling = self.parent_path() / "kapla-export";
        if (std::filesystem::exists(sibling, ec))
            return sibling.string();
    }
    return "kapla-export";
}

} // namespace

int runExport(const Args& args)
{
    const std::string exe = exporterPath();
    std::vector<std::string> storage{exe};
    storage.insert(storage.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& s : storage)
        argv.push_back(s.data());
    argv.push_back(nullptr);
    std::cout.flush();
    ::execvp(exe.c_str(), argv.data());
    std::cerr << "kapla export: cannot run " << exe << " (build the kapla-export target; it needs Qt): "
              << std::generic_category().message(errno) << '\n';
    return InternalError;
}

} // namespace kapla::cli
