#pragma once
// Importing a network from an ONNX model: every operator is mapped to a layer, folded away (it only
// reshapes or acts element-wise) or unsupported, and the report says which, so nothing is dropped
// silently. This header is free of protobuf: the ONNX library stays inside core/onnx.

#include "model/network.h"
#include "util/diagnostic.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kapla::onnximport {

/// Files larger than this are refused before they are read: the graph of even the largest
/// convolutional models (VGG-19 with its weights inline, about 550 MiB) stays below it, and the
/// weights of larger models belong in ONNX external data files, which the import never reads.
inline constexpr std::int64_t kMaxModelFileBytes = 768LL * 1024 * 1024;

/// Grouped convolutions become one layer per group (see the docs); more groups than this are refused.
inline constexpr int kMaxConvGroups = 64;

/// How to import.
struct ImportOptions {
    /// The batch the model's shapes are inferred at: it fixes a symbolic batch dimension of the
    /// inputs (1 when unset) and must equal a fixed one. The network itself is per sample.
    std::optional<int> batch;
    /// Skips unsupported operators (listed in the report) instead of failing.
    bool skipUnsupported = false;
    std::int64_t maxFileBytes = kMaxModelFileBytes;
};

/// What became of one ONNX operator.
enum class OperatorFate {
    Mapped,  ///< it is one or more layers of the network
    Folded,  ///< it only reshapes, normalises or acts element-wise: the model has no layer for it
    Skipped, ///< unsupported, left out because ImportOptions::skipUnsupported asked for it
};

/// The report keyword of a fate ("mapped", "folded", "skipped").
const char* fateKeyword(OperatorFate fate);

/// One operator (node) of the ONNX graph and what it became.
struct ImportedOperator {
    std::string node;   ///< the node's name, or "#INDEX" for an unnamed node
    std::string opType; ///< e.g. "Conv"; custom domains as "domain.Op"
    OperatorFate fate = OperatorFate::Folded;
    /// Mapped: the layers it became; folded: why it needs none; skipped: why and what took its place.
    std::string detail;
    /// Its multiply-accumulates (or the model's equivalent operations) per sample, by ONNX's
    /// shapes; nullopt for operators without such work (folded ones) or whose work is not known.
    std::optional<std::int64_t> macs;
};

/// The import report: the operators in graph order and the work covered.
struct ImportReport {
    std::string file;
    std::string producer; ///< "pytorch 2.1" as the model says, may be empty
    std::int64_t opsetVersion = 0;
    int batch = 1;
    std::vector<ImportedOperator> operators;
    /// Graph inputs and what they became ("__INPUT__" or an external).
    std::vector<std::string> inputNotes;

    /// The imported network's operations per sample (Network::totalOps).
    std::int64_t coveredMacs = 0;
    /// The model's operations per sample as ONNX's shapes give them (every operator whose work is known).
    std::int64_t modelMacs = 0;
    /// Skipped operators whose work is not known (not in modelMacs).
    int unknownMacOperators = 0;

    int count(OperatorFate fate) const;
};

/// A network imported from ONNX with its report.
struct Import {
    Network network;
    ImportReport report;
};

/// Reads an ONNX model file and maps it to a network. Errors name the file, the node and its
/// operator where one is at fault, and what was expected; unsupported operators are errors unless
/// `options.skipUnsupported`.
Result<Import> importModelFile(const std::string& path, const ImportOptions& options = {});

/// The same for a model held in memory (`fileName` appears in the diagnostics and the report).
Result<Import> importModelBytes(const std::string& bytes, const std::string& fileName,
                                const ImportOptions& options = {});

} // namespace kapla::onnximport
