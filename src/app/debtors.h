// Debtors (skyldnere) of a creditor account: create, edit, show and search.
//
// A debtor is a company, which must have a valid CVR number ("Her skal kun virksomheder med
// CVR-nummer oprettes"), or a private person, whose CPR number is optional. A company without a
// CVR number is created as a person, as the manual says.
//
// CPR numbers are sensitive personal data (legal.md). At rest a CPR number exists only sealed
// under the SecretBox key (debtors.cpr_encrypted) and masked "DDMMYY-XXXX" (debtors.cpr_masked,
// safe to show and to search by birth date). No error message, log line or search result ever
// holds one; only get_debtor with reveal_cpr, for a case handler or administrator, opens it.
//
// Authorisation: every function checks the actor's role in the account first (reading: guest;
// writing: case handler). A debtor id of another account answers not_found, exactly as an id
// that does not exist.
//
// Errors: app_error::kNotFound, kForbidden, kInvalid (with `field` = the DebtorInput member
// name, and a Danish message); "decrypt" when a stored CPR cannot be opened with this key.
// Database failures throw (soci::soci_error) and are caught at the entry point.
//
// Thread-safety: the functions borrow a session from the Database's pool; they may be called
// from any number of threads.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "app/context.h"
#include "app/secrets.h"
#include "core/case_model.h"
#include "core/result.h"
#include "core/text.h"
#include "store/database.h"

namespace inkasso {

// What the creditor types in the debtor form. Surrounding spaces are trimmed. Normalised before
// storing: CVR and CPR without spaces; phone numbers to digits (a Danish number without +45, a
// foreign one as "+" and its digits).
struct DebtorInput {
  DebtorKind kind = DebtorKind::company;
  std::string name;         // required
  std::string cvr;          // company: required, 8 digits with a valid check; person: empty
  std::string cpr;          // person only, optional: "DDMMYY-SSSS" or "DDMMYYSSSS"
  std::string customer_no;  // the creditor's own customer number
  std::string phone;
  std::string mobile;
  std::string email;
  std::string street;
  std::string postal_code;  // 4 digits when given
  std::string city;
  std::string note;
};

// A debtor as shown. `cpr_masked` is "" when no CPR is stored; `cpr` ("DDMMYY-SSSS") is set
// only by get_debtor with reveal_cpr for a case handler or administrator.
struct Debtor {
  int64_t id = 0;
  int64_t account_id = 0;
  DebtorKind kind = DebtorKind::company;
  std::string name;
  std::string cvr;
  std::string cpr_masked;
  std::optional<std::string> cpr;
  std::string customer_no;
  std::string phone;
  std::string mobile;
  std::string email;
  std::string street;
  std::string postal_code;
  std::string city;
  std::string note;
  int64_t created_at = 0;  // Unix seconds
  int64_t updated_at = 0;
};

// Limits of the form and of a page of search results.
inline constexpr size_t kDebtorTextMax = 200;   // characters (bytes of UTF-8) of a text field
inline constexpr size_t kDebtorNoteMax = 4000;  // bytes of the note
inline constexpr int kDebtorPageMax = 500;

// One search box, as in the manual ("Find en skyldner"): `text` matches, any of them,
//  - the name: a case-insensitive substring (Danish letters included: "ærø" finds "Ærø");
//  - the CVR number: exact;
//  - the CPR number: the birth date "DDMMYY" finds every debtor born that
//    day; a full number finds only that person (compared after opening the candidates born
//    that day, never all rows);
//  - the phone or mobile number: digits only, spaces and +45 ignored;
//  - the e-mail address: exact, case-insensitive;
//  - the customer number: exact.
// An empty text lists every debtor. `kind` narrows to companies or persons. Results are sorted
// by name; `limit` is 1..kDebtorPageMax, `offset` >= 0.
struct DebtorQuery {
  std::string text;
  std::optional<DebtorKind> kind;
  int limit = 50;
  int offset = 0;
};

// One page of a search: the debtors (never with `cpr` set) and how many match in all.
struct DebtorPage {
  std::vector<Debtor> debtors;
  int64_t total = 0;
};

// Creates a debtor in the account; returns its id. Role: case handler or above.
Result<int64_t> create_debtor(Database& db, const Clock& clock, const SecretBox& box,
                              const Actor& actor, int64_t account_id, const DebtorInput& input);

// Replaces a debtor's details with `input`. An empty `input.cpr` keeps the stored CPR number
// (a form never shows it, so it cannot send it back); a new one replaces it. Changing a person
// into a company removes the CPR number. Role: case handler or above.
Status update_debtor(Database& db, const Clock& clock, const SecretBox& box, const Actor& actor,
                     int64_t account_id, int64_t debtor_id, const DebtorInput& input);

// One debtor. With reveal_cpr, a case handler or administrator also gets the full CPR number
// (a guest gets the masked one only, without an error). Role: guest or above.
Result<Debtor> get_debtor(Database& db, const SecretBox& box, const Actor& actor,
                          int64_t account_id, int64_t debtor_id, bool reveal_cpr = false);

// Searches the account's debtors (see DebtorQuery). `box` opens the CPR numbers of the
// candidates of a full-CPR search. Role: guest or above.
Result<DebtorPage> search_debtors(Database& db, const SecretBox& box, const Actor& actor,
                                  int64_t account_id, const DebtorQuery& query);

// The lower-case form of a name that search compares with: ASCII and the Latin-1 letters of
// UTF-8 (Æ Ø Å Ä Ö Ü É ...) lower-cased; everything else unchanged. Stored in
// debtors.name_search.
inline std::string debtor_search_key(std::string_view name) {
  return search_key(name);
}

// The debtors of the account with these ids (those that exist), by id, in one query; the CPR
// number masked only. For a caller that checked the actor's role (batch follow-up's letters).
std::map<int64_t, Debtor> debtors_by_id(soci::session& sql, int64_t account_id,
                                        const std::vector<int64_t>& ids);

}  // namespace inkasso
