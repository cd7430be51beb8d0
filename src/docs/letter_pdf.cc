#include "docs/letter_pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <unordered_map>

#include "docs/letter_format.h"
#include "docs/letter_markup.h"
#include "docs/templates.h"

namespace inkasso {
namespace {

// --- Page geometry, in PDF points (1/72 inch) ---
constexpr double kMm = 72.0 / 25.4;
constexpr double kPageW = 210 * kMm;
constexpr double kPageH = 297 * kMm;
constexpr double kLeft = 25 * kMm;
constexpr double kRight = kPageW - 20 * kMm;
constexpr double kWidth = kRight - kLeft;
constexpr double kBodyTopFirst = 96 * kMm;
constexpr double kBodyTopNext = 30 * kMm;
constexpr double kBodyBottom = 274 * kMm;
// DIN 5008 form B window: 20 mm from the left, 45 mm from the top, 85 × 45 mm; the return
// address sits at the bottom of its first 17.7 mm, the address in the remaining 27.3 mm.
constexpr double kWindowX = 20 * kMm;
constexpr double kWindowY = 45 * kMm;
constexpr double kWindowW = 85 * kMm;
constexpr double kAddressInset = 5 * kMm;
constexpr double kInfoX = 120 * kMm;
constexpr double kInfoLabelW = 21 * kMm;

struct Rgb {
  double r, g, b;
};
constexpr Rgb kText{0.10, 0.10, 0.10};
constexpr Rgb kAccent{0.12, 0.23, 0.37};
constexpr Rgb kGrey{0.40, 0.40, 0.40};
constexpr Rgb kRule{0.75, 0.77, 0.80};
constexpr Rgb kBoxFill{0.95, 0.96, 0.975};

// --- Per-thread pango state: pango is not thread-safe, and creating a font map and context
// per letter would cost more than laying the letter out. ---
struct Fonts {
  PangoFontMap* map = nullptr;
  PangoContext* context = nullptr;
  PangoFontDescription* body = nullptr;
  PangoFontDescription* small = nullptr;
  PangoFontDescription* tiny = nullptr;
  PangoFontDescription* micro = nullptr;
  PangoFontDescription* h1 = nullptr;
  PangoFontDescription* h2 = nullptr;
  PangoFontDescription* name = nullptr;
  PangoFontDescription* address = nullptr;
  PangoFontDescription* fi_line = nullptr;  // the FI payment line

  Fonts() {
    map = pango_cairo_font_map_new();
    context = pango_font_map_create_context(map);
    // Points as units (the PDF's), and no hinting: the layout must not depend on a screen.
    pango_cairo_context_set_resolution(context, 72);
    cairo_font_options_t* options = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(context, options);
    cairo_font_options_destroy(options);
    body = pango_font_description_from_string("DejaVu Sans 9");
    small = pango_font_description_from_string("DejaVu Sans 8");
    tiny = pango_font_description_from_string("DejaVu Sans 6.8");
    micro = pango_font_description_from_string("DejaVu Sans 6");
    h1 = pango_font_description_from_string("DejaVu Sans Bold 14");
    h2 = pango_font_description_from_string("DejaVu Sans Bold 10.2");
    name = pango_font_description_from_string("DejaVu Sans Bold 15");
    address = pango_font_description_from_string("DejaVu Sans 10");
    fi_line = pango_font_description_from_string("DejaVu Sans Bold 8.6");
  }
  ~Fonts() {
    for (auto* f : {body, small, tiny, micro, h1, h2, name, address, fi_line})
      pango_font_description_free(f);
    g_object_unref(context);
    g_object_unref(map);
  }
  Fonts(const Fonts&) = delete;
  Fonts& operator=(const Fonts&) = delete;
};

Fonts& fonts() {
  thread_local Fonts f;
  return f;
}

using Layout = std::shared_ptr<PangoLayout>;

Layout new_layout(const std::string& markup, const PangoFontDescription* font, double width,
                  bool right, bool ellipsize) {
  Layout l(pango_layout_new(fonts().context), [](PangoLayout* p) { g_object_unref(p); });
  pango_layout_set_font_description(l.get(), font);
  if (width > 0) {
    pango_layout_set_width(l.get(), static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(l.get(), PANGO_WRAP_WORD_CHAR);
  }
  if (ellipsize) pango_layout_set_ellipsize(l.get(), PANGO_ELLIPSIZE_END);
  if (right) pango_layout_set_alignment(l.get(), PANGO_ALIGN_RIGHT);
  pango_layout_set_markup(l.get(), markup.data(), static_cast<int>(markup.size()));
  return l;
}

// Layouts are never changed once made, so the same text in the same font and width is laid
// out once per thread and shared: most of a letter (headings, the standard paragraphs, labels,
// table headers) is the same from one letter to the next. Bounded: cleared when full.
Layout make_layout(const std::string& markup, const PangoFontDescription* font, double width,
                   bool right = false, bool ellipsize = false) {
  fonts();  // the font map outlives the cache's layouts (thread_locals die in reverse order)
  thread_local std::unordered_map<std::string, Layout> cache;
  constexpr size_t kCacheEntriesMax = 4096;
  std::string key;
  key.reserve(markup.size() + 32);
  key += std::to_string(reinterpret_cast<uintptr_t>(font));
  key += ':';
  key += std::to_string(static_cast<long>(width * 100));
  key += right ? 'r' : 'l';
  key += ellipsize ? 'e' : 'w';
  key += ':';
  key += markup;
  if (auto it = cache.find(key); it != cache.end()) return it->second;
  if (cache.size() >= kCacheEntriesMax) cache.clear();
  Layout l = new_layout(markup, font, width, right, ellipsize);
  // Lay it out now, so that a cached layout is only ever read.
  int w = 0, h = 0;
  pango_layout_get_size(l.get(), &w, &h);
  cache.emplace(std::move(key), l);
  return l;
}

double height_of(const Layout& l) {
  int w = 0, h = 0;
  pango_layout_get_size(l.get(), &w, &h);
  return static_cast<double>(h) / PANGO_SCALE;
}
double width_of(const Layout& l) {
  int w = 0, h = 0;
  pango_layout_get_size(l.get(), &w, &h);
  return static_cast<double>(w) / PANGO_SCALE;
}

// Text for pango markup: escaped, valid UTF-8, without control characters.
std::string esc(std::string_view s) {
  std::string v = neutralize_value(s);
  std::string out;
  out.reserve(v.size() + 8);
  for (size_t i = 0; i < v.size();) {
    std::string_view rest(v.data() + i, v.size() - i);
    if (rest.starts_with(kValueLt)) {
      out += "&lt;";
      i += kValueLt.size();
    } else if (rest.starts_with(kValueGt)) {
      out += "&gt;";
      i += kValueGt.size();
    } else if (rest.starts_with(kValueAmp)) {
      out += "&amp;";
      i += kValueAmp.size();
    } else {
      char c = v[i++];
      if (static_cast<unsigned char>(c) >= 0x20 || c == '\n') out += c;
    }
  }
  return out;
}

std::string postal_line(const std::string& code, const std::string& city) {
  if (code.empty()) return city;
  if (city.empty()) return code;
  return code + " " + city;
}

// --- What a page holds, laid out before anything is drawn so that "Side n af m" is known ---
struct Item {
  enum class Kind { text, line, box, image, product_logo } kind = Kind::text;
  Layout layout;
  double x = 0, y = 0;
  double x2 = 0, y2 = 0;  // line end; box: width and height; image: width and height
  double clip_top = -1, clip_bottom = -1;  // text split over pages: the part shown
  double width = 0.5;                      // line width
  Rgb color = kText;
  Rgb fill = kBoxFill;
  std::shared_ptr<cairo_surface_t> image;
};

Item item_of(Item::Kind kind) {
  Item it;
  it.kind = kind;
  return it;
}

struct Page {
  std::vector<Item> items;
};

class LetterLayout {
 public:
  LetterLayout(const LetterData& d, std::shared_ptr<cairo_surface_t> logo)
      : d_(d), logo_(std::move(logo)) {}

  void first_page() {
    pages_.emplace_back();
    letterhead();
    address_window();
    info_block();
    y_ = kBodyTopFirst;
    top_ = y_;
  }

  void new_page() {
    pages_.emplace_back();
    continuation_header();
    y_ = kBodyTopNext;
    top_ = y_;
  }

  void blocks(const std::vector<MarkupBlock>& blocks) {
    for (size_t i = 0; i < blocks.size(); ++i) {
      const MarkupBlock& b = blocks[i];
      switch (b.kind) {
        case BlockKind::heading1:
          heading(b.pango, fonts().h1, y_ == top_ ? 0 : 4, 7, kAccent);
          break;
        case BlockKind::heading2:
          heading(b.pango, fonts().h2, y_ == top_ ? 0 : 6, 3, kAccent);
          break;
        case BlockKind::paragraph:
          paragraph(b.pango, kLeft, kWidth, 5.5);
          break;
        case BlockKind::list_item:
          list_item(b.pango, i + 1 < blocks.size() && blocks[i + 1].kind == BlockKind::list_item);
          break;
        case BlockKind::table:
          table(b);
          break;
        case BlockKind::signature:
          signature(b.pango);
          break;
        case BlockKind::page_break:
          if (y_ > top_) new_page();
          break;
      }
    }
  }

  // The portal login and the payment details, side by side, kept together.
  void boxes() {
    std::vector<std::pair<std::string, std::string>> boxes;
    if (!d_.portal.case_id.empty()) {
      std::string s;
      if (!d_.portal.url.empty()) s += "Log ind på <b>" + esc(d_.portal.url) + "</b>\n";
      s += "Sags-ID: <b>" + esc(d_.portal.case_id) + "</b>\n";
      s += "Adgangskode: <b>" + esc(d_.portal.password) + "</b>";
      if (!d_.portal.direct_link.empty())
        s += "\n<span size=\"small\">Direkte link: " + esc(d_.portal.direct_link) + "</span>";
      boxes.emplace_back("Se din sag online", s);
    }
    if (!d_.creditor.account_no.empty() || !d_.fi_line.empty()) {
      std::string s;
      if (d_.settlement) {
        s += "Akkordbeløb: <b>" + esc(d_.settlement->offered_amount.to_kr()) + "</b>\n";
      } else if (d_.agreement && d_.kind == "payment_agreement") {
        s += "Månedlig rate: <b>" + esc(d_.agreement->instalment.to_kr()) + "</b>\n";
      } else {
        s += "Skyldigt beløb: <b>" + esc(d_.amounts.outstanding_total.to_kr()) + "</b>\n";
      }
      if (d_.pay_by) s += "Betales senest: <b>" + esc(long_date(*d_.pay_by)) + "</b>\n";
      if (!d_.creditor.account_no.empty()) {
        if (!d_.creditor.bank_name.empty()) s += esc(d_.creditor.bank_name) + ", ";
        s += "reg.nr. " + esc(d_.creditor.reg_no) + ", kontonr. " + esc(d_.creditor.account_no) +
             "\n";
      }
      s += "Reference: sagsnr. " + std::to_string(d_.case_number);
      boxes.emplace_back("Betalingsoplysninger", s);
    }
    if (boxes.empty()) return;
    const double gap = 5 * kMm;
    const double box_w = (kWidth - gap) / 2;
    const double pad = 2.6 * kMm;
    std::vector<std::pair<Layout, Layout>> layouts;
    double h = 0;
    for (const auto& [title, text] : boxes) {
      Layout t = make_layout("<b>" + esc(title) + "</b>", fonts().small, box_w - 2 * pad);
      Layout b = make_layout(text, fonts().small, box_w - 2 * pad);
      h = std::max(h, height_of(t) + 2 + height_of(b));
      layouts.emplace_back(std::move(t), std::move(b));
    }
    Layout fi;
    if (!d_.fi_line.empty()) {
      fi = make_layout(esc(d_.fi_line), fonts().fi_line, 0);
      h += 4 + height_of(fi);
    }
    h += 2 * pad;
    double need = 3 * kMm + h;
    if (y_ + need > kBodyBottom && y_ > top_) new_page();
    // At the foot of the page, where payment details usually stand on a Danish letter.
    y_ = kBodyBottom - h;
    for (size_t i = 0; i < layouts.size(); ++i) {
      double x = kLeft + static_cast<double>(i) * (box_w + gap);
      Item box = item_of(Item::Kind::box);
      box.x = x;
      box.y = y_;
      box.x2 = box_w;
      box.y2 = h;
      box.color = kRule;
      page().items.push_back(box);
      add_text(layouts[i].first, x + pad, y_ + pad, kAccent);
      add_text(layouts[i].second, x + pad, y_ + pad + height_of(layouts[i].first) + 2, kText);
      bool payment_box = i + 1 == layouts.size() && boxes.back().first == "Betalingsoplysninger";
      if (fi && payment_box) add_text(fi, x + pad, y_ + h - pad - height_of(fi), kText);
    }
    y_ += h + 4;
  }

  // Footers with "Side n af m" on every page.
  std::vector<Page> finish() {
    const int total = static_cast<int>(pages_.size());
    std::string footer = esc(d_.creditor.name);
    auto add = [&footer](const std::string& part) {
      if (!part.empty()) footer += "  ·  " + esc(part);
    };
    add(d_.creditor.street);
    add(postal_line(d_.creditor.postal_code, d_.creditor.city));
    if (!d_.creditor.cvr.empty()) add("CVR-nr. " + d_.creditor.cvr);
    for (int n = 0; n < total; ++n) {
      Page& p = pages_[static_cast<size_t>(n)];
      Item rule = item_of(Item::Kind::line);
      rule.x = kLeft;
      rule.y = 279 * kMm;
      rule.x2 = kRight;
      rule.y2 = rule.y;
      rule.width = 0.4;
      rule.color = kRule;
      p.items.push_back(rule);
      Layout f = make_layout(footer, fonts().tiny, kWidth - 30 * kMm, false, true);
      p.items.push_back(text_item(f, kLeft, 281 * kMm, kGrey));
      Layout num = make_layout("Side " + std::to_string(n + 1) + " af " + std::to_string(total),
                               fonts().small, 30 * kMm, true);
      p.items.push_back(text_item(num, kRight - 30 * kMm, 280.6 * kMm, kGrey));
    }
    return std::move(pages_);
  }

 private:
  Page& page() { return pages_.back(); }

  static Item text_item(Layout l, double x, double y, Rgb color) {
    Item it = item_of(Item::Kind::text);
    it.layout = std::move(l);
    it.x = x;
    it.y = y;
    it.color = color;
    return it;
  }
  void add_text(Layout l, double x, double y, Rgb color = kText) {
    page().items.push_back(text_item(std::move(l), x, y, color));
  }
  void add_line(double x1, double y1, double x2, double y2, double width, Rgb color) {
    Item it = item_of(Item::Kind::line);
    it.x = x1;
    it.y = y1;
    it.x2 = x2;
    it.y2 = y2;
    it.width = width;
    it.color = color;
    page().items.push_back(it);
  }

  void letterhead() {
    const double logo_w = 55 * kMm, logo_h = 20 * kMm, logo_top = 12 * kMm;
    Layout name = make_layout(esc(d_.creditor.name), fonts().name, kWidth - logo_w - 5 * kMm);
    add_text(name, kLeft, 14 * kMm, kAccent);
    std::string sub = esc(d_.creditor.street);
    std::string post = postal_line(d_.creditor.postal_code, d_.creditor.city);
    if (!post.empty()) sub += (sub.empty() ? "" : ", ") + esc(post);
    Layout under = make_layout(sub, fonts().small, kWidth - logo_w - 5 * kMm);
    add_text(under, kLeft, 14 * kMm + height_of(name) + 1, kGrey);

    if (logo_) {
      double iw = cairo_image_surface_get_width(logo_.get());
      double ih = cairo_image_surface_get_height(logo_.get());
      double scale = std::min(logo_w / iw, logo_h / ih);
      Item it = item_of(Item::Kind::image);
      it.image = logo_;
      it.x2 = iw * scale;
      it.y2 = ih * scale;
      it.x = kRight - it.x2;
      it.y = logo_top;
      page().items.push_back(it);
    } else {
      Item it = item_of(Item::Kind::product_logo);
      it.x = kRight - 34 * kMm;
      it.y = logo_top + 2 * kMm;
      page().items.push_back(it);
      add_text(make_layout("<b>inkasso</b>", fonts().h1, 0), it.x + 11 * kMm, it.y + 1.2 * kMm,
               kAccent);
    }
    add_line(kLeft, 36 * kMm, kRight, 36 * kMm, 0.6, kAccent);
  }

  bool to_court() const {
    return (d_.kind == "payment_order" || d_.kind == "enforcement_request") && d_.court &&
           !d_.court->court.name.empty();
  }

  void address_window() {
    std::string ret = esc(d_.creditor.name);
    if (!d_.creditor.street.empty()) ret += ", " + esc(d_.creditor.street);
    std::string post = postal_line(d_.creditor.postal_code, d_.creditor.city);
    if (!post.empty()) ret += ", " + esc(post);
    Layout r =
        make_layout("<u>" + ret + "</u>", fonts().micro, kWindowW - kAddressInset, false, true);
    add_text(r, kWindowX + kAddressInset, kWindowY + 17.7 * kMm - height_of(r) - 1, kGrey);

    std::vector<std::string> lines;
    if (to_court()) {
      const CourtInfo& c = d_.court->court;
      lines = {c.name, "Fogedretten / betalingspåkrav", c.street,
               postal_line(c.postal_code, c.city)};
      if (d_.kind == "payment_order") lines[1] = "Betalingspåkrav";
      if (d_.kind == "enforcement_request") lines[1] = "Fogedretten";
    } else {
      const LetterParty& p = d_.debtor;
      lines = {p.name, p.attention, p.street, postal_line(p.postal_code, p.city)};
    }
    std::string text;
    for (const auto& l : lines) {
      if (l.empty()) continue;
      if (!text.empty()) text += '\n';
      text += esc(l);
    }
    Layout a = make_layout(text, fonts().address, kWindowW - kAddressInset - 3 * kMm, false, true);
    add_text(a, kWindowX + kAddressInset, kWindowY + 18.5 * kMm, kText);
  }

  void info_block() {
    std::vector<std::pair<std::string, std::string>> rows{
        {"Dato", long_date(d_.letter_date)}, {"Sagsnr.", std::to_string(d_.case_number)}};
    if (!to_court() && d_.debtor_kind == DebtorKind::company && !d_.debtor.cvr.empty())
      rows.emplace_back("Jeres CVR-nr.", d_.debtor.cvr);
    rows.emplace_back("", "");
    if (!d_.creditor.cvr.empty()) rows.emplace_back("CVR-nr.", d_.creditor.cvr);
    if (!d_.creditor.phone.empty()) rows.emplace_back("Telefon", d_.creditor.phone);
    if (!d_.creditor.email.empty()) rows.emplace_back("E-mail", d_.creditor.email);
    if (!d_.creditor.website.empty()) rows.emplace_back("Web", d_.creditor.website);
    double y = kWindowY + 4 * kMm;
    for (const auto& [label, value] : rows) {
      if (label.empty()) {
        y += 2.5 * kMm;
        continue;
      }
      Layout l = make_layout(esc(label), fonts().small, kInfoLabelW);
      Layout v = make_layout(esc(value), fonts().small, kRight - kInfoX - kInfoLabelW, false, true);
      add_text(l, kInfoX, y, kGrey);
      add_text(v, kInfoX + kInfoLabelW, y, kText);
      y += height_of(l) + 0.8;
    }
  }

  void continuation_header() {
    Layout name =
        make_layout("<b>" + esc(d_.creditor.name) + "</b>", fonts().small, kWidth / 2, false, true);
    add_text(name, kLeft, 14 * kMm, kAccent);
    std::string right =
        "Sagsnr. " + std::to_string(d_.case_number) + "  ·  " + esc(long_date(d_.letter_date));
    Layout r = make_layout(right, fonts().small, kWidth / 2, true);
    add_text(r, kLeft + kWidth / 2, 14 * kMm, kGrey);
    add_line(kLeft, 20 * kMm, kRight, 20 * kMm, 0.4, kRule);
  }

  void heading(const std::string& markup, const PangoFontDescription* font, double before,
               double after, Rgb color) {
    Layout l = make_layout(markup, font, kWidth);
    double h = height_of(l);
    // Keep a heading with at least a few lines of what follows.
    if (y_ + before + h + 30 > kBodyBottom && y_ > top_) new_page();
    if (y_ > top_) y_ += before;
    add_text(l, kLeft, y_, color);
    y_ += h + after;
  }

  void paragraph(const std::string& markup, double x, double width, double after,
                 const PangoFontDescription* font = nullptr) {
    Layout l = make_layout(markup, font ? font : fonts().body, width);
    double h = height_of(l);
    double offset = 0;  // how much of the paragraph earlier pages already show
    while (y_ + (h - offset) > kBodyBottom) {
      // Split at a line boundary: the lines that fit stay here, at least two on each side.
      std::vector<double> bottoms;
      PangoLayoutIter* it = pango_layout_get_iter(l.get());
      do {
        PangoRectangle r;
        pango_layout_iter_get_line_extents(it, nullptr, &r);
        bottoms.push_back(static_cast<double>(r.y + r.height) / PANGO_SCALE);
      } while (pango_layout_iter_next_line(it));
      pango_layout_iter_free(it);
      size_t fit = 0;
      for (size_t k = 0; k < bottoms.size(); ++k)
        if (bottoms[k] > offset && y_ + bottoms[k] - offset <= kBodyBottom) fit = k + 1;
      size_t first = 0;
      while (first < bottoms.size() && bottoms[first] <= offset) ++first;
      size_t shown = fit > first ? fit - first : 0;
      size_t left = bottoms.size() - fit;
      if (shown < 2 || left < 2) {
        if (y_ == top_ && shown > 0) {
          // A page holding nothing else must take what fits, or nothing would progress.
        } else {
          new_page();
          continue;
        }
      }
      double cut = bottoms[fit - 1];
      Item part = text_item(l, x, y_ - offset, kText);
      part.clip_top = y_;
      part.clip_bottom = y_ + (cut - offset);
      page().items.push_back(part);
      offset = cut;
      new_page();
    }
    Item rest = text_item(l, x, y_ - offset, kText);
    if (offset > 0) {
      rest.clip_top = y_;
      rest.clip_bottom = y_ + h - offset + 1;
    }
    page().items.push_back(rest);
    y_ += h - offset + after;
  }

  // List items move whole to the next page when they do not fit (unless longer than a page),
  // so the bullet always stands beside the item's first line.
  void list_item(const std::string& markup, bool more) {
    const double indent = 5 * kMm;
    Layout probe = make_layout(markup, fonts().body, kWidth - indent);
    if (y_ + height_of(probe) > kBodyBottom && y_ > top_) new_page();
    add_text(make_layout("•", fonts().body, 0), kLeft + 1 * kMm, y_, kAccent);
    paragraph(markup, kLeft + indent, kWidth - indent, more ? 3 : 6.5);
  }

  void signature(const std::string& caption) {
    const double space = 13 * kMm;
    Layout c = make_layout(caption, fonts().small, 80 * kMm);
    double h = space + 1 + height_of(c) + 4;
    if (y_ + h > kBodyBottom && y_ > top_) new_page();
    double line_y = y_ + space;
    add_line(kLeft, line_y, kLeft + 80 * kMm, line_y, 0.6, kText);
    add_text(c, kLeft, line_y + 1, kGrey);
    y_ += h;
  }

  void table(const MarkupBlock& b) {
    const double hpad = 1.6 * kMm, vpad = 0.85 * kMm;
    size_t cols = 0;
    for (const auto& r : b.rows) cols = std::max(cols, r.cells.size());
    if (cols == 0) return;
    auto font_of = [](const MarkupRow&, const MarkupCell&) { return fonts().body; };
    auto markup_of = [](const MarkupRow& r, const MarkupCell& c) {
      return (c.header || r.total) ? "<b>" + c.pango + "</b>" : c.pango;
    };
    // Natural widths, then the space: numbers (right-aligned) keep theirs, text shares the rest.
    std::vector<double> natural(cols, 0.0);
    std::vector<bool> numeric(cols, false);
    for (const auto& r : b.rows)
      for (size_t c = 0; c < r.cells.size(); ++c) {
        Layout l = make_layout(markup_of(r, r.cells[c]), font_of(r, r.cells[c]), 0);
        natural[c] = std::max(natural[c], width_of(l) + 2 * hpad);
        if (r.cells[c].align == Align::right) numeric[c] = true;
      }
    std::vector<double> widths = natural;
    double sum = 0;
    for (double w : widths) sum += w;
    bool any_numeric = std::find(numeric.begin(), numeric.end(), true) != numeric.end();
    if (sum <= kWidth) {
      // Spare room goes to the first column (the labels) so that amounts line up on the right;
      // in a table of text only (name: value) to the last, so the labels stay close.
      widths[any_numeric ? 0 : cols - 1] += kWidth - sum;
    } else {
      double fixed = 0, flexible = 0;
      for (size_t c = 0; c < cols; ++c) {
        if (numeric[c]) {
          widths[c] = std::min(natural[c], kWidth / 3);
          fixed += widths[c];
        } else {
          flexible += natural[c];
        }
      }
      double room = std::max(kWidth - fixed, 20 * kMm * static_cast<double>(cols));
      for (size_t c = 0; c < cols; ++c)
        if (!numeric[c]) widths[c] = std::max(15 * kMm, room * natural[c] / flexible);
      double total = 0;
      for (double w : widths) total += w;
      if (total > kWidth)
        for (double& w : widths) w *= kWidth / total;
    }

    struct RowLayout {
      std::vector<Layout> cells;
      std::vector<double> offsets;  // a right-aligned cell that fits: its x within the cell
      double height = 0;
      bool header = false;
      bool total = false;
    };
    auto lay_row = [&](const MarkupRow& r) {
      RowLayout out;
      out.total = r.total;
      out.header = !r.cells.empty() &&
                   std::all_of(r.cells.begin(), r.cells.end(), [](auto& c) { return c.header; });
      for (size_t c = 0; c < r.cells.size(); ++c) {
        // The unwrapped layout of the first pass when it fits (most cells), else a wrapped one.
        const double room = widths[c] - 2 * hpad;
        const bool right = r.cells[c].align == Align::right;
        Layout l = make_layout(markup_of(r, r.cells[c]), font_of(r, r.cells[c]), 0);
        double offset = 0;
        if (width_of(l) <= room) {
          if (right) offset = room - width_of(l);
        } else {
          l = make_layout(markup_of(r, r.cells[c]), font_of(r, r.cells[c]), room, right);
        }
        out.height = std::max(out.height, height_of(l) + 2 * vpad);
        out.cells.push_back(std::move(l));
        out.offsets.push_back(offset);
      }
      return out;
    };
    std::vector<RowLayout> rows;
    for (const auto& r : b.rows) rows.push_back(lay_row(r));
    const RowLayout* header = rows.front().header ? &rows.front() : nullptr;

    auto draw_row = [&](const RowLayout& r) {
      double x = kLeft;
      if (r.total) add_line(kLeft, y_, kRight, y_, 0.8, kText);
      for (size_t c = 0; c < r.cells.size(); ++c) {
        add_text(r.cells[c], x + hpad + r.offsets[c], y_ + vpad, r.header ? kAccent : kText);
        x += widths[c];
      }
      y_ += r.height;
      if (r.header)
        add_line(kLeft, y_, kRight, y_, 0.7, kAccent);
      else if (!r.total)
        add_line(kLeft, y_, kRight, y_, 0.25, kRule);
    };
    y_ += 1;
    for (size_t i = 0; i < rows.size(); ++i) {
      const RowLayout& r = rows[i];
      // A header stays with the first row after it; no row is split.
      double need = r.height + (r.header && i + 1 < rows.size() ? rows[i + 1].height : 0);
      if (y_ + need > kBodyBottom && y_ > top_) {
        new_page();
        if (header && !r.header) draw_row(*header);
      }
      draw_row(r);
    }
    y_ += 7;
  }

  const LetterData& d_;
  std::shared_ptr<cairo_surface_t> logo_;
  std::vector<Page> pages_;
  double y_ = 0;
  double top_ = 0;
};

// --- Drawing ---

void set_color(cairo_t* cr, Rgb c) {
  cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

void draw_product_logo(cairo_t* cr, double x, double y) {
  const double s = 9 * kMm, r = 1.8 * kMm;
  cairo_new_sub_path(cr);
  cairo_arc(cr, x + s - r, y + r, r, -G_PI / 2, 0);
  cairo_arc(cr, x + s - r, y + s - r, r, 0, G_PI / 2);
  cairo_arc(cr, x + r, y + s - r, r, G_PI / 2, G_PI);
  cairo_arc(cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path(cr);
  set_color(cr, kAccent);
  cairo_fill(cr);
  // Three lines of a document, and a tick: a letter that got paid.
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_set_line_width(cr, 0.9);
  cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
  for (int i = 0; i < 3; ++i) {
    double ly = y + (2.4 + 1.5 * i) * kMm;
    cairo_move_to(cr, x + 2 * kMm, ly);
    cairo_line_to(cr, x + (i == 2 ? 4.5 : 7) * kMm, ly);
  }
  cairo_stroke(cr);
  cairo_set_line_width(cr, 1.2);
  cairo_move_to(cr, x + 4.6 * kMm, y + 6.6 * kMm);
  cairo_line_to(cr, x + 5.6 * kMm, y + 7.5 * kMm);
  cairo_line_to(cr, x + 7.4 * kMm, y + 5.2 * kMm);
  cairo_stroke(cr);
}

void draw_page(cairo_t* cr, const Page& page) {
  for (const Item& it : page.items) {
    switch (it.kind) {
      case Item::Kind::text:
        cairo_save(cr);
        if (it.clip_top >= 0) {
          cairo_rectangle(cr, 0, it.clip_top, kPageW, it.clip_bottom - it.clip_top);
          cairo_clip(cr);
        }
        set_color(cr, it.color);
        cairo_move_to(cr, it.x, it.y);
        pango_cairo_show_layout(cr, it.layout.get());
        cairo_restore(cr);
        break;
      case Item::Kind::line:
        set_color(cr, it.color);
        cairo_set_line_width(cr, it.width);
        cairo_move_to(cr, it.x, it.y);
        cairo_line_to(cr, it.x2, it.y2);
        cairo_stroke(cr);
        break;
      case Item::Kind::box:
        cairo_rectangle(cr, it.x, it.y, it.x2, it.y2);
        set_color(cr, it.fill);
        cairo_fill_preserve(cr);
        set_color(cr, it.color);
        cairo_set_line_width(cr, 0.6);
        cairo_stroke(cr);
        break;
      case Item::Kind::image: {
        cairo_save(cr);
        double sx = it.x2 / cairo_image_surface_get_width(it.image.get());
        double sy = it.y2 / cairo_image_surface_get_height(it.image.get());
        cairo_translate(cr, it.x, it.y);
        cairo_scale(cr, sx, sy);
        cairo_set_source_surface(cr, it.image.get(), 0, 0);
        cairo_paint(cr);
        cairo_restore(cr);
        break;
      }
      case Item::Kind::product_logo:
        draw_product_logo(cr, it.x, it.y);
        break;
    }
  }
}

struct PngReader {
  std::string_view data;
  size_t pos = 0;
};

cairo_status_t read_png(void* closure, unsigned char* out, unsigned int length) {
  auto* r = static_cast<PngReader*>(closure);
  if (r->data.size() - r->pos < length) return CAIRO_STATUS_READ_ERROR;
  std::memcpy(out, r->data.data() + r->pos, length);
  r->pos += length;
  return CAIRO_STATUS_SUCCESS;
}

Result<std::shared_ptr<cairo_surface_t>> load_png(std::string_view png) {
  static constexpr std::string_view kSignature = "\x89PNG\r\n\x1a\n";
  if (png.size() > 2'000'000 || !png.starts_with(kSignature))
    return make_error("invalid_logo", "Logoet skal være en PNG-fil på højst 2 MB.");
  PngReader reader{png};
  cairo_surface_t* s = cairo_image_surface_create_from_png_stream(read_png, &reader);
  std::shared_ptr<cairo_surface_t> surface(s, cairo_surface_destroy);
  if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS)
    return make_error("invalid_logo", "Logoet kan ikke læses som PNG.");
  int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
  if (w <= 0 || h <= 0 || w > 4000 || h > 4000)
    return make_error("invalid_logo", "Logoet må højst være 4000 × 4000 punkter.");
  return surface;
}

cairo_status_t write_pdf(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

bool is_court_document(const std::string& kind) {
  return kind == "payment_order" || kind == "enforcement_request";
}

Result<std::vector<Page>> layout_letter(const LetterDocument& doc) {
  if (doc.template_texts.empty())
    return make_error("invalid_input", "Brevet har ingen dele.", "template_texts");
  std::shared_ptr<cairo_surface_t> logo;
  if (!doc.data.creditor.logo_png.empty()) {
    auto l = load_png(doc.data.creditor.logo_png);
    if (!l) return l.error();
    logo = *l;
  }
  LetterLayout layout(doc.data, logo);
  layout.first_page();
  for (size_t i = 0; i < doc.template_texts.size(); ++i) {
    auto body = render_body(doc.template_texts[i], doc.data);
    if (!body) return body.error();
    auto blocks = parse_markup(*body);
    if (!blocks) return blocks.error();
    if (i > 0) layout.new_page();
    layout.blocks(*blocks);
    if (i == 0 && !is_court_document(doc.data.kind)) layout.boxes();
  }
  return layout.finish();
}

}  // namespace

// Fontconfig, which pango uses to find fonts, leaves a few hundred bytes unreachable when its
// font map is released (and more if it is not): not ours to fix, and not growing with the
// number of letters. Any binary that renders letters links this file, so this tells
// LeakSanitizer (in the sanitizer builds; unused otherwise) to ignore fontconfig's allocations.
extern "C" const char* __lsan_default_suppressions() {
  return "leak:libfontconfig.so\n";
}

Result<std::string> render_pdf(std::span<const LetterDocument> letters) {
  if (letters.empty()) return make_error("invalid_input", "Der er ingen breve at danne.");
  std::vector<std::vector<Page>> laid;
  laid.reserve(letters.size());
  for (const auto& doc : letters) {
    auto pages = layout_letter(doc);
    if (!pages) return pages.error();
    laid.push_back(std::move(*pages));
  }
  std::string out;
  out.reserve(40'000 * letters.size());
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(write_pdf, &out, kPageW, kPageH);
  // The creation date is the letter's date, never the clock: the same letter, the same bytes.
  const LetterData& first = letters.front().data;
  std::string date = first.letter_date.to_iso() + "T00:00:00";
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, date.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, date.c_str());
  std::string title = letters.size() == 1 ? std::string(template_title(first.kind)) + ", sag " +
                                                std::to_string(first.case_number)
                                          : "Breve til udskrift";
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "inkasso");
  cairo_t* cr = cairo_create(surface);
  for (const auto& pages : laid) {
    for (const auto& page : pages) {
      draw_page(cr, page);
      cairo_show_page(cr);
    }
  }
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  cairo_status_t status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS)
    throw std::runtime_error(std::string("cairo: ") + cairo_status_to_string(status));
  return out;
}

Result<std::string> render_default_pdf(const LetterData& data,
                                       const std::vector<std::string>& keys) {
  LetterDocument doc{data, {}};
  for (const auto& k : keys) doc.template_texts.emplace_back(default_template(k));
  return render_pdf(std::span<const LetterDocument>(&doc, 1));
}

Status validate_logo_png(std::string_view png) {
  auto l = load_png(png);
  if (!l) return l.error();
  return {};
}

}  // namespace inkasso
