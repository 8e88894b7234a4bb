#pragma once
// The import report as text: what the command line prints and the window shows.

#include "onnx_import/onnx_import.h"

#include <string>

namespace kapla::onnximport {

/// The summary: the model, counts per operator type and fate, the MACs covered against the model's,
/// the network's layers by kind, and every skipped operator with what took its place.
std::string reportSummary(const Import& imported);

/// One line per operator in graph order: node, operator, fate, what it became, MACs.
std::string operatorListing(const ImportReport& report);

/// The comment lines written above an imported network's YAML: where it came from and, when
/// operators were skipped, which (so the file itself says what it lacks).
std::string yamlHeader(const Import& imported);

/// The MACs covered as a percentage of the model's, e.g. "100.0%" (or "-" for a model without MACs).
std::string coverageText(const ImportReport& report);

} // namespace kapla::onnximport
