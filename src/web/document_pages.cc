// The documents of a case (issue 5): "Vis dokument" on the case's timeline shows the PDF exactly
// as it was made and sent. Any role of the account may read it; looking at it is not the
// debtor opening it, so nothing is marked opened.
#include "app/letters.h"
#include "web/pages.h"
#include "web/view_support.h"

namespace inkasso::web {

namespace {

Response show_document(PageContext& ctx) {
  auto number = parse_int(ctx.req().param("number"));
  auto id = parse_int(ctx.req().param("id"));
  if (!number || *number <= 0 || !id || *id <= 0) return ctx.error_page(not_found("Dokumentet"));
  auto file = document_pdf(ctx.db(), ctx.actor(), ctx.account_id(), *number, *id);
  if (!file) return ctx.error_page(file.error());
  return Response::pdf(std::move(file->pdf), file->file_name);
}

}  // namespace

void register_document_pages(WebApp& app) {
  app.get("/sager/{number}/dokumenter/{id}", Access::account, show_document);
}

}  // namespace inkasso::web
