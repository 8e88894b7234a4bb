// kapla: the command-line front end of KAPLA Studio.

#include "cli/cli_common.h"
#include "exit_code.h"

#include <exception>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>

namespace {

constexpr const char* kUsage = R"(usage: kapla VERB [ARGS]

verbs:
  validate FILE...              check project/network/architecture/options files
                                (exit 0 valid, 1 with diagnostics on stderr)
  show FILE [--json OUT|-]      layer table (shapes, MACs, data sizes) and architecture summary
  evaluate PROJECT --schedule S.yaml [--json OUT|-]
                                energy, time and breakdown of a given schedule
                                (exit 2 with every reason when it does not fit)
  solve PROJECT [--solver kapla|exhaustive|random|ml] [--batch N] [--goal e|d|ed]
        [--threads N] [--time-budget S] [--eval-budget N] [--json OUT|-] [--schedule OUT.yaml]
        [--csv OUT|-]           search a schedule; prints its summary and writes the
                                requested files (exit 2 with reasons if none is valid,
                                3 when interrupted by Ctrl-C or when a budget stops the
                                exhaustive search before it has a schedule; the best found
                                is written); see `kapla solve --help`
  export PROJECT (--schedule S.yaml|--solve SOLVER|--run N) --figure energy|occupancy|allocation|timeline
         --format png|pdf|svg --out FILE
                                render a figure without a display (or --format yaml|json|csv
                                without --figure for the schedule); see `kapla export --help`
  compare A B [--project PROJECT] [--json OUT|-] [--csv OUT|-] [--figure FILE]
                                two runs (PROJECT#N saved runs, run files, or schedule
                                files evaluated on --project) side by side: what changed in
                                the inputs, totals, energy components, layers and their
                                directives; see `kapla compare --help`
  import MODEL.onnx [--batch N] [--out NETWORK.yaml] [--skip-unsupported] [--report FILE]
                                an ONNX model as a network file, with a report of every
                                operator mapped, folded or skipped and the MACs covered;
                                see `kapla import --help`
  sweep SWEEP.yaml --out DIR [--resume] [--shard I/N] [--threads N]
  sweep --merge DIR... --out DIR
  sweep SWEEP.yaml --emit slurm|parallel --out DIR [--shards N]
                                solve every point of a parameter sweep (one row per point
                                in DIR/points.csv and points.json, Pareto fronts in
                                pareto.csv), in shards on Slurm or GNU parallel; see
                                `kapla sweep --help`
  help [VERB]                   this text, or the verb's usage (so does `kapla VERB --help`)

Exit codes: 0 ok, 1 invalid input, 2 no valid schedule, 3 cancelled, 4 internal error.
)";

/// A verb: its name, its usage text and what runs it.
struct Verb {
    std::string_view name;
    const char* usage;
    kapla::ExitCode (*run)(const kapla::cli::Args&);
};

const Verb* findVerb(std::string_view name)
{
    using namespace kapla::cli;
    static const Verb verbs[] = {
        {"validate", kValidateUsage, runValidate}, {"show", kShowUsage, runShow},
        {"evaluate", kEvaluateUsage, runEvaluate}, {"solve", kSolveUsage, runSolve},
        {"export", kExportUsage, runExport},       {"import", kImportUsage, runImport},
        {"compare", kCompareUsage, runCompare},    {"sweep", kSweepUsage, runSweep},
    };
    for (const Verb& v : verbs)
        if (v.name == name)
            return &v;
    return nullptr;
}

int unknownVerb(std::string_view verb)
{
    std::cerr << "kapla: unknown verb '" << verb << "'\n" << kUsage;
    return kapla::exitStatus(kapla::ExitCode::InvalidInput);
}

// The first argument that is empty (`--json ''`, or a file named ''), as "--json ''" or "''"; every
// verb reads an empty value as "not given", which would silently drop an output.
std::optional<std::string> emptyArgument(const kapla::cli::Args& args)
{
    for (std::size_t i = 0; i < args.size(); ++i)
        if (args[i].empty())
            return i > 0 && args[i - 1].starts_with("--") ? args[i - 1] + " ''" : std::string("''");
    return std::nullopt;
}

} // namespace

int main(int argc, char** argv)
{
    using namespace kapla::cli;
    using kapla::ExitCode;
    using kapla::exitStatus;
    if (argc < 2) {
        std::cerr << kUsage;
        return exitStatus(ExitCode::InvalidInput);
    }
    const std::string verb = argv[1];
    const Args args(argv + 2, argv + argc);
    try {
        if (verb == "help" || verb == "--help" || verb == "-h") {
            if (args.empty()) {
                std::cout << kUsage;
                return exitStatus(ExitCode::Ok);
            }
            const Verb* v = findVerb(args.front());
            if (!v)
                return unknownVerb(args.front());
            std::cout << v->usage;
            return exitStatus(ExitCode::Ok);
        }
        const Verb* v = findVerb(verb);
        if (!v)
            return unknownVerb(verb);
        // Here rather than in each verb's parser, so that every verb answers it the same way (and
        // `kapla export --help` starts no QApplication).
        if (wantsHelp(args)) {
            std::cout << v->usage;
            return exitStatus(ExitCode::Ok);
        }
        if (const auto empty = emptyArgument(args)) {
            std::cerr << "kapla " << verb << ": " << *empty
                      << ": error: an empty value; expected a file name or a value\n"
                      << v->usage;
            return exitStatus(ExitCode::InvalidInput);
        }
        return exitStatus(v->run(args));
    } catch (const std::exception& e) {
        std::cerr << "kapla: internal error: " << e.what() << '\n';
        return exitStatus(ExitCode::InternalError);
    }
}
