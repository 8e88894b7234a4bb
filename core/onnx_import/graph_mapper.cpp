#include "onnx_import/graph_mapper.h"

#include <algorithm>
#include <limits>

namespace kapla::onnximport {

namespace {

std::string sizeText(const Extent& e)
{
    return std::to_string(e.channels) + "x" + std::to_string(e.size.h) + "x" + std::to_string(e.size.w);
}

std::string fileStem(const std::string& file)
{
    std::string stem = file.substr(file.find_last_of('/') + 1);
    return stem.substr(0, stem.rfind('.'));
}

} // namespace

GraphMapper::GraphMapper(const ::onnx::ModelProto& model, std::string file, int batch, bool skipUnsupported,
                         std::string nodeErrors)
    : m_model(model)
    , m_graph(model.graph())
    , m_file(std::move(file))
    , m_batch(batch)
    , m_skip(skipUnsupported)
    , m_shapes(collectShapes(model.graph()))
    , m_nodeErrors(std::move(nodeErrors))
{
    for (const auto& t : m_graph.initializer()) {
        m_constants.insert(t.name());
        m_known.insert(t.name());
    }
    for (const auto& in : m_graph.input())
        m_known.insert(in.name());
    for (const auto& node : m_graph.node())
        m_known.insert(node.output().begin(), node.output().end());
    m_names.insert(std::string(Network::kInputName));
}

std::string pieceSuffix(std::size_t i, std::size_t count)
{
    if (count <= 26)
        return std::string(1, '_') + static_cast<char>('a' + i);
    return "_g" + std::to_string(i);
}

Result<Import> GraphMapper::run()
{
    if (Diagnostics errs = mapInputs(); !errs.empty())
        return errs;
    for (int i = 0; i < m_graph.node_size(); ++i)
        mapNode(i);
    if (!m_errors.empty())
        return m_errors;
    if (Diagnostics errs = unsupportedErrors(); !errs.empty())
        return errs;
    auto network = buildNetwork();
    if (!network)
        return network.diagnostics();
    ImportReport report = makeReport(network.value());
    return Import{std::move(network).value(), std::move(report)};
}

Diagnostics GraphMapper::mapInputs()
{
    const auto inputs = dataInputs(m_graph);
    if (inputs.empty())
        return {modelError(m_file, "graph",
                           "the graph has no data input; expected an input tensor such as "
                           "[batch, channels, height, width]")};
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        const std::string& name = inputs[i];
        ::onnx::NodeProto none;
        none.set_name(name);
        auto extent = extentOf(name, none, -1);
        if (!extent)
            return extent.diagnostics();
        Flow f;
        f.channels = extent->channels;
        f.size = extent->size;
        if (i == 0) {
            m_input = makeInputLayer(f.channels, f.size);
            f.producers = {std::string(Network::kInputName)};
            m_inputNotes.push_back("input '" + name + "' (" + sizeText(extent.value()) + ") is the network input");
        } else {
            const std::string external = freshName(name);
            m_externals.push_back({external, makeInputLayer(f.channels, f.size)});
            f.producers = {external};
            m_inputNotes.push_back("input '" + name + "' (" + sizeText(extent.value()) + ") is the external input '"
                                   + external + "'");
        }
        setFlow(name, std::move(f));
    }
    return {};
}

void GraphMapper::mapNode(int index)
{
    const auto& node = m_graph.node(index);
    Record record;
    record.op.node = nodeLabel(node, index);
    record.op.opType = node.domain().empty() || node.domain() == "ai.onnx" ? node.op_type()
                                                                           : node.domain() + "." + node.op_type();
    record.op.macs = operatorMacs(node, m_shapes);
    m_records.push_back(std::move(record));

    for (const auto& in : node.input()) {
        if (in.empty())
            continue;
        if (!m_known.count(in)) {
            m_errors.push_back(modelError(m_file, nodeKey(node, index),
                                          "input '" + in
                                              + "' is produced by no node and is no graph input or "
                                                "initializer; expected a connected graph"));
            return;
        }
        // A node fed by a skipped node's output that has no shape the network can hold is skipped too.
        if (m_lost.count(in)) {
            skipNode(node, index, std::string(kFromSkipped) + " ('" + in + "')");
            return;
        }
    }

    if (node.output_size() == 0 || node.output(0).empty()) {
        m_errors.push_back(modelError(m_file, nodeKey(node, index), "has no output; expected at least one"));
        return;
    }
    const std::string& type = node.op_type();
    if ((type == "Conv" || type == "Gemm" || type == "MatMul") && node.input_size() < 2) {
        m_errors.push_back(modelError(m_file, nodeKey(node, index),
                                      "has " + std::to_string(node.input_size()) + " input; expected 2 or more"));
        return;
    }
    if (activationInputs(node).empty()) {
        // Only constants in: a constant (or shape) computation, folded into the values it makes.
        for (const auto& out : node.output())
            m_constants.insert(out);
        m_records.back().op.fate = OperatorFate::Folded;
        m_records.back().op.detail = "computes constants (no activation input)";
        m_records.back().op.macs.reset();
        return;
    }
    NodeOutcome outcome = dispatch(node, index);
    if (outcome.error) {
        m_errors.push_back(*outcome.error);
        return;
    }
    if (!outcome.unsupported.empty()) {
        skipNode(node, index, outcome.unsupported);
        return;
    }
    auto& op = m_records.back().op;
    op.fate = outcome.fate;
    if (outcome.fate == OperatorFate::Folded) {
        op.detail = outcome.detail;
        op.macs.reset();
    }
}

void GraphMapper::skipNode(const ::onnx::NodeProto& node, int index, const std::string& why)
{
    Record& record = m_records.back();
    record.op.fate = OperatorFate::Skipped;
    record.unsupported = why;
    std::string detail = why;
    // What takes the skipped node's place, so that its consumers still chain: its input when the
    // shape is the same, else a new external input of its output's shape.
    for (int o = 0; o < node.output_size(); ++o) {
        const std::string& out = node.output(o);
        if (out.empty())
            continue;
        const Dims* dims = dimsOf(out);
        auto extent = dims ? extentOf(out, node, index) : Result<Extent>(Diagnostics{});
        if (!extent) {
            m_constants.erase(out);
            m_lost.insert(out);
            detail += "; its output '" + out + "' has no shape the network can hold, so what consumes it is skipped";
            continue;
        }
        const auto ins = activationInputs(node);
        const auto same = std::find_if(ins.begin(), ins.end(), [&](const std::string& in) {
            const Flow* f = flow(in);
            return f->channels == extent->channels && f->size == extent->size;
        });
        if (o == 0 && same != ins.end()) {
            setFlow(out, *flow(*same));
            detail += "; passed through: its output has the shape of its input '" + *same + "'";
            continue;
        }
        const std::string external = freshName(out);
        m_externals.push_back({external, makeInputLayer(extent->channels, extent->size)});
        setFlow(out, Flow{{external}, extent->channels, extent->size, false});
        detail += "; its output '" + out + "' (" + sizeText(extent.value()) + ") becomes the external input '"
                + external + "'";
    }
    record.op.detail = detail;
}

NodeOutcome GraphMapper::dispatch(const ::onnx::NodeProto& node, int index)
{
    if (!node.domain().empty() && node.domain() != "ai.onnx")
        return NodeOutcome::refuse("an operator of the custom domain '" + node.domain() + "' has no layer kind");
    const std::string& op = node.op_type();
    if (op == "Conv")
        return mapConv(node, index);
    if (op == "Gemm" || op == "MatMul")
        return mapFullyConnected(node, index);
    if (op == "MaxPool" || op == "AveragePool")
        return mapPool(node, index, false);
    if (op == "GlobalAveragePool" || op == "GlobalMaxPool")
        return mapPool(node, index, true);
    if (op == "Add" || op == "Sum")
        return mapEltwise(node, index);
    if (op == "Concat")
        return mapConcat(node, index);
    if (op == "LRN")
        return mapLrn(node, index);
    if (op == "Flatten" || op == "Reshape" || op == "Squeeze" || op == "Unsqueeze")
        return mapReshape(node, index);
    if (op == "Transpose")
        return mapTranspose(node, index);
    if (op == "Shape" || op == "Size") {
        for (const auto& out : node.output())
            m_constants.insert(out);
        return NodeOutcome::folded("reads only the shape of its input");
    }
    return foldElementwise(node, index);
}

const Flow* GraphMapper::flow(const std::string& tensor) const
{
    const auto it = m_flows.find(tensor);
    return it == m_flows.end() ? nullptr : &it->second;
}

std::vector<std::string> GraphMapper::activationInputs(const ::onnx::NodeProto& node) const
{
    std::vector<std::string> out;
    for (const auto& in : node.input())
        if (!in.empty() && isActivation(in))
            out.push_back(in);
    return out;
}

const Dims* GraphMapper::dimsOf(const std::string& tensor) const
{
    const auto it = m_shapes.find(tensor);
    return it == m_shapes.end() ? nullptr : &it->second;
}

Result<Extent> GraphMapper::extentOf(const std::string& tensor, const ::onnx::NodeProto& node, int index) const
{
    const std::string where = index < 0 ? "input '" + tensor + "'" : nodeKey(node, index);
    const std::string of = index < 0 ? "the input" : "its output '" + tensor + "'";
    const Dims* dims = dimsOf(tensor);
    if (!dims) {
        std::string onnxSays;
        if (index >= 0 && !node.name().empty() && m_nodeErrors.find(node.name()) != std::string::npos)
            onnxSays = " (ONNX shape inference: " + m_nodeErrors.substr(0, m_nodeErrors.find("\n\n")) + ")";
        return modelError(m_file, where,
                          "the shape of " + of + " is unknown" + onnxSays
                              + "; expected a model with static shapes (value infos, or shapes ONNX can infer "
                                "from fixed input sizes)");
    }
    if (dims->size() < 2 || dims->size() > 4)
        return modelError(m_file, where,
                          "the shape of " + of + " has rank " + std::to_string(dims->size())
                              + "; expected [batch, channels, height, width], [batch, channels, length] or "
                                "[batch, features]");
    for (std::size_t d = 1; d < dims->size(); ++d)
        if ((*dims)[d] <= 0 || (*dims)[d] > std::numeric_limits<int>::max())
            return modelError(m_file, where,
                              "dimension " + std::to_string(d) + " of " + of
                                  + (((*dims)[d] < 0) ? " is not a fixed number" : " is out of range")
                                  + "; expected a model with static shapes (export it with a fixed input size)");
    if ((*dims)[0] >= 0 && (*dims)[0] != m_batch)
        return modelError(m_file, where,
                          "the batch dimension of " + of + " is " + std::to_string((*dims)[0]) + ", not the batch "
                              + std::to_string(m_batch)
                              + " of the inputs; expected the batch to stay the first "
                                "dimension");
    Extent e;
    e.rank = static_cast<int>(dims->size());
    e.channels = static_cast<int>((*dims)[1]);
    e.size = {dims->size() > 2 ? static_cast<int>((*dims)[2]) : 1, dims->size() > 3 ? static_cast<int>((*dims)[3]) : 1};
    return e;
}

void GraphMapper::setFlow(const std::string& tensor, Flow flow)
{
    m_constants.erase(tensor);
    m_flows[tensor] = std::move(flow);
}

std::string GraphMapper::freshName(const std::string& wanted)
{
    std::string name = wanted.empty() ? "layer" : wanted;
    for (int i = 2; m_names.count(name); ++i)
        name = wanted + "_" + std::to_string(i);
    m_names.insert(name);
    return name;
}

std::string GraphMapper::layerName(const ::onnx::NodeProto& node)
{
    return freshName(!node.name().empty() ? node.name() : node.output(0));
}

void GraphMapper::addLayer(const ::onnx::NodeProto& node, int index, LayerParams params, std::vector<std::string> prevs)
{
    PlannedLayer layer{layerName(node), params, std::move(prevs), index};
    m_records.back().layers.push_back(layer.name);
    setFlow(node.output(0), Flow{{layer.name}, params.nofm, params.sofm, false});
    m_layers.push_back(std::move(layer));
}

int GraphMapper::channelsOf(const std::string& producer) const
{
    if (producer == Network::kInputName)
        return m_input.nofm();
    for (const auto& e : m_externals)
        if (e.name == producer)
            return e.layer.nofm();
    for (const auto& l : m_layers)
        if (l.name == producer)
            return l.params.nofm;
    return 0;
}

std::vector<std::string> GraphMapper::producersInRange(const std::vector<std::string>& producers, int from,
                                                       int to) const
{
    std::vector<std::string> out;
    int start = 0;
    for (const auto& p : producers) {
        const int end = start + channelsOf(p);
        if (start >= from && end <= to)
            out.push_back(p);
        start = end;
    }
    return out;
}

bool GraphMapper::ensureBoundaries(const std::function<std::vector<std::string>()>& producers,
                                   const std::vector<int>& cuts, std::string& why)
{
    // Each split renames producers everywhere, so the list is read again after every one.
    for (bool split = true; split;) {
        split = false;
        int start = 0;
        for (const auto& p : producers()) {
            const int end = start + channelsOf(p);
            std::vector<int> inside;
            for (const int c : cuts)
                if (c > start && c < end)
                    inside.push_back(c - start);
            if (!inside.empty()) {
                if (!splitProducer(p, inside, why))
                    return false;
                split = true;
                break;
            }
            start = end;
        }
    }
    return true;
}

bool GraphMapper::splitProducer(const std::string& name, const std::vector<int>& cuts, std::string& why)
{
    const auto it = std::find_if(m_layers.begin(), m_layers.end(), [&](const auto& l) { return l.name == name; });
    if (it == m_layers.end()) {
        why = "its groups would split the channels of the input '" + name
            + "', and a network input cannot be divided; expected a layer before the grouped convolution";
        return false;
    }
    const LayerType type = it->params.type;
    const int channels = it->params.nofm;
    const bool byChannel = type == LayerType::DWConv || type == LayerType::Pooling || type == LayerType::LocalRegion
                        || type == LayerType::Eltwise;
    if (type != LayerType::Conv && type != LayerType::FC && !byChannel) {
        why = "its groups would split the layer '" + name + "', which cannot be divided by channel";
        return false;
    }
    std::vector<int> bounds{0};
    bounds.insert(bounds.end(), cuts.begin(), cuts.end());
    bounds.push_back(channels);
    if (byChannel) {
        // Channel-wise layers read the same channels they write: their producers divide at the same
        // places (in each of an element-wise layer's operands).
        const int operands = type == LayerType::Eltwise ? it->params.nreg : 1;
        std::vector<int> inputCuts;
        for (int k = 0; k < operands; ++k)
            for (const int c : cuts)
                inputCuts.push_back(k * channels + c);
        const auto prevsOf = [this, name] {
            const auto l = std::find_if(m_layers.begin(), m_layers.end(),
                                        [&](const auto& x) { return x.name == name; });
            return l->prevs;
        };
        if (!ensureBoundaries(prevsOf, inputCuts, why))
            return false;
    }
    const auto at = std::find_if(m_layers.begin(), m_layers.end(), [&](const auto& l) { return l.name == name; });
    const PlannedLayer whole = *at;
    std::vector<PlannedLayer> pieces;
    std::vector<std::string> names;
    m_names.erase(name);
    for (std::size_t i = 0; i + 1 < bounds.size(); ++i) {
        PlannedLayer piece = whole;
        piece.name = freshName(name + pieceSuffix(i, bounds.size() - 1));
        piece.params.nofm = bounds[i + 1] - bounds[i];
        if (byChannel) {
            piece.prevs.clear();
            const int operands = type == LayerType::Eltwise ? whole.params.nreg : 1;
            for (int k = 0; k < operands; ++k)
                for (auto& p : producersInRange(whole.prevs, k * channels + bounds[i], k * channels + bounds[i + 1]))
                    piece.prevs.push_back(std::move(p));
        }
        names.push_back(piece.name);
        pieces.push_back(std::move(piece));
    }
    const auto pos = m_layers.erase(at);
    m_layers.insert(pos, pieces.begin(), pieces.end());
    replaceProducer(name, names);
    return true;
}

void GraphMapper::replaceProducer(const std::string& name, const std::vector<std::string>& pieces)
{
    const auto replaceIn = [&](std::vector<std::string>& list) {
        for (auto it = list.begin(); it != list.end();) {
            if (*it == name) {
                it = list.erase(it);
                it = list.insert(it, pieces.begin(), pieces.end()) + static_cast<std::ptrdiff_t>(pieces.size());
            } else {
                ++it;
            }
        }
    };
    for (auto& l : m_layers)
        replaceIn(l.prevs);
    for (auto& [tensor, f] : m_flows)
        replaceIn(f.producers);
    for (auto& r : m_records)
        replaceIn(r.layers);
}

Result<Network> GraphMapper::buildNetwork() const
{
    std::string name = m_graph.name().empty() ? fileStem(m_file) : m_graph.name();
    Network net(name, m_input);
    for (const auto& e : m_externals)
        net.addExternal(e.name, e.layer);
    Diagnostics errs;
    for (const auto& planned : m_layers) {
        const std::string key = nodeKey(m_graph.node(planned.node), planned.node);
        auto layer = makeLayer(planned.params);
        if (!layer) {
            for (const auto& d : layer.diagnostics())
                errs.push_back(modelError(m_file, key, "layer '" + planned.name + "': " + d.key + ": " + d.message));
            continue;
        }
        for (const auto& d : net.add(planned.name, layer.value(), planned.prevs))
            errs.push_back(modelError(m_file, key,
                                      d.message
                                          + " (the network's layers tolerate padding but need sofm x stride to fit "
                                            "in the input: nn_dataflow's shape rule)"));
    }
    if (!errs.empty())
        return errs;
    return net;
}

Diagnostics GraphMapper::unsupportedErrors() const
{
    if (m_skip)
        return {};
    // One error per kind of problem, naming its nodes: a model with 40 Resize nodes gives one line.
    std::map<std::pair<std::string, std::string>, std::vector<std::string>> groups;
    std::vector<std::pair<std::string, std::string>> order;
    for (const auto& r : m_records) {
        if (r.unsupported.empty() || r.unsupported.starts_with(kFromSkipped))
            continue;
        const auto key = std::make_pair(r.op.opType, r.unsupported);
        if (!groups.count(key))
            order.push_back(key);
        groups[key].push_back(r.op.node);
    }
    Diagnostics errs;
    for (const auto& key : order) {
        const auto& nodes = groups[key];
        std::string message = "unsupported operator: " + key.second;
        if (nodes.size() > 1) {
            message += " (" + std::to_string(nodes.size()) + " nodes: ";
            for (std::size_t i = 0; i < nodes.size() && i < 5; ++i)
                message += (i ? ", " : "") + nodes[i];
            message += nodes.size() > 5 ? ", ...)" : ")";
        }
        errs.push_back(modelError(m_file, "node '" + nodes.front() + "' (" + key.first + ")", message));
    }
    return errs;
}

ImportReport GraphMapper::makeReport(const Network& network) const
{
    ImportReport report;
    report.file = m_file;
    report.producer = m_model.producer_name();
    if (!m_model.producer_version().empty())
        report.producer += " " + m_model.producer_version();
    report.opsetVersion = defaultOpset(m_model);
    report.batch = m_batch;
    report.inputNotes = m_inputNotes;
    for (const auto& r : m_records) {
        ImportedOperator op = r.op;
        if (op.fate == OperatorFate::Mapped) {
            op.detail = r.layers.size() == 1 ? "layer " + r.layers.front() : "layers ";
            if (r.layers.size() > 1) {
                for (std::size_t i = 0; i < r.layers.size() && i < 4; ++i)
                    op.detail += (i ? ", " : "") + r.layers[i];
                if (r.layers.size() > 4)
                    op.detail += ", ... (" + std::to_string(r.layers.size()) + " layers)";
            }
        }
        if (op.macs && __builtin_add_overflow(report.modelMacs, *op.macs, &report.modelMacs))
            report.modelMacs = std::numeric_limits<std::int64_t>::max();
        else if (op.fate == OperatorFate::Skipped)
            ++report.unknownMacOperators;
        report.operators.push_back(std::move(op));
    }
    report.coveredMacs = network.totalOps(1);
    return report;
}

} // namespace kapla::onnximport
