// The operator rules of GraphMapper: how each ONNX operator becomes layers, or why it needs none.

#include "onnx_import/graph_mapper.h"

#include <algorithm>
#include <array>
#include <limits>
#include <string_view>

namespace kapla::onnximport {

namespace {

std::string pairText(const std::vector<std::int64_t>& v)
{
    std::string out;
    for (std::size_t i = 0; i < v.size(); ++i)
        out += (i ? "x" : "") + std::to_string(v[i]);
    return out;
}

bool allOnes(const std::vector<std::int64_t>& v)
{
    return std::all_of(v.begin(), v.end(), [](std::int64_t x) { return x == 1; });
}

// A 1-D or 2-D window or stride as (h, w); 1-D maps run down the height.
std::optional<PhyDim2> spatial(const std::vector<std::int64_t>& v)
{
    if (v.empty() || v.size() > 2)
        return std::nullopt;
    for (const auto x : v)
        if (x <= 0 || x > std::numeric_limits<int>::max())
            return std::nullopt;
    return PhyDim2{static_cast<int>(v[0]), v.size() > 1 ? static_cast<int>(v[1]) : 1};
}

// Operators that act on each element alone (or normalise along the tensor) and keep its shape: the
// model has no layer for them, as nn_dataflow's networks fold activations and batch normalisation
// into the layer before.
constexpr std::array<std::string_view, 40> kElementwise{"Relu",
                                                        "LeakyRelu",
                                                        "PRelu",
                                                        "Sigmoid",
                                                        "HardSigmoid",
                                                        "HardSwish",
                                                        "Tanh",
                                                        "Elu",
                                                        "Selu",
                                                        "Celu",
                                                        "Softplus",
                                                        "Softsign",
                                                        "Clip",
                                                        "Mish",
                                                        "Erf",
                                                        "Gelu",
                                                        "ThresholdedRelu",
                                                        "Abs",
                                                        "Neg",
                                                        "Exp",
                                                        "Log",
                                                        "Sqrt",
                                                        "Reciprocal",
                                                        "Softmax",
                                                        "LogSoftmax",
                                                        "Dropout",
                                                        "Identity",
                                                        "Cast",
                                                        "BatchNormalization",
                                                        "InstanceNormalization",
                                                        "LpNormalization",
                                                        "MeanVarianceNormalization",
                                                        "LayerNormalization",
                                                        "Mul",
                                                        "Div",
                                                        "Sub",
                                                        "Pow",
                                                        "Max",
                                                        "Min",
                                                        "Pad"};

bool isElementwise(const std::string& op)
{
    return std::find(kElementwise.begin(), kElementwise.end(), op) != kElementwise.end();
}

std::string extentText(int channels, PhyDim2 size)
{
    return std::to_string(channels) + "x" + std::to_string(size.h) + "x" + std::to_string(size.w);
}

} // namespace

const ::onnx::AttributeProto* findAttribute(const ::onnx::NodeProto& node, const std::string& name)
{
    for (const auto& a : node.attribute())
        if (a.name() == name)
            return &a;
    return nullptr;
}

std::vector<std::int64_t> intsAttribute(const ::onnx::NodeProto& node, const std::string& name,
                                        std::vector<std::int64_t> fallback)
{
    const auto* a = findAttribute(node, name);
    return a ? std::vector<std::int64_t>(a->ints().begin(), a->ints().end()) : fallback;
}

std::int64_t intAttribute(const ::onnx::NodeProto& node, const std::string& name, std::int64_t fallback)
{
    const auto* a = findAttribute(node, name);
    return a ? a->i() : fallback;
}

NodeOutcome GraphMapper::mapConv(const ::onnx::NodeProto& node, int index)
{
    const std::string& x = node.input(0);
    const Flow* in = flow(x);
    if (!in || isActivation(node.input(1)))
        return NodeOutcome::refuse("a convolution whose weights are computed at run time has no layer kind");
    if (in->flattened)
        return NodeOutcome::refuse("a convolution over a flattened tensor has no layer kind");
    const Dims* w = dimsOf(node.input(1));
    if (!w || (w->size() != 3 && w->size() != 4))
        return NodeOutcome{OperatorFate::Mapped,
                           {},
                           {},
                           modelError(m_file, nodeKey(node, index),
                                      "the shape of the weights '" + node.input(1)
                                          + "' is unknown; expected [out channels, in channels / groups, kh, kw]")};
    const auto dilations = intsAttribute(node, "dilations", {});
    if (!allOnes(dilations))
        return NodeOutcome::refuse("a dilated convolution (dilations " + pairText(dilations)
                                   + ") has no layer kind: the model's filters are dense windows");
    auto out = extentOf(node.output(0), node, index);
    if (!out)
        return NodeOutcome{OperatorFate::Mapped, {}, {}, out.diagnostics().front()};
    const auto kernel = spatial(Dims(w->begin() + 2, w->end()));
    const auto stride = spatial(intsAttribute(node, "strides", Dims(w->size() - 2, 1)));
    const std::int64_t groups = intAttribute(node, "group", 1);
    if (!kernel || !stride || groups < 1 || (*w)[1] * groups != in->channels || out->channels % groups != 0)
        return NodeOutcome{OperatorFate::Mapped,
                           {},
                           {},
                           modelError(m_file, nodeKey(node, index),
                                      "weights " + pairText(*w) + " with " + std::to_string(groups)
                                          + " groups do not fit an input of " + std::to_string(in->channels)
                                          + " channels; expected [out, in / groups, kh, kw]")};
    LayerParams p;
    p.type = LayerType::Conv;
    p.nifm = in->channels;
    p.nofm = out->channels;
    p.sofm = out->size;
    p.sfil = *kernel;
    if (*stride != PhyDim2{1, 1})
        p.strd = *stride;
    if (groups == 1) {
        addLayer(node, index, p, in->producers);
        return NodeOutcome::mapped();
    }
    if (groups == in->channels && out->channels == in->channels) {
        p.type = LayerType::DWConv;
        p.nifm = 0;
        addLayer(node, index, p, in->producers);
        return NodeOutcome::mapped();
    }
    if (groups > kMaxConvGroups)
        return NodeOutcome::refuse("a grouped convolution of " + std::to_string(groups) + " groups would become "
                                   + std::to_string(groups) + " layers (one per group); at most "
                                   + std::to_string(kMaxConvGroups) + " are imported");
    p.nifm /= static_cast<int>(groups);
    p.nofm /= static_cast<int>(groups);
    return mapGroupedConv(node, index, p, static_cast<int>(groups));
}

NodeOutcome GraphMapper::mapGroupedConv(const ::onnx::NodeProto& node, int index, const LayerParams& perGroup,
                                        int groups)
{
    // The model's conv layers connect every input channel to every output channel, so a grouped
    // convolution becomes one layer per group, each fed by its own slice of channels: the layers
    // making the input are divided where the groups begin (nn_dataflow's AlexNet is written so).
    const std::string x = node.input(0);
    std::vector<int> cuts;
    for (int g = 1; g < groups; ++g)
        cuts.push_back(g * perGroup.nifm);
    std::string why;
    if (!ensureBoundaries([this, x] { return flow(x)->producers; }, cuts, why))
        return NodeOutcome::refuse("a grouped convolution (" + std::to_string(groups) + " groups): " + why);
    const std::vector<std::string> producers = flow(x)->producers;
    const std::string base = layerName(node);
    m_names.erase(base);
    Flow out{{}, perGroup.nofm * groups, perGroup.sofm, false};
    for (int g = 0; g < groups; ++g) {
        PlannedLayer layer;
        layer.name = freshName(base + pieceSuffix(static_cast<std::size_t>(g), static_cast<std::size_t>(groups)));
        layer.params = perGroup;
        layer.prevs = producersInRange(producers, g * perGroup.nifm, (g + 1) * perGroup.nifm);
        layer.node = index;
        m_records.back().layers.push_back(layer.name);
        out.producers.push_back(layer.name);
        m_layers.push_back(std::move(layer));
    }
    setFlow(node.output(0), std::move(out));
    return NodeOutcome::mapped();
}

NodeOutcome GraphMapper::mapFullyConnected(const ::onnx::NodeProto& node, int index)
{
    const bool gemm = node.op_type() == "Gemm";
    const Flow* in = flow(node.input(0));
    if (!in || isActivation(node.input(1)))
        return NodeOutcome::refuse(node.op_type()
                                   + " of two activations (e.g. attention) has no layer kind; expected weights as "
                                     "its second input");
    if (gemm && intAttribute(node, "transA", 0) != 0)
        return NodeOutcome::refuse("Gemm with transA = 1 multiplies the batch away; expected transA = 0");
    const Dims* a = dimsOf(node.input(0));
    if (a && a->size() != 2)
        return NodeOutcome::refuse("MatMul over a rank-" + std::to_string(a->size())
                                   + " tensor (a sequence) has no layer kind; expected [batch, features]");
    auto out = extentOf(node.output(0), node, index);
    if (!out)
        return NodeOutcome{OperatorFate::Mapped, {}, {}, out.diagnostics().front()};
    if (out->rank != 2)
        return NodeOutcome::refuse(node.op_type() + " giving a rank-" + std::to_string(out->rank)
                                   + " tensor has no layer kind; expected [batch, features]");
    LayerParams p;
    p.type = LayerType::FC;
    p.nifm = in->channels;
    p.nofm = out->channels;
    p.sofm = {1, 1};
    p.sfil = in->size; // a flattened C x H x W input is an FC layer with an H x W filter (the zoo's fc1)
    addLayer(node, index, p, in->producers);
    return NodeOutcome::mapped();
}

NodeOutcome GraphMapper::mapPool(const ::onnx::NodeProto& node, int index, bool global)
{
    const Flow* in = flow(node.input(0));
    if (in->flattened)
        return NodeOutcome::refuse("pooling over a flattened tensor has no layer kind");
    auto inExtent = extentOf(node.input(0), node, index);
    auto out = extentOf(node.output(0), node, index);
    if (!inExtent || !out)
        return NodeOutcome{OperatorFate::Mapped, {}, {}, (!out ? out : inExtent).diagnostics().front()};
    LayerParams p;
    p.type = LayerType::Pooling;
    p.nofm = out->channels;
    p.sofm = out->size;
    if (global) {
        p.sfil = inExtent->size;
    } else {
        const auto dilations = intsAttribute(node, "dilations", {});
        if (!allOnes(dilations))
            return NodeOutcome::refuse("a dilated pooling window (dilations " + pairText(dilations)
                                       + ") has no layer kind");
        const auto kernelDims = intsAttribute(node, "kernel_shape", {});
        const auto kernel = spatial(kernelDims);
        const auto stride = spatial(intsAttribute(node, "strides", Dims(kernelDims.size(), 1)));
        if (!kernel || !stride)
            return NodeOutcome{OperatorFate::Mapped,
                               {},
                               {},
                               modelError(m_file, nodeKey(node, index),
                                          "kernel_shape " + pairText(kernelDims)
                                              + " is not a 1-D or 2-D window of positive sizes")};
        p.sfil = *kernel;
        if (*stride != *kernel)
            p.strd = *stride;
    }
    addLayer(node, index, p, in->producers);
    return NodeOutcome::mapped();
}

NodeOutcome GraphMapper::mapEltwise(const ::onnx::NodeProto& node, int index)
{
    const auto ins = activationInputs(node);
    if (ins.size() == 1)
        return foldElementwise(node, index);
    auto out = extentOf(node.output(0), node, index);
    if (!out)
        return NodeOutcome{OperatorFate::Mapped, {}, {}, out.diagnostics().front()};
    LayerParams p;
    p.type = LayerType::Eltwise;
    p.nofm = out->channels;
    p.sofm = out->size;
    p.nreg = static_cast<int>(ins.size());
    std::vector<std::string> prevs;
    for (const auto& name : ins) {
        const Flow* f = flow(name);
        if (f->channels * f->size.size() != out->channels * out->size.size())
            return NodeOutcome::refuse("it broadcasts '" + name + "' (" + extentText(f->channels, f->size) + ") to "
                                       + extentText(out->channels, out->size)
                                       + "; an element-wise layer adds operands of one shape");
        prevs.insert(prevs.end(), f->producers.begin(), f->producers.end());
    }
    addLayer(node, index, p, prevs);
    return NodeOutcome::mapped();
}

NodeOutcome GraphMapper::mapConcat(const ::onnx::NodeProto& node, int index)
{
    auto out = extentOf(node.output(0), node, index);
    if (!out)
        return NodeOutcome{OperatorFate::Mapped, {}, {}, out.diagnostics().front()};
    std::int64_t axis = intAttribute(node, "axis", 1);
    if (axis < 0)
        axis += out->rank;
    if (axis != 1)
        return NodeOutcome::refuse("a concatenation along axis " + std::to_string(axis)
                                   + " has no layer form; expected channels (axis 1)");
    Flow joined;
    for (const auto& name : node.input()) {
        const Flow* f = flow(name);
        if (!f)
            return NodeOutcome::refuse("it concatenates the constant '" + name
                                       + "' to activations; expected activations only");
        if (!joined.producers.empty() && (f->size != joined.size || f->flattened != joined.flattened))
            return NodeOutcome::refuse("its operands have different fmap sizes");
        joined.producers.insert(joined.producers.end(), f->producers.begin(), f->producers.end());
        joined.channels += f->channels;
        joined.size = f->size;
        joined.flattened = f->flattened;
    }
    std::string list;
    for (std::size_t i = 0; i < joined.producers.size(); ++i)
        list += (i ? ", " : "") + joined.producers[i];
    setFlow(node.output(0), std::move(joined));
    return NodeOutcome::folded("channel concatenation: its consumers take prevs [" + list + "]");
}

NodeOutcome GraphMapper::mapLrn(const ::onnx::NodeProto& node, int index)
{
    const Flow* in = flow(node.input(0));
    auto out = extentOf(node.output(0), node, index);
    if (!out)
        return NodeOutcome{OperatorFate::Mapped, {}, {}, out.diagnostics().front()};
    const std::int64_t size = intAttribute(node, "size", 0);
    if (size < 1 || size > out->channels)
        return NodeOutcome{OperatorFate::Mapped,
                           {},
                           {},
                           modelError(m_file, nodeKey(node, index),
                                      "size " + std::to_string(size) + " is not a channel window of 1 to "
                                          + std::to_string(out->channels))};
    LayerParams p;
    p.type = LayerType::LocalRegion;
    p.nofm = out->channels;
    p.sofm = out->size;
    p.nreg = static_cast<int>(size);
    addLayer(node, index, p, in->producers);
    return NodeOutcome::mapped();
}

NodeOutcome GraphMapper::mapReshape(const ::onnx::NodeProto& node, int index)
{
    const Flow* in = flow(node.input(0));
    if (!in)
        return NodeOutcome::refuse("it reshapes a constant into an activation");
    auto out = extentOf(node.output(0), node, index);
    if (!out)
        return NodeOutcome{OperatorFate::Mapped, {}, {}, out.diagnostics().front()};
    Flow f = *in;
    const std::int64_t elements = static_cast<std::int64_t>(in->channels) * in->size.size();
    if (out->channels == in->channels && out->size == in->size) {
        f.flattened = false; // the same channels and fmap (a squeeze, or unflattening back)
    } else if (out->channels == elements && out->size == PhyDim2{1, 1}) {
        f.flattened = in->size != PhyDim2{1, 1}; // flattening for a fully-connected layer
    } else {
        return NodeOutcome::refuse("it rearranges " + extentText(in->channels, in->size) + " into "
                                   + extentText(out->channels, out->size)
                                   + ", which changes what channels and pixels are; the layers keep them");
    }
    const char* why = f.flattened ? "flattens the fmaps for the fully-connected layer after it"
                                  : "reshape that keeps channels and fmap size";
    setFlow(node.output(0), std::move(f));
    return NodeOutcome::folded(why);
}

NodeOutcome GraphMapper::mapTranspose(const ::onnx::NodeProto& node, int index)
{
    const Dims* dims = dimsOf(node.input(0));
    const auto perm = intsAttribute(node, "perm", {});
    // Only a permutation that moves nothing but dimensions of size 1 keeps the data in place.
    bool moves = false;
    std::int64_t last = -1;
    for (const auto p : perm) {
        if (!dims || p < 0 || p >= static_cast<std::int64_t>(dims->size()))
            return NodeOutcome::refuse("its permutation does not fit its input");
        if ((*dims)[static_cast<std::size_t>(p)] == 1)
            continue;
        moves = moves || p < last;
        last = p;
    }
    if (perm.empty() || moves)
        return NodeOutcome::refuse("a transpose that moves data between channels and pixels has no layer kind");
    return mapReshape(node, index);
}

NodeOutcome GraphMapper::foldElementwise(const ::onnx::NodeProto& node, int index)
{
    const std::string& op = node.op_type();
    if (!isElementwise(op) && op != "Add" && op != "Sum")
        return NodeOutcome::refuse(op + " has no layer kind in the model");
    const auto ins = activationInputs(node);
    const Flow source = *flow(ins.front());
    // Two activations in one element-wise operator are a gate (x * sigmoid(x)) only when both come
    // from the same layers; anything else (a squeeze-and-excitation scale) has no layer kind.
    for (const auto& other : ins)
        if (flow(other)->producers != source.producers)
            return NodeOutcome::refuse(op + " of two different activations has no layer kind");
    if (const Dims* dims = dimsOf(node.output(0)); dims && op != "Pad") {
        auto out = extentOf(node.output(0), node, index);
        if (out && (out->channels != source.channels || out->size != source.size) && !source.flattened)
            return NodeOutcome::refuse(op + " changes the shape from " + extentText(source.channels, source.size)
                                       + " to " + extentText(out->channels, out->size));
    }
    setFlow(node.output(0), source);
    for (int o = 1; o < node.output_size(); ++o)
        m_constants.insert(node.output(o)); // Dropout's mask, BatchNormalization's running statistics
    if (op == "Pad")
        return NodeOutcome::folded("explicit padding: the consumer's window tolerates it");
    if (ins.size() > 1)
        return NodeOutcome::folded("gated activation of one tensor");
    if (ins.size() < static_cast<std::size_t>(
            std::count_if(node.input().begin(), node.input().end(), [](const std::string& s) { return !s.empty(); }))
        && (op == "Add" || op == "Sub" || op == "Mul" || op == "Div" || op == "Pow" || op == "Max" || op == "Min"
            || op == "Sum"))
        return NodeOutcome::folded("element-wise with a constant (bias or scale)");
    if (op.find("Normalization") != std::string::npos)
        return NodeOutcome::folded("normalisation, folded into the layer before");
    if (op == "Dropout" || op == "Identity" || op == "Cast")
        return NodeOutcome::folded("no effect on inference shapes");
    return NodeOutcome::folded("element-wise activation");
}

} // namespace kapla::onnximport
