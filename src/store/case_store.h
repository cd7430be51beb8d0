// Cases on disk: the `cases` row (settings, version, a derived cache for lists) and the
// append-only `case_events` history, mapped to and from the engine's types (case_model.h).
//
// The history is the truth; the cache columns of `cases` (flow, next action, review date,
// principal, outstanding, last action, closed) are rewritten from the engine's evaluation with
// every change, in the same transaction, and are only ever used to narrow lists.
//
// Concurrency: every change names the version of the case it was computed from. The first
// statement of its transaction is `UPDATE cases ... WHERE id = ? AND version = ?`; when another
// change came first that matches no row and the whole change is refused with
// app_error::kConflict ("conflict"), nothing written. A failure of any kind rolls the whole
// transaction back.
//
// Errors: expected failures (not found, conflict, an invalid history) are returned; database
// failures throw soci::soci_error (caught once per entry point). Functions that write take a
// session with no transaction open and open their own.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <soci/soci.h>

#include "core/case_model.h"
#include "core/engine.h"
#include "core/result.h"

namespace inkasso {

// How a payment came in (domain.md). Not seen by the engine.
enum class PaymentMethod { cash, bank_transfer, card, accounting };
std::string_view to_string(PaymentMethod m);
std::optional<PaymentMethod> payment_method_from_string(std::string_view s);

// A payment as recorded: the engine's Payment and how it was paid, when known.
struct RecordedPayment {
  Date date;
  Money amount;
  std::optional<PaymentMethod> method;
};

// A free-text note on the case. Not seen by the engine.
struct Note {
  Date date;
  std::string text;
};

enum class EventKind { claim, credit_note, payment, action, note };
std::string_view to_string(EventKind k);

// The spellings of the settings in the database (the same as in the case file format).
std::optional<Flow> flow_from_string(std::string_view s);

// One event to append.
using CaseEvent = std::variant<Claim, CreditNote, RecordedPayment, Action, Note>;

// Who wrote an event and when, and where it landed in the StoredCase.
struct EventMeta {
  int64_t seq = 0;  // 1, 2, ... in the order appended
  EventKind kind = EventKind::note;
  size_t index = 0;        // into the kind's list: history.claims, ..., payment_methods, notes
  int64_t created_by = 0;  // user id; 0 when unknown (an import, a deleted user)
  int64_t created_at = 0;  // Unix seconds UTC
};

struct StoredCase {
  int64_t id = 0;
  int64_t account_id = 0;
  int64_t number = 0;  // the account's case number
  int64_t debtor_id = 0;
  int64_t version = 0;  // bumped by every change
  bool batch_follow_up = true;
  int64_t created_by = 0;
  int64_t created_at = 0;
  std::string portal_password_sealed_hex;  // secretbox(nonce || ciphertext) as hex; see secrets.h
  // The settings (debtor kind, track, interest) and the engine's events, in seq order per kind.
  CaseHistory history;
  std::vector<std::optional<PaymentMethod>> payment_methods;  // parallel to history.payments
  std::vector<Note> notes;
  std::vector<EventMeta> events;  // every event, by seq

  // The seq of the latest event, 0 for none.
  int64_t last_seq() const { return events.empty() ? 0 : events.back().seq; }
};

// Who makes a change, when, and the day the cache is evaluated on.
struct ChangeContext {
  int64_t user_id = 0;
  int64_t now_unix = 0;
  Date today;
};

// Loads a case of the account by its number (or by its id), or not_found ("Sagen findes
// ikke.") when the account has no such case. Two queries: the case row, then its events.
Result<StoredCase> load_case(soci::session& sql, int64_t account_id, int64_t case_number);
Result<StoredCase> load_case_by_id(soci::session& sql, int64_t account_id, int64_t case_id);

// Which candidates load_follow_up_candidates gives.
enum class FollowUpCandidates {
  all,
  group_not_cached,  // only those load_cached_due_steps does not give (to be evaluated)
};

// The open cases of the account in batch follow-up whose cached review date is on or before
// `review_by`: the candidates for the follow-up list, in two queries however many there are.
std::vector<StoredCase> load_follow_up_candidates(
    soci::session& sql, int64_t account_id, Date review_by,
    FollowUpCandidates which = FollowUpCandidates::all);

// A due step the cache knows without evaluating the case (core/follow_up_group.h): the case's
// next step belongs to `group_key` and is due on `step_date` (<= as_of).
struct CachedDueStep {
  int64_t case_id = 0;
  int64_t number = 0;
  int64_t debtor_id = 0;
  std::string group_key;
  Date step_date;
  Money principal;
};

// The open cases in batch follow-up due on `as_of` whose group the cache fixes (due_group set
// and due_group_from <= as_of), in one query without their events, in no particular order.
// Together with load_follow_up_candidates(..., group_not_cached) evaluated on `as_of`, these are
// exactly the due steps (migrations/0016_followup_group_cache.sql).
std::vector<CachedDueStep> load_cached_due_steps(soci::session& sql, int64_t account_id,
                                                 Date as_of);

// The account's cases with these ids (the ones that exist), with their events, in two queries;
// ordered by id. A batch (follow-up runs) reads its cases with it.
std::vector<StoredCase> load_cases_by_ids(soci::session& sql, int64_t account_id,
                                          std::span<const int64_t> ids);

// The debtor's kind when the debtor belongs to the account; not_found otherwise.
Result<DebtorKind> debtor_kind_in_account(soci::session& sql, int64_t account_id,
                                          int64_t debtor_id);

struct NewCaseRecord {
  int64_t account_id = 0;
  int64_t debtor_id = 0;
  bool batch_follow_up = true;
  std::string portal_password_sealed_hex;
  CaseHistory settings;           // debtor kind, track, interest; its event lists are ignored
  std::vector<CaseEvent> events;  // the initial history, in order
};

struct CreatedCaseRef {
  int64_t id = 0;
  int64_t number = 0;
  int64_t version = 0;
};

// Creates the case in one transaction: takes the account's next case number (numbers are never
// reused, also after a case is deleted), inserts the row with its cache and the events. The
// history is validated and evaluated first (an invalid one is returned as the engine's error,
// nothing written). The debtor must exist (checked by the caller and the foreign key).
Result<CreatedCaseRef> insert_case(soci::session& sql, const NewCaseRecord& record,
                                   const ChangeContext& ctx);

// Writes that belong with appended events (an action's document and its sendings), run inside
// append_events' transaction after the events; `first_seq` is the seq of the first event
// appended. Throwing rolls everything back.
using AlongWithEvents = std::function<void(soci::session& sql, int64_t first_seq)>;

// Appends events to `base` (as loaded) in one transaction, provided nobody changed the case
// since it was loaded (base.version). The new history is validated and evaluated on ctx.today
// first; an invalid one is returned (code "invalid_case", the engine's message), nothing
// written. `along` (optional) writes in the same transaction. Returns the new version.
Result<int64_t> append_events(soci::session& sql, const StoredCase& base,
                              std::span<const CaseEvent> events, const ChangeContext& ctx,
                              const AlongWithEvents& along = {});

// append_events for many cases inside ONE transaction the caller holds, in two statements
// however many cases there are (store/row_values.h): batch follow-up writes 250 steps at a
// time through one. Each case is checked when added (its history with the events validated and
// evaluated for the cache, as append_events does; nothing is written yet); write() then bumps
// every added case still at the version it was loaded with and inserts the events of those.
// A case changed since (a conflict) gets nothing written. The caller's transaction decides:
// should anything after write() fail, it rolls back.
class CaseChunkWriter {
 public:
  CaseChunkWriter();
  ~CaseChunkWriter();
  CaseChunkWriter(const CaseChunkWriter&) = delete;
  CaseChunkWriter& operator=(const CaseChunkWriter&) = delete;

  // Keeps `events` for `base`; returns the seq the first of them will have. The engine's error
  // (code "invalid_case") when the history with them is invalid, "conflict" when the case was
  // added already: nothing kept.
  Result<int64_t> add(const StoredCase& base, std::span<const CaseEvent> events,
                      const ChangeContext& ctx);
  // Forgets what was added for the case (batch follow-up: an item another worker took).
  void drop(int64_t case_id);
  // Writes what was added (see above); returns the ids of the cases written. The writer is
  // empty again afterwards.
  std::set<int64_t> write(soci::session& sql);

 private:
  struct Pending;
  std::vector<Pending> pending_;
};

// Removes the latest action (the case "rewinds"), recording it in audit_log, in one
// transaction. The documents the action made are withdrawn and their waiting sendings cancelled
// (document_store.h), in the same transaction. Returns the new version. not_found when the case has
// no action.
Result<int64_t> delete_last_action(soci::session& sql, const StoredCase& base,
                                   const ChangeContext& ctx);

// Deletes the case and its events, recording the whole history in audit_log, in one
// transaction. Its number is not given out again.
Status delete_case(soci::session& sql, const StoredCase& base, const ChangeContext& ctx);

// Turns batch follow-up on or off (a setting, not an event). Returns the new version.
Result<int64_t> set_batch_follow_up(soci::session& sql, const StoredCase& base, bool on);

// ---- Lists: from the cache columns, joined with the debtor ----

enum class CaseSort {
  number_desc,  // newest first (the default)
  number_asc,
  review_date_asc,  // follow-up date, cases with none last
  debtor_name_asc,
  outstanding_desc,
};

struct CaseQuery {
  // Matches the case number (when all digits), the debtor's name (part of it, any case), the
  // debtor's customer number (exactly) or the text of a note (part of it). Empty: any case.
  std::string text{};
  std::optional<ActionType> last_action_type{};
  std::optional<Date> follow_up_from{};  // review date on or after
  std::optional<Date> follow_up_to{};    // review date on or before
  bool only_open = false;                // not closed
  // Only the cases of this debtor (the debtor's page). A debtor of another account matches
  // nothing, as the account filter still applies.
  std::optional<int64_t> debtor_id{};
  CaseSort sort = CaseSort::number_desc;
  int limit = 50;  // 1..1000
  int offset = 0;
};

// One row of a case list: what the cache says (as of the last change), not a new evaluation.
struct CaseListItem {
  int64_t id = 0;
  int64_t number = 0;
  int64_t debtor_id = 0;
  std::string debtor_name;
  std::string customer_no;
  std::optional<Flow> flow;
  std::optional<ActionType> next_action_type;
  std::optional<Date> review_date;
  Money principal;
  Money outstanding;
  std::optional<ActionType> last_action_type;
  std::optional<Date> last_action_date;
  bool closed = false;
  bool batch_follow_up = true;
  int64_t version = 0;
};

struct CasePage {
  std::vector<CaseListItem> items;
  int64_t total = 0;  // matching cases in all pages
};

// Asserts 1 <= limit <= 1000 and offset >= 0 (the use case checks its input).
CasePage search_cases(soci::session& sql, int64_t account_id, const CaseQuery& query);

// The follow-up status of every open case of the account, from the cache alone (one query, no
// events): `due` when the review date has come. Exact for track steps; a case whose review date
// only says "check again" (a running agreement's next instalment) shows due until it is
// re-evaluated, so anything that acts re-evaluates (list_due_for_follow_up).
struct FollowUpStatus {
  int64_t number = 0;
  std::optional<ActionType> next_action_type;
  std::optional<Date> review_date;
  bool batch_follow_up = true;
  bool due = false;
};
std::vector<FollowUpStatus> follow_up_statuses(soci::session& sql, int64_t account_id, Date today);

}  // namespace inkasso
