#include "mutator.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <cstdlib>

namespace kapla::fuzz {

std::uint64_t Rng::next()
{
    std::uint64_t z = (m_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

std::string_view mutationName(MutationKind kind)
{
    static constexpr std::array<std::string_view, kNumMutationKinds> names{"huge-number",  "negative-number",
                                                                           "not-a-number", "zero-number",
                                                                           "delete-line",  "duplicate-line",
                                                                           "wrong-type",   "truncate",
                                                                           "nasty-name",   "deep-nesting",
                                                                           "many-keys",    "swap-lines",
                                                                           "indentation",  "nearby-number",
                                                                           "limit-number"};
    return names[static_cast<std::size_t>(kind)];
}

namespace {

struct Span {
    std::size_t begin = 0;
    std::size_t end = 0;
};

bool numberChar(char c) { return std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == 'e' || c == '-'; }

// Every number token (digits not inside a word or a comment), so names like `conv1` keep their digits.
std::vector<Span> numbers(const std::string& text)
{
    std::vector<Span> out;
    bool comment = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '#' || text[i] == '\n')
            comment = text[i] == '#';
        if (comment || !std::isdigit(static_cast<unsigned char>(text[i])))
            continue;
        const char before = i > 0 ? text[i - 1] : ' ';
        if (std::isalpha(static_cast<unsigned char>(before)) || before == '_') {
            while (i < text.size() && std::isalnum(static_cast<unsigned char>(text[i])))
                ++i;
            continue;
        }
        std::size_t end = i;
        while (end < text.size() && numberChar(text[end]))
            ++end;
        out.push_back({i, end});
        i = end;
    }
    return out;
}

// Lines as [begin, end) spans without their newline.
std::vector<Span> lines(const std::string& text)
{
    std::vector<Span> out;
    std::size_t begin = 0;
    while (begin < text.size()) {
        std::size_t end = text.find('\n', begin);
        if (end == std::string::npos)
            end = text.size();
        out.push_back({begin, end});
        begin = end + 1;
    }
    return out;
}

// Where values start: just after `: ` on a line that is no comment.
std::vector<Span> values(const std::string& text)
{
    std::vector<Span> out;
    for (std::size_t i = 0; i + 1 < text.size(); ++i) {
        if (text[i] != ':' || text[i + 1] != ' ')
            continue;
        std::size_t end = i + 2;
        while (end < text.size() && text[end] != '\n' && text[end] != ',' && text[end] != '}' && text[end] != ']')
            ++end;
        if (end > i + 2)
            out.push_back({i + 2, end});
    }
    return out;
}

template <std::size_t N>
std::string_view pick(const std::array<std::string_view, N>& choices, Rng& rng)
{
    return choices[rng.below(N)];
}

std::string replaceSpan(std::string& text, Span s, std::string_view with)
{
    const std::string old = text.substr(s.begin, s.end - s.begin);
    text.replace(s.begin, s.end - s.begin, with);
    return "'" + old + "' -> '" + std::string(with.substr(0, 40)) + (with.size() > 40 ? "...'" : "'");
}

std::string replaceNumber(std::string& text, Rng& rng, std::string_view with)
{
    const auto spans = numbers(text);
    if (spans.empty())
        return "no number";
    const Span s = spans[rng.below(spans.size())];
    return "number at byte " + std::to_string(s.begin) + ": " + replaceSpan(text, s, with);
}

// The number doubled, halved or plus one (as an integer when it is one).
std::string nearby(const std::string& number, Rng& rng)
{
    const bool integer = number.find_first_of(".e") == std::string::npos;
    const double v = std::strtod(number.c_str(), nullptr);
    const std::size_t how = rng.below(3);
    const double n = how == 0 ? v * 2 : how == 1 ? v / 2 : v + 1;
    if (integer)
        return std::to_string(static_cast<long long>(n));
    char text[32];
    std::snprintf(text, sizeof text, "%.6g", n);
    return text;
}

std::string nearbyNumber(std::string& text, Rng& rng)
{
    const auto spans = numbers(text);
    if (spans.empty())
        return "no number";
    const Span s = spans[rng.below(spans.size())];
    return "number at byte " + std::to_string(s.begin) + ": "
         + replaceSpan(text, s, nearby(text.substr(s.begin, s.end - s.begin), rng));
}

std::string deepValue(Rng& rng)
{
    const std::size_t depth = 10 + rng.below(300);
    const bool list = rng.chance(50);
    std::string v;
    for (std::size_t i = 0; i < depth; ++i)
        v += list ? "[" : "{a: ";
    v += "1";
    for (std::size_t i = 0; i < depth; ++i)
        v += list ? "]" : "}";
    return v;
}

std::string manyEntries(std::string& text, Rng& rng)
{
    const auto ls = lines(text);
    if (ls.empty())
        return "empty text";
    const Span line = ls[rng.below(ls.size())];
    const std::string copy = text.substr(line.begin, line.end - line.begin);
    const std::size_t count = 1000 + rng.below(30000);
    std::string block;
    const std::size_t indent = copy.find_first_not_of(' ');
    const std::string pad(indent == std::string::npos ? 0 : indent, ' ');
    const bool asKeys = rng.chance(50);
    for (std::size_t i = 0; i < count; ++i)
        block += asKeys ? pad + "k" + std::to_string(i) + ": " + std::to_string(i) + "\n" : copy + "\n";
    text.insert(line.end + 1 > text.size() ? text.size() : line.end + 1, block);
    return std::to_string(count) + (asKeys ? " keys" : " copies of line '" + copy.substr(0, 40) + "'");
}

std::string nastyName(std::string& text, Rng& rng)
{
    static constexpr std::array<std::string_view, 8> nasty{"\"a\\\"b\"",     "'it''s'",        "\"\\x01\\x7f\"",
                                                           "\"tab\\there\"", "\"new\\nline\"", "\"\"",
                                                           "\"\\u0000\"",    "'#not'"};
    auto spans = values(text);
    if (spans.empty())
        return "no value";
    const Span s = spans[rng.below(spans.size())];
    if (rng.chance(20)) { // raw bytes no YAML file may hold
        const std::string raw = rng.chance(50) ? std::string(1, '\0') : std::string("\x01\x1b[2J");
        text.insert(s.begin, raw);
        return "raw control byte at " + std::to_string(s.begin);
    }
    return "value " + replaceSpan(text, s, pick(nasty, rng));
}

std::string lineEdit(std::string& text, MutationKind kind, Rng& rng)
{
    const auto ls = lines(text);
    if (ls.size() < 2)
        return "too few lines";
    const Span a = ls[rng.below(ls.size())];
    const std::string la = text.substr(a.begin, a.end - a.begin);
    if (kind == MutationKind::DeleteLine) {
        text.erase(a.begin, std::min(text.size(), a.end + 1) - a.begin);
        return "deleted '" + la.substr(0, 60) + "'";
    }
    if (kind == MutationKind::DuplicateLine) {
        text.insert(a.begin, la + "\n");
        return "duplicated '" + la.substr(0, 60) + "'";
    }
    if (kind == MutationKind::Indentation) {
        if (rng.chance(50) && !la.empty() && la[0] == ' ') {
            text.erase(a.begin, std::min<std::size_t>(2, la.find_first_not_of(' ')));
            return "dedented '" + la.substr(0, 60) + "'";
        }
        text.insert(a.begin, rng.chance(80) ? "  " : "\t");
        return "indented '" + la.substr(0, 60) + "'";
    }
    Span b = ls[rng.below(ls.size())];
    const Span first = a.begin < b.begin ? a : b, second = a.begin < b.begin ? b : a;
    if (first.begin == second.begin)
        return "same line";
    const std::string l1 = text.substr(first.begin, first.end - first.begin);
    const std::string l2 = text.substr(second.begin, second.end - second.begin);
    text.replace(second.begin, second.end - second.begin, l1);
    text.replace(first.begin, first.end - first.begin, l2);
    return "swapped lines at bytes " + std::to_string(first.begin) + " and " + std::to_string(second.begin);
}

} // namespace

std::string mutate(std::string& text, MutationKind kind, Rng& rng)
{
    static constexpr std::array<std::string_view, 9> huge{"1e308",      "2147483648", "99999999999", "1e-17", "1e-100",
                                                          "4294967297", "1.7e308",    "100000",      "65537"};
    static constexpr std::array<std::string_view, 4> negative{"-1", "-0", "-1e9", "-2147483648"};
    static constexpr std::array<std::string_view, 5> notNumber{"nan", ".nan", "inf", "-.inf", "1e999"};
    static constexpr std::array<std::string_view, 12> limit{"64",    "65",    "1024",       "1025", "65536", "65537",
                                                            "10000", "10001", "1000000000", "1e14", "1e17",  "1"};
    static constexpr std::array<std::string_view, 7> wrong{"[1, 2]", "{a: 1}", "\"text\"", "true", "~", "[]", "{}"};
    switch (kind) {
    case MutationKind::HugeNumber: return replaceNumber(text, rng, pick(huge, rng));
    case MutationKind::NegativeNumber: return replaceNumber(text, rng, pick(negative, rng));
    case MutationKind::NotANumber: return replaceNumber(text, rng, pick(notNumber, rng));
    case MutationKind::ZeroNumber: return replaceNumber(text, rng, rng.chance(50) ? "0" : "0.0");
    case MutationKind::NearbyNumber: return nearbyNumber(text, rng);
    case MutationKind::LimitNumber: return replaceNumber(text, rng, pick(limit, rng));
    case MutationKind::WrongType: {
        const auto spans = values(text);
        return spans.empty() ? "no value"
                             : "value " + replaceSpan(text, spans[rng.below(spans.size())], pick(wrong, rng));
    }
    case MutationKind::Truncate: {
        const std::size_t at = rng.below(text.size() + 1);
        text.resize(at);
        return "truncated at byte " + std::to_string(at);
    }
    case MutationKind::NastyName: return nastyName(text, rng);
    case MutationKind::DeepNesting: {
        const auto spans = values(text);
        return spans.empty() ? "no value"
                             : "value " + replaceSpan(text, spans[rng.below(spans.size())], deepValue(rng));
    }
    case MutationKind::ManyKeys: return manyEntries(text, rng);
    case MutationKind::DeleteLine:
    case MutationKind::DuplicateLine:
    case MutationKind::SwapLines:
    case MutationKind::Indentation: return lineEdit(text, kind, rng);
    }
    return "unknown mutation";
}

std::vector<std::string> mutateRandomly(std::string& text, Rng& rng)
{
    std::vector<std::string> done;
    const std::size_t count = rng.chance(60) ? 1 : rng.chance(75) ? 2 : 3;
    for (std::size_t i = 0; i < count; ++i) {
        const auto kind = static_cast<MutationKind>(rng.below(kNumMutationKinds));
        done.push_back(std::string(mutationName(kind)) + ": " + mutate(text, kind, rng));
    }
    return done;
}

} // namespace kapla::fuzz
