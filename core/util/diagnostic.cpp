#include "util/diagnostic.h"

#include <algorithm>

namespace kapla {

std::string Diagnostic::format() const
{
    std::string out;
    if (!location.file.empty()) {
        out += location.file;
        // A problem with the whole file (it cannot be read or written) has no position to name.
        if (location.line > 0)
            out += ':' + std::to_string(location.line) + ':' + std::to_string(location.column);
        out += ": ";
    }
    out += severity == Severity::Error ? "error: " : "warning: ";
    if (!key.empty())
        out += key + ": ";
    out += message;
    return out;
}

bool hasErrors(const Diagnostics& diags)
{
    return std::any_of(diags.begin(), diags.end(), [](const Diagnostic& d) { return d.severity == Severity::Error; });
}

Diagnostic makeError(std::string key, std::string message)
{
    Diagnostic d;
    d.key = std::move(key);
    d.message = std::move(message);
    return d;
}

} // namespace kapla
