#include "report/node_ranges.h"

#include "cost/proc_data_range.h"
#include "report/vocabulary.h"

namespace kapla {

namespace {

IndexRange axis(const FmapRange& r, std::size_t a) { return {r.beg[a], r.end[a]}; }

// "0-7"; an empty range (a node left without work by an uneven split) says so.
std::string inclusive(const IndexRange& r)
{
    if (r.size() == 0)
        return "none";
    return std::to_string(r.begin).append("-").append(std::to_string(r.end - 1));
}

} // namespace

std::optional<NodeRanges> nodeRanges(const Layer& layer, int batch, const LayerEvaluation& le, PhyDim2 node)
{
    for (const PartitionIndex& pidx : le.partition.genPidx()) {
        if (!(le.partition.coordinate(le.region, pidx) == node))
            continue;
        const ProcDataRange r = procDataRange(layer, batch, le.partition, pidx);
        // (b, n, h, w) axes: the ofmap's n is the output channels, the ifmap's the input channels.
        return NodeRanges{node,
                          axis(r.ofmap, 0),
                          axis(r.ofmap, 1),
                          axis(r.ofmap, 2),
                          axis(r.ofmap, 3),
                          axis(r.ifmap, 1)};
    }
    return std::nullopt;
}

std::string describeNodeRanges(const NodeRanges& r)
{
    return std::string{"node ("}
        .append(std::to_string(r.node.h))
        .append(",")
        .append(std::to_string(r.node.w))
        .append("): ")
        .append(termLabel(Term::Batch))
        .append(" ")
        .append(inclusive(r.batch))
        .append(", ")
        .append(termLabel(Term::OutputChannels))
        .append(" ")
        .append(inclusive(r.outputChannels))
        .append(", ")
        .append(termLabel(Term::OutputFmap))
        .append(" rows ")
        .append(inclusive(r.outputRows))
        .append(" columns ")
        .append(inclusive(r.outputColumns))
        .append(", ")
        .append(termLabel(Term::InputChannels))
        .append(" ")
        .append(inclusive(r.inputChannels));
}

std::string describeNodeShare(const LoopScheme& scheme, int batch, PhyDim2 node)
{
    if (!scheme.layer || !scheme.evaluation)
        return {};
    const auto ranges = nodeRanges(*scheme.layer, batch, *scheme.evaluation, node);
    return ranges ? describeNodeRanges(*ranges) : std::string();
}

} // namespace kapla
