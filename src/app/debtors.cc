#include "app/debtors.h"

#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <deque>

#include "core/identifiers.h"
#include "core/text.h"

namespace inkasso {

namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), is_digit);
}

// A phone number as stored and searched: a Danish number as its digits without +45 / 0045, a
// foreign one as "+" and its digits. Separators (space - . / ( )) are dropped. Returns "" when
// anything else is in it.
std::string normalise_phone(std::string_view raw) {
  std::string s = trim(raw);
  std::string digits;
  bool plus = false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (is_digit(c)) {
      digits.push_back(c);
    } else if (c == '+' && i == 0) {
      plus = true;
    } else if (c != ' ' && c != '-' && c != '.' && c != '/' && c != '(' && c != ')') {
      return {};
    }
  }
  if (!plus && digits.starts_with("00")) {
    plus = true;
    digits.erase(0, 2);
  }
  if (plus && digits.starts_with("45")) {
    digits.erase(0, 2);
    plus = false;
  }
  if (digits.empty()) return {};
  return plus ? "+" + digits : digits;
}

bool is_valid_phone(const std::string& normalised) {
  if (normalised.starts_with("+"))
    return normalised.size() >= 7 && normalised.size() <= 16;  // 6 to 15 digits
  return normalised.size() == 8;
}

// A plausible e-mail address: one '@', something before it, a dot inside the domain, no spaces.
bool is_valid_email(std::string_view e) {
  if (e.size() > 254) return false;
  size_t at = e.find('@');
  if (at == std::string_view::npos || at == 0 || e.find('@', at + 1) != std::string_view::npos)
    return false;
  std::string_view domain = e.substr(at + 1);
  size_t dot = domain.find('.');
  if (dot == std::string_view::npos || dot == 0 || domain.back() == '.') return false;
  return std::none_of(e.begin(), e.end(), [](char c) {
    return c == ' ' || c == '\t' || c == ',' || c == ';' || c == '<' || c == '>';
  });
}

// The CPR number as 10 digits (the dash removed), from either accepted shape.
std::string cpr_digits(std::string_view cpr) {
  std::string out;
  for (char c : cpr)
    if (c != '-') out.push_back(c);
  return out;
}

// The input after trimming and normalising, and checked. The CPR is kept apart so that
// nothing that might be logged or echoed carries it.
struct CleanDebtor {
  DebtorKind kind = DebtorKind::company;
  std::string name, name_search, cvr, customer_no, phone, mobile, email, street, postal_code, city,
      note;
  std::string cpr;  // 10 digits or ""
};

Result<CleanDebtor> clean(const DebtorInput& in) {
  CleanDebtor d;
  d.kind = in.kind;
  d.name = trim(in.name);
  d.cvr = without_spaces(in.cvr);
  std::string cpr = without_spaces(in.cpr);
  d.customer_no = trim(in.customer_no);
  d.email = trim(in.email);
  d.street = trim(in.street);
  d.postal_code = trim(in.postal_code);
  d.city = trim(in.city);
  d.note = trim(in.note);

  if (d.name.empty()) return invalid("name", "Skriv skyldnerens navn.");
  for (auto [field, value] : {std::pair<const char*, const std::string*>{"name", &d.name},
                              {"customer_no", &d.customer_no},
                              {"email", &d.email},
                              {"street", &d.street},
                              {"city", &d.city}})
    if (value->size() > kDebtorTextMax)
      return invalid(field, "Feltet må højst have " + std::to_string(kDebtorTextMax) + " tegn.");
  if (d.note.size() > kDebtorNoteMax)
    return invalid("note", "Noten må højst have " + std::to_string(kDebtorNoteMax) + " tegn.");

  if (d.kind == DebtorKind::company) {
    if (!is_valid_cvr(d.cvr))
      return invalid("cvr",
                     "Skriv et gyldigt CVR-nummer med 8 cifre. Her skal kun virksomheder med "
                     "CVR-nummer oprettes; en virksomhed uden CVR-nummer oprettes som "
                     "privatperson.");
    if (!cpr.empty()) return invalid("cpr", "En virksomhed har intet CPR-nummer.");
  } else {
    if (!d.cvr.empty())
      return invalid("cvr",
                     "En privatperson har intet CVR-nummer: opret skyldneren som "
                     "virksomhed.");
    // The message never quotes the input: it may be a CPR number with a typo.
    if (!cpr.empty() && !is_valid_cpr(cpr))
      return invalid("cpr", "Skriv et gyldigt CPR-nummer som DDMMÅÅ-XXXX.");
    if (!cpr.empty()) d.cpr = cpr_digits(cpr);
  }

  for (auto [field, raw, out] :
       {std::tuple<const char*, const std::string*, std::string*>{"phone", &in.phone, &d.phone},
        {"mobile", &in.mobile, &d.mobile}}) {
    if (trim(*raw).empty()) continue;
    *out = normalise_phone(*raw);
    if (!is_valid_phone(*out))
      return invalid(field,
                     "Skriv et dansk telefonnummer med 8 cifre, eller et udenlandsk med "
                     "landekode (fx +46 ...).");
  }
  if (!d.email.empty() && !is_valid_email(d.email))
    return invalid("email", "Skriv en gyldig e-mailadresse, fx navn@firma.dk.");
  if (!d.postal_code.empty() && !(d.postal_code.size() == 4 && all_digits(d.postal_code)))
    return invalid("postal_code", "Postnummeret skal have 4 cifre.");

  d.name_search = search_key(d.name);
  return d;
}

// The sealed CPR travels between C++ and the BLOB/BYTEA column as hex text, because SOCI 4.0
// has no portable binding for bytes (its PostgreSQL blob is a large object, not BYTEA) and
// SQLite 3.40 has no unhex(). The hex is made here from bytes, so it is safe to write into the
// SQL as a literal; it is ciphertext, not a secret.
std::string sealed_literal(Dialect dialect, const std::string& hex) {
  INKASSO_ASSERT(std::all_of(hex.begin(), hex.end(),
                             [](char c) { return is_digit(c) || (c >= 'a' && c <= 'f'); }));
  return dialect == Dialect::sqlite ? "X'" + hex + "'" : "decode('" + hex + "', 'hex')";
}

std::string sealed_hex_column(Dialect dialect) {
  return dialect == Dialect::sqlite ? "lower(hex(cpr_encrypted))" : "encode(cpr_encrypted, 'hex')";
}

// A row of `debtors` as read by kDebtorColumns.
struct DebtorRow {
  long long id = 0, account_id = 0, created_at = 0, updated_at = 0;
  std::string kind, name, cvr, cpr_masked, customer_no, phone, mobile, email, street, postal_code,
      city, note;
  soci::indicator cvr_ind = soci::i_null, masked_ind = soci::i_null;

  Debtor view() const {
    Debtor d;
    d.id = id;
    d.account_id = account_id;
    auto k = debtor_kind_from_string(kind);
    INKASSO_ASSERT(k.has_value());  // the CHECK constraint allows nothing else
    d.kind = *k;
    d.name = name;
    d.cvr = cvr_ind == soci::i_ok ? cvr : "";
    d.cpr_masked = masked_ind == soci::i_ok ? cpr_masked : "";
    d.customer_no = customer_no;
    d.phone = phone;
    d.mobile = mobile;
    d.email = email;
    d.street = street;
    d.postal_code = postal_code;
    d.city = city;
    d.note = note;
    d.created_at = created_at;
    d.updated_at = updated_at;
    return d;
  }
};

constexpr const char* kDebtorColumns =
    "id, account_id, kind, name, cvr, cpr_masked, customer_no, phone, mobile, email, street, "
    "postal_code, city, note, created_at, updated_at";

void exchange_row(soci::statement& st, DebtorRow& r) {
  st.exchange(soci::into(r.id));
  st.exchange(soci::into(r.account_id));
  st.exchange(soci::into(r.kind));
  st.exchange(soci::into(r.name));
  st.exchange(soci::into(r.cvr, r.cvr_ind));
  st.exchange(soci::into(r.cpr_masked, r.masked_ind));
  st.exchange(soci::into(r.customer_no));
  st.exchange(soci::into(r.phone));
  st.exchange(soci::into(r.mobile));
  st.exchange(soci::into(r.email));
  st.exchange(soci::into(r.street));
  st.exchange(soci::into(r.postal_code));
  st.exchange(soci::into(r.city));
  st.exchange(soci::into(r.note));
  st.exchange(soci::into(r.created_at));
  st.exchange(soci::into(r.updated_at));
}

// Runs `query` with the text parameters `params` (:p0, :p1, ... in order) and calls `on_row`
// for every row. The parameters live in a deque so their addresses stay put while bound.
template <class F>
void for_each_row(soci::session& sql, const std::string& query,
                  const std::deque<std::string>& params, F on_row) {
  DebtorRow row;
  soci::statement st(sql);
  exchange_row(st, row);
  for (const std::string& p : params) st.exchange(soci::use(p));
  st.alloc();
  st.prepare(query);
  st.define_and_bind();
  st.execute(false);
  while (st.fetch()) on_row(row);
}

Result<DebtorRow> load_row(soci::session& sql, int64_t account_id, int64_t debtor_id) {
  std::optional<DebtorRow> found;
  for_each_row(sql,
               std::string("SELECT ") + kDebtorColumns + " FROM debtors WHERE id = " +
                   std::to_string(debtor_id) + " AND account_id = " + std::to_string(account_id),
               {}, [&](const DebtorRow& r) { found = r; });
  if (!found) return not_found("Skyldneren");
  return *found;
}

// The stored CPR of a debtor, opened: "" when none is stored.
Result<std::string> open_cpr(soci::session& sql, Dialect dialect, const SecretBox& box,
                             int64_t debtor_id) {
  std::string hex;
  soci::indicator ind = soci::i_null;
  long long id = debtor_id;
  sql << "SELECT " + sealed_hex_column(dialect) + " FROM debtors WHERE id = :id", soci::use(id),
      soci::into(hex, ind);
  if (!sql.got_data() || ind != soci::i_ok) return std::string();
  return box.open(from_hex(hex).value_or(std::vector<unsigned char>{}));
}

std::string dashed_cpr(const std::string& digits10) {
  return digits10.substr(0, 6) + "-" + digits10.substr(6);
}

// Escapes LIKE's wildcards (with ESCAPE '\').
std::string like_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '%' || c == '_' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

}  // namespace

Result<int64_t> create_debtor(Database& db, const Clock& clock, const SecretBox& box,
                              const Actor& actor, int64_t account_id, const DebtorInput& input) {
  soci::session sql(db.pool());
  if (auto role = require_role(sql, account_id, actor, Role::case_handler); !role)
    return role.error();
  auto d = clean(input);
  if (!d) return d.error();

  std::string sealed = "NULL";
  std::string masked;
  soci::indicator masked_ind = soci::i_null;
  if (!d->cpr.empty()) {
    sealed = sealed_literal(db.dialect(), to_hex(box.seal(d->cpr)));
    masked = mask_cpr(d->cpr);
    masked_ind = soci::i_ok;
  }
  std::string kind(to_string(d->kind));
  soci::indicator cvr_ind = d->cvr.empty() ? soci::i_null : soci::i_ok;
  long long account = account_id, now = clock.now_unix(), id = 0;
  sql << "INSERT INTO debtors (account_id, kind, name, name_search, cvr, cpr_encrypted, "
         "cpr_masked, customer_no, phone, mobile, email, street, postal_code, city, note, "
         "created_at, updated_at) VALUES (:a, :k, :n, :ns, :cvr, " +
             sealed + ", :cm, :cno, :ph, :mo, :em, :st, :pc, :ci, :no, :ca, :ua) RETURNING id",
      soci::use(account), soci::use(kind), soci::use(d->name), soci::use(d->name_search),
      soci::use(d->cvr, cvr_ind), soci::use(masked, masked_ind), soci::use(d->customer_no),
      soci::use(d->phone), soci::use(d->mobile), soci::use(d->email), soci::use(d->street),
      soci::use(d->postal_code), soci::use(d->city), soci::use(d->note), soci::use(now),
      soci::use(now), soci::into(id);
  return static_cast<int64_t>(id);
}

Status update_debtor(Database& db, const Clock& clock, const SecretBox& box, const Actor& actor,
                     int64_t account_id, int64_t debtor_id, const DebtorInput& input) {
  soci::session sql(db.pool());
  if (auto role = require_role(sql, account_id, actor, Role::case_handler); !role)
    return role.error();
  auto d = clean(input);
  if (!d) return d.error();
  if (auto existing = load_row(sql, account_id, debtor_id); !existing) return existing.error();

  // The CPR columns: kept when the form leaves the CPR empty, replaced by a new one, and
  // cleared when the debtor is (now) a company.
  std::string cpr_set;
  std::string masked;
  if (d->kind == DebtorKind::company) {
    cpr_set = ", cpr_encrypted = NULL, cpr_masked = NULL";
  } else if (!d->cpr.empty()) {
    masked = mask_cpr(d->cpr);
    cpr_set = ", cpr_encrypted = " + sealed_literal(db.dialect(), to_hex(box.seal(d->cpr))) +
              ", cpr_masked = :cm";
  }
  std::string kind(to_string(d->kind));
  soci::indicator cvr_ind = d->cvr.empty() ? soci::i_null : soci::i_ok;
  long long now = clock.now_unix(), id = debtor_id, account = account_id;
  std::string query =
      "UPDATE debtors SET kind = :k, name = :n, name_search = :ns, cvr = :cvr, customer_no = :cno, "
      "phone = :ph, mobile = :mo, email = :em, street = :st, postal_code = :pc, city = :ci, "
      "note = :no, updated_at = :ua" +
      cpr_set + " WHERE id = :id AND account_id = :a";
  soci::statement st(sql);
  st.exchange(soci::use(kind));
  st.exchange(soci::use(d->name));
  st.exchange(soci::use(d->name_search));
  st.exchange(soci::use(d->cvr, cvr_ind));
  st.exchange(soci::use(d->customer_no));
  st.exchange(soci::use(d->phone));
  st.exchange(soci::use(d->mobile));
  st.exchange(soci::use(d->email));
  st.exchange(soci::use(d->street));
  st.exchange(soci::use(d->postal_code));
  st.exchange(soci::use(d->city));
  st.exchange(soci::use(d->note));
  st.exchange(soci::use(now));
  if (!masked.empty()) st.exchange(soci::use(masked));
  st.exchange(soci::use(id));
  st.exchange(soci::use(account));
  st.alloc();
  st.prepare(query);
  st.define_and_bind();
  st.execute(true);
  return {};
}

Result<Debtor> get_debtor(Database& db, const SecretBox& box, const Actor& actor,
                          int64_t account_id, int64_t debtor_id, bool reveal_cpr) {
  soci::session sql(db.pool());
  auto role = require_role(sql, account_id, actor, Role::guest);
  if (!role) return role.error();
  auto row = load_row(sql, account_id, debtor_id);
  if (!row) return row.error();
  Debtor d = row->view();
  if (reveal_cpr && *role >= Role::case_handler && !d.cpr_masked.empty()) {
    auto cpr = open_cpr(sql, db.dialect(), box, debtor_id);
    if (!cpr) return cpr.error();
    if (!cpr->empty()) d.cpr = dashed_cpr(*cpr);
  }
  return d;
}

Result<DebtorPage> search_debtors(Database& db, const SecretBox& box, const Actor& actor,
                                  int64_t account_id, const DebtorQuery& q) {
  soci::session sql(db.pool());
  if (auto role = require_role(sql, account_id, actor, Role::guest); !role) return role.error();
  if (q.limit < 1 || q.limit > kDebtorPageMax)
    return invalid("limit",
                   "Vis mellem 1 og " + std::to_string(kDebtorPageMax) + " skyldnere ad gangen.");
  if (q.offset < 0) return invalid("offset", "Begyndelsen kan ikke være negativ.");

  // Integers (ids, limits) are written into the SQL; everything typed is bound as :pN.
  std::deque<std::string> params;
  auto param = [&](std::string value) {
    params.push_back(std::move(value));
    return ":p" + std::to_string(params.size() - 1);
  };
  std::string where = "account_id = " + std::to_string(account_id);
  if (q.kind) where += " AND kind = " + param(std::string(to_string(*q.kind)));

  std::string text = trim(q.text);
  if (!text.empty()) {
    std::vector<std::string> any;
    any.push_back("name_search LIKE " + param("%" + like_escape(search_key(text)) + "%") +
                  " ESCAPE '\\'");
    any.push_back("customer_no = " + param(text));
    if (text.find('@') != std::string::npos)
      any.push_back("lower(email) = " + param(ascii_lower(text)));
    std::string compact = without_spaces(text);
    if (compact.size() == 8 && all_digits(compact)) any.push_back("cvr = " + param(compact));
    if (std::string phone = normalise_phone(text); phone.size() >= 6) {
      // Each placeholder once: SOCI numbers them by position on PostgreSQL.
      any.push_back("phone = " + param(phone));
      any.push_back("mobile = " + param(phone));
    }
    // CPR: the birth date part, or a whole number.
    std::string cpr = compact;
    if (cpr.size() == 7 && cpr.back() == '-') cpr.pop_back();
    if (cpr.size() == 11 && cpr[6] == '-') cpr = cpr_digits(cpr);
    if (cpr.size() == 6 && all_digits(cpr)) {
      any.push_back("cpr_masked LIKE " + param(cpr + "%"));
    } else if (cpr.size() == 10 && all_digits(cpr)) {
      // Only the debtors born that day are opened, never the whole table.
      std::string candidates_query = "SELECT id, " + sealed_hex_column(db.dialect()) +
                                     " FROM debtors WHERE account_id = :a AND cpr_masked = :m";
      long long account = account_id, id = 0;
      std::string masked = mask_cpr(cpr), hex;
      soci::indicator ind = soci::i_null;
      soci::statement st = (sql.prepare << candidates_query, soci::use(account), soci::use(masked),
                            soci::into(id), soci::into(hex, ind));
      st.execute(false);
      std::string ids;
      while (st.fetch()) {
        if (ind != soci::i_ok) continue;
        auto opened = box.open(from_hex(hex).value_or(std::vector<unsigned char>{}));
        if (!opened) return opened.error();
        if (*opened == cpr) ids += (ids.empty() ? "" : ", ") + std::to_string(id);
      }
      if (!ids.empty()) any.push_back("id IN (" + ids + ")");
    }
    where += " AND (";
    for (size_t i = 0; i < any.size(); ++i) where += (i ? " OR " : "") + any[i];
    where += ")";
  }

  DebtorPage page;
  {
    long long total = 0;
    soci::statement st(sql);
    st.exchange(soci::into(total));
    for (const std::string& p : params) st.exchange(soci::use(p));
    st.alloc();
    st.prepare("SELECT COUNT(*) FROM debtors WHERE " + where);
    st.define_and_bind();
    st.execute(true);
    page.total = total;
  }
  for_each_row(sql,
               std::string("SELECT ") + kDebtorColumns + " FROM debtors WHERE " + where +
                   " ORDER BY name_search, id LIMIT " + std::to_string(q.limit) + " OFFSET " +
                   std::to_string(q.offset),
               params, [&](const DebtorRow& r) { page.debtors.push_back(r.view()); });
  return page;
}

std::map<int64_t, Debtor> debtors_by_id(soci::session& sql, int64_t account_id,
                                        const std::vector<int64_t>& ids) {
  std::map<int64_t, Debtor> out;
  if (ids.empty()) return out;
  // The ids are numbers, so they go into the text. `+account_id`: look the ids up, not every
  // debtor of the account (see load_cases_by_ids in store/case_store.cc).
  std::string list;
  for (int64_t id : ids) {
    if (!list.empty()) list += ',';
    list += std::to_string(id);
  }
  for_each_row(sql,
               std::string("SELECT ") + kDebtorColumns + " FROM debtors WHERE id IN (" + list +
                   ") AND +account_id = " + std::to_string(account_id),
               {}, [&](const DebtorRow& r) { out.emplace(r.id, r.view()); });
  return out;
}

}  // namespace inkasso
