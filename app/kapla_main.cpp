// kapla: the command-line front end of KAPLA Studio.

#include "cli/cli_common.h"
#include "cli/cli_export.h"

#include <exception>
#include <iostream>
#include <string>

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
        [--threads N] [--json OUT|-] [--schedule OUT.yaml] [--csv OUT|-]
                                search a schedule; prints its summary and writes the
                                requested files (exit 2 with reasons if none is valid,
                                3 when interrupted by Ctrl-C; the best found is written)
  export PROJECT (--schedule S.yaml|--solve SOLVER|--run N) --figure energy|occupancy|allocation|timeline
         --format png|pdf|svg --out FILE
                                render a figure without a display (or --format yaml|json|csv
                                without --figure for the schedule); see `kapla export --help`
  help                          this text

Exit codes: 0 ok, 1 invalid input, 2 no valid schedule, 3 cancelled, 4 internal error.
)";

} // namespace

int main(int argc, char** argv)
{
    using namespace kapla::cli;
    if (argc < 2) {
        std::cerr << kUsage;
        return InvalidInput;
    }
    const std::string verb = argv[1];
    const Args args(argv + 2, argv + argc);
    try {
        if (verb == "validate")
            return runValidate(args);
        if (verb == "show")
            return runShow(args);
        if (verb == "evaluate")
            return runEvaluate(args);
        if (verb == "export")
            return runExport(args);
        if (verb == "solve")
            return runSolve(args);
        if (verb == "help" || verb == "--help" || verb == "-h") {
            std::cout << kUsage;
            return Ok;
        }
        std::cerr << "kapla: unknown verb '" << verb << "'\n" << kUsage;
        return InvalidInput;
    } catch (const std::exception& e) {
        std::cerr << "kapla: internal error: " << e.what() << '\n';
        return InternalError;
    }
}
