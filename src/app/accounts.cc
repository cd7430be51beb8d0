#include "app/accounts.h"

#include "app/users.h"
#include "core/identifiers.h"
#include "core/text.h"

namespace inkasso {

namespace {

constexpr size_t kTextMaxChars = 200;
constexpr int32_t kFixedRateMaxBp = 10000;  // 100 %
constexpr int32_t kPortalMaxMonthsMax = 60;
constexpr size_t kFetchBatch = 100;

bool all_digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

std::string_view to_string(AccountKind k) {
  return k == AccountKind::company ? "company" : "person";
}

Role role_of(const std::string& s) {
  auto r = role_from_string(s);
  INKASSO_ASSERT(r.has_value());
  return *r;
}

// The master data of either kind of account, normalised (trimmed, numbers without spaces).
struct MasterData {
  AccountKind kind = AccountKind::company;
  std::string name, cvr, email, phone;
  bool vat_registered = false;
  std::string street, postal_code, city, bank_name, reg_no, account_no;
  std::string fi_creditor_no;  // "" = none
};

MasterData normalised(AccountKind kind, std::string_view name, std::string_view cvr,
                      std::string_view email, std::string_view phone, bool vat_registered,
                      std::string_view street, std::string_view postal_code, std::string_view city,
                      std::string_view bank_name, std::string_view reg_no,
                      std::string_view account_no, const std::optional<std::string>& fi) {
  MasterData d;
  d.kind = kind;
  d.name = trim(name);
  d.cvr = without_spaces(trim(cvr));
  d.email = trim(email);
  d.phone = trim(phone);
  d.vat_registered = vat_registered;
  d.street = trim(street);
  d.postal_code = without_spaces(trim(postal_code));
  d.city = trim(city);
  d.bank_name = trim(bank_name);
  d.reg_no = without_spaces(trim(reg_no));
  d.account_no = without_spaces(trim(account_no));
  d.fi_creditor_no = fi ? without_spaces(trim(*fi)) : std::string();
  return d;
}

Status check_text(const std::string& value, const char* field, const char* missing) {
  if (value.empty()) return invalid(field, missing);
  if (utf8_length(value) > kTextMaxChars)
    return invalid(field, "Feltet må højst være " + std::to_string(kTextMaxChars) + " tegn.");
  return {};
}

bool plausible_phone(std::string_view phone) {
  size_t digits = 0;
  for (size_t i = 0; i < phone.size(); ++i) {
    char c = phone[i];
    if (c >= '0' && c <= '9')
      ++digits;
    else if (!(c == ' ' || c == '-' || (c == '+' && i == 0)))
      return false;
  }
  return digits >= 8 && digits <= 15;
}

// Checks every field and lower-cases the e-mail. The CVR is checked for a company only (an
// update checks it against the stored one instead; see update_account).
Status check_master_data(MasterData& d, bool check_cvr) {
  if (auto s = check_text(d.name, "name", "Skriv kontoens navn."); !s) return s;
  if (check_cvr && d.kind == AccountKind::company) {
    if (d.cvr.empty()) return invalid("cvr", "Skriv virksomhedens CVR-nummer.");
    if (!is_valid_cvr(d.cvr))
      return invalid("cvr", "CVR-nummeret er ikke gyldigt. Det skal være 8 cifre.");
  }
  if (d.email.empty()) return invalid("email", "Skriv en e-mailadresse.");
  auto email = normalize_email(d.email);
  if (!email) return invalid("email", "Skriv en gyldig e-mailadresse.");
  d.email = *email;
  if (d.phone.empty()) return invalid("phone", "Skriv et telefonnummer.");
  if (!plausible_phone(d.phone))
    return invalid("phone", "Skriv et gyldigt telefonnummer (8 til 15 cifre).");
  if (auto s = check_text(d.street, "street", "Skriv vej og husnummer."); !s) return s;
  if (d.postal_code.size() != 4 || !all_digits(d.postal_code))
    return invalid("postal_code", "Postnummeret skal være 4 cifre.");
  if (auto s = check_text(d.city, "city", "Skriv bynavnet."); !s) return s;
  if (auto s = check_text(d.bank_name, "bank_name", "Skriv bankens navn."); !s) return s;
  if (d.reg_no.size() != 4 || !all_digits(d.reg_no))
    return invalid("reg_no", "Registreringsnummeret skal være 4 cifre.");
  if (d.account_no.empty() || d.account_no.size() > 10 || !all_digits(d.account_no))
    return invalid("account_no", "Kontonummeret skal være 1 til 10 cifre.");
  if (!d.fi_creditor_no.empty() && (d.fi_creditor_no.size() != 8 || !all_digits(d.fi_creditor_no)))
    return invalid("fi_creditor_no", "FI-kreditornummeret skal være 8 cifre.");
  return {};
}

Result<int64_t> create_account(Database& db, const Clock& clock, const Actor& actor, MasterData d) {
  if (auto s = check_master_data(d, true); !s) return s.error();
  soci::session sql(db.pool());
  long long user = actor.user_id, exists = 0;
  sql << "SELECT id FROM users WHERE id = :u", soci::use(user), soci::into(exists);
  if (!sql.got_data()) return not_found("Brugeren");

  std::string kind(to_string(d.kind)), admin(to_string(Role::administrator));
  soci::indicator cvr_ind = d.kind == AccountKind::company ? soci::i_ok : soci::i_null;
  soci::indicator fi_ind = d.fi_creditor_no.empty() ? soci::i_null : soci::i_ok;
  int vat = d.vat_registered ? 1 : 0;
  long long now = clock.now_unix(), id = 0;
  soci::transaction tr(sql);
  sql << "INSERT INTO accounts (kind, name, cvr, vat_registered, street, postal_code, city, "
         "phone, email, bank_name, reg_no, account_no, fi_creditor_no, created_at) VALUES "
         "(:k, :n, :c, :v, :s, :p, :ci, :ph, :e, :b, :r, :a, :f, :t) RETURNING id",
      soci::use(kind), soci::use(d.name), soci::use(d.cvr, cvr_ind), soci::use(vat),
      soci::use(d.street), soci::use(d.postal_code), soci::use(d.city), soci::use(d.phone),
      soci::use(d.email), soci::use(d.bank_name), soci::use(d.reg_no), soci::use(d.account_no),
      soci::use(d.fi_creditor_no, fi_ind), soci::use(now), soci::into(id);
  sql << "INSERT INTO memberships (account_id, user_id, role, created_at) "
         "VALUES (:a, :u, :r, :t)",
      soci::use(id), soci::use(user), soci::use(admin), soci::use(now);
  tr.commit();
  return static_cast<int64_t>(id);
}

// Serialises the writers of one account's memberships until the transaction ends: PostgreSQL
// locks the row; SQLite takes the database's write lock now rather than at the first change, so
// a concurrent writer waits (busy timeout) instead of reading a state that is about to change.
void lock_account(soci::session& sql, Database& db, long long account) {
  if (db.dialect() == Dialect::postgresql) {
    long long id = 0;
    sql << "SELECT id FROM accounts WHERE id = :a FOR UPDATE", soci::use(account), soci::into(id);
  } else {
    sql << "UPDATE accounts SET id = id WHERE id = :a", soci::use(account);
  }
}

int count_administrators(soci::session& sql, long long account) {
  int n = 0;
  std::string admin(to_string(Role::administrator));
  sql << "SELECT COUNT(*) FROM memberships WHERE account_id = :a AND role = :r", soci::use(account),
      soci::use(admin), soci::into(n);
  return n;
}

Error last_administrator(const char* field) {
  return invalid(field,
                 "Kontoen skal altid have mindst én administrator. Giv en anden bruger rollen "
                 "administrator først.");
}

}  // namespace

Result<int64_t> create_company_account(Database& db, const Clock& clock, const Actor& actor,
                                       const CompanyAccount& f) {
  return create_account(
      db, clock, actor,
      normalised(AccountKind::company, f.name, f.cvr, f.email, f.phone, f.vat_registered, f.street,
                 f.postal_code, f.city, f.bank_name, f.reg_no, f.account_no, f.fi_creditor_no));
}

Result<int64_t> create_private_account(Database& db, const Clock& clock, const Actor& actor,
                                       const PrivateAccount& f) {
  return create_account(
      db, clock, actor,
      normalised(AccountKind::person, f.name, "", f.email, f.phone, false, f.street, f.postal_code,
                 f.city, f.bank_name, f.reg_no, f.account_no, f.fi_creditor_no));
}

Result<Account> get_account(Database& db, const Actor& actor, int64_t account_id) {
  soci::session sql(db.pool());
  auto role = require_role(sql, account_id, actor, Role::guest);
  if (!role) return role.error();
  Account a;
  std::string kind, fi, track, interest_kind, interest_from;
  soci::indicator fi_ind = soci::i_null;
  int vat = 0, rate = 0, months = 0;
  long long id = account_id, min_ore = 0, created = 0;
  sql << "SELECT kind, name, COALESCE(cvr, ''), email, phone, vat_registered, street, "
         "postal_code, city, bank_name, reg_no, account_no, fi_creditor_no, default_track, "
         "default_interest_kind, default_interest_from, default_fixed_rate_bp, "
         "portal_max_months, portal_min_instalment_ore, created_at FROM accounts WHERE id = :a",
      soci::use(id), soci::into(kind), soci::into(a.name), soci::into(a.cvr), soci::into(a.email),
      soci::into(a.phone), soci::into(vat), soci::into(a.street), soci::into(a.postal_code),
      soci::into(a.city), soci::into(a.bank_name), soci::into(a.reg_no), soci::into(a.account_no),
      soci::into(fi, fi_ind), soci::into(track), soci::into(interest_kind),
      soci::into(interest_from), soci::into(rate), soci::into(months), soci::into(min_ore),
      soci::into(created);
  if (!sql.got_data()) return not_found("Kontoen");
  a.id = account_id;
  a.kind = kind == "company" ? AccountKind::company : AccountKind::person;
  a.vat_registered = vat != 0;
  if (fi_ind == soci::i_ok && !fi.empty()) a.fi_creditor_no = fi;
  auto t = track_from_string(track);
  auto ik = interest_kind_from_string(interest_kind);
  auto from = interest_start_from_string(interest_from);
  INKASSO_ASSERT(t && ik && from);  // only this file writes them, from the enums
  a.case_defaults = CaseDefaults{*t, *ik, *from, rate};
  a.portal_limits = PortalLimits{months, Money::from_ore(min_ore)};
  a.created_at = created;
  a.role = *role;
  return a;
}

std::vector<AccountSummary> list_accounts_of_user(Database& db, const Actor& actor) {
  soci::session sql(db.pool());
  long long user = actor.user_id;
  std::vector<long long> ids(kFetchBatch);
  std::vector<std::string> kinds(kFetchBatch), names(kFetchBatch), cvrs(kFetchBatch),
      roles(kFetchBatch);
  soci::statement st = (sql.prepare << "SELECT a.id, a.kind, a.name, COALESCE(a.cvr, ''), m.role "
                                       "FROM memberships m JOIN accounts a ON a.id = m.account_id "
                                       "WHERE m.user_id = :u ORDER BY a.name, a.id",
                        soci::use(user), soci::into(ids), soci::into(kinds), soci::into(names),
                        soci::into(cvrs), soci::into(roles));
  std::vector<AccountSummary> out;
  st.execute();
  while (st.fetch()) {
    for (size_t i = 0; i < ids.size(); ++i)
      out.push_back(
          AccountSummary{ids[i], kinds[i] == "company" ? AccountKind::company : AccountKind::person,
                         names[i], cvrs[i], role_of(roles[i])});
    ids.resize(kFetchBatch), kinds.resize(kFetchBatch), names.resize(kFetchBatch),
        cvrs.resize(kFetchBatch), roles.resize(kFetchBatch);
  }
  return out;
}

Status update_account(Database& db, const Actor& actor, int64_t account_id,
                      const AccountUpdate& f) {
  soci::session sql(db.pool());
  auto role = require_role(sql, account_id, actor, Role::administrator);
  if (!role) return role.error();
  long long id = account_id;
  std::string kind_text, stored_cvr;
  sql << "SELECT kind, COALESCE(cvr, '') FROM accounts WHERE id = :a", soci::use(id),
      soci::into(kind_text), soci::into(stored_cvr);
  if (!sql.got_data()) return not_found("Kontoen");
  AccountKind kind = kind_text == "company" ? AccountKind::company : AccountKind::person;

  MasterData d =
      normalised(kind, f.name, f.cvr, f.email, f.phone, f.vat_registered, f.street, f.postal_code,
                 f.city, f.bank_name, f.reg_no, f.account_no, f.fi_creditor_no);
  if (!d.cvr.empty() && d.cvr != stored_cvr)
    return invalid("cvr", kind == AccountKind::company
                              ? "CVR-nummeret kan ikke ændres, når kontoen er oprettet."
                              : "En privat konto har intet CVR-nummer. Opret en "
                                "virksomhedskonto i stedet.");
  if (kind == AccountKind::person && d.vat_registered)
    return invalid("vat_registered", "En privat konto kan ikke være momsregistreret.");
  if (auto s = check_master_data(d, false); !s) return s;

  soci::indicator fi_ind = d.fi_creditor_no.empty() ? soci::i_null : soci::i_ok;
  int vat = d.vat_registered ? 1 : 0;
  sql << "UPDATE accounts SET name = :n, vat_registered = :v, street = :s, postal_code = :p, "
         "city = :c, phone = :ph, email = :e, bank_name = :b, reg_no = :r, account_no = :an, "
         "fi_creditor_no = :f WHERE id = :a",
      soci::use(d.name), soci::use(vat), soci::use(d.street), soci::use(d.postal_code),
      soci::use(d.city), soci::use(d.phone), soci::use(d.email), soci::use(d.bank_name),
      soci::use(d.reg_no), soci::use(d.account_no), soci::use(d.fi_creditor_no, fi_ind),
      soci::use(id);
  return {};
}

Status update_case_defaults(Database& db, const Actor& actor, int64_t account_id,
                            const CaseDefaults& defaults) {
  int rate = 0;
  if (defaults.interest_kind == InterestKind::fixed) {
    if (defaults.fixed_rate_bp <= 0 || defaults.fixed_rate_bp > kFixedRateMaxBp)
      return invalid("fixed_rate", "Den faste rente skal være over 0 % og højst 100 % om året.");
    rate = defaults.fixed_rate_bp;
  }
  soci::session sql(db.pool());
  auto role = require_role(sql, account_id, actor, Role::administrator);
  if (!role) return role.error();
  long long id = account_id;
  std::string track(to_string(defaults.track)), kind(to_string(defaults.interest_kind)),
      from(to_string(defaults.interest_from));
  sql << "UPDATE accounts SET default_track = :t, default_interest_kind = :k, "
         "default_interest_from = :f, default_fixed_rate_bp = :r WHERE id = :a",
      soci::use(track), soci::use(kind), soci::use(from), soci::use(rate), soci::use(id);
  return {};
}

Status update_portal_limits(Database& db, const Actor& actor, int64_t account_id,
                            const PortalLimits& limits) {
  if (limits.max_months < 1 || limits.max_months > kPortalMaxMonthsMax)
    return invalid("max_months", "Det højeste antal måneder skal være mellem 1 og " +
                                     std::to_string(kPortalMaxMonthsMax) + ".");
  if (limits.min_instalment.is_negative() || limits.min_instalment.ore() > Money::kMaxAbsOre)
    return invalid("min_instalment", "Den mindste ydelse kan ikke være negativ.");
  soci::session sql(db.pool());
  auto role = require_role(sql, account_id, actor, Role::administrator);
  if (!role) return role.error();
  long long id = account_id, min_ore = limits.min_instalment.ore();
  int months = limits.max_months;
  sql << "UPDATE accounts SET portal_max_months = :m, portal_min_instalment_ore = :o "
         "WHERE id = :a",
      soci::use(months), soci::use(min_ore), soci::use(id);
  return {};
}

Result<AttachOutcome> attach_user(Database& db, const Clock& clock, const Actor& admin,
                                  int64_t account_id, std::string_view email_input, Role role) {
  soci::session sql(db.pool());
  long long account = account_id, inviter = admin.user_id, now = clock.now_unix();
  std::string role_text(to_string(role));
  soci::transaction tr(sql);
  lock_account(sql, db, account);
  auto actor_role = require_role(sql, account_id, admin, Role::administrator);
  if (!actor_role) return actor_role.error();
  auto email = normalize_email(email_input);
  if (!email) return invalid("email", "Skriv en gyldig e-mailadresse.");

  long long user = 0;
  sql << "SELECT id FROM users WHERE email = :e", soci::use(*email), soci::into(user);
  if (sql.got_data()) {
    int members = 0;
    sql << "SELECT COUNT(*) FROM memberships WHERE account_id = :a AND user_id = :u",
        soci::use(account), soci::use(user), soci::into(members);
    if (members > 0)
      return make_error(app_error::kDuplicate, "Brugeren er allerede tilknyttet kontoen.", "email");
    sql << "INSERT INTO memberships (account_id, user_id, role, created_at) "
           "VALUES (:a, :u, :r, :t)",
        soci::use(account), soci::use(user), soci::use(role_text), soci::use(now);
    tr.commit();
    return AttachOutcome::attached;
  }
  int pending = 0;
  sql << "SELECT COUNT(*) FROM invitations WHERE account_id = :a AND email = :e "
         "AND accepted_at IS NULL",
      soci::use(account), soci::use(*email), soci::into(pending);
  if (pending > 0)
    return make_error(app_error::kDuplicate,
                      "Der er allerede en invitation til denne e-mailadresse. Brugeren bliver "
                      "tilknyttet, når vedkommende opretter sig.",
                      "email");
  sql << "INSERT INTO invitations (account_id, email, role, invited_by, created_at) "
         "VALUES (:a, :e, :r, :i, :t)",
      soci::use(account), soci::use(*email), soci::use(role_text), soci::use(inviter),
      soci::use(now);
  tr.commit();
  return AttachOutcome::invited;
}

Result<Members> list_members(Database& db, const Actor& admin, int64_t account_id) {
  soci::session sql(db.pool());
  auto role = require_role(sql, account_id, admin, Role::administrator);
  if (!role) return role.error();
  long long account = account_id;
  Members out;
  {
    std::vector<long long> ids(kFetchBatch);
    std::vector<std::string> firsts(kFetchBatch), lasts(kFetchBatch), emails(kFetchBatch),
        roles(kFetchBatch);
    soci::statement st =
        (sql.prepare << "SELECT u.id, u.first_name, u.last_name, u.email, m.role "
                        "FROM memberships m JOIN users u ON u.id = m.user_id "
                        "WHERE m.account_id = :a ORDER BY u.last_name, u.first_name, u.id",
         soci::use(account), soci::into(ids), soci::into(firsts), soci::into(lasts),
         soci::into(emails), soci::into(roles));
    st.execute();
    while (st.fetch()) {
      for (size_t i = 0; i < ids.size(); ++i)
        out.members.push_back(Member{ids[i], firsts[i], lasts[i], emails[i], role_of(roles[i])});
      ids.resize(kFetchBatch), firsts.resize(kFetchBatch), lasts.resize(kFetchBatch),
          emails.resize(kFetchBatch), roles.resize(kFetchBatch);
    }
  }
  {
    std::vector<long long> ids(kFetchBatch), created(kFetchBatch);
    std::vector<std::string> emails(kFetchBatch), roles(kFetchBatch);
    soci::statement st =
        (sql.prepare << "SELECT id, email, role, created_at FROM invitations "
                        "WHERE account_id = :a AND accepted_at IS NULL ORDER BY id",
         soci::use(account), soci::into(ids), soci::into(emails), soci::into(roles),
         soci::into(created));
    st.execute();
    while (st.fetch()) {
      for (size_t i = 0; i < ids.size(); ++i)
        out.invitations.push_back(
            PendingInvitation{ids[i], emails[i], role_of(roles[i]), created[i]});
      ids.resize(kFetchBatch), emails.resize(kFetchBatch), roles.resize(kFetchBatch),
          created.resize(kFetchBatch);
    }
  }
  return out;
}

Status set_role(Database& db, const Actor& admin, int64_t account_id, int64_t user_id, Role role) {
  soci::session sql(db.pool());
  long long account = account_id, user = user_id;
  soci::transaction tr(sql);
  lock_account(sql, db, account);
  auto actor_role = require_role(sql, account_id, admin, Role::administrator);
  if (!actor_role) return actor_role.error();
  auto current = role_in_account(sql, account_id, Actor{user_id});
  if (!current) return not_found("Brugeren");
  if (*current == role) return {};
  if (*current == Role::administrator && count_administrators(sql, account) <= 1)
    return last_administrator("role");
  std::string role_text(to_string(role));
  sql << "UPDATE memberships SET role = :r WHERE account_id = :a AND user_id = :u",
      soci::use(role_text), soci::use(account), soci::use(user);
  tr.commit();
  return {};
}

Status remove_member(Database& db, const Actor& admin, int64_t account_id, int64_t user_id) {
  soci::session sql(db.pool());
  long long account = account_id, user = user_id;
  soci::transaction tr(sql);
  lock_account(sql, db, account);
  auto actor_role = require_role(sql, account_id, admin, Role::administrator);
  if (!actor_role) return actor_role.error();
  auto current = role_in_account(sql, account_id, Actor{user_id});
  if (!current) return not_found("Brugeren");
  if (*current == Role::administrator && count_administrators(sql, account) <= 1)
    return last_administrator("");
  sql << "DELETE FROM memberships WHERE account_id = :a AND user_id = :u", soci::use(account),
      soci::use(user);
  tr.commit();
  return {};
}

}  // namespace inkasso
