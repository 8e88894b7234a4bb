// The ONNX importer on small models built in code: each imported network is compared layer by
// layer with the network written by hand, with its MACs, and the report accounts for every operator.

#include "onnx_builder.h"

#include "io/project_io.h"
#include "onnx_import/onnx_import.h"

#include <QtTest>

#include <string>

using kapla::Network;
using kapla::test::OnnxBuilder;
namespace onnximport = kapla::onnximport;
using onnximport::OperatorFate;

namespace {

onnximport::Import importOk(const OnnxBuilder& b, const onnximport::ImportOptions& options = {})
{
    auto result = onnximport::importModelBytes(b.bytes(), "model.onnx", options);
    if (!result) {
        for (const auto& d : result.diagnostics())
            qWarning("%s", d.format().c_str());
        return {Network(), {}};
    }
    return std::move(result).value();
}

Network expected(const std::string& yaml)
{
    auto net = kapla::io::parseNetwork("version: 1\nnetwork:\n" + yaml, "expected.yaml");
    if (!net) {
        for (const auto& d : net.diagnostics())
            qWarning("%s", d.format().c_str());
        return Network();
    }
    return std::move(net).value();
}

// Compares layer by layer, so that a failure names the first layer that differs.
void compareNetworks(const Network& got, const Network& want)
{
    QCOMPARE(got.name(), want.name());
    QCOMPARE(got.input(), want.input());
    QCOMPARE(got.size(), want.size());
    for (std::size_t i = 0; i < want.size(); ++i) {
        const auto& g = got.layers()[i];
        const auto& w = want.layers()[i];
        QCOMPARE(g.name, w.name);
        QVERIFY2(g.layer == w.layer, qPrintable(QString::fromStdString(g.name)));
        QCOMPARE(g.prevs, w.prevs);
        QCOMPARE(g.layer.totalOps(), w.layer.totalOps());
    }
    QVERIFY(got == want);
}

const onnximport::ImportedOperator* findOperator(const onnximport::ImportReport& r, const std::string& node)
{
    for (const auto& op : r.operators)
        if (op.node == node)
            return &op;
    return nullptr;
}

} // namespace

class TstOnnxImport : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void convReluPoolGemm()
    {
        OnnxBuilder b("small");
        std::string x = b.input("image", {3, 32, 32});
        x = b.unary("Relu", "relu1", b.conv("conv1", x, 16, 3, 1, 1));
        x = b.maxPool("pool1", x, 2, 2);
        x = b.flatten("flatten", x);
        b.output(b.gemm("fc", x, 10));

        const auto imported = importOk(b);
        compareNetworks(imported.network, expected(R"(  name: small
  input: {nofm: 3, sofm: 32}
  layers:
    - {name: conv1, type: conv, nifm: 3, nofm: 16, sofm: 32, sfil: 3, prevs: [__INPUT__]}
    - {name: pool1, type: pool, nofm: 16, sofm: 16, sreg: 2, prevs: [conv1]}
    - {name: fc, type: fc, nifm: 16, nofm: 10, sfil: 16, prevs: [pool1]}
)"));
        // conv 16*32*32 outputs x 27 taps, pool 16*16*16 x 4, fc 10 x 16*16*16.
        QCOMPARE(imported.network.totalOps(), 442'368 + 16'384 + 40'960);
        const auto& r = imported.report;
        QCOMPARE(r.coveredMacs, 499'712);
        QCOMPARE(r.modelMacs, 499'712);
        QCOMPARE(r.count(OperatorFate::Mapped), 3);
        QCOMPARE(r.count(OperatorFate::Folded), 2);
        QCOMPARE(r.count(OperatorFate::Skipped), 0);
        QCOMPARE(r.operators.size(), std::size_t(5));
        QCOMPARE(findOperator(r, "relu1")->fate, OperatorFate::Folded);
        QCOMPARE(findOperator(r, "conv1")->macs.value_or(-1), 442'368);
        QCOMPARE(r.batch, 1);
    }

    void residualBlockAdds()
    {
        OnnxBuilder b("residual");
        const std::string stem = b.unary("Relu", "stem_relu", b.conv("stem", b.input("x", {3, 16, 16}), 8, 3, 1, 1));
        std::string y = b.unary("Relu", "a_relu", b.unary("BatchNormalization", "a_bn", b.conv("a", stem, 8, 3, 1, 1)));
        y = b.unary("BatchNormalization", "b_bn", b.conv("b", y, 8, 3, 1, 1));
        b.output(b.unary("Relu", "res_relu", b.add("res", stem, y)));

        const auto imported = importOk(b);
        compareNetworks(imported.network, expected(R"(  name: residual
  input: {nofm: 3, sofm: 16}
  layers:
    - {name: stem, type: conv, nifm: 3, nofm: 8, sofm: 16, sfil: 3, prevs: [__INPUT__]}
    - {name: a, type: conv, nifm: 8, nofm: 8, sofm: 16, sfil: 3, prevs: [stem]}
    - {name: b, type: conv, nifm: 8, nofm: 8, sofm: 16, sfil: 3, prevs: [a]}
    - {name: res, type: eltwise, nofm: 8, sofm: 16, nreg: 2, prevs: [stem, b]}
)"));
        // The sum counts one operation per operand element: 2 x 8 x 16 x 16.
        QCOMPARE(imported.network.layers().back().layer.totalOps(), 4096);
        QCOMPARE(findOperator(imported.report, "res")->macs.value_or(-1), 4096);
        QCOMPARE(imported.report.coveredMacs, imported.report.modelMacs);
        QCOMPARE(imported.report.count(OperatorFate::Folded), 5);
    }

    void inceptionConcatBecomesPrevs()
    {
        OnnxBuilder b("inception");
        const std::string stem = b.conv("stem", b.input("x", {3, 28, 28}), 16, 3, 1, 1);
        const std::string b1 = b.unary("Relu", "b1_relu", b.conv("b1", stem, 8, 1));
        const std::string b2 = b.conv("b2_3x3", b.unary("Relu", "b2_relu", b.conv("b2_reduce", stem, 4, 1)), 6, 3, 1,
                                      1);
        const std::string b3 = b.conv("b3_proj", b.maxPool("b3_pool", stem, 3, 1, 1), 2, 1);
        const std::string joined = b.concat("concat", {b1, b2, b3});
        b.output(b.maxPool("pool", b.conv("next", joined, 32, 1), 2, 2));

        const auto imported = importOk(b);
        compareNetworks(imported.network, expected(R"(  name: inception
  input: {nofm: 3, sofm: 28}
  layers:
    - {name: stem, type: conv, nifm: 3, nofm: 16, sofm: 28, sfil: 3, prevs: [__INPUT__]}
    - {name: b1, type: conv, nifm: 16, nofm: 8, sofm: 28, sfil: 1, prevs: [stem]}
    - {name: b2_reduce, type: conv, nifm: 16, nofm: 4, sofm: 28, sfil: 1, prevs: [stem]}
    - {name: b2_3x3, type: conv, nifm: 4, nofm: 6, sofm: 28, sfil: 3, prevs: [b2_reduce]}
    - {name: b3_pool, type: pool, nofm: 16, sofm: 28, sreg: 3, strd: 1, prevs: [stem]}
    - {name: b3_proj, type: conv, nifm: 16, nofm: 2, sofm: 28, sfil: 1, prevs: [b3_pool]}
    - {name: next, type: conv, nifm: 16, nofm: 32, sofm: 28, sfil: 1, prevs: [b1, b2_3x3, b3_proj]}
    - {name: pool, type: pool, nofm: 32, sofm: 14, sreg: 2, prevs: [next]}
)"));
        const auto* concat = findOperator(imported.report, "concat");
        QVERIFY(concat);
        QCOMPARE(concat->fate, OperatorFate::Folded);
        QVERIFY2(concat->detail.find("[b1, b2_3x3, b3_proj]") != std::string::npos, concat->detail.c_str());
        QCOMPARE(imported.report.coveredMacs, imported.report.modelMacs);
    }

    void depthwiseSeparableBlock()
    {
        OnnxBuilder b("dws");
        std::string x = b.unary("Relu", "conv0_relu", b.conv("conv0", b.input("x", {3, 32, 32}), 32, 3, 2, 1));
        x = b.unary("Relu", "dw_relu", b.conv("dw", x, 32, 3, 2, 1, 32));
        x = b.unary("Relu", "pw_relu", b.conv("pw", x, 64, 1));
        b.output(x);

        const auto imported = importOk(b);
        compareNetworks(imported.network, expected(R"(  name: dws
  input: {nofm: 3, sofm: 32}
  layers:
    - {name: conv0, type: conv, nifm: 3, nofm: 32, sofm: 16, sfil: 3, strd: 2, prevs: [__INPUT__]}
    - {name: dw, type: dwconv, nofm: 32, sofm: 8, sfil: 3, strd: 2, prevs: [conv0]}
    - {name: pw, type: conv, nifm: 32, nofm: 64, sofm: 8, sfil: 1, prevs: [dw]}
)"));
        // Depthwise: one 3x3 window per output element, 32 x 8 x 8 x 9.
        QCOMPARE(imported.network.layers()[1].layer.totalOps(), 18'432);
        QCOMPARE(findOperator(imported.report, "dw")->macs.value_or(-1), 18'432);
        QCOMPARE(imported.report.coveredMacs, imported.report.modelMacs);
    }

    void groupedConvSplitsIntoGroups()
    {
        OnnxBuilder b("grouped");
        std::string x = b.unary("Relu", "stem_relu", b.conv("stem", b.input("x", {3, 16, 16}), 8, 3, 1, 1));
        x = b.maxPool("pool", x, 2, 2);
        b.output(b.conv("gconv", x, 12, 3, 1, 1, 2));

        const auto imported = importOk(b);
        // The groups need their input in two halves: the pool and the conv before it are divided.
        compareNetworks(imported.network, expected(R"(  name: grouped
  input: {nofm: 3, sofm: 16}
  layers:
    - {name: stem_a, type: conv, nifm: 3, nofm: 4, sofm: 16, sfil: 3, prevs: [__INPUT__]}
    - {name: stem_b, type: conv, nifm: 3, nofm: 4, sofm: 16, sfil: 3, prevs: [__INPUT__]}
    - {name: pool_a, type: pool, nofm: 4, sofm: 8, sreg: 2, prevs: [stem_a]}
    - {name: pool_b, type: pool, nofm: 4, sofm: 8, sreg: 2, prevs: [stem_b]}
    - {name: gconv_a, type: conv, nifm: 4, nofm: 6, sofm: 8, sfil: 3, prevs: [pool_a]}
    - {name: gconv_b, type: conv, nifm: 4, nofm: 6, sofm: 8, sfil: 3, prevs: [pool_b]}
)"));
        // 12 x 8 x 8 outputs x 4 input channels per group x 9 taps.
        QCOMPARE(findOperator(imported.report, "gconv")->macs.value_or(-1), 27'648);
        QCOMPARE(imported.report.coveredMacs, imported.report.modelMacs);
        QVERIFY(findOperator(imported.report, "stem")->detail.find("stem_a, stem_b") != std::string::npos);
    }

    void matMulWithBiasIsFullyConnected()
    {
        OnnxBuilder b("mlp");
        std::string x = b.input("x", {784});
        x = b.unary("Relu", "relu1", b.matMulBias("fc1", x, 500));
        b.output(b.matMulBias("fc2", x, 10));

        const auto imported = importOk(b);
        compareNetworks(imported.network, expected(R"(  name: mlp
  input: {nofm: 784, sofm: 1}
  layers:
    - {name: fc1, type: fc, nifm: 784, nofm: 500, prevs: [__INPUT__]}
    - {name: fc2, type: fc, nifm: 500, nofm: 10, prevs: [fc1]}
)"));
        QCOMPARE(imported.report.coveredMacs, 392'000 + 5'000);
        QCOMPARE(findOperator(imported.report, "fc1_bias")->fate, OperatorFate::Folded);
    }

    void lrnIsLocalRegion()
    {
        OnnxBuilder b("lrn");
        b.output(b.lrn("norm1", b.unary("Relu", "relu", b.conv("conv1", b.input("x", {3, 8, 8}), 16, 3, 1, 1)), 5));
        const auto imported = importOk(b);
        compareNetworks(imported.network, expected(R"(  name: lrn
  input: {nofm: 3, sofm: 8}
  layers:
    - {name: conv1, type: conv, nifm: 3, nofm: 16, sofm: 8, sfil: 3, prevs: [__INPUT__]}
    - {name: norm1, type: local_region, nofm: 16, sofm: 8, nreg: 5, sreg: 1, prevs: [conv1]}
)"));
        QCOMPARE(findOperator(imported.report, "norm1")->macs.value_or(-1), 16 * 64 * 5);
    }

    // PyTorch's x.view(x.size(0), -1): the shape is computed from Shape, Gather, Unsqueeze and Concat
    // (constants, folded); ONNX's data propagation gives Reshape's output shape.
    void flattenComputedFromShapeIsFolded()
    {
        OnnxBuilder b("torchflatten");
        const std::string x = b.globalAveragePool("gap", b.conv("conv1", b.input("x", {3, 8, 8}), 16, 3, 1, 1));
        const auto int64s = [&b](const std::string& name, std::vector<std::int64_t> dims,
                                 std::vector<std::int64_t> values) {
            auto* t = b.graph().add_initializer();
            t->set_name(name);
            t->set_data_type(::onnx::TensorProto::INT64);
            for (const auto d : dims)
                t->add_dims(d);
            for (const auto v : values)
                t->add_int64_data(v);
            return name;
        };
        b.node("Shape", "/Shape", {x}, {"shape"});
        b.node("Gather", "/Gather", {"shape", int64s("zero", {}, {0})}, {"batch"});
        b.node("Unsqueeze", "/Unsqueeze", {"batch", int64s("axes", {1}, {0})}, {"batch1"});
        auto& cat = b.node("Concat", "/Concat", {"batch1", int64s("minus1", {1}, {-1})}, {"newshape"});
        kapla::test::setAttribute(cat, "axis", std::int64_t{0});
        b.node("Reshape", "/Reshape", {x, "newshape"}, {"flat"});
        b.setDims("flat", {16});
        b.output(b.gemm("fc", "flat", 10));

        const auto imported = importOk(b);
        compareNetworks(imported.network, expected(R"(  name: torchflatten
  input: {nofm: 3, sofm: 8}
  layers:
    - {name: conv1, type: conv, nifm: 3, nofm: 16, sofm: 8, sfil: 3, prevs: [__INPUT__]}
    - {name: gap, type: pool, nofm: 16, sofm: 1, sreg: 8, prevs: [conv1]}
    - {name: fc, type: fc, nifm: 16, nofm: 10, prevs: [gap]}
)"));
        const auto& r = imported.report;
        QCOMPARE(r.count(OperatorFate::Folded), 5);
        QCOMPARE(findOperator(r, "/Shape")->detail, std::string("reads only the shape of its input"));
        QCOMPARE(findOperator(r, "/Concat")->detail, std::string("computes constants (no activation input)"));
        QCOMPARE(findOperator(r, "/Reshape")->fate, OperatorFate::Folded);
    }

    void batchFixesSymbolicDimension()
    {
        OnnxBuilder b("batch");
        b.output(b.conv("conv1", b.input("x", {3, 8, 8}), 4, 3, 1, 1));
        onnximport::ImportOptions options;
        options.batch = 8;
        const auto imported = importOk(b, options);
        QCOMPARE(imported.report.batch, 8);
        QCOMPARE(imported.network.size(), std::size_t(1));
        // Per sample: the batch scales nothing in the network.
        QCOMPARE(imported.report.coveredMacs, 4 * 64 * 27);
    }

    void yamlRoundTripIsIdentical()
    {
        OnnxBuilder b("roundtrip");
        std::string x = b.conv("conv1", b.input("x", {3, 32, 32}), 16, 3, 1, 1);
        x = b.conv("conv2", x, 16, 3, 2, 1, 2);
        b.output(b.gemm("fc", b.flatten("flatten", b.globalAveragePool("gap", x)), 10));
        const auto imported = importOk(b);
        QVERIFY(imported.network.size() > 3);
        const std::string yaml = kapla::io::networkToYaml(imported.network);
        auto back = kapla::io::parseNetwork(yaml, "back.yaml");
        QVERIFY(back.ok());
        QVERIFY(back.value() == imported.network);
        QCOMPARE(kapla::io::networkToYaml(back.value()), yaml);
    }
};

QTEST_APPLESS_MAIN(TstOnnxImport)
#include "tst_onnx_import.moc"
