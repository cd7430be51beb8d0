// The use cases of cases: create, read, act, pay, note, pause, close, delete, search and the
// follow-up list.
//
// Every use case checks the actor's role in the account first: `guest` reads,
// `case_handler` and up writes (deleting a case included: the manual lets case handlers delete
// cases, and the deletion is kept in the audit log). A case of another account, or of an account
// the actor is no member of, answers not_found.
//
// Every write takes the case version the caller read (StoredCase::version) and returns the new
// one. When someone else changed the case in between, the write is refused with
// app_error::kConflict and nothing is written. A refused or failed write leaves the case as it
// was: each is one transaction.
//
// Errors: app_error codes (context.h); a legal refusal carries the engine's rule id (rules.h)
// and its Danish message; an invalid history carries app_error::kInvalid with the engine's
// field and message. Database failures throw (caught once per entry point).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/context.h"
#include "app/secrets.h"
#include "core/case_model.h"
#include "core/engine.h"
#include "core/fees.h"
#include "store/case_store.h"
#include "store/database.h"

namespace inkasso {

// A reminder sent before the case came to the product (imported history).
struct SentReminder {
  Date date;
  Money fee;
  bool was_collection_notice = false;
  bool compensation = false;  // 310 kr. claimed per overdue invoice (business debtors)
};

struct NewCase {
  int64_t debtor_id = 0;
  std::vector<Claim> claims;                 // at least one
  std::vector<RecordedPayment> payments;     // already received
  std::vector<SentReminder> reminders;       // already sent, in date order
  std::optional<Track> track;                // default: the account's default track
  std::optional<InterestSettings> interest;  // default: the account's defaults
  bool batch_follow_up = true;
};

// The engine's reduction of an imported fee, worded (rules.h adjustment_message).
struct ImportAdjustment {
  Adjustment adjustment;
  std::string message;
};

struct CreatedCase {
  int64_t id = 0;
  int64_t number = 0;
  int64_t version = 0;
  // Fees in the imported reminders that the law does not allow, as the engine capped them.
  std::vector<ImportAdjustment> adjustments;
};

// Creates a case with the next case number of the account (1, 2, ...; never reused). The debtor
// must belong to the account (not_found otherwise). Interest defaults from the account; a fixed
// default rate applies to business debtors only (a private debtor gets procesrente from the
// same start); a fixed rate asked for a private debtor is invalid. A portal password is
// generated and stored sealed with `box`. The whole history is validated by the engine.
Result<CreatedCase> create_case(Database& db, const Clock& clock, const SecretBox& box,
                                const Actor& actor, int64_t account_id, const NewCase& input);

struct CaseView {
  StoredCase stored;
  CaseState state;          // evaluated on clock.today()
  Role role = Role::guest;  // the reader's role in the account, as checked by get_case
};

Result<CaseView> get_case(Database& db, const Clock& clock, const Actor& actor, int64_t account_id,
                          int64_t case_number);

// The debtor portal password, opened (case_handler and up: it is a credential).
Result<std::string> case_portal_password(Database& db, const SecretBox& box, const Actor& actor,
                                         int64_t account_id, int64_t case_number);
// The same for a case just read with get_case, without reading it again (the case page).
Result<std::string> case_portal_password(const SecretBox& box, const CaseView& view);
// The same for a case a caller read after checking the role itself (letters, batch follow-up).
Result<std::string> case_portal_password(const SecretBox& box, const StoredCase& c);

// Adds an action after check_new_action (rules.h): a refusal comes back as the engine's Error
// (code = rule id, Danish message) and nothing is written. Returns the new version.
Result<int64_t> add_action(Database& db, const Clock& clock, const Actor& actor, int64_t account_id,
                           int64_t case_number, int64_t expected_version, const Action& action);
// The same, with `along` writing in the action's transaction (its document and sendings, see
// app/letters.h): both are written or neither.
Result<int64_t> add_action(Database& db, const Clock& clock, const Actor& actor, int64_t account_id,
                           int64_t case_number, int64_t expected_version, const Action& action,
                           const AlongWithEvents& along);

// Removes the latest action (the case points at the same step again); recorded in audit_log.
Result<int64_t> delete_last_action(Database& db, const Clock& clock, const Actor& actor,
                                   int64_t account_id, int64_t case_number,
                                   int64_t expected_version);

Result<int64_t> register_payment(Database& db, const Clock& clock, const Actor& actor,
                                 int64_t account_id, int64_t case_number, int64_t expected_version,
                                 Date date, Money amount,
                                 std::optional<PaymentMethod> method = std::nullopt);

// A new claim on the case (refused with rule case_closed on a closed case).
Result<int64_t> add_claim(Database& db, const Clock& clock, const Actor& actor, int64_t account_id,
                          int64_t case_number, int64_t expected_version, const Claim& claim);

Result<int64_t> add_credit_note(Database& db, const Clock& clock, const Actor& actor,
                                int64_t account_id, int64_t case_number, int64_t expected_version,
                                const CreditNote& note);

// A note dated today; 1..10,000 characters (bytes of UTF-8), not blank.
Result<int64_t> add_note(Database& db, const Clock& clock, const Actor& actor, int64_t account_id,
                         int64_t case_number, int64_t expected_version, const std::string& text);

// Pauses the case from today until `until` (a pause action).
Result<int64_t> pause_case(Database& db, const Clock& clock, const Actor& actor, int64_t account_id,
                           int64_t case_number, int64_t expected_version, Date until);

// Changes the track from today (a track_change action).
Result<int64_t> change_track(Database& db, const Clock& clock, const Actor& actor,
                             int64_t account_id, int64_t case_number, int64_t expected_version,
                             Track track);

Result<int64_t> set_batch_follow_up(Database& db, const Actor& actor, int64_t account_id,
                                    int64_t case_number, int64_t expected_version, bool on);

struct ClosedCase {
  int64_t version = 0;
  Money written_off;  // what was still owed on the closing date
};

// Closes the case on `date` (a close action): interest stops, the remainder is written off.
Result<ClosedCase> close_case(Database& db, const Clock& clock, const Actor& actor,
                              int64_t account_id, int64_t case_number, int64_t expected_version,
                              Date date);

// Deletes the case and its history for good; recorded in audit_log (with the whole history).
// Its number is not given out again.
Status delete_case(Database& db, const Clock& clock, const Actor& actor, int64_t account_id,
                   int64_t case_number, int64_t expected_version);

// A page of the account's cases from the list cache (see case_store.h CaseQuery). limit 1..1000.
Result<CasePage> search_cases(Database& db, const Actor& actor, int64_t account_id,
                              const CaseQuery& query);

struct DueCase {
  int64_t number = 0;
  int64_t debtor_id = 0;
  int64_t version = 0;
  NextAction next_action;
  Flow flow = Flow::track;
  Track track = Track::standard;
  Money principal;
  Money outstanding;
};

// The open cases in batch follow-up whose next step is due on `today`, evaluated exactly (the
// cache only picks the candidates), ordered by the step's date, then case number.
Result<std::vector<DueCase>> list_due_for_follow_up(Database& db, const Actor& actor,
                                                    int64_t account_id, Date today);

// Every open case's follow-up status for lists (red when due), from the cache: fast for 100,000
// cases. See FollowUpStatus (case_store.h) for what it can and cannot know.
Result<std::vector<FollowUpStatus>> follow_up_overview(Database& db, const Actor& actor,
                                                       int64_t account_id, Date today);

}  // namespace inkasso
