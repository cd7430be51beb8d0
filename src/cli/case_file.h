// Case files: the engine's JSON format (see docs/case-file.md), read into a CaseHistory and
// written back from the engine's results. nlohmann::json stays inside case_file.cc so that
// including this header costs nothing.
//
// Reading never throws and never crashes on any input: malformed JSON, unknown keys, wrong
// types, bad amounts or dates all come back as an Error whose `field` names the place
// ("claims[0].amount") and whose message is one line.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/case_model.h"
#include "core/result.h"

namespace inkasso {

struct CaseFile {
  CaseHistory history;
  std::optional<Date> as_of;  // "as_of" in the file, if given
};

Result<CaseFile> parse_case_file(std::string_view json_text);

// One action object as it stands in "actions" (for `case check --action`).
Result<Action> parse_action(std::string_view json_text);

}  // namespace inkasso
