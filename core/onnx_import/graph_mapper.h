#pragma once
// Internal to core/onnx_import: walks the ONNX graph in order and plans the network's layers. Each
// activation tensor is a Flow: the layers whose outputs, concatenated by channel, make it up.

#include "onnx_import/model_proto.h"
#include "onnx_import/onnx_import.h"

#include "model/layer.h"
#include "model/network.h"

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace kapla::onnximport {

/// An activation tensor in the network's terms.
struct Flow {
    std::vector<std::string> producers; ///< concatenated channel-wise, as a layer's prevs
    int channels = 0;
    PhyDim2 size{1, 1};
    bool flattened = false; ///< the tensor is [batch, channels * size] (before a fully-connected layer)
};

/// A tensor's per-sample extent: channels and fmap size (rank 2: features; rank 3: a 1-D map).
struct Extent {
    int channels = 0;
    PhyDim2 size{1, 1};
    int rank = 0;
    bool operator==(const Extent& o) const { return channels == o.channels && size == o.size; }
};

/// A layer the network will have, and the node it came from.
struct PlannedLayer {
    std::string name;
    LayerParams params;
    std::vector<std::string> prevs;
    int node = -1;
};

/// The outcome of one node: a fate, and for an unsupported node why.
struct NodeOutcome {
    OperatorFate fate = OperatorFate::Folded;
    std::string detail;      ///< folded: why no layer; skipped: why it is unsupported
    std::string unsupported; ///< non-empty: the node cannot be imported, for this reason
    std::optional<Diagnostic> error;

    static NodeOutcome folded(std::string why) { return {OperatorFate::Folded, std::move(why), {}, {}}; }
    static NodeOutcome mapped() { return {OperatorFate::Mapped, {}, {}, {}}; }
    static NodeOutcome refuse(std::string why) { return {OperatorFate::Skipped, {}, std::move(why), {}}; }
};

/// Why a node fed by a skipped node is skipped too (not an error of its own).
inline constexpr const char* kFromSkipped = "its input comes from a skipped operator";

/// Plans the network of a shape-inferred, topologically sorted graph.
class GraphMapper
{
public:
    GraphMapper(const ::onnx::ModelProto& model, std::string file, int batch, bool skipUnsupported,
                std::string nodeErrors);

    /// Maps every node; the network and report, or the errors.
    Result<Import> run();

private:
    // Graph inputs and nodes.
    Diagnostics mapInputs();
    void mapNode(int index);
    NodeOutcome dispatch(const ::onnx::NodeProto& node, int index);
    void skipNode(const ::onnx::NodeProto& node, int index, const std::string& why);

    // The operator rules (operator_rules.cpp).
    NodeOutcome mapConv(const ::onnx::NodeProto& node, int index);
    NodeOutcome mapFullyConnected(const ::onnx::NodeProto& node, int index);
    NodeOutcome mapPool(const ::onnx::NodeProto& node, int index, bool global);
    NodeOutcome mapEltwise(const ::onnx::NodeProto& node, int index);
    NodeOutcome mapConcat(const ::onnx::NodeProto& node, int index);
    NodeOutcome mapLrn(const ::onnx::NodeProto& node, int index);
    NodeOutcome mapReshape(const ::onnx::NodeProto& node, int index);
    NodeOutcome mapTranspose(const ::onnx::NodeProto& node, int index);
    NodeOutcome foldElementwise(const ::onnx::NodeProto& node, int index);
    NodeOutcome mapGroupedConv(const ::onnx::NodeProto& node, int index, const LayerParams& perGroup, int groups);

    // Tensors.
    const Flow* flow(const std::string& tensor) const;
    std::vector<std::string> activationInputs(const ::onnx::NodeProto& node) const;
    bool isActivation(const std::string& tensor) const { return flow(tensor) != nullptr; }
    /// The per-sample extent of a tensor from the inferred shapes, or an error naming the node.
    Result<Extent> extentOf(const std::string& tensor, const ::onnx::NodeProto& node, int index) const;
    const Dims* dimsOf(const std::string& tensor) const;
    void setFlow(const std::string& tensor, Flow flow);

    // Layers.
    std::string freshName(const std::string& wanted);
    std::string layerName(const ::onnx::NodeProto& node);
    /// Adds a planned layer for `node` producing `tensor` (output 0), whose flow becomes the layer.
    void addLayer(const ::onnx::NodeProto& node, int index, LayerParams params, std::vector<std::string> prevs);
    int channelsOf(const std::string& producer) const;

    // Splitting producers by channel (grouped convolutions).
    bool ensureBoundaries(const std::function<std::vector<std::string>()>& producers, const std::vector<int>& cuts,
                          std::string& why);
    bool splitProducer(const std::string& name, const std::vector<int>& cuts, std::string& why);
    void replaceProducer(const std::string& name, const std::vector<std::string>& pieces);
    std::vector<std::string> producersInRange(const std::vector<std::string>& producers, int from, int to) const;

    // The result.
    Result<Network> buildNetwork() const;
    Diagnostics unsupportedErrors() const;
    ImportReport makeReport(const Network& network) const;

    const ::onnx::ModelProto& m_model;
    const ::onnx::GraphProto& m_graph;
    std::string m_file;
    int m_batch;
    bool m_skip;
    std::unordered_map<std::string, Dims> m_shapes;
    std::string m_nodeErrors; ///< ONNX's words about the operators it could not infer

    std::unordered_map<std::string, Flow> m_flows;
    std::unordered_set<std::string> m_constants; ///< initializers and tensors computed from them only
    std::unordered_set<std::string> m_known;     ///< every tensor a node or the graph provides
    std::unordered_set<std::string> m_lost;      ///< skipped nodes' outputs the network cannot hold
    std::vector<PlannedLayer> m_layers;
    std::set<std::string> m_names;
    Layer m_input = makeInputLayer(1, {1, 1});
    std::vector<ExternalInput> m_externals;
    std::vector<std::string> m_inputNotes;

    /// Per node: what it became (the layers it maps to are filled as the plan changes).
    struct Record {
        ImportedOperator op;
        std::vector<std::string> layers;
        std::string unsupported;
    };
    std::vector<Record> m_records;
    Diagnostics m_errors;
};

/// The node's attribute `name`, if present.
const ::onnx::AttributeProto* findAttribute(const ::onnx::NodeProto& node, const std::string& name);
/// An integer list attribute, or `fallback` when absent.
std::vector<std::int64_t> intsAttribute(const ::onnx::NodeProto& node, const std::string& name,
                                        std::vector<std::int64_t> fallback);
/// An integer attribute, or `fallback` when absent.
std::int64_t intAttribute(const ::onnx::NodeProto& node, const std::string& name, std::int64_t fallback);

/// The suffix of piece `i` of `count` when a layer is divided by channel: a letter each, as the zoo's
/// hand-split AlexNet names them (conv2_a, conv2_b), or "_gI" for more than 26 pieces.
std::string pieceSuffix(std::size_t i, std::size_t count);

/// The node's operations per sample by ONNX's shapes (operator_macs.cpp); nullopt when not known.
std::optional<std::int64_t> operatorMacs(const ::onnx::NodeProto& node,
                                         const std::unordered_map<std::string, Dims>& shapes);

} // namespace kapla::onnximport
