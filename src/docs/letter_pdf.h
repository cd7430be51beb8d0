// Letters to PDF: A4, laid out with pango and drawn with cairo, fonts embedded.
//
// Each letter: the letterhead (creditor name, address, CVR, contact; the creditor's PNG logo or
// the product's own, drawn), the recipient's address in the window of a C5/C65 envelope
// (DIN 5008 form B: 20 mm from the left, 45 mm from the top, 85 × 45 mm), the date and case
// number, the body (the letter markup of each part, every part after the first on a new page),
// the portal login box and the payment box after the first part, and "Side n af m" on every
// page, counted per letter. A table row is never split across pages.
//
// Deterministic: the same letters give the same bytes (the PDF's creation date is the letter's
// date), so a stored document can always be shown again exactly as sent.
//
// Thread-safe: each thread lays out with its own cached pango font map and context (pango is
// not thread-safe), created on first use and kept for the thread's life.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "docs/letter_data.h"

namespace inkasso {

struct LetterDocument {
  LetterData data;
  std::vector<std::string> template_texts;  // one per part, as template_keys_for(action type)
};

// One PDF holding every letter given, in order (the "documents to print" list merges many).
// Errors: "invalid_template" from a template, "invalid_logo" for a logo that is not a PNG,
// "invalid_input" for no letters or a letter without parts.
Result<std::string> render_pdf(std::span<const LetterDocument> letters);

// The letter for `data` with the default template of each of its parts (`keys`).
Result<std::string> render_default_pdf(const LetterData& data,
                                       const std::vector<std::string>& keys);

// Checks an uploaded logo before it is stored: a PNG that cairo can read, at most 2 MB and
// 4000 × 4000 pixels. Code "invalid_logo", Danish message.
Status validate_logo_png(std::string_view png);

}  // namespace inkasso
