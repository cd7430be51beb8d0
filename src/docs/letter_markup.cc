#include "docs/letter_markup.h"

#include <array>
#include <cstdint>
#include <optional>

namespace inkasso {
namespace {

enum class Tag { h1, h2, p, ul, li, table, tr, td, th, sign, b, i, br, pagebreak };

struct TagName {
  std::string_view name;
  Tag tag;
};
constexpr std::array<TagName, 14> kTags{{{"h1", Tag::h1},
                                         {"h2", Tag::h2},
                                         {"p", Tag::p},
                                         {"ul", Tag::ul},
                                         {"li", Tag::li},
                                         {"table", Tag::table},
                                         {"tr", Tag::tr},
                                         {"td", Tag::td},
                                         {"th", Tag::th},
                                         {"sign", Tag::sign},
                                         {"b", Tag::b},
                                         {"i", Tag::i},
                                         {"br", Tag::br},
                                         {"pagebreak", Tag::pagebreak}}};

std::optional<Tag> tag_of(std::string_view name) {
  for (const auto& t : kTags)
    if (t.name == name) return t.tag;
  return std::nullopt;
}

bool is_block_tag(Tag t) {
  return t == Tag::h1 || t == Tag::h2 || t == Tag::p || t == Tag::ul || t == Tag::table ||
         t == Tag::sign || t == Tag::pagebreak;
}
bool is_inline_tag(Tag t) {
  return t == Tag::b || t == Tag::i || t == Tag::br;
}
// Elements whose content is running text.
bool holds_text(Tag t) {
  return t == Tag::h1 || t == Tag::h2 || t == Tag::p || t == Tag::li || t == Tag::td ||
         t == Tag::th || t == Tag::sign || t == Tag::b || t == Tag::i;
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// The length of the valid UTF-8 sequence at s[i], or 0 when it is invalid.
size_t utf8_sequence_length(std::string_view s, size_t i) {
  auto b = static_cast<unsigned char>(s[i]);
  size_t n = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k)
    if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return 0;
  if (n == 2 && b < 0xC2) return 0;  // overlong
  if (n == 3) {
    auto b1 = static_cast<unsigned char>(s[i + 1]);
    if (b == 0xE0 && b1 < 0xA0) return 0;   // overlong
    if (b == 0xED && b1 >= 0xA0) return 0;  // surrogates
  }
  if (n == 4) {
    auto b1 = static_cast<unsigned char>(s[i + 1]);
    if (b == 0xF0 && b1 < 0x90) return 0;
    if (b > 0xF4 || (b == 0xF4 && b1 >= 0x90)) return 0;
  }
  return n;
}

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

struct Element {
  Tag tag;
  int line;
  bool implicit = false;  // a paragraph opened by bare text
};

class Parser {
 public:
  Parser(std::string_view text, int first_line) : s_(text), line_(first_line) {}

  Result<std::vector<MarkupBlock>> run() {
    while (pos_ < s_.size()) {
      if (s_.substr(pos_).starts_with(kSectionOpen)) {
        sections_.push_back({explicit_depth(), line_});
        pos_ += kSectionOpen.size();
      } else if (s_.substr(pos_).starts_with(kSectionClose)) {
        if (sections_.empty()) return fail("en sektion lukkes uden at være åbnet");
        auto [depth, open_line] = sections_.back();
        sections_.pop_back();
        if (explicit_depth() != depth)
          return fail("opmærkningen i sektionen fra linje " + std::to_string(open_line) +
                      " skal lukkes inden sektionen slutter");
        pos_ += kSectionClose.size();
      } else if (s_[pos_] == '<') {
        if (auto st = tag(); !st) return st.error();
      } else {
        if (auto st = text_char(); !st) return st.error();
      }
    }
    if (!stack_.empty() && stack_.back().implicit) close_block();
    for (const Element& open : stack_)
      if (!open.implicit)
        return fail_at(open.line, "<" + std::string(name_of(open.tag)) + "> er ikke lukket");
    return std::move(blocks_);
  }

 private:
  static std::string_view name_of(Tag t) {
    for (const auto& n : kTags)
      if (n.tag == t) return n.name;
    return "?";
  }

  Error fail_at(int line, const std::string& what) const {
    return make_error("invalid_template", "Linje " + std::to_string(line) + ": " + what + ".");
  }
  Error fail(const std::string& what) const { return fail_at(line_, what); }

  size_t explicit_depth() const {
    size_t n = 0;
    for (const auto& e : stack_)
      if (!e.implicit) ++n;
    return n;
  }

  std::optional<Tag> top() const {
    if (stack_.empty()) return std::nullopt;
    return stack_.back().tag;
  }

  // The text buffer of the innermost text-holding block (cell, paragraph ...).
  std::string& buffer() { return current_; }

  void flush_space() {
    if (pending_space_ && !current_.empty() && current_.back() != '\n') current_ += ' ';
    pending_space_ = false;
  }

  void append_text(std::string_view piece) {
    flush_space();
    for (char c : piece) {
      if (c == '&')
        current_ += "&amp;";
      else if (c == '<')
        current_ += "&lt;";
      else if (c == '>')
        current_ += "&gt;";
      else
        current_ += c;
    }
  }

  Status ensure_text_context() {
    if (auto t = top(); t && holds_text(*t)) return {};
    if (stack_.empty()) {
      open_block(Tag::p, true);
      return {};
    }
    return fail("tekst skal stå i et <" + std::string(child_of(*top())) + ">");
  }

  static std::string_view child_of(Tag t) {
    switch (t) {
      case Tag::ul:
        return "li";
      case Tag::table:
        return "tr";
      case Tag::tr:
        return "td";
      default:
        return "p";
    }
  }

  Status text_char() {
    char c = s_[pos_];
    if (is_space(c)) {
      if (c == '\n') {
        ++line_;
        ++newlines_in_run_;
        // A blank line ends a paragraph that bare text opened.
        if (newlines_in_run_ >= 2 && stack_.size() == 1 && stack_.back().implicit) close_block();
      }
      pending_space_ = true;
      ++pos_;
      return {};
    }
    newlines_in_run_ = 0;
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
      ++pos_;  // other control characters are dropped
      return {};
    }
    if (auto st = ensure_text_context(); !st) return st;
    if (c == '&') {
      append_text(entity());
      return {};
    }
    if (s_.substr(pos_).starts_with(kValueLt)) {
      append_text("<");
      pos_ += kValueLt.size();
      return {};
    }
    if (s_.substr(pos_).starts_with(kValueGt)) {
      append_text(">");
      pos_ += kValueGt.size();
      return {};
    }
    if (s_.substr(pos_).starts_with(kValueAmp)) {
      append_text("&");
      pos_ += kValueAmp.size();
      return {};
    }
    size_t n = utf8_sequence_length(s_, pos_);
    if (n == 0) return fail("teksten er ikke gyldig UTF-8");
    append_text(s_.substr(pos_, n));
    pos_ += n;
    return {};
  }

  // Decodes the entity at pos_ (which is '&'); a bare '&' is itself.
  std::string entity() {
    size_t semi = s_.find(';', pos_);
    if (semi != std::string_view::npos && semi - pos_ <= 10) {
      std::string_view name = s_.substr(pos_ + 1, semi - pos_ - 1);
      std::string out;
      if (name == "amp")
        out = "&";
      else if (name == "lt")
        out = "<";
      else if (name == "gt")
        out = ">";
      else if (name == "quot")
        out = "\"";
      else if (name == "apos")
        out = "'";
      else if (name.size() >= 2 && name[0] == '#') {
        bool hex = name[1] == 'x' || name[1] == 'X';
        std::string_view digits = name.substr(hex ? 2 : 1);
        uint32_t cp = 0;
        bool ok = !digits.empty() && digits.size() <= 6;
        for (char d : digits) {
          int v = d >= '0' && d <= '9'          ? d - '0'
                  : hex && d >= 'a' && d <= 'f' ? d - 'a' + 10
                  : hex && d >= 'A' && d <= 'F' ? d - 'A' + 10
                                                : -1;
          if (v < 0)
            ok = false;
          else
            cp = cp * (hex ? 16u : 10u) + static_cast<uint32_t>(v);
        }
        // Control characters, surrogates and the private markers are not accepted.
        if (ok && cp >= 0x20 && cp != 0x7F && !(cp >= 0xD800 && cp <= 0xDFFF) &&
            !(cp >= 0xE000 && cp <= 0xE0FF) && cp <= 0x10FFFF)
          append_utf8(out, cp);
      }
      if (!out.empty()) {
        pos_ = semi + 1;
        return out;
      }
    }
    ++pos_;
    return "&";
  }

  void open_block(Tag t, bool implicit = false) {
    stack_.push_back({t, line_, implicit});
    if (t == Tag::table) {
      blocks_.push_back({BlockKind::table, {}, {}});
    } else if (t == Tag::tr) {
      blocks_.back().rows.push_back({});
    } else if (holds_text(t) && !is_inline_tag(t)) {
      current_.clear();
      pending_space_ = false;
    }
  }

  void close_block() {
    Element e = stack_.back();
    stack_.pop_back();
    switch (e.tag) {
      case Tag::h1:
        blocks_.push_back({BlockKind::heading1, std::move(current_), {}});
        break;
      case Tag::h2:
        blocks_.push_back({BlockKind::heading2, std::move(current_), {}});
        break;
      case Tag::p:
        if (!current_.empty()) blocks_.push_back({BlockKind::paragraph, std::move(current_), {}});
        break;
      case Tag::li:
        blocks_.push_back({BlockKind::list_item, std::move(current_), {}});
        break;
      case Tag::sign:
        blocks_.push_back({BlockKind::signature, std::move(current_), {}});
        break;
      case Tag::td:
      case Tag::th:
        blocks_.back().rows.back().cells.back().pango = std::move(current_);
        break;
      case Tag::tr:
        if (blocks_.back().rows.back().cells.empty()) blocks_.back().rows.pop_back();
        break;
      case Tag::table:
        if (blocks_.back().rows.empty()) blocks_.pop_back();
        break;
      default:
        break;
    }
    current_.clear();
    pending_space_ = false;
  }

  Status tag() {
    int tag_line = line_;
    size_t end = s_.find('>', pos_);
    size_t next_lt = s_.find('<', pos_ + 1);
    if (end == std::string_view::npos || (next_lt != std::string_view::npos && next_lt < end))
      return fail("'<' skal skrives &lt; når det ikke begynder et mærke");
    std::string_view inside = s_.substr(pos_ + 1, end - pos_ - 1);
    for (char c : inside)
      if (c == '\n') ++line_;
    pos_ = end + 1;
    bool closing = !inside.empty() && inside[0] == '/';
    if (closing) inside.remove_prefix(1);
    bool self_closing = !inside.empty() && inside.back() == '/';
    if (self_closing) inside.remove_suffix(1);
    size_t name_end = 0;
    while (name_end < inside.size() && !is_space(inside[name_end])) ++name_end;
    std::string_view name = inside.substr(0, name_end);
    std::string_view attrs = inside.substr(name_end);
    auto t = tag_of(name);
    if (!t)
      return fail_at(tag_line, "ukendt mærke <" + std::string(closing ? "/" : "") +
                                   std::string(name.substr(0, 20)) + ">");
    if (closing) return close_tag(*t, tag_line);
    return open_tag(*t, attrs, self_closing, tag_line);
  }

  Status open_tag(Tag t, std::string_view attrs, bool self_closing, int tag_line) {
    Align align = Align::left;
    bool total = false;
    if (auto st = parse_attrs(t, attrs, align, total, tag_line); !st) return st;
    bool empty_element = t == Tag::br || t == Tag::pagebreak;
    if (self_closing && !empty_element)
      return fail_at(tag_line, "<" + std::string(name_of(t)) + "/> kan ikke være tomt");
    newlines_in_run_ = 0;

    if (is_block_tag(t)) {
      if (!stack_.empty() && stack_.back().implicit && stack_.size() == 1) close_block();
      if (!stack_.empty())
        return fail_at(tag_line, "<" + std::string(name_of(t)) + "> kan ikke stå inden i <" +
                                     std::string(name_of(*top())) + ">");
      if (t == Tag::pagebreak) {
        blocks_.push_back({BlockKind::page_break, {}, {}});
        return {};
      }
      open_block(t);
      return {};
    }
    if (t == Tag::li || t == Tag::tr || t == Tag::td || t == Tag::th) {
      Tag parent = t == Tag::li ? Tag::ul : t == Tag::tr ? Tag::table : Tag::tr;
      if (top() != parent)
        return fail_at(tag_line, "<" + std::string(name_of(t)) + "> skal stå i <" +
                                     std::string(name_of(parent)) + ">");
      if (t == Tag::tr) {
        open_block(t);
        blocks_.back().rows.back().total = total;
        return {};
      }
      if (t == Tag::td || t == Tag::th)
        blocks_.back().rows.back().cells.push_back({{}, t == Tag::th, align});
      open_block(t);
      return {};
    }
    // Inline: b, i, br.
    if (auto st = ensure_text_context(); !st) return st;
    if (t == Tag::br) {
      pending_space_ = false;
      current_ += '\n';
      return {};
    }
    flush_space();
    current_ += t == Tag::b ? "<b>" : "<i>";
    stack_.push_back({t, tag_line, false});
    return {};
  }

  Status close_tag(Tag t, int tag_line) {
    newlines_in_run_ = 0;
    if (t == Tag::br || t == Tag::pagebreak)
      return fail_at(tag_line, "</" + std::string(name_of(t)) + "> findes ikke; skriv <" +
                                   std::string(name_of(t)) + "/>");
    if (!stack_.empty() && stack_.back().implicit) close_block();
    if (stack_.empty() || stack_.back().tag != t) {
      if (stack_.empty())
        return fail_at(tag_line, "</" + std::string(name_of(t)) + "> lukker intet");
      const Element& open = stack_.back();
      return fail_at(tag_line, "</" + std::string(name_of(t)) + "> passer ikke: <" +
                                   std::string(name_of(open.tag)) + "> fra linje " +
                                   std::to_string(open.line) + " er ikke lukket");
    }
    if (t == Tag::b || t == Tag::i) {
      current_ += t == Tag::b ? "</b>" : "</i>";
      stack_.pop_back();
      return {};
    }
    close_block();
    return {};
  }

  Status parse_attrs(Tag t, std::string_view attrs, Align& align, bool& total, int tag_line) {
    size_t i = 0;
    while (true) {
      while (i < attrs.size() && is_space(attrs[i])) ++i;
      if (i >= attrs.size()) return {};
      size_t eq = attrs.find('=', i);
      if (eq == std::string_view::npos || eq + 1 >= attrs.size() || attrs[eq + 1] != '"')
        return fail_at(tag_line, "egenskaber skrives navn=\"værdi\"");
      std::string_view key = attrs.substr(i, eq - i);
      size_t close = attrs.find('"', eq + 2);
      if (close == std::string_view::npos)
        return fail_at(tag_line, "egenskaber skrives navn=\"værdi\"");
      std::string_view value = attrs.substr(eq + 2, close - eq - 2);
      i = close + 1;
      if ((t == Tag::td || t == Tag::th) && key == "align" &&
          (value == "right" || value == "left")) {
        align = value == "right" ? Align::right : Align::left;
      } else if (t == Tag::tr && key == "class" && value == "total") {
        total = true;
      } else {
        return fail_at(tag_line, "<" + std::string(name_of(t)) + "> kender ikke egenskaben " +
                                     std::string(key.substr(0, 20)) + "=\"" +
                                     std::string(value.substr(0, 20)) + "\"");
      }
    }
  }

  std::string_view s_;
  size_t pos_ = 0;
  int line_;
  int newlines_in_run_ = 0;
  bool pending_space_ = false;
  std::string current_;
  std::vector<Element> stack_;
  std::vector<std::pair<size_t, int>> sections_;  // explicit depth and line at each open
  std::vector<MarkupBlock> blocks_;
};

void append_plain(std::string& out, std::string_view pango) {
  bool in_tag = false;
  for (size_t i = 0; i < pango.size(); ++i) {
    char c = pango[i];
    if (in_tag) {
      if (c == '>') in_tag = false;
    } else if (c == '<') {
      in_tag = true;
    } else if (c == '&') {
      size_t semi = pango.find(';', i);
      std::string_view e = pango.substr(i + 1, semi - i - 1);
      out += e == "amp" ? '&' : e == "lt" ? '<' : '>';
      i = semi;
    } else {
      out += c;
    }
  }
}

}  // namespace

std::string neutralize_value(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (size_t i = 0; i < value.size();) {
    char c = value[i];
    if (c == '<') {
      out += kValueLt;
      ++i;
    } else if (c == '>') {
      out += kValueGt;
      ++i;
    } else if (c == '&') {
      out += kValueAmp;
      ++i;
    } else {
      size_t n = utf8_sequence_length(value, i);
      if (n == 0) {
        out += "\xEF\xBF\xBD";  // U+FFFD for a byte that is not UTF-8
        ++i;
      } else {
        std::string_view cp = value.substr(i, n);
        // A value must not smuggle in the markers themselves.
        if (n == 3 && static_cast<unsigned char>(cp[0]) == 0xEE &&
            static_cast<unsigned char>(cp[1]) == 0x80)
          out += "\xEF\xBF\xBD";
        else
          out += cp;
        i += n;
      }
    }
  }
  return out;
}

Result<std::vector<MarkupBlock>> parse_markup(std::string_view text, int first_line) {
  return Parser(text, first_line).run();
}

std::string markup_plain_text(const std::vector<MarkupBlock>& blocks) {
  std::string out;
  for (const auto& b : blocks) {
    if (b.kind == BlockKind::table) {
      for (const auto& r : b.rows) {
        for (size_t i = 0; i < r.cells.size(); ++i) {
          if (i) out += '\t';
          append_plain(out, r.cells[i].pango);
        }
        out += '\n';
      }
    } else {
      append_plain(out, b.pango);
      out += '\n';
    }
  }
  return out;
}

}  // namespace inkasso
