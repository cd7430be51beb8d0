#include "app/portal.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <stdexcept>

#include "app/cases.h"
#include "core/identifiers.h"
#include "core/text.h"
#include "store/case_store.h"

namespace inkasso {

namespace {

// The key of the BLAKE2b that turns a password into the direct link's key (16..64 bytes, as
// crypto_generichash wants). Changing it changes every link already printed.
constexpr std::string_view kLinkKeyContext = "inkasso debtor portal direct link v1";
constexpr size_t kLinkTokenBytes = 16;
// The token's length in URL-safe base64 without padding.
constexpr size_t kLinkTokenChars = 22;
// A case id has at most this many digits (int64 without overflow).
constexpr size_t kCaseIdDigitsMax = 18;

void ensure_sodium() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium cannot be initialised");
}

std::string to_hex(const unsigned char* bytes, size_t size) {
  std::string out(size * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes, size);
  out.pop_back();
  return out;
}

// Hex of BLAKE2b-256 of `text`: session tokens and the sealed password are stored this way.
std::string hash_hex(std::string_view text) {
  std::array<unsigned char, 32> digest{};
  crypto_generichash(digest.data(), digest.size(),
                     reinterpret_cast<const unsigned char*>(text.data()), text.size(), nullptr, 0);
  return to_hex(digest.data(), digest.size());
}

std::optional<int64_t> parse_case_id(std::string_view text) {
  if (text.empty() || text.size() > kCaseIdDigitsMax) return std::nullopt;
  if (!std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  int64_t id = 0;
  std::from_chars(text.data(), text.data() + text.size(), id);
  if (id <= 0) return std::nullopt;
  return id;
}

// The throttling key of a case (login_allowed counts it like an e-mail address: "email:" is
// put in front, so it can never meet a creditor's e-mail, which has no "portal:" prefix and
// an "@"). Anything typed that is not a case id shares one key.
std::string throttle_key(const std::optional<int64_t>& case_id) {
  return case_id ? "portal:" + std::to_string(*case_id) : std::string("portal:-");
}

Error wrong() {
  return make_error(portal_error::kWrong, "Sags-ID eller adgangskode er forkert.");
}

Error throttled() {
  return make_error(portal_error::kThrottled,
                    "For mange forkerte forsøg. Vent et kvarter, og prøv igen.");
}

std::optional<std::vector<unsigned char>> from_hex(const std::string& hex) {
  std::vector<unsigned char> out(hex.size() / 2);
  size_t length = 0;
  if (hex.empty() || hex.size() % 2 ||
      sodium_hex2bin(out.data(), out.size(), hex.data(), hex.size(), nullptr, &length, nullptr) !=
          0 ||
      length != out.size())
    return std::nullopt;
  return out;
}

// The sealed password of a case (hex), when the case exists and has one.
std::optional<std::string> sealed_password_of(soci::session& sql, int64_t case_id) {
  long long id = case_id;
  std::string sealed;
  soci::indicator ind = soci::i_null;
  sql << "SELECT portal_password_sealed FROM cases WHERE id = :i", soci::use(id),
      soci::into(sealed, ind);
  if (!sql.got_data() || ind != soci::i_ok || sealed.empty()) return std::nullopt;
  return sealed;
}

std::optional<std::string> open_password(const SecretBox& box, const std::string& sealed_hex) {
  auto sealed = from_hex(sealed_hex);
  if (!sealed) return std::nullopt;
  auto password = box.open(*sealed);
  if (!password) return std::nullopt;
  return *password;
}

NewPortalSession create_portal_session(const Clock& clock, soci::session& sql, int64_t case_id,
                                       const std::string& sealed_hex) {
  NewPortalSession created;
  created.token = random_token();
  PortalSession& s = created.session;
  s.token_hash = hash_hex(created.token);
  s.case_id = case_id;
  s.created_at = s.last_seen_at = clock.now_unix();
  long long id = case_id, now = s.created_at, account = 0;
  long long idle_before = now - kPortalSessionIdleSeconds;
  std::string tag = hash_hex(sealed_hex);
  soci::transaction tx(sql);
  // Abandoned sessions (the debtor closed the window) are cleared here rather than by a job;
  // one still in use past its maximum age is deleted when it is next found.
  sql << "DELETE FROM portal_sessions WHERE last_seen_at < :i", soci::use(idle_before);
  sql << "INSERT INTO portal_sessions (token_hash, case_id, password_tag, created_at, "
         "last_seen_at) VALUES (:h, :c, :p, :t, :t2)",
      soci::use(s.token_hash), soci::use(id), soci::use(tag), soci::use(now), soci::use(now);
  sql << "SELECT account_id FROM cases WHERE id = :c", soci::use(id), soci::into(account);
  tx.commit();
  s.account_id = account;
  return created;
}

// Checks a password (or a link's token, by `matches`) for a case with throttling, and logs in.
template <class Matches>
Result<NewPortalSession> login(Database& db, const Clock& clock, const LoginThrottle& throttle,
                               const std::optional<int64_t>& case_id,
                               std::string_view client_address, Matches matches) {
  const std::string key = throttle_key(case_id);
  // The throttle's functions borrow their own database session: none is held meanwhile, so a
  // full pool cannot deadlock.
  if (!login_allowed(db, clock, throttle, key, client_address)) return throttled();
  std::optional<NewPortalSession> created;
  {
    soci::session sql(db.pool());
    std::optional<std::string> sealed;
    if (case_id) sealed = sealed_password_of(sql, *case_id);
    if (sealed && matches(*sealed)) created = create_portal_session(clock, sql, *case_id, *sealed);
  }
  if (!created) {
    record_login_failure(db, clock, throttle, key, client_address);
    return wrong();
  }
  clear_login_failures(db, key);
  return std::move(*created);
}

PortalCreditor load_creditor(soci::session& sql, int64_t account_id,
                             std::optional<std::string>& fi_creditor_no) {
  long long account = account_id;
  PortalCreditor c;
  std::string fi;
  soci::indicator fi_ind = soci::i_null;
  sql << "SELECT name, COALESCE(cvr, ''), street, postal_code, city, phone, email, bank_name, "
         "reg_no, account_no, fi_creditor_no FROM accounts WHERE id = :a",
      soci::use(account), soci::into(c.name), soci::into(c.cvr), soci::into(c.street),
      soci::into(c.postal_code), soci::into(c.city), soci::into(c.phone), soci::into(c.email),
      soci::into(c.bank_name), soci::into(c.reg_no), soci::into(c.account_no),
      soci::into(fi, fi_ind);
  if (fi_ind == soci::i_ok && !fi.empty()) fi_creditor_no = fi;
  return c;
}

PortalDebtor load_debtor(soci::session& sql, int64_t account_id, int64_t debtor_id) {
  long long account = account_id, id = debtor_id;
  PortalDebtor d;
  std::string kind;
  sql << "SELECT kind, name, COALESCE(cvr, ''), street, postal_code, city FROM debtors "
         "WHERE id = :d AND account_id = :a",
      soci::use(id), soci::use(account), soci::into(kind), soci::into(d.name), soci::into(d.cvr),
      soci::into(d.street), soci::into(d.postal_code), soci::into(d.city);
  d.kind = debtor_kind_from_string(kind).value_or(DebtorKind::person);
  if (d.kind != DebtorKind::company) d.cvr.clear();
  return d;
}

// Everything but the evaluation, for a case already loaded and authorised.
PortalView build_view(soci::session& sql, const StoredCase& c, CaseState state) {
  PortalView v;
  v.case_id = c.id;
  v.case_number = c.number;
  std::optional<std::string> fi_creditor_no;
  v.creditor = load_creditor(sql, c.account_id, fi_creditor_no);
  v.debtor = load_debtor(sql, c.account_id, c.debtor_id);
  v.state = std::move(state);
  v.claims = c.history.claims;
  v.credit_notes = c.history.credit_notes;
  v.payments = c.history.payments;
  for (DocumentSummary& d : list_case_documents(sql, c.account_id, c.id))
    if (d.rendered && !d.withdrawn) v.documents.push_back(std::move(d));
  std::reverse(v.documents.begin(), v.documents.end());
  if (fi_creditor_no) {
    // A creditor number the account form let through but the payment line refuses shows no
    // line rather than a wrong one.
    auto line = fi_payment_line(static_cast<uint64_t>(c.number), *fi_creditor_no);
    if (line) v.fi_payment_line = *line;
  }
  return v;
}

// A document of the case, rendered and not withdrawn, with its PDF.
Result<PortalDocument> load_case_document(soci::session& sql, int64_t account_id, int64_t case_id,
                                          int64_t document_id) {
  auto d = find_document(sql, account_id, document_id);
  if (!d || d->case_id != case_id || !d->rendered || d->withdrawn) return not_found("Dokumentet");
  auto pdf = load_document_pdf(sql, account_id, document_id);
  if (!pdf) return not_found("Dokumentet");
  return PortalDocument{d->title, d->letter_date, std::move(*pdf)};
}

}  // namespace

std::string portal_direct_link_token(const SecretBox& box, int64_t case_id,
                                     std::string_view password) {
  // The token is keyed by the password, the one secret of the case, so a new password makes
  // the old links worthless, and by a key of the installation (derived from the SecretBox), so
  // that neither a guessed password nor a copy of the database alone makes a link.
  ensure_sodium();
  std::array<unsigned char, 32> installation = box.derive_key(kLinkKeyContext);
  std::array<unsigned char, 32> key{};
  crypto_generichash(key.data(), key.size(),
                     reinterpret_cast<const unsigned char*>(password.data()), password.size(),
                     installation.data(), installation.size());
  sodium_memzero(installation.data(), installation.size());
  const std::string message = "case:" + std::to_string(case_id);
  std::array<unsigned char, kLinkTokenBytes> mac{};
  crypto_generichash(mac.data(), mac.size(), reinterpret_cast<const unsigned char*>(message.data()),
                     message.size(), key.data(), key.size());
  sodium_memzero(key.data(), key.size());
  constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::array<char, sodium_base64_ENCODED_LEN(kLinkTokenBytes, kVariant)> text{};
  sodium_bin2base64(text.data(), text.size(), mac.data(), mac.size(), kVariant);
  return std::string(text.data());
}

std::string portal_direct_link_path(const SecretBox& box, int64_t case_id,
                                    std::string_view password) {
  return "/portal/adgang/" + std::to_string(case_id) + "-" +
         portal_direct_link_token(box, case_id, password);
}

Result<NewPortalSession> portal_login(Database& db, const Clock& clock, const SecretBox& box,
                                      const LoginThrottle& throttle, std::string_view case_id_text,
                                      std::string_view password, std::string_view client_address) {
  const auto case_id = parse_case_id(trim(case_id_text));
  const std::string typed = trim(password);
  return login(db, clock, throttle, case_id, client_address, [&](const std::string& sealed) {
    auto stored = open_password(box, sealed);
    return stored && tokens_equal(typed, *stored);
  });
}

Result<NewPortalSession> portal_login_by_link(Database& db, const Clock& clock,
                                              const SecretBox& box, const LoginThrottle& throttle,
                                              std::string_view link_segment,
                                              std::string_view client_address) {
  // "<case id>-<token>": the id has no '-', the token may.
  const size_t dash = link_segment.find('-');
  std::optional<int64_t> case_id;
  std::string_view token;
  if (dash != std::string_view::npos) {
    case_id = parse_case_id(link_segment.substr(0, dash));
    token = link_segment.substr(dash + 1);
  }
  if (token.size() != kLinkTokenChars) case_id.reset();  // wrong, and counted as such
  return login(db, clock, throttle, case_id, client_address, [&](const std::string& sealed) {
    auto stored = open_password(box, sealed);
    return stored && tokens_equal(token, portal_direct_link_token(box, *case_id, *stored));
  });
}

std::optional<PortalSession> find_portal_session(Database& db, const Clock& clock,
                                                 std::string_view token) {
  if (token.empty() || token.size() > 100) return std::nullopt;
  PortalSession s;
  s.token_hash = hash_hex(token);
  soci::session sql(db.pool());
  long long case_id = 0, account_id = 0, created_at = 0, last_seen_at = 0;
  std::string tag, sealed;
  soci::indicator sealed_ind = soci::i_null;
  sql << "SELECT s.case_id, s.password_tag, s.created_at, s.last_seen_at, c.account_id, "
         "c.portal_password_sealed FROM portal_sessions s JOIN cases c ON c.id = s.case_id "
         "WHERE s.token_hash = :h",
      soci::use(s.token_hash), soci::into(case_id), soci::into(tag), soci::into(created_at),
      soci::into(last_seen_at), soci::into(account_id), soci::into(sealed, sealed_ind);
  if (!sql.got_data()) return std::nullopt;
  const int64_t now = clock.now_unix();
  const bool password_changed = sealed_ind != soci::i_ok || hash_hex(sealed) != tag;
  if (password_changed || now - last_seen_at > kPortalSessionIdleSeconds ||
      now - created_at > kPortalSessionMaxSeconds) {
    sql << "DELETE FROM portal_sessions WHERE token_hash = :h", soci::use(s.token_hash);
    return std::nullopt;
  }
  if (now - last_seen_at > kPortalSessionTouchSeconds) {
    long long now_ll = now;
    sql << "UPDATE portal_sessions SET last_seen_at = :t WHERE token_hash = :h", soci::use(now_ll),
        soci::use(s.token_hash);
    last_seen_at = now;
  }
  s.case_id = case_id;
  s.account_id = account_id;
  s.created_at = created_at;
  s.last_seen_at = last_seen_at;
  return s;
}

void end_portal_session(Database& db, std::string_view token) {
  if (token.empty() || token.size() > 100) return;
  std::string h = hash_hex(token);
  soci::session sql(db.pool());
  sql << "DELETE FROM portal_sessions WHERE token_hash = :h", soci::use(h);
}

Result<PortalView> portal_view(Database& db, const Clock& clock, const PortalSession& session) {
  soci::session sql(db.pool());
  auto c = load_case_by_id(sql, session.account_id, session.case_id);
  if (!c) return not_found("Sagen");
  auto state = evaluate(c->history, clock.today());
  if (!state) return state.error();
  return build_view(sql, *c, std::move(*state));
}

Result<PortalView> portal_preview(Database& db, const Clock& clock, const Actor& actor,
                                  int64_t account_id, int64_t case_number) {
  auto v = get_case(db, clock, actor, account_id, case_number);
  if (!v) return v.error();
  soci::session sql(db.pool());
  return build_view(sql, v->stored, std::move(v->state));
}

Result<PortalDocument> portal_document(Database& db, const Clock& clock,
                                       const PortalSession& session, int64_t document_id,
                                       bool count_as_opened) {
  soci::session sql(db.pool());
  auto d = load_case_document(sql, session.account_id, session.case_id, document_id);
  if (d && count_as_opened)
    record_debtor_opened(sql, session.account_id, document_id, clock.now_unix());
  return d;
}

Result<PortalDocument> portal_preview_document(Database& db, const Actor& actor, int64_t account_id,
                                               int64_t case_number, int64_t document_id) {
  soci::session sql(db.pool());
  if (auto role = require_role(sql, account_id, actor, Role::guest); !role) return role.error();
  long long account = account_id, number = case_number, case_id = 0;
  sql << "SELECT id FROM cases WHERE account_id = :a AND number = :n", soci::use(account),
      soci::use(number), soci::into(case_id);
  if (!sql.got_data()) return not_found("Sagen");
  return load_case_document(sql, account_id, case_id, document_id);
}

}  // namespace inkasso
