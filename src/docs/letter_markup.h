// The letter markup: the small language templates produce and the PDF renderer lays out.
// A strict subset of HTML (docs/letters.md):
//   blocks  <h1> <h2> <p> <ul><li> <table><tr><th|td> <sign> <pagebreak/>
//   inline  <b> <i> <br/>
//   attributes  <td align="right">, <th align="right">, <tr class="total">
//   entities    &amp; &lt; &gt; &quot; &apos; &#NN; &#xHH; (a bare & is a plain &)
// Text outside any block becomes paragraphs, split at blank lines. Whitespace collapses as in
// HTML. Anything else is an error naming the line.
//
// Parsing produces pango markup per block, escaped by us, so that the renderer never sees
// anything a template or a value did not earn through this grammar.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace inkasso {

// Private-use code points standing for '<', '>' and '&' inside values put into a template:
// the markup reader shows them as those characters but never reads them as markup.
inline constexpr std::string_view kValueLt = "\xEE\x80\x80";   // U+E000
inline constexpr std::string_view kValueGt = "\xEE\x80\x81";   // U+E001
inline constexpr std::string_view kValueAmp = "\xEE\x80\x82";  // U+E002
// Markers for a template's section start and end, used by validate_template to check that a
// section's markup is balanced within it.
inline constexpr std::string_view kSectionOpen = "\xEE\x80\x90";   // U+E010
inline constexpr std::string_view kSectionClose = "\xEE\x80\x91";  // U+E011

// A value with '<', '>' and '&' replaced by the private code points above.
std::string neutralize_value(std::string_view value);

enum class Align { left, right };

struct MarkupCell {
  std::string pango;  // pango markup of the cell's text
  bool header = false;
  Align align = Align::left;
};

struct MarkupRow {
  std::vector<MarkupCell> cells;
  bool total = false;  // class="total": a rule above, bold
};

enum class BlockKind { heading1, heading2, paragraph, list_item, table, signature, page_break };

struct MarkupBlock {
  BlockKind kind = BlockKind::paragraph;
  std::string pango;            // headings, paragraphs, list items, the signature's caption
  std::vector<MarkupRow> rows;  // tables
};

// Parses letter markup. `first_line` numbers the text's first line in messages. Errors have
// code "invalid_template" and a Danish message beginning "Linje N: ".
Result<std::vector<MarkupBlock>> parse_markup(std::string_view text, int first_line = 1);

// Plain text of a markup fragment (for subjects and tests): tags dropped, entities decoded.
std::string markup_plain_text(const std::vector<MarkupBlock>& blocks);

}  // namespace inkasso
