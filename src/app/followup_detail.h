// Inside batch follow-up (app/followup.cc starts and shows runs, app/followup_run.cc works
// them): what both halves read and decide. Not for other callers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <soci/soci.h>

#include "app/followup.h"
#include "app/letters.h"

namespace inkasso::followup_detail {

// A row of followup_runs.
struct RunRow {
  int64_t id = 0;
  int64_t account_id = 0;
  Date as_of;
  BatchChannel channel = BatchChannel::email_or_print;
  bool finished = false;
  int64_t created_by = 0;
  int64_t created_at = 0;
  std::optional<int64_t> finished_at;
};

std::optional<RunRow> load_run(soci::session& sql, int64_t account_id, int64_t run_id);

// Whether a debtor with this e-mail address and mobile number can be reached on `channel`; the
// Danish reason when not.
std::optional<std::string> unreachable(BatchChannel channel, const std::string& email,
                                       const std::string& mobile);

// The reminder number of a group key ("standard:reminder:2" → 2; 0 without one).
int reminder_number_of(const std::string& group_key);

}  // namespace inkasso::followup_detail
