#pragma once
// Where a schedule's fmaps live: full ranges, layouts on a region, and the on-chip forwarding regions
// of a pipeline segment (model spec §4.1 step 3b, §5.7). Shared by the evaluator and the searches.

#include "cost/data_layout.h"
#include "cost/pipeline_segment.h"

#include <map>

namespace kapla {

/// The whole ofmap range [0,batch)×[0,nofm)×[0,hofm)×[0,wofm) of a layer.
FmapRange fullFmapRange(int batch, const Layer& layer);

/// A one-piece layout of `range` on `region`, spread by `part` projected onto the region (appl2frng).
DataLayout layoutOnRegion(const FmapRange& range, const NodeRegion& region, const PartitionScheme& part);

/// The layout moved onto a forwarding region: every region replaced, every part projected onto it.
DataLayout forwardedLayout(DataLayout layout, const NodeRegion& region);

/// Per (sp, tm): the region a layer receives its ifmaps from on chip instead of its data source —
/// the fetcher's region for non-first sharers of a memory source, the producer's region for
/// consumers of an ofmap also written to memory.
std::map<SchedIndex, NodeRegion> forwardingRegions(const PipelineSegment& segment);

} // namespace kapla
