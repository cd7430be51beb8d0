// The debtors (skyldnere) of the chosen account: find, create, show and edit.
//
//   GET  /skyldnere                    Find en skyldner: one search box, a type filter, pages of 50
//   GET  /skyldnere/ny?type=...        Opret skyldner: choose company or person, then the form
//                                      (&til=sag: came from the case wizard, which gets it back)
//   POST /skyldnere                    create_debtor
//   GET  /skyldnere/{id}               the details left, the debtor's cases right (?vis_cpr=1
//                                      opens the CPR number for a case handler)
//   GET  /skyldnere/{id}/rediger       the form filled in (?type=... to change the kind)
//   POST /skyldnere/{id}               update_debtor
//
// The use cases (app/debtors.h) validate, authorise and keep CPR numbers sealed; these handlers
// only read the form, fill a blank town from the postal code and render.
#include <algorithm>
#include <array>

#include "app/cases.h"
#include "app/debtors.h"
#include "core/text.h"
#include "web/domain_names.h"
#include "web/pages.h"
#include "web/postal_codes.h"
#include "web/view_support.h"

namespace inkasso::web {
namespace {

constexpr int kDebtorsPerPage = 50;
constexpr int64_t kListPageMax = 100'000;  // keeps the offset well inside an int
constexpr size_t kSearchTextMax = 200;     // bytes; the use case's limit for a text field
// A debtor's page lists this many cases (the use case's maximum), newest first.
constexpr int kDebtorCasesMax = 1000;

// The kind as the address and the form spell it.
constexpr std::string_view kCompanyParam = "virksomhed";
constexpr std::string_view kPersonParam = "privatperson";

std::optional<DebtorKind> kind_from_param(std::string_view s) {
  if (s == kCompanyParam) return DebtorKind::company;
  if (s == kPersonParam) return DebtorKind::person;
  return std::nullopt;
}

std::string kind_param(DebtorKind k) {
  return std::string(k == DebtorKind::company ? kCompanyParam : kPersonParam);
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A stored phone number as people read it: a Danish one in pairs ("12 34 56 78"), a foreign
// one as stored ("+4612345678").
std::string format_phone(std::string_view p) {
  if (p.size() != 8 || !all_digits(p)) return std::string(p);
  std::string out;
  for (size_t i = 0; i < p.size(); i += 2) {
    if (!out.empty()) out += ' ';
    out += p.substr(i, 2);
  }
  return out;
}

// At most `max` bytes of `s`, never cutting a UTF-8 character in two.
std::string cut_utf8(std::string s, size_t max) {
  if (s.size() <= max) return s;
  size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  s.resize(end);
  return s;
}

std::string debtor_url(int64_t id) {
  return "/skyldnere/" + std::to_string(id);
}

// The id in the address; a malformed one is a page that does not exist.
std::optional<int64_t> debtor_id_of(const PageContext& ctx) {
  auto id = parse_int(ctx.req().param("id"));
  if (!id || *id <= 0) return std::nullopt;
  return id;
}

Response debtor_not_found(PageContext& ctx) {
  return ctx.error_page(not_found("Skyldneren"));
}

// ---- GET /skyldnere ----

struct ListParams {
  std::string text;
  std::optional<DebtorKind> kind;
  int64_t page = 1;
};

ListParams read_list_params(const Request& req) {
  ListParams p;
  p.text = cut_utf8(trim(req.query_value("q")), kSearchTextMax);
  p.kind = kind_from_param(req.query_value("type"));
  if (auto n = parse_int(req.query_value("side")))
    p.page = std::clamp<int64_t>(*n, 1, kListPageMax);
  return p;
}

std::string list_url(const ListParams& p, int64_t page) {
  std::string q;
  auto add = [&](const char* name, const std::string& value) {
    q += q.empty() ? "?" : "&";
    q += name;
    q += "=" + url_encode(value);
  };
  if (!p.text.empty()) add("q", p.text);
  if (p.kind) add("type", kind_param(*p.kind));
  if (page > 1) add("side", std::to_string(page));
  return "/skyldnere" + q;
}

Result<DebtorPage> search_page(PageContext& ctx, const ListParams& p) {
  DebtorQuery q;
  q.text = p.text;
  q.kind = p.kind;
  q.limit = kDebtorsPerPage;
  q.offset = static_cast<int>((p.page - 1) * kDebtorsPerPage);
  return search_debtors(ctx.db(), ctx.box(), ctx.actor(), ctx.account_id(), q);
}

mstch::map debtor_row(const PageContext& ctx, const Debtor& d) {
  const std::string& phone = d.phone.empty() ? d.mobile : d.phone;
  return mstch::map{
      {"href", debtor_url(d.id)},
      {"name", d.name},
      {"kind", ctx.text(debtor_kind_key(d.kind))},
      {"number", d.kind == DebtorKind::company ? d.cvr : d.cpr_masked},
      {"customer_no", d.customer_no},
      {"phone", format_phone(phone)},
      {"email", d.email},
      {"city", d.city},
  };
}

mstch::array kind_options(const PageContext& ctx, const std::optional<DebtorKind>& selected) {
  mstch::array out;
  out.push_back(mstch::map{{"value", std::string("alle")},
                           {"label", ctx.text("debtor.list.type_all")},
                           {"selected", !selected.has_value()}});
  for (DebtorKind k : {DebtorKind::company, DebtorKind::person})
    out.push_back(
        mstch::map{{"value", kind_param(k)},
                   {"label", ctx.text(k == DebtorKind::company ? "debtor.list.type_companies"
                                                               : "debtor.list.type_persons")},
                   {"selected", selected == k}});
  return out;
}

Response show_list(PageContext& ctx) {
  ListParams p = read_list_params(ctx.req());
  auto found = search_page(ctx, p);
  if (!found) return ctx.error_page(found.error());
  const int64_t pages =
      std::max<int64_t>(1, (found->total + kDebtorsPerPage - 1) / kDebtorsPerPage);
  if (p.page > pages) {  // an old link past the end shows the last page
    p.page = pages;
    found = search_page(ctx, p);
    if (!found) return ctx.error_page(found.error());
  }
  mstch::array rows;
  for (const Debtor& d : found->debtors) rows.push_back(debtor_row(ctx, d));
  const bool filtered = !p.text.empty() || p.kind.has_value();
  const int64_t first = (p.page - 1) * kDebtorsPerPage + 1;
  mstch::map data{
      {"q", p.text},
      {"kinds", kind_options(ctx, p.kind)},
      {"rows", rows},
      {"has_rows", !rows.empty()},
      {"filtered", filtered},
      {"no_debtors", found->total == 0 && !filtered},
      {"no_match", found->total == 0 && filtered},
      {"can_write", ctx.can_write()},
      {"total", std::to_string(found->total)},
      {"first", std::to_string(first)},
      {"last", std::to_string(first + static_cast<int64_t>(rows.size()) - 1)},
      {"page", std::to_string(p.page)},
      {"pages", std::to_string(pages)},
      {"has_pager", pages > 1},
  };
  if (p.page > 1) data["prev_href"] = list_url(p, p.page - 1);
  if (p.page < pages) data["next_href"] = list_url(p, p.page + 1);
  return ctx.page("debtor_list", data, ctx.text("debtor.list.title"));
}

// ---- The form: GET /skyldnere/ny, GET /skyldnere/{id}/rediger ----

// What the form page needs besides the values and errors.
struct FormView {
  std::optional<DebtorKind> kind;  // none: the kind is still to be chosen
  int64_t debtor_id = 0;           // 0: a new debtor
  std::string debtor_name;         // edit: as stored (the heading)
  std::string cpr_masked;          // edit: the stored CPR number, masked; "" for none
  bool to_case = false;            // came from the case wizard (til=sag)
};

// The fields the form shows for a kind: a use-case error naming another field is shown above
// the form instead.
bool field_shown(const std::string& field, DebtorKind kind) {
  static constexpr std::array<std::string_view, 9> kCommon{
      "name", "customer_no", "phone", "mobile", "email", "street", "postal_code", "city", "note"};
  if (std::find(kCommon.begin(), kCommon.end(), field) != kCommon.end()) return true;
  return field == (kind == DebtorKind::company ? "cvr" : "cpr");
}

// The address of the form for `kind` (a tab).
std::string form_url(const FormView& view, DebtorKind kind) {
  std::string url = view.debtor_id ? debtor_url(view.debtor_id) + "/rediger" : "/skyldnere/ny";
  url += "?type=" + kind_param(kind);
  if (view.to_case) url += "&til=sag";
  return url;
}

Response render_form(PageContext& ctx, const FormView& view, const FormState& form,
                     int status = 200) {
  const bool editing = view.debtor_id != 0;
  mstch::map data{
      {"editing", editing},
      {"creating", !editing},
      {"choosing", !view.kind.has_value()},
      {"has_kind", view.kind.has_value()},
      {"is_company", view.kind == DebtorKind::company},
      {"is_person", view.kind == DebtorKind::person},
      {"type", view.kind ? kind_param(*view.kind) : std::string()},
      {"company_href", form_url(view, DebtorKind::company)},
      {"person_href", form_url(view, DebtorKind::person)},
      {"action", editing ? debtor_url(view.debtor_id) : std::string("/skyldnere")},
      {"to_case", view.to_case},
      {"debtor_name", view.debtor_name},
      {"cpr_masked", view.cpr_masked},
      {"has_stored_cpr", editing && !view.cpr_masked.empty()},
      // Changing a person with a CPR number into a company removes the number (update_debtor).
      {"drops_cpr", editing && !view.cpr_masked.empty() && view.kind == DebtorKind::company},
      {"cancel_href", editing        ? debtor_url(view.debtor_id)
                      : view.to_case ? std::string("/sager/ny")
                                     : std::string("/skyldnere")},
  };
  form.put_into(data);
  std::string title = editing ? ctx.text("debtor.edit.title") + " " + view.debtor_name
                              : ctx.text("debtor.new.title");
  Response r = ctx.page("debtor_form", data, std::move(title), status);
  // A form shown again may hold the CPR number just typed: no copy in any cache.
  r.set_header("Cache-Control", "no-store");
  return r;
}

Response show_new(PageContext& ctx) {
  if (!ctx.can_write()) return ctx.error_page(forbidden());
  FormView view;
  view.kind = kind_from_param(ctx.req().query_value("type"));
  view.to_case = ctx.req().query_value("til") == "sag";
  return render_form(ctx, view, FormState());
}

// The form as a command. Only the number field of the chosen kind is read, so a field left over
// from the other kind's form never decides anything. A blank town is filled from the postal code.
DebtorInput read_input(const Request& req, DebtorKind kind) {
  DebtorInput in;
  in.kind = kind;
  in.name = req.form_value("name");
  if (kind == DebtorKind::company)
    in.cvr = req.form_value("cvr");
  else
    in.cpr = req.form_value("cpr");
  in.customer_no = req.form_value("customer_no");
  in.phone = req.form_value("phone");
  in.mobile = req.form_value("mobile");
  in.email = req.form_value("email");
  in.street = req.form_value("street");
  in.postal_code = req.form_value("postal_code");
  in.city = trim(req.form_value("city"));
  in.note = req.form_value("note");
  if (in.city.empty())
    if (auto town = town_for_postal_code(trim(in.postal_code))) in.city = *town;
  return in;
}

// The form again with the use case's error beside its field.
Response form_error(PageContext& ctx, const FormView& view, const DebtorInput& in,
                    const Error& error) {
  FormState form;
  form.set("city", in.city);
  form.fill_from(ctx.req());
  const DebtorKind kind = view.kind.value_or(DebtorKind::company);
  form.error(field_shown(error.field, kind) ? error.field : std::string("form"), error.message);
  return render_form(ctx, view, form, 422);
}

Response do_create(PageContext& ctx) {
  const Request& req = ctx.req();
  FormView view;
  view.kind = kind_from_param(req.form_value("type"));
  view.to_case = req.form_value("til") == "sag";
  if (!view.kind) return ctx.error_page(invalid("type", ctx.text("debtor.form.choose_kind_error")));
  DebtorInput in = read_input(req, *view.kind);
  auto id = create_debtor(ctx.db(), ctx.clock(), ctx.box(), ctx.actor(), ctx.account_id(), in);
  if (!id) {
    if (id.error().code != app_error::kInvalid) return ctx.error_page(id.error());
    return form_error(ctx, view, in, id.error());
  }
  if (view.to_case)
    return ctx.redirect("/sager/ny?skyldner=" + std::to_string(*id), "flash.debtor_created");
  return ctx.redirect(debtor_url(*id), "flash.debtor_created");
}

FormView edit_view(const Debtor& d, std::optional<DebtorKind> kind) {
  FormView view;
  view.kind = kind.value_or(d.kind);
  view.debtor_id = d.id;
  view.debtor_name = d.name;
  view.cpr_masked = d.cpr_masked;
  return view;
}

Response show_edit(PageContext& ctx) {
  auto id = debtor_id_of(ctx);
  if (!id) return debtor_not_found(ctx);
  auto debtor = get_debtor(ctx.db(), ctx.box(), ctx.actor(), ctx.account_id(), *id);
  if (!debtor) return ctx.error_page(debtor.error());
  if (!ctx.can_write()) return ctx.error_page(forbidden());
  const Debtor& d = *debtor;
  FormState form;
  form.set("name", d.name);
  form.set("cvr", d.cvr);
  form.set("cpr", "");  // never shown: empty keeps the stored number
  form.set("customer_no", d.customer_no);
  form.set("phone", d.phone);
  form.set("mobile", d.mobile);
  form.set("email", d.email);
  form.set("street", d.street);
  form.set("postal_code", d.postal_code);
  form.set("city", d.city);
  form.set("note", d.note);
  return render_form(ctx, edit_view(d, kind_from_param(ctx.req().query_value("type"))), form);
}

Response do_update(PageContext& ctx) {
  auto id = debtor_id_of(ctx);
  if (!id) return debtor_not_found(ctx);
  // Read first: another account's id answers 404 before anything else is said about it.
  auto debtor = get_debtor(ctx.db(), ctx.box(), ctx.actor(), ctx.account_id(), *id);
  if (!debtor) return ctx.error_page(debtor.error());
  auto kind = kind_from_param(ctx.req().form_value("type"));
  if (!kind) return ctx.error_page(invalid("type", ctx.text("debtor.form.choose_kind_error")));
  DebtorInput in = read_input(ctx.req(), *kind);
  auto saved =
      update_debtor(ctx.db(), ctx.clock(), ctx.box(), ctx.actor(), ctx.account_id(), *id, in);
  if (!saved) {
    if (saved.error().code != app_error::kInvalid) return ctx.error_page(saved.error());
    return form_error(ctx, edit_view(*debtor, kind), in, saved.error());
  }
  return ctx.redirect(debtor_url(*id), "flash.debtor_saved");
}

// ---- GET /skyldnere/{id} ----

mstch::map debtor_facts(const PageContext& ctx, const Debtor& d, bool reveal_allowed) {
  std::string postal_city = d.postal_code;
  if (!d.city.empty()) postal_city += (postal_city.empty() ? "" : " ") + d.city;
  return mstch::map{
      {"id", std::to_string(d.id)},
      {"name", d.name},
      {"kind", ctx.text(debtor_kind_key(d.kind))},
      {"is_company", d.kind == DebtorKind::company},
      {"cvr", d.cvr},
      {"cpr_masked", d.cpr_masked},
      {"cpr", d.cpr.value_or("")},
      {"cpr_revealed", d.cpr.has_value()},
      {"has_cpr", !d.cpr_masked.empty()},
      {"can_reveal", reveal_allowed && !d.cpr_masked.empty() && !d.cpr.has_value()},
      {"reveal_href", debtor_url(d.id) + "?vis_cpr=1"},
      {"hide_href", debtor_url(d.id)},
      {"customer_no", d.customer_no},
      {"phone", format_phone(d.phone)},
      {"phone_href", "tel:" + d.phone},
      {"mobile", format_phone(d.mobile)},
      {"mobile_href", "tel:" + d.mobile},
      {"email", d.email},
      {"street", d.street},
      {"postal_city", postal_city},
      {"has_address", !d.street.empty() || !postal_city.empty()},
      {"note", d.note},
      {"created", format_time(d.created_at)},
      {"updated", format_time(d.updated_at)},
      {"was_updated", d.updated_at > d.created_at},
  };
}

mstch::map case_row(const PageContext& ctx, const CaseListItem& item, Date today) {
  std::string status =
      ctx.text(item.closed ? flow_key(Flow::closed) : flow_key(item.flow.value_or(Flow::track)));
  return mstch::map{
      {"number", std::to_string(item.number)},
      {"href", "/sager/" + std::to_string(item.number)},
      {"status", status},
      {"closed", item.closed},
      {"principal", format_kr(item.principal)},
      {"outstanding", format_kr(item.outstanding)},
      {"follow_up", item.closed ? std::string() : format_date(item.review_date)},
      {"due", !item.closed && item.review_date && *item.review_date <= today},
  };
}

Response show_debtor(PageContext& ctx) {
  auto id = debtor_id_of(ctx);
  if (!id) return debtor_not_found(ctx);
  const bool reveal = ctx.req().query_value("vis_cpr") == "1";
  auto debtor = get_debtor(ctx.db(), ctx.box(), ctx.actor(), ctx.account_id(), *id, reveal);
  if (!debtor) return ctx.error_page(debtor.error());
  CaseQuery query;
  query.debtor_id = *id;
  query.limit = kDebtorCasesMax;
  auto cases = search_cases(ctx.db(), ctx.actor(), ctx.account_id(), query);
  if (!cases) return ctx.error_page(cases.error());

  const Date today = ctx.clock().today();
  mstch::array rows;
  Money open_outstanding;
  int64_t open_count = 0, due_count = 0;
  for (const CaseListItem& item : cases->items) {
    rows.push_back(case_row(ctx, item, today));
    if (item.closed) continue;
    ++open_count;
    open_outstanding += item.outstanding;
    if (item.review_date && *item.review_date <= today) ++due_count;
  }
  mstch::map data{
      {"debtor", debtor_facts(ctx, *debtor, ctx.can_write())},
      {"can_write", ctx.can_write()},
      {"edit_href", debtor_url(*id) + "/rediger"},
      {"new_case_href", "/sager/ny?skyldner=" + std::to_string(*id)},
      {"cases", rows},
      {"has_cases", !rows.empty()},
      {"case_total", std::to_string(cases->total)},
      {"more_cases", cases->total > static_cast<int64_t>(rows.size())},
      {"shown_cases", std::to_string(rows.size())},
      {"open_count", std::to_string(open_count)},
      {"has_open", open_count > 0},
      {"open_outstanding", format_kr(open_outstanding)},
      {"due_text", due_count == 1
                       ? ctx.text("debtor.page.due_one")
                       : std::to_string(due_count) + " " + ctx.text("debtor.page.due_many")},
      {"has_due", due_count > 0},
  };
  Response r = ctx.page("debtor_page", data, debtor->name);
  if (debtor->cpr) r.set_header("Cache-Control", "no-store");
  return r;
}

}  // namespace

void register_debtor_pages(WebApp& app) {
  app.get("/skyldnere", Access::account, show_list);
  app.post("/skyldnere", Access::account, do_create);
  // Before /skyldnere/{id}: routes are tried in the order added.
  app.get("/skyldnere/ny", Access::account, show_new);
  app.get("/skyldnere/{id}", Access::account, show_debtor);
  app.post("/skyldnere/{id}", Access::account, do_update);
  app.get("/skyldnere/{id}/rediger", Access::account, show_edit);
}

}  // namespace inkasso::web
