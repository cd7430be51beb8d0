// The letter service's print room (issue 5), for the installation's operators:
//
//   GET  /drift/brevservice          every account's letters waiting to be printed and posted
//   GET  /drift/brevservice/pdf?id=  the chosen letters as one PDF, in the list's order
//   POST /drift/brevservice/sendt    id=...: printed and posted → 'sent' on their cases
//
// Thin, as the creditor's own print list (/udskriv in dispatch_pages.cc): the use cases are in
// app/letter_service.h, which refuse anyone but an operator (403 here with operations.forbidden).
#include "app/letter_service.h"
#include "app/local_time.h"
#include "web/pages.h"
#include "web/view_support.h"

namespace inkasso::web {

namespace {

Response error_page(PageContext& ctx, const Error& e) {
  if (e.code == app_error::kForbidden)
    return ctx.error_page(make_error(app_error::kForbidden, ctx.text("operations.forbidden")));
  return ctx.error_page(e);
}

std::vector<int64_t> ids_of(const Fields& fields) {
  std::vector<int64_t> ids;
  for (const auto& [k, v] : fields)
    if (k == "id")
      if (auto id = parse_int(v); id && *id > 0) ids.push_back(*id);
  return ids;
}

Response show_print_room(PageContext& ctx) {
  auto items = letter_service_queue(ctx.db(), ctx.clock(), ctx.actor());
  if (!items) return error_page(ctx, items.error());
  mstch::array rows;
  for (const PrintItem& i : *items)
    rows.push_back(mstch::map{{"id", std::to_string(i.dispatch_id)},
                              {"account", i.account_name},
                              {"case_number", std::to_string(i.case_number)},
                              {"title", i.title},
                              {"recipient", i.recipient},
                              {"at", format_copenhagen_time(i.send_at)}});
  mstch::map data{
      {"rows", rows}, {"has_rows", !rows.empty()}, {"count", std::to_string(items->size())}};
  return ctx.page("letter_service", data, ctx.text("letter_service.title"));
}

Response download_pdf(PageContext& ctx) {
  auto pdf = letter_service_pdf(ctx.db(), ctx.clock(), ctx.actor(), ids_of(ctx.req().query));
  if (!pdf) return error_page(ctx, pdf.error());
  return Response::pdf(std::move(*pdf), "brevservice-til-print.pdf");
}

Response mark_posted(PageContext& ctx) {
  auto n = mark_letter_service_posted(ctx.db(), ctx.clock(), ctx.actor(), ids_of(ctx.req().form));
  if (!n) return error_page(ctx, n.error());
  return ctx.redirect("/drift/brevservice", "flash.letter_service.marked");
}

}  // namespace

void register_letter_service_pages(WebApp& app) {
  app.get("/drift/brevservice", Access::user, show_print_room);
  app.get("/drift/brevservice/pdf", Access::user, download_pdf);
  app.post("/drift/brevservice/sendt", Access::user, mark_posted);
}

}  // namespace inkasso::web
