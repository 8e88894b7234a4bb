// Exporters often compute a Reshape's target shape at run time: PyTorch's x.view(x.size(0), -1) is
// Shape, Gather, Unsqueeze and Concat. ONNX 1.12's data propagation misses some of these (a scalar
// Gather index, a Constant node), and then every shape after the Reshape is unknown. The batch is
// fixed before inference, so such shape tensors are constants: this evaluates them and hands the
// Reshape its shape as an initializer, after which shape inference runs again.

#include "onnx_import/model_proto.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <optional>

namespace kapla::onnximport {

namespace {

/// A small integer tensor: a scalar or a 1-D list.
struct IntTensor {
    std::vector<std::int64_t> values;
    bool scalar = false;
};

// Shape tensors have a handful of elements; anything larger is not one.
constexpr std::size_t kMaxShapeValues = 16;

std::optional<IntTensor> fromTensor(const ::onnx::TensorProto& t)
{
    if (t.dims_size() > 1
        || (t.data_type() != ::onnx::TensorProto::INT64 && t.data_type() != ::onnx::TensorProto::INT32))
        return std::nullopt;
    IntTensor out;
    out.scalar = t.dims_size() == 0;
    if (t.data_type() == ::onnx::TensorProto::INT64) {
        out.values.assign(t.int64_data().begin(), t.int64_data().end());
        if (out.values.empty() && !t.raw_data().empty()) {
            out.values.resize(t.raw_data().size() / sizeof(std::int64_t));
            std::memcpy(out.values.data(), t.raw_data().data(), out.values.size() * sizeof(std::int64_t));
        }
    } else {
        out.values.assign(t.int32_data().begin(), t.int32_data().end());
        if (out.values.empty() && !t.raw_data().empty()) {
            std::vector<std::int32_t> raw(t.raw_data().size() / sizeof(std::int32_t));
            std::memcpy(raw.data(), t.raw_data().data(), raw.size() * sizeof(std::int32_t));
            out.values.assign(raw.begin(), raw.end());
        }
    }
    if (out.values.size() > kMaxShapeValues || (t.dims_size() == 1 && t.dims(0) != std::ssize(out.values)))
        return std::nullopt;
    return out;
}

std::int64_t attribute(const ::onnx::NodeProto& node, const std::string& name, std::int64_t fallback)
{
    for (const auto& a : node.attribute())
        if (a.name() == name)
            return a.i();
    return fallback;
}

// Python-style index into a list of `n`, clamped to [0, n].
std::int64_t clampIndex(std::int64_t i, std::int64_t n)
{
    if (i < 0)
        i += n;
    return std::clamp<std::int64_t>(i, 0, n);
}

std::optional<IntTensor> arithmetic(const std::string& op, const IntTensor& a, const IntTensor& b)
{
    if (a.values.size() != b.values.size() && a.values.size() != 1 && b.values.size() != 1)
        return std::nullopt;
    IntTensor out;
    out.scalar = a.scalar && b.scalar;
    const std::size_t n = std::max(a.values.size(), b.values.size());
    for (std::size_t i = 0; i < n; ++i) {
        const std::int64_t x = a.values[a.values.size() == 1 ? 0 : i];
        const std::int64_t y = b.values[b.values.size() == 1 ? 0 : i];
        std::int64_t r = 0;
        const bool overflow = op == "Add"                             ? __builtin_add_overflow(x, y, &r)
                            : op == "Sub"                             ? __builtin_sub_overflow(x, y, &r)
                            : op == "Mul"                             ? __builtin_mul_overflow(x, y, &r)
                            : (y == 0 || (x == INT64_MIN && y == -1)) ? true
                                                                      : (r = x / y, false);
        if (overflow)
            return std::nullopt;
        out.values.push_back(r);
    }
    return out;
}

/// Evaluates one node on known integer inputs; nullopt when it is not a shape computation it knows.
std::optional<IntTensor> evaluate(const ::onnx::NodeProto& node, const std::vector<const IntTensor*>& in,
                                  const Dims* firstInputDims)
{
    const std::string& op = node.op_type();
    const auto known = [&](std::size_t i) { return i < in.size() && in[i] != nullptr; };
    if (op == "Constant") {
        for (const auto& a : node.attribute()) {
            if (a.name() == "value" && a.has_t())
                return fromTensor(a.t());
            if (a.name() == "value_ints" && a.ints_size() <= static_cast<int>(kMaxShapeValues))
                return IntTensor{{a.ints().begin(), a.ints().end()}, false};
            if (a.name() == "value_int")
                return IntTensor{{a.i()}, true};
        }
        return std::nullopt;
    }
    if (op == "Shape") {
        if (!firstInputDims
            || std::any_of(firstInputDims->begin(), firstInputDims->end(), [](auto d) { return d < 0; }))
            return std::nullopt;
        const auto n = static_cast<std::int64_t>(firstInputDims->size());
        const std::int64_t start = clampIndex(attribute(node, "start", 0), n);
        const std::int64_t end = clampIndex(attribute(node, "end", n), n);
        IntTensor out;
        for (std::int64_t i = start; i < end; ++i)
            out.values.push_back((*firstInputDims)[static_cast<std::size_t>(i)]);
        return out;
    }
    if (!known(0))
        return std::nullopt;
    const IntTensor& x = *in[0];
    if (op == "Identity" || op == "Cast")
        return x;
    if (op == "Unsqueeze")
        return IntTensor{x.values, false};
    if (op == "Squeeze")
        return IntTensor{x.values, x.values.size() == 1};
    if (op == "Gather" && known(1) && attribute(node, "axis", 0) == 0) {
        IntTensor out;
        out.scalar = in[1]->scalar;
        const auto n = static_cast<std::int64_t>(x.values.size());
        for (std::int64_t i : in[1]->values) {
            if (i < 0)
                i += n;
            if (i < 0 || i >= n)
                return std::nullopt;
            out.values.push_back(x.values[static_cast<std::size_t>(i)]);
        }
        return out;
    }
    if (op == "Concat") {
        IntTensor out;
        for (std::size_t i = 0; i < in.size(); ++i) {
            if (!known(i))
                return std::nullopt;
            out.values.insert(out.values.end(), in[i]->values.begin(), in[i]->values.end());
        }
        return out.values.size() <= kMaxShapeValues ? std::optional(out) : std::nullopt;
    }
    if (op == "Slice" && known(1) && known(2) && in[1]->values.size() == 1 && in[2]->values.size() == 1) {
        const auto n = static_cast<std::int64_t>(x.values.size());
        const std::int64_t step = known(4) && !in[4]->values.empty() ? in[4]->values[0] : 1;
        if (step != 1)
            return std::nullopt;
        IntTensor out;
        for (std::int64_t i = clampIndex(in[1]->values[0], n); i < clampIndex(in[2]->values[0], n); ++i)
            out.values.push_back(x.values[static_cast<std::size_t>(i)]);
        return out;
    }
    if ((op == "Add" || op == "Sub" || op == "Mul" || op == "Div") && known(1))
        return arithmetic(op, x, *in[1]);
    return std::nullopt;
}

} // namespace

bool foldShapeComputations(::onnx::GraphProto& graph)
{
    const auto shapes = collectShapes(graph);
    std::unordered_map<std::string, IntTensor> values;
    for (const auto& t : graph.initializer())
        if (auto v = fromTensor(t))
            values[t.name()] = std::move(*v);
    bool folded = false;
    std::vector<::onnx::TensorProto> added;
    for (auto& node : *graph.mutable_node()) {
        if (node.op_type() == "Reshape" && node.input_size() > 1) {
            const auto v = values.find(node.input(1));
            const bool isInitializer = std::any_of(graph.initializer().begin(), graph.initializer().end(),
                                                   [&](const auto& t) { return t.name() == node.input(1); });
            if (v != values.end() && !isInitializer && !v->second.scalar) {
                ::onnx::TensorProto shape;
                shape.set_name(node.input(1) + "__folded");
                shape.set_data_type(::onnx::TensorProto::INT64);
                shape.add_dims(static_cast<std::int64_t>(v->second.values.size()));
                for (const auto d : v->second.values)
                    shape.add_int64_data(d);
                node.set_input(1, shape.name());
                added.push_back(std::move(shape));
                folded = true;
            }
            continue;
        }
        std::vector<const IntTensor*> in;
        for (const auto& name : node.input()) {
            const auto it = values.find(name);
            in.push_back(it == values.end() ? nullptr : &it->second);
        }
        const auto dims = node.input_size() > 0 ? shapes.find(node.input(0)) : shapes.end();
        if (node.output_size() == 1)
            if (auto v = evaluate(node, in, dims == shapes.end() ? nullptr : &dims->second))
                values[node.output(0)] = std::move(*v);
    }
    for (auto& t : added)
        *graph.add_initializer() = std::move(t);
    return folded;
}

} // namespace kapla::onnximport
