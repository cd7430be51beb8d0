#include "app/cases.h"

#include <algorithm>

#include "core/rules.h"

namespace inkasso {

namespace {

constexpr size_t kNoteBytesMax = 10'000;

// The store's and the engine's errors in the use cases' words: a conflict and not-found get
// the app's Danish messages; an invalid history is invalid input (the engine names the field).
Error app_error_of(const Error& e) {
  if (e.code == app_error::kConflict) return conflict();
  if (e.code == "invalid_case") return invalid(e.field, e.message);
  return e;
}

template <class T>
Result<T> mapped(Result<T> r) {
  if (!r) return app_error_of(r.error());
  return r;
}

Status mapped(Status r) {
  if (!r) return app_error_of(r.error());
  return r;
}

ChangeContext context_of(const Clock& clock, const Actor& actor) {
  return ChangeContext{actor.user_id, clock.now_unix(), clock.today()};
}

// The role check, then the case of that account.
Result<StoredCase> load_checked(soci::session& sql, const Actor& actor, int64_t account_id,
                                int64_t case_number, Role needed) {
  if (auto role = require_role(sql, account_id, actor, needed); !role) return role.error();
  auto c = load_case(sql, account_id, case_number);
  if (!c) return not_found("Sagen");
  return c;
}

// For a write: as load_checked, and the case must still be at the version the caller read.
Result<StoredCase> load_for_write(soci::session& sql, const Actor& actor, int64_t account_id,
                                  int64_t case_number, int64_t expected_version) {
  auto c = load_checked(sql, actor, account_id, case_number, Role::case_handler);
  if (c && c->version != expected_version) return conflict();
  return c;
}

// Appends one event to a case after the role and version checks.
Result<int64_t> append_one(Database& db, const Clock& clock, const Actor& actor, int64_t account_id,
                           int64_t case_number, int64_t expected_version, const CaseEvent& event) {
  soci::session sql(db.pool());
  auto base = load_for_write(sql, actor, account_id, case_number, expected_version);
  if (!base) return base.error();
  return mapped(append_events(sql, *base, std::span(&event, 1), context_of(clock, actor)));
}

// Adds an action after the engine's legal check.
Result<int64_t> act(Database& db, const Clock& clock, const Actor& actor, int64_t account_id,
                    int64_t case_number, int64_t expected_version, const Action& action,
                    const AlongWithEvents& along = {}) {
  soci::session sql(db.pool());
  auto base = load_for_write(sql, actor, account_id, case_number, expected_version);
  if (!base) return base.error();
  if (auto st = check_new_action(base->history, action); !st) return app_error_of(st.error());
  CaseEvent event = action;
  return mapped(append_events(sql, *base, std::span(&event, 1), context_of(clock, actor), along));
}

struct AccountDefaults {
  Track track = Track::standard;
  InterestSettings interest;
};

Result<AccountDefaults> account_defaults(soci::session& sql, int64_t account_id) {
  long long account = account_id;
  std::string track, kind, from;
  int rate = 0;
  sql << "SELECT default_track, default_interest_kind, default_interest_from, "
         "default_fixed_rate_bp FROM accounts WHERE id = :a",
      soci::use(account), soci::into(track), soci::into(kind), soci::into(from), soci::into(rate);
  if (!sql.got_data()) return not_found("Kontoen");
  AccountDefaults d;
  // Values the account's settings screen did not write fall back to the product defaults.
  d.track = track_from_string(track).value_or(Track::standard);
  d.interest.kind = interest_kind_from_string(kind).value_or(InterestKind::procesrente);
  d.interest.from = interest_start_from_string(from).value_or(InterestStart::day31);
  d.interest.fixed_rate_bp = rate;
  return d;
}

}  // namespace

Result<CreatedCase> create_case(Database& db, const Clock& clock, const SecretBox& box,
                                const Actor& actor, int64_t account_id, const NewCase& input) {
  soci::session sql(db.pool());
  if (auto role = require_role(sql, account_id, actor, Role::case_handler); !role)
    return role.error();
  if (input.claims.empty()) return invalid("claims", "Sagen skal have mindst én faktura.");
  auto debtor = debtor_kind_in_account(sql, account_id, input.debtor_id);
  if (!debtor) return not_found("Skyldneren");
  auto defaults = account_defaults(sql, account_id);
  if (!defaults) return defaults.error();

  NewCaseRecord record;
  record.account_id = account_id;
  record.debtor_id = input.debtor_id;
  record.batch_follow_up = input.batch_follow_up;
  record.settings.debtor = *debtor;
  record.settings.track = input.track.value_or(defaults->track);
  if (input.interest) {
    if (input.interest->kind == InterestKind::fixed && *debtor != DebtorKind::company)
      return invalid("interest",
                     "En fast rente kan kun aftales med erhvervsskyldnere. Brug "
                     "procesrente for en privat skyldner.");
    record.settings.interest = *input.interest;
  } else {
    record.settings.interest = defaults->interest;
    if (defaults->interest.kind == InterestKind::fixed && *debtor != DebtorKind::company)
      record.settings.interest =
          InterestSettings{InterestKind::procesrente, defaults->interest.from, 0};
  }
  if (record.settings.interest.kind != InterestKind::fixed)
    record.settings.interest.fixed_rate_bp = 0;

  CaseHistory history = record.settings;
  for (const Claim& c : input.claims) {
    record.events.emplace_back(c);
    history.claims.push_back(c);
  }
  for (const RecordedPayment& p : input.payments) {
    if (p.date > clock.today())
      return invalid("payments", "En modtaget betaling kan ikke være dateret i fremtiden.");
    record.events.emplace_back(p);
    history.payments.push_back(Payment{p.date, p.amount});
  }
  for (const SentReminder& r : input.reminders) {
    Action a;
    a.type = r.was_collection_notice ? ActionType::collection_notice : ActionType::reminder;
    a.date = r.date;
    a.fee = r.fee;
    a.compensation = r.compensation;
    record.events.emplace_back(a);
    history.actions.push_back(a);
  }
  // The imported history is checked for consistency; fees the law does not allow are not
  // refused but capped by the engine, and reported back.
  if (auto st = validate_history(history); !st) return app_error_of(st.error());
  CreatedCase out;
  for (const Adjustment& a : assess_fees(history, std::nullopt, default_law_table()).adjustments)
    out.adjustments.push_back(ImportAdjustment{a, adjustment_message(a)});

  record.portal_password_sealed_hex = to_hex(box.seal(random_password()));
  auto created = insert_case(sql, record, context_of(clock, actor));
  if (!created) return app_error_of(created.error());
  out.id = created->id;
  out.number = created->number;
  out.version = created->version;
  return out;
}

Result<CaseView> get_case(Database& db, const Clock& clock, const Actor& actor, int64_t account_id,
                          int64_t case_number) {
  soci::session sql(db.pool());
  auto role = require_role(sql, account_id, actor, Role::guest);
  if (!role) return role.error();
  auto c = load_case(sql, account_id, case_number);
  if (!c) return not_found("Sagen");
  auto state = evaluate(c->history, clock.today());
  if (!state) return state.error();
  return CaseView{std::move(*c), std::move(*state), *role};
}

Result<std::string> case_portal_password(Database& db, const SecretBox& box, const Actor& actor,
                                         int64_t account_id, int64_t case_number) {
  soci::session sql(db.pool());
  auto c = load_checked(sql, actor, account_id, case_number, Role::case_handler);
  if (!c) return c.error();
  return case_portal_password(box, CaseView{std::move(*c), {}, Role::case_handler});
}

Result<std::string> case_portal_password(const SecretBox& box, const CaseView& view) {
  if (view.role < Role::case_handler) return forbidden();
  return case_portal_password(box, view.stored);
}

Result<std::string> case_portal_password(const SecretBox& box, const StoredCase& c) {
  auto sealed = from_hex(c.portal_password_sealed_hex);
  if (c.portal_password_sealed_hex.empty() || !sealed)
    return not_found("Sagens adgangskode til skyldnerportalen");
  return box.open(*sealed);
}

Result<int64_t> add_action(Database& db, const Clock& clock, const Actor& actor, int64_t account_id,
                           int64_t case_number, int64_t expected_version, const Action& action) {
  return act(db, clock, actor, account_id, case_number, expected_version, action);
}

Result<int64_t> add_action(Database& db, const Clock& clock, const Actor& actor, int64_t account_id,
                           int64_t case_number, int64_t expected_version, const Action& action,
                           const AlongWithEvents& along) {
  return act(db, clock, actor, account_id, case_number, expected_version, action, along);
}

Result<int64_t> delete_last_action(Database& db, const Clock& clock, const Actor& actor,
                                   int64_t account_id, int64_t case_number,
                                   int64_t expected_version) {
  soci::session sql(db.pool());
  auto base = load_for_write(sql, actor, account_id, case_number, expected_version);
  if (!base) return base.error();
  if (base->history.actions.empty())
    return make_error(app_error::kNotFound, "Sagen har ingen handling at slette.");
  return mapped(delete_last_action(sql, *base, context_of(clock, actor)));
}

Result<int64_t> register_payment(Database& db, const Clock& clock, const Actor& actor,
                                 int64_t account_id, int64_t case_number, int64_t expected_version,
                                 Date date, Money amount, std::optional<PaymentMethod> method) {
  if (!amount.is_positive()) return invalid("amount", "Beløbet skal være større end 0.");
  if (date > clock.today())
    return invalid("date", "En betaling kan ikke registreres med en dato i fremtiden.");
  return append_one(db, clock, actor, account_id, case_number, expected_version,
                    RecordedPayment{date, amount, method});
}

Result<int64_t> add_claim(Database& db, const Clock& clock, const Actor& actor, int64_t account_id,
                          int64_t case_number, int64_t expected_version, const Claim& claim) {
  soci::session sql(db.pool());
  auto base = load_for_write(sql, actor, account_id, case_number, expected_version);
  if (!base) return base.error();
  for (const Action& a : base->history.actions)
    if (a.type == ActionType::close)
      return make_error(rule::kCaseClosed,
                        "Sagen er lukket, så der kan ikke tilføjes flere fakturaer. Opret en ny "
                        "sag.");
  CaseEvent event = claim;
  return mapped(append_events(sql, *base, std::span(&event, 1), context_of(clock, actor)));
}

Result<int64_t> add_credit_note(Database& db, const Clock& clock, const Actor& actor,
                                int64_t account_id, int64_t case_number, int64_t expected_version,
                                const CreditNote& note) {
  return append_one(db, clock, actor, account_id, case_number, expected_version, note);
}

Result<int64_t> add_note(Database& db, const Clock& clock, const Actor& actor, int64_t account_id,
                         int64_t case_number, int64_t expected_version, const std::string& text) {
  if (text.find_first_not_of(" \t\r\n") == std::string::npos)
    return invalid("text", "Notatet er tomt.");
  if (text.size() > kNoteBytesMax)
    return invalid("text", "Notatet er for langt (højst 10.000 tegn).");
  return append_one(db, clock, actor, account_id, case_number, expected_version,
                    Note{clock.today(), text});
}

Result<int64_t> pause_case(Database& db, const Clock& clock, const Actor& actor, int64_t account_id,
                           int64_t case_number, int64_t expected_version, Date until) {
  Action a;
  a.type = ActionType::pause;
  a.date = clock.today();
  a.until = until;
  return act(db, clock, actor, account_id, case_number, expected_version, a);
}

Result<int64_t> change_track(Database& db, const Clock& clock, const Actor& actor,
                             int64_t account_id, int64_t case_number, int64_t expected_version,
                             Track track) {
  Action a;
  a.type = ActionType::track_change;
  a.date = clock.today();
  a.track = track;
  return act(db, clock, actor, account_id, case_number, expected_version, a);
}

Result<int64_t> set_batch_follow_up(Database& db, const Actor& actor, int64_t account_id,
                                    int64_t case_number, int64_t expected_version, bool on) {
  soci::session sql(db.pool());
  auto base = load_for_write(sql, actor, account_id, case_number, expected_version);
  if (!base) return base.error();
  return mapped(set_batch_follow_up(sql, *base, on));
}

Result<ClosedCase> close_case(Database& db, const Clock& clock, const Actor& actor,
                              int64_t account_id, int64_t case_number, int64_t expected_version,
                              Date date) {
  soci::session sql(db.pool());
  auto base = load_for_write(sql, actor, account_id, case_number, expected_version);
  if (!base) return base.error();
  Action a;
  a.type = ActionType::close;
  a.date = date;
  if (auto st = check_new_action(base->history, a); !st) return app_error_of(st.error());
  CaseHistory closed = base->history;
  closed.actions.push_back(a);
  auto state = evaluate(closed, date);
  if (!state) return app_error_of(state.error());
  CaseEvent event = a;
  auto version = mapped(append_events(sql, *base, std::span(&event, 1), context_of(clock, actor)));
  if (!version) return version.error();
  return ClosedCase{*version, state->written_off};
}

Status delete_case(Database& db, const Clock& clock, const Actor& actor, int64_t account_id,
                   int64_t case_number, int64_t expected_version) {
  soci::session sql(db.pool());
  auto base = load_for_write(sql, actor, account_id, case_number, expected_version);
  if (!base) return base.error();
  return mapped(delete_case(sql, *base, context_of(clock, actor)));
}

Result<CasePage> search_cases(Database& db, const Actor& actor, int64_t account_id,
                              const CaseQuery& query) {
  soci::session sql(db.pool());
  if (auto role = require_role(sql, account_id, actor, Role::guest); !role) return role.error();
  if (query.limit < 1 || query.limit > 1000)
    return invalid("limit", "Vis mellem 1 og 1.000 sager ad gangen.");
  if (query.offset < 0) return invalid("offset", "Må ikke være negativ.");
  if (query.text.size() > 200) return invalid("text", "Søgeteksten er for lang.");
  return search_cases(sql, account_id, query);
}

Result<std::vector<DueCase>> list_due_for_follow_up(Database& db, const Actor& actor,
                                                    int64_t account_id, Date today) {
  soci::session sql(db.pool());
  if (auto role = require_role(sql, account_id, actor, Role::guest); !role) return role.error();
  std::vector<DueCase> out;
  for (const StoredCase& c : load_follow_up_candidates(sql, account_id, today)) {
    auto state = evaluate(c.history, today);
    // A history the engine cannot evaluate was refused when written; should the law table
    // lack a rate for `today`, the case is not listed rather than the whole list failing.
    if (!state || !state->follow_up_due) continue;
    DueCase d;
    d.number = c.number;
    d.debtor_id = c.debtor_id;
    d.version = c.version;
    d.next_action = *state->next_action;
    d.flow = state->flow;
    d.track = state->track;
    d.principal = state->principal;
    d.outstanding = state->outstanding.total();
    out.push_back(d);
  }
  std::sort(out.begin(), out.end(), [](const DueCase& a, const DueCase& b) {
    if (a.next_action.date != b.next_action.date) return a.next_action.date < b.next_action.date;
    return a.number < b.number;
  });
  return out;
}

Result<std::vector<FollowUpStatus>> follow_up_overview(Database& db, const Actor& actor,
                                                       int64_t account_id, Date today) {
  soci::session sql(db.pool());
  if (auto role = require_role(sql, account_id, actor, Role::guest); !role) return role.error();
  return follow_up_statuses(sql, account_id, today);
}

}  // namespace inkasso
