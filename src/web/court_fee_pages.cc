// Court fees to transfer (app/court_fees.h): `/todo/retsafgifter` lists the account's payment
// orders and enforcement requests whose court fee is not marked transferred (amount, court, the
// courts' payment details) and the latest transferred; POST `/todo/retsafgifter/overfoert` marks
// one transferred (case handler and up). Linked from the TODO page's counter and the digest.
//
// `/drift/retsafgifter` is the operator's form for the courts' payment details shown there
// (recipient, reg.nr., account number, note). Operators of the installation only: anyone else
// gets 403 with operations.forbidden, and the use case checks again on every save.
#include "app/court_fees.h"
#include "app/users.h"
#include "web/domain_names.h"
#include "web/pages.h"
#include "web/view_support.h"

namespace inkasso::web {

namespace {

mstch::map fee_row(const PageContext& ctx, const CourtFee& f) {
  mstch::map row{
      {"case_number", std::to_string(f.case_number)},
      {"case_url", "/sager/" + std::to_string(f.case_number)},
      {"debtor", f.debtor_name},
      {"action", ctx.text(action_key(f.type))},
      {"date", format_date(f.action_date)},
      {"court", f.court_name},
      {"filed", !f.court_name.empty()},
      {"court_account", !f.court_reg_no.empty()},
      {"court_reg_no", f.court_reg_no},
      {"court_account_no", f.court_account_no},
      {"amount", format_kr(f.amount)},
      {"added", f.added_to_case},
      {"seq", std::to_string(f.event_seq)},
      {"created", std::to_string(f.event_created_at)},
  };
  if (f.transferred_at) row["transferred_at"] = format_time(*f.transferred_at);
  return row;
}

Response show_court_fees(PageContext& ctx) {
  auto fees = list_court_fees(ctx.db(), ctx.actor(), ctx.account_id());
  if (!fees) return ctx.error_page(fees.error());
  mstch::array open, done;
  for (const CourtFee& f : fees->to_transfer) open.push_back(fee_row(ctx, f));
  for (const CourtFee& f : fees->transferred) done.push_back(fee_row(ctx, f));
  const CourtFeePayment& p = fees->payment;
  mstch::map data{
      {"rows", open},
      {"has_rows", !open.empty()},
      {"total", format_kr(fees->total_to_transfer)},
      {"transferred", done},
      {"has_transferred", !done.empty()},
      {"can_write", ctx.can_write()},
      {"pay_configured", p.configured()},
      {"pay_recipient", p.recipient},
      {"pay_reg_no", p.reg_no},
      {"pay_account_no", p.account_no},
      {"pay_note", p.note},
      {"is_operator", ctx.is_operator()},
  };
  return ctx.page("court_fee_list", data, ctx.text("court_fees.title"));
}

Response do_mark_transferred(PageContext& ctx) {
  const Request& req = ctx.req();
  auto number = parse_int(req.form_value("case"));
  auto seq = parse_int(req.form_value("seq"));
  auto created = parse_int(req.form_value("created"));
  if (!number || !seq || !created) return ctx.error_page(not_found("Retsafgiften"));
  auto done = mark_court_fee_transferred(ctx.db(), ctx.clock(), ctx.actor(), ctx.account_id(),
                                         *number, *seq, *created);
  if (!done) return ctx.error_page(done.error());
  return ctx.redirect("/todo/retsafgifter", "flash.court_fees.marked");
}

// ---- The courts' payment details (operators) ----

constexpr std::string_view kPaymentUrl = "/drift/retsafgifter";

Response forbidden_page(PageContext& ctx) {
  return ctx.error_page(make_error(app_error::kForbidden, ctx.text("operations.forbidden")));
}

Response payment_form(PageContext& ctx, const CourtFeePayment& stored, FormState form, int status) {
  mstch::map data{{"action", std::string(kPaymentUrl)}, {"configured", stored.configured()}};
  if (stored.updated_at > 0) data["updated"] = format_time(stored.updated_at);
  form.put_into(data);
  return ctx.page("court_fee_payment", data, ctx.text("court_fee_payment.title"), status);
}

Response show_payment(PageContext& ctx) {
  if (!is_installation_operator(ctx.db(), ctx.actor())) return forbidden_page(ctx);
  const CourtFeePayment p = get_court_fee_payment(ctx.db());
  FormState form;
  form.set("recipient", p.recipient);
  form.set("reg_no", p.reg_no);
  form.set("account_no", p.account_no);
  form.set("note", p.note);
  return payment_form(ctx, p, std::move(form), 200);
}

Response save_payment(PageContext& ctx) {
  if (!is_installation_operator(ctx.db(), ctx.actor())) return forbidden_page(ctx);
  const Request& req = ctx.req();
  CourtFeePayment in;
  in.recipient = req.form_value("recipient");
  in.reg_no = req.form_value("reg_no");
  in.account_no = req.form_value("account_no");
  in.note = req.form_value("note");
  auto saved = set_court_fee_payment(ctx.db(), ctx.clock(), ctx.actor(), in);
  if (!saved) {
    if (saved.error().code != app_error::kInvalid) return ctx.error_page(saved.error());
    // Shown again with what was typed; the stored details are unchanged.
    FormState form;
    form.fill_from(req);
    form.error(saved.error().field.empty() ? "form" : saved.error().field, saved.error().message);
    return payment_form(ctx, get_court_fee_payment(ctx.db()), std::move(form), 422);
  }
  return ctx.redirect(std::string(kPaymentUrl), "flash.court_fee_payment.saved");
}

}  // namespace

void register_court_fee_pages(WebApp& app) {
  app.get("/todo/retsafgifter", Access::account, show_court_fees);
  app.post("/todo/retsafgifter/overfoert", Access::account, do_mark_transferred);
  app.get(kPaymentUrl, Access::user, show_payment);
  app.post(kPaymentUrl, Access::user, save_payment);
}

}  // namespace inkasso::web
