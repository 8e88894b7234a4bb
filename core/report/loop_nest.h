#pragma once
// A scheduled layer written out for teaching: the nested loops its directives stand for, what each
// buffer holds, a plain-language reading of the dataflow, and KAPLA's tensor-centric directives.

#include "cost/evaluation.h"
#include "model/architecture.h"
#include "model/project.h"

#include <string>
#include <vector>

namespace kapla {

/// The teaching view of one layer; every part is a list of lines.
struct LoopNest {
    std::string title;                    ///< layer, shape, segment and nodes in one line
    std::vector<std::string> code;        ///< the loop nest (pseudo code with comments), outermost first
    std::vector<std::string> buffers;     ///< what GBUF and REGF hold, and how often data is fetched
    std::vector<std::string> explanation; ///< plain-language sentences about the dataflow
    std::vector<std::string> tensor;      ///< tensor / stack / update per buffer level (KAPLA §2.3)

    /// Every part under a heading, as one text.
    std::string text() const;
};

/// The loop nest of `eval.layers[layer]`; an empty title if the index or the layer is unknown.
LoopNest loopNest(const Project& project, const Architecture& arch, const Evaluation& eval, int layer);

} // namespace kapla
