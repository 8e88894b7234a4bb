#pragma once
// A sweep: a base project and parameters to vary over it, combined into points that are solved one by one.

#include "model/network.h"
#include "model/options.h"
#include "model/phy_dim2.h"
#include "model/project.h"
#include "util/diagnostic.h"

#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace kapla {

/// One value of a swept parameter: a number, a [h, w] pair, a flag, or a keyword or file name.
using SweepValue = std::variant<double, PhyDim2, bool, std::string>;

/// The value as a sweep file, a CSV cell and a point's label write it ("16", "2.5e-12", "16x16", "true").
std::string sweepValueText(const SweepValue& value);
/// The value as a number for constraints: numbers themselves, a pair's product, a flag's 0 or 1; none for text.
std::optional<double> sweepValueNumber(const SweepValue& value);

/// A parameter the sweep varies: a key of the parameter table (sweep_parameters.h) and its values.
struct SweepParameter {
    std::string name;
    std::vector<SweepValue> values;
};

/// Parameters that advance together (zipped); a sweep's axes are combined as a grid.
struct SweepAxis {
    std::vector<SweepParameter> parameters;
    std::size_t size() const { return parameters.empty() ? 0 : parameters.front().values.size(); }
};

/// How a constraint compares its two sides.
enum class CompareOp { Less, LessEqual, Greater, GreaterEqual, Equal, NotEqual };

/// A product of factors, each a parameter's number or a constant.
struct SweepProduct {
    std::vector<std::string> parameters;
    double constant = 1;
};

/// `left op right`, which every point must satisfy; points that do not are left out of the sweep.
struct SweepConstraint {
    std::string text; ///< as written, for messages
    SourceLocation at;
    SweepProduct left;
    CompareOp op = CompareOp::LessEqual;
    SweepProduct right;
};

/// A sweep as read from its file, with the base project and every network file it names loaded.
struct SweepSpec {
    std::string name;
    std::string file;   ///< the sweep file, as given
    std::string digest; ///< identifies the sweep file's text (parts of one sweep share it)
    std::string basePath;
    Project base;
    std::optional<SolverKind> solver; ///< overrides the base project's solver when given
    std::vector<SweepAxis> axes;
    std::vector<SweepConstraint> constraints;
    std::map<std::string, Network> networks; ///< the `network` parameter's files, by the name written
};

/// One combination of values; `index` numbers it in the grid (before constraints), so its id stays the
/// same whatever the constraints leave out.
struct SweepPoint {
    int index = 0;
    std::vector<std::pair<std::string, SweepValue>> values; ///< in the sweep's parameter order

    /// "p0007": the index, zero-padded so that ids sort as indices do.
    std::string id() const;
};

/// The names of the swept parameters, axis by axis.
std::vector<std::string> sweepParameterNames(const SweepSpec& spec);
/// Number of grid combinations before constraints.
std::size_t sweepGridSize(const SweepSpec& spec);
/// Every grid combination the constraints accept, in index order (the last axis varies fastest).
std::vector<SweepPoint> expandSweep(const SweepSpec& spec);
/// True if the values satisfy the constraint.
bool satisfies(const SweepConstraint& c, const std::vector<std::pair<std::string, SweepValue>>& values);

/// The base project with the point's values set (and the sweep's solver); an error names the
/// parameter whose value the project cannot take.
Result<Project> applySweepPoint(const SweepSpec& spec, const SweepPoint& point);

/// A 64-bit FNV-1a digest of `text` as 16 hex digits.
std::string textDigest(const std::string& text);

} // namespace kapla
