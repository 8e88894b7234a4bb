#include "io/yaml_text.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <string_view>

namespace kapla::io {

namespace {

// Words YAML (or this program's reader) might take for something other than text.
bool isReservedWord(const std::string& s)
{
    static constexpr std::array<std::string_view, 14> kWords{"true", "false", "True", "False", "yes", "no",   "on",
                                                             "off",  "null",  "Null", "~",     "inf", ".inf", "NULL"};
    return std::find(kWords.begin(), kWords.end(), s) != kWords.end();
}

// Letters, digits and a few separators (`../net.yaml` too), not starting like a number, a list item
// or a document end:
// such text reads back as itself without quotes.
bool isPlain(const std::string& s)
{
    if (s.empty() || isReservedWord(s))
        return false;
    const auto safe = [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.' || c == '/' || c == ' ';
    };
    const auto front = static_cast<unsigned char>(s.front());
    return std::all_of(s.begin(), s.end(), safe) && !std::isdigit(front) && front != '-' && !s.starts_with("...")
        && front != ' ' && s.back() != ' ';
}

// The escape of one ASCII control character (or DEL) inside double quotes.
std::string controlEscape(char c)
{
    switch (c) {
    case '\0': return "\\0";
    case '\t': return "\\t";
    case '\n': return "\\n";
    case '\r': return "\\r";
    default: {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\x%02X", static_cast<unsigned>(static_cast<unsigned char>(c)));
        return buf;
    }
    }
}

// U+0085, U+2028 and U+2029 break lines for a YAML reader; yaml-cpp decodes `\N` to a lone byte,
// so they are written as `\u` escapes. Returns the escape and the bytes it replaces, or none.
std::string_view unicodeBreakEscape(std::string_view rest, std::size_t& length)
{
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 3> kBreaks{
        {{"\xC2\x85", "\\u0085"}, {"\xE2\x80\xA8", "\\u2028"}, {"\xE2\x80\xA9", "\\u2029"}}};
    for (const auto& [bytes, escape] : kBreaks)
        if (rest.starts_with(bytes)) {
            length = bytes.size();
            return escape;
        }
    return {};
}

} // namespace

std::string escapeControlCharacters(const std::string& text)
{
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        std::size_t length = 0;
        if (const auto escape = unicodeBreakEscape(std::string_view(text).substr(i), length); !escape.empty()) {
            out += escape;
            i += length;
            continue;
        }
        const char c = text[i++];
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F)
            out += controlEscape(c);
        else
            out += c;
    }
    return out;
}

std::string yamlScalar(const std::string& text)
{
    if (isPlain(text))
        return text;
    // Quotes and backslashes first: the escapes added after them have backslashes of their own.
    std::string quoted;
    for (const char c : text) {
        if (c == '"' || c == '\\')
            quoted += '\\';
        quoted += c;
    }
    return '"' + escapeControlCharacters(quoted) + '"';
}

} // namespace kapla::io
