// Invalid schedules get every reason listed (issue: "validity with reasons").
#include "cost/evaluator.h"
#include "io/project_io.h"
#include "io/schedule_io.h"
#include "test_paths.h"

#include <QtTest>

using namespace kapla;

namespace {

// mlp_s on Setup A (one node) and on the 4x4 mesh of Setup C.
constexpr const char* kSetupA = "sample_projects/golden/setup-a-mlp_s-b8.yaml";
constexpr const char* kSetupC = "sample_projects/golden/setup-c-mlp_s-b16.yaml";

const char* kValidA = R"(
schedule:
  batch: 8
  segments:
    - groups: [[fc1]]
      layers: [{layer: fc1, tvals: [[7, 1, 1], [14, 1, 1], [1, 16, 8]], orders: [[0, 1, 2], [0, 1, 2]]}]
    - groups: [[fc2]]
      layers: [{layer: fc2, tvals: [[5, 1, 1], [25, 1, 1], [1, 4, 8]], orders: [[0, 1, 2], [0, 1, 2]]}]
    - groups: [[fc3]]
      layers: [{layer: fc3, tvals: [[1, 1, 1], [250, 1, 1], [1, 1, 8]], orders: [[0, 1, 2], [0, 1, 2]]}]
)";

QStringList reasons(const char* project, const std::string& scheduleText)
{
    const auto p = io::loadProjectFile(test::sourcePath(project)).value();
    const auto s = io::parseSchedule(scheduleText, "s.yaml");
    if (!s)
        qFatal("schedule does not parse: %s", s.diagnostics().front().format().c_str());
    const auto e = evaluateSchedule(ResolvedProject::resolve(p).value(), s.value());
    QStringList out;
    for (const auto& d : e.diagnostics())
        out << QString::fromStdString(d.message);
    return out;
}

std::string replaced(std::string text, const std::string& from, const std::string& to)
{
    const auto pos = text.find(from);
    if (pos == std::string::npos)
        qFatal("test text lacks '%s'", from.c_str());
    return text.replace(pos, from.size(), to);
}

} // namespace

class TestEvaluatorInvalid : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void validBaseline() { QVERIFY(reasons(kSetupA, kValidA).isEmpty()); }
    void kinds_data()
    {
        QTest::addColumn<QString>("project");
        QTest::addColumn<QString>("schedule");
        QTest::addColumn<QStringList>("expected");
        const std::string a = kValidA;
        QTest::newRow("missing layer")
            << kSetupA
            << QString::fromStdString(replaced(
                   a,
                   "    - groups: [[fc3]]\n      layers: [{layer: fc3, tvals: [[1, 1, 1], [250, 1, 1], [1, 1, 8]], orders: [[0, 1, 2], [0, 1, 2]]}]\n",
                   ""))
            << QStringList{"layer 'fc3' is not scheduled in any segment"};
        QTest::newRow("unknown and twice")
            << kSetupA << QString::fromStdString(replaced(a, "groups: [[fc2]]", "groups: [[fc2, fc9, fc1]]"))
            << QStringList{"layer 'fc1' is scheduled 2 times", "names layer 'fc9', which the network does not have"};
        QTest::newRow("batch") << kSetupA << QString::fromStdString(replaced(a, "batch: 8", "batch: 4"))
                               << QStringList{"schedule is for batch 4, the project has batch 8"};
        QTest::newRow("blocking product")
            << kSetupA << QString::fromStdString(replaced(a, "[[7, 1, 1], [14, 1, 1]", "[[7, 1, 1], [2, 1, 1]"))
            << QStringList{"fc1: IFM blocking factors 7·2·1 ≠ loop count"};
        QTest::newRow("gbuf and regf over capacity, two layers")
            << kSetupA
            << QString::fromStdString(
                   replaced(replaced(a, "[[7, 1, 1], [14, 1, 1], [1, 16, 8]]", "[[1, 1, 1], [98, 1, 1], [1, 16, 8]]"),
                            "[[1, 1, 1], [250, 1, 1], [1, 1, 8]]", "[[1, 1, 1], [1, 1, 1], [250, 1, 8]]"))
            << QStringList{
                   "fc1: GBUF blocks need 411,776 words (FIL 401,408, IFM 6,272, OFM 4,096) > capacity 65,536 words",
                   "fc3: REGF blocks need"};
        QTest::newRow("partition over wrong nodes")
            << kSetupA
            << QString::fromStdString(
                   replaced(a, "layers: [{layer: fc1,", "layers: [{layer: fc1, partition: {OUTP: [2, 1]},"))
            << QStringList{"fc1: partition covers 2x1 nodes but its region is 1x1"};
        QTest::newRow("mapping choice")
            << kSetupA
            << QString::fromStdString(
                   replaced(a, "layers: [{layer: fc2,", "layers: [{layer: fc2, mapping: {ifms: 3, ofms: 7},"))
            << QStringList{"fc2: no array-mapping choice replicates 3 input x 7 output channels"};
        QTest::newRow("input partition")
            << kSetupA
            << QString::fromStdString(replaced(a, "  batch: 8\n", "  batch: 8\n  input_partition: {BATP: [2, 1]}\n"))
            << QStringList{"input partition covers 2x1 but the DRAM region is 1x1"};
        const std::string swapped = R"(
schedule:
  batch: 8
  segments:
    - groups: [[fc2]]
      layers: [{layer: fc2, tvals: [[5, 1, 1], [25, 1, 1], [1, 4, 8]], orders: [[0, 1, 2], [0, 1, 2]]}]
    - groups: [[fc1]]
      layers: [{layer: fc1, tvals: [[7, 1, 1], [14, 1, 1], [1, 16, 8]], orders: [[0, 1, 2], [0, 1, 2]]}]
    - groups: [[fc3]]
      layers: [{layer: fc3, tvals: [[1, 1, 1], [250, 1, 1], [1, 1, 8]], orders: [[0, 1, 2], [0, 1, 2]]}]
)";
        QTest::newRow("producer after consumer")
            << kSetupA << QString::fromStdString(swapped) << QStringList{"fc2: scheduled before its producer 'fc1'"};

        const std::string c = R"(
schedule:
  batch: 16
  input_partition: {order: [OUTP, OFMP, INPP, BATP], BATP: [2, 2]}
  segments:
    - groups: [[fc1], [fc2]]
      nodes: [12, 4]
      layers:
        - {layer: fc1, partition: {order: [OFMP, BATP, INPP, OUTP], OUTP: [4, 3]}, tvals: [[2, 1, 1], [49, 1, 2], [1, 6, 8]], orders: [[0, 1, 2], [0, 2, 1]]}
        - {layer: fc2, partition: {order: [OUTP, OFMP, BATP, INPP], OUTP: [4, 1]}, tvals: [[1, 2, 1], [125, 1, 1], [1, 2, 16]], orders: [[1, 0, 2], [0, 1, 2]]}
    - groups: [[fc3]]
      layers:
        - {layer: fc3, partition: {order: [OFMP, INPP, BATP, OUTP], OUTP: [1, 2], BATP: [4, 2]}, tvals: [[1, 1, 1], [250, 1, 1], [1, 1, 2]], orders: [[0, 1, 2], [0, 1, 2]]}
)";
        QTest::newRow("valid C") << kSetupC << QString::fromStdString(c) << QStringList{};
        QTest::newRow("too many nodes") << kSetupC
                                        << QString::fromStdString(replaced(c, "nodes: [12, 4]", "nodes: [200, 100]"))
                                        << QStringList{"segment 1: 300 nodes allocated, mesh has 16"};
        QTest::newRow("node count per group")
            << kSetupC << QString::fromStdString(replaced(c, "nodes: [12, 4]", "nodes: [16]"))
            << QStringList{"segment 1: 1 node counts for 2 spatial groups"};
        QTest::newRow("fetch rule with forwarding")
            << kSetupC
            << QString::fromStdString(replaced(c, "[[2, 1, 1], [49, 1, 2], [1, 6, 8]], orders: [[0, 1, 2], [0, 2, 1]]",
                                               "[[2, 1, 2], [49, 1, 1], [1, 6, 8]], orders: [[2, 0, 1], [0, 2, 1]]"))
            << QStringList{"fc1: the blocking does not fit once the fetch rules apply"};
        QTest::newRow("temporal group against dependencies")
            << kSetupC
            << QString::fromStdString(replaced(replaced(c, "groups: [[fc1], [fc2]]", "groups: [[fc2, fc1]]"),
                                               "      nodes: [12, 4]\n", ""))
            << QStringList{"segment 1:"};
    }
    void kinds()
    {
        QFETCH(QString, project);
        QFETCH(QString, schedule);
        QFETCH(QStringList, expected);
        const QStringList got = reasons(project.toUtf8().constData(), schedule.toStdString());
        if (expected.isEmpty()) {
            QVERIFY2(got.isEmpty(), qPrintable(got.join("\n")));
            return;
        }
        QVERIFY(!got.isEmpty());
        for (const auto& e : expected) {
            const bool found = std::any_of(got.begin(), got.end(), [&](const QString& g) { return g.contains(e); });
            QVERIFY2(found, qPrintable("missing '" + e + "' in:\n" + got.join("\n")));
        }
    }
};

QTEST_APPLESS_MAIN(TestEvaluatorInvalid)
#include "tst_evaluator_invalid.moc"
