#include "io/project_file.h"

#include "io/project_io.h"
#include "io/yaml_source.h"
#include "util/file_access.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <set>

namespace kapla::io {

namespace fs = std::filesystem;

namespace {

bool isRunFileName(const std::string& name)
{
    return name.size() == std::string("run-000.yaml").size() && name.starts_with("run-") && name.ends_with(".yaml")
        && std::all_of(name.begin() + 4, name.begin() + 7, [](char c) { return c >= '0' && c <= '9'; });
}

// The run files of a folder in name order (which is run order); none when there is no folder.
std::vector<fs::path> runFilesIn(const fs::path& folder)
{
    std::vector<fs::path> files;
    std::error_code ec;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec))
        if (it->is_regular_file(ec) && isRunFileName(it->path().filename().string()))
            files.push_back(it->path());
    std::sort(files.begin(), files.end());
    return files;
}

// A damaged run file must not keep its project from opening: its errors become warnings.
void demoteToWarnings(const Diagnostics& diags, Diagnostics& out)
{
    for (Diagnostic d : diags) {
        d.severity = Severity::Warning;
        out.push_back(std::move(d));
    }
}

// The text of an existing run file, to leave an unchanged one alone; none when it cannot be read.
std::optional<std::string> fileText(const fs::path& path)
{
    auto text = readFileText(path.string(), ReadLimits{.maxBytes = kMaxFileBytes});
    return text ? std::optional<std::string>(std::move(text).value()) : std::nullopt;
}

} // namespace

std::string runsFolderFor(const std::string& projectPath)
{
    const fs::path p(projectPath);
    return (p.parent_path() / (p.stem().string() + ".runs")).string();
}

std::string runFileName(std::size_t index)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "run-%03zu.yaml", index + 1);
    return buf;
}

std::vector<std::string> runFilesOf(const std::string& projectPath)
{
    std::vector<std::string> files;
    for (const fs::path& file : runFilesIn(runsFolderFor(projectPath)))
        files.push_back(file.string());
    return files;
}

Result<ProjectFile> loadProjectWithRuns(const std::string& path, Diagnostics* warnings)
{
    Diagnostics found;
    std::vector<RunPtr> legacy;
    auto project = loadProjectFile(path, &found, &legacy);
    if (!project)
        return project.diagnostics();
    const std::size_t inlineRuns = legacy.size();
    ProjectFile file{std::move(project).value(), std::move(legacy), inlineRuns};
    for (const fs::path& runPath : runFilesIn(runsFolderFor(path))) {
        Diagnostics runWarnings;
        auto run = loadRunFile(runPath.string(), &runWarnings);
        if (run) {
            file.runs.push_back(std::move(run).value());
            found.insert(found.end(), runWarnings.begin(), runWarnings.end());
        } else {
            demoteToWarnings(run.diagnostics(), found);
        }
    }
    if (warnings)
        *warnings = std::move(found);
    return file;
}

Diagnostics saveRuns(const std::string& projectPath, const std::vector<RunPtr>& runs)
{
    const fs::path folder = runsFolderFor(projectPath);
    std::error_code ec;
    if (!runs.empty() && !fs::create_directories(folder, ec) && ec) {
        Diagnostic d = makeError("", "cannot create the runs folder '" + folder.string() + "': " + ec.message());
        d.location.file = folder.string();
        return {d};
    }
    Diagnostics problems;
    for (std::size_t i = 0; i < runs.size(); ++i) {
        const fs::path target = folder / runFileName(i);
        const std::string text = runToYaml(*runs[i]);
        if (fileText(target) == text)
            continue; // unchanged: keep the file (and its date) as it is
        const Diagnostics d = writeFileText(target.string(), text);
        problems.insert(problems.end(), d.begin(), d.end());
    }
    std::set<std::string> current;
    for (std::size_t i = 0; i < runs.size(); ++i)
        current.insert(runFileName(i));
    for (const fs::path& file : runFilesIn(folder))
        if (!current.contains(file.filename().string()))
            fs::remove(file, ec); // a removed run
    if (runs.empty())
        fs::remove(folder, ec); // only when empty: a folder with the user's own files stays
    return problems;
}

} // namespace kapla::io
