#pragma once
// Partition schemes and fmap ranges for the model tests, written as the spec's tables write them.

#include "schedule/directive_types.h"
#include "schedule/partition.h"

#include <array>

namespace kapla::test {

/// A scheme with its parallelisms in `order` and the factors of each (OUTP, OFMP, BATP, INPP).
inline PartitionScheme scheme(std::array<Parallel, 4> order, PhyDim2 outp, PhyDim2 ofmp, PhyDim2 batp, PhyDim2 inpp)
{
    PartitionScheme s;
    s.order = order;
    s.pdims = {outp, ofmp, batp, inpp};
    return s;
}

/// A scheme whose order is the enum's (OUTP, OFMP, BATP, INPP).
inline PartitionScheme byEnumOrder(PhyDim2 outp, PhyDim2 ofmp, PhyDim2 batp, PhyDim2 inpp)
{
    return scheme({Parallel::Outp, Parallel::Ofmp, Parallel::Batp, Parallel::Inpp}, outp, ofmp, batp, inpp);
}

/// The fmap range [beg, end) over (batch, channel, height, width).
inline FmapRange frange(std::array<int, 4> beg, std::array<int, 4> end) { return FmapRange{beg, end}; }

} // namespace kapla::test
