// The teaching text of the loop nest states only what the evaluation shows: for every layer type of the
// network zoo (one-node schedules, data from DRAM) and for pipelined layers (data on chip), the tensors
// it names exist (pools and element-wise layers have no weights), each tensor's source or destination
// and word count are the evaluation's, and the reuse counts are its fetch counts.

#include "views/result_fixtures.h"

#include "report/chart_data.h"
#include "report/loop_nest.h"

#include <QDir>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <set>

using namespace kapla;

class TestLoopNestClaims : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyLayerTypeOfTheZoo();
    void pipelinedLayersKeepDataOnChip();
    void setupCExample();
};

namespace {

std::string timesWord(double f)
{
    const long long n = std::llround(f);
    return n == 1 ? "once" : n == 2 ? "twice" : std::to_string(n) + " times";
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The line of the explanation about one tensor ("Inputs: ...").
std::string lineAbout(const LoopNest& nest, const std::string& heading)
{
    for (const auto& l : nest.explanation)
        if (l.rfind(heading + ":", 0) == 0)
            return l;
    return {};
}

// Checks one layer's text against its evaluation; returns the first false claim, empty if none.
std::string falseClaim(const Layer& layer, const LayerEvaluation& le, const LoopNest& nest)
{
    static const char* kHeading[] = {"Filters", "Inputs", "Outputs"};
    static const char* kPlural[] = {"filters", "inputs", "outputs"};
    const std::string where = le.name + ": ";
    // The facts are the evaluation's numbers.
    const bool weights = layer.totalFilterSize() > 0;
    if (nest.facts[0].present != weights)
        return where + "filters present = " + std::to_string(nest.facts[0].present);
    for (std::size_t d = 0; d < 3; ++d) {
        const TensorFacts& f = nest.facts[d];
        if (f.dramWords != le.access[0][d] || f.onChipWords != le.remoteGbufAccess[d] || f.dramFetches != le.fetch[0][d]
            || f.gbufFetches != le.fetch[1][d])
            return where + kPlural[d] + ": facts differ from the evaluation";
    }
    std::vector<std::string> lines = nest.code;
    lines.insert(lines.end(), nest.buffers.begin(), nest.buffers.end());
    lines.insert(lines.end(), nest.explanation.begin(), nest.explanation.end());
    lines.insert(lines.end(), nest.tensor.begin(), nest.tensor.end());
    if (!weights)
        for (const auto& l : lines)
            if (contains(l, "filter") || contains(l, "tensor_w")
                || (contains(l, "weight") && !contains(l, "no weights") && !contains(l, "without weights")))
                return where + "a layer without weights: \"" + l + "\"";
    for (std::size_t d = 0; d < 3; ++d) {
        const TensorFacts& f = nest.facts[d];
        const std::string line = lineAbout(nest, kHeading[d]);
        if (!f.present) {
            if (!line.empty())
                return where + "speaks of absent " + kPlural[d];
            continue;
        }
        if (line.empty())
            return where + "says nothing about its " + kPlural[d];
        const bool fromDram = f.dramWords > 0, onChip = f.onChipWords > 0;
        if (fromDram && !(contains(line, formatWords(f.dramWords)) && contains(line, "DRAM")))
            return where + "DRAM words: \"" + line + "\"";
        if (onChip != (contains(line, "on chip") || contains(line, "produc")))
            return where + "on-chip claim: \"" + line + "\"";
        if (onChip && !contains(line, formatWords(f.onChipWords)))
            return where + "on-chip words: \"" + line + "\"";
        if (!fromDram
            && (contains(line, "read from DRAM") || contains(line, "DRAM traffic") || contains(line, "go to DRAM")))
            return where + "DRAM claimed without DRAM traffic: \"" + line + "\"";
        const bool written = d == static_cast<std::size_t>(layer.rwData());
        if (fromDram && !written && !onChip && !contains(line, "each word " + timesWord(f.dramFetches)))
            return where + "reuse count: \"" + line + "\"";
        // The buffer line names the same source and the evaluation's fetch counts.
        for (const auto& b : nest.buffers) {
            if (b.rfind(std::string(kPlural[d]) + ":", 0) != 0)
                continue;
            if (!fromDram && contains(b, "DRAM"))
                return where + "buffer line names DRAM: \"" + b + "\"";
            if (f.dramFetches > 1 && !written && !contains(b, timesWord(f.dramFetches)))
                return where + "buffer line reuse: \"" + b + "\"";
        }
    }
    return {};
}

// Checks every layer of an evaluated schedule; adds the layer types seen.
void checkEvaluated(const test::Evaluated& e, std::set<LayerType>& seen)
{
    for (std::size_t i = 0; i < e.eval.layers.size(); ++i) {
        const LayerEvaluation& le = e.eval.layers[i];
        const Layer& layer = e.project.network.at(e.project.network.find(le.name)).layer;
        const LoopNest nest = loopNest(e.project, e.arch, e.eval, static_cast<int>(i));
        QVERIFY2(!nest.title.empty(), le.name.c_str());
        const std::string claim = falseClaim(layer, le, nest);
        QVERIFY2(claim.empty(), (claim + "\n" + nest.text()).c_str());
        seen.insert(layer.type());
    }
}

test::Evaluated singleNode(const std::string& module)
{
    Project p = test::loadProject("sample_projects/golden/setup-a-mlp_s-b8.yaml");
    p.name = module + " on one node";
    p.network = test::loadNetwork(module);
    p.batch = 2;
    const auto arch = resolveArchitecture(p.architecture);
    return test::evaluated(p, test::singleNodeSchedule(p, arch.value()));
}

} // namespace

void TestLoopNestClaims::everyLayerTypeOfTheZoo()
{
    // The zoo's layer types, and for each the smallest network that has it.
    std::set<LayerType> zooTypes;
    std::vector<std::pair<std::size_t, std::string>> bySize;
    const QDir dir(QStringLiteral(KAPLA_SOURCE_DIR "/sample_projects/networks"));
    for (const QString& file : dir.entryList({QStringLiteral("*.yaml")}, QDir::Files, QDir::Name)) {
        const std::string module = file.chopped(5).toStdString();
        const Network net = test::loadNetwork(module);
        for (const auto& l : net.layers())
            zooTypes.insert(l.layer.type());
        bySize.emplace_back(net.layers().size(), module);
    }
    std::sort(bySize.begin(), bySize.end());
    std::set<LayerType> seen;
    for (const auto& [size, module] : bySize) {
        const Network net = test::loadNetwork(module);
        const bool adds = std::any_of(net.layers().begin(), net.layers().end(),
                                      [&](const NetworkLayer& l) { return !seen.contains(l.layer.type()); });
        if (!adds)
            continue;
        checkEvaluated(singleNode(module), seen);
        if (QTest::currentTestFailed())
            return;
    }
    zooTypes.erase(LayerType::Input);
    seen.erase(LayerType::Input);
    QVERIFY(seen == zooTypes);
    QVERIFY(seen.contains(LayerType::Pooling) && seen.contains(LayerType::Eltwise));
}

void TestLoopNestClaims::pipelinedLayersKeepDataOnChip()
{
    // Setup C pipelines fc1 into fc2: fc2's inputs come from fc1's nodes, fc1's outputs stay on chip.
    const auto e = test::setupC();
    std::set<LayerType> seen;
    checkEvaluated(e, seen);
    const int fc2 = layerIndex(e.eval, "fc2");
    const LoopNest nest = loopNest(e.project, e.arch, e.eval, fc2);
    QVERIFY(nest.facts[1].place == DataPlace::OnChip);
    QVERIFY2(contains(lineAbout(nest, "Inputs"), "nothing from DRAM"), nest.text().c_str());
    const LoopNest first = loopNest(e.project, e.arch, e.eval, layerIndex(e.eval, "fc1"));
    QVERIFY(first.facts[2].place == DataPlace::OnChip);
    QVERIFY2(contains(lineAbout(first, "Outputs"), "nothing goes to DRAM"), first.text().c_str());
}

void TestLoopNestClaims::setupCExample()
{
    // The numbers of one sentence, spelled out: fc3 reads its inputs from DRAM.
    const auto e = test::setupC();
    const int fc3 = layerIndex(e.eval, "fc3");
    const LoopNest nest = loopNest(e.project, e.arch, e.eval, fc3);
    const auto& le = e.eval.layers[static_cast<std::size_t>(fc3)];
    QVERIFY(nest.facts[1].place == DataPlace::Dram);
    QCOMPARE(lineAbout(nest, "Inputs"), "Inputs: " + formatWords(le.access[0][1]) + " read from DRAM, each word "
                                            + timesWord(le.fetch[0][1]) + ".");
}

QTEST_MAIN(TestLoopNestClaims)
#include "tst_loop_nest_claims.moc"
