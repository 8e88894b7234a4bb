#include "util/file_access.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <system_error>
#include <utility>

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

namespace kapla {

namespace {

// Magic numbers of the file systems whose files are not data (statfs(2)).
constexpr long kProcMagic = 0x9fa0;
constexpr long kSysfsMagic = 0x62656572;
constexpr long kPipefsMagic = 0x50495045;
// Linux follows at most 40 symbolic links while resolving a path.
constexpr int kMaxLinkHops = 40;

Diagnostic fileError(const std::string& path, std::string message)
{
    Diagnostic d = makeError("", std::move(message));
    d.location.file = path.empty() ? std::string("<empty path>") : path;
    return d;
}

std::string errnoReason(int error)
{
    switch (error) {
    case ENOENT: return kMissingFileReason;
    case ELOOP: return "its path runs through a loop of symbolic links";
    case ENAMETOOLONG: return "its path (or a name in it) is longer than the system allows";
    case EACCES:
    case EPERM: return "permission denied";
    case ENOTDIR: return "a part of its path is a file, not a folder";
    default: return std::generic_category().message(error);
    }
}

// Why a file of this type is no input (or none for regular files and pipes).
std::optional<std::string> inputTypeReason(mode_t mode)
{
    if (S_ISDIR(mode))
        return "it is a directory, not a file";
    if (S_ISCHR(mode) || S_ISBLK(mode))
        return "it is a device, not a regular file or a pipe (reading it may never end)";
    if (S_ISSOCK(mode))
        return "it is a socket, not a regular file or a pipe";
    return std::nullopt;
}

// A closed-on-scope-exit descriptor.
class Fd
{
public:
    explicit Fd(int fd)
        : m_fd(fd)
    {
    }
    ~Fd()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    int get() const { return m_fd; }
    // Closes now and says whether the close succeeded (a write error may show only here).
    bool close()
    {
        const int fd = std::exchange(m_fd, -1);
        return fd < 0 || ::close(fd) == 0;
    }

private:
    int m_fd;
};

std::string tooLarge(std::size_t maxBytes, std::optional<std::size_t> size)
{
    const std::string limit = std::to_string(maxBytes / (1024 * 1024)) + " MiB";
    return size ? "the file is " + std::to_string(*size) + " bytes; expected at most " + limit
                : "more than " + limit + " read; expected at most " + limit;
}

// Appends one read() worth; 0 at the end, -1 with errno on error.
ssize_t readChunk(int fd, std::string& text)
{
    char buf[65536];
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n > 0)
        text.append(buf, static_cast<std::size_t>(n));
    return n;
}

Result<std::string> readRegular(const std::string& path, int fd, const struct stat& st, const ReadLimits& limits)
{
    if (static_cast<std::size_t>(st.st_size) > limits.maxBytes)
        return fileError(path, tooLarge(limits.maxBytes, static_cast<std::size_t>(st.st_size)));
    std::string text;
    text.reserve(static_cast<std::size_t>(st.st_size));
    for (;;) {
        const ssize_t n = readChunk(fd, text);
        if (n == 0)
            return text;
        if (n < 0 && errno != EINTR)
            return fileError(path, "cannot read the file: " + errnoReason(errno));
        if (text.size() > limits.maxBytes)
            return fileError(path, tooLarge(limits.maxBytes, std::nullopt));
    }
}

// A pipe is read until its writers close it. A named pipe nobody writes to would block for ever, so
// the first data (or the writer's close) is waited for only `pipeWriterWaitMs`; an anonymous pipe
// (`<(cmd)`, a shell pipe into /dev/stdin) always has its writer, which is waited for.
Result<std::string> readPipe(const std::string& path, int fd, bool named, const ReadLimits& limits)
{
    std::string text;
    bool heard = !named;
    const auto start = std::chrono::steady_clock::now();
    for (;;) {
        int timeout = -1;
        if (!heard) {
            const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now()
                                                                                      - start);
            timeout = std::max(0, limits.pipeWriterWaitMs - static_cast<int>(waited.count()));
        }
        pollfd p{fd, POLLIN, 0};
        const int ready = ::poll(&p, 1, timeout);
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready < 0)
            return fileError(path, "cannot read the pipe: " + errnoReason(errno));
        if (ready == 0)
            return fileError(path, "no program writes to this named pipe (waited "
                                       + std::to_string(limits.pipeWriterWaitMs)
                                       + " ms); expected a writer, e.g. `cat file.yaml > pipe`");
        heard = true;
        const ssize_t n = readChunk(fd, text);
        if (n == 0)
            return text;
        if (n < 0 && errno != EAGAIN && errno != EINTR)
            return fileError(path, "cannot read the pipe: " + errnoReason(errno));
        if (text.size() > limits.maxBytes)
            return fileError(path, tooLarge(limits.maxBytes, std::nullopt));
    }
}

// Writes all of `text`; false with errno set on error.
bool writeAll(int fd, const std::string& text)
{
    std::size_t done = 0;
    while (done < text.size()) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        done += static_cast<std::size_t>(n);
    }
    return true;
}

std::string folderOf(const std::string& path)
{
    const auto slash = path.rfind('/');
    return slash == std::string::npos ? std::string(".") : slash == 0 ? std::string("/") : path.substr(0, slash);
}

// The file a chain of symbolic links ends at (which may not exist yet), or the reason it has none.
Result<std::string> linkTarget(const std::string& path)
{
    std::string current = path;
    for (int hop = 0; hop < kMaxLinkHops; ++hop) {
        struct stat st {};
        if (::lstat(current.c_str(), &st) != 0)
            return errno == ENOENT ? Result<std::string>(current) : fileError(path, errnoReason(errno));
        if (!S_ISLNK(st.st_mode))
            return current;
        std::string target(4096, '\0');
        const ssize_t n = ::readlink(current.c_str(), target.data(), target.size());
        if (n < 0)
            return fileError(path, "cannot follow the symbolic link: " + errnoReason(errno));
        target.resize(static_cast<std::size_t>(n));
        current = target.starts_with('/') ? target : folderOf(current) + "/" + target;
    }
    return fileError(path, "cannot write the file: " + errnoReason(ELOOP));
}

// Replaces the regular file (or creates the file) `target` atomically: a temporary file in the same
// folder, then rename, so a failed write never leaves half a file. An existing file keeps its mode.
Diagnostics replaceAtomically(const std::string& path, const std::string& target, const std::string& text,
                              std::optional<mode_t> mode)
{
    static std::atomic<unsigned> counter{0};
    const std::string tmp = target + ".kapla-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".tmp";
    Fd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666));
    if (fd.get() < 0)
        return {
            fileError(path, "cannot create a file in the folder '" + folderOf(target) + "': " + errnoReason(errno))};
    const bool written = (!mode || ::fchmod(fd.get(), *mode & 07777) == 0) && writeAll(fd.get(), text)
                      && ::fsync(fd.get()) == 0 && fd.close();
    if (!written || ::rename(tmp.c_str(), target.c_str()) != 0) {
        const int error = errno;
        ::unlink(tmp.c_str());
        return {fileError(path, "cannot write the file: " + errnoReason(error))};
    }
    return {};
}

// A device or a named pipe is written as it is, never replaced: /dev/null stays the null device.
Diagnostics writeThrough(const std::string& path, const std::string& target, const std::string& text)
{
    Fd fd(::open(target.c_str(), O_WRONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC));
    if (fd.get() < 0 && errno == ENXIO)
        return {fileError(path, "no program reads this named pipe; expected a reader, e.g. `cat pipe`")};
    if (fd.get() < 0)
        return {fileError(path, "cannot open the file for writing: " + errnoReason(errno))};
    ::fcntl(fd.get(), F_SETFL, ::fcntl(fd.get(), F_GETFL) & ~O_NONBLOCK); // a slow reader is waited for
    if (!writeAll(fd.get(), text) || !fd.close())
        return {fileError(path, "cannot write the file: " + errnoReason(errno))};
    return {};
}

} // namespace

std::optional<std::string> unreadableReason(const std::string& path)
{
    if (path.empty())
        return "no file name given (an empty path)";
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0)
        return errnoReason(errno);
    return inputTypeReason(st.st_mode);
}

Result<std::string> readFileText(const std::string& path, const ReadLimits& limits)
{
    // Looked at before opening: opening a device may have effects of its own.
    if (const auto reason = unreadableReason(path))
        return fileError(path, "cannot read the file: " + *reason);
    // Non-blocking, so that opening a named pipe with no writer returns at once.
    Fd fd(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC));
    struct stat st {};
    struct statfs fsInfo {};
    if (fd.get() < 0 || ::fstat(fd.get(), &st) != 0 || ::fstatfs(fd.get(), &fsInfo) != 0)
        return fileError(path, "cannot read the file: " + errnoReason(errno));
    if (const auto reason = inputTypeReason(st.st_mode))
        return fileError(path, "cannot read the file: " + *reason);
    const long fsType = static_cast<long>(fsInfo.f_type);
    if (S_ISFIFO(st.st_mode))
        return readPipe(path, fd.get(), fsType != kPipefsMagic, limits);
    if (fsType == kProcMagic || fsType == kSysfsMagic)
        return fileError(path, "cannot read the file: it is a kernel pseudo-file (/proc, /sys), not a regular file");
    ::fcntl(fd.get(), F_SETFL, ::fcntl(fd.get(), F_GETFL) & ~O_NONBLOCK);
    return readRegular(path, fd.get(), st, limits);
}

Diagnostics writeFileText(const std::string& path, const std::string& text)
{
    if (path.empty())
        return {fileError(path, "no file name given (an empty path); expected a file to write")};
    const auto target = linkTarget(path);
    if (!target)
        return target.diagnostics();
    struct stat st {};
    if (::stat(target->c_str(), &st) != 0) {
        if (errno != ENOENT)
            return {fileError(path, "cannot write the file: " + errnoReason(errno))};
        return replaceAtomically(path, target.value(), text, std::nullopt);
    }
    if (S_ISDIR(st.st_mode))
        return {fileError(path, "cannot write the file: it is a directory; expected a file name for the output")};
    if (S_ISREG(st.st_mode))
        return replaceAtomically(path, target.value(), text, st.st_mode);
    return writeThrough(path, target.value(), text);
}

std::optional<FileIdentity> fileIdentity(const std::string& path)
{
    struct stat st {};
    if (path.empty() || ::stat(path.c_str(), &st) != 0)
        return std::nullopt;
    return FileIdentity{static_cast<unsigned long long>(st.st_dev), static_cast<unsigned long long>(st.st_ino)};
}

std::optional<Diagnostic> outputOntoInput(const std::string& output, const std::vector<std::string>& inputs)
{
    const auto written = fileIdentity(output);
    if (!written)
        return std::nullopt; // a new file is no input
    for (const std::string& input : inputs)
        if (fileIdentity(input) == written)
            return fileError(output, "is the input '" + input
                                         + "' of this command; writing it would destroy that input, expected "
                                           "another file for the output");
    return std::nullopt;
}

} // namespace kapla
