#include "store/case_store.h"

#include <algorithm>
#include <stdexcept>
#include <unordered_map>

#include "core/follow_up_group.h"
#include "core/law_table.h"
#include "core/text.h"
#include "store/document_store.h"
#include "store/row_values.h"

namespace inkasso {

// ---- Names ----

std::string_view to_string(PaymentMethod m) {
  switch (m) {
    case PaymentMethod::cash:
      return "cash";
    case PaymentMethod::bank_transfer:
      return "bank_transfer";
    case PaymentMethod::card:
      return "card";
    case PaymentMethod::accounting:
      return "accounting";
  }
  INKASSO_ASSERT(false);
  return {};
}

std::optional<PaymentMethod> payment_method_from_string(std::string_view s) {
  for (PaymentMethod m : {PaymentMethod::cash, PaymentMethod::bank_transfer, PaymentMethod::card,
                          PaymentMethod::accounting})
    if (to_string(m) == s) return m;
  return std::nullopt;
}

std::string_view to_string(EventKind k) {
  switch (k) {
    case EventKind::claim:
      return "claim";
    case EventKind::credit_note:
      return "credit_note";
    case EventKind::payment:
      return "payment";
    case EventKind::action:
      return "action";
    case EventKind::note:
      return "note";
  }
  INKASSO_ASSERT(false);
  return {};
}

std::optional<Flow> flow_from_string(std::string_view s) {
  for (Flow f : {Flow::track, Flow::payment_agreement, Flow::settlement, Flow::court, Flow::closed,
                 Flow::paid})
    if (to_string(f) == s) return f;
  return std::nullopt;
}

namespace {

// A value read back that this program did not write: the database was edited by hand or is
// newer than the program. Not an expected failure: throw, like any database failure.
[[noreturn]] void corrupt(const std::string& what) {
  throw std::runtime_error("case_events/cases: unreadable " + what);
}

Date read_date(const std::string& s) {
  auto d = Date::parse(s);
  if (!d) corrupt("date \"" + s + "\"");
  return *d;
}

template <class T>
T read_name(std::optional<T> v, const std::string& s) {
  if (!v) corrupt("value \"" + s + "\"");
  return *v;
}

// ---- case_events rows ----

// One row of case_events, as bound to the statements that read and write it.
struct EventRow {
  long long case_id = 0;
  long long seq = 0;
  std::string kind;
  std::string event_date;
  std::string ref;
  soci::indicator ref_i = soci::i_null;
  std::string invoice_date;
  soci::indicator invoice_date_i = soci::i_null;
  long long amount_ore = 0;
  soci::indicator amount_i = soci::i_null;
  std::string payment_method;
  soci::indicator payment_method_i = soci::i_null;
  std::string action_type;
  soci::indicator action_type_i = soci::i_null;
  long long fee_ore = 0;
  soci::indicator fee_i = soci::i_null;
  int compensation = 0;
  soci::indicator compensation_i = soci::i_null;
  int discount_bp = 0;
  soci::indicator discount_i = soci::i_null;
  std::string deadline;
  soci::indicator deadline_i = soci::i_null;
  long long instalment_ore = 0;
  soci::indicator instalment_i = soci::i_null;
  std::string first_date;
  soci::indicator first_date_i = soci::i_null;
  long long down_payment_ore = 0;
  soci::indicator down_payment_i = soci::i_null;
  std::string down_date;
  soci::indicator down_date_i = soci::i_null;
  int interest_free = 0;
  soci::indicator interest_free_i = soci::i_null;
  std::string track;
  soci::indicator track_i = soci::i_null;
  int court_fee_added = 0;
  soci::indicator court_fee_i = soci::i_null;
  std::string fundament_kind;
  soci::indicator fundament_i = soci::i_null;
  std::string until_date;
  soci::indicator until_i = soci::i_null;
  std::string text;
  soci::indicator text_i = soci::i_null;
  long long created_by = 0;
  soci::indicator created_by_i = soci::i_null;
  long long created_at = 0;
};

// The columns after case_id, in the order both statements bind them.
constexpr const char* kEventColumns =
    "seq, kind, event_date, ref, invoice_date, amount_ore, payment_method, action_type, fee_ore, "
    "compensation, discount_bp, deadline, instalment_ore, first_date, down_payment_ore, "
    "down_date, interest_free, track, court_fee_added, fundament_kind, until_date, text, "
    "created_by, created_at";

// Calls `f` with each column's variable (and its indicator, where it may be NULL), in the order
// of kEventColumns.
template <class Row, class F>
void for_each_event_column(Row& r, F f) {
  f(r.seq);
  f(r.kind);
  f(r.event_date);
  f(r.ref, r.ref_i);
  f(r.invoice_date, r.invoice_date_i);
  f(r.amount_ore, r.amount_i);
  f(r.payment_method, r.payment_method_i);
  f(r.action_type, r.action_type_i);
  f(r.fee_ore, r.fee_i);
  f(r.compensation, r.compensation_i);
  f(r.discount_bp, r.discount_i);
  f(r.deadline, r.deadline_i);
  f(r.instalment_ore, r.instalment_i);
  f(r.first_date, r.first_date_i);
  f(r.down_payment_ore, r.down_payment_i);
  f(r.down_date, r.down_date_i);
  f(r.interest_free, r.interest_free_i);
  f(r.track, r.track_i);
  f(r.court_fee_added, r.court_fee_i);
  f(r.fundament_kind, r.fundament_i);
  f(r.until_date, r.until_i);
  f(r.text, r.text_i);
  f(r.created_by, r.created_by_i);
  f(r.created_at);
}

template <class Bind>
void exchange_event_columns(soci::statement& st, EventRow& r, Bind bind) {
  for_each_event_column(r, [&](auto&... column) { st.exchange(bind(column...)); });
}

struct IntoBinder {
  template <class T>
  auto operator()(T& v) const {
    return soci::into(v);
  }
  template <class T>
  auto operator()(T& v, soci::indicator& i) const {
    return soci::into(v, i);
  }
};

// soci::use keeps a reference to its `name` argument, whose default is a temporary that dies
// when the binder returns: give it a name that lives for the whole program (found by ASan).
const std::string kUnnamed;

struct UseBinder {
  template <class T>
  auto operator()(T& v) const {
    return soci::use(v, kUnnamed);
  }
  template <class T>
  auto operator()(T& v, soci::indicator& i) const {
    return soci::use(v, i, kUnnamed);
  }
};

void set_text(std::string& v, soci::indicator& i, std::string s) {
  v = std::move(s);
  i = soci::i_ok;
}
void set_date(std::string& v, soci::indicator& i, std::optional<Date> d) {
  if (d)
    set_text(v, i, d->to_iso());
  else
    i = soci::i_null;
}
void set_money(long long& v, soci::indicator& i, Money m) {
  v = m.ore();
  i = soci::i_ok;
}
void set_int(int& v, soci::indicator& i, int x) {
  v = x;
  i = soci::i_ok;
}

// Which fields an action type takes (case-file.md). A field is written when its type takes it
// or when it differs from its default, so that any Action reads back exactly as written.
struct ActionFields {
  bool fee = false, settlement = false, agreement = false, track = false, court_fee = false,
       fundament = false, until = false;
};
ActionFields fields_of(ActionType t) {
  ActionFields f;
  switch (t) {
    case ActionType::reminder:
    case ActionType::collection_notice:
      f.fee = true;
      break;
    case ActionType::settlement_offer:
      f.settlement = true;
      break;
    case ActionType::payment_agreement:
      f.agreement = true;
      break;
    case ActionType::agreement_terminated:
    case ActionType::track_change:
      f.track = true;
      break;
    case ActionType::payment_order:
    case ActionType::enforcement_request:
      f.court_fee = true;
      break;
    case ActionType::fundament:
      f.fundament = true;
      break;
    case ActionType::pause:
      f.until = true;
      break;
    default:
      break;
  }
  return f;
}

// Fills `r` from an event; every optional column is reset first (the row is reused).
void to_row(const CaseEvent& event, EventRow& r) {
  const long long case_id = r.case_id, seq = r.seq, created_at = r.created_at,
                  created_by = r.created_by;
  const soci::indicator created_by_i = r.created_by_i;
  r = EventRow{};
  r.case_id = case_id, r.seq = seq, r.created_at = created_at, r.created_by = created_by;
  r.created_by_i = created_by_i;
  if (const auto* c = std::get_if<Claim>(&event)) {
    r.kind = "claim";
    r.event_date = c->due_date.to_iso();
    set_text(r.ref, r.ref_i, c->ref);
    set_date(r.invoice_date, r.invoice_date_i, c->invoice_date);
    set_money(r.amount_ore, r.amount_i, c->amount);
  } else if (const auto* n = std::get_if<CreditNote>(&event)) {
    r.kind = "credit_note";
    r.event_date = n->date.to_iso();
    if (!n->ref.empty()) set_text(r.ref, r.ref_i, n->ref);
    set_money(r.amount_ore, r.amount_i, n->amount);
  } else if (const auto* p = std::get_if<RecordedPayment>(&event)) {
    r.kind = "payment";
    r.event_date = p->date.to_iso();
    set_money(r.amount_ore, r.amount_i, p->amount);
    if (p->method)
      set_text(r.payment_method, r.payment_method_i, std::string(to_string(*p->method)));
  } else if (const auto* a = std::get_if<Action>(&event)) {
    r.kind = "action";
    r.event_date = a->date.to_iso();
    set_text(r.action_type, r.action_type_i, std::string(to_string(a->type)));
    const ActionFields f = fields_of(a->type);
    if (f.fee || !a->fee.is_zero()) set_money(r.fee_ore, r.fee_i, a->fee);
    if (f.fee || a->compensation) set_int(r.compensation, r.compensation_i, a->compensation);
    if (f.settlement || a->discount_bp != 0) set_int(r.discount_bp, r.discount_i, a->discount_bp);
    set_date(r.deadline, r.deadline_i, a->deadline);
    if (f.agreement || !a->instalment.is_zero())
      set_money(r.instalment_ore, r.instalment_i, a->instalment);
    set_date(r.first_date, r.first_date_i, a->first_date);
    if (f.agreement || !a->down_payment.is_zero())
      set_money(r.down_payment_ore, r.down_payment_i, a->down_payment);
    set_date(r.down_date, r.down_date_i, a->down_date);
    if (f.agreement || a->interest_free)
      set_int(r.interest_free, r.interest_free_i, a->interest_free);
    if (f.track || a->track != Track::standard)
      set_text(r.track, r.track_i, std::string(to_string(a->track)));
    if (f.court_fee || a->court_fee_added)
      set_int(r.court_fee_added, r.court_fee_i, a->court_fee_added);
    if (f.fundament || a->fundament != FundamentKind::dom)
      set_text(r.fundament_kind, r.fundament_i, std::string(to_string(a->fundament)));
    set_date(r.until_date, r.until_i, a->until);
  } else {
    const Note& note = std::get<Note>(event);
    r.kind = "note";
    r.event_date = note.date.to_iso();
    set_text(r.text, r.text_i, note.text);
  }
}

bool ok(soci::indicator i) {
  return i == soci::i_ok;
}

std::optional<Date> opt_date(const std::string& v, soci::indicator i) {
  if (!ok(i)) return std::nullopt;
  return read_date(v);
}
Money opt_money(long long v, soci::indicator i) {
  return ok(i) ? Money::from_ore(v) : Money();
}

// Adds the row's event to `c` (rows arrive in seq order).
void add_row(const EventRow& r, StoredCase& c) {
  EventMeta meta;
  meta.seq = r.seq;
  meta.created_by = ok(r.created_by_i) ? r.created_by : 0;
  meta.created_at = r.created_at;
  CaseHistory& h = c.history;
  const Date date = read_date(r.event_date);
  if (r.kind == "claim") {
    meta.kind = EventKind::claim;
    meta.index = h.claims.size();
    Claim claim;
    claim.ref = ok(r.ref_i) ? r.ref : std::string();
    claim.due_date = date;
    claim.invoice_date = opt_date(r.invoice_date, r.invoice_date_i).value_or(date);
    claim.amount = opt_money(r.amount_ore, r.amount_i);
    h.claims.push_back(std::move(claim));
  } else if (r.kind == "credit_note") {
    meta.kind = EventKind::credit_note;
    meta.index = h.credit_notes.size();
    h.credit_notes.push_back(
        CreditNote{ok(r.ref_i) ? r.ref : std::string(), date, opt_money(r.amount_ore, r.amount_i)});
  } else if (r.kind == "payment") {
    meta.kind = EventKind::payment;
    meta.index = h.payments.size();
    h.payments.push_back(Payment{date, opt_money(r.amount_ore, r.amount_i)});
    c.payment_methods.push_back(
        ok(r.payment_method_i)
            ? std::optional(
                  read_name(payment_method_from_string(r.payment_method), r.payment_method))
            : std::nullopt);
  } else if (r.kind == "action") {
    meta.kind = EventKind::action;
    meta.index = h.actions.size();
    if (!ok(r.action_type_i)) corrupt("action without a type");
    Action a;
    a.type = read_name(action_type_from_string(r.action_type), r.action_type);
    a.date = date;
    a.fee = opt_money(r.fee_ore, r.fee_i);
    a.compensation = ok(r.compensation_i) && r.compensation != 0;
    a.discount_bp = ok(r.discount_i) ? r.discount_bp : 0;
    a.deadline = opt_date(r.deadline, r.deadline_i);
    a.instalment = opt_money(r.instalment_ore, r.instalment_i);
    a.first_date = opt_date(r.first_date, r.first_date_i);
    a.down_payment = opt_money(r.down_payment_ore, r.down_payment_i);
    a.down_date = opt_date(r.down_date, r.down_date_i);
    a.interest_free = ok(r.interest_free_i) && r.interest_free != 0;
    if (ok(r.track_i)) a.track = read_name(track_from_string(r.track), r.track);
    a.court_fee_added = ok(r.court_fee_i) && r.court_fee_added != 0;
    if (ok(r.fundament_i))
      a.fundament = read_name(fundament_kind_from_string(r.fundament_kind), r.fundament_kind);
    a.until = opt_date(r.until_date, r.until_i);
    h.actions.push_back(a);
  } else if (r.kind == "note") {
    meta.kind = EventKind::note;
    meta.index = c.notes.size();
    c.notes.push_back(Note{date, ok(r.text_i) ? r.text : std::string()});
  } else {
    corrupt("event kind \"" + r.kind + "\"");
  }
  c.events.push_back(meta);
}

// ---- cases rows ----

struct CaseRow {
  long long id = 0, account_id = 0, number = 0, debtor_id = 0, version = 0;
  std::string debtor_kind, track, interest_kind, interest_from;
  int fixed_rate_bp = 0;
  int batch_follow_up = 1;
  std::string sealed;
  soci::indicator sealed_i = soci::i_null;
  long long created_by = 0;
  soci::indicator created_by_i = soci::i_null;
  long long created_at = 0;
};

constexpr const char* kCaseColumns =
    "id, account_id, number, debtor_id, version, debtor_kind, track, interest_kind, "
    "interest_from, fixed_rate_bp, batch_follow_up, portal_password_sealed, created_by, "
    "created_at";

void exchange_case_columns(soci::statement& st, CaseRow& r) {
  st.exchange(soci::into(r.id));
  st.exchange(soci::into(r.account_id));
  st.exchange(soci::into(r.number));
  st.exchange(soci::into(r.debtor_id));
  st.exchange(soci::into(r.version));
  st.exchange(soci::into(r.debtor_kind));
  st.exchange(soci::into(r.track));
  st.exchange(soci::into(r.interest_kind));
  st.exchange(soci::into(r.interest_from));
  st.exchange(soci::into(r.fixed_rate_bp));
  st.exchange(soci::into(r.batch_follow_up));
  st.exchange(soci::into(r.sealed, r.sealed_i));
  st.exchange(soci::into(r.created_by, r.created_by_i));
  st.exchange(soci::into(r.created_at));
}

StoredCase from_case_row(const CaseRow& r) {
  StoredCase c;
  c.id = r.id;
  c.account_id = r.account_id;
  c.number = r.number;
  c.debtor_id = r.debtor_id;
  c.version = r.version;
  c.batch_follow_up = r.batch_follow_up != 0;
  c.created_by = ok(r.created_by_i) ? r.created_by : 0;
  c.created_at = r.created_at;
  if (ok(r.sealed_i)) c.portal_password_sealed_hex = r.sealed;
  c.history.debtor = read_name(debtor_kind_from_string(r.debtor_kind), r.debtor_kind);
  c.history.track = read_name(track_from_string(r.track), r.track);
  c.history.interest.kind = read_name(interest_kind_from_string(r.interest_kind), r.interest_kind);
  c.history.interest.from = read_name(interest_start_from_string(r.interest_from), r.interest_from);
  c.history.interest.fixed_rate_bp = r.fixed_rate_bp;
  return c;
}

Result<StoredCase> load_case_where(soci::session& sql, const char* where, long long account,
                                   long long key) {
  CaseRow row;
  soci::statement st(sql);
  exchange_case_columns(st, row);
  st.exchange(soci::use(account));
  st.exchange(soci::use(key));
  st.alloc();
  st.prepare(std::string("SELECT ") + kCaseColumns + " FROM cases WHERE account_id = :a AND " +
             where);
  st.define_and_bind();
  if (!st.execute(true)) return make_error("not_found", "Sagen findes ikke.");
  StoredCase c = from_case_row(row);

  EventRow er;
  soci::statement ev(sql);
  exchange_event_columns(ev, er, IntoBinder{});
  long long id = row.id;
  ev.exchange(soci::use(id));
  ev.alloc();
  ev.prepare(std::string("SELECT ") + kEventColumns +
             " FROM case_events WHERE case_id = :id ORDER BY seq");
  ev.define_and_bind();
  ev.execute();
  while (ev.fetch()) add_row(er, c);
  return c;
}

// ---- The cache ----

// The cache columns of `cases`, computed from an evaluation of the history.
struct CacheRow {
  std::string flow;
  std::string next_action_type;
  soci::indicator next_action_i = soci::i_null;
  std::string review_date;
  soci::indicator review_i = soci::i_null;
  long long principal_ore = 0;
  long long outstanding_ore = 0;
  std::string last_action_type;
  soci::indicator last_action_type_i = soci::i_null;
  std::string last_action_date;
  soci::indicator last_action_date_i = soci::i_null;
  int closed = 0;
  std::string due_group;  // core/follow_up_group.h fixed_follow_up_group
  soci::indicator due_group_i = soci::i_null;
  std::string due_group_from;
  soci::indicator due_group_from_i = soci::i_null;
};

// Evaluates the history on `today` (validating it first) into the cache columns.
//
// review_date is the first day the case may need a look: the next step's date; for a running
// payment agreement the day its next instalment counts as missed; and the first date of any
// event after today (the evaluation does not see those yet). Null when nothing can become due
// by the passing of time alone (closed, paid, waiting for a court).
Result<CacheRow> compute_cache(const CaseHistory& h, Date today) {
  auto state = evaluate(h, today);
  if (!state) return state.error();
  CacheRow c;
  c.flow = std::string(to_string(state->flow));
  if (state->next_action)
    set_text(c.next_action_type, c.next_action_i, std::string(to_string(state->next_action->type)));
  c.principal_ore = state->principal.ore();
  c.outstanding_ore = state->outstanding.total().ore();
  for (const Action& a : h.actions)
    if (a.type == ActionType::close) c.closed = 1;
  if (!h.actions.empty()) {
    set_text(c.last_action_type, c.last_action_type_i,
             std::string(to_string(h.actions.back().type)));
    set_text(c.last_action_date, c.last_action_date_i, h.actions.back().date.to_iso());
  }
  std::optional<Date> review;
  auto consider = [&](Date d) {
    if (!review || d < *review) review = d;
  };
  if (state->flow != Flow::closed) {
    if (state->next_action) consider(state->next_action->date);
    if (state->agreement && !state->agreement->defaulted && state->agreement->next_instalment)
      consider(*state->agreement->next_instalment + default_law_table().agreement_grace_days + 1);
    for (const Claim& x : h.claims)
      if (x.invoice_date > today) consider(x.invoice_date);
    for (const CreditNote& x : h.credit_notes)
      if (x.date > today) consider(x.date);
    for (const Payment& x : h.payments)
      if (x.date > today) consider(x.date);
    for (const Action& x : h.actions)
      if (x.date > today) consider(x.date);
  }
  set_date(c.review_date, c.review_i, review);
  if (auto fixed = fixed_follow_up_group(h, *state)) {
    set_text(c.due_group, c.due_group_i, fixed->group.key);
    set_date(c.due_group_from, c.due_group_from_i, fixed->from);
  }
  return c;
}

// The history with the events added (notes do not belong to the engine).
CaseHistory with_events(const CaseHistory& base, std::span<const CaseEvent> events) {
  CaseHistory h = base;
  for (const CaseEvent& e : events) {
    if (const auto* c = std::get_if<Claim>(&e))
      h.claims.push_back(*c);
    else if (const auto* n = std::get_if<CreditNote>(&e))
      h.credit_notes.push_back(*n);
    else if (const auto* p = std::get_if<RecordedPayment>(&e))
      h.payments.push_back(Payment{p->date, p->amount});
    else if (const auto* a = std::get_if<Action>(&e))
      h.actions.push_back(*a);
  }
  return h;
}

// Calls `f` with each cache column's name and variable (and its indicator, where it may be
// NULL).
template <class F>
void for_each_cache_column(CacheRow& c, F f) {
  f("flow", c.flow);
  f("next_action_type", c.next_action_type, c.next_action_i);
  f("review_date", c.review_date, c.review_i);
  f("principal_ore", c.principal_ore);
  f("outstanding_ore", c.outstanding_ore);
  f("last_action_type", c.last_action_type, c.last_action_type_i);
  f("last_action_date", c.last_action_date, c.last_action_date_i);
  f("closed", c.closed);
  f("due_group", c.due_group, c.due_group_i);
  f("due_group_from", c.due_group_from, c.due_group_from_i);
}

// The first statement of every change: takes the case's write lock, checks that nobody changed
// it since `expected_version`, bumps the version and, with `cache`, rewrites the cache.
// Returns false (a conflict) when no row matched. (CaseChunkWriter does the same for many
// cases in one statement.)
bool bump_version(soci::session& sql, long long case_id, long long expected_version,
                  CacheRow* cache) {
  soci::statement st(sql);
  std::string q = "UPDATE cases SET version = version + 1";
  if (cache)
    for_each_cache_column(*cache, [&](const char* name, auto&... column) {
      q += std::string(", ") + name + " = :" + name;
      st.exchange(UseBinder{}(column...));
    });
  q += " WHERE id = :id AND version = :expected";
  st.exchange(soci::use(case_id));
  st.exchange(soci::use(expected_version));
  st.alloc();
  st.prepare(q);
  st.define_and_bind();
  st.execute(true);
  return st.get_affected_rows() == 1;
}

// Inserts the events with seq from `first_seq` on, one prepared statement executed per event.
// (A case's few events: on SQLite this is faster than one multi-row statement prepared anew per
// case, 2,000 against 1,760 cases a second in the storage bench.)
void insert_events(soci::session& sql, long long case_id, long long first_seq,
                   std::span<const CaseEvent> events, const ChangeContext& ctx) {
  if (events.empty()) return;
  EventRow r;
  soci::statement st(sql);
  st.exchange(soci::use(r.case_id));
  exchange_event_columns(st, r, UseBinder{});
  st.alloc();
  st.prepare(std::string("INSERT INTO case_events (case_id, ") + kEventColumns +
             ") VALUES (:case_id, :seq, :kind, :event_date, :ref, :invoice_date, :amount_ore, "
             ":payment_method, :action_type, :fee_ore, :compensation, :discount_bp, :deadline, "
             ":instalment_ore, :first_date, :down_payment_ore, :down_date, :interest_free, "
             ":track, :court_fee_added, :fundament_kind, :until_date, :text, :created_by, "
             ":created_at)");
  st.define_and_bind();
  long long seq = first_seq;
  for (const CaseEvent& e : events) {
    r = EventRow{};
    r.case_id = case_id;
    r.seq = seq++;
    r.created_at = ctx.now_unix;
    r.created_by = ctx.user_id;
    r.created_by_i = ctx.user_id ? soci::i_ok : soci::i_null;
    to_row(e, r);
    st.execute(true);
  }
}

// ---- The audit log's detail: hand-written JSON ----

void json_string(std::string& out, std::string_view s) {
  out += '"';
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20 || c == 0x7f) {
          static constexpr char kHex[] = "0123456789abcdef";
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 0xf];
        } else {
          out += ch;  // UTF-8 passes through unchanged
        }
    }
  }
  out += '"';
}

class JsonObject {
 public:
  explicit JsonObject(std::string& out) : out_(out) { out_ += '{'; }
  ~JsonObject() { out_ += '}'; }
  JsonObject(const JsonObject&) = delete;
  JsonObject& operator=(const JsonObject&) = delete;

  std::string& key(std::string_view k) {
    if (!first_) out_ += ',';
    first_ = false;
    json_string(out_, k);
    out_ += ':';
    return out_;
  }
  void str(std::string_view k, std::string_view v) { json_string(key(k), v); }
  void num(std::string_view k, long long v) { key(k) += std::to_string(v); }
  void boolean(std::string_view k, bool v) { key(k) += v ? "true" : "false"; }
  void money(std::string_view k, Money m) { str(k, m.to_plain()); }
  void date(std::string_view k, std::optional<Date> d) {
    if (d) str(k, d->to_iso());
  }

 private:
  std::string& out_;
  bool first_ = true;
};

// One event as JSON, with the keys of the case file format (case-file.md).
void event_json(std::string& out, const StoredCase& c, const EventMeta& m) {
  JsonObject o(out);
  o.num("seq", m.seq);
  o.str("kind", to_string(m.kind));
  const CaseHistory& h = c.history;
  switch (m.kind) {
    case EventKind::claim: {
      const Claim& x = h.claims[m.index];
      o.str("ref", x.ref);
      o.date("invoice_date", x.invoice_date);
      o.date("due_date", x.due_date);
      o.money("amount", x.amount);
      break;
    }
    case EventKind::credit_note: {
      const CreditNote& x = h.credit_notes[m.index];
      o.str("ref", x.ref);
      o.date("date", x.date);
      o.money("amount", x.amount);
      break;
    }
    case EventKind::payment: {
      const Payment& x = h.payments[m.index];
      o.date("date", x.date);
      o.money("amount", x.amount);
      if (c.payment_methods[m.index]) o.str("method", to_string(*c.payment_methods[m.index]));
      break;
    }
    case EventKind::action: {
      const Action& a = h.actions[m.index];
      const ActionFields f = fields_of(a.type);
      o.str("type", to_string(a.type));
      o.date("date", a.date);
      if (f.fee) {
        o.money("fee", a.fee);
        o.boolean("compensation", a.compensation);
      }
      if (f.settlement) {
        o.str("discount_percent", Money::from_ore(a.discount_bp).to_plain());
        o.date("deadline", a.deadline);
      }
      if (f.agreement) {
        o.money("instalment", a.instalment);
        o.date("first_date", a.first_date);
        if (a.down_payment.is_positive()) o.money("down_payment", a.down_payment);
        o.date("down_date", a.down_date);
        o.boolean("interest_free", a.interest_free);
      }
      if (f.track) o.str("track", to_string(a.track));
      if (f.court_fee) o.boolean("court_fee_added", a.court_fee_added);
      if (f.fundament) o.str("fundament", to_string(a.fundament));
      if (f.until) o.date("until", a.until);
      break;
    }
    case EventKind::note:
      o.date("date", c.notes[m.index].date);
      o.str("text", c.notes[m.index].text);
      break;
  }
  o.num("created_by", m.created_by);
  o.num("created_at", m.created_at);
}

void write_audit(soci::session& sql, const StoredCase& c, const ChangeContext& ctx,
                 const std::string& what, const std::string& detail) {
  long long account = c.account_id, at = ctx.now_unix, case_id = c.id, number = c.number;
  long long user = ctx.user_id;
  soci::indicator user_i = ctx.user_id ? soci::i_ok : soci::i_null;
  sql << "INSERT INTO audit_log (account_id, user_id, at, what, case_id, case_number, detail) "
         "VALUES (:a, :u, :at, :what, :c, :n, :d)",
      soci::use(account), soci::use(user, user_i), soci::use(at), soci::use(what),
      soci::use(case_id), soci::use(number), soci::use(detail);
}

// "a, b" with `alias` "c." is "c.a, c.b".
std::string qualified(std::string_view columns, std::string_view alias) {
  std::string out;
  for (std::string_view rest = columns;;) {
    size_t comma = rest.find(", ");
    out += alias;
    out += rest.substr(0, comma);
    if (comma == std::string_view::npos) break;
    out += ", ";
    rest.remove_prefix(comma + 2);
  }
  return out;
}

}  // namespace

// ---- Public ----

Result<StoredCase> load_case(soci::session& sql, int64_t account_id, int64_t case_number) {
  return load_case_where(sql, "number = :k", account_id, case_number);
}

Result<StoredCase> load_case_by_id(soci::session& sql, int64_t account_id, int64_t case_id) {
  return load_case_where(sql, "id = :k", account_id, case_id);
}

namespace {

// The cases matching `filter` (on alias c; parameters :a, then one per text in `texts`, in
// order: PostgreSQL numbers every placeholder, so a repeated one is bound again), each with its
// events, in two queries however many there are, in the order `order` gives.
std::vector<StoredCase> load_cases_matching(soci::session& sql, const std::string& filter,
                                            const std::string& order, long long account,
                                            const std::vector<std::string>& texts) {
  std::vector<StoredCase> out;
  {
    CaseRow row;
    soci::statement st(sql);
    exchange_case_columns(st, row);
    st.exchange(soci::use(account));
    for (const std::string& t : texts) st.exchange(soci::use(t));
    st.alloc();
    st.prepare("SELECT " + qualified(kCaseColumns, "c.") + " FROM cases c WHERE " + filter + order);
    st.define_and_bind();
    st.execute();
    while (st.fetch()) out.push_back(from_case_row(row));
  }
  if (out.empty()) return out;
  EventRow er;
  soci::statement ev(sql);
  ev.exchange(soci::into(er.case_id));
  exchange_event_columns(ev, er, IntoBinder{});
  ev.exchange(soci::use(account));
  for (const std::string& t : texts) ev.exchange(soci::use(t));
  ev.alloc();
  ev.prepare("SELECT e.case_id, " + qualified(kEventColumns, "e.") +
             " FROM cases c JOIN case_events e ON e.case_id = c.id WHERE " + filter + order +
             ", e.seq");
  ev.define_and_bind();
  ev.execute();
  // Rows come grouped by case, mostly in the order of `out`. A case changed between the two
  // queries may have moved (its review date) or be missing from `out`: then look it up, or
  // skip its events.
  std::unordered_map<int64_t, size_t> index;
  index.reserve(out.size());
  for (size_t i = 0; i < out.size(); ++i) index.emplace(out[i].id, i);
  size_t at = 0;
  while (ev.fetch()) {
    if (out[at].id != er.case_id) {
      auto it = index.find(er.case_id);
      if (it == index.end()) continue;
      at = it->second;
    }
    add_row(er, out[at]);
  }
  return out;
}

constexpr const char* kFollowUpFilter =
    "c.account_id = :a AND c.closed = 0 AND c.batch_follow_up = 1 AND "
    "c.review_date IS NOT NULL AND c.review_date <= :d";

}  // namespace

std::vector<StoredCase> load_follow_up_candidates(soci::session& sql, int64_t account_id,
                                                  Date review_by, FollowUpCandidates which) {
  // Both queries filter and order alike. The order is the one the review index gives, then
  // the events' (case_id, seq) index: SQLite needs no sort of the (many) event rows.
  std::string filter = kFollowUpFilter;
  std::vector<std::string> days{review_by.to_iso()};
  if (which == FollowUpCandidates::group_not_cached) {
    filter += " AND (c.due_group IS NULL OR c.due_group_from > :d2)";
    days.push_back(review_by.to_iso());
  }
  return load_cases_matching(sql, filter, " ORDER BY c.review_date, c.id", account_id, days);
}

std::vector<CachedDueStep> load_cached_due_steps(soci::session& sql, int64_t account_id,
                                                 Date as_of) {
  long long account = account_id, id = 0, number = 0, debtor = 0, principal = 0;
  std::string day = as_of.to_iso(), group, review;
  std::vector<CachedDueStep> out;
  soci::statement st =
      (sql.prepare << "SELECT c.id, c.number, c.debtor_id, c.due_group, c.review_date, "
                      "c.principal_ore FROM cases c WHERE "
                   << kFollowUpFilter << " AND c.due_group IS NOT NULL AND c.due_group_from <= :d2",
       soci::use(account), soci::use(day), soci::use(day), soci::into(id), soci::into(number),
       soci::into(debtor), soci::into(group), soci::into(review), soci::into(principal));
  st.execute();
  while (st.fetch())
    out.push_back(
        CachedDueStep{id, number, debtor, group, read_date(review), Money::from_ore(principal)});
  return out;
}

std::vector<StoredCase> load_cases_by_ids(soci::session& sql, int64_t account_id,
                                          std::span<const int64_t> ids) {
  if (ids.empty()) return {};
  // The ids are numbers, so they go into the text; one statement per call. The unary + keeps
  // SQLite from reading the account's index (every case of the account) instead of the ids'
  // rows: without statistics it prefers the equality; with it, 250 cases of 100,000 took 13 ms
  // instead of 2.
  std::string list;
  for (int64_t id : ids) {
    if (!list.empty()) list += ',';
    list += std::to_string(id);
  }
  return load_cases_matching(sql, "c.id IN (" + list + ") AND +c.account_id = :a", " ORDER BY c.id",
                             account_id, {});
}

Result<DebtorKind> debtor_kind_in_account(soci::session& sql, int64_t account_id,
                                          int64_t debtor_id) {
  long long account = account_id, debtor = debtor_id;
  std::string kind;
  sql << "SELECT kind FROM debtors WHERE id = :d AND account_id = :a", soci::use(debtor),
      soci::use(account), soci::into(kind);
  if (!sql.got_data()) return make_error("not_found", "Skyldneren findes ikke.");
  return read_name(debtor_kind_from_string(kind), kind);
}

Result<CreatedCaseRef> insert_case(soci::session& sql, const NewCaseRecord& record,
                                   const ChangeContext& ctx) {
  CaseHistory settings = record.settings;
  settings.claims.clear(), settings.credit_notes.clear(), settings.payments.clear(),
      settings.actions.clear();
  const CaseHistory history = with_events(settings, record.events);
  auto cache = compute_cache(history, ctx.today);
  if (!cache) return cache.error();

  soci::transaction tr(sql);
  long long account = record.account_id, number = 0;
  // The first statement writes, so SQLite takes its write lock here (no stale snapshot), and
  // PostgreSQL locks the account row until commit: numbers are taken one at a time.
  sql << "UPDATE accounts SET next_case_number = next_case_number + 1 WHERE id = :a "
         "RETURNING next_case_number - 1",
      soci::use(account), soci::into(number);
  if (!sql.got_data()) return make_error("not_found", "Kontoen findes ikke.");

  long long debtor = record.debtor_id, rate = record.settings.interest.fixed_rate_bp;
  long long created_at = ctx.now_unix, created_by = ctx.user_id;
  soci::indicator created_by_i = ctx.user_id ? soci::i_ok : soci::i_null;
  int follow = record.batch_follow_up ? 1 : 0;
  std::string kind(to_string(history.debtor)), track(to_string(history.track)),
      ikind(to_string(history.interest.kind)), ifrom(to_string(history.interest.from));
  std::string sealed = record.portal_password_sealed_hex;
  soci::indicator sealed_i = sealed.empty() ? soci::i_null : soci::i_ok;
  CacheRow& k = *cache;
  long long id = 0;
  sql << "INSERT INTO cases (account_id, number, debtor_id, debtor_kind, track, interest_kind, "
         "interest_from, fixed_rate_bp, batch_follow_up, portal_password_sealed, version, "
         "created_by, created_at, flow, next_action_type, review_date, principal_ore, "
         "outstanding_ore, last_action_type, last_action_date, closed, due_group, due_group_from) "
         "VALUES (:a, :n, :d, :k, :t, :ik, :if, :r, :f, :s, 0, :cb, :ca, :flow, :next, :review, "
         ":principal, :outstanding, :lt, :ld, :closed, :dg, :dgf) RETURNING id",
      soci::use(account), soci::use(number), soci::use(debtor), soci::use(kind), soci::use(track),
      soci::use(ikind), soci::use(ifrom), soci::use(rate), soci::use(follow),
      soci::use(sealed, sealed_i), soci::use(created_by, created_by_i), soci::use(created_at),
      soci::use(k.flow), soci::use(k.next_action_type, k.next_action_i),
      soci::use(k.review_date, k.review_i), soci::use(k.principal_ore),
      soci::use(k.outstanding_ore), soci::use(k.last_action_type, k.last_action_type_i),
      soci::use(k.last_action_date, k.last_action_date_i), soci::use(k.closed),
      soci::use(k.due_group, k.due_group_i), soci::use(k.due_group_from, k.due_group_from_i),
      soci::into(id);
  insert_events(sql, id, 1, record.events, ctx);
  tr.commit();
  return CreatedCaseRef{id, number, 0};
}

struct CaseChunkWriter::Pending {
  long long case_id = 0, version = 0, first_seq = 0;
  CacheRow cache;
  std::vector<CaseEvent> events;
  ChangeContext ctx;
};

CaseChunkWriter::CaseChunkWriter() = default;
CaseChunkWriter::~CaseChunkWriter() = default;

Result<int64_t> CaseChunkWriter::add(const StoredCase& base, std::span<const CaseEvent> events,
                                     const ChangeContext& ctx) {
  for (const Pending& p : pending_)
    if (p.case_id == base.id)
      return make_error("conflict", "Sagen er allerede med i samme skrivning.");
  auto cache = compute_cache(with_events(base.history, events), ctx.today);
  if (!cache) return cache.error();
  pending_.push_back(Pending{base.id, base.version, base.last_seq() + 1, std::move(*cache),
                             std::vector<CaseEvent>(events.begin(), events.end()), ctx});
  return base.last_seq() + 1;
}

void CaseChunkWriter::drop(int64_t case_id) {
  std::erase_if(pending_, [&](const Pending& p) { return p.case_id == case_id; });
}

std::set<int64_t> CaseChunkWriter::write(soci::session& sql) {
  std::set<int64_t> written;
  if (pending_.empty()) return written;
  // The version check, version bump and cache of every case in one UPDATE: a case still at the
  // version it was loaded with is bumped and returned, one changed since is not (a conflict).
  std::string set = "version = version + 1";
  size_t columns = 2;  // id, expected version, then the cache columns
  for_each_cache_column(pending_.front().cache, [&](const char* name, auto&...) {
    set += std::string(", ") + name + " = v.column" + std::to_string(++columns);
  });
  RowValues bumps(sql, columns);
  for (Pending& p : pending_) {
    bumps.add(p.case_id);
    bumps.add(p.version);
    for_each_cache_column(p.cache, [&](const char*, auto&... v) { bumps.add(v...); });
  }
  long long id = 0;
  const Returning ids{[&](soci::statement& st) { st.exchange(soci::into(id)); },
                      [&] { written.insert(id); }};
  execute_rows(sql, "UPDATE cases SET " + set + " FROM ", bumps,
               " WHERE cases.id = v.column1 AND cases.version = v.column2 RETURNING id", &ids);

  // The events of the cases bumped, in one INSERT (or a few, for very many).
  EventRow shape;
  size_t event_columns = 1;  // case_id, then kEventColumns
  for_each_event_column(shape, [&](auto&...) { ++event_columns; });
  RowValues events(sql, event_columns);
  for (const Pending& p : pending_) {
    if (!written.contains(p.case_id)) continue;
    long long seq = p.first_seq;
    for (const CaseEvent& e : p.events) {
      EventRow r;
      r.case_id = p.case_id;
      r.seq = seq++;
      r.created_at = p.ctx.now_unix;
      r.created_by = p.ctx.user_id;
      r.created_by_i = p.ctx.user_id ? soci::i_ok : soci::i_null;
      to_row(e, r);
      events.add(r.case_id);
      for_each_event_column(r, [&](auto&... v) { events.add(v...); });
    }
  }
  execute_rows(
      sql, std::string("INSERT INTO case_events (case_id, ") + kEventColumns + ") SELECT * FROM ",
      events);
  pending_.clear();
  return written;
}

Result<int64_t> append_events(soci::session& sql, const StoredCase& base,
                              std::span<const CaseEvent> events, const ChangeContext& ctx,
                              const AlongWithEvents& along) {
  CaseChunkWriter writer;
  auto first_seq = writer.add(base, events, ctx);
  if (!first_seq) return first_seq.error();  // nothing written
  soci::transaction tr(sql);
  if (writer.write(sql).empty())
    return make_error("conflict", "Sagen er blevet ændret af en anden i mellemtiden.");
  if (along) along(sql, *first_seq);
  tr.commit();
  return base.version + 1;
}

Result<int64_t> delete_last_action(soci::session& sql, const StoredCase& base,
                                   const ChangeContext& ctx) {
  const EventMeta* last = nullptr;
  for (const EventMeta& m : base.events)
    if (m.kind == EventKind::action) last = &m;
  if (!last) return make_error("not_found", "Sagen har ingen handling at slette.");
  CaseHistory h = base.history;
  h.actions.pop_back();
  auto cache = compute_cache(h, ctx.today);
  if (!cache) return cache.error();

  std::string detail;
  {
    JsonObject o(detail);
    event_json(o.key("removed"), base, *last);
  }
  soci::transaction tr(sql);
  if (!bump_version(sql, base.id, base.version, &*cache))
    return make_error("conflict", "Sagen er blevet ændret af en anden i mellemtiden.");
  long long id = base.id, seq = last->seq;
  sql << "DELETE FROM case_events WHERE case_id = :c AND seq = :s", soci::use(id), soci::use(seq);
  withdraw_documents_of_event(sql, base.id, last->seq, ctx.now_unix);
  write_audit(sql, base, ctx, "delete_last_action", detail);
  tr.commit();
  return base.version + 1;
}

Status delete_case(soci::session& sql, const StoredCase& base, const ChangeContext& ctx) {
  std::string detail;
  {
    JsonObject o(detail);
    o.num("number", base.number);
    o.num("debtor_id", base.debtor_id);
    o.num("version", base.version);
    o.num("created_by", base.created_by);
    o.num("created_at", base.created_at);
    std::string& events = o.key("events");
    events += '[';
    for (size_t i = 0; i < base.events.size(); ++i) {
      if (i) events += ',';
      event_json(events, base, base.events[i]);
    }
    events += ']';
  }
  soci::transaction tr(sql);
  if (!bump_version(sql, base.id, base.version, nullptr))
    return make_error("conflict", "Sagen er blevet ændret af en anden i mellemtiden.");
  long long id = base.id;
  sql << "DELETE FROM case_events WHERE case_id = :c", soci::use(id);
  sql << "DELETE FROM cases WHERE id = :c", soci::use(id);
  write_audit(sql, base, ctx, "delete_case", detail);
  tr.commit();
  return {};
}

Result<int64_t> set_batch_follow_up(soci::session& sql, const StoredCase& base, bool on) {
  soci::transaction tr(sql);
  if (!bump_version(sql, base.id, base.version, nullptr))
    return make_error("conflict", "Sagen er blevet ændret af en anden i mellemtiden.");
  long long id = base.id;
  int follow = on ? 1 : 0;
  sql << "UPDATE cases SET batch_follow_up = :f WHERE id = :c", soci::use(follow), soci::use(id);
  tr.commit();
  return base.version + 1;
}

// ---- Search ----

namespace {

// A LIKE pattern matching `s` anywhere, with LIKE's wildcards in `s` taken literally.
std::string contains_pattern(std::string_view s) {
  std::string out = "%";
  for (char c : s) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  out += '%';
  return out;
}

bool all_digits(std::string_view s) {
  if (s.empty() || s.size() > 15) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

}  // namespace

CasePage search_cases(soci::session& sql, int64_t account_id, const CaseQuery& q) {
  INKASSO_ASSERT(q.limit >= 1 && q.limit <= 1000 && q.offset >= 0);
  // The SQL is assembled from fixed pieces; every value the user typed is a bound parameter.
  long long account = account_id, number = 0;
  std::string text = q.text, lower = search_key(q.text), pattern = contains_pattern(lower);
  long long debtor = q.debtor_id.value_or(0);
  std::string last_type, from, to;
  std::string where = " WHERE c.account_id = :a";
  auto bind_all = [&](soci::statement& st) {
    st.exchange(soci::use(account));
    if (!q.text.empty()) {
      if (all_digits(q.text)) {
        st.exchange(soci::use(account));
        st.exchange(soci::use(number));
      }
      st.exchange(soci::use(account));
      st.exchange(soci::use(pattern));
      st.exchange(soci::use(text));
      st.exchange(soci::use(pattern));
    }
    if (q.last_action_type) st.exchange(soci::use(last_type));
    if (q.follow_up_from) st.exchange(soci::use(from));
    if (q.follow_up_to) st.exchange(soci::use(to));
    if (q.debtor_id) st.exchange(soci::use(debtor));
  };
  if (!q.text.empty()) {
    // The matching case ids, each source by its own index; the outer query then reads only
    // those cases (and counts from an index).
    where += " AND c.id IN (";
    if (all_digits(q.text)) {
      number = std::stoll(q.text);
      where += "SELECT id FROM cases WHERE account_id = :a1 AND number = :n UNION ALL ";
    }
    where +=
        "SELECT c2.id FROM debtors d2 JOIN cases c2 ON c2.debtor_id = d2.id WHERE "
        "d2.account_id = :a2 AND (d2.name_search LIKE :p1 ESCAPE '\\' OR d2.customer_no = :t) "
        "UNION ALL SELECT case_id FROM case_events WHERE kind = 'note' AND LOWER(text) LIKE :p2 "
        "ESCAPE '\\')";
  }
  if (q.last_action_type) {
    last_type = std::string(to_string(*q.last_action_type));
    where += " AND c.last_action_type = :lt";
  }
  if (q.follow_up_from) {
    from = q.follow_up_from->to_iso();
    where += " AND c.review_date >= :from";
  }
  if (q.follow_up_to) {
    to = q.follow_up_to->to_iso();
    where += " AND c.review_date <= :to";
  }
  if (q.only_open) where += " AND c.closed = 0";
  if (q.debtor_id) where += " AND c.debtor_id = :d";
  const std::string from_clause = " FROM cases c JOIN debtors d ON d.id = c.debtor_id";

  CasePage page;
  {
    long long total = 0;
    soci::statement st(sql);
    st.exchange(soci::into(total));
    bind_all(st);
    st.alloc();
    // The filters name only `c` (the debtor's through a subquery): no join needed to count.
    st.prepare("SELECT COUNT(*) FROM cases c" + where);
    st.define_and_bind();
    st.execute(true);
    page.total = total;
  }

  std::string order;
  switch (q.sort) {
    case CaseSort::number_desc:
      order = " ORDER BY c.number DESC";
      break;
    case CaseSort::number_asc:
      order = " ORDER BY c.number";
      break;
    case CaseSort::review_date_asc:
      // NULLs last on both backends (SQLite sorts them first, PostgreSQL last).
      order = " ORDER BY (c.review_date IS NULL), c.review_date, c.number";
      break;
    case CaseSort::debtor_name_asc:
      order = " ORDER BY d.name_search, c.number";
      break;
    case CaseSort::outstanding_desc:
      order = " ORDER BY c.outstanding_ore DESC, c.number";
      break;
  }
  long long limit = q.limit, offset = q.offset;
  struct Row {
    long long id = 0, number = 0, debtor_id = 0, principal = 0, outstanding = 0, version = 0;
    std::string name, customer_no, flow, next, review, last_type, last_date;
    soci::indicator flow_i = soci::i_null, next_i = soci::i_null, review_i = soci::i_null,
                    last_type_i = soci::i_null, last_date_i = soci::i_null;
    int closed = 0, follow = 1;
  } r;
  soci::statement st(sql);
  st.exchange(soci::into(r.id));
  st.exchange(soci::into(r.number));
  st.exchange(soci::into(r.debtor_id));
  st.exchange(soci::into(r.name));
  st.exchange(soci::into(r.customer_no));
  st.exchange(soci::into(r.flow, r.flow_i));
  st.exchange(soci::into(r.next, r.next_i));
  st.exchange(soci::into(r.review, r.review_i));
  st.exchange(soci::into(r.principal));
  st.exchange(soci::into(r.outstanding));
  st.exchange(soci::into(r.last_type, r.last_type_i));
  st.exchange(soci::into(r.last_date, r.last_date_i));
  st.exchange(soci::into(r.closed));
  st.exchange(soci::into(r.follow));
  st.exchange(soci::into(r.version));
  bind_all(st);
  st.exchange(soci::use(limit));
  st.exchange(soci::use(offset));
  st.alloc();
  st.prepare(
      "SELECT c.id, c.number, c.debtor_id, d.name, d.customer_no, c.flow, c.next_action_type, "
      "c.review_date, c.principal_ore, c.outstanding_ore, c.last_action_type, "
      "c.last_action_date, c.closed, c.batch_follow_up, c.version" +
      from_clause + where + order + " LIMIT :limit OFFSET :offset");
  st.define_and_bind();
  st.execute();
  while (st.fetch()) {
    CaseListItem item;
    item.id = r.id;
    item.number = r.number;
    item.debtor_id = r.debtor_id;
    item.debtor_name = r.name;
    item.customer_no = r.customer_no;
    if (ok(r.flow_i)) item.flow = read_name(flow_from_string(r.flow), r.flow);
    if (ok(r.next_i)) item.next_action_type = read_name(action_type_from_string(r.next), r.next);
    item.review_date = opt_date(r.review, r.review_i);
    item.principal = Money::from_ore(r.principal);
    item.outstanding = Money::from_ore(r.outstanding);
    if (ok(r.last_type_i))
      item.last_action_type = read_name(action_type_from_string(r.last_type), r.last_type);
    item.last_action_date = opt_date(r.last_date, r.last_date_i);
    item.closed = r.closed != 0;
    item.batch_follow_up = r.follow != 0;
    item.version = r.version;
    page.items.push_back(std::move(item));
  }
  return page;
}

std::vector<FollowUpStatus> follow_up_statuses(soci::session& sql, int64_t account_id, Date today) {
  std::vector<FollowUpStatus> out;
  long long account = account_id;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT number, next_action_type, review_date, batch_follow_up FROM cases "
                      "WHERE account_id = :a AND closed = 0 ORDER BY number",
       soci::use(account));
  const std::string today_iso = today.to_iso();
  for (const soci::row& r : rows) {
    FollowUpStatus f;
    f.number = r.get<long long>(0);
    if (r.get_indicator(1) == soci::i_ok)
      f.next_action_type = action_type_from_string(r.get<std::string>(1));
    if (r.get_indicator(2) == soci::i_ok) {
      const std::string review = r.get<std::string>(2);
      if (auto d = Date::parse(review)) f.review_date = *d;
      // ISO dates compare as text; no parsing needed to decide.
      f.due = review <= today_iso;
    }
    f.batch_follow_up = r.get<int>(3) != 0;
    out.push_back(f);
  }
  return out;
}

}  // namespace inkasso
