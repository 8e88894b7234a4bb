#include "cli/cli_common.h"

#include "io/project_io.h"
#include "onnx_import/import_report.h"
#include "onnx_import/onnx_import.h"
#include "util/file_access.h"

#include <algorithm>
#include <iostream>

namespace kapla::cli {

const char* const kImportUsage =
    "usage: kapla import MODEL.onnx [--batch N] [--out NETWORK.yaml] [--skip-unsupported] [--report FILE]\n"
    "  reads an ONNX model and writes it as a network file: Conv (grouped and depthwise too), Gemm and\n"
    "  MatMul, MaxPool/AveragePool/GlobalAveragePool, Add/Sum, Concat and LRN become layers; activations,\n"
    "  normalisations, Flatten/Reshape, Dropout, Identity and the like are folded away. The report (the\n"
    "  operators mapped, folded and skipped, and the MACs covered against the model's) goes to stdout,\n"
    "  or to stderr when the network goes to stdout.\n"
    "  --batch N            the batch the model's shapes are inferred at (default: its own, else 1)\n"
    "  --out FILE           write the network there (atomically) instead of to stdout\n"
    "  --skip-unsupported   import without the operators that have no layer kind (listed in the\n"
    "                       report and the file); without it they are errors\n"
    "  --report FILE|-      also write every operator, one line each, with what it became (- for\n"
    "                       stdout, with --out only)\n"
    "Exit codes: 0 imported, 1 invalid model or options (every problem on stderr), 4 internal error.\n";

namespace {

struct ImportArgs {
    std::string model, out, report;
    onnximport::ImportOptions options;
};

std::optional<ImportArgs> parseArgs(const Args& args)
{
    ImportArgs a;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& k = args[i];
        const auto bad = [&](const std::string& what) {
            std::cerr << "kapla import: " << k << ": " << what << '\n' << kImportUsage;
            return std::nullopt;
        };
        if (k == "--skip-unsupported") {
            a.options.skipUnsupported = true;
        } else if (!k.starts_with("--")) {
            if (!a.model.empty())
                return bad("only one model may be given");
            a.model = k;
        } else if (i + 1 >= args.size()) {
            return bad("needs a value");
        } else if (k == "--batch") {
            a.options.batch = parseNumber<int>(args[++i]);
            if (!a.options.batch || *a.options.batch < 1)
                return bad("expected a positive integer, got '" + args[i] + "'");
        } else if (k == "--out") {
            a.out = args[++i];
        } else if (k == "--report") {
            a.report = args[++i];
        } else {
            return bad("unknown option");
        }
    }
    if (a.model.empty()) {
        std::cerr << kImportUsage;
        return std::nullopt;
    }
    return a;
}

// An output that would overwrite the model or the other output is refused before anything is read.
bool outputsAllowed(const ImportArgs& a)
{
    if (!outputsSpareInputs({a.out, a.report}, {a.model}))
        return false;
    if (a.report == "-" && a.out.empty()) {
        std::cerr << "kapla import: --report -: stdout carries the network; expected --out FILE or a report file\n";
        return false;
    }
    if (!a.out.empty() && (a.out == a.report || outputOntoInput(a.out, {a.report}))) {
        std::cerr << a.report << ": error: --out and --report name the same file\n";
        return false;
    }
    return true;
}

bool write(const std::string& path, const std::string& text)
{
    const Diagnostics d = writeFileText(path, text);
    printDiagnostics(d);
    return d.empty();
}

} // namespace

ExitCode runImport(const Args& args)
{
    const auto a = parseArgs(args);
    if (!a || !outputsAllowed(*a))
        return ExitCode::InvalidInput;
    const auto imported = onnximport::importModelFile(a->model, a->options);
    if (!imported) {
        printDiagnostics(imported.diagnostics());
        const bool unsupported = std::any_of(imported.diagnostics().begin(), imported.diagnostics().end(),
                                             [](const Diagnostic& d) {
                                                 return d.message.starts_with("unsupported operator");
                                             });
        if (unsupported && !a->options.skipUnsupported)
            std::cerr << "kapla import: --skip-unsupported imports the model without them and lists them\n";
        return ExitCode::InvalidInput;
    }
    const Network& network = imported->network;
    const std::string yaml = onnximport::yamlHeader(imported.value()) + io::networkToYaml(network);
    // The file must read back as this very network; anything else is a bug of the import or the writer.
    const auto back = io::parseNetwork(yaml, a->out.empty() ? "<stdout>" : a->out);
    if (!back || !(back.value() == network)) {
        printDiagnostics(back.diagnostics());
        std::cerr << "kapla import: internal error: the network written does not read back as imported\n";
        return ExitCode::InternalError;
    }
    const std::string summary = onnximport::reportSummary(imported.value());
    const std::string listing = onnximport::operatorListing(imported->report);
    if (!a->report.empty() && a->report != "-" && !write(a->report, summary + listing))
        return ExitCode::InvalidInput;
    if (a->out.empty()) {
        std::cerr << summary;
        std::cout << yaml;
        return ExitCode::Ok;
    }
    if (!write(a->out, yaml))
        return ExitCode::InvalidInput;
    std::cout << summary << (a->report == "-" ? listing : std::string()) << "wrote " << a->out << '\n';
    return ExitCode::Ok;
}

} // namespace kapla::cli
