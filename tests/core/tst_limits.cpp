// The stated limits (docs/file-formats.md, "Limits") are enforced where files are read, with the
// position of the offending value; the evaluation's final check turns overflowing magnitudes into
// errors naming their inputs; threads are capped.

#include "cost/evaluation_check.h"
#include "cost/evaluator.h"
#include "io/project_io.h"
#include "io/schedule_io.h"
#include "model/limits.h"
#include "solve/solve_setup.h"
#include "test_paths.h"
#include "util/diagnostic.h"
#include "util/math_util.h"

#include <QtTest>

#include <cmath>
#include <limits>
#include <string>

using namespace kapla;

namespace {

constexpr const char* kSetupC = "sample_projects/golden/setup-c-mlp_s-b16.yaml";
constexpr const char* kScheduleC = "tests/data/schedules/setup-c-mlp_s-b16.yaml";

// An explicit architecture; `extra` lines go under `architecture:` (two-space indented).
std::string architecture(const std::string& nodes, const std::string& extra = "")
{
    return "version: 1\narchitecture:\n  name: a\n  nodes: " + nodes
         + "\n  pe_array: [8, 8]\n  gbuf_words: 32768\n  regf_words: 64\n" + extra
         + "  energy: {mac: 1, dram: 200, gbuf: 6, itcn: 2, regf: 1, noc_hop: 10}\n";
}

// The single error of a text that must fail, formatted.
template <typename R>
QString onlyError(const R& result)
{
    if (result.ok())
        return QStringLiteral("<accepted>");
    const Diagnostics& d = result.diagnostics();
    return QString::fromStdString(d.front().format());
}

// Setup C (mlp_s, batch 16, 4x4) with its golden schedule, the architecture changed by `change`.
template <typename Change>
Evaluation evaluateSetupC(Change change)
{
    Project p = io::loadProjectFile(test::sourcePath(kSetupC)).value();
    change(std::get<ExplicitHardware>(p.architecture.hardware));
    const auto resolved = ResolvedProject::resolve(p);
    if (!resolved)
        qFatal("%s", resolved.diagnostics().front().format().c_str());
    const auto s = io::loadScheduleFile(test::sourcePath(kScheduleC)).value();
    const auto e = evaluateSchedule(resolved.value(), s);
    if (!e)
        qFatal("%s", e.diagnostics().front().format().c_str());
    return e.value();
}

QString problems(const Evaluation& e, const Project& p)
{
    QStringList out;
    for (const Diagnostic& d : numericProblems(e, ResolvedProject::resolve(p).value().architecture()))
        out << QString::fromStdString(d.format());
    return out.join(QLatin1Char('\n'));
}

} // namespace

class TestLimits : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // The mesh whose 10^10 nodes hung evaluate and solve is refused at its key; 64 per side is not.
    void meshIsBounded()
    {
        QCOMPARE(onlyError(io::parseArchitecture(architecture("[100000, 100000]"), "a.yaml")),
                 QStringLiteral("a.yaml:4:10: error: architecture.nodes: node mesh 100000x100000 is too large; "
                                "expected at most 64 nodes per side"));
        QVERIFY(onlyError(io::parseArchitecture(architecture("[65, 1]"), "a.yaml")).contains("too large"));
        QVERIFY(io::parseArchitecture(architecture("[64, 64]"), "a.yaml").ok());
    }

    void peArrayIsBounded()
    {
        std::string text = architecture("[4, 4]");
        text.replace(text.find("[8, 8]"), 6, "[2000, 8]");
        QVERIFY(onlyError(io::parseArchitecture(text, "a.yaml")).contains("PE array 2000x8 is too large"));
    }

    // A DRAM region of 10^9 nodes ran out of memory in evaluate; now it is an error at `dram_region`.
    void dramRegionIsBounded()
    {
        const QString huge = onlyError(
            io::parseArchitecture(architecture("[4, 4]", "  dram_region: {dim: [999999999, 1]}\n"), "a.yaml"));
        QVERIFY2(huge.startsWith(QStringLiteral("a.yaml:8:16: error: architecture.dram_region: dim 999999999x1 is "
                                                "too large")),
                 qPrintable(huge));
        const QString far = onlyError(
            io::parseArchitecture(architecture("[4, 4]",
                                               "  dram_region: {dim: [2, 2], origin: [0, 0], dist: [5000, 1]}\n"),
                                  "a.yaml"));
        QVERIFY2(far.contains("its farthest node is at (5000, 1)"), qPrintable(far));
        QVERIFY(io::parseArchitecture(architecture("[4, 4]", "  dram_region: {dim: [2, 2], dist: [3, 3]}\n"), "a.yaml")
                    .ok());
    }

    void batchIsBounded()
    {
        const std::string project = std::string("version: 1\nproject:\n  name: p\n  batch: 65537\n  network: ")
                                        .append(test::sourcePath("sample_projects/networks/mlp_s.yaml"))
                                        .append("\n  architecture: ")
                                        .append(test::sourcePath("sample_projects/architectures/setup-b-4x4.yaml"))
                                        .append("\n");
        QCOMPARE(onlyError(io::parseProject(project, "p.yaml", "")),
                 QStringLiteral("p.yaml:4:10: error: project.batch: expected an integer between 1 and 65536, got "
                                "65537"));
        Project p = io::loadProjectFile(test::sourcePath(kSetupC)).value();
        p.batch = limits::kMaxBatch + 1;
        const SolveSetup setup = prepareSolve(p, {});
        QVERIFY(!setup.problem);
        QVERIFY(setup.failure.message.find("between 1 and 65536") != std::string::npos);
    }

    void problemSizeIsBounded()
    {
        Project p = io::loadProjectFile(test::sourcePath(kSetupC)).value();
        QVERIFY(!problemTooLarge(p.network, limits::kMaxBatch)); // mlp_s: 519,500 MACs per sample
        Network wide("wide");
        wide.setInput(makeInputLayer(4096, {130, 130}));
        LayerParams conv;
        conv.type = LayerType::Conv;
        conv.nifm = 4096;
        conv.nofm = 4096;
        conv.sofm = {128, 128};
        conv.sfil = {3, 3};
        QVERIFY(wide.add("c1", makeLayer(conv).value(), {std::string(Network::kInputName)}).empty());
        QVERIFY(!problemTooLarge(wide, 1));
        const auto big = problemTooLarge(wide, limits::kMaxBatch);
        QVERIFY(big);
        QCOMPARE(QString::fromStdString(big->format()),
                 QStringLiteral("error: batch: the network is too large: 1.62e+17 MACs at batch 65536; expected at "
                                "most 1e+17"));
    }

    // 200,000 keys took a minute to reject through a project; any collection beyond 10,000 entries is
    // refused after parsing, at its position.
    void collectionsAreBounded()
    {
        std::string text = "version: 1\nnetwork:\n  name: n\n  input: {nofm: 3, sofm: 8}\n  layers:\n"
                           "    - {name: c, type: conv, nifm: 3, nofm: 4, sofm: 8, sfil: 1}\n  extra:\n";
        for (int i = 0; i < 200000; ++i)
            text.append("    k").append(std::to_string(i)).append(": 1\n");
        QCOMPARE(onlyError(io::parseNetwork(text, "n.yaml")),
                 QStringLiteral("n.yaml:8:5: error: a mapping of 200000 entries; expected at most 10000"));
    }

    // `- - - x` nests a list per dash on one line: yaml-cpp recurses once per level.
    void compactNestingIsBounded()
    {
        std::string text = "version: 1\nnetwork:\n  ";
        for (int i = 0; i < 100000; ++i)
            text.append("- ");
        text.append("x\n");
        QCOMPARE(onlyError(io::parseNetwork(text, "n.yaml")),
                 QStringLiteral("n.yaml:3:200003: error: nesting is too deep (indented 200002 columns); expected at "
                                "most 64 levels"));
    }

    // Many unknown keys in one mapping are each reported once, duplicates with their first line.
    void manyUnknownKeysAreReported()
    {
        std::string text = "version: 1\noptions:\n";
        for (int i = 0; i < 5000; ++i)
            text.append("  k").append(std::to_string(i)).append(": 1\n");
        text.append("  k7: 2\n");
        const auto r = io::parseOptions(text, "o.yaml");
        QVERIFY(!r.ok());
        QCOMPARE(r.diagnostics().size(), std::size_t{5001});
        QCOMPARE(QString::fromStdString(r.diagnostics().back().message),
                 QStringLiteral("duplicate key `k7` (first given on line 10); expected each key once"));
    }

    void threadsAreBoundedAndCapped()
    {
        QCOMPARE(onlyError(io::parseOptions("version: 1\noptions:\n  threads: 1000000000\n", "o.yaml")),
                 QStringLiteral("o.yaml:3:12: error: options.threads: expected an integer between 0 and 1024, got "
                                "1000000000"));
        QVERIFY(io::parseOptions("version: 1\noptions:\n  threads: 1024\n", "o.yaml").ok());
        // ntops: 1000000000 made solve reserve that many schedules (std::bad_alloc, exit 4).
        QCOMPARE(onlyError(io::parseOptions("version: 1\noptions:\n  ntops: 1000000000\n", "o.yaml")),
                 QStringLiteral("o.yaml:3:10: error: options.ntops: expected an integer between 1 and 1000, got "
                                "1000000000"));
        Project p = io::loadProjectFile(test::sourcePath(kSetupC)).value();
        SolveSettings many;
        many.threads = 1024;
        QCOMPARE(prepareSolve(p, many).threads, std::min(1024, threadCap()));
        QCOMPARE(threadCap(), limits::kThreadsPerCore * hardwareThreads());
        p.options.threads = 3;
        QCOMPARE(prepareSolve(p, {}).threads, std::min(3, threadCap()));
        QCOMPARE(requestedThreads(many, p.options), 1024);
    }

    void cyclesSaturate()
    {
        QCOMPARE(ceilCycles(12.2), std::int64_t{13});
        QCOMPARE(ceilCycles(0.0), std::int64_t{0});
        QCOMPARE(ceilCycles(1e300), kMaxCycles);
        QCOMPARE(ceilCycles(std::numeric_limits<double>::infinity()), kMaxCycles);
        QCOMPARE(ceilCycles(std::nan("")), kMaxCycles);
    }

    // dram_bandwidth 1e-17 gave -7.6e18 cycles with exit 0; 1e-100 gave the unlimited-bandwidth time.
    void tinyBandwidthIsAnError_data()
    {
        QTest::addColumn<double>("bandwidth");
        QTest::newRow("1e-17") << 1e-17;
        QTest::newRow("1e-100") << 1e-100;
    }
    void tinyBandwidthIsAnError()
    {
        QFETCH(double, bandwidth);
        const Evaluation e = evaluateSetupC([&](ExplicitHardware& hw) { hw.dramBandwidth = bandwidth; });
        QVERIFY(e.totalTime >= kMaxCycles);
        Project p = io::loadProjectFile(test::sourcePath(kSetupC)).value();
        std::get<ExplicitHardware>(p.architecture.hardware).dramBandwidth = bandwidth;
        const QString text = problems(e, p);
        QVERIFY2(text.startsWith(QStringLiteral("error: time: the time reaches the limit of 1e+14 cycles")),
                 qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("dram_bandwidth %1 and array_bus_width inf words/cycle, PE array 8x8, "
                                              "batch 16")
                                   .arg(bandwidth == 1e-17 ? QStringLiteral("1e-17") : QStringLiteral("1e-100"))),
                 qPrintable(text));
    }

    // mac 1.7e308 gave energy `inf` (JSON null) with exit 0.
    void hugeEnergyIsAnError()
    {
        const Evaluation e = evaluateSetupC([](ExplicitHardware& hw) { hw.energy.mac = 1.7e308; });
        Project p = io::loadProjectFile(test::sourcePath(kSetupC)).value();
        std::get<ExplicitHardware>(p.architecture.hardware).energy.mac = 1.7e308;
        const QString text = problems(e, p);
        QVERIFY2(text.startsWith(QStringLiteral("error: energy: the total energy overflows (inf)")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("energy per MAC 1.7e+308")), qPrintable(text));
    }

    void soundEvaluationHasNoProblems()
    {
        const Evaluation e = evaluateSetupC([](ExplicitHardware&) {});
        QCOMPARE(e.totalTime, std::int64_t{17908}); // the golden figure
        QCOMPARE(problems(e, io::loadProjectFile(test::sourcePath(kSetupC)).value()), QString());
    }

    // A problem with the whole file names the file only, not a made-up position 0:0.
    void fileLevelErrorHasNoPosition()
    {
        Diagnostic d = makeError("", "cannot write the file: it is a directory");
        d.location.file = "out";
        QCOMPARE(QString::fromStdString(d.format()),
                 QStringLiteral("out: error: cannot write the file: it is a directory"));
        d.location.line = 3;
        d.location.column = 7;
        QCOMPARE(QString::fromStdString(d.format()),
                 QStringLiteral("out:3:7: error: cannot write the file: it is a directory"));
    }
};

QTEST_APPLESS_MAIN(TestLimits)
#include "tst_limits.moc"
