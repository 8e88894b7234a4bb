// Well-known networks built as ONNX graphs in code (tests/onnx/onnx_zoo_models.cpp) import to the
// hand-written zoo networks of sample_projects/networks: the same layers, connections and MACs.

#include "onnx_zoo_models.h"
#include "test_paths.h"

#include "io/project_io.h"
#include "onnx_import/onnx_import.h"

#include <QtTest>

using kapla::Network;
namespace onnximport = kapla::onnximport;
namespace test = kapla::test;

namespace {

Network importNetwork(const test::OnnxBuilder& b, onnximport::ImportReport* report = nullptr)
{
    auto result = onnximport::importModelBytes(b.bytes(), b.graphName() + ".onnx");
    if (!result) {
        for (const auto& d : result.diagnostics())
            qWarning("%s", d.format().c_str());
        return Network();
    }
    if (report)
        *report = result.value().report;
    return result.value().network;
}

Network zoo(const std::string& file)
{
    auto net = kapla::io::loadNetworkFile(test::sourcePath("sample_projects/networks/" + file));
    return net ? net.value() : Network();
}

// Layer by layer, so that a failure names the first layer that differs.
void compareLayers(const Network& got, const Network& want)
{
    QCOMPARE(got.size(), want.size());
    for (std::size_t i = 0; i < want.size(); ++i) {
        QCOMPARE(got.layers()[i].name, want.layers()[i].name);
        QVERIFY2(got.layers()[i].layer == want.layers()[i].layer, want.layers()[i].name.c_str());
        QCOMPARE(got.layers()[i].prevs, want.layers()[i].prevs);
    }
}

} // namespace

class TstOnnxZoo : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // The zoo's ResNet-50 is the original layout (a halving block strides in its first 1x1
    // convolution): built that way, the import is the zoo network itself.
    void resnet50IsTheZooNetwork()
    {
        onnximport::ImportReport report;
        const Network imported = importNetwork(test::resnet50(test::ResNetStride::OnFirst1x1), &report);
        const Network want = zoo("resnet50.yaml");
        compareLayers(imported, want);
        QVERIFY(imported == want);
        QCOMPARE(imported.totalOps(), 3'870'918'656LL);
        QCOMPARE(report.coveredMacs, 3'870'918'656LL);
        QCOMPARE(report.modelMacs, 3'870'918'656LL);
        // 53 convolutions, 2 pools, 16 sums, 1 fc; 49 BatchNorm + 49 ReLU (+1 flatten) folded.
        QCOMPARE(report.count(onnximport::OperatorFate::Mapped), 72);
        QCOMPARE(report.count(onnximport::OperatorFate::Folded), 53 + 49 + 1);
    }

    // torchvision's resnet50 strides in the 3x3 convolution instead, so the first 1x1 convolution of
    // the halving blocks of stages 3-5 runs at twice the fmap side: 3 x its zoo MACs more each.
    void resnet50TorchvisionDiffersByItsStride()
    {
        onnximport::ImportReport report;
        const Network imported = importNetwork(test::resnet50(test::ResNetStride::On3x3), &report);
        const Network want = zoo("resnet50.yaml");
        QCOMPARE(imported.size(), want.size());
        std::int64_t extra = 0;
        for (const char* name : {"conv3_0_a", "conv4_0_a", "conv5_0_a"})
            extra += 3 * want.at(want.find(name)).layer.totalOps();
        QCOMPARE(extra, 231'211'008LL);
        QCOMPARE(imported.totalOps(), want.totalOps() + extra);
        QCOMPARE(imported.totalOps(), 4'102'129'664LL);
        QCOMPARE(report.modelMacs, imported.totalOps());
        // The fully-connected head is the same in both: 2048 x 1000.
        QCOMPARE(imported.at(imported.find("fc")).layer.totalOps(), 2'048'000LL);
    }

    void vgg16IsTheZooNetwork()
    {
        onnximport::ImportReport report;
        const Network imported = importNetwork(test::vgg16(), &report);
        const Network want = zoo("vgg_net.yaml");
        compareLayers(imported, want);
        QVERIFY(imported == want);
        QCOMPARE(imported.totalOps(), 15'476'385'792LL);
        QCOMPARE(report.modelMacs, 15'476'385'792LL);
    }

    void mobilenetIsTheZooNetwork()
    {
        onnximport::ImportReport report;
        const Network imported = importNetwork(test::mobilenet(), &report);
        const Network want = zoo("mobilenet.yaml");
        compareLayers(imported, want);
        QVERIFY(imported == want);
        QCOMPARE(imported.totalOps(), 568'790'528LL);
        QCOMPARE(report.modelMacs, 568'790'528LL);
    }

    // AlexNet's grouped convolutions divide the layers before them into two towers, as the zoo's
    // AlexNet is written; the zoo also splits pool2 and pool3 by hand, which no group asks for.
    void alexnetGroupsBecomeTheZooTowers()
    {
        const Network imported = importNetwork(test::alexnetGrouped());
        const Network want = zoo("alex_net.yaml");
        QCOMPARE(imported.totalOps(), want.totalOps());
        QCOMPARE(imported.totalOps(), 725'508'992LL);
        QCOMPARE(imported.size() + 2, want.size());
        for (const auto& l : want.layers()) {
            if (l.name.starts_with("pool2") || l.name.starts_with("pool3"))
                continue;
            const auto id = imported.find(l.name);
            QVERIFY2(id.valid(), l.name.c_str());
            QVERIFY2(imported.at(id).layer == l.layer, l.name.c_str());
            if (!l.name.starts_with("conv3") && l.name != "fc1")
                QCOMPARE(imported.at(id).prevs, l.prevs);
        }
        QCOMPARE(imported.at(imported.find("conv3_a")).prevs, (std::vector<std::string>{"pool2"}));
        const auto& pool3 = imported.at(imported.find("pool3"));
        QCOMPARE(pool3.prevs, (std::vector<std::string>{"conv5_a", "conv5_b"}));
        QCOMPARE(pool3.layer.nofm(), 256);
    }
};

QTEST_APPLESS_MAIN(TstOnnxZoo)
#include "tst_onnx_zoo.moc"
