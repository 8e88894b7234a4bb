#pragma once
// kapla-bench --live: the KAPLA solve times live re-solve depends on: a cold solve on 1 and 2
// threads, and the re-solve after a one-layer edit with the memo of the solve before it.

#include <string>
#include <vector>

namespace kapla::bench {

/// Runs the live re-solve benchmark with the arguments after --live; the exit code.
int runLiveBench(const std::vector<std::string>& args);

} // namespace kapla::bench
