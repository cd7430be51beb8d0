// The account's letter templates and logo (issue 5): "A creditor can edit the templates of its
// account, with a preview, and return to the default", and "the creditor's uploaded logo or the
// product's".
//
// Templates: a key without a row in letter_templates is the product's default
// (docs/templates.h); saving writes the account's own text, "return to the default" deletes it.
// Saving exactly the default text is the same as returning to it, so the account follows the
// product's default when it improves. Every text is checked with validate_template before it is
// stored. A document keeps the template texts it was made with (app/letters.h), so editing a
// template never changes a letter already made.
//
// Logo: every upload is a new, never-changed row (migration 0013); the current one is the row
// not retired. A document carries the logo it was made with inside its frozen content, so a new
// logo never changes a letter already made either.
//
// Authorisation (app/context.h): reading (lists, the editor, the preview, the logo) needs guest;
// writing (saving, returning to the default, uploading and removing the logo) administrator.
// The manual says of the logo that "det er kun en administrator bruger, der har adgang til at
// ændre i disse indstillinger", and the templates are the account's settings as much as the
// logo is. Another account's data answers not_found. Every write is one transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <soci/soci.h>

#include "app/context.h"
#include "store/database.h"

namespace inkasso {

// A template key of the account, for the list and the editor.
struct LetterTemplate {
  std::string key;       // docs/templates.h all_template_keys()
  std::string title;     // Danish, "Rykker"
  std::string body;      // the account's own text, or the product's default (list: empty)
  bool changed = false;  // the account has its own text
  std::optional<int64_t> updated_at;  // Unix seconds, when changed
  std::string updated_by;             // the user's name, when changed
};

// Every template key, in the order of all_template_keys(), without the bodies.
Result<std::vector<LetterTemplate>> list_letter_templates(Database& db, const Actor& actor,
                                                          int64_t account_id);

// One template with its text. not_found for an unknown key.
Result<LetterTemplate> get_letter_template(Database& db, const Actor& actor, int64_t account_id,
                                           std::string_view key);

// Saves the account's own text of `key` (line ends CR LF become LF, as browsers send them).
// A broken template is refused as invalid with field "body" and validate_template's Danish
// message; nothing is written. The default text itself removes the account's own text.
Status save_letter_template(Database& db, const Clock& clock, const Actor& actor,
                            int64_t account_id, std::string_view key, std::string_view body);

// Returns `key` to the product's default (deletes the account's own text; fine when none).
Status reset_letter_template(Database& db, const Actor& actor, int64_t account_id,
                             std::string_view key);

// The PDF of `body` (unsaved) as the letter of `key` would look on the account's letterhead
// (its master data and current logo), filled with the sample debtor and a sample case
// (docs/sample_letters.h). A key that is one part of a document (debtor_declaration is a part
// of the collection notice) is shown inside that whole document, the other parts in the
// account's texts. Refused like save_letter_template for a broken template.
Result<std::string> preview_letter_template(Database& db, const Actor& actor, int64_t account_id,
                                            std::string_view key, std::string_view body);

// The largest logo accepted: the letterhead shows it at 55 × 20 mm, for which a few hundred
// kilobytes of PNG are plenty, and every document made carries it.
inline constexpr size_t kLogoBytesMax = 500 * 1024;

struct AccountLogo {
  int64_t id = 0;
  std::string png;
  int64_t created_at = 0;  // Unix seconds
  std::string created_by;  // the user's name
};

// The account's current logo; nullopt while the product's own is used.
Result<std::optional<AccountLogo>> current_logo(Database& db, const Actor& actor,
                                                int64_t account_id);

// Makes `png` the account's logo (retiring the one before). Refused as invalid with field
// "logo" and a Danish message: over kLogoBytesMax, or not a PNG that letters can show
// (docs/letter_pdf.h validate_logo_png). Returns the new logo's id.
Result<int64_t> upload_logo(Database& db, const Clock& clock, const Actor& actor,
                            int64_t account_id, std::string_view png);

// Returns the account to the product's logo. Fine when it has none.
Status remove_logo(Database& db, const Clock& clock, const Actor& actor, int64_t account_id);

// The PNG bytes of the account's current logo, or "" for the product's. No authorisation: for
// use cases that have authorised already (making a document, app/letters.h).
std::string current_logo_png(soci::session& sql, int64_t account_id);

// The id of the account's current logo (0 for the product's own). A logo row never changes, so
// a document refers to its logo by this id instead of carrying the image (app/letters.h).
int64_t current_logo_id(soci::session& sql, int64_t account_id);

// The PNG bytes of logo `logo_id` of the account, retired or not; "" when there is none.
std::string logo_png_by_id(soci::session& sql, int64_t account_id, int64_t logo_id);

}  // namespace inkasso
