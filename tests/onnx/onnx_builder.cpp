#include "onnx_builder.h"

#include <fstream>
#include <stdexcept>

namespace kapla::test {

namespace {

std::int64_t outSize(std::int64_t in, int kernel, int stride, int pad, bool ceil)
{
    const std::int64_t span = in + 2 * pad - kernel;
    return (ceil ? (span + stride - 1) / stride : span / stride) + 1;
}

void setShape(::onnx::ValueInfoProto& v, const std::vector<std::int64_t>& dims, const std::string& batchParam)
{
    auto* t = v.mutable_type()->mutable_tensor_type();
    t->set_elem_type(::onnx::TensorProto::FLOAT);
    auto* shape = t->mutable_shape();
    for (std::size_t i = 0; i < dims.size(); ++i) {
        auto* d = shape->add_dim();
        if (i == 0 && !batchParam.empty())
            d->set_dim_param(batchParam);
        else
            d->set_dim_value(dims[i]);
    }
}

} // namespace

void setAttribute(::onnx::NodeProto& node, const std::string& name, std::int64_t value)
{
    auto* a = node.add_attribute();
    a->set_name(name);
    a->set_type(::onnx::AttributeProto::INT);
    a->set_i(value);
}

void setAttribute(::onnx::NodeProto& node, const std::string& name, const std::vector<std::int64_t>& values)
{
    auto* a = node.add_attribute();
    a->set_name(name);
    a->set_type(::onnx::AttributeProto::INTS);
    for (const auto v : values)
        a->add_ints(v);
}

OnnxBuilder::OnnxBuilder(const std::string& graphName, std::int64_t opset)
{
    m_model.set_ir_version(8);
    m_model.set_producer_name("kapla-tests");
    m_model.set_producer_version("1");
    auto* o = m_model.add_opset_import();
    o->set_domain("");
    o->set_version(opset);
    m_model.mutable_graph()->set_name(graphName);
}

std::string OnnxBuilder::input(const std::string& name, SampleDims dims, std::int64_t batch)
{
    std::vector<std::int64_t> full{batch > 0 ? batch : 1};
    full.insert(full.end(), dims.begin(), dims.end());
    setShape(*graph().add_input(), full, batch > 0 ? "" : "N");
    graph().mutable_input()->rbegin()->set_name(name);
    m_dims[name] = std::move(dims);
    return name;
}

::onnx::NodeProto& OnnxBuilder::node(const std::string& op, const std::string& name,
                                     const std::vector<std::string>& inputs, const std::vector<std::string>& outputs)
{
    auto* n = graph().add_node();
    n->set_op_type(op);
    n->set_name(name);
    for (const auto& in : inputs)
        n->add_input(in);
    for (const auto& out : outputs)
        n->add_output(out);
    return *n;
}

std::string OnnxBuilder::weight(const std::string& name, const std::vector<std::int64_t>& dims)
{
    auto* t = graph().add_initializer();
    t->set_name(name);
    t->set_data_type(::onnx::TensorProto::FLOAT);
    for (const auto d : dims)
        t->add_dims(d);
    return name;
}

std::string OnnxBuilder::conv(const std::string& name, const std::string& x, int outChannels, int kernel, int stride,
                              int pad, int groups)
{
    const SampleDims& in = dims(x);
    const std::string w = weight(name + ".weight", {outChannels, in[0] / groups, kernel, kernel});
    const std::string b = weight(name + ".bias", {outChannels});
    const std::string y = name + "_out";
    auto& n = node("Conv", name, {x, w, b}, {y});
    setAttribute(n, "kernel_shape", std::vector<std::int64_t>{kernel, kernel});
    setAttribute(n, "strides", std::vector<std::int64_t>{stride, stride});
    setAttribute(n, "pads", std::vector<std::int64_t>{pad, pad, pad, pad});
    if (groups != 1)
        setAttribute(n, "group", groups);
    m_dims[y] = {outChannels, outSize(in[1], kernel, stride, pad, false), outSize(in[2], kernel, stride, pad, false)};
    return y;
}

std::string OnnxBuilder::pool(const std::string& op, const std::string& name, const std::string& x, int kernel,
                              int stride, int pad, bool ceil)
{
    const SampleDims& in = dims(x);
    const std::string y = name + "_out";
    auto& n = node(op, name, {x}, {y});
    setAttribute(n, "kernel_shape", std::vector<std::int64_t>{kernel, kernel});
    setAttribute(n, "strides", std::vector<std::int64_t>{stride, stride});
    if (pad)
        setAttribute(n, "pads", std::vector<std::int64_t>{pad, pad, pad, pad});
    if (ceil)
        setAttribute(n, "ceil_mode", 1);
    m_dims[y] = {in[0], outSize(in[1], kernel, stride, pad, ceil), outSize(in[2], kernel, stride, pad, ceil)};
    return y;
}

std::string OnnxBuilder::maxPool(const std::string& name, const std::string& x, int kernel, int stride, int pad,
                                 bool ceil)
{
    return pool("MaxPool", name, x, kernel, stride, pad, ceil);
}

std::string OnnxBuilder::averagePool(const std::string& name, const std::string& x, int kernel, int stride, int pad)
{
    return pool("AveragePool", name, x, kernel, stride, pad, false);
}

std::string OnnxBuilder::globalAveragePool(const std::string& name, const std::string& x)
{
    const std::string y = name + "_out";
    node("GlobalAveragePool", name, {x}, {y});
    m_dims[y] = {dims(x)[0], 1, 1};
    return y;
}

std::string OnnxBuilder::gemm(const std::string& name, const std::string& x, int outFeatures)
{
    const std::string w = weight(name + ".weight", {outFeatures, dims(x)[0]});
    const std::string b = weight(name + ".bias", {outFeatures});
    const std::string y = name + "_out";
    auto& n = node("Gemm", name, {x, w, b}, {y});
    setAttribute(n, "transB", 1);
    m_dims[y] = {outFeatures};
    return y;
}

std::string OnnxBuilder::matMulBias(const std::string& name, const std::string& x, int outFeatures)
{
    const std::string w = weight(name + ".weight", {dims(x)[0], outFeatures});
    const std::string b = weight(name + ".bias", {outFeatures});
    const std::string product = name + "_mm";
    node("MatMul", name, {x, w}, {product});
    const std::string y = name + "_out";
    node("Add", name + "_bias", {product, b}, {y});
    m_dims[product] = m_dims[y] = {outFeatures};
    return y;
}

std::string OnnxBuilder::add(const std::string& name, const std::string& a, const std::string& b)
{
    const std::string y = name + "_out";
    node("Add", name, {a, b}, {y});
    m_dims[y] = dims(a);
    return y;
}

std::string OnnxBuilder::concat(const std::string& name, const std::vector<std::string>& xs)
{
    const std::string y = name + "_out";
    auto& n = node("Concat", name, xs, {y});
    setAttribute(n, "axis", 1);
    SampleDims d = dims(xs.front());
    d[0] = 0;
    for (const auto& x : xs)
        d[0] += dims(x)[0];
    m_dims[y] = d;
    return y;
}

std::string OnnxBuilder::lrn(const std::string& name, const std::string& x, int size)
{
    const std::string y = name + "_out";
    auto& n = node("LRN", name, {x}, {y});
    setAttribute(n, "size", size);
    m_dims[y] = dims(x);
    return y;
}

std::string OnnxBuilder::flatten(const std::string& name, const std::string& x)
{
    const std::string y = name + "_out";
    auto& n = node("Flatten", name, {x}, {y});
    setAttribute(n, "axis", 1);
    std::int64_t features = 1;
    for (const auto d : dims(x))
        features *= d;
    m_dims[y] = {features};
    return y;
}

std::string OnnxBuilder::reshape(const std::string& name, const std::string& x, const std::vector<std::int64_t>& shape)
{
    auto* t = graph().add_initializer();
    t->set_name(name + ".shape");
    t->set_data_type(::onnx::TensorProto::INT64);
    t->add_dims(static_cast<std::int64_t>(shape.size()) + 1);
    t->add_int64_data(0); // 0 copies the batch dimension
    std::int64_t known = 1;
    for (const auto d : shape) {
        t->add_int64_data(d);
        known *= d > 0 ? d : 1;
    }
    const std::string y = name + "_out";
    node("Reshape", name, {x, t->name()}, {y});
    std::int64_t elements = 1;
    for (const auto d : dims(x))
        elements *= d;
    SampleDims out = shape;
    for (auto& d : out)
        if (d < 0)
            d = elements / known;
    m_dims[y] = out;
    return y;
}

std::string OnnxBuilder::unary(const std::string& op, const std::string& name, const std::string& x)
{
    const std::string y = name + "_out";
    if (op == "BatchNormalization") {
        const std::int64_t c = dims(x)[0];
        node(op, name,
             {x, weight(name + ".scale", {c}), weight(name + ".B", {c}), weight(name + ".mean", {c}),
              weight(name + ".var", {c})},
             {y});
    } else {
        node(op, name, {x}, {y});
    }
    m_dims[y] = dims(x);
    return y;
}

void OnnxBuilder::output(const std::string& tensor)
{
    auto* v = graph().add_output();
    v->set_name(tensor);
    v->mutable_type()->mutable_tensor_type()->set_elem_type(::onnx::TensorProto::FLOAT);
}

std::string OnnxBuilder::bytes() const
{
    std::string out;
    if (!m_model.SerializeToString(&out))
        throw std::runtime_error("cannot serialise the model");
    return out;
}

bool OnnxBuilder::save(const std::string& path) const
{
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    f << bytes();
    return static_cast<bool>(f);
}

} // namespace kapla::test
