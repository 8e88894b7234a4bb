// The work of an ONNX operator by ONNX's own shapes, counted the way the network's layers count
// theirs (Layer::totalOps): a MAC per filter tap, a pooling or LRN window's operations per output,
// one operation per operand of an element-wise sum. Computed apart from the mapping, it checks it.

#include "onnx_import/graph_mapper.h"

namespace kapla::onnximport {

namespace {

// Products of a malicious model's dimensions can leave 64 bits: such work is not known.
std::optional<std::int64_t> times(std::optional<std::int64_t> a, std::optional<std::int64_t> b)
{
    std::int64_t r = 0;
    if (!a || !b || __builtin_mul_overflow(*a, *b, &r))
        return std::nullopt;
    return r;
}

// Elements of one sample of a tensor of known shape, or nullopt.
std::optional<std::int64_t> sampleElements(const std::unordered_map<std::string, Dims>& shapes, const std::string& name)
{
    const auto it = shapes.find(name);
    if (it == shapes.end() || it->second.size() < 2)
        return std::nullopt;
    std::optional<std::int64_t> n = 1;
    for (std::size_t d = 1; d < it->second.size(); ++d) {
        if (it->second[d] < 0)
            return std::nullopt;
        n = times(n, it->second[d]);
    }
    return n;
}

std::optional<std::int64_t> product(const std::vector<std::int64_t>& v, std::size_t from)
{
    std::optional<std::int64_t> n = 1;
    for (std::size_t i = from; i < v.size(); ++i) {
        if (v[i] < 0)
            return std::nullopt;
        n = times(n, v[i]);
    }
    return n;
}

} // namespace

std::optional<std::int64_t> operatorMacs(const ::onnx::NodeProto& node,
                                         const std::unordered_map<std::string, Dims>& shapes)
{
    const std::string& op = node.op_type();
    if (node.output_size() == 0 || node.input_size() == 0)
        return std::nullopt;
    const auto out = sampleElements(shapes, node.output(0));
    const auto dimsOf = [&](const std::string& name) -> const Dims* {
        const auto it = shapes.find(name);
        return it == shapes.end() ? nullptr : &it->second;
    };
    if (op == "Conv" && node.input_size() > 1) {
        const Dims* w = dimsOf(node.input(1));
        if (!out || !w || w->size() < 3)
            return std::nullopt;
        return times(out, product(*w, 1)); // in channels per group x window
    }
    if (op == "ConvTranspose" && node.input_size() > 1) {
        const auto in = sampleElements(shapes, node.input(0));
        const Dims* w = dimsOf(node.input(1));
        if (!in || !w || w->size() < 3)
            return std::nullopt;
        return times(in, product(*w, 1));
    }
    if ((op == "Gemm" || op == "MatMul") && node.input_size() > 1) {
        const Dims* a = dimsOf(node.input(0));
        if (!out || !a || a->empty() || a->back() < 0)
            return std::nullopt;
        const bool transA = op == "Gemm" && findAttribute(node, "transA") && findAttribute(node, "transA")->i() != 0;
        const std::int64_t k = transA ? a->front() : a->back();
        return times(out, k);
    }
    if (op == "MaxPool" || op == "AveragePool" || op == "LpPool") {
        const auto window = product(intsAttribute(node, "kernel_shape", {}), 0);
        return times(out, window);
    }
    if (op == "GlobalAveragePool" || op == "GlobalMaxPool" || op == "GlobalLpPool")
        return sampleElements(shapes, node.input(0));
    if (op == "LRN") {
        const std::int64_t size = intAttribute(node, "size", 0);
        return times(out, size);
    }
    if (op == "Add" || op == "Sum") {
        // A sum of activations; a constant operand (a bias) is folded and so counts nothing.
        std::int64_t operands = 0;
        for (const auto& in : node.input())
            if (const auto n = sampleElements(shapes, in); n && out && *n == *out)
                ++operands;
        if (operands < 2)
            return std::nullopt;
        return times(out, operands);
    }
    return std::nullopt;
}

} // namespace kapla::onnximport
