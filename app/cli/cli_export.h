#pragma once
// The `kapla export` verb: hands over to kapla-export (the Qt renderer) next to this executable.

#include "cli/cli_common.h"

namespace kapla::cli {

/// Replaces this process by kapla-export with the same arguments (its exit code is ours); returns
/// InternalError only when kapla-export cannot be started.
int runExport(const Args& args);

} // namespace kapla::cli
