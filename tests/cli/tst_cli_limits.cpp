// `kapla` and the problems that looked valid: inputs whose magnitudes overflow the cost model exit 1
// naming those inputs (never a nonsense time or an `inf` energy with exit 0), meshes, regions and
// batches beyond the limits are refused by validate with their position, huge files are refused
// through a project too, and thread counts are bounded and capped with a warning.

#include "cli_run.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <thread>

namespace {

const QString kCli = QStringLiteral(KAPLA_CLI);
const QString kSourceDir = QStringLiteral(KAPLA_SOURCE_DIR);
const QString kNetwork = kSourceDir + QStringLiteral("/sample_projects/networks/mlp_s.yaml");
const QString kSchedule = kSourceDir + QStringLiteral("/tests/data/schedules/setup-c-mlp_s-b16.yaml");

using kapla::test::CliRun;

CliRun runCli(const QStringList& args) { return kapla::test::runProgram(kCli, args); }

using kapla::test::writeText;

// Setup B's 4x4 mesh with `dram_bandwidth` and the MAC energy given.
QByteArray architecture(const char* bandwidth, const char* mac)
{
    return QByteArray("version: 1\narchitecture:\n  name: B\n  nodes: [4, 4]\n  pe_array: [8, 8]\n"
                      "  gbuf_words: 32768\n  regf_words: 64\n  dram_bandwidth: ")
         + bandwidth + "\n  energy: {mac: " + mac + ", dram: 200, gbuf: 6, itcn: 2, regf: 1, noc_hop: 10}\n";
}

// Exit 1, every `needle` on stderr, nothing that looks like a result on stdout.
void verifyRefused(const CliRun& run, const QList<QByteArray>& needles)
{
    QVERIFY2(run.finished, "kapla did not finish");
    QVERIFY2(run.exitCode == 1, run.err.constData());
    for (const QByteArray& n : needles)
        QVERIFY2(run.err.contains(n), qPrintable(QString::fromUtf8("missing '" + n + "' in:\n" + run.err)));
    QVERIFY2(!run.out.contains("total energy"), run.out.constData());
}

} // namespace

class TstCliLimits : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString path(const QString& name) const { return m_dir.filePath(name); }

    // Setup C's project (mlp_s, batch 16) on the architecture text `arch`.
    QString project(const QString& name, const QByteArray& arch)
    {
        const QString archFile = path(name + QStringLiteral("-arch.yaml"));
        writeText(archFile, arch);
        const QString file = path(name + QStringLiteral(".yaml"));
        writeText(file, QStringLiteral("version: 1\nproject:\n  name: limits\n  batch: 16\n  network: %1\n"
                                       "  architecture: %2\n  options: {preset: default, solver: random, "
                                       "partition_hybrid: true, partition_batch: true, gbuf_sharing: true, "
                                       "gbuf_save_writeback: true, partition_interlayer: true}\n")
                            .arg(kNetwork, archFile)
                            .toUtf8());
        return file;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void soundProjectEvaluates()
    {
        const CliRun run = runCli({QStringLiteral("evaluate"),
                                   project(QStringLiteral("sound"), architecture("inf", "1")),
                                   QStringLiteral("--schedule"), kSchedule});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(run.out.contains("total energy 172309688 unit, time 17,908 cycles"), run.out.constData());
    }

    // A bandwidth near zero: -7.6e18 cycles at 1e-17, the unlimited-bandwidth time at 1e-100.
    void tinyBandwidthIsInvalidInput_data()
    {
        QTest::addColumn<QByteArray>("bandwidth");
        QTest::newRow("1e-17") << QByteArray("1e-17");
        QTest::newRow("1e-100") << QByteArray("1e-100");
    }
    void tinyBandwidthIsInvalidInput()
    {
        QFETCH(QByteArray, bandwidth);
        const QString p = project(QStringLiteral("bw") + QString::fromUtf8(bandwidth),
                                  architecture(bandwidth.constData(), "1"));
        const QString json = path(QStringLiteral("bw.json"));
        const CliRun run = runCli(
            {QStringLiteral("evaluate"), p, QStringLiteral("--schedule"), kSchedule, QStringLiteral("--json"), json});
        verifyRefused(run, {": error: time: the time reaches the limit of 1e+14 cycles",
                            "dram_bandwidth " + bandwidth + " and array_bus_width inf words/cycle"});
        QVERIFY(run.err.startsWith(p.toUtf8() + ": the inputs' magnitudes overflow the cost model"));
        QVERIFY(!QFile::exists(json));
    }

    // mac: 1.7e308 gave the energy `inf` (null in JSON) with exit 0, in evaluate and solve; then it was
    // refused by every verb that evaluates but accepted by validate. An energy per event beyond 1e30
    // is now refused where it is read, by every verb, validate included.
    void hugeEnergyIsInvalidInput()
    {
        const QByteArray arch = architecture("inf", "1.7e308");
        writeText(path(QStringLiteral("mac-arch.yaml")), arch);
        const QByteArray expected =
            "mac-arch.yaml:9:17: error: architecture.energy.mac: expected an energy per event of at most "
            "1e+30 (in the file's energy unit), got 1.7e308";
        verifyRefused(runCli({QStringLiteral("validate"), path(QStringLiteral("mac-arch.yaml"))}), {expected});
        const QString p = project(QStringLiteral("mac"), arch);
        verifyRefused(runCli({QStringLiteral("evaluate"), p, QStringLiteral("--schedule"), kSchedule}), {expected});
        verifyRefused(runCli({QStringLiteral("solve"), p, QStringLiteral("--eval-budget"), QStringLiteral("200"),
                              QStringLiteral("--threads"), QStringLiteral("1")}),
                      {expected});
        const QString out = path(QStringLiteral("mac.csv"));
        verifyRefused(runCli({QStringLiteral("export"), p, QStringLiteral("--schedule"), kSchedule,
                              QStringLiteral("--format"), QStringLiteral("csv"), QStringLiteral("--out"), out}),
                      {expected});
        QVERIFY(!QFile::exists(out));
        verifyRefused(runCli({QStringLiteral("compare"), kSchedule, kSchedule, QStringLiteral("--project"), p}),
                      {expected});
        // The largest energy taken still gives finite totals.
        const QString most = project(QStringLiteral("most"), architecture("inf", "1e30"));
        const CliRun ok = runCli({QStringLiteral("evaluate"), most, QStringLiteral("--schedule"), kSchedule});
        QVERIFY2(ok.exitCode == 0, ok.err.constData());
        QVERIFY2(ok.out.contains("total energy"), ok.out.constData());
    }

    // A 10^10-node mesh and a 10^9-node DRAM region validated, then hung or ran out of memory.
    void hugeHardwareIsRefusedByValidate()
    {
        QByteArray mesh = architecture("inf", "1");
        mesh.replace("nodes: [4, 4]", "nodes: [100000, 100000]");
        writeText(path(QStringLiteral("mesh.yaml")), mesh);
        verifyRefused(runCli({QStringLiteral("validate"), path(QStringLiteral("mesh.yaml"))}),
                      {"mesh.yaml:4:10: error: architecture.nodes: node mesh 100000x100000 is too large"});
        const QString p = project(QStringLiteral("meshp"), mesh);
        verifyRefused(runCli({QStringLiteral("solve"), p}), {"node mesh 100000x100000 is too large"});
        QByteArray region = architecture("inf", "1");
        region.append("  dram_region: {dim: [999999999, 1]}\n");
        const QString rp = project(QStringLiteral("region"), region);
        verifyRefused(runCli({QStringLiteral("evaluate"), rp, QStringLiteral("--schedule"), kSchedule}),
                      {"architecture.dram_region: dim 999999999x1 is too large"});
    }

    // 200,000 keys in a network took a minute to reject through a project: refused at once.
    void hugeMappingIsRefusedThroughAProject()
    {
        QByteArray net = "version: 1\nnetwork:\n  name: n\n  input: {nofm: 784, sofm: 1}\n  layers:\n"
                         "    - {name: fc1, type: fc, nifm: 784, nofm: 10, prevs: [__INPUT__]}\n";
        for (int i = 0; i < 200000; ++i)
            net += "  k" + QByteArray::number(i) + ": 1\n";
        const QString netFile = path(QStringLiteral("keys.yaml"));
        writeText(netFile, net);
        verifyRefused(runCli({QStringLiteral("validate"), netFile}),
                      {"keys.yaml:3:3: error: a mapping of 200003 entries; expected at most 10000"});
        const QString p = path(QStringLiteral("keys-project.yaml"));
        writeText(p, QStringLiteral("version: 1\nproject:\n  name: k\n  batch: 1\n  network: %1\n  architecture: "
                                    "%2/sample_projects/architectures/setup-b-4x4.yaml\n")
                         .arg(netFile, kSourceDir)
                         .toUtf8());
        verifyRefused(runCli({QStringLiteral("validate"), p}), {"keys.yaml:3:3: error: a mapping of 200003 entries"});
    }

    void batchIsBounded()
    {
        const QString p = project(QStringLiteral("batch"), architecture("inf", "1"));
        const CliRun run = runCli({QStringLiteral("solve"), p, QStringLiteral("--batch"), QStringLiteral("70000")});
        verifyRefused(run, {"--batch: expected an integer between 1 and 65536, got '70000'"});
    }

    // --threads 100000 started 32,400 threads; now more than 1024 is an error, and more than the
    // machine can use is capped with a warning.
    void threadsAreBoundedAndCapped()
    {
        const QString p = project(QStringLiteral("threads"), architecture("inf", "1"));
        verifyRefused(runCli({QStringLiteral("solve"), p, QStringLiteral("--threads"), QStringLiteral("100000")}),
                      {"--threads: expected an integer between 0 (all cores) and 1024, got '100000'"});
        const CliRun run = runCli({QStringLiteral("solve"), p, QStringLiteral("--threads"), QStringLiteral("1024"),
                                   QStringLiteral("--eval-budget"), QStringLiteral("200")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const int cap = 4 * std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
        if (cap < 1024)
            QVERIFY2(run.err.contains("warning: 1024 threads asked for; using " + QByteArray::number(cap)),
                     run.err.constData());
    }
};

QTEST_GUILESS_MAIN(TstCliLimits)
#include "tst_cli_limits.moc"
