// The dispatch queue on disk (table `dispatches`, migration 0007): each sending of a document on
// one channel is a row, from 'waiting' to its outcome. The worker (src/dispatch/worker.h) takes
// due rows, sends them and records what happened; the pages read the queue through the queries
// at the end of this file.
//
// Statuses: waiting → sending → received (SMTP accepted) | sent (SMS gateway accepted, printed)
// → received (delivery report) → opened (tracking link or portal download); failed and cancelled
// are final. docs/dispatch.md has the whole picture.
//
// Nothing is sent twice: a worker claims rows ('sending', claimed_by = its name), and just
// before handing a row over it records the attempt (`begin_attempt`: attempts + 1 and the
// tracking token's hash) in its own committed transaction. A row found 'sending' after its worker
// died is therefore one of two kinds: never begun (no tracking hash) → back to waiting, safe to
// send; begun → failed with the reason, since it may or may not have arrived. Each worker has at
// most one begun row at a time, so a crash costs at most one row per worker.
//
// Every function takes a session borrowed by the caller. Unless a function says it runs inside
// the caller's transaction, it is its own unit of work. Database failures throw soci::soci_error
// (caught once per entry point).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <soci/soci.h>

#include "core/date.h"

namespace inkasso {

enum class Channel { email, sms, print_self, letter_service, court_email, court_portal };
enum class DispatchStatus { waiting, sending, sent, received, opened, failed, cancelled };

// The SQL spellings ("email", "print_self", "waiting", ...).
std::string_view to_string(Channel c);
std::optional<Channel> channel_from_string(std::string_view s);
std::string_view to_string(DispatchStatus s);
std::optional<DispatchStatus> dispatch_status_from_string(std::string_view s);

// The Danish reason given to a row that was being handed over when its worker stopped.
inline constexpr const char* kInterruptedError =
    "Afsendelsen blev afbrudt; kontrollér om modtageren fik den, før du sender igen.";

// Attempts before a temporary failure becomes permanent.
inline constexpr int kMaxAttempts = 6;
// The wait after the n-th failed attempt (n = 1..5): 1 min, 5 min, 30 min, 2 h, 12 h.
int64_t retry_delay_seconds(int failed_attempts);

// ---- Writing the queue ----

struct NewDispatch {
  int64_t account_id = 0;
  int64_t case_id = 0;
  int64_t document_id = 0;
  Channel channel = Channel::email;
  std::string recipient;    // e-mail address, phone number or postal address
  std::string copy_to;      // court e-mail: the creditor's copy ("" for none)
  std::string reply_to;     // the creditor's e-mail address
  std::string sender_name;  // the creditor's name, shown as the sender
  std::string subject;      // e-mail subject
  std::string body;         // e-mail or SMS text; "{{link}}" becomes the tracking link
  int64_t send_at = 0;      // Unix seconds UTC: not before
  int64_t created_by = 0;   // user id, 0 when unknown
};

// Queues a sending ('waiting', due at send_at). Runs inside the CALLER's transaction (the action,
// its document and its sendings are one transaction). Returns the new id.
int64_t insert_dispatch(soci::session& sql, const NewDispatch& dispatch, int64_t now_unix);

// The same for many sendings, in one statement however many (store/row_values.h; batch
// follow-up queues 250 at a time).
void insert_dispatches(soci::session& sql, std::span<const NewDispatch> dispatches,
                       int64_t now_unix);

// Waiting rows of the document → cancelled (its action was deleted). Rows already being sent or
// sent are left as they are. Runs inside the caller's transaction when there is one. Returns how
// many were cancelled.
int cancel_dispatches_for_document(soci::session& sql, int64_t document_id);

// A sending that people made outside the product and that is only recorded here: a court
// document the creditor filed on the courts' portal (court_portal). The row is written 'sent'
// with send_at = sent_at = `sent_at_unix`; no worker ever takes it. Runs inside the CALLER's
// transaction when there is one. Returns the new id.
int64_t insert_recorded_dispatch(soci::session& sql, const NewDispatch& dispatch,
                                 int64_t sent_at_unix, int64_t now_unix);

// ---- The worker's side ----

// A row taken by a worker, with everything sending it needs.
struct ClaimedDispatch {
  int64_t id = 0;
  int64_t account_id = 0;
  int64_t case_id = 0;
  int64_t case_number = 0;
  int64_t document_id = 0;
  Channel channel = Channel::email;
  std::string recipient;
  std::string copy_to;
  std::string reply_to;
  std::string sender_name;
  std::string subject;
  std::string body;
  int attempts = 0;       // attempts made before this one
  std::string pdf;        // the document's PDF, bytes
  std::string file_name;  // ASCII, e.g. "rykker-nr-2-sag-1042.pdf"
};

// Takes up to `limit` (1..1000) due rows for `worker`: status waiting, next_attempt_at and send_at
// passed, channel email, sms or court_email, the document rendered and not withdrawn; oldest
// first. They become 'sending' with claimed_by = worker, claimed_at = now. Two workers never take
// the same row: PostgreSQL locks with SELECT ... FOR UPDATE SKIP LOCKED, SQLite has one writer
// (BEGIN IMMEDIATE).
std::vector<ClaimedDispatch> claim_due_dispatches(soci::session& sql, const std::string& worker,
                                                  int64_t now_unix, int limit);

// Records the attempt just before the row is handed over: attempts + 1, the tracking token's hash
// (hex, see tracking_token_hash), claimed_at = now. Returns false when the row is no longer this
// worker's (recovered meanwhile): then it must NOT be sent.
bool begin_attempt(soci::session& sql, int64_t id, const std::string& worker,
                   const std::string& tracking_hash, int64_t now_unix);

// Gives a claimed row that was not begun back to the queue (no attempt counted), due again at
// `next_attempt_at`: used when its channel is down for the whole batch.
bool release_dispatch(soci::session& sql, int64_t id, const std::string& worker,
                      int64_t next_attempt_at);

// The outcomes of a begun row. Each returns false when the row is no longer this worker's.
// SMTP accepted the e-mail: 'received', sent_at = received_at = now, provider_id = Message-ID.
// A row already failed as interrupted by another worker's recovery is corrected too.
bool mark_received(soci::session& sql, int64_t id, const std::string& worker,
                   const std::string& provider_id, int64_t now_unix);
// The SMS gateway accepted it: 'sent', sent_at = now, provider_id = the gateway's id; 'received'
// comes with the delivery report (apply_delivery_report).
bool mark_sent(soci::session& sql, int64_t id, const std::string& worker,
               const std::string& provider_id, int64_t now_unix);
// A temporary failure (connection, SMTP 4xx): back to 'waiting', next attempt after the back-off
// (retry_delay_seconds); after kMaxAttempts attempts it is failed for good. `error` is Danish,
// for the creditor, and kept on the row either way. Returns the status the row got (waiting or
// failed), nullopt when the row is no longer this worker's.
std::optional<DispatchStatus> mark_failed_temporary(soci::session& sql, int64_t id,
                                                    const std::string& worker,
                                                    const std::string& error, int64_t now_unix);
// A permanent failure (SMTP 5xx, a bad address, a channel not set up): 'failed', failed_at, error.
bool mark_failed_permanent(soci::session& sql, int64_t id, const std::string& worker,
                           const std::string& error, int64_t now_unix);

struct RecoveryReport {
  int released = 0;  // claimed but never begun: back to waiting
  int failed = 0;    // begun: failed with kInterruptedError, never resent automatically
};
// Rows left 'sending' by workers that stopped: claimed (or begun) at or before now −
// lease_seconds. The lease must be longer than one send can take.
RecoveryReport recover_interrupted(soci::session& sql, int64_t now_unix, int64_t lease_seconds);
// The same for every 'sending' row of `worker`, whatever its age: a worker starting under a name
// knows that the earlier process of that name has stopped. Names must be unique among running
// workers.
RecoveryReport recover_worker(soci::session& sql, const std::string& worker, int64_t now_unix);

// ---- Tracking and delivery reports ----

// Hex BLAKE2b-256 of a tracking token (what tracking_token_hash stores).
std::string tracking_token_hash(std::string_view token);

struct OpenedDispatch {
  int64_t dispatch_id = 0;
  int64_t account_id = 0;
  int64_t case_id = 0;
  int64_t document_id = 0;
};
// The debtor followed the link with `token`: opened_at (the first time), open_count + 1, and the
// status becomes 'opened' when it was sent, received or opened (a failed row keeps its status: an
// interrupted row that is opened did arrive, and the count says so). nullopt: no such token.
std::optional<OpenedDispatch> record_opened(soci::session& sql, std::string_view token,
                                            int64_t now_unix);

enum class DeliveryOutcome { delivered, failed };
// A delivery report of the SMS gateway for its message `provider_id`: delivered → received_at and
// 'received' (from 'sent'); failed → 'failed' with the error (from 'sent' or 'received'). An
// opened row stays opened. Returns false when no sms row has that provider id (yet: the report
// may arrive before mark_sent; the callback should then ask the gateway to repeat it).
bool apply_delivery_report(soci::session& sql, const std::string& provider_id,
                           DeliveryOutcome outcome, const std::string& error, int64_t now_unix);

// ---- The pages' queries ----

// One sending as the lists show it.
struct DispatchRow {
  int64_t id = 0;
  int64_t case_id = 0;
  int64_t case_number = 0;
  std::string debtor_name;
  int64_t document_id = 0;
  int64_t event_seq = 0;
  std::string kind;   // the action type that made the document
  std::string title;  // the document's title
  Channel channel = Channel::email;
  std::string recipient;
  DispatchStatus status = DispatchStatus::waiting;
  int64_t send_at = 0;
  int attempts = 0;
  int64_t next_attempt_at = 0;
  std::optional<int64_t> sent_at, received_at, opened_at, failed_at;
  int open_count = 0;
  std::string error;  // the last error, "" for none
};

// The "Udsendelseskø" search. Every set field narrows the result.
struct DispatchQuery {
  std::optional<int64_t> case_number;
  std::string debtor_name;  // a part of the name, case-insensitive (Danish letters too)
  std::string kind;         // the action type ("reminder", ...), "" for all
  std::optional<Channel> channel;
  std::optional<int64_t> send_from;                                // send_at >= this (Unix seconds)
  std::optional<int64_t> send_before;                              // send_at < this
  std::optional<DispatchStatus> status = DispatchStatus::waiting;  // nullopt: every status
  int offset = 0;
  int limit = 50;  // 1..1000
};
struct DispatchPage {
  std::vector<DispatchRow> rows;  // by send_at (newest first), then id
  int64_t total = 0;              // matching rows in all pages
};
DispatchPage search_dispatches(soci::session& sql, int64_t account_id, const DispatchQuery& q);

// The sendings of a case (the action log on the case page), by document then id.
std::vector<DispatchRow> list_case_dispatches(soci::session& sql, int64_t account_id,
                                              int64_t case_id);

// E-mail and SMS per month (by send_at, UTC months), for the overview and its chart. Only rows
// that were handed over or failed count (waiting, sending and cancelled ones do not).
struct MonthlySendings {
  int year = 0;
  int month = 0;                     // 1..12
  Channel channel = Channel::email;  // email or sms
  int64_t sent = 0;                  // handed over (SMTP or gateway accepted)
  int64_t delivered = 0;             // received (accepted by the server / delivery report)
  int64_t opened_once = 0;           // opened exactly once
  int64_t opened_more = 0;           // opened twice or more
  int64_t failed = 0;
};
// Months from `from` to `to` (dates inclusive, UTC), ascending; e-mail before SMS in a month;
// months without sendings are left out.
std::vector<MonthlySendings> dispatch_overview(soci::session& sql, int64_t account_id, Date from,
                                               Date to);

// A letter to print: the creditor's own list ("send yourself") or the print operator's
// (letter service, all accounts).
struct PrintItem {
  int64_t dispatch_id = 0;
  int64_t account_id = 0;
  std::string account_name;
  int64_t case_id = 0;
  int64_t case_number = 0;
  int64_t document_id = 0;
  std::string title;
  std::string recipient;  // the postal address
  int64_t send_at = 0;
};
// print_self rows of the account that are waiting, due and rendered, oldest first.
std::vector<PrintItem> list_print_queue(soci::session& sql, int64_t account_id, int64_t now_unix);
// The listed rows were printed: 'sent', sent_at = now. Only waiting, due print_self rows of the
// account are changed (what the list showed); returns how many.
int mark_printed(soci::session& sql, int64_t account_id, const std::vector<int64_t>& ids,
                 int64_t now_unix);
// The same pair for letter_service rows across all accounts (the installation's print operator).
std::vector<PrintItem> list_letter_service_queue(soci::session& sql, int64_t now_unix);
int mark_letter_service_printed(soci::session& sql, const std::vector<int64_t>& ids,
                                int64_t now_unix);

}  // namespace inkasso
