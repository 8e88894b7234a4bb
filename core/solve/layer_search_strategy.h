#pragma once
// A per-layer search that can replace the exhaustive one inside the network search.

#include "solve/layer_search.h"

#include <memory>
#include <vector>

namespace kapla {

class WorkerPool;

/// Searches one layer under one condition (the ML baseline plugs in here).
class LayerSearchStrategy
{
public:
    virtual ~LayerSearchStrategy() = default;
    /// The stable top-`ntops` schedules of `layer` under `cond`, best first; empty if none was found.
    /// Called from one thread at a time; `pool` may run parallel parts.
    virtual std::vector<std::shared_ptr<const LayerChoice>> search(LayerId layer, const LayerCondition& cond,
                                                                   WorkerPool& pool) = 0;
};

} // namespace kapla
