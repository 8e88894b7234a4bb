#include "report/vocabulary.h"

#include <array>

namespace kapla {

namespace {

constexpr std::array<TermInfo, 27> kTerms{{
    {Term::Batch, "batch", "N", "the samples processed together; a batch partition gives each node its own samples",
     "BATP"},
    {Term::OutputChannels, "output channels", "K",
     "the output feature maps, one per filter; an output-channel partition gives each node its own filters", "OUTP"},
    {Term::OutputFmap, "output fmap", "P",
     "the rows and columns of the output feature map; an fmap partition gives each node a tile of it", "OFMP"},
    {Term::InputChannels, "input channels", "C",
     "the input feature maps a filter sums over; an input-channel partition adds the nodes' partial sums", "INPP"},
    {Term::Dram, "DRAM", "", "the off-chip memory: the most expensive place to read or write a word", "DRAM"},
    {Term::Gbuf, "global buffer", "GBUF", "each node's on-chip SRAM, shared by the node's PEs", "GBUF"},
    {Term::Regf, "register file", "REGF", "each PE's small private store next to its multiplier", "REGF"},
    {Term::Itcn, "array interconnect", "ITCN", "the wires that carry words between a node's GBUF and its PEs", "ITCN"},
    {Term::Noc, "network-on-chip", "NoC", "the mesh links between nodes; energy is counted per word per hop", "NOC"},
    {Term::Mac, "multiply-accumulate", "MAC", "one multiplication added to a sum: the arithmetic of a layer", "op"},
    {Term::StaticEnergy, "static energy", "",
     "energy the chip spends while it is on, proportional to the schedule's time", "static"},
    {Term::Word, "word", "",
     "one value; buffer sizes are bytes divided by the word size, so a capacity can be fractional (31.7 words)",
     "word"},
    {Term::Filters, "filters", "W", "the weights of a layer; pools and element-wise layers have none", "FIL"},
    {Term::Inputs, "inputs", "I", "the input feature maps (activations) of a layer", "IFM"},
    {Term::Outputs, "outputs", "O", "the output feature maps of a layer, built up from partial sums", "OFM"},
    {Term::Segment, "segment", "S", "layers that run on the chip at the same time; segments run one after another",
     "segment"},
    {Term::SpatialGroup, "spatial group", "",
     "layers of a segment that share one node region and run one after another on it", "spatial"},
    {Term::BatchGroups, "batch groups", "",
     "parts of the batch that stream through a pipelined segment one after another", "batch groups"},
    {Term::Partition, "partition", "",
     "how a layer is split over the nodes of its region: which dimensions, into how many parts", "part"},
    {Term::LoopBlocking, "loop blocking", "",
     "tiling: how many iterations of each loop run at each buffer level, so that a tile fits its buffer", "blocking"},
    {Term::LoopOrder, "loop order", "",
     "which loop runs innermost at a level: the data it does not index stays in the buffer meanwhile", "order"},
    {Term::BufferSharing, "buffer sharing", "",
     "nodes reading each other's GBUFs so that a datum is fetched from DRAM once for several nodes", "BUFSHR"},
    {Term::RowStationary, "row stationary", "",
     "the Eyeriss mapping: a filter row stays in a PE's REGF while an input row slides past it", "eyeriss"},
    {Term::Systolic, "systolic", "",
     "the mapping of a systolic array: inputs flow across the PEs, each PE keeps one output", "systolic"},
    {Term::TensorBlock, "tensor block", "tensor_w/i/o",
     "the block of filters (w), inputs (i) or outputs (o) a buffer holds at once, by dimension", "tensor"},
    {Term::Stack, "stack", "", "how copies of a tensor block are laid side by side over nodes or PEs", "stack"},
    {Term::Update, "update", "", "how the block a buffer holds moves as the loops run: (dimension, step) x times",
     "update"},
}};

} // namespace

std::span<const TermInfo> glossary() { return kTerms; }

const TermInfo& termInfo(Term term) { return kTerms[static_cast<std::size_t>(term)]; }

std::string_view termShortName(Term term)
{
    const TermInfo& t = termInfo(term);
    return t.symbol.empty() ? t.name : t.symbol;
}

std::string termLabel(Term term)
{
    const TermInfo& t = termInfo(term);
    std::string out(t.name);
    if (!t.symbol.empty() && t.symbol != t.name)
        out.append(" (").append(t.symbol).append(")");
    return out;
}

std::string termToolTip(Term term)
{
    const TermInfo& t = termInfo(term);
    std::string out = termLabel(term);
    out.append(": ").append(t.meaning);
    if (!t.nnDataflow.empty())
        out.append("; nn_dataflow: ").append(t.nnDataflow);
    return out;
}

Term loopTerm(LoopDim loop)
{
    switch (loop) {
    case LoopDim::Ifm: return Term::InputChannels;
    case LoopDim::Ofm: return Term::OutputChannels;
    case LoopDim::Bat: return Term::Batch;
    }
    return Term::Batch;
}

Term categoryTerm(std::size_t category)
{
    return category == 0 ? Term::Filters : category == 1 ? Term::Inputs : Term::Outputs;
}

Term energyComponentTerm(std::size_t component)
{
    static constexpr std::array<Term, 7> kComponents{Term::Mac,  Term::Dram, Term::Gbuf,        Term::Itcn,
                                                     Term::Regf, Term::Noc,  Term::StaticEnergy};
    return component < kComponents.size() ? kComponents[component] : Term::StaticEnergy;
}

Term partitionTerm(Parallel p)
{
    switch (p) {
    case Parallel::Outp: return Term::OutputChannels;
    case Parallel::Ofmp: return Term::OutputFmap;
    case Parallel::Batp: return Term::Batch;
    case Parallel::Inpp: return Term::InputChannels;
    }
    return Term::Batch;
}

} // namespace kapla
