// Solving sweep points and their table: a point with no valid schedule or an invalid combination is a
// row with its reason, points.json reads back to the same rows, and Pareto fronts keep exactly the
// points no other point beats on both costs.
#include "io/sweep_io.h"
#include "report/sweep_table.h"
#include "sweep/pareto.h"
#include "sweep/sweep_result.h"
#include "test_paths.h"

#include <QtTest>

using namespace kapla;

namespace {

SweepSpec mlpSweep(const std::string& parameters)
{
    auto s = io::parseSweep("sweep:\n  base: ../../../sample_projects/golden/setup-b-mlp_m-b16.yaml\n"
                            "  solver: kapla\n  parameters:\n"
                                + parameters,
                            "t.yaml", test::sourcePath("tests/data/sweeps"));
    if (!s)
        qFatal("%s", s.diagnostics().front().format().c_str());
    return std::move(s).value();
}

SweepRow solvedRow(std::string id, double energy, std::int64_t time, std::int64_t pes)
{
    SweepRow r;
    r.id = std::move(id);
    r.status = PointStatus::Ok;
    r.energy = energy;
    r.time = time;
    r.area.totalPes = pes;
    r.area.sramBytes = static_cast<double>(pes) * 10;
    return r;
}

} // namespace

class TestSweepTable : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void noScheduleIsARowWithReason()
    {
        const SweepSpec spec = mlpSweep("    architecture.gbuf_bytes: [16, 65536]\n");
        const auto points = expandSweep(spec);
        const SweepPointOutcome tiny = solveSweepPoint(spec, points[0], {}, {});
        QVERIFY(!tiny.cancelled);
        QCOMPARE(tiny.row.status, PointStatus::NoSchedule);
        QVERIFY2(tiny.row.reason.find("GBUF (the smallest needs 20 words per node)") != std::string::npos,
                 tiny.row.reason.c_str());
        QVERIFY(!tiny.schedule);
        QCOMPARE(tiny.row.values, std::vector<std::string>{"16"});

        const SweepPointOutcome big = solveSweepPoint(spec, points[1], {}, {});
        QCOMPARE(big.row.status, PointStatus::Ok);
        QVERIFY(big.schedule.has_value());
        QVERIFY(big.row.energy > 0 && big.row.time > 0);
        QCOMPARE(big.row.area.totalPes, std::int64_t{16 * 64});
        // 16 nodes of 64 KiB GBUF and 64 PEs of 64 words (2 bytes) each.
        QCOMPARE(big.row.area.sramBytes, 16.0 * (65536 + 64 * 64 * 2));
    }
    void invalidCombinationIsARowWithReason()
    {
        // Input-channel partitioning needs hybrid partitioning; the base project has it, so turn it off.
        const SweepSpec spec = mlpSweep(
            "    options.partition_hybrid: [false]\n    options.partition_ifmaps: [true]\n");
        const SweepPointOutcome out = solveSweepPoint(spec, expandSweep(spec).front(), {}, {});
        QCOMPARE(out.row.status, PointStatus::Invalid);
        QVERIFY2(out.row.reason.find("partition_ifmaps") != std::string::npos, out.row.reason.c_str());
    }
    void cancelledPointHasNoRow()
    {
        const SweepSpec spec = mlpSweep("    batch: [16]\n");
        std::stop_source stop;
        stop.request_stop();
        QVERIFY(solveSweepPoint(spec, expandSweep(spec).front(), {}, stop.get_token()).cancelled);
    }
    void jsonReadsBackTheRows()
    {
        const SweepSpec spec = mlpSweep("    batch: [8, 16]\n    architecture.nodes: [[2, 4]]\n");
        SweepTable t = sweepTableFor(spec, expandSweep(spec));
        t.shard = "2/2";
        SweepRow r = solvedRow("p0001", 1.25e-3, 12345, 64);
        r.index = 1;
        r.values = {"16", "2x4"};
        r.breakdown.gbuf = 0.5;
        r.reason = "with, a \"comma\"";
        r.schedule = "schedules/p0001.yaml";
        r.seconds = 0.125;
        r.evaluations = 77;
        t.rows.push_back(r);
        QVERIFY(t.complete()); // shard 2 of 2 points holds one
        const auto back = sweepTableFromJson(sweepPointsJson(t).dump(), "points.json");
        QVERIFY2(back.ok(), back.ok() ? "" : back.diagnostics().front().format().c_str());
        QCOMPARE(back->digest, spec.digest);
        QCOMPARE(back->pointIds, (std::vector<std::string>{"p0000", "p0001"}));
        QCOMPARE(sweepPointsCsv(back.value()), sweepPointsCsv(t));
        const std::string csv = sweepPointsCsv(t);
        QVERIFY2(csv.find("\np0001,16,2x4,ok,\"with, a \"\"comma\"\"\",0.00125,12345,0,0,0.5,0,0,0,0,64,640,77,"
                          "schedules/p0001.yaml,0.125\n")
                     != std::string::npos,
                 csv.c_str());
        const auto bad = sweepTableFromJson("{\"sweep\": {}}", "x/points.json");
        QVERIFY(!bad.ok());
        QVERIFY(bad.diagnostics().front().format().starts_with("x/points.json:1:1: error: "));
    }
    void paretoFrontKeepsUndominated()
    {
        // (time, energy): b and d are beaten (b by a, d by c); e ties a on both and comes later.
        const std::vector<std::pair<double, double>> pts{{1, 10}, {2, 12}, {3, 5}, {4, 6}, {1, 10}, {5, 1}};
        QCOMPARE(paretoFront(pts), (std::vector<std::size_t>{0, 2, 5}));
        QVERIFY(paretoFront({}).empty());
    }
    void energyFrontsSkipUnsolvedRows()
    {
        std::vector<SweepRow> rows{solvedRow("a", 10, 100, 64), solvedRow("b", 5, 200, 256),
                                   solvedRow("c", 8, 300, 16)};
        SweepRow failed;
        failed.status = PointStatus::NoSchedule;
        rows.insert(rows.begin() + 1, failed);
        QCOMPARE(energyFront(rows, ParetoAxis::Time), (std::vector<std::size_t>{0, 2}));
        QCOMPARE(energyFront(rows, ParetoAxis::TotalPes), (std::vector<std::size_t>{3, 2}));
        SweepTable t;
        t.parameters = {};
        t.rows = rows;
        const std::string csv = paretoCsv(t);
        QVERIFY2(csv.starts_with("front,id,energy,time,total_pes,sram_bytes\ntime,a,10,100,64,640\ntime,b,5,200,256,"
                                 "2560\npes,c,8,300,16,160\npes,b,5,200,256,2560\nsram,c,"),
                 csv.c_str());
    }
};

QTEST_APPLESS_MAIN(TestSweepTable)
#include "tst_sweep_table.moc"
