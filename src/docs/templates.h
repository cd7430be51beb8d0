// Letter templates: the stable template keys, which parts an action's document is made of, the
// legally correct Danish default texts, and the rendering of a template (mstch) into the letter
// markup of letter_markup.h. docs/letters.md describes the markup and the fields.
//
// Creditors edit the templates of their account, so a template is untrusted text:
// validate_template refuses anything that is not plain markup with known fields before it is
// saved, and render_body can never let a field's value (a debtor's name, the creditor's own
// text) become markup: values are put into the template with the markup characters < > &
// replaced by private code points that the markup reader turns back into plain text.
//
// All functions are pure and safe to call from any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/case_model.h"
#include "core/result.h"
#include "docs/letter_data.h"

namespace inkasso {

// The template keys, stable (stored in the database): reminder, collection_notice,
// debtor_declaration, voluntary_settlement, collection_demand, settlement_offer,
// missing_payment_letter, payment_agreement, agreement_default_warning, agreement_terminated,
// payment_order, enforcement_request, letter.
const std::vector<std::string>& all_template_keys();
bool is_template_key(std::string_view key);

// The parts an action's document is made of, in order, in one PDF (collection_notice →
// collection_notice, debtor_declaration, voluntary_settlement). Empty for actions that make no
// document (pause, track_change, close, fundament, settlement_accepted).
std::vector<std::string> template_keys_for(ActionType type);

// The Danish name of a template for lists and the editor ("Rykker", "Inkassovarsel", ...).
std::string_view template_title(std::string_view key);

// The default text of a template key; empty for an unknown key.
std::string_view default_template(std::string_view key);

// A field a template can use, for the editor's help: `{{name}}` or a section `{{#name}}`.
struct TemplateField {
  std::string name;
  std::string description;  // Danish
  bool section = false;     // a list or a yes/no to use as {{#name}}...{{/name}}
};
const std::vector<TemplateField>& template_fields();

// Checks a template before it is saved. Refuses, with a Danish message naming the line:
// unknown fields or sections, sections not closed or closed in the wrong order, {{{...}}},
// {{&...}}, partials and delimiter changes, unknown or unclosed markup tags, markup that a
// section opens but does not close, and templates over 100,000 bytes. Code "invalid_template".
Status validate_template(std::string_view text);

// The template filled with the letter's data: letter markup (letter_markup.h). Fails like
// validate_template for a broken template.
Result<std::string> render_body(std::string_view template_text, const LetterData& data);

}  // namespace inkasso
