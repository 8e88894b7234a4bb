#include "onnx_import/model_proto.h"

#include <onnx/defs/schema.h>
#include <onnx/shape_inference/implementation.h>

#include <queue>
#include <algorithm>
#include <exception>
#include <limits>
#include <map>
#include <set>

namespace kapla::onnximport {

namespace {

bool isDefaultDomain(const std::string& domain) { return domain.empty() || domain == "ai.onnx"; }

// True if the start of the data reads as text: the usual mistake is giving a YAML, JSON or
// prototxt file, which protobuf may even half-parse.
bool looksLikeText(const std::string& bytes)
{
    const std::size_t n = std::min<std::size_t>(bytes.size(), 256);
    if (n == 0)
        return false;
    return std::all_of(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(n), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u == '\n' || u == '\r' || u == '\t' || (u >= 0x20 && u < 0x7f) || u >= 0x80;
    });
}

bool hasAttribute(const ::onnx::NodeProto& node, const std::string& name)
{
    return std::any_of(node.attribute().begin(), node.attribute().end(),
                       [&](const ::onnx::AttributeProto& a) { return a.name() == name; });
}

std::map<std::string, int> opsetsByDomain(const ::onnx::ModelProto& model)
{
    std::map<std::string, int> out;
    for (const auto& o : model.opset_import())
        out[isDefaultDomain(o.domain()) ? std::string() : o.domain()] = static_cast<int>(o.version());
    return out;
}

const std::string kNotOnnx = "expected an ONNX model (a ModelProto with a graph, as torch.onnx.export or "
                             "onnx.save write)";

} // namespace

Diagnostic modelError(const std::string& file, std::string key, std::string message)
{
    Diagnostic d = makeError(std::move(key), std::move(message));
    d.location.file = file;
    return d;
}

std::string nodeLabel(const ::onnx::NodeProto& node, int index)
{
    return node.name().empty() ? "#" + std::to_string(index) : node.name();
}

std::string nodeKey(const ::onnx::NodeProto& node, int index)
{
    std::string op = isDefaultDomain(node.domain()) ? node.op_type() : node.domain() + "." + node.op_type();
    return "node '" + nodeLabel(node, index) + "' (" + op + ")";
}

Result<::onnx::ModelProto> parseModel(const std::string& bytes, const std::string& file)
{
    if (bytes.empty())
        return modelError(file, "", "the file is empty; " + kNotOnnx);
    ::onnx::ModelProto model;
    const bool parsed = bytes.size() <= static_cast<std::size_t>(std::numeric_limits<int>::max())
                     && model.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()));
    if (!parsed || !model.has_graph()) {
        if (looksLikeText(bytes))
            return modelError(file, "", "this is a text file, not an ONNX model; " + kNotOnnx);
        return modelError(file, "",
                          parsed ? "the data has no graph: it is not an ONNX model; " + kNotOnnx
                                 : "the data is not a valid ONNX protobuf (a truncated or damaged file, or "
                                   "another format); "
                                       + kNotOnnx);
    }
    if (model.ir_version() <= 0)
        return modelError(file, "ir_version", "the model has no IR version; " + kNotOnnx);
    if (defaultOpset(model) <= 0)
        return modelError(file, "opset_import",
                          "the model imports no ai.onnx operator set (a truncated file?); expected an opset_import "
                          "entry for the default domain");
    if (model.graph().node_size() == 0)
        return modelError(file, "graph", "the graph has no operators; expected at least one node");
    return model;
}

std::int64_t defaultOpset(const ::onnx::ModelProto& model)
{
    for (const auto& o : model.opset_import())
        if (isDefaultDomain(o.domain()))
            return o.version();
    return 0;
}

Diagnostics checkNodeSchemas(const ::onnx::ModelProto& model, const std::string& file)
{
    Diagnostics errs;
    const auto opsets = opsetsByDomain(model);
    const auto& nodes = model.graph().node();
    for (int i = 0; i < nodes.size(); ++i) {
        const auto& node = nodes[i];
        const std::string domain = isDefaultDomain(node.domain()) ? std::string() : node.domain();
        const auto opset = opsets.find(domain);
        if (opset == opsets.end())
            continue; // an unknown domain: the operator is reported as unsupported
        const auto* schema = ::onnx::OpSchemaRegistry::Schema(node.op_type(), opset->second, domain);
        if (!schema)
            continue;
        for (const auto& [name, attribute] : schema->attributes())
            if (attribute.required && !hasAttribute(node, name))
                errs.push_back(modelError(file, nodeKey(node, i),
                                          "missing attribute '" + name + "', which " + node.op_type() + " requires ("
                                              + attribute.description.substr(0, attribute.description.find('.'))
                                              + ")"));
        if (node.input_size() < schema->min_input())
            errs.push_back(modelError(file, nodeKey(node, i),
                                      "has " + std::to_string(node.input_size()) + " inputs; " + node.op_type()
                                          + " expects at least " + std::to_string(schema->min_input())));
    }
    return errs;
}

Diagnostics sortTopologically(::onnx::GraphProto& graph, const std::string& file)
{
    const int n = graph.node_size();
    std::unordered_map<std::string, int> producerOf;
    for (int i = 0; i < n; ++i)
        for (const auto& out : graph.node(i).output())
            if (!out.empty())
                producerOf[out] = i;
    std::vector<std::vector<int>> consumers(static_cast<std::size_t>(n));
    std::vector<int> pending(static_cast<std::size_t>(n), 0);
    for (int i = 0; i < n; ++i) {
        std::set<int> producers;
        for (const auto& in : graph.node(i).input())
            if (const auto p = producerOf.find(in); p != producerOf.end())
                producers.insert(p->second);
        for (const int p : producers)
            consumers[static_cast<std::size_t>(p)].push_back(i);
        pending[static_cast<std::size_t>(i)] = static_cast<int>(producers.size());
    }
    // Kahn's algorithm, always taking the ready node that comes first in the file.
    std::priority_queue<int, std::vector<int>, std::greater<>> ready;
    for (int i = 0; i < n; ++i)
        if (pending[static_cast<std::size_t>(i)] == 0)
            ready.push(i);
    std::vector<int> order;
    while (!ready.empty()) {
        const int i = ready.top();
        ready.pop();
        order.push_back(i);
        for (const int c : consumers[static_cast<std::size_t>(i)])
            if (--pending[static_cast<std::size_t>(c)] == 0)
                ready.push(c);
    }
    if (static_cast<int>(order.size()) != n) {
        std::string names;
        int listed = 0;
        for (int i = 0; i < n && listed < 6; ++i)
            if (pending[static_cast<std::size_t>(i)] > 0) {
                names += (listed++ ? ", " : "") + nodeKey(graph.node(i), i);
            }
        return {modelError(file, "graph",
                           "the graph has a cycle: these nodes wait on each other's outputs: " + names
                               + "; expected an acyclic graph")};
    }
    ::onnx::GraphProto sorted;
    for (const int i : order)
        *sorted.add_node() = graph.node(i);
    graph.mutable_node()->Swap(sorted.mutable_node());
    return {};
}

std::vector<std::string> dataInputs(const ::onnx::GraphProto& graph)
{
    std::set<std::string> initializers;
    for (const auto& t : graph.initializer())
        initializers.insert(t.name());
    std::vector<std::string> out;
    for (const auto& in : graph.input())
        if (!initializers.count(in.name()))
            out.push_back(in.name());
    return out;
}

Result<int> fixBatch(::onnx::GraphProto& graph, int batch, const std::string& file)
{
    const auto data = dataInputs(graph);
    int used = batch;
    for (auto& in : *graph.mutable_input()) {
        if (std::find(data.begin(), data.end(), in.name()) == data.end())
            continue;
        if (!in.type().has_tensor_type() || !in.type().tensor_type().has_shape()
            || in.type().tensor_type().shape().dim_size() < 2)
            return modelError(file, "input '" + in.name() + "'",
                              "the input has no shape; expected a tensor shape [batch, channels, height, width] "
                              "(or [batch, features]): export the model with its input size");
        auto* dim = in.mutable_type()->mutable_tensor_type()->mutable_shape()->mutable_dim(0);
        if (dim->has_dim_value() && dim->dim_value() > 0) {
            const auto fixed = dim->dim_value();
            if (used > 0 && fixed != used)
                return modelError(file, "input '" + in.name() + "'",
                                  "the model's batch is fixed to " + std::to_string(fixed) + ", but batch "
                                      + std::to_string(used) + " was asked for; expected --batch "
                                      + std::to_string(fixed) + " or a model exported with a dynamic batch");
            if (fixed > std::numeric_limits<int>::max())
                return modelError(file, "input '" + in.name() + "'",
                                  "batch " + std::to_string(fixed) + " is too large");
            used = static_cast<int>(fixed);
            continue;
        }
        dim->clear_dim_param();
        dim->set_dim_value(used > 0 ? used : 1);
        used = used > 0 ? used : 1;
    }
    return used > 0 ? used : 1;
}

Diagnostics inferShapes(::onnx::ModelProto& model, const std::string& file, std::string* nodeErrors)
{
    // Strict first on a copy, for ONNX's own words about an operator it cannot infer; then
    // leniently, so that an unsupported operator leaves only its own outputs without a shape.
    try {
        ::onnx::ModelProto strict = model;
        ::onnx::shape_inference::InferShapes(strict, ::onnx::OpSchemaRegistry::Instance(),
                                             ::onnx::ShapeInferenceOptions(false, 1, true));
        model.Swap(&strict);
        return {};
    } catch (const std::exception& e) {
        if (nodeErrors)
            *nodeErrors = e.what();
    }
    try {
        ::onnx::shape_inference::InferShapes(model, ::onnx::OpSchemaRegistry::Instance(),
                                             ::onnx::ShapeInferenceOptions(false, 0, true));
    } catch (const std::exception& e) {
        std::string what = e.what();
        what = what.substr(0, what.find("\n\n"));
        return {modelError(file, "shapes",
                           "the model's shapes contradict each other: " + what
                               + "; expected the shapes of its value infos to chain through its operators")};
    }
    return {};
}

std::unordered_map<std::string, Dims> collectShapes(const ::onnx::GraphProto& graph)
{
    std::unordered_map<std::string, Dims> shapes;
    const auto add = [&](const ::onnx::ValueInfoProto& v) {
        if (!v.type().has_tensor_type() || !v.type().tensor_type().has_shape())
            return;
        Dims dims;
        for (const auto& d : v.type().tensor_type().shape().dim())
            dims.push_back(d.has_dim_value() ? d.dim_value() : -1);
        shapes[v.name()] = std::move(dims);
    };
    for (const auto& v : graph.input())
        add(v);
    for (const auto& v : graph.value_info())
        add(v);
    for (const auto& v : graph.output())
        add(v);
    for (const auto& t : graph.initializer())
        shapes[t.name()] = Dims(t.dims().begin(), t.dims().end());
    return shapes;
}

} // namespace kapla::onnximport
