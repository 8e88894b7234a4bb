// The pure functions behind the result views: energy series, occupancy, allocation tiles, timeline,
// per-layer CSV and loop nest, on the golden Setup C and AlexNet Setup A schedules.

#include "views/result_fixtures.h"

#include "report/chart_data.h"
#include "report/evaluation_csv.h"
#include "report/loop_nest.h"

#include <QTest>

#include <cmath>
#include <numeric>
#include <set>
#include <sstream>

using namespace kapla;

namespace {

// Fields of one CSV line (double quotes may enclose commas).
std::vector<std::string> csvFields(const std::string& line)
{
    std::vector<std::string> out(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (c == '"' && quoted && i + 1 < line.size() && line[i + 1] == '"') {
            out.back() += '"';
            ++i;
        } else if (c == '"') {
            quoted = !quoted;
        } else if (c == ',' && !quoted) {
            out.emplace_back();
        } else {
            out.back() += c;
        }
    }
    return out;
}

bool close(double a, double b, double rel = 1e-12)
{
    return std::abs(a - b) <= rel * std::max({1.0, std::abs(a), std::abs(b)});
}

} // namespace

class TestChartData : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void layerTimes();
    void energySeries_data();
    void energySeries();
    void energyPercent();
    void energyStaticRebased();
    void energyScale_data();
    void energyScale();
    void energyTextsTellRunsApart();
    void occupancy();
    void partitionText_data();
    void partitionText();
    void allocationSetupC();
    void allocationOutOfRange();
    void timelineSetupC();
    void timelineSingleLayerSegments();
    void csvSumsToTotals_data();
    void csvSumsToTotals();
    void loopNestSetupC();
    void loopNestAlexNetConv();

private:
    test::Evaluated m_c;
    test::Evaluated m_alex;
};

void TestChartData::initTestCase()
{
    m_c = test::setupC();
    m_alex = test::alexNetSetupA();
    QCOMPARE(m_c.eval.totalCost, 172309688.0);
    QCOMPARE(m_c.eval.totalTime, std::int64_t{17908});
}

void TestChartData::layerTimes()
{
    // Setup C, segment 1: fc2 on its own 4 nodes waits for fc1 (no group match: double buffering).
    const auto& l = m_c.eval.layers;
    QCOMPARE(l[0].name, std::string("fc1"));
    QCOMPARE(l[0].startTime, std::int64_t{0});
    QCOMPARE(l[0].doneTime, std::int64_t{9408});
    QCOMPARE(l[1].startTime, std::int64_t{9408});
    QCOMPARE(l[1].doneTime, std::int64_t{17408});
    QCOMPARE(l[2].startTime, std::int64_t{0});
    QCOMPARE(l[2].doneTime, std::int64_t{500});
    QCOMPARE(m_c.eval.segments[0].batchGroups, 1);
    // One layer per segment: the layer spans its segment.
    for (const auto& a : m_alex.eval.layers) {
        QCOMPARE(a.startTime, std::int64_t{0});
        QCOMPARE(a.doneTime, a.time);
    }
}

void TestChartData::energySeries_data()
{
    QTest::addColumn<int>("layer");
    QTest::addColumn<QString>("name");
    QTest::addColumn<double>("total");
    QTest::newRow("fc1") << 0 << "fc1" << 129460800.0;
    QTest::newRow("fc2") << 1 << "fc2" << 40735208.0;
    QTest::newRow("fc3") << 2 << "fc3" << 2113680.0;
}

void TestChartData::energySeries()
{
    QFETCH(int, layer);
    QFETCH(QString, name);
    QFETCH(double, total);
    const auto d = energyChartData(m_c.eval, "unit", false);
    QCOMPARE(d.layers.size(), std::size_t{3});
    const auto i = static_cast<std::size_t>(layer);
    QCOMPARE(QString::fromStdString(d.layers[i]), name);
    QCOMPARE(d.layerTotals[i], total);
    const auto& e = m_c.eval.layers[i].energy;
    const double expected[] = {e.op, e.dram, e.gbuf, e.itcn, e.regf, e.noc, e.stat};
    double sum = 0;
    for (std::size_t c = 0; c < kNumEnergyComponents; ++c) {
        QCOMPARE(d.absolute[c][i], expected[c]);
        QCOMPARE(d.shown[c][i], expected[c]);
        sum += d.shown[c][i];
    }
    QVERIFY(close(sum, total));
    // Component totals add up to the network breakdown and total.
    double all = 0;
    for (std::size_t c = 0; c < kNumEnergyComponents; ++c) {
        QVERIFY(close(d.componentTotals[c], energyComponent(m_c.eval.breakdown, c)));
        all += d.componentTotals[c];
    }
    QVERIFY(close(all, m_c.eval.totalCost));
    QCOMPARE(d.total, m_c.eval.totalCost);
    QVERIFY(close(std::accumulate(d.componentPercent.begin(), d.componentPercent.end(), 0.0), 100.0));
}

void TestChartData::energyPercent()
{
    for (const auto* ev : {&m_c.eval, &m_alex.eval}) {
        const auto d = energyChartData(*ev, "unit", true);
        QVERIFY(d.percent);
        for (std::size_t i = 0; i < d.layers.size(); ++i) {
            double sum = 0;
            for (std::size_t c = 0; c < kNumEnergyComponents; ++c)
                sum += d.shown[c][i];
            QVERIFY2(close(sum, 100.0, 1e-9), d.layers[i].c_str());
            QVERIFY(close(d.absolute[0][i], ev->layers[i].energy.op));
        }
    }
}

void TestChartData::energyStaticRebased()
{
    // A pipelined segment ends before the sum of its layer times: static energy is rebased (§3.4),
    // and the per-layer shares must still add up to the network total.
    Evaluation e = m_c.eval;
    for (auto& l : e.layers) {
        l.energy.stat = static_cast<double>(l.time) * 2.0;
        l.cost = l.energy.total();
    }
    const double sumStatic = 2.0 * (9408 + 8000 + 500);
    e.breakdown.stat = sumStatic * 17908.0 / (9408 + 8000 + 500);
    e.totalCost = e.breakdown.total();
    const auto shares = layerEnergyShares(e);
    double total = 0;
    for (const auto& s : shares)
        total += s.total();
    QVERIFY(close(total, e.totalCost));
    QVERIFY(close(shares[0].stat, 2.0 * 9408 * 17908.0 / 17908.0));
}

void TestChartData::energyScale_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("unit");
    QTest::addColumn<double>("factor");
    QTest::addColumn<QString>("shownUnit");
    QTest::addColumn<QString>("text");
    QTest::newRow("mJ") << 1.5e-3 << "J" << 1e3 << "mJ"
                        << "1.5000 mJ";
    QTest::newRow("pJ") << 2.5e-11 << "J" << 1e12 << "pJ"
                        << "25.000 pJ";
    QTest::newRow("uJ") << 7.25e-5 << "J" << 1e6 << "µJ"
                        << "72.500 µJ";
    QTest::newRow("J") << 12.0 << "J" << 1.0 << "J"
                       << "12.000 J";
    QTest::newRow("kJ") << 12345.678 << "J" << 1e-3 << "kJ"
                        << "12.346 kJ";
    QTest::newRow("pJ unit") << 1.5e9 << "pJ" << 1e-9 << "mJ"
                             << "1.5000 mJ";
    QTest::newRow("uJ unit") << 0.1337 << "uJ" << 1e3 << "nJ"
                             << "133.70 nJ";
    QTest::newRow("unit") << 172309688.0 << "unit" << 1.0 << "unit"
                          << "172,309,688 unit";
    QTest::newRow("fractional unit") << 1234.5678 << "unit" << 1.0 << "unit"
                                     << "1,234.6 unit";
    QTest::newRow("unknown unit") << 42.0 << "kWh" << 1.0 << "kWh"
                                  << "42 kWh";
    QTest::newRow("zero") << 0.0 << "J" << 1e12 << "pJ"
                          << "0 pJ";
}

void TestChartData::energyScale()
{
    QFETCH(double, value);
    QFETCH(QString, unit);
    QFETCH(double, factor);
    QFETCH(QString, shownUnit);
    QFETCH(QString, text);
    const auto s = kapla::energyScale(value, unit.toStdString());
    QVERIFY(close(s.factor, factor));
    QCOMPARE(QString::fromStdString(s.unit), shownUnit);
    QCOMPARE(QString::fromStdString(formatEnergy(value, unit.toStdString())), text);
}

void TestChartData::energyTextsTellRunsApart()
{
    // Totals 0.5 % and 0.01 % apart read differently; a tooltip shows ten digits.
    const double a = 0.17531245678;
    for (const double b : {a * 1.005, a * 1.0001})
        QVERIFY2(formatEnergy(a, "J") != formatEnergy(b, "J"), formatEnergy(b, "J").c_str());
    QCOMPARE(QString::fromStdString(formatEnergy(a, "J")), QStringLiteral("175.31 mJ"));
    QCOMPARE(QString::fromStdString(formatEnergy(a * 1.0001, "J")), QStringLiteral("175.33 mJ"));
    QCOMPARE(QString::fromStdString(formatEnergy(a, "J", kapla::NumberDetail::Full)), QStringLiteral("175.3124568 mJ"));
    QCOMPARE(QString::fromStdString(formatEnergy(0.07, "J", kapla::NumberDetail::Full)), QStringLiteral("70 mJ"));
    QCOMPARE(QString::fromStdString(formatEnergy(-2.5e-3, "J")), QStringLiteral("-2.5000 mJ"));
}

void TestChartData::occupancy()
{
    const auto d = occupancyChartData(m_c.eval);
    QCOMPARE(d.size(), std::size_t{3});
    for (std::size_t i = 0; i < d.size(); ++i) {
        const auto& l = m_c.eval.layers[i];
        QCOMPARE(d[i].name, l.name);
        QCOMPARE(d[i].gbuf.words, l.gbufOccupancy);
        QCOMPARE(d[i].regf.words, l.regfOccupancy);
        QCOMPARE(d[i].gbuf.capacity, 32768.0);
        QCOMPARE(d[i].regf.capacity, 64.0);
        QVERIFY(d[i].gbuf.fraction() > 0 && d[i].gbuf.fraction() <= 1);
        QVERIFY(d[i].regf.fraction() > 0 && d[i].regf.fraction() <= 1);
        QCOMPARE(d[i].regf.nearFull(), d[i].regf.fraction() >= 0.9);
    }
    for (const auto& l : occupancyChartData(m_alex.eval))
        QVERIFY2(l.gbuf.fraction() <= 1 && l.regf.fraction() <= 1, l.name.c_str());
}

void TestChartData::partitionText_data()
{
    QTest::addColumn<int>("layer");
    QTest::addColumn<QString>("text");
    QTest::newRow("fc1") << 0 << "output channels (K) 4x3";
    QTest::newRow("fc2") << 1 << "output channels (K) 4x1";
    QTest::newRow("fc3") << 2 << "batch (N) 4x2 · output channels (K) 1x2";
}

void TestChartData::partitionText()
{
    QFETCH(int, layer);
    QFETCH(QString, text);
    QCOMPARE(QString::fromStdString(kapla::partitionText(m_c.eval.layers[static_cast<std::size_t>(layer)].partition)),
             text);
    QCOMPARE(QString::fromStdString(kapla::partitionText(m_alex.eval.layers[0].partition)), QStringLiteral("none"));
}

void TestChartData::allocationSetupC()
{
    const auto a = allocationData(m_c.eval, m_c.project.network, m_c.arch, 0);
    QCOMPARE(a.mesh, (PhyDim2{4, 4}));
    QCOMPARE(a.groups.size(), std::size_t{2});
    const std::set<PhyDim2> corners{{0, 0}, {0, 3}, {3, 0}, {3, 3}};
    QCOMPARE(std::set<PhyDim2>(a.dramNodes.begin(), a.dramNodes.end()), corners);
    std::set<PhyDim2> used;
    const std::size_t sizes[] = {12, 4};
    for (std::size_t g = 0; g < 2; ++g) {
        QCOMPARE(a.groups[g].layers.size(), std::size_t{1});
        const auto& l = a.groups[g].layers.front();
        QCOMPARE(l.nodes.size(), sizes[g]);
        double share = 0;
        for (const auto& n : l.nodes) {
            QVERIFY(a.groups[g].region.contains(n.coord));
            QVERIFY2(used.insert(n.coord).second, "a node runs two spatial groups");
            QVERIFY(n.coord.h >= 0 && n.coord.h < 4 && n.coord.w >= 0 && n.coord.w < 4);
            share += n.share;
        }
        QVERIFY(close(share, 1.0, 1e-9));
    }
    QCOMPARE(used.size(), std::size_t{16});
    // fc1 is OUTP 4x3: 12 distinct output-channel blocks, labelled K0..K11.
    std::set<std::string> labels;
    for (const auto& n : a.groups[0].layers.front().nodes)
        labels.insert(n.label);
    QCOMPARE(labels.size(), std::size_t{12});
    QVERIFY(labels.count("K0") && labels.count("K11"));
    // fc3: order OFMP, INPP, BATP, OUTP with BATP 4x2 and OUTP 1x2: eight batch blocks of two nodes.
    const auto a2 = allocationData(m_c.eval, m_c.project.network, m_c.arch, 1);
    QCOMPARE(a2.groups.size(), std::size_t{1});
    const auto& fc3 = a2.groups[0].layers.front();
    QCOMPARE(fc3.nodes.size(), std::size_t{16});
    std::set<int> top, inner;
    for (const auto& n : fc3.nodes) {
        top.insert(n.block[0]);
        inner.insert(n.block[1]);
        QVERIFY(close(n.share, 1.0 / 16, 1e-9));
    }
    QCOMPARE(top.size(), std::size_t{1});   // OFMP 1x1: the first level is trivial
    QCOMPARE(inner.size(), std::size_t{1}); // INPP 1x1
    std::set<int> batp, outp;
    for (const auto& n : fc3.nodes) {
        batp.insert(n.block[2]);
        outp.insert(n.block[3]);
    }
    QCOMPARE(batp.size(), std::size_t{8});
    QCOMPARE(outp.size(), std::size_t{2});
}

void TestChartData::allocationOutOfRange()
{
    const auto a = allocationData(m_c.eval, m_c.project.network, m_c.arch, 7);
    QVERIFY(a.groups.empty());
    QCOMPARE(a.dramNodes.size(), std::size_t{4});
}

void TestChartData::timelineSetupC()
{
    const auto t = timelineData(m_c.eval);
    QCOMPARE(t.rows.size(), std::size_t{3});
    QCOMPARE(t.rows[0].label, std::string("fc1 · S1.1 · 12 nodes"));
    QCOMPARE(t.rows[1].label, std::string("fc2 · S1.2 · 4 nodes"));
    QCOMPARE(t.rows[2].label, std::string("fc3 · 16 nodes"));
    QCOMPARE(t.rows[1].group, 1);
    QCOMPARE(t.rows[2].segment, 1);
    QCOMPARE(t.segments.size(), std::size_t{2});
    QCOMPARE(t.segments[0].end, 17408.0);
    QCOMPARE(t.segments[1].start, 17408.0);
    QCOMPARE(t.end, 17908.0);
    QCOMPARE(t.bars.size(), std::size_t{3});
    QCOMPARE(t.bars[1].name, std::string("fc2"));
    QCOMPARE(t.bars[1].row, 1);
    QCOMPARE(t.bars[1].start, 9408.0);
    QCOMPARE(t.bars[1].done, 17408.0);
    QCOMPARE(t.bars[2].start, 17408.0);
    QCOMPARE(t.bars[2].done, 17908.0);
    for (const auto& b : t.bars) {
        QCOMPARE(b.chunks.size(), std::size_t{1});
        QCOMPARE(b.chunks.front().first, b.start);
        QCOMPARE(b.chunks.front().second, b.done);
    }
}

void TestChartData::timelineSingleLayerSegments()
{
    const auto t = timelineData(m_alex.eval);
    QCOMPARE(t.rows.size(), m_alex.eval.layers.size());
    QCOMPARE(t.end, static_cast<double>(m_alex.eval.totalTime));
    for (std::size_t i = 1; i < t.bars.size(); ++i)
        QCOMPARE(t.bars[i].start, t.bars[i - 1].done);
}

void TestChartData::csvSumsToTotals_data()
{
    QTest::addColumn<int>("which");
    QTest::newRow("setup C") << 0;
    QTest::newRow("AlexNet setup A") << 1;
}

void TestChartData::csvSumsToTotals()
{
    QFETCH(int, which);
    const Evaluation& e = which == 0 ? m_c.eval : m_alex.eval;
    std::istringstream in(evaluationCsv(e));
    std::string line;
    std::getline(in, line);
    const auto header = csvFields(line);
    QCOMPARE(header.front(), std::string("layer"));
    const auto col = [&](const std::string& name) {
        return static_cast<std::size_t>(std::find(header.begin(), header.end(), name) - header.begin());
    };
    QVERIFY(col("energy") < header.size() && col("static") < header.size() && col("time") < header.size());
    std::vector<double> sums(header.size(), 0.0);
    std::vector<std::size_t> numeric{col("energy"), col("time")};
    for (const char* c : kEnergyComponentNames)
        numeric.push_back(col(c));
    std::size_t rows = 0;
    while (std::getline(in, line)) {
        const auto f = csvFields(line);
        QCOMPARE(f.size(), header.size());
        QCOMPARE(f[0], e.layers[rows].name);
        QCOMPARE(std::stoi(f[col("segment")]), e.layers[rows].segment); // 0-based, as in the JSON
        QCOMPARE(std::stoll(f[col("nodes")]), e.layers[rows].region.dim.size());
        for (const std::size_t c : numeric)
            sums[c] += std::stod(f[c]);
        ++rows;
    }
    QCOMPARE(rows, e.layers.size());
    // These schedules have no idle energy, so the per-layer rows add up to the network totals.
    QCOMPARE(e.breakdown.stat, 0.0);
    QVERIFY(close(sums[col("energy")], e.totalCost, 1e-12));
    for (std::size_t c = 0; c < kNumEnergyComponents; ++c)
        QVERIFY2(close(sums[col(kEnergyComponentNames[c])], energyComponent(e.breakdown, c), 1e-12),
                 kEnergyComponentNames[c]);
    std::int64_t time = 0;
    for (const auto& l : e.layers)
        time += l.time;
    QCOMPARE(static_cast<std::int64_t>(sums[col("time")]), time);
}

void TestChartData::loopNestSetupC()
{
    const LoopNest n = loopNest(m_c.project, m_c.arch, m_c.eval, 0);
    const std::string text = n.text();
    QVERIFY2(n.title.find("fc1") == 0, n.title.c_str());
    QVERIFY2(text.find("parallel for node in 4x3 nodes") != std::string::npos, text.c_str());
    QVERIFY2(text.find("for c2 in 0 ..< 2") != std::string::npos, text.c_str());  // tvals[0] IFM 2
    QVERIFY2(text.find("for c1 in 0 ..< 49") != std::string::npos, text.c_str()); // tvals[1] IFM 49
    QVERIFY2(text.find("parallel for pe in 8x8 PEs") != std::string::npos, text.c_str());
    QVERIFY2(text.find("GBUF holds") != std::string::npos, text.c_str());
    QVERIFY2(text.find("stack (K,") != std::string::npos, text.c_str());
    QVERIFY(!n.explanation.empty() && !n.buffers.empty() && n.tensor.size() == 4);
    QVERIFY(loopNest(m_c.project, m_c.arch, m_c.eval, 9).title.empty());
}

void TestChartData::loopNestAlexNetConv()
{
    const LoopNest n = loopNest(m_alex.project, m_alex.arch, m_alex.eval, 0);
    const std::string text = n.text();
    QVERIFY2(text.find("conv1_a: Conv 3 → 48 channels, 55x55 output, 11x11 filter") == 0, text.c_str());
    QVERIFY2(text.find("filter row of 11 weights") != std::string::npos, text.c_str());
    QVERIFY2(text.find("single node") != std::string::npos, text.c_str());
    QVERIFY2(text.find("parallel for node") == std::string::npos, text.c_str());
    for (int i = 0; i < static_cast<int>(m_alex.eval.layers.size()); ++i)
        QVERIFY(!loopNest(m_alex.project, m_alex.arch, m_alex.eval, i).code.empty());
}

QTEST_APPLESS_MAIN(TestChartData)
#include "tst_chart_data.moc"
