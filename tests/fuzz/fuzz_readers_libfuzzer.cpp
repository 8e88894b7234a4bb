// libFuzzer entry point of the file readers (built with -DKAPLA_LIBFUZZER=ON and clang): every input
// is read as each kind of file; a reader may refuse it, never crash, hang or leak.

#include "io/project_io.h"
#include "io/schedule_io.h"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string text(reinterpret_cast<const char*>(data), size);
    (void)kapla::io::parseNetwork(text, "fuzz.yaml");
    (void)kapla::io::parseArchitecture(text, "fuzz.yaml");
    (void)kapla::io::parseOptions(text, "fuzz.yaml");
    (void)kapla::io::parseSchedule(text, "fuzz.yaml");
    // No folder: a project's includes name files that do not exist, which is an error like any other.
    (void)kapla::io::parseProject(text, "fuzz.yaml", "/nonexistent-kapla-fuzz");
    return 0;
}
