#pragma once
// A scheduled layer written out for teaching: the nested loops its directives stand for, what each
// buffer holds, a plain-language reading of the dataflow, and KAPLA's tensor-centric directives.

#include "cost/evaluation.h"
#include "model/architecture.h"
#include "model/project.h"
#include "schedule/directive_types.h"

#include <string>
#include <vector>

namespace kapla {

/// Where a tensor comes from (filters, inputs) or goes to (outputs), as the evaluation counts its words.
enum class DataPlace {
    Nowhere,       ///< no traffic counted
    Dram,          ///< DRAM only
    OnChip,        ///< other nodes' global buffers only (pipelined producer or consumer)
    DramAndOnChip, ///< both
};

/// What the evaluation says about one tensor of a layer: the facts the teaching text states.
struct TensorFacts {
    bool present = false;                 ///< the layer has it (pools and element-wise layers have no filters)
    DataPlace place = DataPlace::Nowhere; ///< source of filters and inputs, destination of outputs
    double dramWords = 0;                 ///< DRAM accesses, all nodes
    double onChipWords = 0;               ///< remote global-buffer accesses, all nodes
    double dramFetches = 0;               ///< times a word enters the global buffer from its source
    double gbufFetches = 0;               ///< times a word enters the register files from the global buffer
    bool inGbuf = true;                   ///< kept in the global buffer (false: bypasses it)
};

/// The facts of filters, inputs and outputs (kCategory order) of a scheduled layer.
PerCategory<TensorFacts> tensorFacts(const Layer& layer, const LayerEvaluation& evaluation);

/// The teaching view of one layer; every part is a list of lines.
struct LoopNest {
    std::string title;                    ///< layer, shape, segment and nodes in one line
    std::vector<std::string> code;        ///< the loop nest (pseudo code with comments), outermost first
    std::vector<std::size_t> loopLines;   ///< the code line of each loop, in LoopScheme::loops() order
    std::vector<std::string> buffers;     ///< what GBUF and REGF hold, and how often data is fetched
    std::vector<std::string> explanation; ///< plain-language sentences about the dataflow
    std::vector<std::string> tensor;      ///< tensor / stack / update per buffer level (KAPLA §2.3)
    PerCategory<TensorFacts> facts;       ///< what the buffer and explanation lines say about each tensor

    /// Every part under a heading, as one text.
    std::string text() const;
};

/// The loop nest of `eval.layers[layer]`; an empty title if the index or the layer is unknown.
LoopNest loopNest(const Project& project, const Architecture& arch, const Evaluation& eval, int layer);

} // namespace kapla
