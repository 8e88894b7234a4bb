// Sweep files: values from lists and ranges, grid and zipped combination, constraints, deterministic
// point ids, points applied to either form of architecture, and file:line:column errors for an
// unknown parameter, an empty range and constraints that leave no point.
#include "io/sweep_io.h"
#include "sweep/sweep.h"
#include "sweep/sweep_parameters.h"
#include "test_paths.h"

#include <QtTest>

#include <string>

using namespace kapla;

namespace {

const std::string kSampleDir = test::sourcePath("sample_projects/sweeps");

// A sweep on the single-node Eyeriss golden project (explicit hardware), as written in `body`.
Result<SweepSpec> explicitSweep(const std::string& body)
{
    return io::parseSweep("version: 1\nsweep:\n  base: ../golden/setup-a-simple-b1.yaml\n" + body, "test.yaml",
                          kSampleDir);
}

// A sweep on the KAPLA 16x16 AlexNet project (KAPLA hardware description).
Result<SweepSpec> kaplaSweep(const std::string& body)
{
    return io::parseSweep("version: 1\nsweep:\n  base: ../alexnet-16x16.yaml\n" + body, "test.yaml", kSampleDir);
}

std::string firstError(const Result<SweepSpec>& r)
{
    return r.ok() || r.diagnostics().empty() ? std::string() : r.diagnostics().front().format();
}

} // namespace

class TestSweep : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void linearRangeIncludesItsEnd()
    {
        const auto s = kaplaSweep("  parameters:\n    architecture.gbuf_bytes: {from: 8192, to: 131072, step: 8192}\n");
        QVERIFY2(s.ok(), firstError(s).c_str());
        const auto points = expandSweep(s.value());
        QCOMPARE(points.size(), std::size_t{16});
        QCOMPARE(sweepValueText(points.front().values[0].second), std::string("8192"));
        QCOMPARE(sweepValueText(points.back().values[0].second), std::string("131072"));
        QCOMPARE(points.back().id(), std::string("p0015"));
    }
    void geometricRangeOfPairs()
    {
        const auto s = kaplaSweep("  parameters:\n    architecture.nodes: {from: 8, to: 32, factor: 2}\n");
        QVERIFY2(s.ok(), firstError(s).c_str());
        const auto points = expandSweep(s.value());
        QCOMPARE(points.size(), std::size_t{3});
        QCOMPARE(sweepValueText(points[2].values[0].second), std::string("32x32"));
    }
    void gridWithZippedGroup()
    {
        const auto s = kaplaSweep("  parameters:\n"
                                  "    architecture.nodes: [8, 16]\n"
                                  "    architecture.gbuf_bytes: [16384, 32768, 65536]\n"
                                  "    architecture.energy.gbuf: [2.29698e-12, 2.83255e-12, 3.8839e-12]\n"
                                  "  zip: [[architecture.gbuf_bytes, architecture.energy.gbuf]]\n");
        QVERIFY2(s.ok(), firstError(s).c_str());
        QCOMPARE(s->axes.size(), std::size_t{2});
        const auto points = expandSweep(s.value());
        QCOMPARE(points.size(), std::size_t{6});
        // The last axis varies fastest; zipped values stay together.
        QCOMPARE(sweepValueText(points[1].values[0].second), std::string("8x8"));
        QCOMPARE(sweepValueText(points[1].values[1].second), std::string("32768"));
        QCOMPARE(sweepValueText(points[1].values[2].second), std::string("2.83255e-12"));
        QCOMPARE(sweepValueText(points[3].values[0].second), std::string("16x16"));
    }
    void zipAllAndConstraintKeepIds()
    {
        const auto s = explicitSweep("  combine: zip\n"
                                     "  parameters:\n"
                                     "    batch: [1, 2, 4, 8]\n"
                                     "    architecture.regf_bytes: [64, 128, 256, 512]\n"
                                     "  constraints: [\"batch * architecture.regf_bytes <= 512\"]\n");
        QVERIFY2(s.ok(), firstError(s).c_str());
        const auto points = expandSweep(s.value());
        // 1 x 64 and 2 x 128 fit; 4 x 256 and 8 x 512 do not.
        QCOMPARE(points.size(), std::size_t{2});
        QCOMPARE(points[1].id(), std::string("p0001"));
        QVERIFY(satisfies(s->constraints[0], points[0].values));
    }
    void pointAppliesToKaplaHardware()
    {
        const auto s = kaplaSweep("  solver: exhaustive\n  parameters:\n"
                                  "    architecture.nodes: [[4, 8]]\n    architecture.pe_array: [16]\n"
                                  "    architecture.gbuf_bytes: [65536]\n    architecture.energy.gbuf: [3.8839e-12]\n"
                                  "    architecture.dram_bandwidth: [32]\n    batch: [4]\n    options.goal: [ed]\n");
        QVERIFY2(s.ok(), firstError(s).c_str());
        const auto project = applySweepPoint(s.value(), expandSweep(s.value()).front());
        QVERIFY(project.ok());
        const auto& hw = std::get<KaplaHardware>(project->architecture.hardware);
        QCOMPARE(hw.gbufArray, (PhyDim2{4, 8}));
        QCOMPARE(hw.regfArray, (PhyDim2{16, 16}));
        QCOMPARE(hw.gbufSizeBytes, 65536LL);
        QCOMPARE(hw.gbufAccessCost, 3.8839e-12);
        QCOMPARE(hw.dramBandwidth, 64.0); // 32 words of 2 bytes per cycle
        QCOMPARE(project->batch, 4);
        QCOMPARE(project->options.goal, Goal::EnergyDelay);
        QCOMPARE(project->options.solver, SolverKind::Exhaustive);
        // Everything else is the base project's.
        QCOMPARE(project->network, s->base.network);
    }
    void pointAppliesToExplicitHardware()
    {
        const auto s = explicitSweep("  parameters:\n    architecture.gbuf_bytes: [1000]\n"
                                     "    architecture.energy.regf: [3]\n    options.partition_batch: [true]\n");
        QVERIFY2(s.ok(), firstError(s).c_str());
        const auto project = applySweepPoint(s.value(), expandSweep(s.value()).front());
        QVERIFY(project.ok());
        const auto& hw = std::get<ExplicitHardware>(project->architecture.hardware);
        QCOMPARE(hw.gbufWords, 500.0); // 2-byte words
        QCOMPARE(hw.energy.access[3], 3.0);
        QVERIFY(project->options.partitionBatch);
    }
    // A point whose energy the file readers would refuse is not solved: it could not be saved and read back.
    void energyBeyondTheLimitIsRefused()
    {
        const auto s = explicitSweep("  parameters:\n    architecture.energy.mac: [1e30, 1e31]\n");
        QVERIFY2(s.ok(), firstError(s).c_str());
        const auto points = expandSweep(s.value());
        QCOMPARE(points.size(), std::size_t{2});
        const auto most = applySweepPoint(s.value(), points[0]);
        QVERIFY(most.ok());
        QCOMPARE(std::get<ExplicitHardware>(most->architecture.hardware).energy.mac, 1e30);
        const auto beyond = applySweepPoint(s.value(), points[1]);
        QVERIFY(!beyond.ok());
        const std::string message = beyond.diagnostics().front().message;
        QVERIFY2(message.find("an energy per event is at most 1e+30") != std::string::npos, message.c_str());
    }
    void networkParameterLoadsEachFile()
    {
        const auto s = kaplaSweep("  parameters:\n    network: [../networks/alex_net.yaml, ../networks/zfnet.yaml]\n");
        QVERIFY2(s.ok(), firstError(s).c_str());
        QCOMPARE(s->networks.size(), std::size_t{2});
        const auto project = applySweepPoint(s.value(), expandSweep(s.value())[1]);
        QVERIFY(project.ok());
        QCOMPARE(project->networkPath, std::string("../networks/zfnet.yaml"));
    }
    void errorsNamePosition_data()
    {
        QTest::addColumn<QString>("body");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown parameter")
            << "  parameters:\n    architecture.gbuf_byte: [1]\n"
            << "test.yaml:5:5: error: sweep.parameters.architecture.gbuf_byte: unknown parameter "
               "`architecture.gbuf_byte`; did you mean `architecture.gbuf_bytes`?";
        QTest::newRow("empty range")
            << "  parameters:\n    architecture.gbuf_bytes: {from: 64, to: 8, step: 8}\n"
            << "test.yaml:5:30: error: sweep.parameters.architecture.gbuf_bytes: the range is empty: `from` 64 is "
               "above `to` 8";
        QTest::newRow("empty list") << "  parameters:\n    batch: []\n"
                                    << "test.yaml:5:12: error: sweep.parameters.batch: the list of values is empty";
        QTest::newRow("constraint rejects all")
            << "  parameters:\n    batch: [1, 2]\n  constraints:\n    - batch > 2\n"
            << "test.yaml:7:7: error: sweep.constraints[0]: `batch > 2` rejects every one of the 2 points";
        QTest::newRow("zip length")
            << "  parameters:\n    batch: [1, 2]\n    architecture.regf_bytes: [64]\n  combine: zip\n"
            << "test.yaml:6:30: error: sweep.parameters.architecture.regf_bytes: zipped with `batch`, so expected 2 "
               "values, got 1";
        QTest::newRow("bad keyword") << "  parameters:\n    options.goal: [energy]\n"
                                     << "test.yaml:5:20: error: sweep.parameters.options.goal[0]: expected `e`, `d` "
                                        "or `ed`, got 'energy'";
        QTest::newRow("constraint on unknown name")
            << "  parameters:\n    batch: [1, 2]\n  constraints: [\"batch <= nodes\"]\n"
            << "test.yaml:6:17: error: sweep.constraints[0]: `nodes` is neither a number nor one of the sweep's "
               "parameters";
    }
    void errorsNamePosition()
    {
        QFETCH(QString, body);
        QFETCH(QString, expected);
        const auto s = explicitSweep(body.toStdString());
        QVERIFY(!s.ok());
        QCOMPARE(QString::fromStdString(firstError(s)), expected);
    }
    void missingBaseNamesIt()
    {
        const auto s = io::parseSweep("sweep:\n  base: nowhere.yaml\n  parameters: {batch: [1]}\n", "t.yaml", "/tmp");
        QVERIFY(!s.ok());
        QVERIFY2(firstError(s).starts_with("t.yaml:2:9: error: sweep.base: project file '/tmp/nowhere.yaml' cannot be "
                                           "read"),
                 firstError(s).c_str());
    }
    void everyParameterNameIsUnique()
    {
        auto names = sweepParameterNameList();
        std::sort(names.begin(), names.end());
        QVERIFY(std::adjacent_find(names.begin(), names.end()) == names.end());
        QVERIFY(findSweepParameter("architecture.energy.noc_hop") != nullptr);
        QVERIFY(findSweepParameter("gbuf") == nullptr);
    }
    void everyParameterIsDescribed()
    {
        for (const SweepParameterInfo& p : sweepParameterTable())
            QVERIFY2(p.description.size() > 10, std::string(p.name).c_str());
    }
    void sweepOverAProjectInMemory()
    {
        const auto base = kaplaSweep("  parameters: {batch: [1]}\n");
        QVERIFY2(base.ok(), firstError(base).c_str());
        Project edited = base->base;
        edited.batch = 3;
        const auto s = io::parseSweepOver("sweep:\n  parameters:\n    architecture.gbuf_bytes: [16384, 32768]\n",
                                          "form", "", edited, "edited.yaml");
        QVERIFY2(s.ok(), firstError(s).c_str());
        QCOMPARE(s->base.batch, 3);
        QCOMPARE(s->basePath, std::string("edited.yaml"));
        QCOMPARE(expandSweep(s.value()).size(), std::size_t{2});
        const auto bad = io::parseSweepOver("sweep:\n  parameters:\n    batch: {from: 4, to: 2, step: 1}\n", "form", "",
                                            edited, "");
        QVERIFY(!bad.ok());
        QCOMPARE(bad.diagnostics().front().key, std::string("sweep.parameters.batch"));
        QVERIFY2(firstError(bad).starts_with("form:3:12: error: sweep.parameters.batch: the range is empty"),
                 firstError(bad).c_str());
    }
    void digestFollowsText()
    {
        QCOMPARE(textDigest(""), std::string("cbf29ce484222325"));
        QVERIFY(textDigest("a") != textDigest("b"));
    }
};

QTEST_APPLESS_MAIN(TestSweep)
#include "tst_sweep.moc"
