#pragma once
// kapla-bench --deep-chain: time, peak memory and segment count of the solvers on chains of tiny
// layers as deep as 10,000 layers on one node, and how fast a stop request ends a deep solve.

#include "model/network.h"

#include <string>
#include <vector>

namespace kapla::bench {

/// A chain of `layers` tiny FC layers (8 channels in and out) behind an 8-channel input.
Network deepChain(int layers);

/// Runs the deep-chain benchmark with the arguments after --deep-chain; the exit code.
int runDeepChain(const std::vector<std::string>& args);

} // namespace kapla::bench
