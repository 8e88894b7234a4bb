#pragma once
// The one vocabulary of the program: every term a view, figure, tooltip or CLI output uses for the
// dimensions, buffers and directives of a dataflow, with its symbol, one-line meaning and the name
// nn_dataflow (and the schedule files) give it. Help → Glossary lists them all.

#include "model/phy_dim2.h"
#include "schedule/directive_types.h"

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

namespace kapla {

/// Every term of the glossary.
enum class Term {
    Batch,
    OutputChannels,
    OutputFmap,
    InputChannels,
    Dram,
    Gbuf,
    Regf,
    Itcn,
    Noc,
    Mac,
    StaticEnergy,
    Word,
    Filters,
    Inputs,
    Outputs,
    Segment,
    SpatialGroup,
    BatchGroups,
    Partition,
    LoopBlocking,
    LoopOrder,
    BufferSharing,
    RowStationary,
    Systolic,
    TensorBlock,
    Stack,
    Update,
};

/// What a term is called and means.
struct TermInfo {
    Term term;
    std::string_view name;       ///< as written in running text, e.g. "output channels"
    std::string_view symbol;     ///< short form, e.g. "K" (may be empty)
    std::string_view meaning;    ///< one line
    std::string_view nnDataflow; ///< nn_dataflow's and the schedule files' name, e.g. "OUTP" (may be empty)
};

/// Every term, in the glossary's order (dimensions, hardware, data, schedule, mappings, KAPLA directives).
std::span<const TermInfo> glossary();

/// One term.
const TermInfo& termInfo(Term term);

/// The short form for legends and column heads: the symbol ("K", "GBUF"), else the name ("static energy").
std::string_view termShortName(Term term);

/// "output channels (K)", or the bare name when the term has no symbol.
std::string termLabel(Term term);

/// "output channels (K): the filters …; nn_dataflow: OUTP" — a tooltip.
std::string termToolTip(Term term);

/// The dimension a blocking loop runs over: input channels, output channels, batch.
Term loopTerm(LoopDim loop);

/// The tensor of a data category: filters, inputs, outputs (FIL, IFM, OFM order).
Term categoryTerm(std::size_t category);

/// The term of an energy component (kEnergyComponentNames order: MAC, DRAM, GBUF, ITCN, REGF, NoC, static).
Term energyComponentTerm(std::size_t component);

/// The dimension a partition type splits: OUTP → output channels, OFMP → output fmap, BATP → batch,
/// INPP → input channels.
Term partitionTerm(Parallel p);

} // namespace kapla
