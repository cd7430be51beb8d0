// JSON output of the engine's results, in the exact shape the CLI documents
// (docs/case-file.md). Amounts are strings with two decimals ("1500.00"); dates YYYY-MM-DD.
#pragma once

#include <string>
#include <vector>

#include "core/calculators.h"
#include "core/engine.h"

namespace inkasso {

std::string state_json(const CaseState& state);
std::string plan_json(Date as_of, const std::vector<PlannedStep>& plan);
std::string schedule_json(const AgreementSchedule& schedule, std::optional<Money> suggested);
std::string quote_json(const SettlementQuote& quote);
// {"allowed": true} or {"allowed": false, "rule": ..., "message": ...}
std::string check_json(const Status& status);

}  // namespace inkasso
