#pragma once
// The network as the user edits it: layers that may not (yet) chain, checked field by field.

#include "model/network.h"

#include <optional>
#include <string>
#include <vector>

/// A layer as written by the user; it may be impossible or not chain with its producers.
struct DraftLayer {
    std::string name;
    kapla::LayerParams params;
    std::vector<std::string> prevs; ///< producer names in concatenation order

    bool operator==(const DraftLayer&) const = default;
};

/// The editable form of a kapla::Network. kapla::Network refuses any layer that does not chain,
/// but editing channels one cell at a time passes through such states, so the document keeps this
/// and builds the Network from it whenever it is valid.
struct NetworkDraft {
    std::string name;
    int inputNofm = 1;
    kapla::PhyDim2 inputSofm{1, 1};
    std::vector<kapla::ExternalInput> externals;
    std::vector<DraftLayer> layers;

    /// The draft of a valid network (prevs as stored, never empty).
    static NetworkDraft fromNetwork(const kapla::Network& network);

    bool operator==(const NetworkDraft&) const = default;
};

/// The fields of a layer a user writes in the layer table.
enum class LayerField { Name, Type, Nifm, Nofm, Sofm, Sfil, Strd, Prevs };

/// One problem of a draft, pinned to the field to fix; row -1 is the network as a whole.
struct DraftIssue {
    int row = -1;
    LayerField field = LayerField::Name;
    std::string message;
};

/// The outcome of checking a draft: per-row layers (when their own numbers are possible), the
/// issues, and the network when there are none.
struct DraftCheck {
    std::vector<std::optional<kapla::Layer>> layers;
    std::vector<DraftIssue> issues;
    std::optional<kapla::Network> network;

    bool ok() const { return network.has_value(); }
    /// The issues of one row, in the order found.
    std::vector<DraftIssue> issuesOf(int row) const;
};

/// Checks every layer (its own numbers, its name, its producers, channels and fmap sizes) and
/// builds the network when everything holds.
DraftCheck checkDraft(const NetworkDraft& draft);

/// The effective stride of a layer: the explicit one, else the type's default (sreg for pooling).
kapla::PhyDim2 effectiveStride(const kapla::LayerParams& params);

/// True if the field means something for the layer type (FC has no fmap size, pooling derives nifm).
bool fieldApplies(kapla::LayerType type, LayerField field);
