#include "onnx_import/onnx_import.h"

#include "onnx_import/graph_mapper.h"
#include "onnx_import/model_proto.h"
#include "util/file_access.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace kapla::onnximport {

namespace {

namespace fs = std::filesystem;

std::string mib(std::int64_t bytes) { return std::to_string(bytes / (1024 * 1024)) + " MiB"; }

// The whole file, after checking its size: a model too large is refused before it is read.
Result<std::string> readModelFile(const std::string& path, std::int64_t maxBytes)
{
    std::error_code ec;
    const auto size = fs::is_regular_file(path, ec) ? fs::file_size(path, ec) : 0;
    if (!ec && static_cast<std::int64_t>(size) > maxBytes)
        return modelError(path, "",
                          "the file is " + std::to_string(size) + " bytes (" + mib(static_cast<std::int64_t>(size))
                              + "); models larger than " + mib(maxBytes)
                              + " are refused before reading. Keep large weights in ONNX external data files "
                                "(onnx.save(..., save_as_external_data=True)): the import reads only the graph");
    return readFileText(path, ReadLimits{.maxBytes = static_cast<std::size_t>(maxBytes)});
}

} // namespace

const char* fateKeyword(OperatorFate fate)
{
    switch (fate) {
    case OperatorFate::Mapped: return "mapped";
    case OperatorFate::Folded: return "folded";
    case OperatorFate::Skipped: return "skipped";
    }
    return "?";
}

int ImportReport::count(OperatorFate fate) const
{
    return static_cast<int>(std::count_if(operators.begin(), operators.end(),
                                          [fate](const ImportedOperator& op) { return op.fate == fate; }));
}

Result<Import> importModelFile(const std::string& path, const ImportOptions& options)
{
    auto bytes = readModelFile(path, options.maxFileBytes);
    if (!bytes)
        return bytes.diagnostics();
    return importModelBytes(bytes.value(), path, options);
}

Result<Import> importModelBytes(const std::string& bytes, const std::string& fileName, const ImportOptions& options)
{
    if (options.batch && *options.batch < 1)
        return modelError(fileName, "batch", "batch " + std::to_string(*options.batch) + " is not a positive number");
    auto parsed = parseModel(bytes, fileName);
    if (!parsed)
        return parsed.diagnostics();
    ::onnx::ModelProto model = std::move(parsed).value();
    if (Diagnostics errs = checkNodeSchemas(model, fileName); !errs.empty())
        return errs;
    if (Diagnostics errs = sortTopologically(*model.mutable_graph(), fileName); !errs.empty())
        return errs;
    auto batch = fixBatch(*model.mutable_graph(), options.batch.value_or(0), fileName);
    if (!batch)
        return batch.diagnostics();
    std::string nodeErrors;
    if (Diagnostics errs = inferShapes(model, fileName, &nodeErrors); !errs.empty())
        return errs;
    if (foldShapeComputations(*model.mutable_graph())) {
        nodeErrors.clear();
        if (Diagnostics errs = inferShapes(model, fileName, &nodeErrors); !errs.empty())
            return errs;
    }
    GraphMapper mapper(model, fileName, batch.value(), options.skipUnsupported, std::move(nodeErrors));
    return mapper.run();
}

} // namespace kapla::onnximport
