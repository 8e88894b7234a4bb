#pragma once
// Internal to core/onnx: reading the ONNX protobuf, checking it, ordering its graph and inferring its
// shapes. Only core/onnx sources include this header (it pulls in protobuf).

#include "util/diagnostic.h"

#include <onnx/onnx_pb.h>

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace kapla::onnximport {

/// A tensor shape as ONNX infers it; -1 for a dimension that is not a known number.
using Dims = std::vector<std::int64_t>;

/// An error about the model file `file` (ONNX files are binary: no line or column).
Diagnostic modelError(const std::string& file, std::string key, std::string message);

/// "#INDEX" for a node without a name, else its name.
std::string nodeLabel(const ::onnx::NodeProto& node, int index);
/// "node 'conv1' (Conv)": the key of diagnostics about a node.
std::string nodeKey(const ::onnx::NodeProto& node, int index);

/// Parses the bytes as an ONNX model and checks that it has what the import needs (a graph, an IR
/// version, the default-domain opset); the errors say what the file seems to be instead.
Result<::onnx::ModelProto> parseModel(const std::string& bytes, const std::string& file);

/// The opset version of the default (ai.onnx) domain.
std::int64_t defaultOpset(const ::onnx::ModelProto& model);

/// Checks every node of a known operator for the attributes and inputs its schema requires.
Diagnostics checkNodeSchemas(const ::onnx::ModelProto& model, const std::string& file);

/// Reorders the graph's nodes topologically, keeping the file's order where it already is one (so
/// names come out in the order the model lists them); an error names the nodes of a cycle.
Diagnostics sortTopologically(::onnx::GraphProto& graph, const std::string& file);

/// The names of the graph inputs that are data (not initializers), in order.
std::vector<std::string> dataInputs(const ::onnx::GraphProto& graph);

/// Sets a symbolic or unknown batch dimension of the data inputs to `batch` (the model's own fixed
/// batch when `batch` is 0); the batch used, or an error when a fixed batch differs from `batch`.
Result<int> fixBatch(::onnx::GraphProto& graph, int batch, const std::string& file);

/// Runs ONNX shape inference; an error when the shapes the model declares contradict each other.
/// Operators whose output shape cannot be inferred keep none (the import says which).
Diagnostics inferShapes(::onnx::ModelProto& model, const std::string& file, std::string* nodeErrors);

/// Evaluates the integer shape computations of the graph (Shape, Gather, Unsqueeze, Concat, ...) that
/// shape inference leaves unknown, and gives each Reshape computed from them its shape as an
/// initializer (shape_folding.cpp); true if any Reshape got one (then inference should run again).
bool foldShapeComputations(::onnx::GraphProto& graph);

/// The shape of every value the model knows one for: inputs, outputs, value infos, initializers.
std::unordered_map<std::string, Dims> collectShapes(const ::onnx::GraphProto& graph);

} // namespace kapla::onnximport
