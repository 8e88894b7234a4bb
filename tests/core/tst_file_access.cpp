// The file-access helper: what it reads (regular files, pipes), what it refuses (devices, directories,
// kernel pseudo-files, link loops, over-long paths) and how it writes (atomically, through links, into
// devices), all as diagnostics, never as exceptions.
#include "util/file_access.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fcntl.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

using namespace kapla;

namespace {

constexpr ReadLimits kLimits{1024 * 1024, 2000};

std::string slurp(const std::string& path)
{
    const auto text = readFileText(path, kLimits);
    return text ? text.value() : std::string("<unreadable>");
}

// The messages of a failed read, joined, for QVERIFY2.
std::string readError(const std::string& path, const ReadLimits& limits = kLimits)
{
    const auto text = readFileText(path, limits);
    std::string all;
    for (const Diagnostic& d : text.diagnostics())
        all += d.format() + "\n";
    return all;
}

bool isSymlink(const std::string& path)
{
    struct stat st {};
    return ::lstat(path.c_str(), &st) == 0 && S_ISLNK(st.st_mode);
}

} // namespace

class TstFileAccess : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::string path(const char* name) const { return m_dir.filePath(QString::fromLatin1(name)).toStdString(); }

private Q_SLOTS:
    void readsRegularFile()
    {
        QVERIFY(writeFileText(path("a.yaml"), "version: 1\n").empty());
        QCOMPARE(slurp(path("a.yaml")), std::string("version: 1\n"));
    }

    // `<(cat f)` and `cat f | kapla validate /dev/stdin`: an anonymous pipe is read to its end.
    void readsAnonymousPipeToTheEnd()
    {
        int fds[2];
        QCOMPARE(::pipe(fds), 0);
        const std::string text = "network:\n  name: piped\n";
        QCOMPARE(::write(fds[1], text.data(), text.size()), static_cast<ssize_t>(text.size()));
        ::close(fds[1]);
        QCOMPARE(slurp("/proc/self/fd/" + std::to_string(fds[0])), text);
        ::close(fds[0]);
    }

    void readsNamedPipeWithWriter()
    {
        QCOMPARE(::mkfifo(path("fifo").c_str(), 0600), 0);
        std::thread writer([this] {
            const int fd = ::open(path("fifo").c_str(), O_WRONLY); // waits for the reader
            (void)!::write(fd, "x: 1\n", 5);
            ::close(fd);
        });
        const std::string text = slurp(path("fifo"));
        writer.join();
        QCOMPARE(text, std::string("x: 1\n"));
    }

    // A named pipe nobody writes to would block for ever; it is given up on with a reason.
    void namedPipeWithoutWriterIsGivenUp()
    {
        QCOMPARE(::mkfifo(path("lonely").c_str(), 0600), 0);
        const std::string error = readError(path("lonely"), {1024, 50});
        QVERIFY2(error.find("no program writes to this named pipe") != std::string::npos, error.c_str());
    }

    void refusesWhatIsNoFile_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("reason");
        QTest::newRow("directory") << QString::fromStdString(path("")) << "it is a directory";
        QTest::newRow("device") << "/dev/zero"
                                << "it is a device";
        QTest::newRow("proc file") << "/proc/self/status"
                                   << "kernel pseudo-file";
        QTest::newRow("missing") << QString::fromStdString(path("none.yaml")) << "it does not exist";
        QTest::newRow("file as folder") << QString::fromStdString(path("a.yaml") + "/x.yaml") << "not a folder";
        QTest::newRow("too long") << QString::fromStdString(path("") + std::string(5000, 'n'))
                                  << "longer than the system allows";
        QTest::newRow("empty path") << ""
                                    << "no file name given";
    }
    void refusesWhatIsNoFile()
    {
        QFETCH(QString, file);
        QFETCH(QString, reason);
        const std::string error = readError(file.toStdString());
        QVERIFY2(error.find(reason.toStdString()) != std::string::npos, error.c_str());
    }

    void refusesSymlinkLoop()
    {
        QCOMPARE(::symlink("loop", path("loop").c_str()), 0);
        const std::string error = readError(path("loop"));
        QVERIFY2(error.find("loop of symbolic links") != std::string::npos, error.c_str());
        const auto written = writeFileText(path("loop"), "x");
        QCOMPARE(written.size(), std::size_t(1));
        QVERIFY(written.front().message.find("loop of symbolic links") != std::string::npos);
    }

    void refusesTooLargeFile()
    {
        QVERIFY(writeFileText(path("big.yaml"), std::string(100, 'x')).empty());
        const std::string error = readError(path("big.yaml"), {10, 2000});
        QVERIFY2(error.find("the file is 100 bytes") != std::string::npos, error.c_str());
    }

    // Writing through a link replaces the target's content and keeps the link.
    void writesThroughSymbolicLink()
    {
        QVERIFY(writeFileText(path("target.yaml"), "old").empty());
        QCOMPARE(::symlink("target.yaml", path("link.yaml").c_str()), 0);
        QVERIFY(writeFileText(path("link.yaml"), "new").empty());
        QVERIFY(isSymlink(path("link.yaml")));
        QCOMPARE(slurp(path("target.yaml")), std::string("new"));
        // A dangling link gets its target created.
        QCOMPARE(::symlink("made.yaml", path("dangling.yaml").c_str()), 0);
        QVERIFY(writeFileText(path("dangling.yaml"), "made").empty());
        QVERIFY(isSymlink(path("dangling.yaml")));
        QCOMPARE(slurp(path("made.yaml")), std::string("made"));
    }

    void writesIntoDeviceWithoutReplacingIt()
    {
        QVERIFY(writeFileText("/dev/null", "discarded").empty());
        struct stat st {};
        QCOMPARE(::stat("/dev/null", &st), 0);
        QVERIFY(S_ISCHR(st.st_mode));
    }

    void keepsTheModeOfAReplacedFile()
    {
        QVERIFY(writeFileText(path("mode.yaml"), "a").empty());
        QCOMPARE(::chmod(path("mode.yaml").c_str(), 0640), 0);
        QVERIFY(writeFileText(path("mode.yaml"), "b").empty());
        struct stat st {};
        QCOMPARE(::stat(path("mode.yaml").c_str(), &st), 0);
        QCOMPARE(st.st_mode & 0777, mode_t(0640));
    }

    void writeErrorsNameThePath_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("reason");
        QTest::newRow("directory") << QString::fromStdString(path("")) << "it is a directory";
        QTest::newRow("empty") << ""
                               << "no file name given";
        QTest::newRow("missing folder") << QString::fromStdString(path("no/dir/x.yaml")) << "does not exist";
        QTest::newRow("too long") << QString::fromStdString(path("") + std::string(5000, 'n'))
                                  << "longer than the system allows";
    }
    void writeErrorsNameThePath()
    {
        QFETCH(QString, file);
        QFETCH(QString, reason);
        const Diagnostics d = writeFileText(file.toStdString(), "x");
        QCOMPARE(d.size(), std::size_t(1));
        QVERIFY2(d.front().message.find(reason.toStdString()) != std::string::npos, d.front().format().c_str());
        QVERIFY(!d.front().location.file.empty());
        if (!file.isEmpty())
            QCOMPARE(d.front().location.file, file.toStdString());
    }

    // Identity, not spelling: a link or another path to an input is that input.
    void outputOntoInputIsFoundByIdentity()
    {
        QVERIFY(writeFileText(path("in.yaml"), "x").empty());
        QCOMPARE(::symlink("in.yaml", path("alias.yaml").c_str()), 0);
        QCOMPARE(::link(path("in.yaml").c_str(), path("hard.yaml").c_str()), 0);
        const std::vector<std::string> inputs{path("a.yaml"), path("in.yaml")};
        QVERIFY(outputOntoInput(path("alias.yaml"), inputs));
        QVERIFY(outputOntoInput(path("hard.yaml"), inputs));
        QVERIFY(outputOntoInput(path("./in.yaml"), inputs));
        QVERIFY(!outputOntoInput(path("new.yaml"), inputs));
        QVERIFY(!outputOntoInput(path("target.yaml"), inputs));
    }
};

QTEST_APPLESS_MAIN(TstFileAccess)
#include "tst_file_access.moc"
