#include "app/courts.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "app/accounts.h"
#include "app/bank_account.h"
#include "app/debtors.h"
#include "app/letters.h"
#include "app/users.h"
#include "core/case_model.h"
#include "store/case_store.h"

namespace inkasso {

namespace {

constexpr const char* kSelectCourt =
    "SELECT c.id, c.name, c.street, c.postal_code, c.city, c.email, c.phone, c.filing_method, "
    "c.note, c.updated_at, c.updated_by, c.fee_reg_no, c.fee_account_no FROM court_districts c ";

// An integer column: SQLite reports INTEGER PRIMARY KEY as int and BIGINT as long long,
// PostgreSQL BIGINT as long long.
int64_t integer_at(const soci::row& r, std::size_t i) {
  if (r.get_properties(i).get_data_type() == soci::dt_integer) return r.get<int>(i);
  return r.get<long long>(i);
}

CourtDistrict court_of(const soci::row& r) {
  CourtDistrict c;
  c.id = integer_at(r, 0);
  c.name = r.get<std::string>(1);
  c.street = r.get<std::string>(2);
  c.postal_code = r.get<std::string>(3);
  c.city = r.get<std::string>(4);
  c.email = r.get<std::string>(5);
  c.phone = r.get<std::string>(6);
  c.filing_method = filing_method_from_string(r.get<std::string>(7)).value_or(FilingMethod::portal);
  c.note = r.get<std::string>(8);
  c.updated_at = integer_at(r, 9);
  c.updated_by = r.get_indicator(10) == soci::i_ok ? integer_at(r, 10) : 0;
  c.fee_reg_no = r.get<std::string>(11);
  c.fee_account_no = r.get<std::string>(12);
  return c;
}

std::vector<CourtDistrict> courts_where(soci::session& sql, const std::string& where,
                                        const std::string& value) {
  std::vector<CourtDistrict> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kSelectCourt) + where + " ORDER BY c.name", soci::use(value));
  for (const soci::row& r : rows) out.push_back(court_of(r));
  return out;
}

std::optional<CourtDistrict> court_by_id(soci::session& sql, int64_t id) {
  long long key = id;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kSelectCourt) + "WHERE c.id = :id", soci::use(key));
  for (const soci::row& r : rows) return court_of(r);
  return std::nullopt;
}

std::string trimmed(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

bool is_postal_code(std::string_view s) {
  return s.size() == 4 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_phone(std::string_view s) {
  int digits = 0;
  for (char c : s) {
    if (c >= '0' && c <= '9')
      ++digits;
    else if (c != ' ' && c != '+' && c != '-')
      return false;
  }
  return digits >= 8 && digits <= 15;
}

// "23-11-2026", as the pages write dates.
std::string dd_mm_yyyy(Date d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d-%02d-%04d", d.day(), d.month(), d.year());
  return buf;
}

// Unix seconds recorded for a filing on the courts' portal on `day`: now when it is today, else
// noon UTC of that day (the creditor gives a date, not a time; noon keeps it the same date in
// Danish time, winter and summer).
int64_t filed_at_unix(Date day, const Clock& clock) {
  if (day == clock.today()) return clock.now_unix();
  return static_cast<int64_t>(day.days()) * 86'400 + 12 * 3'600;
}

// The filing already made of the document: a court sending that did not fail and was not
// cancelled (a failed e-mail may be filed again).
std::optional<DispatchRow> existing_filing(soci::session& sql, int64_t account_id, int64_t case_id,
                                           int64_t document_id) {
  for (DispatchRow& r : list_case_dispatches(sql, account_id, case_id))
    if (r.document_id == document_id &&
        (r.channel == Channel::court_email || r.channel == Channel::court_portal) &&
        r.status != DispatchStatus::failed && r.status != DispatchStatus::cancelled)
      return std::move(r);
  return std::nullopt;
}

// The court the document's PDF is addressed to (its frozen letter data), "" when none.
std::string court_named_in(soci::session& sql, int64_t account_id, int64_t document_id) {
  auto content = load_document_content(sql, account_id, document_id);
  if (!content) return {};
  auto letter = letter_document_of(sql, account_id, *content);
  if (!letter || !letter->data.court) return {};
  return letter->data.court->court.name;
}

std::string email_body(const CourtDistrict& court, const std::string& title,
                       const std::string& creditor, const std::string& creditor_email,
                       const std::string& creditor_phone, const std::string& debtor,
                       int64_t case_number) {
  std::string body = "Til " + court.name + "\n\nVedhæftet sendes " + title + " i sagen " +
                     creditor + " mod " + debtor + " (kreditors sagsnummer " +
                     std::to_string(case_number) + ").\n\nRetsafgiften indbetales særskilt. " +
                     "Svar venligst til " + creditor_email;
  if (!creditor_phone.empty()) body += " eller på telefon " + creditor_phone;
  body += ".\n\nMed venlig hilsen\n" + creditor + "\n";
  return body;
}

}  // namespace

std::string_view to_string(FilingMethod m) {
  return m == FilingMethod::email ? "email" : "portal";
}

std::optional<FilingMethod> filing_method_from_string(std::string_view s) {
  if (s == "portal") return FilingMethod::portal;
  if (s == "email") return FilingMethod::email;
  return std::nullopt;
}

std::vector<CourtDistrict> list_court_districts(Database& db) {
  soci::session sql(db.pool());
  std::vector<CourtDistrict> out;
  soci::rowset<soci::row> rows = (sql.prepare << std::string(kSelectCourt) + "ORDER BY c.name");
  for (const soci::row& r : rows) out.push_back(court_of(r));
  return out;
}

std::optional<CourtDistrict> get_court_district(Database& db, int64_t id) {
  soci::session sql(db.pool());
  return court_by_id(sql, id);
}

Status update_court_district(Database& db, const Clock& clock, const Actor& actor, int64_t id,
                             const CourtDistrictInput& in) {
  if (!is_installation_operator(db, actor))
    return make_error(app_error::kForbidden,
                      "Kun installationens driftsansvarlige kan rette retskredsene.");
  CourtDistrict c;
  c.street = trimmed(in.street);
  c.postal_code = trimmed(in.postal_code);
  c.city = trimmed(in.city);
  c.phone = trimmed(in.phone);
  c.note = trimmed(in.note);
  if (c.street.empty()) return invalid("street", "Skriv rettens adresse.");
  if (c.street.size() > kCourtTextMax) return invalid("street", "Adressen er for lang.");
  if (!is_postal_code(c.postal_code))
    return invalid("postal_code", "Postnummeret skal være fire cifre.");
  if (c.city.empty()) return invalid("city", "Skriv bynavnet.");
  if (c.city.size() > kCourtTextMax) return invalid("city", "Bynavnet er for langt.");
  auto email = normalize_email(trimmed(in.email));
  if (!email) return invalid("email", "Skriv en gyldig e-mailadresse, fx aarhus@domstol.dk.");
  c.email = *email;
  if (!c.phone.empty() && !is_phone(c.phone))
    return invalid("phone", "Telefonnummeret må kun have cifre, mellemrum, + og -.");
  auto method = filing_method_from_string(in.filing_method);
  if (!method)
    return invalid("filing_method", "Vælg om retten modtager via minretssag.dk eller e-mail.");
  if (c.note.size() > kCourtNoteMax)
    return invalid("note",
                   "Bemærkningen må højst være " + std::to_string(kCourtNoteMax) + " tegn.");
  c.fee_reg_no = in.fee_reg_no;
  c.fee_account_no = in.fee_account_no;
  if (auto ok = normalize_optional_bank_account(c.fee_reg_no, c.fee_account_no, "fee_"); !ok)
    return ok;

  soci::session sql(db.pool());
  long long key = id, now = clock.now_unix(), by = actor.user_id;
  std::string method_text(to_string(*method));
  soci::statement st =
      (sql.prepare << "UPDATE court_districts SET street = :s, postal_code = :p, city = :c, "
                      "email = :e, phone = :ph, filing_method = :m, note = :n, fee_reg_no = :g, "
                      "fee_account_no = :k, updated_at = :t, updated_by = :u WHERE id = :id",
       soci::use(c.street), soci::use(c.postal_code), soci::use(c.city), soci::use(c.email),
       soci::use(c.phone), soci::use(method_text), soci::use(c.note), soci::use(c.fee_reg_no),
       soci::use(c.fee_account_no), soci::use(now), soci::use(by), soci::use(key));
  st.execute(true);
  if (st.get_affected_rows() == 0) return not_found("Retskredsen");
  return {};
}

std::vector<CourtDistrict> courts_for_postal_code(soci::session& sql,
                                                  std::string_view postal_code) {
  const std::string code = trimmed(postal_code);
  if (!is_postal_code(code)) return {};
  return courts_where(
      sql, "JOIN court_postal_codes p ON p.court_id = c.id WHERE p.postal_code = :p", code);
}

std::vector<CourtDistrict> courts_for_postal_code(Database& db, std::string_view postal_code) {
  soci::session sql(db.pool());
  return courts_for_postal_code(sql, postal_code);
}

std::optional<CourtInfo> court_for_debtor(soci::session& sql, std::string_view postal_code) {
  auto courts = courts_for_postal_code(sql, postal_code);
  if (courts.size() != 1) return std::nullopt;
  const CourtDistrict& c = courts.front();
  return CourtInfo{c.name, c.street, c.postal_code, c.city, c.email};
}

bool is_court_document_kind(std::string_view kind) {
  return kind == to_string(ActionType::payment_order) ||
         kind == to_string(ActionType::enforcement_request);
}

Result<CourtFilingView> court_filing_view(Database& db, const SecretBox& box, const Actor& actor,
                                          int64_t account_id, int64_t case_number,
                                          int64_t document_id) {
  CourtFilingView v;
  int64_t debtor_id = 0;
  {
    soci::session sql(db.pool());
    auto role = require_role(sql, account_id, actor, Role::guest);
    if (!role) return role.error();
    v.can_file = *role >= Role::case_handler;
    auto c = load_case(sql, account_id, case_number);
    if (!c) return not_found("Sagen");
    auto doc = find_document(sql, account_id, document_id);
    if (!doc || doc->case_id != c->id) return not_found("Dokumentet");
    if (!is_court_document_kind(doc->kind))
      return make_error(court_error::kNotCourtDocument,
                        "Kun betalingspåkrav og fogedrekvisitioner indgives til retten.");
    v.case_number = case_number;
    v.document = *doc;
    v.filing = existing_filing(sql, account_id, c->id, document_id);
    v.court_on_document = court_named_in(sql, account_id, document_id);
    debtor_id = c->debtor_id;
  }
  auto debtor = get_debtor(db, box, actor, account_id, debtor_id);
  if (!debtor) return debtor.error();
  v.debtor_name = debtor->name;
  v.debtor_postal_code = debtor->postal_code;
  auto account = get_account(db, actor, account_id);
  if (!account) return account.error();
  v.creditor_email = account->email;
  v.all = list_court_districts(db);
  v.candidates = courts_for_postal_code(db, debtor->postal_code);
  for (const CourtDistrict& c : v.all)
    if (!v.court_on_document.empty() && c.name == v.court_on_document) v.suggested_court_id = c.id;
  if (!v.suggested_court_id && v.candidates.size() == 1)
    v.suggested_court_id = v.candidates.front().id;
  return v;
}

Result<CourtFiling> file_court_document(Database& db, const Clock& clock, const SecretBox& box,
                                        const Actor& actor, int64_t account_id, int64_t case_number,
                                        int64_t document_id, const CourtFilingRequest& request) {
  int64_t case_id = 0, debtor_id = 0;
  DocumentSummary doc;
  {
    soci::session sql(db.pool());
    auto role = require_role(sql, account_id, actor, Role::case_handler);
    if (!role) return role.error();
    auto c = load_case(sql, account_id, case_number);
    if (!c) return not_found("Sagen");
    auto found = find_document(sql, account_id, document_id);
    if (!found || found->case_id != c->id) return not_found("Dokumentet");
    doc = *found;
    case_id = c->id;
    debtor_id = c->debtor_id;
  }
  if (!is_court_document_kind(doc.kind))
    return make_error(court_error::kNotCourtDocument,
                      "Kun betalingspåkrav og fogedrekvisitioner indgives til retten.");
  if (doc.withdrawn)
    return make_error(
        court_error::kWithdrawn,
        "Dokumentet er trukket tilbage (handlingen er slettet) og kan ikke indgives.");
  if (!doc.rendered)
    return make_error(court_error::kNotRendered,
                      "Dokumentet er ikke dannet endnu. Prøv igen om lidt.");
  auto court = get_court_district(db, request.court_id);
  if (!court) return invalid("court", "Vælg den retskreds, dokumentet skal indgives til.");
  const Date today = clock.today();
  if (court->filing_method == FilingMethod::portal) {
    if (!request.filed_on)
      return invalid("filed_on", "Skriv datoen, hvor du indgav dokumentet på minretssag.dk.");
    if (*request.filed_on > today) return invalid("filed_on", "Datoen kan ikke ligge i fremtiden.");
    if (*request.filed_on < doc.letter_date)
      return invalid("filed_on", "Datoen kan ikke ligge før dokumentets dato (" +
                                     dd_mm_yyyy(doc.letter_date) + ").");
  }
  auto account = get_account(db, actor, account_id);
  if (!account) return account.error();
  if (court->filing_method == FilingMethod::email && account->email.empty())
    return invalid("email",
                   "Kontoen har ingen e-mailadresse til kopien. Tilføj den under "
                   "stamdata.");
  auto debtor = get_debtor(db, box, actor, account_id, debtor_id);
  if (!debtor) return debtor.error();

  NewDispatch d;
  d.account_id = account_id;
  d.case_id = case_id;
  d.document_id = document_id;
  d.reply_to = account->email;
  d.sender_name = account->name;
  d.subject = doc.title + ": " + account->name + " mod " + debtor->name + " (sag " +
              std::to_string(case_number) + ")";
  d.created_by = actor.user_id;
  const int64_t now = clock.now_unix();

  soci::session sql(db.pool());
  soci::transaction tx(sql);
  // Lock the document first (a write before any read: on SQLite the database's write lock, on
  // PostgreSQL the row's), so a second filing at the same moment waits and then sees this one.
  long long doc_key = document_id, account_key = account_id;
  sql << "UPDATE documents SET withdrawn_at = withdrawn_at WHERE id = :d AND account_id = :a",
      soci::use(doc_key), soci::use(account_key);
  if (auto earlier = existing_filing(sql, account_id, case_id, document_id)) {
    const bool by_email = earlier->channel == Channel::court_email;
    return make_error(
        court_error::kAlreadyFiled,
        "Dokumentet er allerede indgivet til retten" +
            std::string(by_email ? " pr. e-mail til " + earlier->recipient : " via minretssag.dk") +
            ". Det indgives kun én gang.");
  }
  CourtFiling out;
  out.court_name = court->name;
  if (court->filing_method == FilingMethod::email) {
    d.channel = Channel::court_email;
    d.recipient = court->email;
    d.copy_to = account->email;
    d.body = email_body(*court, doc.title, account->name, account->email, account->phone,
                        debtor->name, case_number);
    d.send_at = now;
    out.dispatch_id = insert_dispatch(sql, d, now);
  } else {
    d.channel = Channel::court_portal;
    d.recipient = court->name + " (minretssag.dk)";
    out.dispatch_id =
        insert_recorded_dispatch(sql, d, filed_at_unix(*request.filed_on, clock), now);
  }
  tx.commit();
  out.channel = d.channel;
  out.recipient = d.recipient;
  return out;
}

}  // namespace inkasso
