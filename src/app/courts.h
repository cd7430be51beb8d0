// Court districts and the filing of court documents (issue 5).
//
// The installation keeps a table of the 24 district courts (retskredse, migration 0012): the
// address a payment order (betalingspåkrav) or enforcement request (fogedrekvisition) is
// addressed to, the court's e-mail, and how that court takes such documents: on the courts'
// portal (minretssag.dk) or by e-mail. Only an operator of the installation
// (users.h is_installation_operator) edits it; reading it needs nothing (public facts).
// A postal code maps to the courts whose district it reaches: one when the code alone decides,
// several when the address must decide (then the creditor chooses).
//
// Filing a court document records it on the case as a sending of the document
// (dispatch_store.h): by e-mail, a `court_email` row to the court's address with a copy to the
// creditor (the dispatch worker sends it with the PDF attached and the creditor on Cc); via the
// portal, the creditor files the PDF on minretssag.dk and confirms the date, a `court_portal`
// row marked sent on that date. Either shows on the case's timeline.
//
// Errors: app_error codes (context.h) with Danish messages and the form field; refusals of a
// filing carry the codes below. Database failures throw (caught once per entry point).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <soci/soci.h>

#include "app/context.h"
#include "app/secrets.h"
#include "docs/letter_data.h"
#include "store/database.h"
#include "store/dispatch_store.h"
#include "store/document_store.h"

namespace inkasso {

// How a court takes payment orders and enforcement requests.
enum class FilingMethod { portal, email };
std::string_view to_string(FilingMethod m);  // "portal", "email" (the SQL spelling)
std::optional<FilingMethod> filing_method_from_string(std::string_view s);

// The courts' own portal, where a creditor files when the court takes no e-mail.
inline constexpr const char* kCourtPortalUrl = "https://minretssag.dk";

struct CourtDistrict {
  int64_t id = 0;
  std::string name;  // "Retten i Aarhus"
  std::string street;
  std::string postal_code;
  std::string city;
  std::string email;
  std::string phone;  // "" when unknown
  FilingMethod filing_method = FilingMethod::portal;
  std::string note;  // Danish, for operators and creditors; "" for none
  // The court's bank account for court fees (retsafgift), as its page on domstol.dk gives it;
  // both "" when unknown (court_fees.h). reg.nr. 4 digits, kontonr. up to 10.
  std::string fee_reg_no;
  std::string fee_account_no;
  int64_t updated_at = 0;  // Unix seconds; 0: as seeded by the migration
  int64_t updated_by = 0;  // user id; 0: as seeded
};

// What an operator may change. The name is fixed (the district courts are set by law, and the
// postal-code table refers to them).
struct CourtDistrictInput {
  std::string street;
  std::string postal_code;
  std::string city;
  std::string email;
  std::string phone;
  std::string filing_method;  // "portal" or "email", as the form posts it
  std::string note;
  std::string fee_reg_no;  // both empty, or a valid account (bank_account.h); spaces removed
  std::string fee_account_no;
};

inline constexpr size_t kCourtTextMax = 200;   // bytes of UTF-8 of a text field
inline constexpr size_t kCourtNoteMax = 1000;  // bytes of the note

// All courts, by name (Danish collation is not needed: the names sort well as bytes except for
// "Københavns Byret", which comes first; callers show them in this order).
std::vector<CourtDistrict> list_court_districts(Database& db);
std::optional<CourtDistrict> get_court_district(Database& db, int64_t id);

// Changes a court's details. Only an operator of the installation (forbidden, with a Danish
// reason, otherwise); not_found for an unknown id; invalid with the field ("street",
// "postal_code", "city", "email", "phone", "filing_method", "note", "fee_reg_no",
// "fee_account_no") and nothing changed. The e-mail is stored trimmed and lower-case.
Status update_court_district(Database& db, const Clock& clock, const Actor& actor, int64_t id,
                             const CourtDistrictInput& input);

// The courts whose district the postal code reaches ("8000" → Retten i Aarhus; "2000" →
// Københavns Byret and Retten på Frederiksberg), by name; empty for an unknown code. The code is
// trimmed first.
std::vector<CourtDistrict> courts_for_postal_code(soci::session& sql, std::string_view postal_code);
std::vector<CourtDistrict> courts_for_postal_code(Database& db, std::string_view postal_code);

// The court a payment order or enforcement request for a debtor with this postal code is
// addressed to, when the postal code alone decides; nullopt when it is ambiguous or unknown
// (the letter then names no court and the creditor chooses when filing). For the letter code.
std::optional<CourtInfo> court_for_debtor(soci::session& sql, std::string_view postal_code);

// ---- Filing a court document ----

// Codes of the refusals (Error::code); the messages are Danish.
namespace court_error {
inline constexpr const char* kNotCourtDocument = "not_court_document";
inline constexpr const char* kWithdrawn = "document_withdrawn";
inline constexpr const char* kNotRendered = "document_not_rendered";
inline constexpr const char* kAlreadyFiled = "already_filed";
}  // namespace court_error

// Whether a document of this kind (documents.kind) goes to a court.
bool is_court_document_kind(std::string_view kind);

// What the filing page shows for a court document of the case.
struct CourtFilingView {
  int64_t case_number = 0;
  DocumentSummary document;
  std::string debtor_name;
  std::string debtor_postal_code;
  std::string creditor_email;                 // the creditor's copy of an e-mail filing goes here
  std::string court_on_document;              // the court the PDF is addressed to, "" when none
  std::vector<CourtDistrict> candidates;      // the courts of the debtor's postal code
  std::optional<int64_t> suggested_court_id;  // the court on the document, else the only candidate
  std::vector<CourtDistrict> all;             // every court, for a choice outside the candidates
  std::optional<DispatchRow> filing;          // the filing already made (not failed or cancelled)
  bool can_file = false;                      // the reader's role may file (case handler and up)
};

// Reading needs guest; not_found for another account's case or document, or a document of
// another case. A document that is no court document is refused (kNotCourtDocument).
Result<CourtFilingView> court_filing_view(Database& db, const SecretBox& box, const Actor& actor,
                                          int64_t account_id, int64_t case_number,
                                          int64_t document_id);

struct CourtFilingRequest {
  int64_t court_id = 0;
  // Via the portal: the day the creditor filed it on minretssag.dk (not in the future, not
  // before the document's date). Ignored for a court that takes e-mail.
  std::optional<Date> filed_on;
};

struct CourtFiling {
  int64_t dispatch_id = 0;
  Channel channel = Channel::court_portal;
  std::string court_name;
  std::string recipient;  // the court's e-mail, or its name for the portal
};

// Files the document with the chosen court, by the court's method (see the top of this file).
// Needs case_handler. Refused (nothing written): not a court document, withdrawn, not rendered
// yet, already filed (a failed or cancelled filing does not count). invalid: "court" unknown,
// "filed_on" missing or out of range, "email" when the creditor has no e-mail for the copy.
// The check for an earlier filing and the new row are one transaction that locks the document,
// so two requests at once file it once.
Result<CourtFiling> file_court_document(Database& db, const Clock& clock, const SecretBox& box,
                                        const Actor& actor, int64_t account_id, int64_t case_number,
                                        int64_t document_id, const CourtFilingRequest& request);

}  // namespace inkasso
