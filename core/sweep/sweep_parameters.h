#pragma once
// The one table of what a sweep may vary: each parameter's name, the kind of value it takes and how it
// sets that value on a project (for either form of architecture).

#include "model/project.h"
#include "sweep/sweep.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kapla {

/// The kind of value a parameter takes.
enum class SweepValueKind { Integer, Real, Dim2, Flag, Keyword, NetworkFile };

/// A parameter of the table.
struct SweepParameterInfo {
    std::string_view name;
    SweepValueKind kind;
    double min = 0;                         ///< smallest number (or pair side) it takes
    std::vector<std::string_view> keywords; ///< the words a Keyword parameter takes
    /// Sets the value; an error message when the project cannot take it (empty when it did).
    std::string (*apply)(Project& project, const SweepValue& value, const SweepSpec& spec);
    std::string_view description; ///< one line for help texts and tooltips
};

/// Every parameter, in the order help texts list them.
const std::vector<SweepParameterInfo>& sweepParameterTable();
/// The parameter called `name`, or null.
const SweepParameterInfo* findSweepParameter(std::string_view name);
/// The names of every parameter (for did-you-mean and messages).
std::vector<std::string_view> sweepParameterNameList();

} // namespace kapla
