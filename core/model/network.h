#pragma once
// The network DAG: one input layer, optional external inputs, and named layers in insertion order.

#include "model/layer.h"
#include "util/diagnostic.h"

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace kapla {

/// Index of a layer in its network's insertion order.
struct LayerId {
    int value = -1;
    bool valid() const { return value >= 0; }
    bool operator==(const LayerId&) const = default;
    auto operator<=>(const LayerId&) const = default;
};

/// A named layer and the producers it consumes (concatenated channel-wise in this order).
struct NetworkLayer {
    std::string name;
    Layer layer;
    std::vector<std::string> prevs; ///< producer names; Network::kInputName for the input

    bool operator==(const NetworkLayer&) const = default;
};

/// An external input (e.g. an LSTM initial state) that lives in memory like the network input.
struct ExternalInput {
    std::string name;
    Layer layer; ///< an InputLayer

    bool operator==(const ExternalInput&) const = default;
};

/// A neural network as a DAG of layers with nn_dataflow's add/merge rules.
class Network
{
public:
    /// The reserved name under which layers refer to the network input.
    static constexpr std::string_view kInputName = "__INPUT__";

    explicit Network(std::string name = {}, Layer input = makeInputLayer(1, {1, 1}));

    const std::string& name() const { return m_name; }
    void setName(std::string name) { m_name = std::move(name); }
    const Layer& input() const { return m_input; }
    void setInput(Layer input) { m_input = std::move(input); }

    /// Adds an external input; fails on a duplicate name.
    Diagnostics addExternal(std::string name, Layer input);
    const std::vector<ExternalInput>& externals() const { return m_externals; }

    /// Adds a layer; empty `prevs` means the last added layer (or the input). Nothing changes on error.
    Diagnostics add(std::string name, Layer layer, std::vector<std::string> prevs = {});

    /// Replaces the layer at `id` (same name and prevs) if it still chains with its neighbours.
    Diagnostics replace(LayerId id, Layer layer);

    std::size_t size() const { return m_layers.size(); }
    const NetworkLayer& at(LayerId id) const { return m_layers.at(static_cast<std::size_t>(id.value)); }
    const std::vector<NetworkLayer>& layers() const { return m_layers; }
    /// The id of a named layer, or an invalid id.
    LayerId find(std::string_view name) const;
    /// True if `name` is the input, an external or a layer.
    bool contains(std::string_view name) const;

    /// The consumers of a layer in insertion order (empty for a network output).
    std::vector<LayerId> nexts(LayerId id) const;
    /// Layers fed only by the input and externals.
    std::vector<LayerId> firsts() const;
    /// Layers nobody consumes (network outputs).
    std::vector<LayerId> lasts() const;

    /// The output-side (nofm, sofm) of a producer name, if it exists.
    const Layer* producer(std::string_view name) const;

    /// Total operations (MACs) for a batch.
    std::int64_t totalOps(std::int64_t batch = 1) const;

    bool operator==(const Network&) const = default;

private:
    Diagnostics checkChain(const std::string& name, const Layer& layer, const std::vector<std::string>& prevs) const;

    std::string m_name;
    Layer m_input;
    std::vector<ExternalInput> m_externals;
    std::vector<NetworkLayer> m_layers;
    // Kept with m_layers so that lookups cost no scan of the layers, whatever the depth.
    std::map<std::string, LayerId, std::less<>> m_idOfName;
    std::vector<std::vector<LayerId>> m_nexts; ///< per layer, in insertion order
};

} // namespace kapla
