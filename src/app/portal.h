// The debtor portal's use cases: logging in with the case ID and the case's password or with the
// direct link printed on the letters, the portal's own sessions, and what the debtor sees.
//
// Who is who: the portal knows no users. Whoever holds a case's ID (its global id, cases.id,
// shown as "Sags-ID") and its password (generated at case creation, stored sealed, see
// app/cases.h) may read that one case. A portal session is bound to that case and grants
// nothing else; the creditor's sessions (app/sessions.h) grant nothing in the portal, and the
// other way round: the two live in different tables under different cookies.
//
// Secrets: the password is compared in constant time after opening it with the SecretBox; the
// direct link's token is a keyed BLAKE2b of the case id (see portal_direct_link_token), so it
// changes when the password changes. No function here logs, stores or returns a password or a
// token except to its caller: sessions keep only the hash of their token.
//
// Throttling: failed logins (password or link) count against "portal:<case id>" and the client
// address with the creditor login's counters (app/sessions.h); a wrong answer and a throttled
// one do not say whether the case exists.
//
// Errors: portal_error codes below (a wrong login, a throttled one), app_error::kNotFound for a
// document that is not the session's. Database failures throw (caught once per entry point).
// Thread-safety: every function borrows its own database session; call from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/context.h"
#include "app/secrets.h"
#include "app/sessions.h"
#include "core/case_model.h"
#include "core/engine.h"
#include "store/database.h"
#include "store/document_store.h"

namespace inkasso {

namespace portal_error {
// The case ID, the password or the link's token is wrong; which one is never said.
inline constexpr const char* kWrong = "portal_wrong";
// Too many failed attempts for this case or from this address within the throttling window.
inline constexpr const char* kThrottled = "portal_throttled";
}  // namespace portal_error

// A portal session ends after this long without a request (the debtor walked away from a
// shared computer), or after kPortalSessionMaxSeconds in all.
inline constexpr int64_t kPortalSessionIdleSeconds = 30 * 60;
inline constexpr int64_t kPortalSessionMaxSeconds = 8 * 3600;
// last_seen_at is written at most this often, so that most page views cost no write.
inline constexpr int64_t kPortalSessionTouchSeconds = 60;

// ---- The direct link

// The link's token for a case and its current password: 16 bytes of BLAKE2b keyed with a key
// derived from the password, over the case id, in URL-safe base64 without padding (22
// characters). Deterministic: the same case and password always give the same token, and a new
// password gives a new one (old links stop working).
std::string portal_direct_link_token(const SecretBox& box, int64_t case_id,
                                     std::string_view password);
// "/portal/adgang/<case id>-<token>": the path the letters, e-mails and SMS print after the
// installation's address.
std::string portal_direct_link_path(const SecretBox& box, int64_t case_id,
                                    std::string_view password);

// ---- Sessions (table portal_sessions, migration 0009)

struct PortalSession {
  std::string token_hash;  // hex BLAKE2b-256 of the cookie's token
  int64_t case_id = 0;
  int64_t account_id = 0;  // the case's account, read with the session
  int64_t created_at = 0;
  int64_t last_seen_at = 0;
};

struct NewPortalSession {
  std::string token;  // for the cookie only; never stored, never logged
  PortalSession session;
};

// Logs in with the case ID as typed (digits, surrounding spaces allowed) and the password as
// typed (surrounding spaces ignored). Returns a fresh session; portal_error::kWrong for an
// unknown case, a malformed ID or a wrong password (recorded as a failure),
// portal_error::kThrottled when too many attempts failed (nothing checked, nothing recorded).
Result<NewPortalSession> portal_login(Database& db, const Clock& clock, const SecretBox& box,
                                      const LoginThrottle& throttle, std::string_view case_id_text,
                                      std::string_view password, std::string_view client_address);

// Logs in with the last segment of a direct link, "<case id>-<token>"; the same answers as
// portal_login (a wrong or stale token is kWrong, never more precise).
Result<NewPortalSession> portal_login_by_link(Database& db, const Clock& clock,
                                              const SecretBox& box, const LoginThrottle& throttle,
                                              std::string_view link_segment,
                                              std::string_view client_address);

// The live session of a cookie's token, or nullopt: unknown, idle or too old (deleted then), or
// the case's password changed since the login (a new password ends every portal session of the
// case), or the case was deleted.
std::optional<PortalSession> find_portal_session(Database& db, const Clock& clock,
                                                 std::string_view token);
void end_portal_session(Database& db, std::string_view token);

// ---- What the debtor sees

struct PortalCreditor {
  std::string name;
  std::string cvr;  // empty for a private creditor
  std::string street;
  std::string postal_code;
  std::string city;
  std::string phone;
  std::string email;
  std::string bank_name;
  std::string reg_no;
  std::string account_no;
};

struct PortalDebtor {
  DebtorKind kind = DebtorKind::person;
  std::string name;
  std::string cvr;  // companies only; a person's CPR number is never shown in the portal
  std::string street;
  std::string postal_code;
  std::string city;
};

struct PortalView {
  int64_t case_id = 0;
  int64_t case_number = 0;  // the creditor's case number: the text to write on a transfer
  PortalCreditor creditor;
  PortalDebtor debtor;
  CaseState state;  // evaluated on clock.today()
  std::vector<Claim> claims;
  std::vector<CreditNote> credit_notes;
  std::vector<Payment> payments;
  // The documents sent: rendered and not withdrawn, newest first.
  std::vector<DocumentSummary> documents;
  // "+71<...+<FI creditor no.><": only when the account has an FI creditor number.
  std::optional<std::string> fi_payment_line;
};

// The case of a portal session, evaluated today.
Result<PortalView> portal_view(Database& db, const Clock& clock, const PortalSession& session);

// The same view for the creditor ("Sådan ser skyldneren sagen"): any role in the account;
// another account's case answers not_found.
Result<PortalView> portal_preview(Database& db, const Clock& clock, const Actor& actor,
                                  int64_t account_id, int64_t case_number);

struct PortalDocument {
  std::string title;
  Date letter_date;
  std::string pdf;  // the bytes
};

// A document of the session's case (rendered, not withdrawn); not_found for anything else,
// another case's document included. With count_as_opened the download is recorded as the
// debtor opening it (document_store.h record_debtor_opened).
Result<PortalDocument> portal_document(Database& db, const Clock& clock,
                                       const PortalSession& session, int64_t document_id,
                                       bool count_as_opened);

// The creditor's look at the same document from the preview: any role; never counts as opened.
Result<PortalDocument> portal_preview_document(Database& db, const Actor& actor, int64_t account_id,
                                               int64_t case_number, int64_t document_id);

}  // namespace inkasso
