#pragma once
// Internal to core/io: the one way text values (names, paths, labels, messages) are written into YAML.

#include <string>

namespace kapla::io {

/// `text` with its control characters (NUL and newlines too) and the Unicode line separators written
/// as YAML/C escapes (`\n`, `\0`, `\x1B`, `\u0085`), so that it stays on one line.
std::string escapeControlCharacters(const std::string& text);

/// `text` as a YAML scalar that reads back as exactly `text`: plain when that is unambiguous, else
/// double-quoted with `"`, `\`, control characters (NUL and newlines too) and the Unicode line
/// separators escaped, so the value stays on one line.
std::string yamlScalar(const std::string& text);

} // namespace kapla::io
