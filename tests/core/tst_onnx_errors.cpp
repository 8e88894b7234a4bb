// Bad ONNX input is never a crash and never a silent drop: each kind of problem gives one clear
// error naming the file, the node and operator at fault and what was expected; unsupported
// operators are errors unless skipped, and then the report lists them.

#include "onnx_bad_models.h"
#include "onnx_zoo_models.h"

#include "onnx_import/onnx_import.h"

#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <fstream>
#include <string>

using kapla::test::OnnxBuilder;
namespace onnximport = kapla::onnximport;
using onnximport::OperatorFate;

namespace {

// The one error of a failed import, formatted ("model.onnx: error: key: message").
std::string singleError(const kapla::Result<onnximport::Import>& result)
{
    if (result.ok())
        return "(imported without error)";
    if (result.diagnostics().size() != 1) {
        std::string all = std::to_string(result.diagnostics().size()) + " errors:";
        for (const auto& d : result.diagnostics())
            all += "\n" + d.format();
        return all;
    }
    return result.diagnostics().front().format();
}

#define VERIFY_CONTAINS(text, part) \
    QVERIFY2((text).find(part) != std::string::npos, qPrintable(QString::fromStdString(text)))

} // namespace

class TstOnnxErrors : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void unsupportedOperatorIsAnError()
    {
        const auto result = onnximport::importModelBytes(kapla::test::unsupportedModel(false).bytes(), "up.onnx");
        const std::string e = singleError(result);
        VERIFY_CONTAINS(e, "up.onnx: error: node 'mystery' (Resize): unsupported operator");
        VERIFY_CONTAINS(e, "Resize has no layer kind");
    }

    // Skipped, a resize's output (twice the size) becomes an external input, so the rest still chains.
    void skippedOperatorBecomesExternalInput()
    {
        onnximport::ImportOptions options;
        options.skipUnsupported = true;
        const auto result = onnximport::importModelBytes(kapla::test::unsupportedModel(false).bytes(), "up.onnx",
                                                         options);
        QVERIFY2(result.ok(), singleError(result).c_str());
        const auto& net = result.value().network;
        QCOMPARE(net.size(), std::size_t(2));
        QCOMPARE(net.externals().size(), std::size_t(1));
        QCOMPARE(net.externals().front().name, std::string("mystery_out"));
        QCOMPARE(net.externals().front().layer.sofm(), (kapla::PhyDim2{32, 32}));
        QCOMPARE(net.layers()[1].prevs, (std::vector<std::string>{"mystery_out"}));
        const auto& r = result.value().report;
        QCOMPARE(r.count(OperatorFate::Skipped), 1);
        QCOMPARE(r.unknownMacOperators, 1);
        const auto& skipped = r.operators[2];
        QCOMPARE(skipped.node, std::string("mystery"));
        QCOMPARE(skipped.fate, OperatorFate::Skipped);
        VERIFY_CONTAINS(skipped.detail, "becomes the external input 'mystery_out'");
    }

    // A skipped operator that keeps the shape is passed through: the layers stay connected.
    void skippedSameShapeOperatorPassesThrough()
    {
        onnximport::ImportOptions options;
        options.skipUnsupported = true;
        const auto result = onnximport::importModelBytes(kapla::test::unsupportedModel(true).bytes(), "c.onnx",
                                                         options);
        QVERIFY2(result.ok(), singleError(result).c_str());
        const auto& net = result.value().network;
        QVERIFY(net.externals().empty());
        QCOMPARE(net.layers()[1].prevs, (std::vector<std::string>{"conv1"}));
        const auto& skipped = result.value().report.operators[2];
        QCOMPARE(skipped.opType, std::string("com.example.Swizzle"));
        VERIFY_CONTAINS(skipped.detail, "custom domain 'com.example'");
        VERIFY_CONTAINS(skipped.detail, "passed through");
    }

    void missingShapesAreAnError()
    {
        const auto b = kapla::test::missingShapeModel();
        const std::string e = singleError(onnximport::importModelBytes(b.bytes(), "noshape.onnx"));
        VERIFY_CONTAINS(e, "noshape.onnx: error: input 'x': the input has no shape");
        VERIFY_CONTAINS(e, "expected a tensor shape [batch, channels, height, width]");
    }

    void symbolicSizesAreAnError()
    {
        OnnxBuilder b("dynamic");
        b.output(b.conv("conv1", b.input("x", {3, 8, 8}), 4, 3));
        b.graph()
            .mutable_input(0)
            ->mutable_type()
            ->mutable_tensor_type()
            ->mutable_shape()
            ->mutable_dim(2)
            ->set_dim_param("height");
        const std::string e = singleError(onnximport::importModelBytes(b.bytes(), "dynamic.onnx"));
        VERIFY_CONTAINS(e, "input 'x': dimension 2 of the input is not a fixed number");
    }

    void truncatedFileIsAnError()
    {
        OnnxBuilder b("truncated");
        b.output(b.conv("conv1", b.input("x", {3, 8, 8}), 4, 3));
        const std::string whole = b.bytes();
        const std::string e = singleError(onnximport::importModelBytes(whole.substr(0, whole.size() / 2), "cut.onnx"));
        VERIFY_CONTAINS(e, "cut.onnx: error: the data is not a valid ONNX protobuf (a truncated or damaged file");
        VERIFY_CONTAINS(e, "expected an ONNX model");
    }

    void textFileIsNotAModel()
    {
        const std::string yaml = "version: 1\nnetwork:\n  name: x\n";
        const std::string e = singleError(onnximport::importModelBytes(yaml, "net.yaml"));
        VERIFY_CONTAINS(e, "net.yaml: error: this is a text file, not an ONNX model");
    }

    void cycleIsAnError()
    {
        const auto b = kapla::test::cycleModel();
        const std::string e = singleError(onnximport::importModelBytes(b.bytes(), "cycle.onnx"));
        VERIFY_CONTAINS(e, "cycle.onnx: error: graph: the graph has a cycle");
        VERIFY_CONTAINS(e, "node 'a' (Add), node 'b' (Relu)");
    }

    // The model declares a shape its operators contradict: conv1 gives 4 channels, not 6.
    void shapeThatDoesNotChainIsAnError()
    {
        const auto b = kapla::test::contradictoryShapeModel();
        const std::string e = singleError(onnximport::importModelBytes(b.bytes(), "chain.onnx"));
        VERIFY_CONTAINS(e, "chain.onnx: error: shapes: the model's shapes contradict each other");
        VERIFY_CONTAINS(e, "(4) vs (6)");
    }

    // Valid ONNX, but a stride the network's shape rule cannot hold (3x3/2 over 7 gives 4: 4 x 2 > 7).
    void shapeTheNetworkCannotHoldIsAnError()
    {
        OnnxBuilder b("odd");
        b.output(b.conv("conv2", b.conv("conv1", b.input("x", {3, 7, 7}), 4, 1), 4, 3, 2, 1));
        const std::string e = singleError(onnximport::importModelBytes(b.bytes(), "odd.onnx"));
        VERIFY_CONTAINS(e, "odd.onnx: error: node 'conv2' (Conv): layer 'conv2': producer 'conv1' gives fmaps of 7");
    }

    void missingAttributeIsAnError()
    {
        const auto b = kapla::test::missingAttributeModel();
        const std::string e = singleError(onnximport::importModelBytes(b.bytes(), "attr.onnx"));
        VERIFY_CONTAINS(e, "attr.onnx: error: node 'pool1' (MaxPool): missing attribute 'kernel_shape'");
    }

    void hugeFileIsRefusedBeforeReading()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("huge.onnx")).toStdString();
        std::ofstream(path).put('\0');
        std::filesystem::resize_file(path, 1LL << 30); // sparse: no gigabyte is written
        const std::string e = singleError(onnximport::importModelFile(path));
        VERIFY_CONTAINS(e, path + ": error: the file is 1073741824 bytes (1024 MiB); models larger than 768 MiB");
    }

    // Damaged bytes anywhere in a model (a flipped byte, a cut) end in a result or in errors that
    // say something, never in a crash (protobuf and ONNX inference included).
    void corruptedModelsNeverCrash()
    {
        const std::string whole = kapla::test::mobilenet().bytes();
        int rejected = 0;
        for (std::size_t i = 0; i < 400; ++i) {
            std::string bytes = whole;
            const std::size_t at = (i * 7919) % bytes.size();
            if (i % 4 == 3)
                bytes.resize(at);
            else
                bytes[at] = static_cast<char>((i * 37 + 11) & 0xff);
            const auto result = onnximport::importModelBytes(bytes, "damaged.onnx");
            if (result.ok())
                continue;
            ++rejected;
            QVERIFY(!result.diagnostics().empty());
            for (const auto& d : result.diagnostics())
                QVERIFY2(d.format().starts_with("damaged.onnx: error: ") && d.message.size() > 10, d.format().c_str());
        }
        QVERIFY2(rejected > 100, qPrintable(QString::number(rejected)));
    }

    void missingFileIsAnError()
    {
        const std::string e = singleError(onnximport::importModelFile("/nonexistent/model.onnx"));
        VERIFY_CONTAINS(e, "/nonexistent/model.onnx: error: cannot read the file: it does not exist");
    }

    void fixedBatchMustMatch()
    {
        OnnxBuilder b("fixed");
        b.output(b.conv("conv1", b.input("x", {3, 8, 8}, 2), 4, 3));
        onnximport::ImportOptions options;
        options.batch = 4;
        const std::string e = singleError(onnximport::importModelBytes(b.bytes(), "fixed.onnx", options));
        VERIFY_CONTAINS(e, "input 'x': the model's batch is fixed to 2, but batch 4 was asked for");
        options.batch = 2;
        QVERIFY(onnximport::importModelBytes(b.bytes(), "fixed.onnx", options).ok());
    }

    // A squeeze-and-excitation scale multiplies two different activations: unsupported, and skipped
    // it passes the main path through.
    void broadcastMultiplyIsUnsupported()
    {
        OnnxBuilder b("se");
        const std::string x = b.conv("conv1", b.input("x", {8, 8, 8}), 8, 3, 1, 1);
        const std::string s = b.unary("Sigmoid", "gate", b.conv("squeeze", b.globalAveragePool("gap", x), 8, 1));
        b.node("Mul", "scale", {x, s}, {"scale_out"});
        b.setDims("scale_out", {8, 8, 8});
        b.output(b.conv("conv2", "scale_out", 8, 1));
        const std::string e = singleError(onnximport::importModelBytes(b.bytes(), "se.onnx"));
        VERIFY_CONTAINS(e, "node 'scale' (Mul): unsupported operator: Mul of two different activations");
        onnximport::ImportOptions options;
        options.skipUnsupported = true;
        const auto skipped = onnximport::importModelBytes(b.bytes(), "se.onnx", options);
        QVERIFY(skipped.ok());
        QCOMPARE(skipped.value().network.layers().back().prevs, (std::vector<std::string>{"conv1"}));
    }
};

QTEST_APPLESS_MAIN(TstOnnxErrors)
#include "tst_onnx_errors.moc"
