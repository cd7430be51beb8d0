// Batch follow-up ("multiopfølgning", issue 6): a morning's due steps on many cases in two steps.
//
// Step 1 (follow_up_preview): every step now due on the account's cases in batch follow-up,
// grouped by track and document ("Standard: Rykker nr. 2 (34)"; a defaulted agreement's steps
// under "defaulted_agreement"). Step 2 (follow_up_cases): the cases a choice of groups takes,
// oldest step first, up to a limit. Execution (start_follow_up_run, then work_follow_up_run until
// nothing is pending): each case's step is created as the action form would create it
// (core/suggested_action.h), checked by the engine, with its document and sendings queued for
// the chosen time (app/letters.h); a refusal is kept with its reason, never skipped silently.
//
// Left out, by construction: paused cases (the engine moves their step to the pause's end),
// cases taken out of batch follow-up, closed cases; and, listed with the reason, cases whose
// debtor cannot be reached on the chosen channel.
//
// Exactly once: see migrations/0014_followup_runs.sql. The run's items are fixed when it starts;
// each item is worked in its action's transaction. A double submit (same run_key) returns the
// same run; a restart resumes the pending items (resume_follow_up_runs, called by the worker).
//
// Authorisation: reading needs guest, running case_handler, always in the actor's account.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/context.h"
#include "app/letters.h"
#include "app/secrets.h"
#include "core/case_model.h"
#include "core/money.h"
#include "store/database.h"

namespace inkasso {

// How the documents of a run are sent.
enum class BatchChannel {
  email_or_print,  // e-mail where the debtor has an address, otherwise the print list (default)
  email,           // e-mail only: debtors without an address are left out
  email_and_sms,   // e-mail and an SMS with the link: both needed
  print_self,      // all on the print list ("Send selv")
  letter_service,  // all printed and posted by the installation ("Brevservice")
};
std::string_view to_string(BatchChannel c);
std::optional<BatchChannel> batch_channel_from_string(std::string_view s);

// The group a due step belongs to: "<track>:<type>[:<reminder number>]", the track being the
// one in force ("gentle", "standard", "fast") or "defaulted_agreement".
struct FollowUpGroup {
  std::string key;    // "standard:reminder:2"
  std::string track;  // "standard" or "defaulted_agreement"
  ActionType type = ActionType::reminder;
  int reminder_number = 0;  // 1, 2, 3 for reminders; 0 otherwise
  int count = 0;
  Date oldest;  // the earliest due date in the group
};

struct FollowUpPreview {
  Date as_of;
  std::vector<FollowUpGroup> groups;  // tracks in the order gentle, standard, fast, then
                                      // defaulted agreements; within a track by step
  int total = 0;
};

Result<FollowUpPreview> follow_up_preview(Database& db, const Actor& actor, int64_t account_id,
                                          Date as_of);

// Whether a group matches a choice: its key, or a bare action type ("reminder" takes every
// reminder group of every track).
bool group_chosen(const FollowUpGroup& group, const std::vector<std::string>& choices);

// One case of step 2's list ("Vis/Skjul sager").
struct FollowUpCase {
  int64_t case_id = 0;
  int64_t number = 0;
  std::string debtor_name;
  std::string group_key;
  ActionType type = ActionType::reminder;
  int reminder_number = 0;
  Money principal;
  Date due_date;  // the step's follow-up date
};

// The cases the chosen groups take on `as_of`: oldest step first (then case number), at most
// `limit` (1..100,000).
Result<std::vector<FollowUpCase>> follow_up_cases(Database& db, const Actor& actor,
                                                  int64_t account_id, Date as_of,
                                                  const std::vector<std::string>& choices,
                                                  int limit);

inline constexpr int kFollowUpLimitDefault = 1000;
inline constexpr int kFollowUpLimitMax = 100'000;

// What step 2 executes.
struct FollowUpOrder {
  std::vector<std::string> choices;  // group keys or bare types (group_chosen)
  int limit = kFollowUpLimitDefault;
  // When each group's documents are sent (Unix seconds); a group without an entry uses
  // default_send_at, and 0 means at once.
  std::map<std::string, int64_t> send_at;
  int64_t default_send_at = 0;
  BatchChannel channel = BatchChannel::email_or_print;
  std::string run_key;  // the form's once-token (1..100 characters)
};

struct FollowUpItem {
  int64_t case_number = 0;
  std::string group_key;
  ActionType type = ActionType::reminder;
  int reminder_number = 0;
  std::string status;  // "pending", "done", "refused", "left_out"
  std::string reason;  // Danish, for refused and left out
};

struct FollowUpRun {
  int64_t id = 0;
  Date as_of;
  BatchChannel channel = BatchChannel::email_or_print;
  bool finished = false;
  int64_t created_at = 0;
  std::optional<int64_t> finished_at;
  int total = 0;
  int pending = 0;
  int done = 0;
  int refused = 0;
  int left_out = 0;
  std::vector<FollowUpItem> problems;  // the refused and left-out items, in order
};

// Starts a run: fixes its items (the cases follow_up_cases gives, each marked left out when the
// debtor cannot be reached on the channel), nothing acted on yet. The same run_key gives the
// same run again (returns its id). Errors: invalid_input on "types" (nothing chosen),
// "limit", "run_key".
Result<int64_t> start_follow_up_run(Database& db, const Clock& clock, const Actor& actor,
                                    int64_t account_id, Date as_of, const FollowUpOrder& order);

// Works up to `max_items` pending items of the run (each: the step created with its document
// and sendings, or refused with the reason); the run is marked finished when none is left.
// Returns how many items were worked. Safe to run beside another worker on the same run.
Result<int> work_follow_up_run(Database& db, const Clock& clock, const SecretBox& box,
                               const Installation& inst, const Actor& actor, int64_t account_id,
                               int64_t run_id, int max_items);

// Works every unfinished run of the installation, as the user who started it (the background
// worker; after a restart this finishes what was begun). Returns the items worked.
int resume_follow_up_runs(Database& db, const Clock& clock, const SecretBox& box,
                          const Installation& inst, int max_items);

Result<FollowUpRun> get_follow_up_run(Database& db, const Actor& actor, int64_t account_id,
                                      int64_t run_id);

}  // namespace inkasso
