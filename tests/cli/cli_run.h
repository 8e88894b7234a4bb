#pragma once
// Running a built program of the project the way a user does (working directory: the source tree)
// and keeping what it printed: the command-line tests of every program share it.

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>
#include <QTest>

namespace kapla::test {

/// One finished (or killed) run of a program.
struct CliRun {
    bool finished = false; ///< false if it did not start or was killed after the timeout
    int exitCode = -1;
    QProcess::ExitStatus exitStatus = QProcess::CrashExit;
    QByteArray out;
    QByteArray err;
    qint64 elapsedMs = 0;
};

/// Runs `program` to its end (or kills it after `timeoutMs`) in the environment `env`.
inline CliRun runProgram(const QString& program, const QStringList& args, int timeoutMs = 120000,
                         const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment())
{
    QProcess p;
    p.setProgram(program);
    p.setArguments(args);
    p.setProcessEnvironment(env);
    p.setWorkingDirectory(QStringLiteral(KAPLA_SOURCE_DIR));
    CliRun run;
    QElapsedTimer timer;
    timer.start();
    p.start();
    run.finished = p.waitForStarted() && p.waitForFinished(timeoutMs);
    run.elapsedMs = timer.elapsed();
    if (!run.finished) {
        p.kill();
        p.waitForFinished();
    }
    run.exitCode = p.exitCode();
    run.exitStatus = p.exitStatus();
    run.out = p.readAllStandardOutput();
    run.err = p.readAllStandardError();
    return run;
}

/// Writes `text` to `path` (an input a test makes); fails the test if it cannot.
inline void writeText(const QString& path, const QByteArray& text)
{
    QFile f(path);
    QVERIFY2(f.open(QIODevice::WriteOnly), qPrintable(path));
    f.write(text);
}

} // namespace kapla::test
