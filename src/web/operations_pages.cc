// The installation's operations ("Drift", issue 5): the index of what an operator of the
// installation keeps (users.h is_installation_operator). The pages themselves are in their own
// modules: the court districts (court_pages.cc), the courts' payment details for court fees
// (court_fee_pages.cc) and the letter service's print room (letter_service_pages.cc). Not an
// account's page: an operator works across accounts.
#include "app/users.h"
#include "web/pages.h"

namespace inkasso::web {

namespace {

Response show_operations(PageContext& ctx) {
  if (!is_installation_operator(ctx.db(), ctx.actor()))
    return ctx.error_page(make_error(app_error::kForbidden, ctx.text("operations.forbidden")));
  return ctx.page("operations", mstch::map{}, ctx.text("operations.title"));
}

}  // namespace

void register_operations_pages(WebApp& app) {
  app.get("/drift", Access::user, show_operations);
}

}  // namespace inkasso::web
