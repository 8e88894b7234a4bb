#include "io/yaml_source.h"

#include "io/yaml_text.h"
#include "model/limits.h"
#include "util/file_access.h"

#include <yaml-cpp/eventhandler.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <sstream>
#include <unordered_map>

namespace kapla::io {

namespace {

// yaml-cpp counts columns in bytes, editors in characters: on a line with `é` or a U+0085 (which,
// like yaml-cpp, this reader does not take for a line break) a byte column points past the character,
// even past the line's end. The 1-based character column of a yaml-cpp mark, or its byte column when
// the mark does not fit the text.
int characterColumn(const std::string* text, const YAML::Mark& m)
{
    const int byteColumn = m.column + 1;
    if (!text || m.pos < m.column || static_cast<std::size_t>(m.pos) > text->size())
        return byteColumn;
    const auto lineStart = static_cast<std::size_t>(m.pos - m.column);
    if (lineStart > 0 && (*text)[lineStart - 1] != '\n')
        return byteColumn;
    const auto pos = static_cast<std::size_t>(m.pos);
    const auto characters = std::count_if(text->begin() + static_cast<std::ptrdiff_t>(lineStart),
                                          text->begin() + static_cast<std::ptrdiff_t>(pos),
                                          [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
    return static_cast<int>(characters) + 1;
}

SourceLocation locationOf(const std::string& file, const YAML::Mark& m, const std::string* text)
{
    SourceLocation loc;
    loc.file = file;
    loc.line = m.line >= 0 ? m.line + 1 : 1;
    // markAt's marks (pos -1) count characters already.
    loc.column = m.column < 0 ? 1 : m.pos < 0 ? m.column + 1 : characterColumn(text, m);
    return loc;
}

// A mark at a 1-based line and character column, found by this file's own scans of the text.
YAML::Mark markAt(int line, int column)
{
    YAML::Mark m = YAML::Mark::null_mark();
    m.line = line - 1;
    m.column = column - 1;
    m.pos = -1;
    return m;
}

// Length of the UTF-8 sequence starting at s[i], or 0 if invalid.
std::size_t utf8Length(const std::string& s, std::size_t i)
{
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > s.size())
        return 0;
    for (std::size_t k = 1; k < len; ++k)
        if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2)
            return 0;
    return len;
}

// Refuses what would make the parser slow, deep or confused, with the position of the first offence.
bool guardText(const std::string& text, ReadContext& ctx)
{
    int line = 1, column = 1, flowDepth = 0;
    bool inComment = false, lineStart = true;
    char quote = 0;
    for (std::size_t i = 0; i < text.size();) {
        const char c = text[i];
        const std::size_t len = utf8Length(text, i);
        if (c == '\0' || len == 0) {
            ctx.error(
                markAt(line, column), "", "binary data (byte 0x" + [&] {
                    std::ostringstream os;
                    os << std::hex << static_cast<int>(static_cast<unsigned char>(c));
                    return os.str();
                }() + "): expected a UTF-8 YAML text file");
            return false;
        }
        if (c == '\n') {
            ++line;
            column = 1;
            inComment = false;
            lineStart = true;
            ++i;
            continue;
        }
        if (lineStart && c == '-' && i + 1 < text.size() && text[i + 1] == ' ') {
            ++i; // `- - - x` nests lists on one line: its dashes count as indentation
            ++column;
            continue;
        }
        if (lineStart && c != ' ') {
            lineStart = false;
            if (column > 2 * kMaxNesting) {
                ctx.error(markAt(line, column), "",
                          "nesting is too deep (indented " + std::to_string(column - 1) + " columns); expected at most "
                              + std::to_string(kMaxNesting) + " levels");
                return false;
            }
        }
        if (!inComment) {
            if (quote == '"' && c == '\\' && i + 1 < text.size() && text[i + 1] > 0 && text[i + 1] != '\n'
                && static_cast<unsigned char>(text[i + 1]) < 0x80) {
                i += 2; // an escaped character, `\"` too, does not end the string
                column += 2;
                continue;
            }
            if (quote) {
                if (c == quote)
                    quote = 0;
            } else if (c == '#') {
                inComment = true;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '[' || c == '{') {
                if (++flowDepth > kMaxNesting) {
                    ctx.error(markAt(line, column), "",
                              "nesting is too deep (more than " + std::to_string(kMaxNesting) + " levels of [ or {)");
                    return false;
                }
            } else if ((c == ']' || c == '}') && flowDepth > 0) {
                --flowDepth;
            }
        }
        i += len;
        ++column;
    }
    return true;
}

// A `[` or `{` still open at some point of the text, where it was opened.
struct OpenBracket {
    char c = 0;
    int line = 0;
    int column = 0;
};

// True where a node may start, so `[`, `{` or a quote there begins a collection or a string:
// after `:`, `,`, `-`, `?`, an opening bracket, or at the start of a line's content.
bool nodeMayStart(char prev)
{
    return prev == 0 || prev == ':' || prev == ',' || prev == '-' || prev == '?' || prev == '[' || prev == '{';
}

// The brackets open just before (line, column), by a light reading of YAML's flow syntax (block
// plain scalars like `a[1]`, quoted strings and comments do not count); only used to explain errors.
std::vector<OpenBracket> openBracketsBefore(const std::string& text, int stopLine, int stopColumn)
{
    std::vector<OpenBracket> open;
    int line = 1, column = 1;
    char quote = 0, prev = 0, last = '\n';
    bool inComment = false;
    for (std::size_t i = 0; i < text.size() && (line < stopLine || (line == stopLine && column < stopColumn));) {
        const char c = text[i];
        const std::size_t len = std::max<std::size_t>(utf8Length(text, i), 1);
        if (c == '\n') {
            ++line;
            column = 1;
            prev = 0;
            inComment = false;
        } else if (inComment) {
        } else if (quote) {
            if (quote == '"' && c == '\\' && i + 1 < text.size() && text[i + 1] != '\n')
                ++i, ++column; // skip the escaped character
            else if (c == quote)
                quote = 0;
        } else if (c == '#' && (last == ' ' || last == '\t' || last == '\n')) {
            inComment = true;
        } else if ((c == '"' || c == '\'') && nodeMayStart(prev)) {
            quote = c;
        } else if ((c == '[' || c == '{') && (!open.empty() || nodeMayStart(prev))) { // flow scalars cannot hold them
            open.push_back({c, line, column});
        } else if ((c == ']' || c == '}') && !open.empty()) {
            open.pop_back();
        }
        if (c != ' ' && c != '\t' && c != '\n' && !inComment)
            prev = quote && c != quote ? 'a' : c;
        last = c;
        i += len;
        if (c != '\n')
            ++column;
    }
    return open;
}

char closerOf(char opener) { return opener == '[' ? ']' : '}'; }

std::string at(const OpenBracket& b)
{
    return "line " + std::to_string(b.line) + ", column " + std::to_string(b.column);
}

// The character at a 1-based line and column, or 0 past the end.
char charAt(const std::string& text, int line, int column)
{
    std::size_t i = 0;
    for (int l = 1; l < line && i < text.size(); ++i)
        if (text[i] == '\n')
            ++l;
    for (int c = 1; c < column && i < text.size() && text[i] != '\n'; ++c)
        i += std::max<std::size_t>(utf8Length(text, i), 1);
    return i < text.size() ? text[i] : 0;
}

// yaml-cpp's messages name its parser state, not the mistake: this says what was expected, and
// moves `where` to the unclosed bracket when that is the real culprit.
std::string explainYamlError(const std::string& text, const std::string& msg, YAML::Mark& where)
{
    const int line = where.line + 1, column = characterColumn(&text, where);
    if (msg == YAML::ErrorMsg::FLOW_END) {
        const char found = charAt(text, line, column);
        const auto open = openBracketsBefore(text, line, column);
        if ((found == ']' || found == '}') && open.empty())
            return std::string("`") + found + "` closes nothing: no `" + (found == ']' ? '[' : '{') + "` is open here";
        if ((found == ']' || found == '}') && closerOf(open.back().c) != found)
            return std::string("`") + found + "` found while the `" + open.back().c + "` opened at " + at(open.back())
                 + " is still open; expected `" + closerOf(open.back().c) + "` first";
    }
    if (msg == YAML::ErrorMsg::END_OF_SEQ_FLOW || msg == YAML::ErrorMsg::END_OF_MAP_FLOW) {
        // yaml-cpp may stop before the bracket (at the start of its line): look at the whole text.
        const auto open = openBracketsBefore(text, std::numeric_limits<int>::max(), 1);
        if (!open.empty()) {
            where = markAt(open.back().line, open.back().column);
            return std::string("this `") + open.back().c + "` is never closed; expected a matching `"
                 + closerOf(open.back().c) + "`";
        }
        // All brackets close: something between two entries is missing (usually a comma).
        const auto inside = openBracketsBefore(text, line, column);
        if (!inside.empty())
            return std::string("expected `,` or `") + closerOf(inside.back().c) + "` here, inside the `"
                 + inside.back().c + "` opened at " + at(inside.back())
                 + " (a missing comma, or an unquoted value containing `: `?)";
    }
    if (msg == YAML::ErrorMsg::UNKNOWN_TOKEN && charAt(text, line, column) > ' ')
        return std::string("unexpected `") + charAt(text, line, column)
             + "` here; expected a key, a value or a bracket (quote text that contains `?`, `:`, `#`, `[` or `{`)";
    if (msg == YAML::ErrorMsg::TAB_IN_INDENTATION)
        return "tab character in the indentation; YAML expects spaces for indentation";
    if (msg == YAML::ErrorMsg::MAP_VALUE)
        return "a `key: value` is not allowed here; expected each key on its own line, indented like the keys "
               "beside it (quote a value that contains `: `)";
    const char found = charAt(text, line, column);
    if ((msg == YAML::ErrorMsg::END_OF_MAP || msg == YAML::ErrorMsg::END_OF_SEQ)
        && (found == ',' || found == ']' || found == '}'))
        return std::string("unexpected `") + found
             + "` outside of `[...]` or `{...}`; expected a key or a `- ` list item";
    if (msg == YAML::ErrorMsg::END_OF_MAP || msg == YAML::ErrorMsg::END_OF_SEQ)
        return "this line starts at column " + std::to_string(column)
             + ", which lines up with no enclosing block; expected the indentation of the keys or items beside it";
    if (msg == YAML::ErrorMsg::BLOCK_ENTRY)
        return "a `- ` list item is not allowed here; expected it under a key, indented like the items beside it";
    return msg;
}

// The first mapping or list with more entries than any file needs (checking its keys and names would
// keep the user waiting), or none. The nesting guard bounds the recursion.
std::optional<YAML::Node> oversizedCollection(const YAML::Node& node)
{
    if (!node.IsMap() && !node.IsSequence())
        return std::nullopt;
    if (node.size() > limits::kMaxCollectionEntries)
        return node;
    for (auto it = node.begin(); it != node.end(); ++it) {
        const YAML::Node value = node.IsMap() ? YAML::Node(it->second) : YAML::Node(*it);
        if (const auto found = oversizedCollection(value))
            return found;
    }
    return std::nullopt;
}

std::string tooLargeMessage(std::size_t bytes)
{
    return "file is " + std::to_string(bytes) + " bytes; expected at most "
         + std::to_string(kMaxFileBytes / (1024 * 1024))
         + " MiB (network, architecture and project files are far smaller)";
}

// Notes where the first node of a document starts (a null document has none).
class FirstNodeMark : public YAML::EventHandler
{
public:
    std::optional<YAML::Mark> mark;

    void OnDocumentStart(const YAML::Mark&) override {}
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
    void OnAlias(const YAML::Mark& m, YAML::anchor_t) override { note(m); }
    void OnScalar(const YAML::Mark& m, const std::string&, YAML::anchor_t, const std::string&) override { note(m); }
    void OnSequenceStart(const YAML::Mark& m, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override
    {
        note(m);
    }
    void OnSequenceEnd() override {}
    void OnMapStart(const YAML::Mark& m, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override
    {
        note(m);
    }
    void OnMapEnd() override {}

private:
    void note(const YAML::Mark& m)
    {
        if (!mark)
            mark = m;
    }
};

// Where a second, non-empty document starts: YAML::Load keeps only the first and drops the rest.
// (Not YAML::LoadAll: it never returns on some inputs, e.g. a file starting with `,`.)
std::optional<YAML::Mark> secondDocument(const std::string& text)
{
    std::istringstream in(text);
    YAML::Parser parser(in);
    FirstNodeMark first, second;
    if (!parser.HandleNextDocument(first) || !parser.HandleNextDocument(second))
        return std::nullopt;
    return second.mark;
}

// False when the text is surely one document: a block mapping at column 1 ends only at `---` or
// `...`; spares a second parse of big files.
bool mayHaveSecondDocument(const std::string& text, const YAML::Node& root)
{
    if (!root.IsMap() || root.Style() == YAML::EmitterStyle::Flow || root.Mark().column != 0)
        return true;
    for (std::size_t i = 0; i < text.size(); i = text.find('\n', i) + 1) {
        if (text.compare(i, 3, "---") == 0 || text.compare(i, 3, "...") == 0)
            return true;
        if (text.find('\n', i) == std::string::npos)
            break;
    }
    return false;
}

// A document YAML reads as null: empty, only comments, `~`, or content yaml-cpp skipped silently
// (a file starting with a stray `,`), which is pointed at.
void reportNoContent(const std::string& text, ReadContext& ctx)
{
    int line = 1, column = 1;
    bool inComment = false;
    for (const char c : text) {
        if (c == '\n') {
            ++line;
            column = 1;
            inComment = false;
            continue;
        }
        inComment = inComment || c == '#';
        if (!inComment && c == ',') {
            ctx.error(markAt(line, column), "",
                      "unexpected `,` outside of `[...]` or `{...}`; YAML reads no content "
                      "from here, expected a mapping with a `version:` key");
            return;
        }
        if (!inComment && c != ' ' && c != '\t' && c != '\r')
            break;
        ++column;
    }
    ctx.error(markAt(1, 1), "", "empty document: expected a mapping with a `version:` key");
}

int editDistance(std::string_view a, std::string_view b)
{
    std::vector<int> prev(b.size() + 1), cur(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        prev[j] = static_cast<int>(j);
    for (std::size_t i = 1; i <= a.size(); ++i) {
        cur[0] = static_cast<int>(i);
        for (std::size_t j = 1; j <= b.size(); ++j)
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

std::string describe(const YAML::Node& n)
{
    switch (n.Type()) {
    case YAML::NodeType::Map: return "a mapping";
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Null: return "nothing";
    case YAML::NodeType::Scalar: return "'" + n.Scalar() + "'";
    default: return "an undefined value";
    }
}

} // namespace

void ReadContext::error(const YAML::Mark& at, std::string key, std::string message)
{
    Diagnostic d;
    d.location = locationOf(file, at, text.get());
    // Keys and values are echoed in messages: a newline in one must not split the diagnostic's line.
    d.key = escapeControlCharacters(key);
    d.message = escapeControlCharacters(message);
    diags.push_back(std::move(d));
}

void ReadContext::error(const YAML::Node& at, std::string key, std::string message)
{
    error(at.IsDefined() ? at.Mark() : YAML::Mark::null_mark(), std::move(key), std::move(message));
}

void ReadContext::warning(const YAML::Node& at, std::string key, std::string message)
{
    error(at, std::move(key), std::move(message));
    diags.back().severity = Severity::Warning;
}

YAML::Node parseYamlText(const std::string& text, ReadContext& ctx)
{
    if (text.size() > kMaxFileBytes) {
        ctx.error(markAt(1, 1), "", tooLargeMessage(text.size()));
        return YAML::Node(YAML::NodeType::Undefined);
    }
    ctx.text = std::make_shared<const std::string>(text);
    if (!guardText(text, ctx))
        return YAML::Node(YAML::NodeType::Undefined);
    try {
        YAML::Node root = YAML::Load(text);
        if (const auto second = mayHaveSecondDocument(text, root) ? secondDocument(text) : std::nullopt) {
            ctx.error(*second, "",
                      "a second YAML document starts here (after `---`, or where a badly indented line "
                      "ended the first one); expected one document per file");
            return YAML::Node(YAML::NodeType::Undefined);
        }
        if (root.IsNull() || !root.IsDefined()) {
            reportNoContent(text, ctx);
            return YAML::Node(YAML::NodeType::Undefined);
        }
        if (!root.IsMap()) {
            ctx.error(root, "", "expected a mapping at the top level, got " + describe(root));
            return YAML::Node(YAML::NodeType::Undefined);
        }
        if (const auto big = oversizedCollection(root)) {
            ctx.error(*big, "",
                      std::string(big->IsMap() ? "a mapping of " : "a list of ") + std::to_string(big->size())
                          + " entries; expected at most " + std::to_string(limits::kMaxCollectionEntries));
            return YAML::Node(YAML::NodeType::Undefined);
        }
        return root;
    } catch (const YAML::Exception& e) {
        YAML::Mark where = e.mark;
        const std::string message = explainYamlError(text, e.msg, where);
        ctx.error(where, "", "malformed YAML: " + message);
    } catch (const std::exception& e) {
        ctx.error(markAt(1, 1), "", std::string("could not parse: ") + e.what());
    }
    return YAML::Node(YAML::NodeType::Undefined);
}

YAML::Node parseYamlFile(const std::string& path, ReadContext& ctx)
{
    ctx.file = path;
    const auto text = readFileText(path, ReadLimits{.maxBytes = kMaxFileBytes});
    if (!text) {
        // A file-level problem points at the file's start, as the other whole-file problems do.
        for (const Diagnostic& d : text.diagnostics())
            ctx.error(markAt(1, 1), "", d.message);
        return YAML::Node(YAML::NodeType::Undefined);
    }
    return parseYamlText(text.value(), ctx);
}

MapReader::MapReader(ReadContext& ctx, const YAML::Node& node, std::string path, std::vector<std::string_view> allowed)
    : m_ctx(ctx)
    , m_node(node)
    , m_path(std::move(path))
    , m_allowed(std::move(allowed))
{
    m_valid = node.IsMap();
    // An undefined node is a missing key, which field(key, true) has reported already.
    if (!m_valid && node.IsDefined())
        ctx.error(node, m_path, "expected a mapping (allowed keys: " + listOf(m_allowed) + "), got " + describe(node));
}

std::string MapReader::keyPath(std::string_view key) const
{
    return m_path.empty() ? std::string(key) : m_path + "." + std::string(key);
}

bool MapReader::has(std::string_view key) const { return m_valid && m_node[std::string(key)].IsDefined(); }

YAML::Node MapReader::field(std::string_view key, bool required)
{
    if (!m_valid)
        return YAML::Node(YAML::NodeType::Undefined);
    const YAML::Node n = m_node[std::string(key)];
    if (!n.IsDefined()) {
        if (required)
            m_ctx.error(m_node, keyPath(key), "missing required key `" + std::string(key) + "`");
        return YAML::Node(YAML::NodeType::Undefined);
    }
    return n;
}

std::optional<long long> toInteger(ReadContext& ctx, const YAML::Node& n, const std::string& key, long long min,
                                   long long max)
{
    const std::string range = "expected an integer between " + std::to_string(min) + " and " + std::to_string(max);
    if (!n.IsScalar()) {
        ctx.error(n, key, "expected an integer >= " + std::to_string(min) + ", got " + describe(n));
        return std::nullopt;
    }
    const std::string& s = n.Scalar();
    long long v = 0;
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    const bool allDigits = ptr == s.data() + s.size();
    if (ec == std::errc::result_out_of_range && allDigits) {
        ctx.error(n, key, range + ", got " + s);
        return std::nullopt;
    }
    if (ec != std::errc() || !allDigits) {
        ctx.error(n, key, "expected an integer, got '" + s + "'");
        return std::nullopt;
    }
    if (v < min || v > max) {
        ctx.error(n, key, range + ", got " + s);
        return std::nullopt;
    }
    return v;
}

std::optional<double> toReal(ReadContext& ctx, const YAML::Node& n, const std::string& key, bool allowInf)
{
    const std::string expect = allowInf ? "a number >= 0 or inf" : "a number >= 0";
    if (!n.IsScalar()) {
        ctx.error(n, key, "expected " + expect + ", got " + describe(n));
        return std::nullopt;
    }
    std::string s = n.Scalar();
    if (s == "inf" || s == ".inf" || s == "Inf" || s == ".Inf" || s == "infinity") {
        if (!allowInf) {
            ctx.error(n, key, "expected a finite number >= 0, got " + s);
            return std::nullopt;
        }
        return std::numeric_limits<double>::infinity();
    }
    char* end = nullptr;
    const double v = std::strtod(s.c_str(), &end);
    if (s.empty() || end != s.c_str() + s.size() || std::isnan(v) || std::isinf(v)) {
        ctx.error(n, key, "expected " + expect + ", got '" + s + "'");
        return std::nullopt;
    }
    if (v < 0) {
        ctx.error(n, key, "expected " + expect + ", got " + s);
        return std::nullopt;
    }
    return v;
}

std::optional<PhyDim2> toDim2(ReadContext& ctx, const YAML::Node& n, const std::string& key, int min)
{
    if (n.IsScalar()) {
        const auto v = toInteger(ctx, n, key, min);
        return v ? std::optional<PhyDim2>(PhyDim2{static_cast<int>(*v), static_cast<int>(*v)}) : std::nullopt;
    }
    if (!n.IsSequence() || n.size() != 2) {
        ctx.error(n, key, "expected an integer or a pair [h, w], got " + describe(n));
        return std::nullopt;
    }
    const auto h = toInteger(ctx, n[0], key + "[0]", min);
    const auto w = toInteger(ctx, n[1], key + "[1]", min);
    if (!h || !w)
        return std::nullopt;
    return PhyDim2{static_cast<int>(*h), static_cast<int>(*w)};
}

std::optional<long long> MapReader::integer(std::string_view key, bool required, long long min, long long max)
{
    const YAML::Node n = field(key, required);
    return n.IsDefined() ? toInteger(m_ctx, n, keyPath(key), min, max) : std::nullopt;
}

std::optional<double> MapReader::real(std::string_view key, bool required, bool allowInf)
{
    const YAML::Node n = field(key, required);
    return n.IsDefined() ? toReal(m_ctx, n, keyPath(key), allowInf) : std::nullopt;
}

std::optional<bool> MapReader::boolean(std::string_view key, bool required)
{
    const YAML::Node n = field(key, required);
    if (!n.IsDefined())
        return std::nullopt;
    if (n.IsScalar()) {
        const std::string& s = n.Scalar();
        if (s == "true" || s == "True" || s == "yes")
            return true;
        if (s == "false" || s == "False" || s == "no")
            return false;
    }
    m_ctx.error(n, keyPath(key), "expected true or false, got " + describe(n));
    return std::nullopt;
}

std::optional<std::string> MapReader::string(std::string_view key, bool required)
{
    const YAML::Node n = field(key, required);
    if (!n.IsDefined())
        return std::nullopt;
    if (!n.IsScalar()) {
        m_ctx.error(n, keyPath(key), "expected a text value, got " + describe(n));
        return std::nullopt;
    }
    return n.Scalar();
}

std::optional<PhyDim2> MapReader::dim2(std::string_view key, bool required, int min)
{
    const YAML::Node n = field(key, required);
    return n.IsDefined() ? toDim2(m_ctx, n, keyPath(key), min) : std::nullopt;
}

void MapReader::finish()
{
    if (!m_valid)
        return;
    std::unordered_map<std::string, int> seen; // key, line
    for (auto it = m_node.begin(); it != m_node.end(); ++it) {
        const YAML::Node k = it->first; // a copy: `it->` yields a proxy that dies with the statement
        const std::string name = k.IsScalar() ? k.Scalar() : std::string("<non-text key>");
        if (const auto first = seen.find(name); first != seen.end()) {
            m_ctx.error(k, keyPath(name),
                        "duplicate key `" + name + "` (first given on line " + std::to_string(first->second)
                            + "); expected each key once");
            continue;
        }
        seen.emplace(name, k.Mark().line + 1);
        if (std::find(m_allowed.begin(), m_allowed.end(), name) != m_allowed.end())
            continue;
        std::string msg = "unknown key `" + name + "`";
        if (const std::string hint = didYouMean(name, m_allowed); !hint.empty())
            msg += "; did you mean `" + hint + "`?";
        else
            msg += "; expected one of " + listOf(m_allowed);
        m_ctx.error(k, keyPath(name), msg);
    }
}

std::string didYouMean(std::string_view word, const std::vector<std::string_view>& allowed)
{
    std::string best;
    int bestDist = std::max<int>(2, static_cast<int>(word.size()) / 3) + 1;
    for (const auto candidate : allowed) {
        const int d = editDistance(word, candidate);
        if (d < bestDist) {
            bestDist = d;
            best = candidate;
        }
    }
    return best;
}

std::string listOf(const std::vector<std::string_view>& words)
{
    std::string out;
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (i > 0)
            out += i + 1 == words.size() ? " or " : ", ";
        out += "`" + std::string(words[i]) + "`";
    }
    return out;
}

} // namespace kapla::io
