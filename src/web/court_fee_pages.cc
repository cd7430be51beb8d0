// Court fees to transfer (app/court_fees.h): `/todo/retsafgifter` lists the account's payment
// orders and enforcement requests whose court fee is not marked transferred (amount, court, the
// courts' payment details) and the latest transferred; POST `/todo/retsafgifter/overfoert` marks
// one transferred (case handler and up). Linked from the TODO page's counter and the digest.
#include "app/court_fees.h"
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

}  // namespace

void register_court_fee_pages(WebApp& app) {
  app.get("/todo/retsafgifter", Access::account, show_court_fees);
  app.post("/todo/retsafgifter/overfoert", Access::account, do_mark_transferred);
}

}  // namespace inkasso::web
