#pragma once
// Builds ONNX models in code with the protobuf API, as an exporter would write them (node names,
// weights as initializers, shapes left to ONNX inference), for the import tests and the sample models.
// Test support only: it includes the ONNX protobuf headers.

#include <onnx/onnx_pb.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace kapla::test {

/// Per-sample dimensions of a tensor (without the batch).
using SampleDims = std::vector<std::int64_t>;

/// A model under construction. Each operator method adds one node named `name` whose output tensor
/// is `name + "_out"` and returns that tensor's name.
class OnnxBuilder
{
public:
    explicit OnnxBuilder(const std::string& graphName, std::int64_t opset = 13);

    /// A data input of per-sample dims; the batch is the symbolic "N", or `batch` when positive.
    std::string input(const std::string& name, SampleDims dims, std::int64_t batch = 0);

    std::string conv(const std::string& name, const std::string& x, int outChannels, int kernel, int stride = 1,
                     int pad = 0, int groups = 1);
    std::string maxPool(const std::string& name, const std::string& x, int kernel, int stride, int pad = 0,
                        bool ceil = false);
    std::string averagePool(const std::string& name, const std::string& x, int kernel, int stride, int pad = 0);
    std::string globalAveragePool(const std::string& name, const std::string& x);
    std::string gemm(const std::string& name, const std::string& x, int outFeatures);
    /// MatMul by a weight matrix, then Add of a bias (how some exporters write a linear layer).
    std::string matMulBias(const std::string& name, const std::string& x, int outFeatures);
    std::string add(const std::string& name, const std::string& a, const std::string& b);
    std::string concat(const std::string& name, const std::vector<std::string>& xs);
    std::string lrn(const std::string& name, const std::string& x, int size);
    std::string flatten(const std::string& name, const std::string& x);
    /// Reshape to [batch, rest...] with an int64 shape initializer (-1 infers a dimension).
    std::string reshape(const std::string& name, const std::string& x, const std::vector<std::int64_t>& shape);
    /// A shape-keeping operator of one input: Relu, BatchNormalization, Dropout, Identity, Sigmoid ...
    std::string unary(const std::string& op, const std::string& name, const std::string& x);

    /// A node of any operator; its outputs get no shape of the builder's (ONNX infers them).
    ::onnx::NodeProto& node(const std::string& op, const std::string& name, const std::vector<std::string>& inputs,
                            const std::vector<std::string>& outputs);
    /// A float initializer of these dims (values left empty: only shapes matter to the import).
    std::string weight(const std::string& name, const std::vector<std::int64_t>& dims);

    void output(const std::string& tensor);

    ::onnx::ModelProto& model() { return m_model; }
    std::string graphName() const { return m_model.graph().name(); }
    ::onnx::GraphProto& graph() { return *m_model.mutable_graph(); }
    /// The builder's own idea of a tensor's per-sample dims.
    const SampleDims& dims(const std::string& tensor) const { return m_dims.at(tensor); }
    /// Tells the builder the dims of a tensor made by node().
    void setDims(const std::string& tensor, SampleDims dims) { m_dims[tensor] = std::move(dims); }
    std::string bytes() const;
    bool save(const std::string& path) const;

private:
    std::string pool(const std::string& op, const std::string& name, const std::string& x, int kernel, int stride,
                     int pad, bool ceil);

    ::onnx::ModelProto m_model;
    std::map<std::string, SampleDims> m_dims;
};

/// Adds an integer (list) attribute to a node.
void setAttribute(::onnx::NodeProto& node, const std::string& name, std::int64_t value);
void setAttribute(::onnx::NodeProto& node, const std::string& name, const std::vector<std::int64_t>& values);

} // namespace kapla::test
