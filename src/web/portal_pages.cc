// The debtor portal (/portal/...) and the creditor's look at it (/sager/{number}/portal).
//
// The portal has its own session cookie (inkasso_portal), its own layout (no creditor menu) and
// routes open to anyone (Access::anyone): what a request may read is decided here, by the
// portal session alone, which names one case (app/portal.h). The creditor's session cookie
// means nothing here and the portal's means nothing to the creditor's pages.
//
//   GET  /portal                       log-in form (case ID and password)
//   POST /portal/log-ind               log in; 303 to /portal/sag
//   GET  /portal/adgang/{id}-{token}   the direct link of the letters; 303 to /portal/sag
//   GET  /portal/sag                   the case as the debtor sees it
//   GET  /portal/dokumenter/{id}       a document's PDF (a GET counts as opened)
//   POST /portal/log-ud                log out
//   GET  /sager/{number}/portal        the creditor's preview, in the creditor's layout
//   GET  /sager/{number}/portal/dokumenter/{id}   a document from the preview (never "opened")
//
// Forms carry the CSRF token of the anonymous double-submit cookie (web_app.cc), or of the
// creditor's session when the same browser has one: the portal's forms only log in and out.
#include <string>

#include "app/portal.h"
#include "core/identifiers.h"
#include "web/domain_names.h"
#include "web/pages.h"
#include "web/view_support.h"

namespace inkasso::web {
namespace {

constexpr std::string_view kPortalCookie = "inkasso_portal";
constexpr std::string_view kLayout = "portal_layout";

std::optional<PortalSession> portal_session(PageContext& ctx) {
  const std::string& token = ctx.req().cookie(kPortalCookie);
  if (token.empty()) return std::nullopt;
  auto s = find_portal_session(ctx.db(), ctx.clock(), token);
  // A cookie whose session ended (idle, logged out, new password) is removed from the browser.
  if (!s) ctx.add_cookie(Cookie{std::string(kPortalCookie), "", 0, true, false});
  return s;
}

Response portal_page(PageContext& ctx, std::string_view view, mstch::map data,
                     std::string_view title_key, int status = 200) {
  return ctx.page_in_layout(kLayout, view, std::move(data), ctx.text(title_key), status);
}

Response portal_not_found(PageContext& ctx) {
  mstch::map data{{"heading", ctx.text("portal.not_found")},
                  {"message", ctx.text("portal.not_found_text")}};
  return portal_page(ctx, "portal_error", data, "portal.not_found", 404);
}

// The log-in form, with the case ID typed kept and the error (a text key) shown above it.
Response login_page(PageContext& ctx, const std::string& case_id, std::string_view error_key,
                    int status) {
  FormState form;
  form.set("sags_id", case_id);
  if (!error_key.empty()) form.error("form", ctx.text(error_key));
  mstch::map data;
  form.put_into(data);
  return portal_page(ctx, "portal_login", data, "portal.login.title", status);
}

// The answer to a refused log-in: the same words for a wrong ID, password or link.
Response refused_login(PageContext& ctx, const Error& error, const std::string& case_id) {
  if (error.code == portal_error::kThrottled)
    return login_page(ctx, case_id, "portal.login.throttled", 429);
  return login_page(ctx, case_id, "portal.login.wrong", 401);
}

// A new session: the old one of this browser (if any) ends, the cookie gets the new token.
Response logged_in(PageContext& ctx, const NewPortalSession& created) {
  end_portal_session(ctx.db(), ctx.req().cookie(kPortalCookie));
  ctx.add_cookie(Cookie{std::string(kPortalCookie), created.token, -1, true, false});
  return ctx.redirect("/portal/sag");
}

Response show_login(PageContext& ctx) {
  if (portal_session(ctx)) return ctx.redirect("/portal/sag");
  return login_page(ctx, "", "", 200);
}

Response do_login(PageContext& ctx) {
  const Request& req = ctx.req();
  const std::string& case_id = req.form_value("sags_id");
  auto created = portal_login(ctx.db(), ctx.clock(), ctx.box(), ctx.services().config.throttle,
                              case_id, req.form_value("password"), req.remote_addr);
  if (!created) return refused_login(ctx, created.error(), case_id);
  return logged_in(ctx, *created);
}

Response do_link(PageContext& ctx) {
  const Request& req = ctx.req();
  // A HEAD (a link checker of a mail program) logs nobody in and counts no failure.
  if (req.method != "GET") return login_page(ctx, "", "", 200);
  auto created =
      portal_login_by_link(ctx.db(), ctx.clock(), ctx.box(), ctx.services().config.throttle,
                           req.param("link"), req.remote_addr);
  if (!created) return refused_login(ctx, created.error(), "");
  return logged_in(ctx, *created);
}

Response do_logout(PageContext& ctx) {
  end_portal_session(ctx.db(), ctx.req().cookie(kPortalCookie));
  ctx.add_cookie(Cookie{std::string(kPortalCookie), "", 0, true, false});
  return ctx.redirect("/portal", "flash.portal.logged_out");
}

// ---- The view model of the case

std::string city_line(const std::string& postal_code, const std::string& city) {
  return postal_code + (postal_code.empty() || city.empty() ? "" : " ") + city;
}

std::string minus_kr(Money m) {
  return m.is_zero() ? format_kr(m) : "−" + format_kr(m);
}

mstch::array economy_rows(const PageContext& ctx, const CaseState& s) {
  mstch::array rows;
  auto row = [&](std::string_view key, std::string amount) {
    rows.push_back(mstch::map{{"label", ctx.text(key)}, {"amount", std::move(amount)}});
  };
  row("portal.economy.principal", format_kr(s.principal));
  row("portal.economy.interest", format_kr(s.interest));
  row("portal.economy.fees", format_kr(s.fees));
  // What the payments covered; a payment beyond the debt is told apart (paid back).
  row("portal.economy.paid", minus_kr(s.paid - s.overpaid));
  if (s.written_off.is_positive()) row("portal.economy.written_off", minus_kr(s.written_off));
  return rows;
}

// One calm sentence about where the case stands.
mstch::array status_lines(const PageContext& ctx, const CaseState& s) {
  mstch::array lines;
  auto line = [&](std::string text) { lines.push_back(mstch::map{{"text", std::move(text)}}); };
  if (s.flow == Flow::paid) {
    line(ctx.text("portal.status.paid"));
  } else if (s.flow == Flow::closed) {
    line(ctx.text("portal.status.closed"));
  } else if (s.agreement && !s.agreement->defaulted) {
    std::string text =
        ctx.text("portal.status.agreement") + " " + format_kr(s.agreement->instalment);
    if (s.agreement->next_instalment)
      text += " " + ctx.text("portal.status.agreement_next") + " " +
              format_date(*s.agreement->next_instalment);
    line(text + ".");
  } else if (s.settlement && !s.settlement->fulfilled && !s.settlement->lapsed &&
             s.settlement->deadline >= s.as_of) {
    line(ctx.text("portal.status.settlement") + " " + format_kr(s.settlement->offered_amount) +
         " " + ctx.text("portal.status.settlement_deadline") + " " +
         format_date(s.settlement->deadline) + ".");
  } else if (s.outstanding.total().is_positive()) {
    line(ctx.text("portal.status.owed"));
  }
  if (s.overpaid.is_positive())
    line(ctx.text("portal.status.overpaid") + " " + format_kr(s.overpaid) + ". " +
         ctx.text("portal.status.overpaid_back"));
  return lines;
}

mstch::map portal_data(PageContext& ctx, const PortalView& v, bool preview) {
  const CaseState& s = v.state;
  const std::string document_base =
      preview ? "/sager/" + std::to_string(v.case_number) + "/portal/dokumenter/"
              : std::string("/portal/dokumenter/");
  mstch::array claims;
  for (const Claim& c : v.claims)
    claims.push_back(mstch::map{{"ref", c.ref},
                                {"invoice_date", format_date(c.invoice_date)},
                                {"due_date", format_date(c.due_date)},
                                {"amount", format_kr(c.amount)}});
  for (const CreditNote& n : v.credit_notes)
    claims.push_back(mstch::map{
        {"ref", ctx.text("portal.claims.credit_note") + (n.ref.empty() ? "" : " (" + n.ref + ")")},
        {"invoice_date", format_date(n.date)},
        {"due_date", std::string()},
        {"amount", minus_kr(n.amount)}});
  mstch::array payments;
  for (const Payment& p : v.payments)
    payments.push_back(mstch::map{{"date", format_date(p.date)}, {"amount", format_kr(p.amount)}});
  mstch::array documents;
  for (const DocumentSummary& d : v.documents)
    documents.push_back(mstch::map{{"title", d.title},
                                   {"date", format_date(d.letter_date)},
                                   {"url", document_base + std::to_string(d.id)}});
  const PortalCreditor& c = v.creditor;
  const bool has_account = !c.reg_no.empty() && !c.account_no.empty();
  mstch::map data{
      {"preview", preview},
      {"case_id", std::to_string(v.case_id)},
      {"case_number", std::to_string(v.case_number)},
      {"creditor", mstch::map{{"name", c.name},
                              {"cvr", c.cvr},
                              {"street", c.street},
                              {"city", city_line(c.postal_code, c.city)},
                              {"phone", c.phone},
                              {"email", c.email}}},
      {"debtor", mstch::map{{"name", v.debtor.name},
                            {"cvr", v.debtor.cvr},
                            {"street", v.debtor.street},
                            {"city", city_line(v.debtor.postal_code, v.debtor.city)}}},
      {"as_of", format_date(s.as_of)},
      {"status", status_lines(ctx, s)},
      {"economy", economy_rows(ctx, s)},
      {"total", format_kr(s.outstanding.total())},
      {"owes", s.outstanding.total().is_positive()},
      {"claims", claims},
      {"payments", payments},
      {"has_payments", !v.payments.empty()},
      {"documents", documents},
      {"has_documents", !v.documents.empty()},
      {"has_bank_account", has_account},
      {"bank_name", c.bank_name},
      {"reg_no", c.reg_no},
      {"account_no", c.account_no},
  };
  if (v.fi_payment_line) data["fi_line"] = *v.fi_payment_line;
  return data;
}

Response show_case(PageContext& ctx) {
  auto session = portal_session(ctx);
  if (!session) return ctx.redirect("/portal");
  auto v = portal_view(ctx.db(), ctx.clock(), *session);
  if (!v) return portal_not_found(ctx);
  return portal_page(ctx, "portal_case", portal_data(ctx, *v, false), "portal.case.title");
}

// ---- Documents

Response pdf_response(const PortalDocument& d) {
  return Response::pdf(d.pdf, d.title + " " + format_date(d.letter_date) + ".pdf");
}

std::optional<int64_t> document_id_of(const PageContext& ctx) {
  auto id = parse_int(ctx.req().param("id"));
  if (!id || *id <= 0) return std::nullopt;
  return id;
}

Response download(PageContext& ctx) {
  auto session = portal_session(ctx);
  if (!session) return ctx.redirect("/portal");
  auto id = document_id_of(ctx);
  if (!id) return portal_not_found(ctx);
  // Only a GET is the debtor reading it; a HEAD asks whether it is there.
  auto d = portal_document(ctx.db(), ctx.clock(), *session, *id, ctx.req().method == "GET");
  if (!d) return portal_not_found(ctx);
  return pdf_response(*d);
}

// ---- The creditor's preview

std::optional<int64_t> case_number_of(const PageContext& ctx) {
  auto n = parse_int(ctx.req().param("number"));
  if (!n || *n <= 0) return std::nullopt;
  return n;
}

Response show_preview(PageContext& ctx) {
  auto number = case_number_of(ctx);
  if (!number) return ctx.error_page(not_found("Sagen"));
  auto v = portal_preview(ctx.db(), ctx.clock(), ctx.actor(), ctx.account_id(), *number);
  if (!v) return ctx.error_page(v.error());
  mstch::map data = portal_data(ctx, *v, true);
  data["case_url"] = "/sager/" + std::to_string(*number);
  return ctx.page("portal_case", data, ctx.text("portal.preview.title"));
}

Response preview_download(PageContext& ctx) {
  auto number = case_number_of(ctx);
  auto id = document_id_of(ctx);
  if (!number || !id) return ctx.error_page(not_found("Dokumentet"));
  auto d = portal_preview_document(ctx.db(), ctx.actor(), ctx.account_id(), *number, *id);
  if (!d) return ctx.error_page(d.error());
  return pdf_response(*d);
}

}  // namespace

void register_portal_pages(WebApp& app) {
  app.get("/portal", Access::anyone, show_login);
  app.post("/portal/log-ind", Access::anyone, do_login);
  app.get("/portal/adgang/{link}", Access::anyone, do_link);
  app.get("/portal/sag", Access::anyone, show_case);
  app.get("/portal/dokumenter/{id}", Access::anyone, download);
  app.post("/portal/log-ud", Access::anyone, do_logout);
  app.get("/sager/{number}/portal", Access::account, show_preview);
  app.get("/sager/{number}/portal/dokumenter/{id}", Access::account, preview_download);
}

}  // namespace inkasso::web
