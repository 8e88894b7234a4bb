#pragma once
// Errors are values: every problem found in user input is a Diagnostic naming where and what.

#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace kapla {

/// Where in a source file a diagnostic points; line and column are 1-based, 0 when unknown.
struct SourceLocation {
    std::string file;
    int line = 0;
    int column = 0;
};

/// How bad a diagnostic is.
enum class Severity { Error, Warning };

/// One problem found in user input: location, offending key, message and the expectation.
struct Diagnostic {
    Severity severity = Severity::Error;
    SourceLocation location;
    std::string key;     ///< dotted key path, e.g. "network.layers[3].nofm"; may be empty
    std::string message; ///< what is wrong and what was expected

    /// "file:line:column: error: key: message" in the compiler style editors understand ("file: error: ..."
    /// for a problem with the whole file).
    std::string format() const;
};

/// An ordered list of diagnostics.
using Diagnostics = std::vector<Diagnostic>;

/// True if any diagnostic is an error.
bool hasErrors(const Diagnostics& diags);

/// Either a value or the diagnostics explaining why there is none.
template <typename T>
class Result
{
public:
    Result(T value)
        : m_data(std::move(value))
    {
    }
    Result(Diagnostics diags)
        : m_data(std::move(diags))
    {
    }
    Result(Diagnostic diag)
        : m_data(Diagnostics{std::move(diag)})
    {
    }

    bool ok() const { return std::holds_alternative<T>(m_data); }
    explicit operator bool() const { return ok(); }
    const T& value() const& { return std::get<T>(m_data); }
    T& value() & { return std::get<T>(m_data); }
    T&& value() && { return std::get<T>(std::move(m_data)); }
    const T* operator->() const { return &value(); }
    const Diagnostics& diagnostics() const
    {
        static const Diagnostics none;
        return ok() ? none : std::get<Diagnostics>(m_data);
    }

private:
    std::variant<T, Diagnostics> m_data;
};

/// Shorthand for an error diagnostic without a source position (model-level checks).
Diagnostic makeError(std::string key, std::string message);

} // namespace kapla
