// Court districts and filing court documents (issue 5). Thin: the use cases are in
// app/courts.h.
//
//  - /drift/retskredse: the installation's table of the 24 district courts, and the form to
//    correct a court (address, e-mail, phone, filing method, note). Operators only: anyone else
//    gets 403 with operations.forbidden, and the use case checks again on every save.
//  - /sager/{number}/dokumenter/{id}/indgiv: "Indgiv til retten" for a payment order or an
//    enforcement request. The court is preselected (the one the document is addressed to, else
//    the only court of the debtor's postal code); with several candidates the creditor chooses
//    (a GET form, ?ret=ID, so it works without JavaScript). Then the court's method decides: by
//    e-mail the document is queued to the court with a copy to the creditor; via minretssag.dk
//    the creditor downloads the PDF, files it there and confirms the date.
#include "app/courts.h"
#include "app/users.h"
#include "web/pages.h"
#include "web/view_support.h"

namespace inkasso::web {

namespace {

std::string courts_url() {
  return "/drift/retskredse";
}
std::string court_url(int64_t id) {
  return courts_url() + "/" + std::to_string(id);
}

std::string address_of(const CourtDistrict& c) {
  return c.street + ", " + c.postal_code + " " + c.city;
}

std::string method_name(const PageContext& ctx, FilingMethod m) {
  return ctx.text("courts.method." + std::string(to_string(m)));
}

// "0216 4069134726", the court's account for court fees as a transfer form wants it; "" unknown.
std::string fee_account_text(const CourtDistrict& c) {
  return c.fee_reg_no.empty() ? "" : c.fee_reg_no + " " + c.fee_account_no;
}

Response forbidden_page(PageContext& ctx) {
  return ctx.error_page(Error{app_error::kForbidden, ctx.text("operations.forbidden"), ""});
}

// ---- The table of court districts ----

Response show_courts(PageContext& ctx) {
  if (!is_installation_operator(ctx.db(), ctx.actor())) return forbidden_page(ctx);
  mstch::array rows;
  for (const CourtDistrict& c : list_court_districts(ctx.db())) {
    mstch::map row{{"name", c.name},
                   {"address", address_of(c)},
                   {"email", c.email},
                   {"phone", c.phone},
                   {"method", method_name(ctx, c.filing_method)},
                   {"is_email", c.filing_method == FilingMethod::email},
                   {"note", c.note},
                   {"fee_account", fee_account_text(c)},
                   {"edit_url", court_url(c.id)}};
    if (c.updated_at > 0) row["updated"] = format_time(c.updated_at);
    rows.push_back(std::move(row));
  }
  mstch::map data{{"rows", rows}, {"portal_url", std::string(kCourtPortalUrl)}};
  return ctx.page("court_list", data, ctx.text("courts.title"));
}

std::optional<CourtDistrict> court_of_request(PageContext& ctx) {
  auto id = parse_int(ctx.req().param("id"));
  if (!id || *id <= 0) return std::nullopt;
  return get_court_district(ctx.db(), *id);
}

Response court_form(PageContext& ctx, const CourtDistrict& c, FormState form, int status) {
  const std::string chosen = form.has_errors() ? ctx.req().form_value("filing_method")
                                               : std::string(to_string(c.filing_method));
  mstch::array methods;
  for (FilingMethod m : {FilingMethod::portal, FilingMethod::email})
    methods.push_back(mstch::map{{"value", std::string(to_string(m))},
                                 {"label", method_name(ctx, m)},
                                 {"checked", chosen == to_string(m)}});
  mstch::map data{{"name", c.name},
                  {"action", court_url(c.id)},
                  {"back_url", courts_url()},
                  {"methods", methods}};
  if (c.updated_at > 0) data["updated"] = format_time(c.updated_at);
  form.put_into(data);
  return ctx.page("court_edit", data, c.name, status);
}

Response show_court(PageContext& ctx) {
  if (!is_installation_operator(ctx.db(), ctx.actor())) return forbidden_page(ctx);
  auto c = court_of_request(ctx);
  if (!c) return ctx.error_page(not_found("Retskredsen"));
  FormState form;
  form.set("street", c->street);
  form.set("postal_code", c->postal_code);
  form.set("city", c->city);
  form.set("email", c->email);
  form.set("phone", c->phone);
  form.set("note", c->note);
  form.set("fee_reg_no", c->fee_reg_no);
  form.set("fee_account_no", c->fee_account_no);
  return court_form(ctx, *c, std::move(form), 200);
}

Response save_court(PageContext& ctx) {
  if (!is_installation_operator(ctx.db(), ctx.actor())) return forbidden_page(ctx);
  auto c = court_of_request(ctx);
  if (!c) return ctx.error_page(not_found("Retskredsen"));
  const Request& req = ctx.req();
  CourtDistrictInput in{
      req.form_value("street"), req.form_value("postal_code"), req.form_value("city"),
      req.form_value("email"),  req.form_value("phone"),       req.form_value("filing_method"),
      req.form_value("note"),   req.form_value("fee_reg_no"),  req.form_value("fee_account_no")};
  auto saved = update_court_district(ctx.db(), ctx.clock(), ctx.actor(), c->id, in);
  if (!saved) {
    if (saved.error().code != app_error::kInvalid) return ctx.error_page(saved.error());
    FormState form;
    form.fill_from(req);
    form.error(saved.error().field.empty() ? "form" : saved.error().field, saved.error().message);
    return court_form(ctx, *c, std::move(form), 422);
  }
  return ctx.redirect(courts_url(), "flash.courts.saved");
}

// ---- Filing a court document ----

std::string filing_url(int64_t number, int64_t document_id) {
  return "/sager/" + std::to_string(number) + "/dokumenter/" + std::to_string(document_id) +
         "/indgiv";
}

mstch::map court_view(const PageContext& ctx, const CourtDistrict& c) {
  return mstch::map{{"id", std::to_string(c.id)},
                    {"name", c.name},
                    {"address", address_of(c)},
                    {"email", c.email},
                    {"phone", c.phone},
                    {"note", c.note},
                    {"method", method_name(ctx, c.filing_method)},
                    {"by_email", c.filing_method == FilingMethod::email},
                    {"by_portal", c.filing_method == FilingMethod::portal}};
}

Response filing_page(PageContext& ctx, int64_t number, int64_t document_id, FormState form,
                     std::optional<int64_t> chosen_id, int status) {
  auto v =
      court_filing_view(ctx.db(), ctx.box(), ctx.actor(), ctx.account_id(), number, document_id);
  if (!v) return ctx.error_page(v.error());
  const std::string case_url = "/sager/" + std::to_string(number);
  mstch::map data{{"case_url", case_url},
                  {"case_number", std::to_string(number)},
                  {"title", v->document.title},
                  {"letter_date", format_date(v->document.letter_date)},
                  {"debtor", v->debtor_name},
                  {"postal_code", v->debtor_postal_code},
                  {"action", filing_url(number, document_id)},
                  {"creditor_email", v->creditor_email},
                  {"portal_url", std::string(kCourtPortalUrl)},
                  {"today", ctx.clock().today().to_iso()},
                  {"can_file", v->can_file}};
  if (v->document.rendered)
    data["pdf_url"] = case_url + "/dokumenter/" + std::to_string(document_id);
  if (v->document.withdrawn) data["withdrawn"] = true;
  if (!v->court_on_document.empty()) data["court_on_document"] = v->court_on_document;

  if (v->filing) {
    const DispatchRow& f = *v->filing;
    data["filed"] =
        mstch::map{{"by_email", f.channel == Channel::court_email},
                   {"recipient", f.recipient},
                   {"status", ctx.text("documents.status." + std::string(to_string(f.status)))},
                   {"at", format_time(f.sent_at.value_or(f.send_at))}};
    return ctx.page("court_filing", data, ctx.text("courts.file.title"), status);
  }

  // The court: chosen in the form (?ret=ID or the posted one), else the suggestion.
  if (!chosen_id) chosen_id = v->suggested_court_id;
  const CourtDistrict* chosen = nullptr;
  for (const CourtDistrict& c : v->all)
    if (chosen_id && c.id == *chosen_id) chosen = &c;
  if (chosen) data["court"] = court_view(ctx, *chosen);

  // The choice: the postal code's candidates first, then every other court.
  mstch::array candidates, others;
  for (const CourtDistrict& c : v->all) {
    bool candidate = false;
    for (const CourtDistrict& k : v->candidates) candidate |= k.id == c.id;
    mstch::map option{{"value", std::to_string(c.id)},
                      {"label", c.name + " (" + method_name(ctx, c.filing_method) + ")"},
                      {"selected", chosen && chosen->id == c.id}};
    (candidate ? candidates : others).push_back(std::move(option));
  }
  data["has_candidates"] = !candidates.empty();
  data["candidates"] = candidates;
  data["others"] = others;
  data["ambiguous"] = v->candidates.size() > 1;
  data["unknown_postal_code"] = v->candidates.empty();
  form.put_into(data);
  return ctx.page("court_filing", data, ctx.text("courts.file.title"), status);
}

std::optional<std::pair<int64_t, int64_t>> filing_ids(const PageContext& ctx) {
  auto number = parse_int(ctx.req().param("number"));
  auto id = parse_int(ctx.req().param("id"));
  if (!number || *number <= 0 || !id || *id <= 0) return std::nullopt;
  return std::pair{*number, *id};
}

Response show_filing(PageContext& ctx) {
  auto ids = filing_ids(ctx);
  if (!ids) return ctx.error_page(not_found("Dokumentet"));
  std::optional<int64_t> chosen;
  if (auto c = parse_int(ctx.req().query_value("ret")); c && *c > 0) chosen = *c;
  FormState form;
  form.set("filed_on", ctx.clock().today().to_iso());
  return filing_page(ctx, ids->first, ids->second, std::move(form), chosen, 200);
}

Response do_filing(PageContext& ctx) {
  auto ids = filing_ids(ctx);
  if (!ids) return ctx.error_page(not_found("Dokumentet"));
  const Request& req = ctx.req();
  CourtFilingRequest request;
  auto court_id = parse_int(req.form_value("court"));
  request.court_id = court_id.value_or(0);
  FormState form;
  form.fill_from(req);
  const std::string& typed = req.form_value("filed_on");
  if (!typed.empty()) {
    auto date = parse_date_input(typed);
    if (!date) {
      form.error("filed_on", date.error().message);
      return filing_page(ctx, ids->first, ids->second, std::move(form), court_id, 422);
    }
    request.filed_on = *date;
  }
  auto filed = file_court_document(ctx.db(), ctx.clock(), ctx.box(), ctx.actor(), ctx.account_id(),
                                   ids->first, ids->second, request);
  if (!filed) {
    const Error& e = filed.error();
    if (e.code == app_error::kInvalid) {
      form.error(e.field.empty() ? "form" : e.field, e.message);
      return filing_page(ctx, ids->first, ids->second, std::move(form), court_id, 422);
    }
    return ctx.error_page(e);
  }
  return ctx.redirect("/sager/" + std::to_string(ids->first), filed->channel == Channel::court_email
                                                                  ? "flash.courts.filed_email"
                                                                  : "flash.courts.filed_portal");
}

}  // namespace

void register_court_pages(WebApp& app) {
  app.get("/drift/retskredse", Access::user, show_courts);
  app.get("/drift/retskredse/{id}", Access::user, show_court);
  app.post("/drift/retskredse/{id}", Access::user, save_court);
  app.get("/sager/{number}/dokumenter/{id}/indgiv", Access::account, show_filing);
  app.post("/sager/{number}/dokumenter/{id}/indgiv", Access::account, do_filing);
}

}  // namespace inkasso::web
