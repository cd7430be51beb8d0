#include "app/court_fees.h"

#include <algorithm>

#include "app/bank_account.h"
#include "app/users.h"
#include "core/law_table.h"

namespace inkasso {

namespace {

// SQLite reports INTEGER PRIMARY KEY columns as int and BIGINT as long long; PostgreSQL BIGINT
// as long long.
int64_t integer_at(const soci::row& r, std::size_t i) {
  if (r.get_properties(i).get_data_type() == soci::dt_integer) return r.get<int>(i);
  return r.get<long long>(i);
}

constexpr const char* kCourtActions =
    "e.kind = 'action' AND e.action_type IN ('payment_order', 'enforcement_request')";
constexpr std::string_view kPortalSuffix = " (minretssag.dk)";

// The court districts as a fee needs them: read once per listing (24 rows), not per fee.
struct CourtAccount {
  std::string name;
  std::string email;
  std::string reg_no;
  std::string account_no;
};

std::vector<CourtAccount> court_accounts(soci::session& sql) {
  std::vector<CourtAccount> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT name, email, fee_reg_no, fee_account_no FROM court_districts");
  for (const soci::row& r : rows)
    out.push_back(CourtAccount{r.get<std::string>(0), r.get<std::string>(1), r.get<std::string>(2),
                               r.get<std::string>(3)});
  return out;
}

// The court the action's document was filed with, and that court's account for court fees
// (app/courts.h writes the court's e-mail as the recipient of an e-mail filing and
// "<name> (minretssag.dk)" of a portal filing). Nothing when the document has not been filed,
// or its filing failed or was cancelled; only the name when the court is no longer in the
// table under that e-mail or name.
struct FiledCourt {
  std::string name;
  std::string reg_no;
  std::string account_no;
};

FiledCourt court_filed_with(soci::session& sql, const std::vector<CourtAccount>& courts,
                            int64_t case_id, int64_t seq) {
  long long c = case_id, s = seq;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT d.channel, d.recipient FROM dispatches d "
                      "JOIN documents doc ON doc.id = d.document_id "
                      "WHERE doc.case_id = :c AND doc.event_seq = :s AND doc.withdrawn_at IS NULL "
                      "AND d.channel IN ('court_email', 'court_portal') "
                      "AND d.status NOT IN ('failed', 'cancelled') ORDER BY d.id DESC",
       soci::use(c), soci::use(s));
  std::string channel, recipient;
  for (const soci::row& r : rows) {
    channel = r.get<std::string>(0);
    recipient = r.get<std::string>(1);
    break;
  }
  FiledCourt out;
  if (channel.empty()) return out;
  const bool portal = channel == "court_portal";
  if (portal && recipient.ends_with(kPortalSuffix))
    recipient.resize(recipient.size() - kPortalSuffix.size());
  out.name = recipient;
  for (const CourtAccount& court : courts) {
    if ((portal ? court.name : court.email) != recipient) continue;
    out = FiledCourt{court.name, court.reg_no, court.account_no};
    break;
  }
  return out;
}

CourtFeePayment payment_of(soci::session& sql) {
  CourtFeePayment p;
  long long updated = 0;
  sql << "SELECT recipient, reg_no, account_no, note, updated_at FROM court_fee_payment "
         "WHERE id = 1",
      soci::into(p.recipient), soci::into(p.reg_no), soci::into(p.account_no), soci::into(p.note),
      soci::into(updated);
  p.updated_at = updated;
  return p;
}

}  // namespace

Money court_fee_of(ActionType type) {
  const LawTable& law = default_law_table();
  switch (type) {
    case ActionType::payment_order:
      return law.court_fee_payment_order;
    case ActionType::enforcement_request:
      return law.court_fee_enforcement;
    default:
      return Money::zero();
  }
}

Result<CourtFeeOverview> list_court_fees(Database& db, const Actor& actor, int64_t account_id) {
  soci::session sql(db.pool());
  if (auto role = role_in_account(sql, account_id, actor); !role) return role.error();
  CourtFeeOverview out;
  long long account = account_id;
  struct Found {
    CourtFee fee;
    int64_t case_id = 0;
  };
  std::vector<Found> found;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string("SELECT c.number, e.seq, e.created_at, dbt.name, e.action_type, "
                                  "e.event_date, e.court_fee_added, c.id, t.transferred_at, "
                                  "t.amount_ore FROM case_events e "
                                  "JOIN cases c ON c.id = e.case_id "
                                  "JOIN debtors dbt ON dbt.id = c.debtor_id "
                                  "LEFT JOIN court_fee_transfers t ON t.case_id = e.case_id "
                                  "AND t.event_seq = e.seq AND t.event_created_at = e.created_at "
                                  "WHERE c.account_id = :a AND ") +
                          kCourtActions + " ORDER BY e.event_date, c.number, e.seq",
       soci::use(account));
  for (const soci::row& r : rows) {
    Found f;
    CourtFee& fee = f.fee;
    fee.case_number = integer_at(r, 0);
    fee.event_seq = integer_at(r, 1);
    fee.event_created_at = integer_at(r, 2);
    fee.debtor_name = r.get<std::string>(3);
    fee.type = action_type_from_string(r.get<std::string>(4)).value_or(ActionType::payment_order);
    if (auto day = Date::parse(r.get<std::string>(5))) fee.action_date = *day;
    fee.added_to_case = r.get_indicator(6) == soci::i_ok && integer_at(r, 6) != 0;
    f.case_id = integer_at(r, 7);
    if (r.get_indicator(8) == soci::i_ok) {
      fee.transferred_at = integer_at(r, 8);
      fee.amount = Money::from_ore(integer_at(r, 9));  // as it was when transferred
    } else {
      fee.amount = court_fee_of(fee.type);
    }
    found.push_back(std::move(f));
  }
  const std::vector<CourtAccount> courts = court_accounts(sql);
  for (Found& f : found) {
    FiledCourt court = court_filed_with(sql, courts, f.case_id, f.fee.event_seq);
    f.fee.court_name = std::move(court.name);
    f.fee.court_reg_no = std::move(court.reg_no);
    f.fee.court_account_no = std::move(court.account_no);
    if (f.fee.transferred_at) {
      out.transferred.push_back(std::move(f.fee));
    } else {
      out.total_to_transfer += f.fee.amount;
      out.to_transfer.push_back(std::move(f.fee));
    }
  }
  std::stable_sort(
      out.transferred.begin(), out.transferred.end(),
      [](const CourtFee& a, const CourtFee& b) { return *a.transferred_at > *b.transferred_at; });
  if (out.transferred.size() > kCourtFeesShownMax) out.transferred.resize(kCourtFeesShownMax);
  out.payment = payment_of(sql);
  return out;
}

int64_t count_court_fees_to_transfer(soci::session& sql, int64_t account_id) {
  long long account = account_id, n = 0;
  sql << std::string(
             "SELECT COUNT(*) FROM case_events e JOIN cases c ON c.id = e.case_id "
             "WHERE c.account_id = :a AND ") +
             kCourtActions +
             " AND NOT EXISTS (SELECT 1 FROM court_fee_transfers t WHERE t.case_id = e.case_id "
             "AND t.event_seq = e.seq AND t.event_created_at = e.created_at)",
      soci::use(account), soci::into(n);
  return n;
}

Status mark_court_fee_transferred(Database& db, const Clock& clock, const Actor& actor,
                                  int64_t account_id, int64_t case_number, int64_t event_seq,
                                  int64_t event_created_at) {
  soci::session sql(db.pool());
  if (auto role = require_role(sql, account_id, actor, Role::case_handler); !role)
    return role.error();
  long long account = account_id, number = case_number, seq = event_seq, created = event_created_at,
            case_id = 0;
  std::string type;
  sql << std::string(
             "SELECT c.id, e.action_type FROM case_events e "
             "JOIN cases c ON c.id = e.case_id WHERE c.account_id = :a "
             "AND c.number = :n AND e.seq = :s AND e.created_at = :t AND ") +
             kCourtActions,
      soci::use(account), soci::use(number), soci::use(seq), soci::use(created),
      soci::into(case_id), soci::into(type);
  if (!sql.got_data()) return not_found("Retsafgiften");
  const auto action = action_type_from_string(type);
  long long amount = court_fee_of(action.value_or(ActionType::payment_order)).ore();
  long long now = clock.now_unix(), user = actor.user_id;
  sql << "INSERT INTO court_fee_transfers (account_id, case_id, event_seq, event_created_at, "
         "amount_ore, transferred_at, transferred_by) VALUES (:a, :c, :s, :t, :m, :at, :u) "
         "ON CONFLICT (case_id, event_seq, event_created_at) DO NOTHING",
      soci::use(account), soci::use(case_id), soci::use(seq), soci::use(created), soci::use(amount),
      soci::use(now), soci::use(user);
  return {};
}

CourtFeePayment get_court_fee_payment(Database& db) {
  soci::session sql(db.pool());
  return payment_of(sql);
}

Status set_court_fee_payment(Database& db, const Clock& clock, const Actor& actor,
                             const CourtFeePayment& payment) {
  if (!is_installation_operator(db, actor)) return forbidden();
  CourtFeePayment p = payment;
  if (auto ok = normalize_optional_bank_account(p.reg_no, p.account_no); !ok) return ok;
  if (p.recipient.size() > 200) return invalid("recipient", "Modtageren er for lang.");
  if (p.note.size() > 1000) return invalid("note", "Teksten er for lang.");
  soci::session sql(db.pool());
  long long now = clock.now_unix(), user = actor.user_id;
  sql << "UPDATE court_fee_payment SET recipient = :r, reg_no = :g, account_no = :k, note = :n, "
         "updated_at = :t, updated_by = :u WHERE id = 1",
      soci::use(p.recipient), soci::use(p.reg_no), soci::use(p.account_no), soci::use(p.note),
      soci::use(now), soci::use(user);
  return {};
}

}  // namespace inkasso
