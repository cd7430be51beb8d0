#include "store/dispatch_store.h"

#include <map>
#include <stdexcept>
#include <tuple>

#include <sodium.h>

#include "core/assert.h"
#include "core/text.h"
#include "store/document_store.h"
#include "store/row_values.h"

namespace inkasso {

// ---- Names ----

std::string_view to_string(Channel c) {
  switch (c) {
    case Channel::email:
      return "email";
    case Channel::sms:
      return "sms";
    case Channel::print_self:
      return "print_self";
    case Channel::letter_service:
      return "letter_service";
    case Channel::court_email:
      return "court_email";
    case Channel::court_portal:
      return "court_portal";
  }
  INKASSO_ASSERT(false);
  return {};
}

std::optional<Channel> channel_from_string(std::string_view s) {
  for (Channel c : {Channel::email, Channel::sms, Channel::print_self, Channel::letter_service,
                    Channel::court_email, Channel::court_portal})
    if (to_string(c) == s) return c;
  return std::nullopt;
}

std::string_view to_string(DispatchStatus s) {
  switch (s) {
    case DispatchStatus::waiting:
      return "waiting";
    case DispatchStatus::sending:
      return "sending";
    case DispatchStatus::sent:
      return "sent";
    case DispatchStatus::received:
      return "received";
    case DispatchStatus::opened:
      return "opened";
    case DispatchStatus::failed:
      return "failed";
    case DispatchStatus::cancelled:
      return "cancelled";
  }
  INKASSO_ASSERT(false);
  return {};
}

std::optional<DispatchStatus> dispatch_status_from_string(std::string_view s) {
  for (DispatchStatus d : {DispatchStatus::waiting, DispatchStatus::sending, DispatchStatus::sent,
                           DispatchStatus::received, DispatchStatus::opened, DispatchStatus::failed,
                           DispatchStatus::cancelled})
    if (to_string(d) == s) return d;
  return std::nullopt;
}

int64_t retry_delay_seconds(int failed_attempts) {
  static constexpr int64_t kDelays[] = {60, 5 * 60, 30 * 60, 2 * 3600, 12 * 3600};
  int i = failed_attempts < 1 ? 0 : (failed_attempts > 5 ? 4 : failed_attempts - 1);
  return kDelays[i];
}

namespace {

// A value read back that this program did not write (edited by hand, or a newer program).
[[noreturn]] void corrupt(const std::string& what) {
  throw std::runtime_error("dispatches: unreadable " + what);
}

Channel read_channel(const std::string& s) {
  auto c = channel_from_string(s);
  if (!c) corrupt("channel \"" + s + "\"");
  return *c;
}

DispatchStatus read_status(const std::string& s) {
  auto d = dispatch_status_from_string(s);
  if (!d) corrupt("status \"" + s + "\"");
  return *d;
}

bool is_sqlite(soci::session& sql) {
  return sql.get_backend_name() == "sqlite3";
}

// A write transaction. SQLite takes the write lock at BEGIN IMMEDIATE, so two workers'
// claims run one after the other instead of failing when a reader upgrades to a writer.
class WriteTransaction {
 public:
  explicit WriteTransaction(soci::session& sql) : sql_(sql), sqlite_(is_sqlite(sql)) {
    if (sqlite_)
      sql_ << "BEGIN IMMEDIATE";
    else
      sql_.begin();
  }
  ~WriteTransaction() {
    if (done_) return;
    try {
      if (sqlite_)
        sql_ << "ROLLBACK";
      else
        sql_.rollback();
    } catch (...) {  // NOLINT: the original exception is the one that matters
    }
  }
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;

  void commit() {
    if (sqlite_)
      sql_ << "COMMIT";
    else
      sql_.commit();
    done_ = true;
  }

 private:
  soci::session& sql_;
  bool sqlite_;
  bool done_ = false;
};

// Runs an UPDATE/DELETE already prepared with its bindings; returns the rows it changed.
long long affected(soci::statement& st) {
  st.execute(true);
  return st.get_affected_rows();
}

// An ASCII file name from a Danish title: æ ø å spelled out, anything else not a letter or digit
// becomes one hyphen. "Rykker nr. 2" → "rykker-nr-2".
std::string file_slug(std::string_view title) {
  std::string out;
  auto add = [&](std::string_view s) {
    for (char c : s) {
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        out.push_back(c);
      } else if (c >= 'A' && c <= 'Z') {
        out.push_back(static_cast<char>(c - 'A' + 'a'));
      } else if (!out.empty() && out.back() != '-') {
        out.push_back('-');
      }
    }
  };
  for (size_t i = 0; i < title.size(); ++i) {
    std::string_view rest = title.substr(i);
    if (rest.starts_with("æ") || rest.starts_with("Æ")) {
      add("ae");
      ++i;
    } else if (rest.starts_with("ø") || rest.starts_with("Ø")) {
      add("oe");
      ++i;
    } else if (rest.starts_with("å") || rest.starts_with("Å")) {
      add("aa");
      ++i;
    } else {
      add(title.substr(i, 1));
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "dokument" : out;
}

std::string like_pattern(std::string_view text) {
  std::string p = "%";
  for (char c : search_key(text)) {
    if (c == '%' || c == '_' || c == '\\') p.push_back('\\');
    p.push_back(c);
  }
  p.push_back('%');
  return p;
}

// The list row as bound to the statements that read it.
struct RowBuf {
  long long id = 0, case_id = 0, case_number = 0, document_id = 0, event_seq = 0, send_at = 0,
            next_attempt_at = 0, sent_at = 0, received_at = 0, opened_at = 0, failed_at = 0;
  std::string debtor_name, kind, title, channel, recipient, status, error;
  int attempts = 0, open_count = 0;
  soci::indicator sent_i = soci::i_null, received_i = soci::i_null, opened_i = soci::i_null,
                  failed_i = soci::i_null, error_i = soci::i_null;
};

constexpr const char* kRowColumns =
    "x.id, x.case_id, c.number, db.name, x.document_id, doc.event_seq, doc.kind, doc.title, "
    "x.channel, x.recipient, x.status, x.send_at, x.attempts, x.next_attempt_at, x.sent_at, "
    "x.received_at, x.opened_at, x.failed_at, x.open_count, x.error";
constexpr const char* kRowFrom =
    " FROM dispatches x JOIN documents doc ON doc.id = x.document_id "
    "JOIN cases c ON c.id = x.case_id JOIN debtors db ON db.id = c.debtor_id";

void bind_row(soci::statement& st, RowBuf& r) {
  st.exchange(soci::into(r.id));
  st.exchange(soci::into(r.case_id));
  st.exchange(soci::into(r.case_number));
  st.exchange(soci::into(r.debtor_name));
  st.exchange(soci::into(r.document_id));
  st.exchange(soci::into(r.event_seq));
  st.exchange(soci::into(r.kind));
  st.exchange(soci::into(r.title));
  st.exchange(soci::into(r.channel));
  st.exchange(soci::into(r.recipient));
  st.exchange(soci::into(r.status));
  st.exchange(soci::into(r.send_at));
  st.exchange(soci::into(r.attempts));
  st.exchange(soci::into(r.next_attempt_at));
  st.exchange(soci::into(r.sent_at, r.sent_i));
  st.exchange(soci::into(r.received_at, r.received_i));
  st.exchange(soci::into(r.opened_at, r.opened_i));
  st.exchange(soci::into(r.failed_at, r.failed_i));
  st.exchange(soci::into(r.open_count));
  st.exchange(soci::into(r.error, r.error_i));
}

std::optional<int64_t> opt(long long v, soci::indicator i) {
  if (i == soci::i_null) return std::nullopt;
  return v;
}

DispatchRow to_row(const RowBuf& r) {
  DispatchRow d;
  d.id = r.id;
  d.case_id = r.case_id;
  d.case_number = r.case_number;
  d.debtor_name = r.debtor_name;
  d.document_id = r.document_id;
  d.event_seq = r.event_seq;
  d.kind = r.kind;
  d.title = r.title;
  d.channel = read_channel(r.channel);
  d.recipient = r.recipient;
  d.status = read_status(r.status);
  d.send_at = r.send_at;
  d.attempts = r.attempts;
  d.next_attempt_at = r.next_attempt_at;
  d.sent_at = opt(r.sent_at, r.sent_i);
  d.received_at = opt(r.received_at, r.received_i);
  d.opened_at = opt(r.opened_at, r.opened_i);
  d.failed_at = opt(r.failed_at, r.failed_i);
  d.open_count = r.open_count;
  d.error = r.error_i == soci::i_null ? "" : r.error;
  return d;
}

// Runs a prepared list statement (its bindings made by `bind`) and collects the rows.
template <class Bind>
std::vector<DispatchRow> fetch_rows(soci::session& sql, const std::string& text, Bind bind) {
  RowBuf r;
  soci::statement st(sql);
  bind_row(st, r);
  bind(st);
  st.alloc();
  st.prepare(text);
  st.define_and_bind();
  st.execute(false);
  std::vector<DispatchRow> out;
  while (st.fetch()) {
    out.push_back(to_row(r));
    r.sent_i = r.received_i = r.opened_i = r.failed_i = r.error_i = soci::i_null;
  }
  return out;
}

struct PrintBuf {
  long long id = 0, account_id = 0, case_id = 0, case_number = 0, document_id = 0, send_at = 0;
  std::string account_name, title, recipient;
};

template <class Bind>
std::vector<PrintItem> fetch_print_items(soci::session& sql, const std::string& where, Bind bind) {
  PrintBuf r;
  soci::statement st(sql);
  st.exchange(soci::into(r.id));
  st.exchange(soci::into(r.account_id));
  st.exchange(soci::into(r.account_name));
  st.exchange(soci::into(r.case_id));
  st.exchange(soci::into(r.case_number));
  st.exchange(soci::into(r.document_id));
  st.exchange(soci::into(r.title));
  st.exchange(soci::into(r.recipient));
  st.exchange(soci::into(r.send_at));
  bind(st);
  st.alloc();
  st.prepare(
      "SELECT x.id, x.account_id, a.name, x.case_id, c.number, x.document_id, doc.title, "
      "x.recipient, x.send_at FROM dispatches x JOIN documents doc ON doc.id = x.document_id "
      "JOIN cases c ON c.id = x.case_id JOIN accounts a ON a.id = x.account_id "
      "WHERE x.status = 'waiting' AND doc.pdf_base64 IS NOT NULL AND doc.withdrawn_at IS NULL "
      "AND " +
      where + " ORDER BY x.send_at, x.id");
  st.define_and_bind();
  st.execute(false);
  std::vector<PrintItem> out;
  while (st.fetch())
    out.push_back(PrintItem{r.id, r.account_id, r.account_name, r.case_id, r.case_number,
                            r.document_id, r.title, r.recipient, r.send_at});
  return out;
}

}  // namespace

// ---- Writing the queue ----

namespace {

// The insert of new sendings, the rows to follow (execute_rows); add_new_dispatch adds a row's
// values in the columns' order.
constexpr const char* kInsertNewDispatches =
    "INSERT INTO dispatches (account_id, case_id, document_id, channel, recipient, copy_to, "
    "reply_to, sender_name, subject, body, send_at, status, attempts, next_attempt_at, "
    "created_by, created_at) SELECT * FROM ";

void add_new_dispatch(RowValues& values, const NewDispatch& d, int64_t now_unix) {
  INKASSO_ASSERT(d.account_id > 0 && d.case_id > 0 && d.document_id > 0);
  values.add(d.account_id);
  values.add(d.case_id);
  values.add(d.document_id);
  values.add(std::string(to_string(d.channel)));
  values.add(d.recipient);
  values.add(d.copy_to);
  values.add(d.reply_to);
  values.add(d.sender_name);
  values.add(d.subject);
  values.add(d.body);
  values.add(d.send_at);
  values.add(std::string("waiting"));
  values.add(0LL);
  values.add(d.send_at);  // next_attempt_at
  values.add(d.created_by, d.created_by > 0 ? soci::i_ok : soci::i_null);
  values.add(now_unix);
}

constexpr size_t kNewDispatchColumnCount = 16;

}  // namespace

int64_t insert_dispatch(soci::session& sql, const NewDispatch& d, int64_t now_unix) {
  RowValues values(sql, kNewDispatchColumnCount);
  add_new_dispatch(values, d, now_unix);
  long long id = 0;
  const Returning returned{[&](soci::statement& st) { st.exchange(soci::into(id)); }, [] {}};
  execute_rows(sql, kInsertNewDispatches, values, " RETURNING id", &returned);
  return id;
}

void insert_dispatches(soci::session& sql, std::span<const NewDispatch> dispatches,
                       int64_t now_unix) {
  RowValues values(sql, kNewDispatchColumnCount);
  for (const NewDispatch& d : dispatches) add_new_dispatch(values, d, now_unix);
  execute_rows(sql, kInsertNewDispatches, values);
}

int cancel_dispatches_for_document(soci::session& sql, int64_t document_id) {
  long long doc = document_id;
  soci::statement st = (sql.prepare << "UPDATE dispatches SET status = 'cancelled' "
                                       "WHERE document_id = :d AND status = 'waiting'",
                        soci::use(doc));
  return static_cast<int>(affected(st));
}

int64_t insert_recorded_dispatch(soci::session& sql, const NewDispatch& d, int64_t sent_at_unix,
                                 int64_t now_unix) {
  INKASSO_ASSERT(d.account_id > 0 && d.case_id > 0 && d.document_id > 0);
  INKASSO_ASSERT(d.channel == Channel::court_portal);
  long long account = d.account_id, case_id = d.case_id, document = d.document_id,
            sent_at = sent_at_unix, now = now_unix, created_by = d.created_by;
  soci::indicator created_by_i = created_by > 0 ? soci::i_ok : soci::i_null;
  std::string channel(to_string(d.channel));
  long long id = 0;
  sql << "INSERT INTO dispatches (account_id, case_id, document_id, channel, recipient, copy_to, "
         "reply_to, sender_name, subject, body, send_at, status, attempts, next_attempt_at, "
         "sent_at, created_by, created_at) VALUES (:a, :c, :d, :ch, :r, :cc, :rt, :sn, :su, :b, "
         ":sa, 'sent', 0, :na, :st, :cb, :ca) RETURNING id",
      soci::use(account), soci::use(case_id), soci::use(document), soci::use(channel),
      soci::use(d.recipient), soci::use(d.copy_to), soci::use(d.reply_to), soci::use(d.sender_name),
      soci::use(d.subject), soci::use(d.body), soci::use(sent_at), soci::use(sent_at),
      soci::use(sent_at), soci::use(created_by, created_by_i), soci::use(now), soci::into(id);
  return id;
}

// ---- The worker's side ----

std::vector<ClaimedDispatch> claim_due_dispatches(soci::session& sql, const std::string& worker,
                                                  int64_t now_unix, int limit) {
  INKASSO_ASSERT(limit >= 1 && limit <= 1000);
  INKASSO_ASSERT(!worker.empty());
  long long now = now_unix;
  int n = limit;
  std::vector<long long> ids;
  {
    WriteTransaction tr(sql);
    // PostgreSQL: rows another worker has locked are skipped, not waited for; SQLite: the
    // IMMEDIATE transaction already excludes every other writer.
    std::string text =
        "SELECT x.id FROM dispatches x JOIN documents doc ON doc.id = x.document_id "
        "WHERE x.status = 'waiting' AND x.next_attempt_at <= :t1 AND x.send_at <= :t2 "
        "AND x.channel IN ('email', 'sms', 'court_email') "
        "AND doc.pdf_base64 IS NOT NULL AND doc.withdrawn_at IS NULL "
        "ORDER BY x.next_attempt_at, x.id LIMIT :n";
    if (!is_sqlite(sql)) text += " FOR UPDATE OF x SKIP LOCKED";
    long long id = 0;
    soci::statement select =
        (sql.prepare << text, soci::use(now), soci::use(now), soci::use(n), soci::into(id));
    select.execute(false);
    while (select.fetch()) ids.push_back(id);
    for (long long claimed : ids) {
      soci::statement update =
          (sql.prepare << "UPDATE dispatches SET status = 'sending', claimed_by = :w, "
                          "claimed_at = :t WHERE id = :i AND status = 'waiting'",
           soci::use(worker), soci::use(now), soci::use(claimed));
      // Under the lock the row is still waiting; anything else is a broken invariant.
      INKASSO_ASSERT(affected(update) == 1);
    }
    tr.commit();
  }

  // What sending needs, read after the commit so the write lock is held briefly.
  std::vector<ClaimedDispatch> out;
  out.reserve(ids.size());
  for (long long claimed : ids) {
    ClaimedDispatch c;
    long long account = 0, case_id = 0, number = 0, document = 0;
    std::string channel, title;
    sql << "SELECT x.account_id, x.case_id, c.number, x.document_id, x.channel, x.recipient, "
           "x.copy_to, x.reply_to, x.sender_name, x.subject, x.body, x.attempts, doc.title "
           "FROM dispatches x JOIN documents doc ON doc.id = x.document_id "
           "JOIN cases c ON c.id = x.case_id WHERE x.id = :i",
        soci::use(claimed), soci::into(account), soci::into(case_id), soci::into(number),
        soci::into(document), soci::into(channel), soci::into(c.recipient), soci::into(c.copy_to),
        soci::into(c.reply_to), soci::into(c.sender_name), soci::into(c.subject),
        soci::into(c.body), soci::into(c.attempts), soci::into(title);
    if (!sql.got_data()) corrupt("claimed row " + std::to_string(claimed));
    c.id = claimed;
    c.account_id = account;
    c.case_id = case_id;
    c.case_number = number;
    c.document_id = document;
    c.channel = read_channel(channel);
    auto pdf = load_document_pdf(sql, account, document);
    if (!pdf) corrupt("document of claimed row " + std::to_string(claimed));
    c.pdf = std::move(*pdf);
    c.file_name = file_slug(title) + "-sag-" + std::to_string(number) + ".pdf";
    out.push_back(std::move(c));
  }
  return out;
}

bool begin_attempt(soci::session& sql, int64_t id, const std::string& worker,
                   const std::string& tracking_hash, int64_t now_unix) {
  long long i = id, now = now_unix;
  soci::statement st =
      (sql.prepare << "UPDATE dispatches SET attempts = attempts + 1, tracking_token_hash = :h, "
                      "claimed_at = :t WHERE id = :i AND status = 'sending' AND claimed_by = :w "
                      "AND tracking_token_hash IS NULL",
       soci::use(tracking_hash), soci::use(now), soci::use(i), soci::use(worker));
  return affected(st) == 1;
}

bool release_dispatch(soci::session& sql, int64_t id, const std::string& worker,
                      int64_t next_attempt_at) {
  long long i = id, next = next_attempt_at;
  soci::statement st =
      (sql.prepare << "UPDATE dispatches SET status = 'waiting', claimed_by = NULL, "
                      "claimed_at = NULL, next_attempt_at = :n WHERE id = :i "
                      "AND status = 'sending' AND claimed_by = :w AND tracking_token_hash IS NULL",
       soci::use(next), soci::use(i), soci::use(worker));
  return affected(st) == 1;
}

namespace {

// The rows a worker may still record an outcome on: its begun row, or that row after another
// worker's recovery failed it as interrupted (the truth, when it comes, replaces the guess).
constexpr const char* kStillMine =
    " WHERE id = :i AND claimed_by = :w AND tracking_token_hash IS NOT NULL AND (status = "
    "'sending' OR (status = 'failed' AND sent_at IS NULL AND error = :interrupted))";

bool mark_handed_over(soci::session& sql, int64_t id, const std::string& worker,
                      const std::string& provider_id, int64_t now_unix, bool received) {
  long long i = id, now = now_unix;
  const std::string interrupted = kInterruptedError;
  std::string text = received ? "UPDATE dispatches SET status = 'received', sent_at = :t1, "
                                "received_at = :t1b, provider_id = :p, failed_at = NULL, "
                                "error = NULL"
                              : "UPDATE dispatches SET status = 'sent', sent_at = :t1, "
                                "received_at = NULL, provider_id = :p, failed_at = NULL, "
                                "error = NULL";
  text += kStillMine;
  soci::statement st(sql);
  st.exchange(soci::use(now));
  if (received) st.exchange(soci::use(now));
  st.exchange(soci::use(provider_id));
  st.exchange(soci::use(i));
  st.exchange(soci::use(worker));
  st.exchange(soci::use(interrupted));
  st.alloc();
  st.prepare(text);
  st.define_and_bind();
  return affected(st) == 1;
}

}  // namespace

bool mark_received(soci::session& sql, int64_t id, const std::string& worker,
                   const std::string& provider_id, int64_t now_unix) {
  return mark_handed_over(sql, id, worker, provider_id, now_unix, true);
}

bool mark_sent(soci::session& sql, int64_t id, const std::string& worker,
               const std::string& provider_id, int64_t now_unix) {
  return mark_handed_over(sql, id, worker, provider_id, now_unix, false);
}

std::optional<DispatchStatus> mark_failed_temporary(soci::session& sql, int64_t id,
                                                    const std::string& worker,
                                                    const std::string& error, int64_t now_unix) {
  long long i = id, now = now_unix;
  int attempts = 0;
  sql << "SELECT attempts FROM dispatches WHERE id = :i AND status = 'sending' AND claimed_by = :w",
      soci::use(i), soci::use(worker), soci::into(attempts);
  if (!sql.got_data()) return std::nullopt;
  if (attempts >= kMaxAttempts) {
    if (!mark_failed_permanent(sql, id, worker, error, now_unix)) return std::nullopt;
    return DispatchStatus::failed;
  }
  // The token of this attempt never reached anyone: the next attempt makes a new one.
  long long next = now + retry_delay_seconds(attempts);
  soci::statement st =
      (sql.prepare << "UPDATE dispatches SET status = 'waiting', next_attempt_at = :n, "
                      "error = :e, claimed_by = NULL, claimed_at = NULL, "
                      "tracking_token_hash = NULL "
                      "WHERE id = :i AND status = 'sending' AND claimed_by = :w AND attempts = :a",
       soci::use(next), soci::use(error), soci::use(i), soci::use(worker), soci::use(attempts));
  if (affected(st) != 1) return std::nullopt;
  return DispatchStatus::waiting;
}

bool mark_failed_permanent(soci::session& sql, int64_t id, const std::string& worker,
                           const std::string& error, int64_t now_unix) {
  long long i = id, now = now_unix;
  soci::statement st =
      (sql.prepare << "UPDATE dispatches SET status = 'failed', failed_at = :t, error = :e "
                      "WHERE id = :i AND status = 'sending' AND claimed_by = :w",
       soci::use(now), soci::use(error), soci::use(i), soci::use(worker));
  return affected(st) == 1;
}

namespace {

// `who` is the condition naming the rows to recover, with its bindings made by `bind`.
template <class Bind>
RecoveryReport recover(soci::session& sql, const std::string& who, int64_t now_unix, Bind bind) {
  RecoveryReport report;
  long long now = now_unix;
  const std::string error = kInterruptedError;
  WriteTransaction tr(sql);
  {
    soci::statement st(sql);
    bind(st);
    st.alloc();
    st.prepare(
        "UPDATE dispatches SET status = 'waiting', claimed_by = NULL, claimed_at = NULL "
        "WHERE status = 'sending' AND tracking_token_hash IS NULL AND " +
        who);
    st.define_and_bind();
    report.released = static_cast<int>(affected(st));
  }
  {
    soci::statement st(sql);
    st.exchange(soci::use(now));
    st.exchange(soci::use(error));
    bind(st);
    st.alloc();
    st.prepare(
        "UPDATE dispatches SET status = 'failed', failed_at = :t, error = :e "
        "WHERE status = 'sending' AND tracking_token_hash IS NOT NULL AND " +
        who);
    st.define_and_bind();
    report.failed = static_cast<int>(affected(st));
  }
  tr.commit();
  return report;
}

}  // namespace

RecoveryReport recover_interrupted(soci::session& sql, int64_t now_unix, int64_t lease_seconds) {
  INKASSO_ASSERT(lease_seconds >= 0);
  long long cutoff = now_unix - lease_seconds;
  return recover(sql, "claimed_at <= :cut", now_unix,
                 [&](soci::statement& st) { st.exchange(soci::use(cutoff)); });
}

RecoveryReport recover_worker(soci::session& sql, const std::string& worker, int64_t now_unix) {
  return recover(sql, "claimed_by = :w", now_unix,
                 [&](soci::statement& st) { st.exchange(soci::use(worker)); });
}

// ---- Tracking and delivery reports ----

std::string tracking_token_hash(std::string_view token) {
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), nullptr, 0);
  char hex[sizeof digest * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

std::optional<OpenedDispatch> record_opened(soci::session& sql, std::string_view token,
                                            int64_t now_unix) {
  if (token.empty() || token.size() > 200) return std::nullopt;
  const std::string hash = tracking_token_hash(token);
  long long now = now_unix;
  soci::statement st =
      (sql.prepare << "UPDATE dispatches SET open_count = open_count + 1, "
                      "opened_at = COALESCE(opened_at, :t), status = CASE WHEN status IN "
                      "('sent', 'received', 'opened') THEN 'opened' ELSE status END "
                      "WHERE tracking_token_hash = :h",
       soci::use(now), soci::use(hash));
  if (affected(st) != 1) return std::nullopt;
  long long id = 0, account = 0, case_id = 0, document = 0;
  sql << "SELECT id, account_id, case_id, document_id FROM dispatches "
         "WHERE tracking_token_hash = :h",
      soci::use(hash), soci::into(id), soci::into(account), soci::into(case_id),
      soci::into(document);
  if (!sql.got_data()) return std::nullopt;
  return OpenedDispatch{id, account, case_id, document};
}

bool apply_delivery_report(soci::session& sql, const std::string& provider_id,
                           DeliveryOutcome outcome, const std::string& error, int64_t now_unix) {
  long long now = now_unix;
  int found = 0;
  sql << "SELECT COUNT(*) FROM dispatches WHERE provider_id = :p AND channel = 'sms'",
      soci::use(provider_id), soci::into(found);
  if (found == 0) return false;
  if (outcome == DeliveryOutcome::delivered) {
    // received_at once; the status moves on from 'sent' only (an opened row stays opened).
    sql << "UPDATE dispatches SET received_at = COALESCE(received_at, :t), status = CASE WHEN "
           "status = 'sent' THEN 'received' ELSE status END "
           "WHERE provider_id = :p AND channel = 'sms' AND status IN ('sent', 'received', "
           "'opened')",
        soci::use(now), soci::use(provider_id);
  } else {
    sql << "UPDATE dispatches SET status = 'failed', failed_at = :t, error = :e "
           "WHERE provider_id = :p AND channel = 'sms' AND status = 'sent'",
        soci::use(now), soci::use(error), soci::use(provider_id);
  }
  return true;
}

// ---- The pages' queries ----

DispatchPage search_dispatches(soci::session& sql, int64_t account_id, const DispatchQuery& q) {
  INKASSO_ASSERT(q.limit >= 1 && q.limit <= 1000 && q.offset >= 0);
  long long account = account_id, number = q.case_number.value_or(0),
            from = q.send_from.value_or(0), before = q.send_before.value_or(0);
  std::string pattern = like_pattern(q.debtor_name), kind = q.kind,
              channel = q.channel ? std::string(to_string(*q.channel)) : "",
              status = q.status ? std::string(to_string(*q.status)) : "";
  std::string where = " WHERE x.account_id = :a";
  if (q.case_number) where += " AND c.number = :n";
  if (!q.debtor_name.empty()) where += " AND db.name_search LIKE :p ESCAPE '\\'";
  if (!q.kind.empty()) where += " AND doc.kind = :k";
  if (q.channel) where += " AND x.channel = :ch";
  if (q.send_from) where += " AND x.send_at >= :f";
  if (q.send_before) where += " AND x.send_at < :b";
  if (q.status) where += " AND x.status = :s";
  auto bind_where = [&](soci::statement& st) {
    st.exchange(soci::use(account));
    if (q.case_number) st.exchange(soci::use(number));
    if (!q.debtor_name.empty()) st.exchange(soci::use(pattern));
    if (!q.kind.empty()) st.exchange(soci::use(kind));
    if (q.channel) st.exchange(soci::use(channel));
    if (q.send_from) st.exchange(soci::use(from));
    if (q.send_before) st.exchange(soci::use(before));
    if (q.status) st.exchange(soci::use(status));
  };

  DispatchPage page;
  {
    long long total = 0;
    soci::statement st(sql);
    st.exchange(soci::into(total));
    bind_where(st);
    st.alloc();
    st.prepare(std::string("SELECT COUNT(*)") + kRowFrom + where);
    st.define_and_bind();
    st.execute(true);
    page.total = total;
  }
  long long limit = q.limit, offset = q.offset;
  page.rows = fetch_rows(sql,
                         std::string("SELECT ") + kRowColumns + kRowFrom + where +
                             " ORDER BY x.send_at DESC, x.id DESC LIMIT :l OFFSET :o",
                         [&](soci::statement& st) {
                           bind_where(st);
                           st.exchange(soci::use(limit));
                           st.exchange(soci::use(offset));
                         });
  return page;
}

std::vector<DispatchRow> list_case_dispatches(soci::session& sql, int64_t account_id,
                                              int64_t case_id) {
  long long account = account_id, c = case_id;
  return fetch_rows(sql,
                    std::string("SELECT ") + kRowColumns + kRowFrom +
                        " WHERE x.account_id = :a AND x.case_id = :c ORDER BY doc.event_seq, "
                        "x.document_id, x.id",
                    [&](soci::statement& st) {
                      st.exchange(soci::use(account));
                      st.exchange(soci::use(c));
                    });
}

std::vector<MonthlySendings> dispatch_overview(soci::session& sql, int64_t account_id, Date from,
                                               Date to) {
  long long account = account_id, start = static_cast<long long>(from.days()) * 86400,
            end = (static_cast<long long>(to.days()) + 1) * 86400;
  // Counted per day in SQL (the same integer division on both backends), summed per month here.
  long long day = 0, sent = 0, delivered = 0, once = 0, more = 0, failed = 0;
  std::string channel;
  soci::statement st =
      (sql.prepare << "SELECT channel, send_at / 86400, COUNT(sent_at), COUNT(received_at), "
                      "COUNT(CASE WHEN open_count = 1 THEN 1 END), "
                      "COUNT(CASE WHEN open_count > 1 THEN 1 END), "
                      "COUNT(CASE WHEN status = 'failed' THEN 1 END) "
                      "FROM dispatches WHERE account_id = :a AND channel IN ('email', 'sms') "
                      "AND status NOT IN ('waiting', 'sending', 'cancelled') "
                      "AND send_at >= :f AND send_at < :t GROUP BY channel, send_at / 86400",
       soci::use(account), soci::use(start), soci::use(end), soci::into(channel), soci::into(day),
       soci::into(sent), soci::into(delivered), soci::into(once), soci::into(more),
       soci::into(failed));
  st.execute(false);
  std::map<std::tuple<int, int, int>, MonthlySendings> months;
  while (st.fetch()) {
    Channel ch = read_channel(channel);
    Date::Parts p = Date::from_days(static_cast<int32_t>(day)).parts();
    MonthlySendings& m = months[{p.year, p.month, static_cast<int>(ch)}];
    m.year = p.year;
    m.month = p.month;
    m.channel = ch;
    m.sent += sent;
    m.delivered += delivered;
    m.opened_once += once;
    m.opened_more += more;
    m.failed += failed;
  }
  std::vector<MonthlySendings> out;
  for (auto& [key, m] : months) out.push_back(m);
  return out;
}

std::vector<PrintItem> list_print_queue(soci::session& sql, int64_t account_id, int64_t now_unix) {
  long long account = account_id, now = now_unix;
  return fetch_print_items(sql,
                           "x.channel = 'print_self' AND x.account_id = :a AND x.send_at <= :t",
                           [&](soci::statement& st) {
                             st.exchange(soci::use(account));
                             st.exchange(soci::use(now));
                           });
}

std::vector<PrintItem> list_letter_service_queue(soci::session& sql, int64_t now_unix) {
  long long now = now_unix;
  return fetch_print_items(sql, "x.channel = 'letter_service' AND x.send_at <= :t",
                           [&](soci::statement& st) { st.exchange(soci::use(now)); });
}

namespace {

int mark_waiting_sent(soci::session& sql, const std::string& condition,
                      const std::vector<int64_t>& ids, std::optional<int64_t> account_id,
                      int64_t now_unix) {
  long long now = now_unix, account = account_id.value_or(0);
  int changed = 0;
  WriteTransaction tr(sql);
  for (int64_t id : ids) {
    long long i = id;
    soci::statement st(sql);
    st.exchange(soci::use(now));
    st.exchange(soci::use(i));
    st.exchange(soci::use(now));
    if (account_id) st.exchange(soci::use(account));
    st.alloc();
    // Only what the list showed: waiting and due.
    st.prepare(
        "UPDATE dispatches SET status = 'sent', sent_at = :t WHERE id = :i AND "
        "status = 'waiting' AND send_at <= :t2 AND " +
        condition);
    st.define_and_bind();
    changed += static_cast<int>(affected(st));
  }
  tr.commit();
  return changed;
}

}  // namespace

int mark_printed(soci::session& sql, int64_t account_id, const std::vector<int64_t>& ids,
                 int64_t now_unix) {
  return mark_waiting_sent(sql, "channel = 'print_self' AND account_id = :a", ids, account_id,
                           now_unix);
}

int mark_letter_service_printed(soci::session& sql, const std::vector<int64_t>& ids,
                                int64_t now_unix) {
  return mark_waiting_sent(sql, "channel = 'letter_service'", ids, std::nullopt, now_unix);
}

}  // namespace inkasso
