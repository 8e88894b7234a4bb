#pragma once
// The one way the program reads and writes the files a user names (inputs, included files, outputs,
// autosave copies, run files): every problem is a Diagnostic naming the path, nothing throws.
//
// Inputs may be regular files or pipes (`<(cat net.yaml)`, /dev/stdin fed by a pipe, a named pipe);
// devices, directories and kernel pseudo-files (/proc, /sys) are refused, since reading them may never
// end. Outputs go to regular files atomically (a temporary file, then rename); through a symbolic link
// they replace the link's target and keep the link; to a device or a named pipe they are written
// straight through (so `--schedule /dev/null` discards, and never replaces the device).

#include "util/diagnostic.h"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace kapla {

/// How reading a file is bounded.
struct ReadLimits {
    std::size_t maxBytes = 0;    ///< more than this is refused ("the file is too large")
    int pipeWriterWaitMs = 2000; ///< how long a named pipe with no writer (yet) is waited for
};

/// The text of a file read to its end, or why it cannot be read. A file larger than
/// `limits.maxBytes` is refused with a message naming its size when known.
Result<std::string> readFileText(const std::string& path, const ReadLimits& limits);

/// Writes `text` to `path` as described above; errors name the path and the reason.
Diagnostics writeFileText(const std::string& path, const std::string& text);

/// What a file is, whatever path names it (links, `./x`, hard links): device and inode numbers.
struct FileIdentity {
    unsigned long long device = 0;
    unsigned long long inode = 0;
    bool operator==(const FileIdentity&) const = default;
};

/// The identity of the file `path` names (following links), or none when it does not exist or
/// cannot be looked at.
std::optional<FileIdentity> fileIdentity(const std::string& path);

/// Why an input at `path` cannot be read ("it does not exist", "it is a directory", ...), or none
/// when it looks readable; for messages that name where the path was given.
std::optional<std::string> unreadableReason(const std::string& path);

/// An output that would destroy an input of the same command: an error naming `output` and the
/// `input` it is (compared by file identity, so links and other spellings count), or none.
std::optional<Diagnostic> outputOntoInput(const std::string& output, const std::vector<std::string>& inputs);

/// The reason unreadableReason gives for a path that names nothing.
inline constexpr const char* kMissingFileReason = "it does not exist";

} // namespace kapla
