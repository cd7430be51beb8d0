// libFuzzer target for the case-file reader (src/cli/case_file.h). The reader's contract: on
// any input it returns a CaseFile or an Error with a one-line message, and never crashes, hangs,
// leaks or hits undefined behaviour (the fuzz build runs with ASan and UBSan). See
// fuzz/README.md for how to run it.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "cli/case_file.h"

namespace {

// An error must carry a one-line message that people can read.
void check_error(const inkasso::Error& error) {
  if (error.message.empty() || error.message.find('\n') != std::string::npos) {
    std::fprintf(stderr, "error message is empty or not one line (code %s, field %s): [%s]\n",
                 error.code.c_str(), error.field.c_str(), error.message.c_str());
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  const auto file = inkasso::parse_case_file(text);
  if (!file.ok()) check_error(file.error());

  const auto action = inkasso::parse_action(text);
  if (!action.ok()) check_error(action.error());

  return 0;
}
